import datetime
import io
import os
import zipfile
from collections.abc import Iterator

import openpyxl
import pytest

from migration_bridge.services import readers
from migration_bridge.services.errors import SourceError, UnsafeArchiveError, UnsupportedFileError
from migration_bridge.services.readers import list_archive_files, read_sources

CONTACTS = (
    "Contact ID,Name,Email,City\n"
    "P1, Anna Müller ,anna@example.com,Köln\n"
    "P2,Jan Novák,jan@example.com,Brno\n"
)


def one_table(name, data):
    (table,) = read_sources(name, data)
    return table


def codes(problems):
    return [p.code for p in problems]


def rows_of(table):
    return [(row.row, row.values) for row in table.rows()]


def zip_bytes(members, compression=zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return buffer.getvalue()


def xlsx_bytes(sheets):
    """An XLSX with one sheet per (title, rows) item; the first sheet reuses the default."""
    book = openpyxl.Workbook()
    for index, (title, rows) in enumerate(sheets.items()):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = title
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ----------------------------------------------------------------------
# CSV: the table, its rows, streaming
# ----------------------------------------------------------------------
def test_utf8_csv_table_and_rows():
    table = one_table("Contacts.csv", CONTACTS.encode("utf-8"))
    assert (table.name, table.object_name, table.file_type) == (
        "Contacts.csv",
        "contacts",
        "csv",
    )
    assert table.headers == ["Contact ID", "Name", "Email", "City"]
    assert table.detected == {"encoding": "utf-8", "delimiter": ",", "header_row": 1}
    assert table.problems == []
    assert rows_of(table) == [
        (
            2,
            {
                "Contact ID": "P1",
                "Name": "Anna Müller",
                "Email": "anna@example.com",
                "City": "Köln",
            },
        ),
        (3, {"Contact ID": "P2", "Name": "Jan Novák", "Email": "jan@example.com", "City": "Brno"}),
    ]
    assert all(row.problems == [] for row in table.rows())


def test_rows_stream_and_are_read_again_from_the_source(tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(CONTACTS, encoding="utf-8")
    table = one_table("contacts.csv", path)
    assert isinstance(table.rows(), Iterator)
    first = rows_of(table)
    assert first == rows_of(table), "a second call reads the rows again"
    path.write_text(CONTACTS + "P3,Eve,eve@example.com,Oslo\n", encoding="utf-8")
    assert [r.values["Name"] for r in table.rows()] == ["Anna Müller", "Jan Novák", "Eve"]


def test_path_source_without_extension_is_read_by_the_upload_name(tmp_path):
    stored = tmp_path / "3f" / "3f2a9c"
    stored.parent.mkdir()
    stored.write_bytes(CONTACTS.encode("utf-8"))
    table = one_table("Contacts.csv", str(stored))
    assert table.object_name == "contacts"
    assert rows_of(table) == rows_of(one_table("Contacts.csv", CONTACTS.encode("utf-8")))


def test_object_names():
    assert readers.object_name_for("Open Deals.csv") == "open_deals"
    assert readers.object_name_for("export/2024/Companies.CSV") == "companies"
    assert one_table("My  Leads.txt", b"a\n1\n").object_name == "my_leads"


# ----------------------------------------------------------------------
# CSV: encodings
# ----------------------------------------------------------------------
def test_bom_and_crlf():
    data = "\ufeffCompany ID,Company Name\r\nC1,Société Générale\r\nC2,Acme\r\n".encode()
    table = one_table("b.csv", data)
    assert table.detected["encoding"] == "utf-8-sig"
    assert table.headers == ["Company ID", "Company Name"]
    rows = list(table.rows())
    assert [r.values["Company Name"] for r in rows] == ["Société Générale", "Acme"]
    assert not any("\r" in v or "\ufeff" in v for r in rows for v in r.values.values())


def test_cp1251_cyrillic_semicolon():
    data = "Компания;Телефон\nРомашка;+7 495 123 45 67\nЛютик;+7 495 765 43 21\n".encode("cp1251")
    table = one_table("firmen.csv", data)
    assert (table.detected["encoding"], table.detected["delimiter"]) == ("cp1251", ";")
    assert table.headers == ["Компания", "Телефон"]
    assert rows_of(table) == [
        (2, {"Компания": "Ромашка", "Телефон": "+7 495 123 45 67"}),
        (3, {"Компания": "Лютик", "Телефон": "+7 495 765 43 21"}),
    ]
    assert not any(r.problems for r in table.rows())


@pytest.mark.parametrize(
    "text",
    ["Name,City\nJosé,Zürich\nRenée,Besançon\n", "Name,City\nJosé,Paris\nAnna,Rome\n"],
    ids=["several", "one accent"],
)
def test_cp1252_western_file_is_not_taken_for_utf8_or_cyrillic(text):
    table = one_table("w.csv", text.encode("cp1252"))
    assert table.detected["encoding"] == "cp1252"
    lines = text.splitlines()[1:]
    expected = [dict(zip(["Name", "City"], line.split(","), strict=True)) for line in lines]
    assert [r.values for r in table.rows()] == expected
    assert not any(r.problems for r in table.rows())


def test_encoding_is_detected_past_the_first_64_kib(tmp_path):
    head = "Name,City\n" + "John,London\n" * 7000
    tail = "Иван Петров,Москва\nОльга Смирнова,Санкт-Петербург\n" * 20
    path = tmp_path / "late.csv"
    path.write_bytes(head.encode("ascii") + tail.encode("cp1251"))
    assert path.stat().st_size > readers.SNIFF_BYTES
    table = one_table("late.csv", path)
    assert table.detected["encoding"] == "cp1251"
    rows = list(table.rows())
    assert rows[-1].values == {"Name": "Ольга Смирнова", "City": "Санкт-Петербург"}
    assert rows[-1].row == 7000 + 40 + 1
    assert not any(r.problems for r in rows)


def test_undecodable_byte_names_row_and_column_and_keeps_the_row():
    data = (
        b"Name,Job Title,City\n"
        b"M\xc3\xbcller,Gesch\xc3\xa4ftsf\xc3\xbchrer,K\xc3\xb6ln\n"
        b"Schneider,Einkaufs\xffleiter,Berlin\n"
        b"Lef\xc3\xa8vre,Acheteur,Lille\n"
    )
    table = one_table("contacts.csv", data)
    assert table.detected["encoding"] == "utf-8"
    rows = list(table.rows())
    assert [r.values["Name"] for r in rows] == ["Müller", "Schneider", "Lefèvre"]
    bad = rows[1]
    assert bad.row == 3
    assert bad.values == {
        "Name": "Schneider",
        "Job Title": "Einkaufs\ufffdleiter",
        "City": "Berlin",
    }
    (problem,) = bad.problems
    assert (problem.code, problem.row, problem.column, problem.blocking) == (
        "undecodable",
        3,
        "Job Title",
        False,
    )
    assert problem.message == (
        "contacts.csv, row 3, column 'Job Title': bytes that are not valid utf-8 (b'\\xff'); "
        "the value was kept with replacement characters; fix the file encoding and upload again"
    )
    assert rows[0].problems == [] and rows[2].problems == []


def test_undecodable_bytes_in_header_and_extra_cell():
    data = "Név,Város\n".encode() + b"a\xfe,b,c\xff\n" + "Ödön,Győr\n".encode()
    table = one_table("h.csv", data)
    assert table.detected["encoding"] == "utf-8"
    assert table.headers == ["Név", "Város"]
    (row, _fine) = table.rows()
    assert codes(row.problems) == ["ragged_row", "undecodable", "undecodable"]
    assert [p.column for p in row.problems[1:]] == ["Név", "column 3"]
    assert row.values == {"Név": "a\ufffd", "Város": "b", "column 3": "c\ufffd"}

    header_bad = one_table("h.csv", b"N\xc3\xa9v,Vil\xffle\nx,y\n")
    (problem,) = header_bad.problems
    assert (problem.code, problem.row, problem.column) == ("undecodable", 1, "column 2")
    assert header_bad.headers == ["Név", "Vil\ufffdle"]


# ----------------------------------------------------------------------
# CSV: delimiters, quoting, line numbers
# ----------------------------------------------------------------------
def test_semicolon_with_decimal_commas():
    table = one_table("s.csv", b"Name;Amount;Note\nAcme;1,5;a, b\nBeta;2,25;c\n")
    assert table.detected["delimiter"] == ";"
    assert [r.values["Amount"] for r in table.rows()] == ["1,5", "2,25"]


def test_tab_in_csv_and_tsv():
    table = one_table("x.csv", b"a\tb\n1\t2\n")
    assert table.detected["delimiter"] == "\t"
    assert rows_of(table) == [(2, {"a": "1", "b": "2"})]
    assert one_table("x.tsv", b"a\tb\n1\t2\n").detected["delimiter"] == "\t"


def test_pipe_delimiter():
    table = one_table("p.csv", b"a|b|c\n1|2|3\n4|5|6\n")
    assert table.detected["delimiter"] == "|"
    assert table.headers == ["a", "b", "c"]


def test_single_column_falls_back_to_the_default_delimiter():
    assert one_table("one.csv", b"Name\nAlice\nBob\n").detected["delimiter"] == ","
    assert one_table("one.tsv", b"Name\nAlice\nBob\n").detected["delimiter"] == "\t"


def test_quoted_delimiters_and_multiline_cells_keep_spreadsheet_row_numbers():
    data = b'a,b\n"x, y\nand z",1\nplain,2\n\n"q ""quoted""",3\n'
    assert rows_of(one_table("m.csv", data)) == [
        (2, {"a": "x, y\nand z", "b": "1"}),
        (4, {"a": "plain", "b": "2"}),
        (6, {"a": 'q "quoted"', "b": "3"}),
    ]


def test_blank_lines_are_skipped_but_counted():
    data = b"a,b\n1,2\n\n   \n,\n3,4\n"
    assert [r.row for r in one_table("b.csv", data).rows()] == [2, 6]


def test_header_and_values_are_stripped():
    table = one_table("s.csv", b" Name , City \n  Anna  ,  Paris de France \n")
    assert table.headers == ["Name", "City"]
    assert rows_of(table) == [(2, {"Name": "Anna", "City": "Paris de France"})]


# ----------------------------------------------------------------------
# CSV: ragged rows
# ----------------------------------------------------------------------
def test_row_with_more_values_keeps_the_extra_ones():
    table = one_table("contacts.csv", b"a,b,c\n1,2,3,foo,bar\n4,5,6\n")
    long, fine = table.rows()
    assert long.values == {"a": "1", "b": "2", "c": "3", "column 4": "foo", "column 5": "bar"}
    (problem,) = long.problems
    assert (problem.code, problem.row, problem.column, problem.blocking) == (
        "ragged_row",
        2,
        "column 4",
        False,
    )
    assert problem.message == (
        "contacts.csv, row 2: 5 values for 3 columns; the extra value 'foo' has no column"
    )
    assert fine.problems == []


def test_row_with_fewer_values_gets_empty_cells():
    table = one_table("contacts.csv", b"a,b,c,d\n1,2,3,4\n5,6\n")
    _fine, short = table.rows()
    assert short.values == {"a": "5", "b": "6", "c": "", "d": ""}
    (problem,) = short.problems
    assert (problem.code, problem.row, problem.column) == ("ragged_row", 3, "c")
    assert problem.message.startswith("contacts.csv, row 3: 2 values for 4 columns")


def test_trailing_delimiters_are_not_ragged():
    table = one_table("t.csv", b"a,b,\n1,2,\n3,4,,\n")
    assert table.headers == ["a", "b"] and table.problems == []
    assert [(r.values, r.problems) for r in table.rows()] == [
        ({"a": "1", "b": "2"}, []),
        ({"a": "3", "b": "4"}, []),
    ]


# ----------------------------------------------------------------------
# CSV: header rules
# ----------------------------------------------------------------------
def test_missing_header():
    table = one_table("m.csv", b"Name,,Phone\nAnna,x,123\n")
    assert table.headers == ["Name", "column 2", "Phone"]
    (problem,) = table.problems
    assert (problem.code, problem.blocking, problem.row, problem.column) == (
        "missing_header",
        False,
        1,
        "column 2",
    )
    assert problem.message.startswith("m.csv: column 2 has no header")
    assert rows_of(table) == [(2, {"Name": "Anna", "column 2": "x", "Phone": "123"})]


def test_duplicate_headers_are_renamed_and_nothing_is_lost():
    table = one_table("d.csv", b"Phone,Email,phone,Phone\n1,a@x.example,2,3\n")
    assert table.headers == ["Phone", "Email", "phone (2)", "Phone (3)"]
    assert codes(table.problems) == ["duplicate_header", "duplicate_header"]
    assert not any(p.blocking for p in table.problems)
    first, second = table.problems
    assert "columns 1 and 3 are both named 'phone'" in first.message
    assert first.message.startswith("d.csv: ") and first.column == "phone (2)"
    assert "columns 1 and 4 are both named 'Phone'" in second.message
    assert list(table.rows())[0].values == {
        "Phone": "1",
        "Email": "a@x.example",
        "phone (2)": "2",
        "Phone (3)": "3",
    }


def test_duplicate_of_a_renamed_header():
    table = one_table("d.csv", b"A,A,A (2)\n1,2,3\n")
    assert table.headers == ["A", "A (2)", "A (2) (2)"]
    assert len(set(table.headers)) == 3


@pytest.mark.parametrize(
    "header",
    [
        b"1501,info@acme.example,+49 30 1234567,2021-03-04",
        b"12,13.5,2024-01-01",
        b"#,%,--",
    ],
)
def test_no_header_is_blocking(header):
    table = one_table(
        "companies.csv", header + b"\n1502,x@acme.example,+49 30 7654321,2021-03-05\n"
    )
    (problem,) = table.problems
    assert (problem.code, problem.blocking, problem.row) == ("no_header", True, 1)
    assert problem.message.startswith("companies.csv: row 1 looks like data, not a header row (")
    assert "add a header row naming each column" in problem.message
    assert list(table.rows()) == []


def test_no_header_message_shows_the_first_values():
    table = one_table("c.csv", b"1501,info@acme.example,+49 30 1234567,2021-03-04,7\n")
    assert "('1501', 'info@acme.example', '+49 30 1234567', '2021-03-04', …)" in (
        table.problems[0].message
    )


def test_blank_first_row_is_no_header():
    table = one_table("c.csv", b"\nName,City\nAnna,Paris\n")
    (problem,) = table.problems
    assert (problem.code, problem.blocking) == ("no_header", True)
    assert "row 1 is empty" in problem.message


def test_header_with_some_numbers_is_a_header():
    table = one_table("y.csv", b"Region,2023,2024\nNorth,1,2\n")
    assert table.problems == [] and table.headers == ["Region", "2023", "2024"]


# ----------------------------------------------------------------------
# CSV: empty files
# ----------------------------------------------------------------------
@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf\n \n"])
def test_empty_file(data):
    table = one_table("deals.csv", data)
    (problem,) = table.problems
    assert (problem.code, problem.blocking, problem.file) == ("empty_file", True, "deals.csv")
    assert problem.message == "deals.csv: the file is empty"
    assert table.headers == [] and list(table.rows()) == []


def test_empty_file_on_disk(tmp_path):
    path = tmp_path / "deals.csv"
    path.write_bytes(b"")
    assert codes(one_table("deals.csv", path).problems) == ["empty_file"]


@pytest.mark.parametrize("data", [b"a,b\n", b"a,b", b"a,b\n\n\n"])
def test_header_only_is_not_an_error(data):
    table = one_table("h.csv", data)
    assert table.headers == ["a", "b"]
    assert table.problems == [] and list(table.rows()) == []


# ----------------------------------------------------------------------
# Dispatch
# ----------------------------------------------------------------------
def test_readers_dispatch_table():
    assert set(readers.READERS) == {
        ".csv",
        ".txt",
        ".tsv",
        ".xlsx",
        ".zip",
        ".json",
        ".jsonl",
        ".ndjson",
        ".xml",
    }


@pytest.mark.parametrize(
    ("filename", "extension"), [("notes.docx", ".docx"), ("old.XLS", ".xls"), ("README", "(none)")]
)
def test_unsupported_type(filename, extension):
    with pytest.raises(UnsupportedFileError) as error:
        read_sources(filename, b"hello")
    assert error.value.code == "unsupported_type"
    assert error.value.file == filename
    assert error.value.message == (
        '%s: unsupported file type "%s"; upload CSV, XLSX, JSON, XML or a ZIP of them'
        % (filename, extension)
    )


def test_extension_is_case_insensitive():
    assert one_table("DATA.CSV", b"a\n1\n").headers == ["a"]


# ----------------------------------------------------------------------
# XLSX
# ----------------------------------------------------------------------
TYPED = {
    "Companies": [
        ["Company ID", "Created", "Employees", "Revenue", "VIP", "Founded", "Opens", None],
        ["C1", datetime.datetime(2021, 4, 17, 9, 32), 12, 12.5, True, None, None],
        ["C2", datetime.datetime(2021, 4, 18), 3.0, None, False, datetime.date(1999, 1, 2)],
        [None, None, None, None, None],
        ["C4", None, -7, 0.1, None, None, datetime.time(8, 30)],
    ],
    "Open Deals": [["Deal ID", "Amount"], ["D1", 1000.0]],
    "Empty": [],
}


def test_xlsx_sheets_and_typed_cells():
    companies, deals = read_sources("book.xlsx", xlsx_bytes(TYPED))
    assert (companies.name, companies.object_name, companies.file_type) == (
        "book.xlsx:Companies",
        "companies",
        "xlsx",
    )
    assert companies.detected == {"sheet": "Companies", "header_row": 1}
    assert (deals.name, deals.object_name) == ("book.xlsx:Open Deals", "open_deals")
    assert companies.headers == [
        "Company ID",
        "Created",
        "Employees",
        "Revenue",
        "VIP",
        "Founded",
        "Opens",
    ]
    assert rows_of(companies) == [
        (
            2,
            {
                "Company ID": "C1",
                "Created": "2021-04-17 09:32:00",
                "Employees": "12",
                "Revenue": "12.5",
                "VIP": "true",
                "Founded": "",
                "Opens": "",
            },
        ),
        (
            3,
            {
                "Company ID": "C2",
                "Created": "2021-04-18",
                "Employees": "3",
                "Revenue": "",
                "VIP": "false",
                "Founded": "1999-01-02",
                "Opens": "",
            },
        ),
        (
            5,
            {
                "Company ID": "C4",
                "Created": "",
                "Employees": "-7",
                "Revenue": "0.1",
                "VIP": "",
                "Founded": "",
                "Opens": "08:30:00",
            },
        ),
    ]
    assert rows_of(deals) == [(2, {"Deal ID": "D1", "Amount": "1000"})]
    assert all(not r.problems for r in companies.rows())


def test_xlsx_single_sheet_is_named_after_the_file(tmp_path):
    data = xlsx_bytes({"Sheet1": [["Name"], ["Anna"]], "Notes": []})
    path = tmp_path / "stored-without-extension"
    path.write_bytes(data)
    for source in (data, path):
        (table,) = read_sources("Leads.xlsx", source)
        assert (table.name, table.object_name) == ("Leads.xlsx", "leads")
        assert table.detected == {"sheet": "Sheet1", "header_row": 1}
        assert rows_of(table) == [(2, {"Name": "Anna"})]


def test_xlsx_header_rules_and_extra_cells():
    data = xlsx_bytes(
        {
            "S": [
                ["Name", None, "name", 2024],
                ["Anna", "x", "y", 1, "extra"],
            ]
        }
    )
    table = one_table("h.xlsx", data)
    assert table.headers == ["Name", "column 2", "name (2)", "2024"]
    assert codes(table.problems) == ["missing_header", "duplicate_header"]
    (row,) = table.rows()
    assert row.values["column 5"] == "extra"
    assert codes(row.problems) == ["ragged_row"]
    assert row.problems[0].message.startswith("h.xlsx, row 2: 5 values for 4 columns")


def test_xlsx_no_header_and_blank_first_row():
    book = xlsx_bytes({"Data": [[1501, "info@acme.example"], [1502, "b@acme.example"]]})
    (table,) = read_sources("b.xlsx", book)
    assert codes(table.problems) == ["no_header"] and list(table.rows()) == []
    blank_first = xlsx_bytes({"Data": [[None], ["Name"], ["Anna"]]})
    (table,) = read_sources("b.xlsx", blank_first)
    assert table.problems[0].blocking and "row 1 is empty" in table.problems[0].message


def test_xlsx_without_any_value_has_no_table():
    assert read_sources("e.xlsx", xlsx_bytes({"A": [], "B": []})) == []


@pytest.mark.parametrize(
    "data",
    [b"not a zip at all", zip_bytes({"hello.txt": "hi"}), b""],
    ids=["text", "zip", "empty"],
)
def test_broken_xlsx(data):
    table = one_table("book.xlsx", data)
    (problem,) = table.problems
    assert (problem.code, problem.file, problem.blocking) == ("bad_file", "book.xlsx", True)
    assert problem.message.startswith("book.xlsx: not a readable XLSX workbook")
    assert (table.name, table.file_type, list(table.rows())) == ("book.xlsx", "xlsx", [])


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (12, "12"),
        (12.0, "12"),
        (12.5, "12.5"),
        (0.1 + 0.2, "0.30000000000000004"),
        (datetime.datetime(2024, 3, 5), "2024-03-05"),
        (datetime.datetime(2024, 3, 5, 7, 8, 9), "2024-03-05 07:08:09"),
        (datetime.date(2024, 3, 5), "2024-03-05"),
        (datetime.time(7, 8, 9, 500), "07:08:09"),
        ("  text ", "text"),
    ],
)
def test_cell_text(value, text):
    assert readers.cell_text(value) == text


