"""File readers: one per file type behind a dispatch table.

``read_sources(filename, source)`` returns the tables of a file (a CSV is one
table, an XLSX one per non-empty sheet, a ZIP one per data member, a JSON or
XML file one per kind of record and one per nested list of objects). A table
reports what it detected (encoding, delimiter, sheet, records key or tag) and
its problems, and streams its rows: a row is never dropped, its problems travel
with it.

A source is the file's bytes or the path of a file on disk; a path is streamed,
never read whole (a ZIP member is read into memory, up to ZIP_MAX_MEMBER bytes).

Readers never raise: a file they cannot read is one blocked table whose problem
says why (not a text export, a damaged workbook, an unsafe archive...), an
unsafe ZIP member is refused alone, and a failure while rows stream ends the
stream with a problem in ``SourceTable.stream_problems``. Only ``read_sources``
raises, UnsupportedFileError, for a file type no reader reads. No value, header
or key carries a NUL, another control character or an unpaired surrogate: they
are removed and counted (PostgreSQL refuses NUL in text).
"""

import codecs
import csv
import datetime
import io
import json
import os
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import PurePosixPath

import chardet
from lxml import etree
from openpyxl import load_workbook

from .errors import Problem, SourceError, UnsafeArchiveError, UnsupportedFileError
from .values import is_email, is_phone, parse_date, parse_number

SNIFF_BYTES = 64 * 1024
SCAN_BYTES = 64 * 1024 * 1024
SCAN_CHUNK = 1024 * 1024
SNIFF_LINES = 20
CYRILLIC_CHARSETS = {"windows-1251", "maccyrillic", "koi8-r", "iso-8859-5", "ibm866", "ibm855"}
ZIP_MAX_MEMBERS = 1000
ZIP_MAX_TOTAL = 1024 * 1024 * 1024
ZIP_MAX_MEMBER = 256 * 1024 * 1024
ZIP_MAX_RATIO = 200
ZIP_RATIO_FLOOR = 1024 * 1024
ZIP_SKIP = re.compile(r"(^|/)(__MACOSX/|\.[^./])")
ARCHIVE_EXTENSIONS = (".zip", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2", ".xz")
ESCAPED_BYTES = re.compile("[\udc80-\udcff]+")
LETTER = re.compile(r"[^\W\d_]")
FIELD_LIMIT = 512 * 1024  # characters in one value, for every file type; longer ones are cut
RECORD_LIMIT = 4 * FIELD_LIMIT  # characters in one CSV record (all its lines)
SHOWN_ROWS = 10  # row numbers listed in a problem about several rows
# C0 controls but tab, line feed and carriage return, and unpaired surrogates
UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
csv.field_size_limit(RECORD_LIMIT + 1)


@dataclass
class SourceRow:
    """One data row: ``row`` is the line number a spreadsheet shows (header = 1)."""

    row: int
    values: dict
    problems: list = field(default_factory=list)


@dataclass
class Skipped:
    """A record a reader passed over, not a row: counted, with the reason, never silent."""

    row: int
    code: str
    reason: str


SKIP_REASONS = {"blank_row": "no value in any cell"}


@dataclass
class SourceTable:
    """One table of a source file, its header, what was detected and its problems.

    ``rows()`` streams the rows; once it has run to the end, ``counts`` holds
    the records the reader met (``records``), the rows it yielded (``rows``)
    and the records it skipped (``skipped``; the first ones of each reason in
    ``skipped_rows``), and ``stream_problems`` what was found while streaming that
    belongs to no row: the skipped records, a read that stopped early.
    """

    name: str
    object_name: str
    file_type: str
    headers: list = field(default_factory=list)
    detected: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    _read_rows: Callable = field(default=None, repr=False, compare=False)
    counts: dict = field(default_factory=dict, compare=False)
    skipped_rows: list = field(default_factory=list, repr=False, compare=False)  # the first ones
    stream_problems: list = field(default_factory=list, compare=False)

    @property
    def blocked(self):
        return any(problem.blocking for problem in self.problems)

    def rows(self) -> Iterator[SourceRow]:
        """The data rows, read again from the source at each call; none when blocked."""
        self.counts = {"records": 0, "rows": 0, "skipped": 0}
        self.skipped_rows, self.stream_problems = [], []
        if self._read_rows is None or self.blocked:
            return iter(())
        return self._stream()

    def _stream(self):
        """The reader's rows, cleaned and counted; nothing it raises goes further."""
        counts, last, skipped = self.counts, 1, {}
        try:
            for item in self._read_rows():
                counts["records"] += 1
                last = item.row
                if isinstance(item, Skipped):
                    counts["skipped"] += 1
                    entry = skipped.setdefault((item.code, item.reason), [0, []])
                    entry[0] += 1
                    if len(entry[1]) <= SHOWN_ROWS:
                        entry[1].append(item.row)
                    continue
                counts["rows"] += 1
                yield clean_row(self.name, item)
        except SourceError as error:
            self.stream_problems.append(_stopped(self.name, last, error.message))
        except Exception as error:  # the boundary: a problem, never a crash
            message = "%s (%s)" % (error.__class__.__name__, error)
            self.stream_problems.append(_stopped(self.name, last, message, "internal_error"))
        self.skipped_rows = [
            Skipped(row, code, reason)
            for (code, reason), (_count, rows) in skipped.items()
            for row in rows[:SHOWN_ROWS]
        ]
        self.stream_problems[:0] = _skipped_problems(self.name, skipped)


def _stopped(name, last, reason, code="read_stopped"):
    return Problem(
        code,
        "%s: reading stopped after row %s: %s; the rows after it were not read"
        % (name, last, reason),
        file=name,
        row=last,
    )


def _skipped_problems(name, skipped):
    """One problem per reason: how many records were skipped, and the first of them."""
    problems = []
    for (code, reason), (count, numbers) in skipped.items():
        shown = ", ".join(str(n) for n in numbers[:SHOWN_ROWS])
        message = "%s: %s row%s skipped (%s): row%s %s%s" % (
            name,
            count,
            " was" if count == 1 else "s were",
            reason,
            "" if count == 1 else "s",
            shown,
            ", …" if count > SHOWN_ROWS else "",
        )
        problems.append(Problem(code, message, file=name, row=numbers[0]))
    return problems


def clean_text(text):
    """``text`` without control characters (NUL...) and unpaired surrogates.

    Returns the text and what was removed, as {'control': n, 'undecodable': n}
    (an unpaired surrogate becomes U+FFFD: the trace of bytes that did not
    decode). Tab, line feed and carriage return are kept.
    """
    if not UNWANTED.search(text):
        return text, {}
    removed = Counter()

    def swap(match):
        char = match.group()
        if char < "\ud800":
            removed["control"] += 1
            return ""
        removed["undecodable"] += 1
        return "\ufffd"

    return UNWANTED.sub(swap, text), dict(removed)


def _clean_problems(name, number, column, removed):
    where = "%s, row %s, column %r" % (name, number, column)
    problems = []
    if removed.get("control"):
        problems.append(
            Problem(
                "control_characters",
                "%s: %s control character%s (NUL or other non-printing bytes) removed"
                % (where, removed["control"], "" if removed["control"] == 1 else "s"),
                file=name,
                row=number,
                column=column,
            )
        )
    if removed.get("undecodable"):
        problems.append(
            Problem(
                "undecodable",
                "%s: bytes that do not decode; kept as replacement characters; fix the file "
                "encoding and upload again" % where,
                file=name,
                row=number,
                column=column,
            )
        )
    return problems


def clean_row(name, row):
    """The row with every key and value cleaned (``clean_text``) and cut to FIELD_LIMIT.

    A value that had control characters is stripped again, as every reader
    strips its values.
    """
    values = row.values
    longest = max(map(len, values.values()), default=0)
    if longest <= FIELD_LIMIT and not UNWANTED.search("".join(values) + "".join(values.values())):
        return row
    cleaned = {}
    for key, value in values.items():
        key, key_removed = clean_text(key)
        value, removed = clean_text(value)
        value = value.strip() if removed else value
        removed = Counter(key_removed) + Counter(removed)
        row.problems += _clean_problems(name, row.row, key, removed)
        if len(value) > FIELD_LIMIT:
            row.problems.append(_cut_problem(name, row.row, key, len(value)))
            value = value[:FIELD_LIMIT]
        cleaned[_unique_key(key, cleaned)] = value
    row.values = cleaned
    return row


def _cut_problem(name, number, column, size):
    return Problem(
        "too_large",
        "%s, row %s, column %r: a value of %s characters, more than %s; it was cut to %s"
        % (name, number, column, size, FIELD_LIMIT, FIELD_LIMIT),
        file=name,
        row=number,
        column=column,
    )


def object_name_for(filename):
    """'Companies.csv' -> 'companies', 'data/Open Deals.xlsx' -> 'open_deals'."""
    stem = PurePosixPath(filename.replace("\\", "/")).name.rsplit(".", 1)[0]
    return _object_name(stem)


def _object_name(text):
    return re.sub(r"\s+", "_", text.strip().lower()) or "data"


def _open_binary(source):
    """A binary stream over the source: a path is streamed from disk, never read whole."""
    if isinstance(source, bytes | bytearray):
        return io.BytesIO(source)
    return open(os.fspath(source), "rb")  # closed by the caller


def _head(source, size=SNIFF_BYTES):
    with _open_binary(source) as stream:
        return stream.read(size)


# ----------------------------------------------------------------------
# Headers and rows, for every file type
# ----------------------------------------------------------------------
def _is_data_value(value):
    if is_email(value) or is_phone(value):
        return True
    for parser in (parse_number, parse_date):
        try:
            parser(value)
            return True
        except ValueError:
            pass
    return False


def _no_header_problem(name, cells):
    """A blocking problem if row 1 is blank or looks like data rather than column names."""
    filled = [cell for cell in cells if cell]
    if not filled:
        reason = "row 1 is empty"
    elif all(_is_data_value(c) for c in filled) or not any(LETTER.search(c) for c in filled):
        sample = ", ".join(repr(c) for c in filled[:4]) + (", …" if len(filled) > 4 else "")
        reason = "row 1 looks like data, not a header row (%s)" % sample
    else:
        return None
    return Problem(
        "no_header",
        "%s: %s; add a header row naming each column and upload the file again" % (name, reason),
        file=name,
        row=1,
        blocking=True,
    )


def clean_headers(raw_headers, name, check_header_row=True):
    """Unique header names and the problems with them (blank, duplicated, no header).

    ``check_header_row`` is off for names that come from the file's structure
    (JSON keys, XML tags), which cannot be a data row taken for a header.
    """
    headers, cleaning = [], []
    for index, raw in enumerate(raw_headers, start=1):
        header, removed = clean_text(str(raw or ""))
        headers.append(header.strip())
        cleaning += _clean_problems(name, 1, "column %s" % index, removed)
    while headers and not headers[-1]:
        headers.pop()
    problem = _no_header_problem(name, headers) if check_header_row else None
    if problem:
        return headers, [problem]
    result, problems, first_index = [], cleaning, {}
    for index, header in enumerate(headers, start=1):
        if not header:
            header = "column %s" % index
            problems.append(
                Problem(
                    "missing_header",
                    "%s: column %s has no header; it is called %r here" % (name, index, header),
                    file=name,
                    row=1,
                    column=header,
                )
            )
        if header.lower() in first_index:
            header, problem = _rename_duplicate(name, header, index, first_index, result)
            problems.append(problem)
        first_index[header.lower()] = index
        result.append(header)
    return result, problems


def _rename_duplicate(name, header, index, first_index, taken):
    taken = {h.lower() for h in taken}
    count = 2
    while ("%s (%s)" % (header, count)).lower() in taken:
        count += 1
    renamed = "%s (%s)" % (header, count)
    problem = Problem(
        "duplicate_header",
        "%s: columns %s and %s are both named %r; column %s is read as %r"
        % (name, first_index[header.lower()], index, header, index, renamed),
        file=name,
        row=1,
        column=renamed,
    )
    return renamed, problem


def _row_from_cells(name, headers, cells, number):
    """A SourceRow from a record's cells; a ragged record keeps every value it has.

    Empty cells past the last column (a trailing delimiter) carry nothing and
    are dropped silently.
    """
    while len(cells) > len(headers) and not cells[-1].strip():
        cells = cells[:-1]
    values = dict.fromkeys(headers, "")
    for index, cell in enumerate(cells):
        header = headers[index] if index < len(headers) else "column %s" % (index + 1)
        values[header] = cell.strip()
    problems = []
    if len(cells) != len(headers):
        problems.append(_ragged_problem(name, headers, cells, number))
    return SourceRow(number, values, problems)


def _ragged_problem(name, headers, cells, number):
    where = "%s, row %s: %s values for %s columns" % (name, number, len(cells), len(headers))
    if len(cells) > len(headers):
        message = "%s; the extra value %r has no column" % (where, cells[len(headers)].strip())
        column = "column %s" % (len(headers) + 1)
    else:
        column = headers[len(cells)]
        message = "%s; %r and the columns after it are empty" % (where, column)
    return Problem("ragged_row", message, file=name, row=number, column=column)


# ----------------------------------------------------------------------
# Text files: encoding, binary content
# ----------------------------------------------------------------------
WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
WIDE_SAMPLE = 4096  # bytes looked at to recognise UTF-16 or UTF-32 without a BOM
WIDE_MIN_ZEROS = 4  # ASCII characters (zero high bytes) it takes to call a text UTF-16
SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive or an XLSX workbook"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an Office file (an old .xls, or an encrypted one)",
    ),
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
BINARY_BYTES = re.compile(rb"[\x01-\x08\x0e-\x1f]")


