"""Fuzz the readers: more than 10,000 generated files, none of which may break them.

Every generated file goes through ``read_sources`` and every row of every table
is read, as an upload is. Whatever the bytes, nothing is raised, no
``internal_error`` is reported, no value, key or header holds a NUL, another
control character or half a surrogate pair, and the rows reconcile: rows
yielded + rows skipped (each with a reason) == records the reader counted. The
structured generators also know how many records they wrote: the reader must
count exactly those, unless it reports a problem with the whole file.

Hypothesis runs derandomized (the same examples on every run) with no deadline.
"""

import codecs
import csv
import io
import json
import os
import re
import warnings
import zipfile
from collections import Counter
from xml.sax.saxutils import escape

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migration_bridge.services.readers import read_sources

UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
FILE_LEVEL = {"read_stopped", "not_text", "bad_file", "empty_file", "no_header"}
FUZZ = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def fuzz(examples):
    """Derandomized, no deadline, ``examples`` generated files."""
    return settings(FUZZ, max_examples=examples)


FILES = Counter()  # files read, by the test that made them


def read_all(name, data):
    """Read a file as an upload is; check what must hold for any input. Returns the tables."""
    FILES[os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0]] += 1
    tables = read_sources(name, data)
    for table in tables:
        rows = list(table.rows())
        counts = table.counts
        assert counts["rows"] == len(rows)
        assert counts["records"] == counts["rows"] + counts["skipped"]
        assert len(table.skipped_rows) >= min(counts["skipped"], 1)
        assert all(item.reason for item in table.skipped_rows)
        skip_reported = sum(1 for p in table.stream_problems if p.code == "blank_row")
        assert bool(counts["skipped"]) == bool(skip_reported)
        if table.blocked:
            assert rows == [] and counts["records"] == 0
        problems = table.problems + table.stream_problems + [p for r in rows for p in r.problems]
        for problem in problems:
            assert problem.code != "internal_error", problem.message
            assert problem.message and (problem.row is None or isinstance(problem.row, int))
        texts = list(table.headers)
        for row in rows:
            texts += list(row.values) + list(row.values.values())
        for text in texts:
            assert isinstance(text, str) and not UNWANTED.search(text), repr(text[:80])
        table.read_rows = rows
    return tables


def file_level(table):
    """True if the reader reported a problem with the whole table (not one of its rows)."""
    return table.blocked or any(p.code in FILE_LEVEL for p in table.stream_problems)


# ----------------------------------------------------------------------
# Byte mutations of valid files
# ----------------------------------------------------------------------
def _xlsx_seed():
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["Name", "City", "Amount"], ["Anna", "Köln", 12.5], ["Eve", "Rome", 3]):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _zip_seed():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("companies.csv", "Company ID,Name\nC1,Acme\nC2,Beta\n")
        archive.writestr("deals.json", '[{"id": 1, "name": "D1"}]')
        archive.writestr("files/a.pdf", b"%PDF-1.4\n%%EOF\n")
    return buffer.getvalue()


SEEDS = {
    "csv": [
        b'id,name,note\n1,Acme,"multi\nline"\n2,Beta,"say ""hi"""\n3,Gamma,plain\n',
        "Компания;Телефон\nРомашка;+7 495\n".encode("cp1251"),
        codecs.BOM_UTF16_LE + "Name\tCity\r\nJosé\tZürich\r\n".encode("utf-16-le"),
    ],
    "json": [
        b'[{"id": 1, "name": "Acme", "tags": ["a", "b"], "owner": {"email": "x@y.z"}},'
        b' {"id": 2, "contacts": [{"id": 7, "name": "Anna"}]}]',
        b'{"clients": [{"id": 1}, {"id": 2}], "total": 2}',
        b'{"id": 1}\n{"id": 2, "x": null}\n',
    ],
    "xml": [
        b'<?xml version="1.0"?><r><c id="1"><n>Acme</n><t>a</t><t>b</t></c>'
        b"<c id='2'><n>Beta</n></c></r>",
        b"<export><meta>1</meta><deals><deal><id>1</id></deal><deal><id>2</id></deal></deals>"
        b"</export>",
    ],
    "xlsx": [_xlsx_seed()],
    "zip": [_zip_seed()],
}
EXTENSIONS = {"csv": [".csv", ".tsv", ".txt"], "json": [".json", ".jsonl"], "xml": [".xml"]}
SPICE = [
    b"\x00",
    b'"',
    b"\n",
    b"\r",
    b",",
    b";",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"<",
    b"{",
]

mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 1 << 20), st.integers(0, 255)),
    st.tuples(st.just("insert"), st.integers(0, 1 << 20), st.binary(max_size=12)),
    st.tuples(st.just("spice"), st.integers(0, 1 << 20), st.sampled_from(SPICE)),
    st.tuples(st.just("delete"), st.integers(0, 1 << 20), st.integers(1, 64)),
    st.tuples(st.just("repeat"), st.integers(0, 1 << 20), st.integers(1, 8)),
    st.tuples(st.just("truncate"), st.integers(0, 1 << 20), st.just(0)),
)


def mutate(data, ops):
    data = bytearray(data)
    for op, where, arg in ops:
        at = where % (len(data) + 1)
        if op == "flip" and data:
            data[at % len(data)] = arg
        elif op in ("insert", "spice"):
            data[at:at] = arg
        elif op == "delete":
            del data[at : at + arg]
        elif op == "repeat":
            data[at:at] = bytes(data[at : at + 16]) * arg
        elif op == "truncate":
            del data[at:]
    return bytes(data)


def read_mutations(kind, ops, extension=None):
    """Apply the same mutations to every seed of a kind: one file per seed."""
    for seed in SEEDS[kind]:
        read_all("fuzz" + (extension or "." + kind), mutate(seed, ops))


mutations = st.lists(mutation, min_size=1, max_size=6)


@fuzz(800)
@given(mutations, st.sampled_from([".csv", ".tsv", ".txt"]))
def test_mutated_csv(ops, extension):
    read_mutations("csv", ops, extension)  # 3 files an example


@fuzz(500)
@given(mutations, st.sampled_from([".json", ".jsonl"]))
def test_mutated_json(ops, extension):
    read_mutations("json", ops, extension)  # 3 files an example


@fuzz(500)
@given(mutations)
def test_mutated_xml(ops):
    read_mutations("xml", ops)  # 2 files an example


@fuzz(300)
@given(mutations)
def test_mutated_xlsx(ops):
    read_mutations("xlsx", ops)


@fuzz(400)
@given(mutations)
def test_mutated_zip(ops):
    read_mutations("zip", ops)


@fuzz(300)
@given(st.binary(max_size=512))
def test_random_bytes(data):
    for extension in (".csv", ".json", ".xml", ".xlsx", ".zip"):  # 5 files an example
        read_all("noise" + extension, data)


# ----------------------------------------------------------------------
# Structured generators: the number of records is known
# ----------------------------------------------------------------------
# Letters, digits, every delimiter, quotes, line ends, controls, BOM, line separator,
# accents, Cyrillic, CJK, an emoji: sampled, far faster to draw than any character.
HOSTILE = list("aZ09 .-_'\"\\,;\t|\r\n\x00\x01\x07\x0b\x0c\x1b\x1f\x7f=+@#%&<>{}[]") + list(
    "éüßñØЖжя中文\u00a0\u2028\u200b\ufeff\ufffd\U0001f600"
)
HOSTILE_CHARS = st.sampled_from(HOSTILE)
cell = st.text(HOSTILE_CHARS, max_size=12)
header = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=1, max_size=6)


csv_rows = st.integers(1, 5).flatmap(
    lambda width: st.tuples(
        st.lists(header, min_size=width, max_size=width, unique_by=str.lower),
        st.lists(st.lists(cell, min_size=width, max_size=width), max_size=8),
    )
)


