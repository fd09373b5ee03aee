import io
import zipfile

import openpyxl
import pytest
from conftest import FIXTURES, SAMPLES

from migration_bridge.services.errors import SourceError, UnsafeArchiveError
from migration_bridge.services.readers import list_archive_files, read_sources

BAD = FIXTURES / "bad"


def one_table(name, data):
    (table,) = read_sources(name, data)
    return table


def codes(problems):
    return [p.code for p in problems]


def test_utf8_csv_streams_rows_with_spreadsheet_row_numbers():
    table = one_table("Companies.csv", (SAMPLES / "generic" / "companies.csv").read_bytes())
    assert table.object_name == "companies"
    assert table.detected == {"encoding": "utf-8", "delimiter": ",", "header_row": 1}
    rows = list(table.rows())
    assert len(rows) == 40
    assert rows[0].row == 2 and rows[0].values["Company ID"] == "C1001"
    assert list(table.rows())[0].values == rows[0].values, "rows can be read again"


def test_path_source_reads_the_same():
    path = SAMPLES / "generic" / "deals.csv"
    assert len(list(one_table("deals.csv", path).rows())) == 70


def test_bom_and_crlf():
    table = one_table("b.csv", (BAD / "companies_utf8_bom.csv").read_bytes())
    assert table.detected["encoding"] == "utf-8-sig"
    assert table.headers[0] == "Company ID"
    rows = list(table.rows())
    assert not any("\r" in v for r in rows for v in r.values.values())
    assert "Société Générale des Eaux Test" in [r.values["Company Name"] for r in rows]


def test_cp1251_semicolon():
    data = "Компания;Телефон\nРомашка;+7 495 123 45 67\nЛютик;+7 495 765 43 21\n".encode("cp1251")
    table = one_table("firmen.csv", data)
    assert (table.detected["encoding"], table.detected["delimiter"]) == ("cp1251", ";")
    assert table.headers == ["Компания", "Телефон"]
    assert [r.values["Компания"] for r in table.rows()] == ["Ромашка", "Лютик"]


def test_cp1251_fixture():
    table = one_table("firmen_cp1251.csv", (BAD / "firmen_cp1251.csv").read_bytes())
    assert table.detected["encoding"] == "cp1251"
    assert "ООО «Ромашка»" in [r.values["Company Name"] for r in table.rows()]


def test_tab_and_tsv():
    table = one_table("x.tsv", b"a\tb\n1\t2\n")
    assert table.detected["delimiter"] == "\t"
    assert list(table.rows())[0].values == {"a": "1", "b": "2"}


def test_ragged_rows_keep_every_value():
    table = one_table("r.csv", b"a,b,c\n1,2,3,4\n5,6\n7,8,9\n")
    rows = list(table.rows())
    assert len(rows) == 3
    long, short, fine = rows
    assert codes(long.problems) == ["ragged_row"]
    assert long.values["column 4"] == "4"
    assert "r.csv, row 2: 4 values for 3 columns" in long.problems[0].message
    assert codes(short.problems) == ["ragged_row"] and short.values["c"] == ""
    assert short.problems[0].row == 3 and short.problems[0].column == "c"
    assert not fine.problems


def test_blank_lines_skipped_but_counted():
    rows = list(one_table("b.csv", b"a,b\n1,2\n\n3,4\n").rows())
    assert [r.row for r in rows] == [2, 4]


def test_multiline_cell_row_numbers():
    rows = list(one_table("m.csv", b'a,b\n"x\ny",1\nz,2\n').rows())
    assert [(r.row, r.values["a"]) for r in rows] == [(2, "x\ny"), (4, "z")]


def test_missing_and_duplicate_headers():
    table = one_table("h.csv", b"Name,,Phone,phone\n1,2,3,4\n")
    assert table.headers == ["Name", "column 2", "Phone", "phone (2)"]
    assert codes(table.problems) == ["missing_header", "duplicate_header"]
    assert not any(p.blocking for p in table.problems)
    assert list(table.rows())[0].values == {
        "Name": "1",
        "column 2": "2",
        "Phone": "3",
        "phone (2)": "4",
    }


def test_no_header_is_blocking():
    table = one_table("n.csv", (BAD / "no_header.csv").read_bytes())
    (problem,) = table.problems
    assert problem.code == "no_header" and problem.blocking and problem.row == 1
    assert "row 1 looks like data" in problem.message
    assert list(table.rows()) == []


@pytest.mark.parametrize("data", [b"", b"  \n", b"\xef\xbb\xbf"])
def test_empty_file(data):
    table = one_table("deals.csv", data)
    assert codes(table.problems) == ["empty_file"]
    assert table.problems[0].blocking
    assert table.problems[0].message == "deals.csv: the file is empty"