@dataclass
class _Scan:
    """What a pass over the first SCAN_BYTES of a text file found."""

    bom: bool = False
    content: bool = False
    utf8_errors: int = 0
    utf8_multibyte: int = 0
    window: bytes = b""


def _scan(source):
    """Count valid and invalid UTF-8 in the head of the file, streaming.

    ``window`` keeps SNIFF_BYTES from just before the first non-ASCII byte for
    chardet (which can only say 'ascii' about the ASCII start of a file).
    """
    scan = _Scan()
    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    with _open_binary(source) as stream:
        chunk = stream.read(SCAN_CHUNK)
        scan.bom = chunk.startswith(codecs.BOM_UTF8)
        chunk = chunk.removeprefix(codecs.BOM_UTF8)
        read = 0
        while chunk and read < SCAN_BYTES:
            read += len(chunk)
            scan.content = scan.content or bool(chunk.strip())
            if not scan.window:
                high = re.search(rb"[\x80-\xff]", chunk)
                if high:
                    start = max(high.start() - 1024, 0)
                    scan.window = chunk[start : start + SNIFF_BYTES]
            text = decoder.decode(chunk)
            errors = sum(map(len, ESCAPED_BYTES.findall(text)))  # a real U+FFFD is no error
            scan.utf8_errors += errors
            scan.utf8_multibyte += len(text) - len(text.encode("ascii", "ignore")) - errors
            chunk = stream.read(SCAN_CHUNK)
    return scan


def detect_encoding(scan):
    """'utf-8-sig', 'utf-8', 'cp1251' or 'cp1252'.

    UTF-8 when the head decodes, or when valid multi-byte characters outnumber a
    few stray bytes (those cells are then reported, see ``_decode_cells``). A
    file of ASCII plus a few high bytes is a legacy encoding: chardet decides
    between Cyrillic (cp1251) and Western (cp1252).
    """
    if scan.bom:
        return "utf-8-sig"
    errors, multibyte = scan.utf8_errors, scan.utf8_multibyte
    if not errors or (multibyte and (errors <= 3 or errors * 20 <= multibyte)):
        return "utf-8"
    guess = (chardet.detect(scan.window).get("encoding") or "").lower()
    if guess in CYRILLIC_CHARSETS and _decodes(scan.window, "cp1251"):
        return "cp1251"
    return "cp1252"


def _decodes(data, encoding):
    try:
        data.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def _is_wide(encoding):
    return encoding.startswith(("utf-16", "utf-32"))


def _wide_candidate(sample):
    """The UTF-16 or UTF-32 byte order the zero bytes of ``sample`` point to, if any.

    Delimiters, digits and line ends are ASCII in any export: in UTF-32 the two
    high bytes of nearly every character are zero, in UTF-16 the high byte of
    nearly every character is one of a few values (0 for ASCII, 4 for Cyrillic...).
    """
    quarter = len(sample) // 4
    zeros = [sample[i::4].count(0) for i in range(4)]
    if zeros[2] >= 0.9 * quarter and zeros[3] >= 0.9 * quarter and zeros[0] < quarter / 2:
        return "utf-32-le"
    if zeros[0] >= 0.9 * quarter and zeros[1] >= 0.9 * quarter and zeros[3] < quarter / 2:
        return "utf-32-be"
    even, odd = zeros[0] + zeros[2], zeros[1] + zeros[3]
    high = None
    if odd >= 9 * even:
        candidate, high = "utf-16-le", sample[1::2]
    elif even >= 9 * odd:
        candidate, high = "utf-16-be", sample[0::2]
    if high is None or high.count(0) < WIDE_MIN_ZEROS:
        return None
    common = Counter(high).most_common(3)
    if 0 not in dict(common) or sum(n for _b, n in common) < 0.9 * len(high):
        return None
    return candidate


def _wide_encoding(head):
    """'utf-16-le', 'utf-16-be', 'utf-32-le' or 'utf-32-be' for a text without BOM, else None."""
    sample = head[:WIDE_SAMPLE]
    sample = sample[: len(sample) - len(sample) % 4]
    if b"\x00" not in sample:
        return None
    candidate = _wide_candidate(sample)
    if candidate is None:
        return None
    try:
        text = codecs.getincrementaldecoder(candidate)().decode(sample, False)
    except UnicodeDecodeError:
        return None
    if not text or len(CONTROL.findall(text)) * 100 > len(text):
        return None
    return candidate


def _binary_reason(head):
    """Why ``head`` is not the start of a text export, or None when it may be one."""
    for signature, what in SIGNATURES:
        if head.startswith(signature):
            return "it is %s" % what
    if not head:
        return None
    nul = head.count(0)
    if nul * 10 > len(head):
        return "%s of its first %s bytes are NUL bytes" % (nul, len(head))
    controls = len(BINARY_BYTES.findall(head))
    if controls >= 8 and controls * 100 > len(head):
        return "%s of its first %s bytes are control bytes" % (controls, len(head))
    return None


def _not_text(name, reason):
    return Problem(
        "not_text",
        "%s: not a text export (%s); export the data again as CSV, JSON or XML, or upload "
        "the file with its own extension" % (name, reason),
        file=name,
        blocking=True,
    )


def _empty_problem(name):
    return Problem("empty_file", "%s: the file is empty" % name, file=name, blocking=True)


def _text_encoding(name, source):
    """(encoding, None) of a text file, or (None, a blocking problem): empty, or not text."""
    head = _head(source)
    encoding = next((enc for bom, enc in WIDE_BOMS if head.startswith(bom)), None)
    encoding = encoding or _wide_encoding(head)
    if encoding:
        blank = not head.decode(encoding, errors="replace").strip(" \t\r\n\ufeff\x00")
        if blank and len(head) < SNIFF_BYTES:
            return None, _empty_problem(name)
        return encoding, None
    reason = _binary_reason(head)
    if reason:
        return None, _not_text(name, reason)
    scan = _scan(source)
    if not scan.content:
        return None, _empty_problem(name)
    return detect_encoding(scan), None


def _text_stream(source, encoding, newline):
    """The decoded text of a source: undecodable bytes escaped (wide encodings: U+FFFD)."""
    errors = "replace" if _is_wide(encoding) else "surrogateescape"
    return io.TextIOWrapper(
        _open_binary(source), encoding=encoding, errors=errors, newline=newline
    )


# ----------------------------------------------------------------------
# CSV
# ----------------------------------------------------------------------
def _sniff_delimiter(text, default):
    """csv.Sniffer on the first lines; else the candidate most used in line 1."""
    lines = text.splitlines()[:SNIFF_LINES]
    candidates = ",;\t|"
    try:
        delimiter = csv.Sniffer().sniff("\n".join(lines), delimiters=candidates).delimiter
        if delimiter in lines[0]:
            return delimiter
    except csv.Error:
        pass
    counts = {d: lines[0].count(d) if lines else 0 for d in candidates}
    best = max(counts, key=counts.get)
    return best if counts[best] else default


