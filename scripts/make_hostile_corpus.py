"""Generate the hostile corpus: malformed and hostile files the readers must survive.

Writes ``tests/hostile/``: one file per case, ``expected.json`` (per file what
the readers must make of it: a refusal with its reason, or per table the rows
read, the rows skipped and the problem codes) and ``README.md`` (the same as a
table). ``tests/test_hostile_corpus.py`` reads every file as an upload is read
and checks it against ``expected.json``, and checks that this script writes the
committed bytes again.

The expected outcomes are written here by hand, next to each file: they say
what a person expects, they are not computed by the readers. Everything is
deterministic (no clock, no randomness but a seeded generator, fixed ZIP
timestamps), so a rerun writes the same bytes.

Usage: ``python3 scripts/make_hostile_corpus.py [output folder]``
"""

import codecs
import importlib.util
import io
import json
import random
import struct
import sys
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path


def _common():
    """scripts/samples/common.py, by its path (another 'samples' package may be installed)."""
    path = Path(__file__).resolve().parent / "samples" / "common.py"
    spec = importlib.util.spec_from_file_location("hostile_samples_common", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


md_table, png, tiny_pdf, write = (
    getattr(_common(), n) for n in ("md_table", "png", "tiny_pdf", "write")
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "hostile"
ZIP_DATE = (2024, 1, 1, 0, 0, 0)
SEED = 60
FIELD_LIMIT = 512 * 1024  # the readers' limit on one value (readers.FIELD_LIMIT)

CONTACTS = [
    ["Contact ID", "Name", "City", "Note"],
    ["P1", "Anna Müller", "Köln", "first"],
    ["P2", "José Núñez", "Sevilla", "second"],
    ["P3", "Zoë Lefèvre", "Lille", "third"],
]


@dataclass
class Case:
    file: str
    data: bytes
    what: str
    tables: list
    values: list = field(default_factory=list)  # [table index, row, column, value]


def read(name, rows=0, skipped=0, codes=()):
    """A table read: its rows, the rows skipped with a reason, every problem code met."""
    return {"name": name, "rows": rows, "skipped": skipped, "codes": sorted(set(codes))}


def refused(name, code, reason):
    """A table refused whole: a blocking problem whose message holds ``reason``."""
    return {"name": name, "blocked": True, "codes": [code], "reason": reason}


# --------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------
def text_csv(rows, delimiter=",", newline="\n"):
    return newline.join(delimiter.join(row) for row in rows) + newline


def contacts(delimiter=",", newline="\n"):
    return text_csv(CONTACTS, delimiter, newline)


def zip_bytes(members, compression=zipfile.ZIP_DEFLATED):
    """A ZIP of (name, data) or (ZipInfo, data) members, with fixed timestamps."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for member, data in members:
            info = member if isinstance(member, zipfile.ZipInfo) else zipfile.ZipInfo(member)
            info.date_time = ZIP_DATE
            info.compress_type = compression
            archive.writestr(info, data)
    return buffer.getvalue()


def _column(index):
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


XLSX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def sheet_xml(rows, dimension=None):
    """A worksheet of inline strings; ``None`` cells are left out, row numbers kept."""
    out = []
    for number, row in rows:
        cells = "".join(
            '<c r="%s%s" t="inlineStr"><is><t>%s</t></is></c>' % (_column(i), number, value)
            for i, value in enumerate(row, start=1)
            if value is not None
        )
        out.append('<row r="%s">%s</row>' % (number, cells))
    dim = '<dimension ref="%s"/>' % dimension if dimension else ""
    return '<worksheet xmlns="%s">%s<sheetData>%s</sheetData></worksheet>' % (
        MAIN,
        dim,
        "".join(out),
    )


def xlsx(rows=None, sheet=None, dimension=None):
    """A minimal XLSX (one sheet ``Data``), written by hand: the same bytes on every run."""
    numbered = list(enumerate(rows or [], start=1))
    members = [
        ("[Content_Types].xml", XLSX_TYPES),
        (
            "_rels/.rels",
            '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>' % (RELS, DOC_RELS),
        ),
        (
            "xl/workbook.xml",
            '<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="Data" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>' % (MAIN, DOC_RELS),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>' % (RELS, DOC_RELS),
        ),
        ("xl/worksheets/sheet1.xml", sheet or sheet_xml(numbered, dimension)),
    ]
    return zip_bytes(members)


def ole(encrypted):
    """The start of an OLE compound file, as Excel writes for .xls or encrypted .xlsx."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    names = ["Root Entry", "EncryptionInfo", "EncryptedPackage"] if encrypted else ["Workbook"]
    directory = b"".join(n.encode("utf-16-le").ljust(128, b"\x00") for n in names)
    return header + directory.ljust(512, b"\x00")


def xml(records, root="contacts", tag="contact"):
    body = "".join(
        "<%s>%s</%s>" % (tag, "".join("<%s>%s</%s>" % (k, v, k) for k, v in r.items()), tag)
        for r in records
    )
    return '<?xml version="1.0" encoding="UTF-8"?>\n<%s>%s</%s>\n' % (root, body, root)


XML_RECORDS = [{"id": "1", "name": "Acme"}, {"id": "2", "name": "Beta"}]
GOOD_CSV = "Company ID,Name\nC1,Acme\nC2,Beta\n"


def rand_bytes(size, seed):
    return random.Random(seed).randbytes(size)


# --------------------------------------------------------------------------
# The cases
# --------------------------------------------------------------------------
def encoding_cases():
    semi = contacts(";", "\r\n")
    yield from (
        Case(
            "utf16_le_bom.csv",
            codecs.BOM_UTF16_LE + semi.encode("utf-16-le"),
            "UTF-16 LE with BOM, `;`, CRLF",
            [read("utf16_le_bom.csv", 3)],
            [[0, 2, "Name", "Anna Müller"]],
        ),
        Case(
            "utf16_be_bom.csv",
            codecs.BOM_UTF16_BE + semi.encode("utf-16-be"),
            "UTF-16 BE with BOM",
            [read("utf16_be_bom.csv", 3)],
            [[0, 4, "City", "Lille"]],
        ),
        Case(
            "utf16_le_nobom.csv",
            semi.encode("utf-16-le"),
            "UTF-16 LE without BOM",
            [read("utf16_le_nobom.csv", 3)],
            [[0, 3, "Name", "José Núñez"]],
        ),
        Case(
            "utf16_be_nobom.csv",
            semi.encode("utf-16-be"),
            "UTF-16 BE without BOM",
            [read("utf16_be_nobom.csv", 3)],
        ),
        Case(
            "utf16_cyrillic_nobom.csv",
            "Компания;Город\r\nРомашка;Москва\r\nЛютик;Тверь\r\n".encode("utf-16-le"),
            "UTF-16 LE without BOM, Cyrillic text (few ASCII characters)",
            [read("utf16_cyrillic_nobom.csv", 2)],
            [[0, 2, "Город", "Москва"]],
        ),
        Case(
            "utf32_le_bom.csv",
            codecs.BOM_UTF32_LE + semi.encode("utf-32-le"),
            "UTF-32 LE with BOM",
            [read("utf32_le_bom.csv", 3)],
        ),
        Case(
            "utf32_be_nobom.csv",
            semi.encode("utf-32-be"),
            "UTF-32 BE without BOM",
            [read("utf32_be_nobom.csv", 3)],
            [[0, 2, "Name", "Anna Müller"]],
        ),
        Case(
            "utf32_le_nobom.csv",
            semi.encode("utf-32-le"),
            "UTF-32 LE without BOM",
            [read("utf32_le_nobom.csv", 3)],
        ),
        Case(
            "utf16_truncated.csv",
            (codecs.BOM_UTF16_LE + semi.encode("utf-16-le"))[:-3],
            "UTF-16 with BOM cut in the middle of a character",
            [read("utf16_truncated.csv", 3, codes=["undecodable"])],
        ),
        Case(
            "cp1251.csv",
            "Компания;Телефон\nРомашка;+7 495 123 45 67\nЛютик;+7 495 765 43 21\n".encode(
                "cp1251"
            ),
            "cp1251 (Cyrillic Windows), `;`",
            [read("cp1251.csv", 2)],
            [[0, 2, "Компания", "Ромашка"]],
        ),
        Case(
            "latin1.csv",
            contacts().encode("latin-1"),
            "latin-1 (read as cp1252)",
            [read("latin1.csv", 3)],
            [[0, 3, "Name", "José Núñez"]],
        ),
        Case(
            "mixed_utf8_cp1252.csv",
            contacts().encode("utf-8") + "P4,Renée,Besançon,cp1252\n".encode("cp1252"),
            "UTF-8 with one row in cp1252",
            [read("mixed_utf8_cp1252.csv", 4, codes=["undecodable"])],
            [[0, 2, "Name", "Anna Müller"]],
        ),
        Case(
            "utf8_bom_crlf.csv",
            codecs.BOM_UTF8 + contacts(",", "\r\n").encode(),
            "UTF-8 with BOM, CRLF",
            [read("utf8_bom_crlf.csv", 3)],
            [[0, 2, "Contact ID", "P1"]],
        ),
        Case(
            "utf16_nul_heavy_binary.csv",
            b"\x00\x01" * 2000,
            "16-bit binary data that looks like UTF-16 by its zero bytes",
            [refused("utf16_nul_heavy_binary.csv", "not_text", "NUL bytes")],
        ),
    )


def delimiter_cases():
    yield from (
        Case("semicolon.csv", contacts(";").encode(), "`;` delimited", [read("semicolon.csv", 3)]),
        Case(
            "tab.csv",
            contacts("\t").encode(),
            "tab delimited, named .csv",
            [read("tab.csv", 3)],
            [[0, 4, "Note", "third"]],
        ),
        Case("pipe.csv", contacts("|").encode(), "`|` delimited", [read("pipe.csv", 3)]),
        Case(
            "tabs.tsv",
            contacts("\t").encode(),
            "a .tsv file",
            [read("tabs.tsv", 3)],
        ),
        Case(
            "semicolon_decimal_commas.csv",
            b"Name;Amount;Note\nAcme;1,5;a, b\nBeta;2,25;c\n",
            "`;` with decimal commas in the values",
            [read("semicolon_decimal_commas.csv", 2)],
            [[0, 2, "Amount", "1,5"]],
        ),
    )


def quoting_cases():
    yield from (
        Case(
            "unclosed_quote_eof.csv",
            b'id,name,note\n1,Acme,ok\n2,Beta,"never closed\n3,Gamma,fine\n4,Delta,fine\n',
            "a quote that never closes: rows after it must not be swallowed",
            [read("unclosed_quote_eof.csv", 4, codes=["unclosed_quote"])],
            [[0, 3, "note", '"never closed'], [0, 5, "name", "Delta"]],
        ),
        Case(
            "unclosed_quote_swallow.csv",
            b'id,name,note\n1,Acme,"opens here\n2,Beta,fine\n3,Gamma,"closes" late\n4,Delta,ok\n',
            "a quote that closes three lines later in the middle of a value",
            [read("unclosed_quote_swallow.csv", 4, codes=["unclosed_quote"])],
            [[0, 3, "name", "Beta"], [0, 4, "note", "closes late"]],
        ),
        Case(
            "doubled_quotes.csv",
            b'id,quote\n1,"He said ""hi"""\n2,"""quoted"""\n',
            "doubled quotes inside quoted values (valid CSV)",
            [read("doubled_quotes.csv", 2)],
            [[0, 2, "quote", 'He said "hi"'], [0, 3, "quote", '"quoted"']],
        ),
        Case(
            "quote_mid_field.csv",
            b'id,name\n1,Acme "Big" Corp\n2,5" pipe\n',
            "quotes in the middle of unquoted values",
            [read("quote_mid_field.csv", 2)],
            [[0, 2, "name", 'Acme "Big" Corp'], [0, 3, "name", '5" pipe']],
        ),
        Case(
            "multiline_quoted.csv",
            b'id,note\n1,"line one\nline two"\n2,plain\n',
            "a quoted value over two lines (valid): spreadsheet row numbers kept",
            [read("multiline_quoted.csv", 2)],
            [[0, 2, "note", "line one\nline two"], [0, 4, "note", "plain"]],
        ),
        Case(
            "ragged_rows.csv",
            b"a,b,c\n1,2,3,4,5\n6,7\n8,9,10\n",
            "rows with more and with fewer values than columns",
            [read("ragged_rows.csv", 3, codes=["ragged_row"])],
            [[0, 2, "column 4", "4"], [0, 3, "c", ""]],
        ),
    )


def control_cases():
    padded = GOOD_CSV.encode() + bytes(4096)
    yield from (
        Case(
            "nul_bytes.csv",
            b"Na\x00me,City\n" + b"An\x00na,Pa\x00ris\n" + b"Eve,Rome\n" * 20,
            "NUL bytes in the header and in values",
            [read("nul_bytes.csv", 21, codes=["control_characters"])],
            [[0, 2, "Name", "Anna"], [0, 2, "City", "Paris"]],
        ),
        Case(
            "control_chars.csv",
            b"name,note\nAcme,bell\x07 escape\x1b[31m\nBeta,form\x0cfeed vtab\x0b\n"
            + b"Gamma,ok\n" * 10,
            "bell, escape, form feed and vertical tab in values",
            [read("control_chars.csv", 12, codes=["control_characters"])],
            [[0, 2, "note", "bell escape[31m"], [0, 3, "note", "formfeed vtab"]],
        ),
        Case(
            "nul_padded.csv",
            padded,
            "a CSV followed by 4 KiB of NUL bytes (a truncated copy)",
            [refused("nul_padded.csv", "not_text", "NUL bytes")],
        ),
        Case(
            "huge_field.csv",
            b"id,note\n1," + b"x" * (FIELD_LIMIT + 1000) + b"\n2,short\n",
            "a value of 513 K characters, over the 512 K limit",
            [read("huge_field.csv", 2, codes=["too_large"])],
            [[0, 3, "note", "short"]],
        ),
        Case(
            "many_columns.csv",
            (",".join("col%d" % i for i in range(3000)) + "\n").encode()
            + (",".join(str(i) for i in range(3000)) + "\n").encode(),
            "3,000 columns",
            [read("many_columns.csv", 1)],
            [[0, 2, "col2999", "2999"]],
        ),
        Case(
            "mixed_line_endings.csv",
            b"id,name\r\n1,Acme\n2,Beta\r3,Gamma\r\n",
            "CRLF, LF and CR line endings in one file",
            [read("mixed_line_endings.csv", 3)],
            [[0, 4, "name", "Gamma"]],
        ),
        Case(
            "cr_only.csv",
            b"id,name\r1,Acme\r2,Beta\r",
            "old Mac line endings (CR only)",
            [read("cr_only.csv", 2)],
        ),
        Case(
            "formula_injection.csv",
            b"id,name,note\n1,=cmd|' /C calc'!A0,x\n2,+SUM(1;2),@SUM(A1)\n"
            b'3,-2+3,"=HYPERLINK(""http://example.invalid"",""x"")"\n',
            "formula-injection cells: kept as plain text, never evaluated",
            [read("formula_injection.csv", 3)],
            [[0, 2, "name", "=cmd|' /C calc'!A0"], [0, 3, "note", "@SUM(A1)"]],
        ),
    )


def header_cases():
    yield from (
        Case(
            "duplicate_headers.csv",
            b"Phone,Email,phone,Phone\n1,a@x.example,2,3\n",
            "the same header three times",
            [read("duplicate_headers.csv", 1, codes=["duplicate_header"])],
            [[0, 2, "Phone (3)", "3"]],
        ),
        Case(
            "empty_headers.csv",
            b",Name,,City\nx,Anna,y,Paris\n",
            "blank header cells",
            [read("empty_headers.csv", 1, codes=["missing_header"])],
            [[0, 2, "column 1", "x"], [0, 2, "column 3", "y"]],
        ),
        Case(
            "header_only.csv",
            b"id,name\n",
            "a header and no row",
            [read("header_only.csv", 0)],
        ),
        Case("empty.csv", b"", "zero bytes", [refused("empty.csv", "empty_file", "empty")]),
        Case(
            "whitespace_only.csv",
            b"  \r\n\t\n \n",
            "only blanks and line ends",
            [refused("whitespace_only.csv", "empty_file", "empty")],
        ),
        Case(
            "bom_only.csv",
            codecs.BOM_UTF8,
            "a UTF-8 BOM and nothing else",
            [refused("bom_only.csv", "empty_file", "empty")],
        ),
        Case(
            "no_header.csv",
            b"1501,info@acme.example,+49 30 1234567\n1502,b@acme.example,+49 30 7654321\n",
            "data in row 1, no header",
            [refused("no_header.csv", "no_header", "looks like data")],
        ),
        Case(
            "blank_rows.csv",
            b"a,b\n1,2\n,\n \t, \n\n3,4\n",
            "rows of empty cells and an empty line between data rows",
            [read("blank_rows.csv", 2, skipped=3, codes=["blank_row"])],
        ),
    )


def binary_cases():
    book = xlsx([["Name"], ["Anna"]])
    yield from (
        Case(
            "binary_png.csv",
            png(4, 4, lambda x, y: (x * 60, y * 60, 90)),
            "a PNG image named .csv",
            [refused("binary_png.csv", "not_text", "PNG image")],
        ),
        Case(
            "binary_random.csv",
            rand_bytes(4096, SEED),
            "4 KiB of random bytes named .csv",
            [refused("binary_random.csv", "not_text", "control bytes")],
        ),
        Case(
            "xlsx_named.csv",
            book,
            "an XLSX workbook named .csv",
            [refused("xlsx_named.csv", "not_text", "ZIP archive or an XLSX")],
        ),
        Case(
            "pdf_named.csv",
            tiny_pdf(["not a csv"]),
            "a PDF named .csv",
            [refused("pdf_named.csv", "not_text", "PDF document")],
        ),
    )


def xlsx_cases():
    book = xlsx([["Name", "City"], ["Anna", "Köln"], [], ["Eve", "Rome"]])
    yield from (
        Case(
            "good.xlsx",
            book,
            "a valid workbook with a blank row",
            [read("good.xlsx", 2, skipped=1, codes=["blank_row"])],
            [[0, 4, "Name", "Eve"]],
        ),
        Case(
            "truncated.xlsx",
            book[: len(book) // 2],
            "the first half of a workbook",
            [refused("truncated.xlsx", "bad_file", "damaged or truncated")],
        ),
        Case(
            "encrypted.xlsx",
            ole(encrypted=True),
            "a password-protected workbook (an OLE compound file)",
            [refused("encrypted.xlsx", "bad_file", "password-protected")],
        ),
        Case(
            "old_format.xlsx",
            ole(encrypted=False),
            "an Excel 97-2003 file named .xlsx",
            [refused("old_format.xlsx", "bad_file", "Excel 97-2003")],
        ),
        Case(
            "csv_renamed.xlsx",
            contacts().encode(),
            "a CSV export renamed .xlsx",
            [refused("csv_renamed.xlsx", "bad_file", "CSV export named .xlsx")],
        ),
        Case(
            "zip_not_workbook.xlsx",
            zip_bytes([("a.csv", GOOD_CSV)]),
            "a ZIP of a CSV named .xlsx",
            [refused("zip_not_workbook.xlsx", "bad_file", "no workbook in it")],
        ),
        Case(
            "empty.xlsx",
            b"",
            "zero bytes named .xlsx",
            [refused("empty.xlsx", "bad_file", "empty")],
        ),
        Case(
            "huge_dimension.xlsx",
            xlsx([["Name"], ["Anna"], ["Eve"]], dimension="A1:XFD1048576"),
            "a sheet that claims 16,384 columns and a million rows",
            [read("huge_dimension.xlsx", 2)],
        ),
        Case(
            "far_row.xlsx",
            xlsx(
                sheet='<worksheet xmlns="%s"><sheetData>'
                '<row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c></row>'
                '<row r="2"><c r="A2" t="inlineStr"><is><t>Anna</t></is></c></row>'
                '<row r="20000"><c r="A20000" t="inlineStr"><is><t>Eve</t></is></c></row>'
                "</sheetData></worksheet>" % MAIN
            ),
            "a row numbered 20,000 after row 2: the gap is blank rows",
            [read("far_row.xlsx", 2, skipped=19997, codes=["blank_row"])],
            [[0, 20000, "Name", "Eve"]],
        ),
        Case(
            "control_chars.xlsx",
            xlsx([["Name"], ["An_x0000_na_x0007_"], ["Eve"]]),
            "Excel's escapes of NUL and bell (`_x0000_`) in a cell: kept as written",
            [read("control_chars.xlsx", 2)],
            [[0, 2, "Name", "An_x0000_na_x0007_"]],
        ),
        Case(
            "broken_sheet.xlsx",
            xlsx(sheet='<worksheet xmlns="%s"><sheetData><row r="1"><c' % MAIN),
            "a workbook whose sheet is cut in the middle of a tag",
            [refused("broken_sheet.xlsx", "bad_file", "not a readable XLSX")],
        ),
    )


def xml_cases():
    deep = "<r><a>" + "<n>" * 300 + "x" + "</n>" * 300 + "</a><a>y</a></r>"
    nested = "<r>" + "".join(
        "<rec><id>%d</id>%s1%s</rec>" % (i, "<n>" * 40, "</n>" * 40) for i in (1, 2)
    )
    yield from (
        Case(
            "xxe.xml",
            b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            b"<r><c><n>&x;</n></c><c><n>b</n></c></r>\n",
            "an external entity reading a local file (XXE)",
            [refused("xxe.xml", "unsafe_xml", "DOCTYPE")],
        ),
        Case(
            "billion_laughs.xml",
            (
                '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
                + "".join(
                    '<!ENTITY lol%d "%s">' % (i, ("&lol%s;" % (i - 1 or "")) * 10)
                    for i in range(1, 10)
                )
                + "]>\n<lolz><c>&lol9;</c><c>x</c></lolz>\n"
            ).encode(),
            "entities that expand to a billion strings",
            [refused("billion_laughs.xml", "unsafe_xml", "DOCTYPE")],
        ),
        Case(
            "deep_nesting.xml",
            deep.encode(),
            "elements nested 300 levels deep",
            [refused("deep_nesting.xml", "bad_file", "not well-formed XML")],
        ),
        Case(
            "deep_record.xml",
            (nested + "</r>").encode(),
            "records nested 40 levels deep (past the 32 read as columns)",
            [read("deep_record.xml", 2, codes=["too_deep"])],
        ),
        Case(
            "broken.xml",
            b"<r><c><id>1</id></c><c><id>2</id></r>",
            "a tag that is never closed",
            [refused("broken.xml", "bad_file", "not well-formed XML")],
        ),
        Case(
            "utf16.xml",
            xml(XML_RECORDS).replace("UTF-8", "UTF-16").encode("utf-16"),
            "UTF-16 XML with BOM (valid)",
            [read("utf16.xml", 2)],
            [[0, 2, "name", "Beta"]],
        ),
        Case(
            "binary.xml",
            rand_bytes(2048, SEED + 1),
            "random bytes named .xml",
            [refused("binary.xml", "not_text", "control bytes")],
        ),
        Case(
            "control_entity.xml",
            b'<?xml version="1.0"?><r><c><n>a&#1;b</n></c><c><n>x</n></c></r>',
            "a character reference to a control character (not allowed in XML 1.0)",
            [refused("control_entity.xml", "bad_file", "not well-formed XML")],
        ),
    )


def json_cases():
    records = [{"id": 1, "name": "Acme"}, {"id": 2, "name": "Beta"}]
    good = json.dumps(records)
    yield from (
        Case(
            "truncated.json",
            good[:-7].encode(),
            "a JSON array cut short",
            [refused("truncated.json", "bad_file", "not valid JSON")],
        ),
        Case(
            "deep.json",
            (
                '[{"id": 1, "name": "ok"}, {"id": 2, "deep": ' + "[" * 5000 + "]" * 5000 + "}]"
            ).encode(),
            "a record nested 5,000 levels deep next to a good one",
            [read("deep.json", 2, codes=["too_deep"])],
            [[0, 1, "name", "ok"]],
        ),
        Case(
            "huge_string.json",
            json.dumps(
                [{"id": 1, "note": "y" * (FIELD_LIMIT + 10)}, {"id": 2, "note": "ok"}]
            ).encode(),
            "a value over the 512 K character limit",
            [read("huge_string.json", 2, codes=["too_large"])],
            [[0, 2, "note", "ok"]],
        ),
        Case(
            "nul_escape.json",
            b'[{"id": 1, "na\\u0000me": "An\\u0000na"}, {"id": 2, "na\\u0000me": "Eve"}]',
            "JSON escapes of NUL in a key and in a value",
            [read("nul_escape.json", 2, codes=["control_characters"])],
            [[0, 1, "name", "Anna"]],
        ),
        Case(
            "lone_surrogate.json",
            b'[{"id": 1, "name": "bad \\ud800 half"}, {"id": 2, "name": "fine"}]',
            "a JSON escape of half a UTF-16 surrogate pair",
            [read("lone_surrogate.json", 2, codes=["undecodable"])],
            [[0, 1, "name", "bad \ufffd half"]],
        ),
        Case(
            "lines_mixed.jsonl",
            b'{"id": 1}\n\n{"id": 2, broken\n[1, 2]\n{"id": 4}\n',
            "JSON Lines with a blank line, a broken line and a line that is no object",
            [read("lines_mixed.jsonl", 4, codes=["bad_record", "not_an_object"])],
        ),
        Case(
            "utf16_nobom.json",
            good.encode("utf-16-le"),
            "UTF-16 JSON without BOM",
            [read("utf16_nobom.json", 2)],
            [[0, 2, "name", "Beta"]],
        ),
        Case(
            "scalar.json",
            b'"just a string"',
            "a JSON text that is a single string",
            [refused("scalar.json", "not_records", "not records")],
        ),
        Case(
            "binary.json",
            rand_bytes(2048, SEED + 2),
            "random bytes named .json",
            [refused("binary.json", "not_text", "control bytes")],
        ),
        Case(
            "trailing_garbage.json",
            (good + " trailing").encode(),
            "a valid array followed by text",
            [refused("trailing_garbage.json", "bad_file", "Extra data")],
        ),
    )


def zip_cases():
    good = ("good.csv", GOOD_CSV)

    def symlink():
        info = zipfile.ZipInfo("link.csv")
        info.external_attr = (0o120777 << 16) | 0x20
        return info

    def unsafe(file, member, data, what, code="unsafe_archive"):
        return Case(
            file,
            zip_bytes([good, (member, data)]),
            what + " next to a good CSV",
            [read(file + "/good.csv", 2, codes=[code])],
            [[0, 2, "Name", "Acme"]],
        )

    yield from (
        unsafe("zip_traversal.zip", "../evil.csv", GOOD_CSV, "`../evil.csv`"),
        unsafe("zip_deep_traversal.zip", "data/../../evil.csv", GOOD_CSV, "`data/../../x.csv`"),
        unsafe("zip_absolute.zip", "/etc/evil.csv", GOOD_CSV, "an absolute member path"),
        unsafe("zip_drive.zip", "C:/evil.csv", GOOD_CSV, "a Windows drive member path"),
        unsafe("zip_backslash.zip", "..\\evil.csv", GOOD_CSV, "`..\\evil.csv`"),
        unsafe("zip_symlink.zip", symlink(), "/etc/passwd", "a symbolic link member"),
        unsafe("zip_nested.zip", "inner.zip", zip_bytes([good]), "a ZIP inside the ZIP"),
        unsafe(
            "zip_bomb.zip",
            "bomb.csv",
            b"a\n" + b"0" * (8 * 1024 * 1024),
            "a member of 8 MiB of zeros (ratio over 200)",
        ),
    )
    yield Case(
        "zip_encrypted.zip",
        _encrypted_member_zip(good),
        "a member marked encrypted next to a good CSV",
        [read("zip_encrypted.zip/good.csv", 2, codes=["encrypted"])],
    )
    crc = bytearray(zip_bytes([good, ("bad.csv", "name\nAnna\n")], zipfile.ZIP_STORED))
    start = crc.index(b"Anna")
    crc[start : start + 4] = b"Omar"
    yield from (
        Case(
            "zip_corrupt_member.zip",
            bytes(crc),
            "a member whose bytes do not match its checksum, next to a good one",
            [
                read("zip_corrupt_member.zip/good.csv", 2),
                refused("zip_corrupt_member.zip/bad.csv", "bad_file", "cannot be unpacked"),
            ],
        ),
        Case(
            "zip_duplicate_names.zip",
            _duplicate_zip(),
            "two members with the same name",
            [read("zip_duplicate_names.zip/good.csv", 2, codes=["unsafe_archive"])],
        ),
        Case(
            "zip_only_unsafe.zip",
            zip_bytes([("../evil.csv", GOOD_CSV)]),
            "nothing but an unsafe member",
            [refused("zip_only_unsafe.zip", "unsafe_archive", "outside its folder")],
        ),
        Case(
            "zip_not_a_zip.zip",
            b"PK\x03\x04 this is not an archive",
            "text with a ZIP signature",
            [refused("zip_not_a_zip.zip", "bad_file", "not a readable ZIP")],
        ),
        Case(
            "zip_mixed_members.zip",
            zip_bytes(
                [
                    good,
                    ("binary.csv", rand_bytes(1024, SEED + 3)),
                    ("utf16.csv", codecs.BOM_UTF16_LE + contacts().encode("utf-16-le")),
                    ("files/brochure.pdf", tiny_pdf(["a document"])),
                ]
            ),
            "a good CSV, a binary .csv, a UTF-16 CSV and a document",
            [
                read("zip_mixed_members.zip/good.csv", 2),
                refused("zip_mixed_members.zip/binary.csv", "not_text", "control bytes"),
                read("zip_mixed_members.zip/utf16.csv", 3),
            ],
        ),
    )


def _encrypted_member_zip(good):
    """A ZIP whose member ``locked.csv`` has the 'encrypted' flag (zipfile cannot write one)."""
    data = bytearray(zip_bytes([good, ("locked.csv", GOOD_CSV)]))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info, pos = archive.getinfo("locked.csv"), archive.start_dir
    data[info.header_offset + 6] |= 0x1  # the local header's flags
    while data[pos : pos + 4] == b"PK\x01\x02":  # the central directory's entries
        sizes = struct.unpack("<HHH", data[pos + 28 : pos + 34])
        if data[pos + 46 : pos + 46 + sizes[0]] == b"locked.csv":
            data[pos + 8] |= 0x1
        pos += 46 + sum(sizes)
    return bytes(data)


def _duplicate_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for data in (GOOD_CSV, "Company ID,Name\nC9,Other\n"):
            info = zipfile.ZipInfo("good.csv", ZIP_DATE)
            with warnings.catch_warnings():  # 'Duplicate name': the duplicate is the point
                warnings.simplefilter("ignore")
                archive.writestr(info, data)
    return buffer.getvalue()


def all_cases():
    groups = (
        encoding_cases,
        delimiter_cases,
        quoting_cases,
        control_cases,
        header_cases,
        binary_cases,
        xlsx_cases,
        xml_cases,
        json_cases,
        zip_cases,
    )
    return [case for group in groups for case in group()]


# --------------------------------------------------------------------------
# Expected outcomes and the README
# --------------------------------------------------------------------------
def outcome(tables):
    """A table's expected outcome in words, for the README."""
    parts = []
    for table in tables:
        prefix = table["name"].split("/", 1)[1] + ": " if "/" in table["name"] else ""
        if table.get("blocked"):
            parts.append("%srefused (`%s`, “%s”)" % (prefix, table["codes"][0], table["reason"]))
            continue
        text = "%s%s row%s read" % (prefix, table["rows"], "" if table["rows"] == 1 else "s")
        if table["skipped"]:
            text += ", %s skipped" % table["skipped"]
        if table["codes"]:
            text += "; problems: " + ", ".join("`%s`" % c for c in table["codes"])
        parts.append(text)
    return "<br>".join(parts)


def readme(cases):
    rows = [
        ("`%s`" % case.file, case.what.replace("|", "\\|"), outcome(case.tables)) for case in cases
    ]
    return (
        "# Hostile corpus\n\n"
        "Malformed and hostile files the readers must survive, written by "
        "`scripts/make_hostile_corpus.py` (do not edit by hand) and checked by "
        "`tests/test_hostile_corpus.py` against `expected.json`. Each file is read as an "
        "upload is read (`read_sources` on the stored file, then every table's rows): no "
        "exception, no NUL or other control character in any value, every record counted "
        "as a row or as a skipped row with a reason. “Refused” is one blocked table whose "
        "problem holds the quoted reason; in a ZIP, an unsafe member is refused alone and "
        "reported on the archive's first table.\n\n"
        "%s files, %s bytes.\n\n"
        % (len(cases), sum(len(case.data) for case in cases))
        + md_table(("file", "what it is", "outcome"), rows)
        + "\n"
    )


def expected(cases):
    return {
        case.file: {"what": case.what, "tables": case.tables, "values": case.values}
        for case in cases
    }


def main(out=OUT):
    out = Path(out)
    cases = all_cases()
    names = [case.file for case in cases]
    assert len(names) == len(set(names)), "two cases write the same file"
    for case in cases:
        write(out / case.file, case.data)
    write(out / "expected.json", json.dumps(expected(cases), indent=1, ensure_ascii=False) + "\n")
    write(out / "README.md", readme(cases))
    return cases


if __name__ == "__main__":
    written = main(sys.argv[1] if len(sys.argv) > 1 else OUT)
    print("%s files in %s" % (len(written), sys.argv[1] if len(sys.argv) > 1 else OUT))