def test_header_only_is_not_an_error():
    table = one_table("h.csv", b"a,b\n")
    assert not table.problems and list(table.rows()) == []


def test_undecodable_byte_names_row_and_column_and_keeps_the_row():
    table = one_table("contacts_more.csv", (BAD / "contacts_more.csv").read_bytes())
    assert table.detected["encoding"] == "utf-8"
    rows = list(table.rows())
    assert len(rows) == 12
    bad = [p for r in rows for p in r.problems if p.code == "undecodable"]
    assert [(p.row, p.column) for p in bad] == [(11, "Job Title")]
    assert "\ufffd" in rows[9].values["Job Title"]
    assert "b'\\xff'" in bad[0].message


def test_unsupported_type():
    with pytest.raises(SourceError) as error:
        read_sources("notes.docx", b"hello")
    assert error.value.code == "unsupported_type"
    assert error.value.message.startswith("notes.docx: unsupported file type")


def xlsx_bytes():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Companies"
    sheet.append(["Company ID", "Created", "Employees", "Revenue", "VIP"])
    import datetime

    sheet.append(["C1", datetime.datetime(2021, 4, 17, 9, 32), 12, 12.5, True])
    sheet.append(["C2", datetime.datetime(2021, 4, 18), 3.0, None, False])
    other = book.create_sheet("Deals")
    other.append(["Deal ID"])
    other.append(["D1"])
    book.create_sheet("Empty")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_xlsx_sheets_and_typed_cells():
    companies, deals = read_sources("book.xlsx", xlsx_bytes())
    assert (companies.name, companies.object_name) == ("book.xlsx:Companies", "companies")
    assert deals.object_name == "deals"
    first, second = companies.rows()
    assert first.values == {
        "Company ID": "C1",
        "Created": "2021-04-17 09:32:00",
        "Employees": "12",
        "Revenue": "12.5",
        "VIP": "true",
    }
    assert second.values["Created"] == "2021-04-18" and second.values["Employees"] == "3"
    assert second.values["Revenue"] == ""


def test_xlsx_fixture_single_sheet():
    (table,) = read_sources("companies.xlsx", (BAD / "companies.xlsx").read_bytes())
    assert (table.object_name, table.detected["sheet"]) == ("companies", "Companies")
    assert len(list(table.rows())) == 5


def test_broken_xlsx():
    with pytest.raises(SourceError) as error:
        read_sources("book.xlsx", b"not a zip at all")
    assert error.value.code == "bad_file" and "book.xlsx" in error.value.message


def test_zip_of_csv_and_attachments():
    data = (BAD / "sample.zip").read_bytes()
    tables = read_sources("sample.zip", data)
    assert [(t.name, t.object_name) for t in tables] == [
        ("sample.zip/companies.csv", "companies"),
        ("sample.zip/contacts.csv", "contacts"),
    ]
    assert [len(list(t.rows())) for t in tables] == [40, 90]
    assert [name for name, _size in list_archive_files("sample.zip", data)] == [
        "files/brochure.pdf"
    ]


@pytest.mark.parametrize(
    ("name", "member"),
    [
        ("evil_slip.zip", "../evil.csv"),
        ("evil_nested.zip", "inner.zip"),
        ("evil_bomb.zip", "big.csv"),
    ],
)
def test_unsafe_archives(name, member):
    with pytest.raises(UnsafeArchiveError) as error:
        read_sources(name, (BAD / name).read_bytes())
    assert error.value.code == "unsafe_archive"
    assert member in error.value.message and name in error.value.message


def test_absolute_member_and_corrupt_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("/etc/x.csv", "a\n1\n")
    with pytest.raises(UnsafeArchiveError):
        read_sources("abs.zip", buffer.getvalue())
    with pytest.raises(SourceError) as error:
        read_sources("bad.zip", b"PK\x03\x04 broken")
    assert error.value.code == "bad_file"


def test_sources_stored_without_extension_are_read_by_their_name(tmp_path):
    """Odoo's filestore keeps files under a hash: the upload's name decides the reader."""
    stored = tmp_path / "3f" / "3f2a9c"
    stored.parent.mkdir()
    stored.write_bytes((SAMPLES / "generic" / "contacts.csv").read_bytes())
    assert len(list(one_table("contacts.csv", stored).rows())) == 90
    stored.write_bytes(xlsx_bytes())
    assert [t.object_name for t in read_sources("book.xlsx", stored)] == ["companies", "deals"]
    stored.write_bytes((BAD / "sample.zip").read_bytes())
    assert len(read_sources("sample.zip", stored)) == 2
