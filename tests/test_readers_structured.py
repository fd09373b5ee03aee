"""JSON, JSON Lines and XML readers: shapes, child tables, problems, safety, streaming."""

import io
import json
import subprocess
import sys
import time
import tracemalloc
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from migration_bridge.services import readers
from migration_bridge.services.readers import read_sources

FIXTURES = Path(__file__).resolve().parent / "fixtures_structured"


def tables_of(name, data):
    return {table.name: table for table in read_sources(name, data)}


def one_table(name, data):
    (table,) = read_sources(name, data)
    return table


def rows_of(table):
    return [(row.row, row.values) for row in table.rows()]


def codes(problems):
    return [p.code for p in problems]


def dumps(value):
    return json.dumps(value).encode()


# ----------------------------------------------------------------------
# JSON: the three shapes
# ----------------------------------------------------------------------
def test_array_of_objects():
    data = b'[{"id": 1, "name": "Acme", "revenue": 12.50},\n {"id": 2, "name": " Beta "}]'
    table = one_table("Companies.json", data)
    assert (table.name, table.object_name, table.file_type) == (
        "Companies.json",
        "companies",
        "json",
    )
    assert table.headers == ["id", "name", "revenue"]
    assert table.detected == {
        "format": "json",
        "encoding": "utf-8",
        "shape": "array",
        "records": 2,
    }
    assert table.problems == []
    assert rows_of(table) == [
        (1, {"id": "1", "name": "Acme", "revenue": "12.50"}),
        (2, {"id": "2", "name": "Beta", "revenue": ""}),
    ]
    assert isinstance(table.rows(), Iterator)


def test_object_holding_records_under_a_key():
    data = dumps({"clients": [{"id": 1, "name": "Acme"}, {"id": 2}], "totalClients": 2})
    table = one_table("export.json", data)
    assert (table.name, table.object_name) == ("export.json:clients", "clients")
    assert table.detected["shape"] == "records key"
    assert table.detected["records_key"] == "clients"
    assert table.detected["metadata"] == {"totalClients": "2"}
    assert table.detected["records"] == 2
    assert rows_of(table) == [(1, {"id": "1", "name": "Acme"}), (2, {"id": "2", "name": ""})]


def test_several_record_keys_make_one_table_each():
    data = dumps(
        {
            "page": 1,
            "clients": [{"id": "c1"}],
            "tags": ["vip", "new"],
            "opportunities": [{"id": "o1", "clientId": "c1"}, {"id": "o2", "clientId": "c1"}],
        }
    )
    tables = read_sources("all.json", data)
    assert [(t.name, t.object_name, t.detected["records_key"]) for t in tables] == [
        ("all.json:clients", "clients", "clients"),
        ("all.json:opportunities", "opportunities", "opportunities"),
    ]
    assert tables[0].detected["metadata"] == {"page": "1", "tags": "vip; new"}
    assert [r.values["id"] for r in tables[1].rows()] == ["o1", "o2"]


def test_records_key_inside_a_wrapper_object():
    data = dumps(
        {"success": True, "result": {"result": [{"__id": "a1", "name": "Acme"}], "total": 1}}
    )
    table = one_table("elma.json", data)
    assert table.detected["records_key"] == "result.result"
    assert table.detected["metadata"] == {"success": "true", "result.total": "1"}
    assert rows_of(table) == [(1, {"__id": "a1", "name": "Acme"})]


def test_empty_page_is_an_empty_table():
    table = one_table("p.json", dumps({"clients": [], "totalClients": 0}))
    assert (table.object_name, table.headers, table.problems) == ("clients", [], [])
    assert table.detected["records"] == 0 and list(table.rows()) == []


@pytest.mark.parametrize("extension", [".jsonl", ".ndjson"])
def test_json_lines(extension):
    data = b'{"id": 1, "name": "Acme"}\n\n{"id": 2, "city": "Oslo"}\r\n{"id": 3}\n'
    table = one_table("events" + extension, data)
    assert table.detected == {
        "format": "json lines",
        "encoding": "utf-8",
        "shape": "lines",
        "records": 3,
    }
    assert table.headers == ["id", "name", "city"]
    assert rows_of(table) == [
        (1, {"id": "1", "name": "Acme", "city": ""}),
        (3, {"id": "2", "name": "", "city": "Oslo"}),
        (4, {"id": "3", "name": "", "city": ""}),
    ]


def test_json_lines_in_a_json_file_are_recognised():
    table = one_table("export.json", b'{"id": 1, "a": "x"}\n{"id": 2, "a": "y"}\n')
    assert table.detected["format"] == "json lines"
    assert rows_of(table) == [(1, {"id": "1", "a": "x"}), (2, {"id": "2", "a": "y"})]