# ----------------------------------------------------------------------
# ZIP
# ----------------------------------------------------------------------
PDF = b"%PDF-1.4 tiny\n%%EOF\n"


def sample_zip():
    return zip_bytes(
        {
            "companies.csv": "Company ID,Name\nC1,Acme\nC2,Beta\n",
            "export/Contacts.csv": "Contact ID,Name\nP1,Anna\n",
            "files/": "",
            "files/brochure.pdf": PDF,
            "__MACOSX/._companies.csv": "junk",
            ".DS_Store": "junk",
            "files/.hidden.csv": "a\n1\n",
        }
    )


def test_zip_of_csv_and_attachments():
    data = sample_zip()
    tables = read_sources("archive.zip", data)
    assert [(t.name, t.object_name, t.file_type) for t in tables] == [
        ("archive.zip/companies.csv", "companies", "csv"),
        ("archive.zip/export/Contacts.csv", "contacts", "csv"),
    ]
    assert [len(list(t.rows())) for t in tables] == [2, 1]
    assert list(tables[1].rows())[0].values == {"Contact ID": "P1", "Name": "Anna"}
    assert list_archive_files("archive.zip", data) == [("files/brochure.pdf", len(PDF))]


def test_zip_from_path_and_with_an_xlsx(tmp_path):
    book = xlsx_bytes({"Companies": [["ID"], ["C1"]], "Deals": [["ID"], ["D1"], ["D2"]]})
    path = tmp_path / "upload"
    path.write_bytes(zip_bytes({"book.xlsx": book, "empty.csv": ""}))
    tables = read_sources("a.zip", path)
    assert [(t.name, t.object_name) for t in tables] == [
        ("a.zip/book.xlsx:Companies", "companies"),
        ("a.zip/book.xlsx:Deals", "deals"),
        ("a.zip/empty.csv", "empty"),
    ]
    assert [len(list(t.rows())) for t in tables] == [1, 2, 0]
    assert codes(tables[2].problems) == ["empty_file"]
    assert tables[2].problems[0].message == "a.zip/empty.csv: the file is empty"
    assert list_archive_files("a.zip", path) == []