def csv_bytes(names, rows, delimiter, encoding, quoting):
    buffer = io.StringIO()
    # CRLF: csv.writer quotes a value holding either character (with "\n" alone, a value
    # holding "\r" is written unquoted and ends the line for any reader).
    writer = csv.writer(buffer, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    writer.writerow(names)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


@fuzz(250)
@given(csv_rows, st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
def test_generated_csv_records_are_all_counted(table_rows, quoting):
    names, rows = table_rows
    kept = [row for row in rows if any(c.strip() for c in row)]  # the others are skipped
    for delimiter in (",", ";", "\t", "|"):  # 16 files an example
        for encoding in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
            data = csv_bytes(names, rows, delimiter, encoding, quoting)
            (table,) = read_all("gen.csv", data)
            if file_level(table) or table.detected.get("delimiter") != delimiter:
                continue  # refused (mostly NUL bytes), or another delimiter was the better guess
            assert table.counts["records"] == len(rows)
            assert table.counts["skipped"] == len(rows) - len(kept)
            for row, written in zip(table.read_rows, kept, strict=True):
                assert list(row.values.values()) == [UNWANTED.sub("", c).strip() for c in written]


json_scalar = st.sampled_from([None, True, False, 0, -1, 1.5, 1e308, "", " x ", "null"])
json_value = st.recursive(
    json_scalar | st.text(HOSTILE_CHARS, max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(cell, inner, max_size=3),
    max_leaves=6,
)
json_record = st.dictionaries(st.text(HOSTILE_CHARS, max_size=6), json_value, max_size=5)


@fuzz(150)
@given(st.lists(json_record, max_size=6))
def test_generated_json_records_are_all_counted(records):
    texts = {
        "gen.json": json.dumps(records),
        "gen_wrapped.json": json.dumps({"data": records, "total": len(records)}),
        "gen.jsonl": "".join(json.dumps(r) + "\n" for r in records),
    }
    for name, text in texts.items():  # 9 files an example
        for encoding in ("utf-8", "utf-16", "utf-8-sig"):
            first = read_all(name, text.encode(encoding))[0]
            if file_level(first) or (name == "gen.jsonl" and not records):
                continue
            assert first.counts["records"] == len(records)


XML_CHARS = [c for c in HOSTILE if c in "\t\n\r" or c >= " "]  # what XML 1.0 allows
xml_text = st.text(st.sampled_from(XML_CHARS), max_size=10)
xml_record = st.dictionaries(header, xml_text, min_size=1, max_size=4)


@fuzz(250)
@given(st.lists(xml_record, min_size=2, max_size=6))
def test_generated_xml_records_are_all_counted(records):
    body = "".join(
        "<rec>%s</rec>" % "".join("<%s>%s</%s>" % (k, escape(v), k) for k, v in r.items())
        for r in records
    )
    for encoding in ("utf-8", "utf-16"):  # 2 files an example
        text = '<?xml version="1.0" encoding="%s"?><root>%s</root>' % (encoding, body)
        (first, *_children) = read_all("gen.xml", text.encode(encoding))
        assert not file_level(first)
        assert first.counts["records"] == len(records)


member_name = st.one_of(
    st.sampled_from(
        [
            "good.csv",
            "data/deals.csv",
            "../evil.csv",
            "/abs.csv",
            "C:/win.csv",
            "..\\back.csv",
            "inner.zip",
            "a.7z",
            "files/doc.pdf",
            "__MACOSX/._good.csv",
            ".hidden.csv",
            "notes.txt",
            "x.json",
            "x.xml",
        ]
    ),
    st.text(HOSTILE_CHARS, min_size=1, max_size=10).map(lambda s: s + ".csv"),
)
member_data = st.one_of(
    st.just(b"Company ID,Name\nC1,Acme\n"),
    st.binary(max_size=64),
    st.just(b'[{"id": 1}]'),
    st.just(b"<r><c>1</c><c>2</c></r>"),
)


@fuzz(300)
@given(st.lists(st.tuples(member_name, member_data, st.booleans()), max_size=5))
def test_generated_zip_members_are_read_or_refused_alone(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data, link in members:
            info = zipfile.ZipInfo(name)
            if link:
                info.external_attr = 0o120777 << 16
            with_warnings_ignored(archive.writestr, info, data)
    tables = read_all("gen.zip", buffer.getvalue())
    refused = [p.column for t in tables for p in t.problems if p.file == "gen.zip"]
    for table in tables:
        if table.name != "gen.zip":
            assert table.name.startswith("gen.zip/")
    for name, _data, link in members:
        if link:
            assert info_named(name) in refused


def info_named(name):
    return zipfile.ZipInfo(name).filename


def with_warnings_ignored(function, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        function(*args)


def test_more_than_10000_files_were_read(request):
    """Last in the module: when every fuzz test ran, together they read over 10,000 files."""
    fuzzed = [item for item in request.session.items if item.module is request.module]
    if len(fuzzed) < len([n for n in globals() if n.startswith("test_")]):
        return  # a subset was selected
    assert sum(FILES.values()) >= 10_000, FILES