def test_values_are_text_as_the_file_writes_them():
    record = (
        '{"int": 7, "dec": 12.50, "exp": 1e5, "neg": -0.1, "yes": true, "no": false, '
        '"none": null, "nan": NaN, "text": "  padded ", "list": [1, "a", null, [2, 3]]}'
    )
    (row,) = one_table("v.json", ("[%s]" % record).encode()).rows()
    assert row.values == {
        "int": "7",
        "dec": "12.50",
        "exp": "1e5",
        "neg": "-0.1",
        "yes": "true",
        "no": "false",
        "none": "",
        "nan": "NaN",
        "text": "padded",
        "list": "1; a; ; [2, 3]",
    }
    assert all(type(value) is str for value in row.values.values())


def test_nested_objects_become_dotted_columns_and_late_keys_are_not_lost():
    records = [{"id": i, "address": {"city": "C%s" % i}} for i in range(5000)]
    records.append({"id": 5000, "address": {"city": "Last", "geo": {"lat": 1.5}}, "late": "x"})
    table = one_table("a.json", dumps(records))
    assert table.headers == ["id", "address.city", "address.geo.lat", "late"]
    rows = list(table.rows())
    assert rows[0].values == {"id": "0", "address.city": "C0", "address.geo.lat": "", "late": ""}
    assert rows[-1].values == {
        "id": "5000",
        "address.city": "Last",
        "address.geo.lat": "1.5",
        "late": "x",
    }


def test_repeated_and_case_duplicate_keys_keep_every_value():
    data = b'[{"Name": "A", "name": "b", "x": 1, "x": 2}]'
    table = one_table("d.json", data)
    assert table.headers == ["Name", "name (2)", "x", "x (2)"]
    assert codes(table.problems) == ["duplicate_header"]
    assert not table.blocked
    assert rows_of(table) == [(1, {"Name": "A", "name (2)": "b", "x": "1", "x (2)": "2"})]


def test_keys_that_look_like_data_are_still_headers():
    table = one_table("years.json", b'[{"2023": 1, "2024": 2}]')
    assert table.problems == [] and table.headers == ["2023", "2024"]


# ----------------------------------------------------------------------
# D-Tools Cloud API shapes
# ----------------------------------------------------------------------
def test_dtools_get_clients_list():
    table = one_table("GetClients.json", FIXTURES / "dtools_get_clients.json")
    assert (table.object_name, table.detected["records_key"]) == ("clients", "clients")
    assert table.detected["metadata"] == {"totalClients": "3"}
    rows = list(table.rows())
    assert [r.values["id"] for r in rows] == ["1001", "1002", "1003"]
    assert rows[0].values["hasSubaccounts"] == "true"
    assert rows[1].values["mobile"] == "" and rows[2].values["isActive"] == "false"
    assert not any(r.problems for r in rows)


def test_dtools_get_client_makes_a_parent_and_child_tables():
    tables = tables_of("GetClient.json", FIXTURES / "dtools_get_client.json")
    assert list(tables) == [
        "GetClient.json",
        "GetClient.json:siteAddresses",
        "GetClient.json:contacts",
        "GetClient.json:files",
    ]
    client = tables["GetClient.json"]
    assert client.detected["shape"] == "object" and client.object_name == "getclient"
    (row,) = rows_of(client)
    assert row[0] == 1
    assert row[1]["billingAddress.city"] == "Miami"
    assert row[1]["billingAddress.addressLine2"] == "Suite 1200"
    assert row[1]["website"] == "https://harborhotel.example"
    assert not any(h.startswith(("contacts", "siteAddresses", "files")) for h in client.headers)

    sites = tables["GetClient.json:siteAddresses"]
    assert sites.object_name == "getclient.siteaddresses"
    assert sites.detected["parent"] == "getclient"
    assert sites.detected["child_key"] == "siteAddresses"
    assert [(r.row, r.values["_parent_id"], r.values["city"]) for r in sites.rows()] == [
        (1, "1001", "Miami"),
        (2, "1001", "Miami Beach"),
    ]
    contacts = tables["GetClient.json:contacts"]
    assert contacts.headers[:3] == ["_parent_id", "id", "name"]
    assert "address.city" in contacts.headers
    maria, tom = contacts.rows()
    assert (maria.values["isPrimary"], maria.values["address.city"]) == ("true", "Miami")
    assert maria.values["notes"] == "Prefers email.\nOn site Tuesdays."
    assert (tom.values["_parent_id"], tom.values["address.city"]) == ("1001", "")
    (file_row,) = tables["GetClient.json:files"].rows()
    assert file_row.values == {
        "_parent_id": "1001",
        "id": "9001",
        "name": "site-survey.pdf",
        "url": "https://files.example/9001/site-survey.pdf",
    }


