"""No row lost without a word, on the readers' side.

Per table, every record a reader meets is a row (staged) or a skipped record with
its reason (refused): rows read = rows staged + rows refused, for every reader and
every file we have, hostile ones included. Tables of several files that share an
object name (two pages of one API list, monthly exports, sheets of one name in two
workbooks) are told apart by their table names, and a name is found for one that
must keep an object of its own. A source id too long for an index is refused with
the file, row and column.
"""

import io
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from migration_bridge.services import transform, values
from migration_bridge.services.errors import RowError
from migration_bridge.services.readers import other_object_name, read_sources

ROOT = Path(__file__).resolve().parent.parent
CORPORA = [
    ROOT / "tests" / "hostile",
    ROOT / "tests" / "fixtures_structured",
    ROOT / "migration_bridge" / "data" / "samples",
    ROOT / "migration_bridge" / "tests" / "fixtures",
]
READABLE = {".csv", ".tsv", ".txt", ".xlsx", ".json", ".jsonl", ".ndjson", ".xml", ".zip"}


def corpus_files():
    files = []
    for folder in CORPORA:
        files += [
            p
            for p in folder.rglob("*")
            if p.is_file() and p.suffix.lower() in READABLE and p.name != "expected.json"
        ]
    return sorted(files)


def counted(table):
    """(rows read, rows yielded, rows skipped) of a table, once its rows are streamed."""
    rows = list(table.rows())
    return table.counts.get("records", 0), len(rows), table.counts.get("skipped", 0)


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_row_read_is_staged_or_refused(path):
    for table in read_sources(path.name, path):
        read, staged, refused = counted(table)
        assert read == staged + refused, table.name
        assert table.counts.get("rows", 0) == staged, table.name
        if refused:  # each reason is a problem of the file, never silent
            assert any(p.code == "blank_row" for p in table.stream_problems), table.name


def test_there_are_enough_files_to_say_so():
    assert len(corpus_files()) >= 100