@pytest.mark.parametrize(
    "member",
    ["../evil.csv", "data/../../evil.csv", "/etc/evil.csv", "..\\evil.csv", "C:/evil.csv"],
)
def test_zip_slip_is_refused_alone(member):
    data = zip_bytes({"companies.csv": "a\n1\n", member: "a\n1\n", "files/x.pdf": PDF})
    (table,) = read_sources("evil.zip", data)
    assert table.name == "evil.zip/companies.csv" and len(list(table.rows())) == 1
    (problem,) = table.problems
    assert (problem.code, problem.file, problem.column) == ("unsafe_archive", "evil.zip", member)
    assert not problem.blocking and not table.blocked
    assert problem.message == (
        "evil.zip: member %r was not read: it would be written outside its folder; "
        "the other files of the archive were read" % member
    )
    assert list_archive_files("evil.zip", data) == [("files/x.pdf", len(PDF))]
    with pytest.raises(SourceError, match="outside its folder"):
        with readers.open_archive_file("evil.zip", data, member):
            pass


def test_nested_archive_is_refused_alone():
    data = zip_bytes({"companies.csv": "a\n1\n", "inner.zip": zip_bytes({"x.csv": "a\n1\n"})})
    (table,) = read_sources("outer.zip", data)
    assert table.name == "outer.zip/companies.csv" and len(list(table.rows())) == 1
    (problem,) = table.problems
    assert (problem.code, problem.column) == ("unsafe_archive", "inner.zip")
    assert "an archive inside the archive" in problem.message