class _TooLong(Exception):  # noqa: N818 - control flow of the record reader
    """The record being read is longer than RECORD_LIMIT characters."""


class _Lines:
    """The physical lines of a text stream, as csv.reader pulls them, numbered.

    ``taken`` holds (number, text) of the lines of the record being read; lines
    can be given back (``push_back``) to be read again as records of their own.
    A record longer than RECORD_LIMIT stops with _TooLong, the rest of its last
    line passed over.
    """

    def __init__(self, stream):
        self.stream = stream
        self.number = 0
        self.pending = []  # lines given back, the next one last
        self.taken = []
        self.size = 0
        self.ended = False  # the stream ended inside the record being read

    def start(self):
        self.taken, self.size, self.ended = [], 0, False

    def __iter__(self):
        return self

    def __next__(self):
        if self.pending:
            number, text = self.pending.pop()
        else:
            text = self.stream.readline(RECORD_LIMIT + 1)
            if not text:
                self.ended = bool(self.taken)
                raise StopIteration
            self.number += 1
            number = self.number
            if len(text) > RECORD_LIMIT and not text.endswith(("\n", "\r")):
                while text and not text.endswith(("\n", "\r")):
                    text = self.stream.readline(SCAN_CHUNK)
                text = None  # over the limit: passed over
        self.taken.append((number, text))
        self.size += RECORD_LIMIT + 1 if text is None else len(text)
        if self.size > RECORD_LIMIT:
            raise _TooLong()
        return text

    def push_back(self, lines):
        self.pending.extend(reversed(lines))


def _closes_cleanly(texts, delimiter):
    """True if the lines parse as CSV where every quote that opens a value closes it."""
    try:
        for _cells in csv.reader(texts, delimiter=delimiter, strict=True):
            pass
    except csv.Error:
        return False
    return True


def _quote_column(cells):
    """The index of the cell where a quote opens and does not close (of a plain parse)."""
    for index, cell in enumerate(cells):
        if cell.count('"') % 2:
            return index
    return next((i for i, cell in enumerate(cells) if '"' in cell), 0)


def _records(source, encoding, delimiter):
    """(first line number, cells or None, issues) of each CSV record, bytes escaped.

    An issue is (code, message, cell index or None). A quote that opens a value
    and does not close it cleanly (at the end of the file, or on a later line
    where a value goes on after the closing quote) would swallow the lines after
    it into one cell: that record is read again from its first line alone, the
    quote as a plain character, and the lines after it as records of their own.
    A record over RECORD_LIMIT characters has no cells.
    """
    with _text_stream(source, encoding, "") as stream:
        lines = _Lines(stream)
        reader = csv.reader(lines, delimiter=delimiter)
        while True:
            lines.start()
            try:
                cells = next(reader)
                error = None
            except StopIteration:
                return
            except _TooLong:
                cells, error = None, "too_long"
            except csv.Error as csv_error:
                cells, error = None, str(csv_error)
            taken = lines.taken
            number = taken[0][0]
            if error is None and not (lines.ended or len(taken) > 1):
                yield number, cells, []
                continue
            if error is None and not lines.ended:
                if _closes_cleanly([text for _n, text in taken], delimiter):
                    yield number, cells, []
                    continue
            yield _reread_first_line(lines, delimiter, error)


def _reread_first_line(lines, delimiter, error):
    """The first line of a record that went wrong, read alone; the others given back."""
    taken = lines.taken
    number, first = taken[0]
    lines.push_back(taken[1:])
    if first is None or (error == "too_long" and len(taken) == 1):
        message = "a record of more than %s characters; it was not read" % RECORD_LIMIT
        return number, None, [("too_long", message, None)]
    cells = next(csv.reader([first], delimiter=delimiter, quoting=csv.QUOTE_NONE), [])
    if error not in (None, "too_long"):
        message = "the line cannot be read as CSV (%s); it was read with its quotes as " % error
        return number, cells, [("bad_quotes", message + "plain characters", None)]
    if lines.ended:
        where = "runs to the end of the file"
    else:
        where = "closes only on line %s, where the value goes on after it" % taken[-1][0]
    message = (
        "a quote opens in this value and %s; the row was read with the quote as a plain "
        "character and the lines after it as rows of their own; check the quotes of this row"
        % where
    )
    return number, cells, [("unclosed_quote", message, _quote_column(cells))]


def _decode_cells(cells, encoding):
    """Cells with undecodable bytes decoded with replacement characters.

    Returns the cells and [(index, the bytes that did not decode, or None when a
    UTF-16 or UTF-32 decoder replaced them already)].
    """
    codec = encoding.removesuffix("-sig")
    bad = []
    for index, cell in enumerate(cells):
        if _is_wide(codec):
            if "\ufffd" in cell:
                bad.append((index, None))
            continue
        escaped = ESCAPED_BYTES.findall(cell)
        if escaped:
            raw = cell.encode(codec, errors="surrogateescape")
            cells[index] = raw.decode(codec, errors="replace")
            bad.append((index, bytes(ord(c) - 0xDC00 for c in "".join(escaped))))
    return cells, bad


def _undecodable(name, number, column, encoding, raw):
    where = "%s, row %s, column %r" % (name, number, column)
    shown = " (%r)" % raw if raw is not None else ""
    return Problem(
        "undecodable",
        "%s: bytes that are not valid %s%s; the value was kept with replacement "
        "characters; fix the file encoding and upload again"
        % (where, encoding.removesuffix("-sig"), shown),
        file=name,
        row=number,
        column=column,
    )


def _empty_table(name, file_type):
    return SourceTable(name, object_name_for(name), file_type, problems=[_empty_problem(name)])


def _decoded_head(source, encoding):
    head = _head(source)
    if _is_wide(encoding):
        head = head[: len(head) - len(head) % 4]
    return head.decode(encoding, errors="replace")


def read_csv(name, source, default_delimiter=","):
    """One table; ``detected`` holds the encoding, the delimiter and the header row."""
    encoding, refused = _text_encoding(name, source)
    if refused:
        return [_blocked_table(name, "csv", refused)]
    delimiter = _sniff_delimiter(_decoded_head(source, encoding), default_delimiter)
    records = _records(source, encoding, delimiter)
    number, raw_headers, issues = next(records, (1, [], []))
    records.close()
    raw_headers, bad = _decode_cells(raw_headers or [], encoding)
    headers, problems = clean_headers(raw_headers, name)
    problems += [
        _csv_problem(name, number, [], code, message, None) for code, message, _i in issues
    ]
    for index, raw in bad:
        problems.append(_undecodable(name, 1, "column %s" % (index + 1), encoding, raw))
    table = SourceTable(
        name,
        object_name_for(name),
        "csv",
        headers=headers,
        detected={"encoding": encoding, "delimiter": delimiter, "header_row": 1},
        problems=problems,
    )
    table._read_rows = partial(_csv_rows, name, source, encoding, delimiter, headers)
    return [table]


def _column_of(headers, index):
    return headers[index] if index < len(headers) else "column %s" % (index + 1)


def _csv_problem(name, number, headers, code, message, index):
    column = None if index is None else _column_of(headers, index)
    where = "%s, row %s" % (name, number) + (", column %r" % column if column else "")
    return Problem(code, "%s: %s" % (where, message), file=name, row=number, column=column)


def _csv_rows(name, source, encoding, delimiter, headers):
    records = _records(source, encoding, delimiter)
    next(records, None)
    for number, cells, issues in records:
        problems = [_csv_problem(name, number, headers, *issue) for issue in issues]
        if cells is None:
            yield SourceRow(number, dict.fromkeys(headers, ""), problems)
            continue
        if not problems and not any(cell.strip() for cell in cells):
            yield Skipped(number, "blank_row", SKIP_REASONS["blank_row"])
            continue
        cells, bad = _decode_cells(cells, encoding)
        row = _row_from_cells(name, headers, cells, number)
        row.problems[:0] = problems
        for index, raw in bad:
            row.problems.append(
                _undecodable(name, number, _column_of(headers, index), encoding, raw)
            )
        yield row


def read_tsv(name, source):
    return read_csv(name, source, default_delimiter="\t")