def test_dtools_detailed_clients_under_a_key_have_clients_child_tables():
    detail = json.loads((FIXTURES / "dtools_get_client.json").read_text())
    other = {"id": 1002, "name": "Okafor Residence", "contacts": [{"id": 5003, "name": "Chidi"}]}
    data = dumps({"clients": [detail, other], "totalClients": 2})
    tables = tables_of("clients.json", data)
    contacts = tables["clients.json:clients.contacts"]
    assert contacts.object_name == "clients.contacts"
    assert contacts.detected["parent"] == "clients"
    assert [(r.row, r.values["_parent_id"], r.values["id"]) for r in contacts.rows()] == [
        (1, "1001", "5001"),
        (2, "1001", "5002"),
        (3, "1002", "5003"),
    ]
    assert {t.object_name for t in tables.values()} == {
        "clients",
        "clients.siteaddresses",
        "clients.contacts",
        "clients.files",
    }


def test_dtools_get_opportunities():
    table = one_table("GetOpportunities.json", FIXTURES / "dtools_get_opportunities.json")
    assert table.object_name == "opportunities"
    assert table.detected["metadata"] == {"totalOpportunities": "2"}
    first, second = table.rows()
    assert (first.values["price"], first.values["actualCloseDate"]) == ("48250.00", "")
    assert (second.values["isArchived"], second.values["lostReason"]) == ("true", "Budget")


def test_parent_without_id_is_referred_to_by_row_number_and_grandchildren():
    data = dumps(
        [
            {"name": "A", "contacts": [{"name": "x", "phones": [{"n": "1"}, {"n": "2"}]}]},
            {"name": "B", "contacts": [{"id": "k9", "name": "y", "phones": [{"n": "3"}]}]},
        ]
    )
    tables = tables_of("p.json", data)
    assert list(tables) == ["p.json", "p.json:contacts", "p.json:contacts.phones"]
    assert rows_of(tables["p.json:contacts"]) == [
        (1, {"_parent_id": "1", "name": "x", "id": ""}),
        (2, {"_parent_id": "2", "name": "y", "id": "k9"}),
    ]
    phones = tables["p.json:contacts.phones"]
    assert phones.object_name == "p.contacts.phones"
    assert phones.detected["parent"] == "p.contacts"
    assert rows_of(phones) == [
        (1, {"_parent_id": "1", "n": "1"}),
        (2, {"_parent_id": "1", "n": "2"}),
        (3, {"_parent_id": "k9", "n": "3"}),
    ]


def test_child_items_that_are_not_objects_are_row_problems():
    data = dumps([{"id": 1, "contacts": [{"name": "a"}, "stray text"]}, {"id": 2, "contacts": 5}])
    contacts = tables_of("c.json", data)["c.json:contacts"]
    first, stray, five = contacts.rows()
    assert first.problems == [] and first.values == {"_parent_id": "1", "name": "a"}
    (problem,) = stray.problems
    assert (problem.code, problem.row, problem.file) == ("not_an_object", 2, "c.json:contacts")
    assert "not an object ('\"stray text\"')" in problem.message
    assert problem.message.startswith("c.json:contacts, row 2 (record 1): ")
    assert five.values["_parent_id"] == "2" and "'5'" in five.problems[0].message


# ----------------------------------------------------------------------
# JSON: problems
# ----------------------------------------------------------------------
def test_json_lines_bad_line_is_reported_with_its_line_and_others_are_kept():
    data = b'{"id": 1}\n{"id": 2, "name": \n{"id": 3}\nnot json\n{"id": 4} {"id": 5}\n'
    table = one_table("e.jsonl", data)
    assert not table.blocked
    rows = list(table.rows())
    assert [(r.row, r.values["id"]) for r in rows] == [
        (1, "1"),
        (2, ""),
        (3, "3"),
        (4, ""),
        (5, ""),
    ]
    assert [codes(r.problems) for r in rows] == [
        [],
        ["bad_record"],
        [],
        ["bad_record"],
        ["bad_record"],
    ]
    problem = rows[1].problems[0]
    assert (problem.row, problem.file, problem.blocking) == (2, "e.jsonl", False)
    assert problem.message.startswith(
        "e.jsonl, line 2: not valid JSON (Expecting value at column 19"
    )
    assert "Extra data at column 11" in rows[4].problems[0].message