def symlink_zip(target):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("companies.csv", "a\n1\n")
        link = zipfile.ZipInfo("link.csv")
        link.external_attr = (0o120777 << 16) | 0x20
        archive.writestr(link, target)
    return buffer.getvalue()


def test_symlink_member_is_refused_alone():
    data = symlink_zip("/etc/passwd")
    (table,) = read_sources("links.zip", data)
    assert table.name == "links.zip/companies.csv"
    (problem,) = table.problems
    assert (problem.code, problem.column) == ("unsafe_archive", "link.csv")
    assert "symbolic link" in problem.message


def test_zip_bomb_ratio_is_refused():
    data = zip_bytes({"big.csv": b"a\n" + b"0" * (2 * 1024 * 1024)})
    (table,) = read_sources("bomb.zip", data)
    assert (table.name, table.file_type, table.blocked) == ("bomb.zip", "zip", True)
    (problem,) = table.problems
    assert (problem.code, problem.file, problem.column) == (
        "unsafe_archive",
        "bomb.zip",
        "big.csv",
    )
    assert "zip bomb" in problem.message and list(table.rows()) == []


def test_duplicate_member_names_read_the_first_only():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.csv", "n\nfirst\n")
        with pytest.warns(UserWarning):
            archive.writestr("a.csv", "n\nsecond\n")
    (table,) = read_sources("d.zip", buffer.getvalue())
    assert [r.values["n"] for r in table.rows()] == ["first"]
    assert codes(table.problems) == ["unsafe_archive"]
    assert "the same name" in table.problems[0].message