# ----------------------------------------------------------------------
# XLSX
# ----------------------------------------------------------------------
def cell_text(value):
    """The text of a typed spreadsheet cell, as a CSV export would write it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S")
    return str(value).strip()


OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


def _bad_workbook(name, error):
    return SourceError(
        "%s: not a readable XLSX workbook (%s); save it again as .xlsx or export it as CSV"
        % (name, error.__class__.__name__),
        file=name,
        code="bad_file",
    )


def _contains(source, needle):
    """True if the bytes of the source hold ``needle`` (streamed, chunks overlapping)."""
    with _open_binary(source) as stream:
        tail = b""
        while chunk := stream.read(SCAN_CHUNK):
            if needle in tail + chunk:
                return True
            tail = chunk[-len(needle) :]
    return False


def _workbook_refusal(name, source):
    """Why the source cannot be an XLSX workbook, before openpyxl opens it; or None."""
    head = _head(source)
    if head.startswith(OLE_SIGNATURE):
        if _contains(source, ENCRYPTED_PACKAGE):
            return (
                "it is password-protected (encrypted); remove the password in Excel, save it again"
            )
        return (
            "it is an Excel 97-2003 (.xls) workbook or another old Office file; save it as .xlsx"
        )
    if not head.startswith(b"PK"):
        if not head:
            return "the file is empty"
        if _binary_reason(head) is None:
            return (
                "it is a text file (a CSV export named .xlsx?); rename it .csv and upload it again"
            )
        return "%s; upload a workbook saved as .xlsx" % _binary_reason(head)
    with _open_binary(source) as stream:
        try:
            with zipfile.ZipFile(stream) as archive:
                infos = archive.infolist()
        except (zipfile.BadZipFile, EOFError, OSError, ValueError):
            return "it is damaged or truncated (its ZIP directory is missing); download it again"
    if not any(info.filename == "xl/workbook.xml" for info in infos):
        return "it is a ZIP archive with no workbook in it; upload it as .zip"
    total = sum(info.file_size for info in infos)
    if total > ZIP_MAX_TOTAL:
        return "it would unpack to %s bytes, more than %s; export it as CSV" % (
            total,
            ZIP_MAX_TOTAL,
        )
    return None


def _refused_workbook(name, reason):
    problem = Problem(
        "bad_file",
        "%s: not a readable XLSX workbook: %s" % (name, reason),
        file=name,
        blocking=True,
    )
    return _blocked_table(name, "xlsx", problem)


@contextmanager
def _workbook(name, source):
    """An openpyxl read-only workbook over the source; any failure is a SourceError."""
    # A file object, not a path: openpyxl judges a path by its extension, and a
    # stored upload has none.
    with _open_binary(source) as stream:
        try:
            book = load_workbook(stream, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds on a broken file
            raise _bad_workbook(name, error) from None
        try:
            yield book
        except SourceError:
            raise
        except Exception as error:  # a broken sheet shows while its rows are read
            raise _bad_workbook(name, error) from None
        finally:
            book.close()


def _sheet_cells(sheet):
    """(row number, cell texts without trailing empties) of each row of a sheet.

    The dimensions the sheet declares are ignored (``reset_dimensions``): a
    false 'A1:XFD1048576' would pad every row to 16,384 cells.
    """
    sheet.reset_dimensions()
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [cell_text(v) for v in values]
        while cells and not cells[-1]:
            cells.pop()
        yield number, cells


def _sheet_header(sheet):
    """Row 1 of a sheet, or None when the sheet has no value at all."""
    header = None
    for number, cells in _sheet_cells(sheet):
        if number == 1:
            header = cells
        if cells:
            return header
    return None


def read_xlsx(name, source):
    """One table per sheet with a value; several sheets are named 'book.xlsx:Sheet'.

    A file that is no workbook (encrypted, an old .xls, a CSV renamed, a damaged
    or truncated file) is one blocked table saying so.
    """
    reason = _workbook_refusal(name, source)
    if reason:
        return [_refused_workbook(name, reason)]
    try:
        with _workbook(name, source) as book:
            sheets = [(s.title, _sheet_header(s)) for s in book.worksheets]
    except SourceError as error:
        return [_blocked_table(name, "xlsx", error.as_problem())]
    sheets = [(title, header) for title, header in sheets if header is not None]
    tables = []
    for title, header in sheets:
        several = len(sheets) > 1
        table_name = "%s:%s" % (name, title) if several else name
        headers, problems = clean_headers(header, table_name)
        table = SourceTable(
            table_name,
            _object_name(title) if several else object_name_for(name),
            "xlsx",
            headers=headers,
            detected={"sheet": title, "header_row": 1},
            problems=problems,
        )
        table._read_rows = partial(_xlsx_rows, name, source, title, table_name, headers)
        tables.append(table)
    return tables


def _xlsx_rows(name, source, title, table_name, headers):
    with _workbook(name, source) as book:
        rows = _sheet_cells(book[title])
        next(rows, None)
        for number, cells in rows:
            if not cells:
                yield Skipped(number, "blank_row", SKIP_REASONS["blank_row"])
                continue
            cells += [""] * (len(headers) - len(cells))
            yield _row_from_cells(table_name, headers, cells, number)


# ----------------------------------------------------------------------
# JSON and XML: records, nested values as dotted columns, lists of objects as child tables
# ----------------------------------------------------------------------
NEST_MAX_DEPTH = 32  # levels of objects or elements in one record
JSON_CHUNK = 256 * 1024  # characters read at a time
JSON_MAX_RECORD = 64 * 1024 * 1024  # characters one record (or JSON Lines line) may take
METADATA_MAX = 200  # values outside the records kept in ``detected["metadata"]``
SHOWN = 200  # characters of a value quoted in a problem
ID_KEYS = ("id", "Id", "ID")
PARENT_ID = "_parent_id"
TEXT = "#text"  # path segment of an XML element's own text ("@name" is an attribute)
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
JSON_WS = re.compile(r"[ \t\n\r]*")
JSON_STRUCTURE = re.compile(r'["\[\]{}]')
JSON_STRING_STOP = re.compile(r'["\\]')
XML_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.S)
XML_PROLOG_BYTES = 1024 * 1024
XML_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


class _JsonError(Exception):
    """The text is not valid JSON: a message and where (line, column) it fails."""

    def __init__(self, message, line, column):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


class _SkippedValue(Exception):  # noqa: N818 - a value passed over, not a failure
    """A value passed over without decoding it: too deeply nested or too large."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code, self.message = code, message


class _SingleRecord(Exception):  # noqa: N818 - control flow of the first pass
    """The top-level object has an id: it is one record, not a wrapper of lists."""


class _XmlRefused(Exception):  # noqa: N818 - carries the problem to report
    def __init__(self, problem):
        super().__init__(problem.message)
        self.problem = problem


def _unique_key(key, taken):
    """``key``, or 'key (2)'... when an object repeats it: no value is overwritten."""
    new, count = key, 2
    while new in taken:
        new, count = "%s (%s)" % (key, count), count + 1
    return new


def _json_object(pairs):
    """A JSON object as a dict; a repeated key is kept as 'key (2)'."""
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    result = {}
    for key, value in pairs:
        result[_unique_key(key, result)] = value
    return result


class _Number(str):
    """A JSON number (or NaN, Infinity) as the file writes it: '12.50', '1e5'."""

    __slots__ = ()


JSON_DECODER = json.JSONDecoder(
    object_pairs_hook=_json_object, parse_float=_Number, parse_int=_Number, parse_constant=_Number
)


def _dump(value):
    """A decoded JSON value written back as JSON text (numbers as the file had them)."""
    try:
        return _json_literal(value)
    except RecursionError:
        return "(nested too deeply to show)"


def _json_literal(value):
    if isinstance(value, _Number):
        return str(value)
    if isinstance(value, str) or value is None or isinstance(value, bool):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[%s]" % ", ".join(_json_literal(item) for item in value)
    return "{%s}" % ", ".join(
        "%s: %s" % (json.dumps(key, ensure_ascii=False), _json_literal(item))
        for key, item in value.items()
    )