@pytest.mark.parametrize(
    ("data", "line", "column", "reason"),
    [
        (b'[{"a": 1},\n {"a": 2,, }]', 2, 10, "Expecting property name"),
        (b'[{"a": 1},\n {"a": 2}\n', 3, 1, "Expecting ',' delimiter"),
        (b'[{"a": 1},]', 1, 11, "Expecting value"),
        (b'{"clients": [{"a": "unterminated}]}', 1, 20, "Unterminated string"),
        (b'[{"a": 1}]\n  trailing', 2, 3, "Extra data"),
        (b'{"a": [1, 2}', 1, 12, "Expecting ',' delimiter"),
    ],
)
def test_broken_json_is_blocking_and_names_line_and_column(data, line, column, reason):
    table = one_table("broken.json", data)
    (problem,) = table.problems
    assert (problem.code, problem.blocking, problem.file) == ("bad_file", True, "broken.json")
    assert problem.message.startswith(
        "broken.json, line %s, column %s: not valid JSON (%s"
        % (
            line,
            column,
            reason,
        )
    )
    assert list(table.rows()) == []


def test_broken_json_position_is_exact_past_the_first_chunks(monkeypatch):
    monkeypatch.setattr(readers.jsontext, "JSON_CHUNK", 64)
    lines = ['  {"id": %d, "name": "n%d"},' % (i, i) for i in range(300)]
    lines[250] = '  {"id": 250 "name": "n250"},'
    text = "[\n" + "\n".join(lines) + '\n  {"id": 300}\n]\n'
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    assert (expected.value.lineno, expected.value.colno) == (252, 14)
    (problem,) = one_table("b.json", text.encode()).problems
    assert problem.message.startswith("b.json, line 252, column 14: not valid JSON (Expecting ','")
    assert problem.row == 252


def test_records_that_are_not_objects_are_row_problems():
    table = one_table("r.json", b'[{"a": 1}, 42, "text", null, [1, 2], {"a": 2}]')
    rows = list(table.rows())
    assert [r.row for r in rows] == [1, 2, 3, 4, 5, 6]
    assert [codes(r.problems) for r in rows] == [[], *[["not_an_object"]] * 4, []]
    assert rows[4].problems[0].message == (
        "r.json, record 5: a list, not an object ('[1, 2]'); it has no columns to read"
    )
    assert rows[1].values == {"a": ""} and rows[1].problems[0].row == 2


def test_a_file_holding_a_single_value_is_blocking():
    (problem,) = one_table("s.json", b'"just text"').problems
    assert (problem.code, problem.blocking) == ("not_records", True)
    assert problem.message.startswith("""s.json: the file holds a single value ('"just text"')""")


def test_nesting_deeper_than_the_limit_is_kept_as_text_with_a_problem():
    value = "bottom"
    for _level in range(40):
        value = {"k": value}
    table = one_table("deep.json", dumps([{"id": 1, "deep": value}, {"id": 2}]))
    first, second = table.rows()
    column = ".".join(["deep"] + ["k"] * 31)  # 32 levels of keys; deeper is JSON text
    assert table.headers == ["id", column]
    assert first.values[column].startswith('{"k": {"k":') and "bottom" in first.values[column]
    (problem,) = first.problems
    assert (problem.code, problem.row, problem.column) == ("too_deep", 1, column)
    assert "nested more than 32 levels" in problem.message
    assert second.problems == [] and second.values == {"id": "2", column: ""}


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl"])
def test_nesting_too_deep_to_decode_is_a_row_problem_not_an_exception(name):
    deep = "[" * 100_000 + "]" * 100_000
    if name.endswith(".jsonl"):
        data = '{"id": 1}\n%s\n{"id": 3}\n' % deep
    else:
        data = '[{"id": 1}, %s, {"id": 3}]' % deep
    table = one_table(name, data.encode())
    rows = list(table.rows())
    assert [(r.row, r.values["id"]) for r in rows] == [(1, "1"), (2, ""), (3, "3")]
    assert codes(rows[1].problems) == ["too_deep"]


def test_value_over_the_field_limit_is_cut_with_a_problem(monkeypatch):
    monkeypatch.setattr(readers.base, "FIELD_LIMIT", 10)
    (row,) = one_table("l.json", b'[{"id": 1, "notes": "0123456789ABCDEF"}]').rows()
    assert row.values["notes"] == "0123456789"
    (problem,) = row.problems
    assert (problem.code, problem.column, problem.row) == ("too_large", "notes", 1)
    assert "a value of 16 characters, more than 10" in problem.message


@pytest.mark.parametrize("chunk", [100, 64 * 1024], ids=["read in pieces", "read at once"])
def test_record_over_the_record_limit_is_skipped_as_a_row_problem(monkeypatch, chunk):
    monkeypatch.setattr(readers.jsontext, "JSON_MAX_RECORD", 1000)
    monkeypatch.setattr(readers.jsontext, "JSON_CHUNK", chunk)
    big = {"id": 2, "blob": "x" * 5000, "nested": {"a": ']}\\"[{'}}
    data = dumps([{"id": 1}, big, {"id": 3}])
    rows = list(one_table("big.json", data).rows())
    assert [(r.row, r.values["id"], codes(r.problems)) for r in rows] == [
        (1, "1", []),
        (2, "", ["too_large"]),
        (3, "3", []),
    ]