def test_compressible_but_small_or_incompressible_members_are_fine():
    small = b"a\n" + b"0\n" * 200_000  # ~400 KiB of one digit: a high ratio but under 1 MiB
    big = b"a\n" + os.urandom(1024 * 1024).hex().encode()[: 2 * 1024 * 1024]
    tables = read_sources("ok.zip", zip_bytes({"small.csv": small, "big.csv": big}))
    assert [t.object_name for t in tables] == ["small", "big"]
    assert len(list(tables[0].rows())) == 200_000


def test_too_many_members_is_refused():
    members = {"f%04d.pdf" % i: "" for i in range(readers.ZIP_MAX_MEMBERS + 1)}
    (table,) = read_sources("many.zip", zip_bytes(members))
    (problem,) = table.problems
    assert problem.blocking and "1001 files, more than 1000" in problem.message
    with pytest.raises(UnsafeArchiveError, match="1001 files, more than 1000"):
        list_archive_files("many.zip", zip_bytes(members))


def test_declared_total_size_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(readers.zip, "ZIP_MAX_TOTAL", 1000)
    data = zip_bytes({"a.csv": "a\n" + "1\n" * 300, "b.csv": "b\n" + "2\n" * 300})
    (table,) = read_sources("big.zip", data)
    assert table.blocked and "bytes once unpacked, more than 1000" in table.problems[0].message