def _json_text(value):
    """The text of a JSON value: strings stripped, true/false, null empty, lists as JSON."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return str(value).strip()
    return _dump(value)


def _shown(value):
    text = _dump(value)
    return repr(text if len(text) <= SHOWN else text[:SHOWN] + "…")


def _kind(value):
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    return "a single value"


class _JsonText:
    """A JSON text read in chunks: one value decoded at a time, never the whole file.

    ``pos`` indexes ``buf``, which holds what is not consumed yet; ``line`` and
    ``col`` say where ``buf`` starts, so errors name their line and column.
    """

    def __init__(self, stream):
        self.stream = stream
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.line = 1
        self.col = 0

    def where(self, pos=None):
        pos = self.pos if pos is None else pos
        newlines = self.buf.count("\n", 0, pos)
        if newlines:
            return self.line + newlines, pos - self.buf.rfind("\n", 0, pos)
        return self.line, self.col + pos + 1

    def error(self, message, pos=None):
        return _JsonError(message, *self.where(pos))

    def _more(self, size=None):
        """Forget what was consumed and read more; False at the end of the file."""
        if self.eof:
            return False
        if self.pos:
            done = self.buf[: self.pos]
            newlines = done.count("\n")
            if newlines:
                self.line += newlines
                self.col = len(done) - done.rfind("\n") - 1
            else:
                self.col += len(done)
            self.buf, self.pos = self.buf[self.pos :], 0
        data = self.stream.read(size or JSON_CHUNK)
        if not data:
            self.eof = True
            return False
        self.buf += data
        return True

    def peek(self):
        """The next character that is not whitespace ('' at the end of the file)."""
        while True:
            self.pos = JSON_WS.match(self.buf, self.pos).end()
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._more():
                return ""

    def decode(self):
        """The value at the current position, read whole (a record, a key, a scalar).

        Raises _JsonError when it is not valid, _SkippedValue (having passed over
        it) when it is nested too deeply to decode or larger than JSON_MAX_RECORD.
        """
        self.peek()
        while True:
            start = self.pos
            try:
                value, end = JSON_DECODER.raw_decode(self.buf, start)
            except json.JSONDecodeError as error:
                cut = error.pos >= len(self.buf) - 16 or error.msg.startswith("Unterminated")
                if self.eof or not cut:
                    raise self.error(error.msg, error.pos) from None
            except RecursionError:
                self.skip()
                raise _SkippedValue("too_deep", "nested too deeply to be read") from None
            else:
                if end < len(self.buf) or self.eof:  # a number may go on in the next chunk
                    self.pos = end
                    if end - start > JSON_MAX_RECORD:
                        raise self._too_large()
                    return value
            if len(self.buf) - start > JSON_MAX_RECORD:
                self.skip()
                raise self._too_large()
            self._more(max(JSON_CHUNK, len(self.buf)))

    def _too_large(self):
        return _SkippedValue(
            "too_large", "more than %s characters; it was not read" % JSON_MAX_RECORD
        )

    def skip(self):
        """Pass over the value at the current position without decoding it."""
        if self.peek() not in ('"', "[", "{"):
            self.decode()
            return
        depth, in_string = 0, False
        while True:
            pattern = JSON_STRING_STOP if in_string else JSON_STRUCTURE
            match = pattern.search(self.buf, self.pos)
            if match is None or (match.group() == "\\" and match.end() >= len(self.buf)):
                self.pos = len(self.buf) if match is None else match.start()
                if not self._more():
                    raise self.error("Unexpected end of file")
                continue
            char, self.pos = match.group(), match.end()
            if char == "\\":
                self.pos += 1
            elif char == '"':
                in_string = not in_string
                if not in_string and not depth:
                    return
            elif char in "[{":
                depth += 1
            else:
                depth -= 1
                if not depth:
                    return

    def items(self):
        """At '[': yield once per item, positioned on it (the caller consumes it)."""
        self.pos += 1
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield
            char = self.peek()
            if char == ",":
                self.pos += 1
                if self.peek() == "]":
                    raise self.error("Expecting value")
            elif char == "]":
                self.pos += 1
                return
            else:
                raise self.error("Expecting ',' delimiter")

    def members(self):
        """At '{': yield each key, positioned on its value (the caller consumes it).

        A repeated key is yielded as 'key (2)', as in a decoded object.
        """
        taken = set()
        self.pos += 1
        char = self.peek()
        if char == "}":
            self.pos += 1
            return
        while True:
            if char != '"':
                raise self.error("Expecting property name enclosed in double quotes")
            try:
                key = self.decode()
            except _SkippedValue as skipped:
                raise self.error("a key %s" % skipped.message) from None
            if self.peek() != ":":
                raise self.error("Expecting ':' delimiter")
            self.pos += 1
            key = _unique_key(key, taken)
            taken.add(key)
            yield key
            char = self.peek()
            if char == ",":
                self.pos += 1
                char = self.peek()
            elif char == "}":
                self.pos += 1
                return
            else:
                raise self.error("Expecting ',' delimiter")

    def pass_over(self, depth=0):
        """Consume the value at the current position, streaming through lists."""
        char = self.peek()
        if char == "[" and depth < NEST_MAX_DEPTH:
            for _item in self.items():
                self.pass_over(NEST_MAX_DEPTH)
        elif char == "{" and depth < NEST_MAX_DEPTH:
            for _key in self.members():
                self.pass_over(depth + 1)
        else:
            try:
                self.decode()
            except _SkippedValue:
                pass


# ----------------------------------------------------------------------
# What a first pass over the records finds, and the rows of a second pass
# ----------------------------------------------------------------------
class _Layout:
    """The columns and child tables of one kind of record, from a pass over all of them.

    A path is a tuple of keys (JSON) or element names (XML, with '@name' for an
    attribute and '#text' for an element's own text) from the record. A child
    path holds objects (repeated element groups): each one a row of a child table.
    """

    def __init__(self, xml, tag=""):
        self.xml = xml
        self.tag = tag  # XML: the record element's name, for its own text
        self.records = 0
        self.leaves = {}  # path -> True once it held a value, in first-seen order
        self.children = {}  # JSON: child paths, in first-seen order
        self.seen = {}  # XML: element paths, in first-seen order
        self.repeated, self.groups, self.impure = set(), set(), set()

    def leaf(self, path, filled):
        self.leaves[path] = self.leaves.get(path, False) or filled

    def child_paths(self):
        if not self.xml:
            return list(self.children)
        return [path for path in self.seen if path in self.repeated and path in self.groups]

    def tables(self):
        """[(chain of child paths, label, raw column names)], the record's own table first."""
        in_order = self.child_paths()
        children = sorted(in_order, key=len)
        child_set = set(children)
        covered = Counter()
        for path in self.leaves:
            for size in range(1, len(path)):
                covered[path[:size]] += 1
        columns = {(): {}}
        for child in in_order:
            columns[self._chain(child, children)] = {}
        for path, filled in self.leaves.items():
            if not self.xml and path in child_set:
                continue  # a scalar where other records have objects: read as a row problem
            element = path[:-1] if self.xml and path[-1] == TEXT else path
            if not filled and covered[element] > (len(path) > len(element)):
                continue  # empty here, an object elsewhere: its keys are the columns
            chain = self._chain(path, children, proper=True)
            base = chain[-1] if chain else ()
            tag = base[-1] if base else self.tag
            columns[chain][_column_name(path[len(base) :], tag, self.xml)] = None
        return [(chain, self._label(chain), list(names)) for chain, names in columns.items()]

    @staticmethod
    def _chain(path, children, proper=False):
        size = len(path) - 1 if proper else len(path)
        return tuple(c for c in children if len(c) <= size and path[: len(c)] == c)

    def _label(self, chain):
        parts, base = [], ()
        for child in chain:
            relative = child[len(base) :]
            if self.xml and len(relative) > 1 and child[:-1] not in self.impure:
                relative = relative[:-1]  # <contacts><contact/>...</contacts> is 'contacts'
            parts.append(".".join(relative))
            base = child
        return ".".join(parts)


def _column_name(relative, tag, xml):
    if xml:
        parts = [part.removeprefix("@") for part in relative if part != TEXT]
    else:
        parts = [ESCAPED_BYTES.sub("\ufffd", part) for part in relative]
    name = ".".join(parts)
    return name if name.strip() else (tag if xml else "value")


def _discover_json(layout, node, path=(), depth=1):
    """Note the columns and child paths of one JSON object (a record or a child)."""
    for key, value in node.items():
        sub = path + (key,)
        if isinstance(value, dict | list) and value and depth >= NEST_MAX_DEPTH:
            layout.leaf(sub, True)
        elif isinstance(value, dict):
            if value:
                _discover_json(layout, value, sub, depth + 1)
            else:
                layout.leaf(sub, False)
        elif isinstance(value, list) and any(isinstance(item, dict) for item in value):
            layout.children.setdefault(sub)
            for item in value:
                if isinstance(item, dict):
                    _discover_json(layout, item, sub, depth + 1)
        elif isinstance(value, list):
            layout.leaf(sub, any(_json_text(item) for item in value))
        else:
            layout.leaf(sub, bool(_json_text(value)))


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _xml_parts(element):
    """An element's own leaves [(segment, text)] and its child elements [(name, element)]."""
    leaves = [
        ("@" + _local(key), value.strip())
        for key, value in element.attrib.items()
        if not key.startswith(XSI)
    ]
    kids = [(_local(kid.tag), kid) for kid in element if isinstance(kid.tag, str)]
    text = ((element.text or "") + "".join(kid.tail or "" for kid in element)).strip()
    if (kids and text) or (not kids and (text or not leaves)):
        leaves.append((TEXT, text))
    return leaves, kids


def _deep_text(element):
    return " ".join(t.strip() for t in element.itertext() if t.strip())


def _discover_xml(layout, element, path=(), depth=1):
    """Note the columns and the repeated element groups of one XML element."""
    leaves, kids = _xml_parts(element)
    for segment, text in leaves:
        layout.leaf(path + (segment,), bool(text))
    if path:
        if kids or any(segment != TEXT for segment, _text in leaves):
            layout.groups.add(path)
        if len(leaves) or len({name for name, _kid in kids}) > 1:
            layout.impure.add(path)
    counts = Counter()
    for name, kid in kids:
        sub = path + (name,)
        counts[sub] += 1
        layout.seen.setdefault(sub)
        if depth >= NEST_MAX_DEPTH:
            layout.leaf(sub + (TEXT,), bool(_deep_text(kid)))
        else:
            _discover_xml(layout, kid, sub, depth + 1)
    layout.repeated.update(sub for sub, count in counts.items() if count > 1)


@dataclass
class _Flat:
    """One row being built: its table (chain), number, raw columns and problems."""

    chain: tuple
    number: int
    where: str
    values: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)


class _Emitter:
    """The rows a top-level record makes in its table and in its child tables.

    Child rows are numbered 1, 2... in their table, in file order, and carry
    ``_parent_id``: the parent's id, or its row number when it has none.
    """

    def __init__(self, layout, names, encoding=None):
        self.layout = layout
        self.children = set(layout.child_paths())
        self.names = names  # chain -> table name
        self.encoding = encoding
        self.counts = Counter()

    def record(self, number, where, value, issue=None):
        flat = _Flat((), number, where)
        out = [flat]
        if issue is not None:
            self._problem(flat, issue[0], issue[1])
        elif self.layout.xml:
            later = []
            self._fill_xml(flat, value, (), 1, later)
            self._children(out, flat, later, 1, where)
        elif isinstance(value, dict):
            later = []
            self._fill_json(flat, value, (), 1, later)
            self._children(out, flat, later, 1, where)
        else:
            self._not_an_object(flat, value)
        return out

    def _problem(self, flat, code, message, column=None):
        where = "%s, %s" % (self.names.get(flat.chain, "?"), flat.where)
        if column is not None:
            where += ", column %r" % column
        flat.problems.append(
            Problem(
                code,
                "%s: %s" % (where, message),
                file=self.names.get(flat.chain),
                row=flat.number,
                column=column,
            )
        )

    def _not_an_object(self, flat, value):
        self._problem(
            flat,
            "not_an_object",
            "%s, not an object (%s); it has no columns to read" % (_kind(value), _shown(value)),
        )

    def _leaf(self, flat, path, text):
        """Set (or join with '; ') the column of ``path``; return the column name."""
        base = flat.chain[-1] if flat.chain else ()
        tag = base[-1] if base else self.layout.tag
        column = _column_name(path[len(base) :], tag, self.layout.xml)
        if self.encoding and ESCAPED_BYTES.search(text):
            raw = bytes(ord(c) - 0xDC00 for c in "".join(ESCAPED_BYTES.findall(text)))
            codec = self.encoding.removesuffix("-sig")
            text = text.encode(codec, errors="surrogateescape").decode(codec, errors="replace")
            flat.problems.append(
                _undecodable(self.names[flat.chain], flat.number, column, codec, raw)
            )
        old = flat.values.get(column)
        text = "%s; %s" % (old, text) if old and text else (old or text)
        if len(text) > FIELD_LIMIT:
            self._problem(
                flat,
                "too_large",
                "a value of %s characters, more than %s; it was cut to %s"
                % (len(text), FIELD_LIMIT, FIELD_LIMIT),
                column,
            )
            text = text[:FIELD_LIMIT]
        flat.values[column] = text
        return column

    def _too_deep(self, flat, path, text):
        column = self._leaf(flat, path, text)
        self._problem(
            flat,
            "too_deep",
            "nested more than %s levels; what is deeper was kept as text in this column"
            % NEST_MAX_DEPTH,
            column,
        )

    def _fill_json(self, flat, node, path, depth, later):
        for key, value in node.items():
            sub = path + (key,)
            if sub in self.children:
                later.append((sub, value))
            elif isinstance(value, dict | list) and value and depth >= NEST_MAX_DEPTH:
                self._too_deep(flat, sub, _dump(value))
            elif isinstance(value, dict):
                if value:
                    self._fill_json(flat, value, sub, depth + 1, later)
                else:
                    self._leaf(flat, sub, "")
            elif isinstance(value, list) and any(isinstance(item, dict) for item in value):
                column = self._leaf(flat, sub, _dump(value))  # the file changed since
                self._problem(
                    flat,
                    "unexpected_key",
                    "a list of objects that the first reading did not have; "
                    "it was kept as JSON text",
                    column,
                )
            elif isinstance(value, list):
                self._leaf(flat, sub, "; ".join(_json_text(item) for item in value))
            else:
                self._leaf(flat, sub, _json_text(value))

    def _fill_xml(self, flat, element, path, depth, later):
        leaves, kids = _xml_parts(element)
        for segment, text in leaves:
            self._leaf(flat, path + (segment,), text)
        for name, kid in kids:
            sub = path + (name,)
            if sub in self.children:
                later.append((sub, kid))
            elif depth >= NEST_MAX_DEPTH:
                self._too_deep(flat, sub + (TEXT,), _deep_text(kid))
            else:
                self._fill_xml(flat, kid, sub, depth + 1, later)

    def _children(self, out, parent, later, depth, top_where):
        parent_id = next((parent.values[k] for k in ID_KEYS if parent.values.get(k)), None)
        parent_id = parent_id or str(parent.number)
        for path, value in later:
            chain = parent.chain + (path,)
            if self.layout.xml:
                items = [value]
            elif isinstance(value, list):
                items = value
            else:
                items = [] if value is None or value in ("", {}) else [value]
            for item in items:
                self.counts[chain] += 1
                number = self.counts[chain]
                flat = _Flat(chain, number, "row %s (%s)" % (number, top_where))
                flat.values[PARENT_ID] = parent_id
                out.append(flat)
                inner = []
                if self.layout.xml:
                    self._fill_xml(flat, item, path, depth + 1, inner)
                elif isinstance(item, dict):
                    self._fill_json(flat, item, path, depth + 1, inner)
                else:
                    self._not_an_object(flat, item)
                self._children(out, flat, inner, depth + 1, top_where)