def test_undecodable_bytes_name_row_and_column():
    data = '[{"name": "Müller", "city": "Köln"}, {"name": "Schn'.encode() + b"\xff" + b'eider"}]'
    table = one_table("u.json", data)
    assert table.detected["encoding"] == "utf-8"
    first, second = table.rows()
    assert second.values["name"] == "Schn\ufffdeider"
    (problem,) = second.problems
    assert (problem.code, problem.row, problem.column) == ("undecodable", 2, "name")


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("cp1252", "cp1252")],
)
def test_json_encodings(encoding, expected):
    text = '[{"name": "José", "city": "Zürich"}, {"name": "Renée", "city": "Besançon"}]'
    table = one_table("e.json", text.encode(encoding))
    assert table.detected["encoding"] == expected
    assert [r.values["city"] for r in table.rows()] == ["Zürich", "Besançon"]


@pytest.mark.parametrize("name", ["u.json", "u.jsonl"])
def test_broken_utf16_is_blocking(name):
    data = '[{"name": "José"}]\n'.encode("utf-16")[:-1]
    (problem,) = one_table(name, data).problems
    assert (problem.code, problem.blocking) == ("bad_file", True)
    assert problem.message.startswith("%s: bytes that are not valid utf-16" % name)


def test_a_key_repeated_in_the_wrapper_keeps_both_lists():
    data = b'{"clients": [{"id": 1}], "clients": [{"id": 2}, {"id": 3}], "total": 3}'
    first, second = read_sources("d.json", data)
    assert (first.name, second.name) == ("d.json:clients", "d.json:clients (2)")
    assert [r.values["id"] for r in first.rows()] == ["1"]
    assert [r.values["id"] for r in second.rows()] == ["2", "3"]