def test_member_over_the_size_cap_is_refused(monkeypatch):
    monkeypatch.setattr(readers.zip, "ZIP_MAX_MEMBER", 100)
    data = zip_bytes({"a.csv": "a\n" + "1\n" * 100, "b.csv": "b\n2\n"})
    (table,) = read_sources("big.zip", data)
    assert table.name == "big.zip/b.csv" and len(list(table.rows())) == 1
    (problem,) = table.problems
    assert (problem.code, problem.file, problem.column) == ("too_large", "big.zip", "a.csv")


@pytest.mark.parametrize(
    "data", [b"PK\x03\x04 broken", b"", b"plain text"], ids=["header", "empty", "text"]
)
def test_corrupt_zip(data):
    (table,) = read_sources("bad.zip", data)
    (problem,) = table.problems
    assert (problem.code, problem.blocking) == ("bad_file", True)
    assert problem.message == "bad.zip: not a readable ZIP archive"
    with pytest.raises(SourceError) as error:
        list_archive_files("bad.zip", data)
    assert error.value.message == "bad.zip: not a readable ZIP archive"


def test_corrupt_member_names_the_member():
    data = bytearray(
        zip_bytes({"c.csv": "name\nAnna\n", "d.csv": "name\nEve\n"}, zipfile.ZIP_STORED)
    )
    start = data.index(b"Anna")
    data[start : start + 4] = b"Omar"
    broken, fine = read_sources("bad.zip", bytes(data))
    (problem,) = broken.problems
    assert (broken.name, problem.code, problem.blocking) == ("bad.zip/c.csv", "bad_file", True)
    assert problem.message.startswith("bad.zip/c.csv: cannot be unpacked")
    assert [r.values for r in fine.rows()] == [{"name": "Eve"}]