@dataclass
class _RecordKind:
    """One kind of record of a structured file: what makes its tables and streams it."""

    label: str  # '' for the file's only kind, else the records key or the record tag
    object_name: str
    layout: _Layout
    detected: dict
    records: Callable  # () -> iterator of (number, where, value, (code, message) or None)
    encoding: str = None  # of the text, for undecodable bytes (JSON)


def _blocked_table(name, file_type, problem, detected=None):
    return SourceTable(
        name, object_name_for(name), file_type, detected=detected or {}, problems=[problem]
    )


def _structured_tables(name, file_type, kinds):
    """The tables of a JSON or XML file: per kind of record, its own and its child tables."""
    tables = []
    taken = set()
    for kind in kinds:
        layout_tables = kind.layout.tables()
        names, objects = {}, {}
        for chain, label, _columns in layout_tables:
            full = ".".join(part for part in (kind.label, label) if part)
            table_name = base = "%s:%s" % (name, full) if full else name
            count = 2
            while table_name in taken:
                table_name, count = "%s (%s)" % (base, count), count + 1
            taken.add(table_name)
            names[chain] = table_name
            objects[chain] = _object_name(".".join(p for p in (kind.object_name, label) if p))
        for chain, label, columns in layout_tables:
            raw = ([PARENT_ID] if chain else []) + columns
            table_name = names[chain]
            headers, problems = clean_headers(raw, table_name, False) if raw else ([], [])
            detected = dict(kind.detected)
            if chain:
                for key in ("records", "metadata"):
                    detected.pop(key, None)
                detected["parent"] = objects[chain[:-1]]
                detected["child_key"] = label
            table = SourceTable(
                table_name,
                objects[chain],
                file_type,
                headers=headers,
                detected=detected,
                problems=problems,
            )
            mapping = dict(zip(raw, headers, strict=False))
            table._read_rows = partial(_structured_rows, kind, names, chain, headers, mapping)
            tables.append(table)
    return tables


def _structured_rows(kind, names, chain, headers, mapping):
    emitter = _Emitter(kind.layout, names, kind.encoding)
    for number, where, value, issue in kind.records():
        for flat in emitter.record(number, where, value, issue):
            if flat.chain == chain:
                yield _structured_row(flat, headers, mapping, names[chain])


def _structured_row(flat, headers, mapping, table_name):
    values = dict.fromkeys(headers, "")
    problems = flat.problems
    for column, text in flat.values.items():
        header = mapping.get(column)
        if header is not None:
            values[header] = text
        elif text:  # a key the first reading did not see (the file changed): kept
            values[column] = text
            problems.append(
                Problem(
                    "unexpected_key",
                    "%s, %s, column %r: a key the first reading of the file did not have; "
                    "its value is kept but has no column" % (table_name, flat.where, column),
                    file=table_name,
                    row=flat.number,
                    column=column,
                )
            )
    for problem in problems:
        problem.column = mapping.get(problem.column, problem.column)
    return SourceRow(flat.number, values, problems)


def _metadata_add(metadata, key, text):
    if len(metadata) < METADATA_MAX:
        metadata[key] = text if len(text) <= FIELD_LIMIT else text[:FIELD_LIMIT]


# ----------------------------------------------------------------------
# JSON
# ----------------------------------------------------------------------
@contextmanager
def _json_stream(source, encoding):
    with io.TextIOWrapper(
        _open_binary(source), encoding=encoding, errors="surrogateescape", newline="\n"
    ) as stream:
        yield stream


def _bad_json(name, error):
    return Problem(
        "bad_file",
        "%s, line %s, column %s: not valid JSON (%s); fix the file or export it again"
        % (name, error.line, error.column, error.message),
        file=name,
        row=error.line,
        blocking=True,
    )


def _bad_encoding(name, error):
    """A UTF-16 or UTF-32 text with bytes that do not decode (other encodings keep them)."""
    return Problem(
        "bad_file",
        "%s: bytes that are not valid %s (at byte %s of a block); save the file as UTF-8 "
        "and upload it again" % (name, error.encoding, error.start),
        file=name,
        blocking=True,
    )


def _json_failure(name, error):
    """A SourceError for a file that changed after its first reading and broke."""
    if isinstance(error, UnicodeDecodeError):
        problem = _bad_encoding(name, error)
        return SourceError(problem.message, file=name, code="bad_file")
    problem = _bad_json(name, error)
    return SourceError(problem.message, file=name, row=error.line, code="bad_file")


def _json_lines(source, encoding):
    """(line number, value, issue) of each non-blank line of a JSON Lines text."""
    with _json_stream(source, encoding) as stream:
        number = 0
        while True:
            line = stream.readline(JSON_MAX_RECORD + 1)
            if not line:
                return
            number += 1
            if len(line) > JSON_MAX_RECORD and not line.endswith("\n"):
                while line and not line.endswith("\n"):
                    line = stream.readline(JSON_CHUNK)
                issue = "a line of more than %s characters; it was not read" % JSON_MAX_RECORD
                yield number, None, ("too_large", issue)
                continue
            line = line.rstrip("\r\n")
            start = JSON_WS.match(line).end()
            if start == len(line):
                continue
            try:
                value, end = JSON_DECODER.raw_decode(line, start)
                end = JSON_WS.match(line, end).end()
                if end < len(line):
                    raise json.JSONDecodeError("Extra data", line, end)
            except json.JSONDecodeError as error:
                issue = "not valid JSON (%s at column %s); the line was not read" % (
                    error.msg,
                    error.colno,
                )
                yield number, None, ("bad_record", issue)
            except RecursionError:
                issue = "nested too deeply to be read; the line was not read"
                yield number, None, ("too_deep", issue)
            else:
                yield number, value, None


def _json_items(text):
    """(index, value, issue) of each item of the array at the current position."""
    for index, _item in enumerate(text.items(), start=1):
        try:
            yield index, text.decode(), None
        except _SkippedValue as skipped:
            yield index, None, (skipped.code, "the record is %s" % skipped.message)


@dataclass
class _ArrayScan:
    """A list met in a JSON object during the first pass: records, or a list of values."""

    layout: _Layout
    objects: int = 0
    texts: list = field(default_factory=list)


def _scan_wrapper(text, path, depth, arrays, metadata):
    """First pass over an object holding lists of records (``{"clients": [...], ...}``)."""
    for key in text.members():
        sub = path + (key,)
        if not path and key in ID_KEYS:
            raise _SingleRecord()
        char = text.peek()
        if char == "[":
            scan = arrays.setdefault(sub, _ArrayScan(_Layout(False)))
            for _number, value, _issue in _json_items(text):
                scan.layout.records += 1
                if isinstance(value, dict):
                    scan.objects += 1
                    _discover_json(scan.layout, value)
                elif len(scan.texts) < METADATA_MAX:
                    scan.texts.append(_json_text(value))
        elif char == "{" and depth < NEST_MAX_DEPTH:
            _scan_wrapper(text, sub, depth + 1, arrays, metadata)
        else:
            try:
                _metadata_add(metadata, ".".join(sub), _json_text(text.decode()))
            except _SkippedValue:
                pass


def _wrapper_records(source, encoding, key):
    """Second pass: (index, value, issue) of the records of the list at ``key``."""

    def walk(text, path, depth):
        for name in text.members():
            sub = path + (name,)
            char = text.peek()
            if sub == key and char == "[":
                yield from _json_items(text)
                return True
            if char == "{" and depth < NEST_MAX_DEPTH and key[: len(sub)] == sub:
                if (yield from walk(text, sub, depth + 1)):
                    return True
            else:
                text.pass_over(depth + 1)
        return False

    with _json_stream(source, encoding) as stream:
        text = _JsonText(stream)
        text.peek()
        yield from walk(text, (), 0)


def _array_records(source, encoding):
    with _json_stream(source, encoding) as stream:
        text = _JsonText(stream)
        text.peek()
        yield from _json_items(text)


def _single_record(source, encoding):
    with _json_stream(source, encoding) as stream:
        text = _JsonText(stream)
        try:
            yield 1, text.decode(), None
        except _SkippedValue as skipped:
            yield 1, None, (skipped.code, "the object is %s" % skipped.message)


def _records_with_where(name, records, label):
    """Turn (number, value, issue) into (number, where, value, issue); errors as SourceError."""
    try:
        for number, value, issue in records():
            yield number, "%s %s" % (label, number), value, issue
    except (_JsonError, UnicodeDecodeError) as error:
        raise _json_failure(name, error) from None


def _end_of_json(text, top_is_object):
    """After the top-level value: True if JSON Lines follow, else nothing may follow."""
    end_line = text.where()[0]
    if not text.peek():
        return False
    if top_is_object and end_line == 1:
        return True
    raise text.error("Extra data")


