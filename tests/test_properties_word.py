"""The ``Properties`` word: a cell of key-value pairs read as a column per key before
the rows are staged (no Odoo). Nothing of the cell is lost: what is no pair, or a key
already filled in its row, is kept in ``<column> (other)``."""

from migration_bridge.services import readers
from migration_bridge.services.profiles.base import Properties

WORD = Properties("Custom Fields", ";", ":")


def read(text):
    [table] = readers.read_csv("prospects.csv", text.encode())
    return WORD.apply(table)


def test_each_key_is_a_column_named_by_its_first_spelling_in_the_cell_s_place():
    table = read(
        "ID,Custom Fields,Name\n"
        '1,"Lot Size (sq ft): 6400; HOA: Yes",Ann\n'
        '2,"LOT SIZE SQ FT: 900; Budget: $3,350.00",Bob\n'
        "3,,Cy\n"
    )
    assert table.headers == ["ID", "Lot Size (sq ft)", "HOA", "Budget", "Name"]
    rows = [row.values for row in table.rows()]
    assert rows == [
        {"ID": "1", "Lot Size (sq ft)": "6400", "HOA": "Yes", "Budget": "", "Name": "Ann"},
        {"ID": "2", "Lot Size (sq ft)": "900", "HOA": "", "Budget": "$3,350.00", "Name": "Bob"},
        {"ID": "3", "Lot Size (sq ft)": "", "HOA": "", "Budget": "", "Name": "Cy"},
    ]
    assert table.counts["rows"] == 3, "every row read is counted once, as it is staged"


def test_what_is_no_pair_or_a_key_already_filled_is_kept_in_the_other_column():
    table = read(
        'ID,Name,Custom Fields\n1,Ann,"Gate code 1234; Name: Annie; Name: Anne"\n2,,"Name: Bob"\n'
    )
    assert table.headers == ["ID", "Name", "Custom Fields (other)"]
    rows = [row.values for row in table.rows()]
    assert rows[0] == {
        "ID": "1",
        "Name": "Ann",
        "Custom Fields (other)": "Gate code 1234; Name: Annie; Name: Anne",
    }
    # a key naming a column the file has fills it where that cell is empty
    assert rows[1] == {"ID": "2", "Name": "Bob", "Custom Fields (other)": ""}


def test_a_table_without_the_column_is_read_as_it_is():
    [table] = readers.read_csv("jobs.csv", b"ID,Total\n1,5\n")
    assert WORD.apply(table) is table