def xlsx(sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


READERS = {
    "csv": ("contacts.csv", b"Id,Name\n1,Ann\n\n2,Bob\n,\n3,Cid\n"),
    "tsv": ("contacts.tsv", b"Id\tName\n1\tAnn\n2\tBob\n"),
    "xlsx": ("contacts.xlsx", xlsx({"Contacts": [["Id", "Name"], [1, "Ann"], [], [2, "Bob"]]})),
    "json array": ("contacts.json", b'[{"id": 1, "name": "Ann"}, {"id": 2}, 3]'),
    "json records key": (
        "contacts.json",
        b'{"items": [{"id": 1, "tags": [{"t": "a"}, {"t": "b"}]}, {"id": 2}], "total": 2}',
    ),
    "json lines": ("contacts.jsonl", b'{"id": 1}\n\nnot json\n{"id": 2}\n'),
    "json object": ("client.json", b'{"id": 1, "name": "Ann", "sites": [{"city": "X"}]}'),
    "xml": (
        "contacts.xml",
        b"<r><contact id='1'><n>Ann</n></contact><contact id='2'/><contact/></r>",
    ),
}


@pytest.mark.parametrize("kind", sorted(READERS))
def test_each_reader_counts_every_record(kind):
    name, data = READERS[kind]
    tables = read_sources(name, data)
    assert tables
    for table in tables:
        read, staged, refused = counted(table)
        assert read == staged + refused, table.name
        assert read, table.name


def test_blank_rows_are_refused_with_their_reason():
    (table,) = read_sources(*READERS["csv"])
    assert counted(table) == (5, 3, 2)
    (problem,) = table.stream_problems
    assert problem.code == "blank_row"
    assert "2 rows were skipped" in problem.message


def test_a_zip_counts_every_member():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("2024/deals.csv", "Id,Name\n1,A\n2,B\n")
        archive.writestr("2025/deals.csv", "Id,Name\n3,C\n\n")
        archive.writestr("notes.json", json.dumps({"items": [{"id": 1}, {"id": 2}]}))
    tables = read_sources("export.zip", buffer.getvalue())
    assert [(t.name, t.object_name) for t in tables] == [
        ("export.zip/2024/deals.csv", "deals"),
        ("export.zip/2025/deals.csv", "deals"),
        ("export.zip/notes.json:items", "items"),
    ]
    assert [counted(t) for t in tables] == [(2, 2, 0), (2, 1, 1), (2, 2, 0)]


# ----------------------------------------------------------------------
# Several files, one object name
# ----------------------------------------------------------------------
def page(*records):
    return json.dumps({"items": list(records), "total": 3}).encode()


def test_pages_of_one_list_share_their_object_name_and_columns():
    """What the readers give the staging: two tables of one object name and the same
    columns, told apart by their names. Staging makes them one object (the Odoo
    test ``test_rows_kept`` checks every row is staged)."""
    first = read_sources("contacts_page1.json", page({"id": 1, "n": "A"}, {"id": 2, "n": "B"}))
    second = read_sources("contacts_page2.json", page({"id": 3, "n": "C"}))
    (one,), (two,) = first, second
    assert (one.name, two.name) == ("contacts_page1.json:items", "contacts_page2.json:items")
    assert one.object_name == two.object_name == "items"
    assert set(one.headers) == set(two.headers) == {"id", "n"}
    assert counted(one)[1] + counted(two)[1] == 3


def test_monthly_exports_are_objects_of_their_own():
    tables = [
        read_sources(name, b"Id,Title\nD1,Deal\n")[0]
        for name in ("deals_2024-01.csv", "deals_2024-02.csv")
    ]
    assert [t.object_name for t in tables] == ["deals_2024-01", "deals_2024-02"]


def test_sheets_of_one_name_in_two_workbooks_share_their_object_name():
    sheets = {"Contacts": [["Id", "Name"], [1, "Ann"]], "Deals": [["Id", "Title"], [1, "X"]]}
    one = read_sources("book1.xlsx", xlsx(sheets))
    two = read_sources("book2.xlsx", xlsx(sheets))
    assert [t.object_name for t in one] == [t.object_name for t in two] == ["contacts", "deals"]
    assert [t.name for t in two] == ["book2.xlsx:Contacts", "book2.xlsx:Deals"]


@pytest.mark.parametrize(
    ("table_name", "object_name", "expected"),
    [
        ("contacts_page2.json:items", "items", "contacts_page2.items"),
        ("book2.xlsx:Contacts", "contacts", "book2.contacts"),
        ("export.zip/2025/deals.csv", "deals", "2025.deals"),
        ("export.zip/deals.csv", "deals", "export.deals"),
        ("export.zip/notes.json:data.items", "data.items", "notes.data.items"),
        ("Deals.csv", "deals", "deals"),  # nothing tells it apart: numbered by the caller
    ],
)
def test_a_table_of_other_columns_gets_a_name_of_its_own(table_name, object_name, expected):
    assert other_object_name(table_name, object_name) == expected


# ----------------------------------------------------------------------
# Values too long for an index
# ----------------------------------------------------------------------
def test_what_fits_an_index():
    assert values.fits_index("C1001")
    assert values.fits_index("x" * values.INDEX_MAX_BYTES)
    assert not values.fits_index("x" * (values.INDEX_MAX_BYTES + 1))
    # bytes, not characters: 700 Cyrillic letters take 1,400 bytes, 1,100 take 2,200
    assert values.fits_index("я" * 700)
    assert not values.fits_index("я" * 1100)
    assert values.shown("x" * 100, 5) == "'xxxxx'… (100 characters)"


def plan(**kwargs):
    columns = [
        transform.Column("Id", "x_source_id"),
        transform.Column("Name", "name"),
    ]
    return transform.ObjectPlan(
        name="contacts.csv", kind="contact", model="res.partner", columns=columns, **kwargs
    )


def test_a_source_id_too_long_for_an_index_is_refused_with_file_row_and_column():
    huge = "X" * 600_000
    with pytest.raises(RowError) as raised:
        transform.transform_row(plan(), 7, {"Id": huge, "Name": "Ann"})
    error = raised.value
    assert (error.code, error.column) == ("key_too_long", "Id")
    assert error.message.startswith("contacts.csv, row 7, column 'Id': a source id of 600000")
    assert len(error.message) < 1000  # the value is not copied into the message
    # an ordinary id loads
    row = transform.transform_row(plan(), 8, {"Id": "C1", "Name": "Ann"})
    assert row.source_id == "C1"


def test_the_key_limit_counts_the_kind_the_record_key_carries():
    limit = values.INDEX_MAX_BYTES - len("contact:")
    transform.check_key_size(plan(), 2, "x" * limit)
    with pytest.raises(RowError):
        transform.check_key_size(plan(), 2, "x" * (limit + 1))