# ----------------------------------------------------------------------
# Hostile text: quotes, encodings, binary content, control characters, limits
# ----------------------------------------------------------------------
def test_unclosed_quote_does_not_swallow_the_rows_after_it():
    data = b'id,name,note\n1,Acme,"never closed\n2,Beta,fine\n3,Gamma,"x" y\n4,Delta,ok\n'
    table = one_table("q.csv", data)
    rows = list(table.rows())
    assert [(r.row, r.values["name"]) for r in rows] == [
        (2, "Acme"),
        (3, "Beta"),
        (4, "Gamma"),
        (5, "Delta"),
    ]
    assert rows[0].values["note"] == '"never closed'
    (problem,) = rows[0].problems
    assert (problem.code, problem.row, problem.column) == ("unclosed_quote", 2, "note")
    assert "closes only on line 4" in problem.message
    assert not any(r.problems for r in rows[1:])


def test_quote_open_at_the_end_of_the_file():
    table = one_table("q.csv", b'id,note\n1,"multi\nline"\n2,"open\n3,after\n')
    rows = list(table.rows())
    assert [(r.row, r.values["note"]) for r in rows] == [
        (2, "multi\nline"),
        (4, '"open'),
        (5, "after"),
    ]
    assert codes(rows[1].problems) == ["unclosed_quote"]
    assert "runs to the end of the file" in rows[1].problems[0].message
    assert table.counts == {"records": 3, "rows": 3, "skipped": 0}


def test_record_over_the_limit_is_a_row_with_a_problem(monkeypatch):
    monkeypatch.setattr(readers.csv, "RECORD_LIMIT", 50)
    data = b"a,b\n1,2\n3," + b"x" * 200 + b"\n4,5\n"
    rows = list(one_table("long.csv", data).rows())
    assert [(r.row, r.values) for r in rows] == [
        (2, {"a": "1", "b": "2"}),
        (3, {"a": "", "b": ""}),
        (4, {"a": "4", "b": "5"}),
    ]
    assert codes(rows[1].problems) == ["too_long"]