def read_json(name, source):
    """JSON (an array of objects, an object holding such arrays, one object) or JSON Lines.

    ``detected`` holds the format, the encoding, the shape ('array', 'records key',
    'object' or 'lines'), the records key, the number of records and, for an
    object holding arrays, its other values (``metadata``, e.g. a total count).
    """
    encoding, refused = _text_encoding(name, source)
    if refused:
        return [_blocked_table(name, "json", refused)]
    lines = name.lower().endswith((".jsonl", ".ndjson"))
    detected = {"format": "json lines" if lines else "json", "encoding": encoding}
    try:
        kinds = _json_kinds(name, source, encoding, lines, detected)
    except _JsonError as error:
        return [_blocked_table(name, "json", _bad_json(name, error), detected)]
    except UnicodeDecodeError as error:
        return [_blocked_table(name, "json", _bad_encoding(name, error), detected)]
    if isinstance(kinds, Problem):
        return [_blocked_table(name, "json", kinds, detected)]
    return _structured_tables(name, "json", kinds)


def _json_kinds(name, source, encoding, lines, detected):
    """First pass: the kinds of record of a JSON file, or a blocking Problem."""
    object_name = object_name_for(name)
    if lines:
        return [_lines_kind(name, source, encoding, detected, object_name)]
    with _json_stream(source, encoding) as stream:
        text = _JsonText(stream)
        char = text.peek()
        if not char:
            return _empty_table(name, "json").problems[0]
        if char == "[":
            layout = _Layout(False)
            for _number, value, _issue in _json_items(text):
                layout.records += 1
                if isinstance(value, dict):
                    _discover_json(layout, value)
            _end_of_json(text, False)
            found = dict(detected, shape="array", records=layout.records)
            records = partial(_array_records, source, encoding)
            return [_json_kind(name, "", object_name, layout, found, records, encoding)]
        if char != "{":
            try:
                value = text.decode()
            except _SkippedValue as skipped:
                value = "(a value %s)" % skipped.message
            _end_of_json(text, False)
            return Problem(
                "not_records",
                "%s: the file holds %s (%s), not records; export a list of objects"
                % (name, _kind(value), _shown(value)),
                file=name,
                blocking=True,
            )
        arrays, metadata = {}, {}
        try:
            _scan_wrapper(text, (), 0, arrays, metadata)
        except _SingleRecord:
            arrays = None
        else:
            if _end_of_json(text, True):
                detected["format"] = "json lines"
                return [_lines_kind(name, source, encoding, detected, object_name)]
    if arrays is not None:
        keys = [key for key, scan in arrays.items() if scan.objects]
        if not keys and arrays and all(not scan.layout.records for scan in arrays.values()):
            keys = list(arrays)  # an empty page: {"clients": [], "totalClients": 0}
        if keys:
            for key, scan in arrays.items():
                if key not in keys:
                    _metadata_add(metadata, ".".join(key), "; ".join(scan.texts))
            return [
                _json_kind(
                    name,
                    ".".join(key),
                    ".".join(key),
                    arrays[key].layout,
                    dict(
                        detected,
                        shape="records key",
                        records_key=".".join(key),
                        records=arrays[key].layout.records,
                        **({"metadata": metadata} if metadata else {}),
                    ),
                    partial(_wrapper_records, source, encoding, key),
                    encoding,
                )
                for key in keys
            ]
    return [_object_kind(name, source, encoding, detected, object_name)]


def _json_kind(name, label, object_name, layout, detected, records, encoding):
    where = "line" if detected["shape"] == "lines" else "record"
    return _RecordKind(
        label,
        object_name,
        layout,
        detected,
        partial(_records_with_where, name, records, where),
        encoding,
    )


def _lines_kind(name, source, encoding, detected, object_name):
    layout = _Layout(False)
    for _number, value, _issue in _json_lines(source, encoding):
        layout.records += 1
        if isinstance(value, dict):
            _discover_json(layout, value)
    found = dict(detected, shape="lines", records=layout.records)
    records = partial(_json_lines, source, encoding)
    return _json_kind(name, "", object_name, layout, found, records, encoding)


def _object_kind(name, source, encoding, detected, object_name):
    """A file holding one object (``GetClient``): one record, its lists as child tables."""
    layout = _Layout(False)
    with _json_stream(source, encoding) as stream:
        text = _JsonText(stream)
        try:
            value = text.decode()
        except _SkippedValue:
            value = None
        if _end_of_json(text, True):  # one object per line: JSON Lines in a .json file
            detected["format"] = "json lines"
            return _lines_kind(name, source, encoding, detected, object_name)
    layout.records = 1
    if isinstance(value, dict):
        _discover_json(layout, value)
    found = dict(detected, shape="object", records=1)
    records = partial(_single_record, source, encoding)
    return _json_kind(name, "", object_name, layout, found, records, encoding)


# ----------------------------------------------------------------------
# XML
# ----------------------------------------------------------------------
def _xml_declares_doctype(source):
    """True if a DOCTYPE comes before the root element (it could declare entities).

    The prolog (declaration, comments, processing instructions) is skipped for
    up to XML_PROLOG_BYTES; past that the parse itself refuses a DOCTYPE.
    """
    with _open_binary(source) as stream:
        head = stream.read(4)
        utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        decoder = codecs.getincrementaldecoder("utf-16" if utf16 else "latin-1")()
        text = decoder.decode(head).removeprefix("\xef\xbb\xbf")
        read = len(head)
        while True:
            pos = 0
            while match := XML_PROLOG_ITEM.match(text, pos):
                if match.end() == pos:
                    break
                pos = match.end()
            text = text[pos:]
            if text.startswith("<!DOCTYPE"):
                return True
            if text and not (text.startswith(("<!--", "<?")) or "<!DOCTYPE".startswith(text)):
                return False
            chunk = stream.read(SNIFF_BYTES)
            read += len(chunk)
            if not chunk or read > XML_PROLOG_BYTES:
                return False
            text += decoder.decode(chunk)


def _unsafe_xml(name):
    return Problem(
        "unsafe_xml",
        "%s: the file declares a DOCTYPE (entities or an external DTD that could expand "
        "without end or read other files); it was not read; export it without a DOCTYPE" % name,
        file=name,
        row=1,
        blocking=True,
    )


def _xml_error(name, error, log=()):
    """A blocking problem naming the line and column of the parser's first error."""
    entries = [entry for entry in log if entry.level >= etree.ErrorLevels.ERROR]
    if entries:
        line, column, message = entries[0].line, entries[0].column, entries[0].message
    else:
        line, column = getattr(error, "position", None) or (None, None)
        message = getattr(error, "msg", None) or str(error)
    message = re.sub(r", line \d+, column \d+$", "", message)
    where = "%s, line %s, column %s" % (name, line, column) if line else name
    return Problem(
        "bad_file",
        "%s: not well-formed XML (%s); fix the file or export it again" % (where, message),
        file=name,
        row=line or None,
        blocking=True,
    )


def _xml_events(name, source):
    """(event, element) of a streamed parse: no entities, no network, no DTD, depth-limited.

    Raises _XmlRefused for a DOCTYPE, _XmlRefused with a bad_file problem when
    the XML is not well-formed.
    """
    with _open_binary(source) as stream:
        events = etree.iterparse(stream, events=("start", "end"), **XML_OPTIONS)
        first = True
        try:
            for event, element in events:
                if first:
                    first = False
                    if element.getroottree().docinfo.doctype:
                        raise _XmlRefused(_unsafe_xml(name))
                yield event, element
        except etree.LxmlError as error:
            raise _XmlRefused(_xml_error(name, error, events.error_log)) from None


def _release(element):
    """Free an element that was read, and its previous siblings."""
    element.clear()
    while element.getprevious() is not None:
        del element.getparent()[0]


def _xml_record_paths(name, source):
    """First pass: the paths of the repeated elements that are records, and the encoding.

    A path repeated under one parent is a candidate; the shallowest ones win (the
    root's children first), and nothing inside a record is a record of its own.
    With no repetition at all, the root element is the one record.
    """
    stack, first_seen, candidates = [], {}, {}
    encoding, root = None, None
    for event, element in _xml_events(name, source):
        if event == "start":
            path = stack[-1][0] + (element.tag,) if stack else (element.tag,)
            if stack:
                stack[-1][1][element.tag] += 1
            else:
                root = path
                encoding = element.getroottree().docinfo.encoding
            first_seen.setdefault(path, len(first_seen))
            stack.append((path, Counter()))
        else:
            path, counts = stack.pop()
            for tag, count in counts.items():
                if count > 1:
                    candidates.setdefault(path + (tag,), None)
            _release(element)
    chosen = []
    for path in sorted(candidates, key=lambda p: (len(p), first_seen[p])):
        if not any(path[: len(other)] == other for other in chosen):
            chosen.append(path)
    chosen.sort(key=first_seen.get)
    try:
        encoding = codecs.lookup(encoding or "utf-8").name
    except LookupError:
        pass
    return chosen or [root], encoding


def _xml_walk(name, source, record_paths):
    """(record path, element) of each record, other elements released as they end.

    Also yields (None, (metadata key, text)) for the values outside the records.
    """
    record_paths = set(record_paths)
    stack, inside = [], 0
    for event, element in _xml_events(name, source):
        if event == "start":
            path = stack[-1][0] + (element.tag,) if stack else (element.tag,)
            if stack:
                stack[-1][1] = True
            stack.append([path, False])
            if path in record_paths:
                inside += 1
            elif not inside:
                dotted = ".".join(_local(tag) for tag in path)
                for key, value in element.attrib.items():
                    if not key.startswith(XSI):
                        yield None, ("%s.%s" % (dotted, _local(key)), value.strip())
            continue
        path, has_children = stack.pop()
        if path in record_paths:
            inside -= 1
            yield path, element
        elif inside:
            continue
        elif not has_children and (element.text or "").strip():
            yield None, (".".join(_local(tag) for tag in path), element.text.strip())
        _release(element)


def _xml_records(name, source, record_paths, path):
    """Second pass: (number, where, element, None) of the records at ``path``."""
    number = 0
    try:
        for found, element in _xml_walk(name, source, record_paths):
            if found == path:
                number += 1
                yield number, "record %s" % number, element, None
    except _XmlRefused as refused:
        problem = refused.problem
        raise SourceError(problem.message, file=name, row=problem.row, code=problem.code) from None