@pytest.mark.parametrize("data", [b"", b"  \n", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("name", ["e.json", "e.jsonl"])
def test_empty_json_file(name, data):
    (problem,) = one_table(name, data).problems
    assert (problem.code, problem.blocking) == ("empty_file", True)


def test_rows_are_read_again_and_a_new_key_is_kept_with_a_problem(tmp_path):
    path = tmp_path / "upload"
    path.write_text('{"id": 1, "a": "x"}\n', encoding="utf-8")
    table = one_table("c.jsonl", path)
    assert rows_of(table) == [(1, {"id": "1", "a": "x"})]
    path.write_text('{"id": 1, "a": "x"}\n{"id": 2, "b": "new"}\n', encoding="utf-8")
    first, second = table.rows()
    assert second.values == {"id": "2", "a": "", "b": "new"}
    (problem,) = second.problems
    assert (problem.code, problem.column, problem.row) == ("unexpected_key", "b", 2)


def test_a_file_that_broke_after_its_first_reading_stops_with_a_problem(tmp_path):
    path = tmp_path / "upload"
    path.write_bytes(b'[{"id": 1}, {"id": 2}]')
    table = one_table("c.json", path)
    path.write_bytes(b'[{"id": 1}, {"id": 2')
    assert [r.values for r in table.rows()] == [{"id": "1"}]
    (problem,) = table.stream_problems
    assert (problem.code, problem.row) == ("read_stopped", 1)
    assert problem.message.startswith("c.json: reading stopped after row 1: c.json, line 1")
    assert table.counts == {"records": 1, "rows": 1, "skipped": 0}


# ----------------------------------------------------------------------
# JSON: streaming from a path
# ----------------------------------------------------------------------
def traced_read(name, path):
    """Read every row of every table; return (rows per table, peak traced bytes)."""
    tracemalloc.start()
    try:
        counts = {}
        for table in read_sources(name, path):
            count, last = 0, None
            for row in table.rows():
                count, last = count + 1, row
            counts[table.name] = (count, last)
        return counts, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_large_json_lines_file_is_streamed_from_a_path(tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(200_000):
            handle.write('{"id": %d, "name": "Client %d", "tags": ["a", "b"]}\n' % (i, i))
    size = path.stat().st_size
    assert size > 10_000_000
    counts, peak = traced_read("big.jsonl", path)
    count, last = counts["big.jsonl"]
    assert count == 200_000
    assert (last.row, last.values) == (
        200_000,
        {"id": "199999", "name": "Client 199999", "tags": "a; b"},
    )
    assert peak < size / 3, "the file was not streamed: peak %s for %s bytes" % (peak, size)


def test_large_json_array_under_a_key_is_streamed_from_a_path(tmp_path):
    path = tmp_path / "big.json"
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"totalClients": 20000, "clients": [\n')
        notes = "n" * 500
        handle.write(
            ",\n".join(
                '{"id": %d, "notes": "%s", "contacts": [{"id": "k%d"}]}' % (i, notes, i)
                for i in range(20_000)
            )
        )
        handle.write("\n]}\n")
    size = path.stat().st_size
    assert size > 10_000_000
    counts, peak = traced_read("big.json", path)
    assert counts["big.json:clients"][0] == 20_000
    contacts_count, last_contact = counts["big.json:clients.contacts"]
    assert contacts_count == 20_000
    assert last_contact.values == {"_parent_id": "19999", "id": "k19999"}
    assert peak < size / 3, "the file was not streamed: peak %s for %s bytes" % (peak, size)


# ----------------------------------------------------------------------
# XML
# ----------------------------------------------------------------------
def test_xml_records_with_attributes_nested_and_repeated_elements():
    tables = tables_of("clients.xml", FIXTURES / "clients.xml")
    clients = tables["clients.xml"]
    assert (clients.object_name, clients.file_type) == ("clients", "xml")
    assert clients.detected == {
        "format": "xml",
        "encoding": "utf-8",
        "record_tag": "Client",
        "records_path": "Export/Clients/Client",
        "records": 2,
        "metadata": {"Export.generated": "2024-02-01", "Export.Source": "D-Tools SI"},
    }
    assert clients.headers == [
        "id",
        "type",
        "Name",
        "Phone",
        "Fax",
        "BillingAddress.City",
        "BillingAddress.PostalCode",
        "Tag",
    ]
    assert rows_of(clients)[0] == (
        1,
        {
            "id": "1001",
            "type": "Commercial",
            "Name": "Harbor Hotel Group",
            "Phone": "+1 305 555 0100",
            "Fax": "",
            "BillingAddress.City": "Miami",
            "BillingAddress.PostalCode": "33131",
            "Tag": "hospitality; key account",
        },
    )
    assert not any(r.problems for r in clients.rows())


def test_xml_repeated_element_groups_are_child_tables():
    contacts = tables_of("clients.xml", FIXTURES / "clients.xml")["clients.xml:Contacts"]
    assert contacts.object_name == "clients.contacts"
    assert contacts.detected["parent"] == "clients"
    assert contacts.headers == ["_parent_id", "id", "primary", "Name", "Email"]
    assert [(r.row, r.values["_parent_id"], r.values["id"]) for r in contacts.rows()] == [
        (1, "1001", "5001"),
        (2, "1001", "5002"),
        (3, "1002", "5003"),
    ]


def test_xml_groups_directly_in_the_record_and_leaf_records():
    data = (
        b"<deals><deal><id>D1</id><line sku='A'>2</line><line sku='B'>1</line></deal>"
        b"<deal><id>D2</id><line sku='C'>5</line></deal></deals>"
    )
    tables = tables_of("d.xml", data)
    assert rows_of(tables["d.xml"]) == [(1, {"id": "D1"}), (2, {"id": "D2"})]
    assert rows_of(tables["d.xml:line"]) == [
        (1, {"_parent_id": "D1", "sku": "A", "line": "2"}),
        (2, {"_parent_id": "D1", "sku": "B", "line": "1"}),
        (3, {"_parent_id": "D2", "sku": "C", "line": "5"}),
    ]
    table = one_table("tags.xml", b"<tags><tag>a</tag><tag kind='x'>b</tag></tags>")
    assert table.headers == ["tag", "kind"]
    assert rows_of(table) == [(1, {"tag": "a", "kind": ""}), (2, {"tag": "b", "kind": "x"})]


def test_xml_several_kinds_of_record_and_namespaces():
    data = (
        b'<?xml version="1.0"?><e:Export xmlns:e="urn:export">'
        b"<e:Clients><e:Client><e:Name>A</e:Name></e:Client><e:Client><e:Name>B</e:Name>"
        b"</e:Client></e:Clients><e:Projects><e:Project code='P1'/><e:Project code='P2'/>"
        b"<e:Project code='P3'/></e:Projects></e:Export>"
    )
    tables = read_sources("all.xml", data)
    assert [(t.name, t.object_name, t.detected["record_tag"]) for t in tables] == [
        ("all.xml:Client", "client", "Client"),
        ("all.xml:Project", "project", "Project"),
    ]
    assert [r.values for r in tables[1].rows()] == [{"code": "P1"}, {"code": "P2"}, {"code": "P3"}]


def test_xml_without_repetition_is_one_record():
    table = one_table("one.xml", b"<client id='7'><name>Acme</name><city>Oslo</city></client>")
    assert table.detected["record_tag"] == "client"
    assert rows_of(table) == [(1, {"id": "7", "name": "Acme", "city": "Oslo"})]


def test_xml_declared_encoding():
    data = '<?xml version="1.0" encoding="windows-1252"?><r><c>José</c><c>Zoë</c></r>'
    table = one_table("w.xml", data.encode("cp1252"))
    assert table.detected["encoding"] == "cp1252"
    assert [r.values["c"] for r in table.rows()] == ["José", "Zoë"]


def test_xml_nesting_deeper_than_the_limit_is_kept_as_text():
    inner = "<n>" * 40 + "deep text" + "</n>" * 40
    data = "<rs><r><id>1</id>%s</r><r><id>2</id></r></rs>" % inner
    first, second = one_table("deep.xml", data.encode()).rows()
    column = ".".join(["n"] * 32)
    assert first.values[column] == "deep text"
    assert codes(first.problems) == ["too_deep"] and first.problems[0].column == column
    assert second.problems == []


@pytest.mark.parametrize(
    ("data", "line", "column", "reason"),
    [
        (b"<a>\n  <b>x</b>\n  <c>y</b>\n</a>", 3, 11, "Opening and ending tag mismatch"),
        (b"<a><b>x</b>", 1, 12, "Extra content at the end of the document"),
        (b"<a>\n<b>x &nbsp; y</b><b/></a>", 2, 12, "Entity 'nbsp' not defined"),
        (b"<a>" * 300 + b"</a>" * 300, 1, 774, "Excessive depth in document: 256"),
    ],
    ids=["mismatch", "truncated", "undefined entity", "too deep"],
)
def test_broken_xml_is_blocking_and_names_line_and_column(data, line, column, reason):
    table = one_table("broken.xml", data)
    (problem,) = table.problems
    assert (problem.code, problem.blocking, problem.file) == ("bad_file", True, "broken.xml")
    assert problem.message.startswith(
        "broken.xml, line %s, column %s: not well-formed XML (%s" % (line, column, reason)
    )
    assert list(table.rows()) == []


@pytest.mark.parametrize("fixture", ["billion_laughs.xml", "xxe.xml"])
def test_doctype_with_entities_is_refused_without_expansion(fixture):
    started = time.monotonic()
    tracemalloc.start()
    try:
        tables = read_sources(fixture, FIXTURES / fixture)
        rows = [row for table in tables for row in table.rows()]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    (table,) = tables
    (problem,) = table.problems
    assert (problem.code, problem.blocking, problem.file) == ("unsafe_xml", True, fixture)
    assert "declares a DOCTYPE" in problem.message
    assert rows == [] and table.headers == []
    assert peak < 1_000_000 and time.monotonic() - started < 5
    assert "root:" not in repr(table) and "lollol" not in repr(table)


def test_doctype_after_a_long_prolog_is_refused_by_the_parser():
    data = (
        b'<?xml version="1.0"?>\n<!--' + b"x" * (2 * 1024 * 1024) + b"-->\n"
        b'<!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b"<c><r><n>&xxe;</n></r><r><n>b</n></r></c>"
    )
    (problem,) = one_table("late.xml", data).problems
    assert (problem.code, problem.blocking) == ("unsafe_xml", True)


@pytest.mark.parametrize("data", [b"", b"  \n", b"\xef\xbb\xbf  "])
def test_empty_xml_file(data):
    (problem,) = one_table("e.xml", data).problems
    assert (problem.code, problem.blocking) == ("empty_file", True)


READ_IN_A_FRESH_PROCESS = """
import resource, sys, types
package = types.ModuleType("migration_bridge")
package.__path__ = [sys.argv[1]]
sys.modules["migration_bridge"] = package
from migration_bridge.services.readers import read_sources
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
counts = [sum(1 for _row in table.rows()) for table in read_sources(sys.argv[3], sys.argv[2])]
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(counts, (after - before) * 1024)
"""


def test_large_xml_file_is_streamed_from_a_path(tmp_path):
    """lxml's tree lives outside Python's allocator: the peak RSS of a fresh process shows it."""
    path = tmp_path / "big.xml"
    notes = "n" * 600
    with path.open("w", encoding="utf-8") as handle:
        handle.write("<clients>\n")
        for i in range(30_000):
            handle.write(
                '<client id="%d"><name>Client %d</name><notes>%s</notes>'
                "<contact><n>a</n></contact><contact><n>b</n></contact></client>\n" % (i, i, notes)
            )
        handle.write("</clients>\n")
    size = path.stat().st_size
    assert size > 20_000_000
    addon = Path(readers.__file__).resolve().parents[2]  # readers/__init__.py in services/
    result = subprocess.run(
        [sys.executable, "-c", READ_IN_A_FRESH_PROCESS, str(addon), str(path), "big.xml"],
        capture_output=True,
        text=True,
        check=True,
    )
    counts, growth = result.stdout.rsplit(" ", 1)
    assert counts == "[30000, 60000]"
    assert int(growth) < size / 4, "the file was not streamed: %s bytes more for %s" % (
        growth,
        size,
    )


# ----------------------------------------------------------------------
# Dispatch and ZIP
# ----------------------------------------------------------------------
def test_structured_extensions_are_registered():
    for extension in (".json", ".jsonl", ".ndjson", ".xml", ".JSON"):
        assert readers.READERS.get(extension.lower()) is not None
    assert one_table("DATA.JSON", b'[{"a": 1}]').headers == ["a"]


def test_json_and_xml_inside_a_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(FIXTURES / "dtools_get_client.json", "api/GetClient.json")
        archive.writestr("events.jsonl", '{"id": 1}\n{"id": 2\n')
        archive.writestr("clients.xml", (FIXTURES / "clients.xml").read_bytes())
        archive.writestr("bad.xml", (FIXTURES / "xxe.xml").read_bytes())
    data = buffer.getvalue()
    tables = tables_of("export.zip", data)
    assert list(tables) == [
        "export.zip/api/GetClient.json",
        "export.zip/api/GetClient.json:siteAddresses",
        "export.zip/api/GetClient.json:contacts",
        "export.zip/api/GetClient.json:files",
        "export.zip/events.jsonl",
        "export.zip/clients.xml",
        "export.zip/clients.xml:Contacts",
        "export.zip/bad.xml",
    ]
    contacts = tables["export.zip/api/GetClient.json:contacts"]
    assert contacts.object_name == "getclient.contacts"
    assert [r.values["name"] for r in contacts.rows()] == ["Maria Lopez", "Tom Becker"]
    events = list(tables["export.zip/events.jsonl"].rows())
    assert [codes(r.problems) for r in events] == [[], ["bad_record"]]
    assert events[1].problems[0].message.startswith("export.zip/events.jsonl, line 2:")
    assert len(list(tables["export.zip/clients.xml:Contacts"].rows())) == 3
    assert codes(tables["export.zip/bad.xml"].problems) == ["unsafe_xml"]
    assert readers.list_archive_files("export.zip", data) == []


# ----------------------------------------------------------------------
# Saved API answers under a nested envelope (ELMA365's /pub/v1 list answers)
# ----------------------------------------------------------------------
def _elma_answer(items):
    body = {"success": True, "error": "", "result": {"result": items, "total": len(items)}}
    return json.dumps(body, ensure_ascii=False).encode()


def test_a_nested_envelope_is_named_after_its_file_its_pages_one_object():
    """``{"success", "result": {"result": [...]}}`` says nothing of what its records are:
    the object is named after the file, its page number dropped, its tenant's folder
    ahead (as the connector's spool names it)."""
    from migration_bridge.services.readers.structured import envelope_object_name

    page = _elma_answer([{"__id": "a1", "__name": "ООО «Ромашка»"}])
    [first] = readers.read_sources("companies_1.json", page)
    [second] = readers.read_sources("export.zip/hub-b/companies_page2.json", page)
    assert (first.object_name, second.object_name) == ("companies", "hub-b.companies")
    assert first.detected["records_key"] == "result.result"
    assert [r.values["__name"] for r in first.rows()] == ["ООО «Ромашка»"]
    assert envelope_object_name("x.zip/contacts.json", ("result", "result")) == "contacts"
    # a records key of its own, or one envelope word alone, keeps its name
    assert envelope_object_name("deals.json", ("clients",)) is None
    assert envelope_object_name("contacts_page2.json", ("items",)) is None


def test_child_rows_carry_their_parent_s_double_underscore_id():
    """Typed lists and step histories are child tables whose rows name their record by
    its ``__id`` (not its row number), so a Fold or a child object finds it."""
    items = [
        {
            "__id": "c-1",
            "__name": "Петров",
            "_email": [{"type": "work", "email": "petrov@romashka.example"}],
            "_history": [{"__id": "s-1", "_step": "Квалификация"}],
        }
    ]
    tables = {t.object_name: t for t in readers.read_sources("contacts.json", _elma_answer(items))}
    [email] = [r.values for r in tables["contacts._email"].rows()]
    [step] = [r.values for r in tables["contacts._history"].rows()]
    assert (email["_parent_id"], email["email"]) == ("c-1", "petrov@romashka.example")
    assert (step["_parent_id"], step["_step"]) == ("c-1", "Квалификация")