def test_value_over_the_field_limit_is_cut(monkeypatch):
    monkeypatch.setattr(readers.base, "FIELD_LIMIT", 10)
    (row,) = one_table("f.csv", b"a,b\n" + b"y" * 30 + b",z\n").rows()
    assert row.values == {"a": "y" * 10, "b": "z"}
    assert [(p.code, p.column) for p in row.problems] == [("too_large", "a")]


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("utf-32", "utf-32"),
        ("utf-32-le", "utf-32-le"),
        ("utf-32-be", "utf-32-be"),
    ],
)
def test_utf16_and_utf32_with_or_without_bom(encoding, detected):
    text = "Name;City\r\nJosé;Zürich\r\nИван;Москва\r\n"
    table = one_table("w.csv", text.encode(encoding))
    assert (table.detected["encoding"], table.detected["delimiter"]) == (detected, ";")
    assert [r.values for r in table.rows()] == [
        {"Name": "José", "City": "Zürich"},
        {"Name": "Иван", "City": "Москва"},
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "it is a PNG image"),
        (b"PK\x03\x04" + bytes(200), "a ZIP archive or an XLSX workbook"),
        (bytes(range(1, 32)) * 40, "control bytes"),
        (b"a,b\n" + bytes(500), "NUL bytes"),
    ],
)
def test_binary_file_named_csv_is_not_a_text_export(data, reason):
    table = one_table("data.csv", data)
    (problem,) = table.problems
    assert (problem.code, problem.blocking) == ("not_text", True)
    assert problem.message.startswith("data.csv: not a text export (")
    assert reason in problem.message and list(table.rows()) == []


def test_nul_and_control_characters_are_removed_and_counted():
    data = b"Na\x00me,City\nAn\x00na\x07,Pa\x00ris\n" + b"Eve,Rome\n" * 10
    table = one_table("n.csv", data)
    assert table.headers == ["Name", "City"]
    assert [(p.code, p.column) for p in table.problems] == [("control_characters", "column 1")]
    row = next(table.rows())
    assert row.values == {"Name": "Anna", "City": "Paris"}
    assert [(p.code, p.column) for p in row.problems] == [
        ("control_characters", "Name"),
        ("control_characters", "City"),
    ]
    assert "2 control characters" in row.problems[0].message


def test_rows_of_empty_cells_are_counted_as_skipped_with_a_reason():
    table = one_table("b.csv", b"a,b\n1,2\n,\n \t, \n3,4\n")
    assert [r.row for r in table.rows()] == [2, 5]
    assert table.counts == {"records": 4, "rows": 2, "skipped": 2}
    (problem,) = table.stream_problems
    assert (problem.code, problem.row, problem.blocking) == ("blank_row", 3, False)
    assert problem.message == "b.csv: 2 rows were skipped (no value in any cell): rows 3, 4"
    assert [(s.row, s.code) for s in table.skipped_rows] == [(3, "blank_row"), (4, "blank_row")]


def test_a_reader_failure_while_streaming_is_a_problem(monkeypatch):
    table = one_table("c.csv", b"a\n1\n2\n")

    def broken(*_args):
        yield readers.SourceRow(2, {"a": "1"})
        raise ValueError("boom")

    monkeypatch.setattr(table, "_read_rows", broken)
    assert [r.row for r in table.rows()] == [2]
    (problem,) = table.stream_problems
    assert (problem.code, problem.row) == ("internal_error", 2)
    assert "ValueError (boom)" in problem.message


def test_xlsx_encrypted_old_and_renamed_csv():
    encrypted = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600) + "EncryptedPackage".encode("utf-16-le")
    )
    cases = {
        "password-protected": encrypted,
        "Excel 97-2003": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        "a CSV export named .xlsx": b"Name,City\nAnna,Paris\n",
        "damaged or truncated": xlsx_bytes({"S": [["Name"], ["Anna"]]})[:300],
        "no workbook in it": zip_bytes({"a.csv": "x"}),
    }
    for reason, data in cases.items():
        (table,) = read_sources("book.xlsx", data)
        (problem,) = table.problems
        assert (problem.code, problem.blocking) == ("bad_file", True)
        assert reason in problem.message


def test_xlsx_blank_rows_are_counted_as_skipped():
    table = one_table("b.xlsx", xlsx_bytes({"S": [["Name"], ["Anna"], [None], [], ["Eve"]]}))
    assert [r.row for r in table.rows()] == [2, 5]
    assert table.counts == {"records": 4, "rows": 2, "skipped": 2}
    assert codes(table.stream_problems) == ["blank_row"]