def read_xml(name, source):
    """XML whose records are repeated elements (one table per repeated element).

    ``detected`` holds the format, the encoding, the record tag, the path of the
    records from the root, their number and the values found outside them.
    """
    head = _head(source)
    if not head.removeprefix(codecs.BOM_UTF8).strip():
        return [_empty_table(name, "xml")]
    wide = any(head.startswith(bom) for bom, _enc in WIDE_BOMS) or _wide_encoding(head)
    reason = None if wide else _binary_reason(head)
    if reason:
        return [_blocked_table(name, "xml", _not_text(name, reason))]
    detected = {"format": "xml"}
    if _xml_declares_doctype(source):
        return [_blocked_table(name, "xml", _unsafe_xml(name), detected)]
    try:
        record_paths, encoding = _xml_record_paths(name, source)
        detected["encoding"] = encoding
        layouts = {path: _Layout(True, _local(path[-1])) for path in record_paths}
        metadata = {}
        for path, element in _xml_walk(name, source, record_paths):
            if path is None:
                _metadata_add(metadata, *element)
            else:
                layouts[path].records += 1
                _discover_xml(layouts[path], element)
    except _XmlRefused as refused:
        return [_blocked_table(name, "xml", refused.problem, detected)]
    labels = [_local(path[-1]) for path in record_paths]
    if len(set(labels)) < len(labels):
        labels = [".".join(_local(tag) for tag in path[1:]) for path in record_paths]
    kinds = []
    for path, label in zip(record_paths, labels, strict=True):
        several = len(record_paths) > 1
        found = dict(
            detected,
            record_tag=_local(path[-1]),
            records_path="/".join(_local(tag) for tag in path),
            records=layouts[path].records,
        )
        if metadata:
            found["metadata"] = metadata
        kinds.append(
            _RecordKind(
                label if several else "",
                label if several else object_name_for(name),
                layouts[path],
                found,
                partial(_xml_records, name, source, record_paths, path),
            )
        )
    return _structured_tables(name, "xml", kinds)


# ----------------------------------------------------------------------
# ZIP
# ----------------------------------------------------------------------
SYMLINK = 0o120000
UNPACK_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    ValueError,
    OSError,
)


def _unsafe(name, message):
    return UnsafeArchiveError(
        "%s: %s; the archive was not read" % (name, message), file=name, code="unsafe_archive"
    )


def _member_refusal(info):
    """(code, reason) when a member must not be read, alone; else None.

    A member that would be written outside its folder, a link, an archive in
    the archive, a member that would expand like a zip bomb, an encrypted one
    or one too large to read in memory.
    """
    member = info.filename
    if not member.strip():
        return "unsafe_archive", "it has no name"
    parts = PurePosixPath(member.replace("\\", "/")).parts
    if member.startswith(("/", "\\")) or ".." in parts or re.match(r"[A-Za-z]:", member):
        return "unsafe_archive", "it would be written outside its folder"
    if (info.external_attr >> 16) & 0o170000 == SYMLINK:
        return "unsafe_archive", "it is a symbolic link, which could point anywhere"
    if ZIP_SKIP.search(member):
        return None
    if member.lower().endswith(ARCHIVE_EXTENSIONS):
        return (
            "unsafe_archive",
            "it is an archive inside the archive; unpack it and upload its files",
        )
    ratio = info.file_size / info.compress_size if info.compress_size else float("inf")
    if info.file_size > ZIP_RATIO_FLOOR and ratio > ZIP_MAX_RATIO:
        return "unsafe_archive", "it expands %d times, to %s bytes: it looks like a zip bomb" % (
            min(ratio, 10**9),
            info.file_size,
        )
    if info.flag_bits & 0x1:
        return "encrypted", "it is encrypted (password-protected); upload it without a password"
    if info.file_size > ZIP_MAX_MEMBER:
        return "too_large", "%s bytes, more than %s; upload this file on its own, not in a ZIP" % (
            info.file_size,
            ZIP_MAX_MEMBER,
        )
    return None


def _sorted_members(name, archive):
    """(members to read or list, [(member, code, reason)] refused alone).

    Raises UnsafeArchiveError when the whole archive is too large to open: too
    many members, or more bytes once unpacked than ZIP_MAX_TOTAL.
    """
    infos = [info for info in archive.infolist() if not info.filename.endswith("/")]
    if len(infos) > ZIP_MAX_MEMBERS:
        raise _unsafe(name, "%s files, more than %s" % (len(infos), ZIP_MAX_MEMBERS))
    total = sum(info.file_size for info in infos)
    if total > ZIP_MAX_TOTAL:
        raise _unsafe(name, "%s bytes once unpacked, more than %s" % (total, ZIP_MAX_TOTAL))
    members, refused, seen = [], [], set()
    for info in infos:
        refusal = _member_refusal(info)
        if refusal is None and info.filename in seen:
            refusal = "unsafe_archive", "another member of the archive has the same name"
        seen.add(info.filename)
        if refusal is not None:
            refused.append((info.filename, *refusal))
        elif not ZIP_SKIP.search(info.filename):
            members.append(info)
    return members, refused


@contextmanager
def _zip(name, source):
    with _open_binary(source) as stream:
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError):
            raise SourceError(
                "%s: not a readable ZIP archive" % name, file=name, code="bad_file"
            ) from None
        with archive:
            yield archive


def _member_bytes(name, archive, info):
    member = "%s/%s" % (name, info.filename)
    try:
        with archive.open(info) as handle:
            return handle.read(ZIP_MAX_MEMBER + 1)
    except UNPACK_ERRORS as error:
        raise SourceError(
            "%s: cannot be unpacked (%s)" % (member, error), file=member, code="bad_file"
        ) from None


def _member_tables(name, archive, info):
    """The tables of one data member; a member that cannot be unpacked is one blocked table."""
    member = "%s/%s" % (name, info.filename)
    extension = os.path.splitext(info.filename)[1].lower()
    try:
        data = _member_bytes(name, archive, info)
    except SourceError as error:
        return [_blocked_table(member, extension.lstrip("."), error.as_problem())]
    return READERS[extension](member, data)


def _refusal_problem(name, member, code, reason, blocking=False):
    return Problem(
        code,
        "%s: member %r was not read: %s; the other files of the archive were read"
        % (name, member, reason),
        file=name,
        column=member,
        blocking=blocking,
    )


def read_zip(name, source):
    """One table per data member, named 'archive.zip/member.csv'; other members are files.

    A member that is unsafe (see ``_member_refusal``) is refused alone: the
    refusal is a problem of the archive, on its first table; an archive with
    no table left is one blocked table holding the refusals.
    """
    tables = []
    try:
        with _zip(name, source) as archive:
            members, refused = _sorted_members(name, archive)
            for info in members:
                if _is_table_member(info.filename):
                    tables.extend(_member_tables(name, archive, info))
    except SourceError as error:
        return [_blocked_table(name, "zip", error.as_problem())]
    if not refused:
        return tables
    if tables:
        tables[0].problems += [_refusal_problem(name, *item) for item in refused]
        return tables
    problems = [_refusal_problem(name, *item, blocking=True) for item in refused]
    table = _blocked_table(name, "zip", problems[0])
    table.problems = problems
    return [table]


def _is_table_member(member):
    """A data file of the archive; a text file inside a folder is a document."""
    extension = os.path.splitext(member)[1].lower()
    if extension not in READERS:
        return False
    return not (extension == ".txt" and "/" in member.replace("\\", "/").strip("/"))


def list_archive_files(filename, source):
    """The members of a ZIP that are not data files (attachments): [(member name, size)].

    Unsafe members are left out (their refusal was reported when the archive
    was read); SourceError when the archive cannot be read at all.
    """
    with _zip(filename, source) as archive:
        return [
            (info.filename, info.file_size)
            for info in _sorted_members(filename, archive)[0]
            if not _is_table_member(info.filename)
        ]


@contextmanager
def open_archive_file(filename, source, member):
    """A stream over one member of a ZIP (a document), read as it is copied, never whole.

    The archive is checked as for reading (traversal, links, nesting, bombs);
    SourceError names the archive and the member when it cannot be read.
    """
    with _zip(filename, source) as archive:
        members, refused = _sorted_members(filename, archive)
        info = next((info for info in members if info.filename == member), None)
        if info is None:
            reason = next((r for m, _c, r in refused if m == member), "no such file")
            raise SourceError(
                "%s: file %r cannot be read from the archive: %s" % (filename, member, reason),
                file=filename,
                code="missing_file",
            )
        try:
            with archive.open(info) as handle:
                yield handle
        except UNPACK_ERRORS as error:
            raise SourceError(
                "%s/%s: cannot be unpacked (%s)" % (filename, member, error),
                file="%s/%s" % (filename, member),
                code="bad_file",
            ) from None


READERS = {
    ".csv": read_csv,
    ".txt": read_csv,
    ".tsv": read_tsv,
    ".xlsx": read_xlsx,
    ".json": read_json,
    ".jsonl": read_json,
    ".ndjson": read_json,
    ".xml": read_xml,
    ".zip": read_zip,
}


def read_sources(filename, source):
    """The tables of one uploaded file (bytes or a path).

    Raises UnsupportedFileError for a file type no reader reads, and nothing
    else: a file that cannot be read is a blocked table with the reason. A
    reader's own failure (a bug) is reported as an ``internal_error`` problem
    rather than raised.
    """
    extension = os.path.splitext(filename)[1].lower()
    reader = READERS.get(extension)
    if reader is None:
        raise UnsupportedFileError(
            '%s: unsupported file type "%s"; upload CSV, XLSX, JSON, XML or a ZIP of them'
            % (filename, extension or "(none)"),
            file=filename,
            code="unsupported_type",
        )
    try:
        return reader(filename, source)
    except SourceError as error:
        return [_blocked_table(filename, extension.lstrip("."), error.as_problem())]
    except OSError as error:
        problem = Problem(
            "bad_file",
            "%s: the file cannot be read (%s)" % (filename, error.strerror or error),
            file=filename,
            blocking=True,
        )
        return [_blocked_table(filename, extension.lstrip("."), problem)]
    except Exception as error:  # the boundary: a problem, never a crash
        problem = Problem(
            "internal_error",
            "%s: the file could not be read (%s: %s); please report it with the file"
            % (filename, error.__class__.__name__, error),
            file=filename,
            blocking=True,
        )
        return [_blocked_table(filename, extension.lstrip("."), problem)]
