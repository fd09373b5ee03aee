"""File readers: one per file type behind a dispatch table.

``read_sources(filename, source)`` returns the tables of a file (a CSV is one
table, an XLSX one per non-empty sheet, a ZIP one per data member). A table
reports what it detected (encoding, delimiter, sheet) and its problems, and
streams its rows: a row is never dropped, its problems travel with it.

A source is the file's bytes or the path of a file on disk; a path is streamed,
never read whole (a ZIP member is read into memory, up to ZIP_MAX_MEMBER bytes).
"""

import codecs
import csv
import datetime
import io
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import PurePosixPath

import chardet
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
csv.field_size_limit(16 * 1024 * 1024)


@dataclass
class SourceRow:
    """One data row: ``row`` is the line number a spreadsheet shows (header = 1)."""

    row: int
    values: dict
    problems: list = field(default_factory=list)


@dataclass
class SourceTable:
    """One table of a source file, its header, what was detected and its problems."""

    name: str
    object_name: str
    file_type: str
    headers: list = field(default_factory=list)
    detected: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    _read_rows: Callable = field(default=None, repr=False, compare=False)

    @property
    def blocked(self):
        return any(problem.blocking for problem in self.problems)

    def rows(self) -> Iterator[SourceRow]:
        """The data rows, read again from the source at each call; none when blocked."""
        if self._read_rows is None or self.blocked:
            return iter(())
        return self._read_rows()


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


def clean_headers(raw_headers, name):
    """Unique header names and the problems with them (blank, duplicated, no header)."""
    headers = [str(h or "").strip() for h in raw_headers]
    while headers and not headers[-1]:
        headers.pop()
    problem = _no_header_problem(name, headers)
    if problem:
        return headers, [problem]
    result, problems, first_index = [], [], {}
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
# CSV
# ----------------------------------------------------------------------
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
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
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
            errors = text.count("\ufffd")
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


def _records(name, source, encoding, delimiter):
    """(first physical line number, cells) of each CSV record, undecodable bytes escaped."""
    with io.TextIOWrapper(
        _open_binary(source), encoding=encoding, errors="surrogateescape", newline=""
    ) as stream:
        reader = csv.reader(stream, delimiter=delimiter)
        line = 1
        try:
            for cells in reader:
                yield line, cells
                line = reader.line_num + 1
        except csv.Error as error:  # a cell over the size limit: an unclosed quote, mostly
            raise SourceError(
                "%s, row %s: %s; check the quotes of this row and upload again"
                % (name, line, error),
                file=name,
                row=line,
                code="bad_file",
            ) from None


def _decode_cells(cells, encoding):
    """Cells with undecodable bytes decoded with replacement characters.

    Returns the cells and [(index, the bytes that did not decode)].
    """
    codec = encoding.removesuffix("-sig")
    bad = []
    for index, cell in enumerate(cells):
        escaped = ESCAPED_BYTES.findall(cell)
        if escaped:
            raw = cell.encode(codec, errors="surrogateescape")
            cells[index] = raw.decode(codec, errors="replace")
            bad.append((index, bytes(ord(c) - 0xDC00 for c in "".join(escaped))))
    return cells, bad


def _undecodable(name, number, column, encoding, raw):
    where = "%s, row %s, column %r" % (name, number, column)
    return Problem(
        "undecodable",
        "%s: bytes that are not valid %s (%r); the value was kept with replacement "
        "characters; fix the file encoding and upload again"
        % (where, encoding.removesuffix("-sig"), raw),
        file=name,
        row=number,
        column=column,
    )


def _empty_table(name, file_type):
    problem = Problem("empty_file", "%s: the file is empty" % name, file=name, blocking=True)
    return SourceTable(name, object_name_for(name), file_type, problems=[problem])


def read_csv(name, source, default_delimiter=","):
    """One table; ``detected`` holds the encoding, the delimiter and the header row."""
    scan = _scan(source)
    if not scan.content:
        return [_empty_table(name, "csv")]
    encoding = detect_encoding(scan)
    sample = _head(source).decode(encoding, errors="replace")
    delimiter = _sniff_delimiter(sample, default_delimiter)
    records = _records(name, source, encoding, delimiter)
    raw_headers = next(records, (1, []))[1]
    records.close()
    raw_headers, bad = _decode_cells(raw_headers, encoding)
    headers, problems = clean_headers(raw_headers, name)
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


def _csv_rows(name, source, encoding, delimiter, headers):
    records = _records(name, source, encoding, delimiter)
    next(records, None)
    for number, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        cells, bad = _decode_cells(cells, encoding)
        row = _row_from_cells(name, headers, cells, number)
        for index, raw in bad:
            column = headers[index] if index < len(headers) else "column %s" % (index + 1)
            row.problems.append(_undecodable(name, number, column, encoding, raw))
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


def _bad_workbook(name, error):
    return SourceError(
        "%s: not a readable XLSX workbook (%s); save it again as .xlsx or export it as CSV"
        % (name, error.__class__.__name__),
        file=name,
        code="bad_file",
    )


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
    """(row number, cell texts without trailing empties) of each row of a sheet."""
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
    """One table per sheet with a value; several sheets are named 'book.xlsx:Sheet'."""
    with _workbook(name, source) as book:
        sheets = [(s.title, _sheet_header(s)) for s in book.worksheets]
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
            if cells:
                cells += [""] * (len(headers) - len(cells))
                yield _row_from_cells(table_name, headers, cells, number)


# ----------------------------------------------------------------------
# ZIP
# ----------------------------------------------------------------------
def _unsafe(name, message):
    return UnsafeArchiveError(
        "%s: %s; the archive was not read" % (name, message), file=name, code="unsafe_archive"
    )


def _check_member(name, info):
    """Raise UnsafeArchiveError for a member that escapes, nests or explodes."""
    member = info.filename
    parts = PurePosixPath(member.replace("\\", "/")).parts
    if member.startswith(("/", "\\")) or ".." in parts or re.match(r"[A-Za-z]:", member):
        raise _unsafe(name, "member %r would be written outside its folder" % member)
    if ZIP_SKIP.search(member):
        return
    if member.lower().endswith(ARCHIVE_EXTENSIONS):
        raise _unsafe(
            name,
            "member %r is an archive inside the archive; unpack it and upload its files" % member,
        )
    ratio = info.file_size / info.compress_size if info.compress_size else float("inf")
    if info.file_size > ZIP_RATIO_FLOOR and ratio > ZIP_MAX_RATIO:
        raise _unsafe(
            name,
            "member %r expands %d times, to %s bytes: it looks like a zip bomb"
            % (member, min(ratio, 10**9), info.file_size),
        )


def _safe_members(name, archive):
    """The members to read or list, once the whole archive is known to be safe."""
    infos = [info for info in archive.infolist() if not info.is_dir()]
    if len(infos) > ZIP_MAX_MEMBERS:
        raise _unsafe(name, "%s files, more than %s" % (len(infos), ZIP_MAX_MEMBERS))
    total = sum(info.file_size for info in infos)
    if total > ZIP_MAX_TOTAL:
        raise _unsafe(name, "%s bytes once unpacked, more than %s" % (total, ZIP_MAX_TOTAL))
    for info in infos:
        _check_member(name, info)
    return [info for info in infos if not ZIP_SKIP.search(info.filename)]


@contextmanager
def _zip(name, source):
    with _open_binary(source) as stream:
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, EOFError, OSError):
            raise SourceError(
                "%s: not a readable ZIP archive" % name, file=name, code="bad_file"
            ) from None
        with archive:
            yield archive


def _member_bytes(name, archive, info):
    member = "%s/%s" % (name, info.filename)
    if info.file_size > ZIP_MAX_MEMBER:
        raise SourceError(
            "%s: %s bytes, more than %s; upload this file on its own, not in a ZIP"
            % (member, info.file_size, ZIP_MAX_MEMBER),
            file=member,
            code="too_large",
        )
    try:
        with archive.open(info) as handle:
            return handle.read(ZIP_MAX_MEMBER + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as error:
        raise SourceError(
            "%s: cannot be unpacked (%s)" % (member, error), file=member, code="bad_file"
        ) from None


def read_zip(name, source):
    """One table per data member, named 'archive.zip/member.csv'; other members are files."""
    tables = []
    with _zip(name, source) as archive:
        for info in _safe_members(name, archive):
            reader = READERS.get(os.path.splitext(info.filename)[1].lower())
            if reader is not None and _is_table_member(info.filename):
                member = "%s/%s" % (name, info.filename)
                tables.extend(reader(member, _member_bytes(name, archive, info)))
    return tables


def _is_table_member(member):
    """A data file of the archive; a text file inside a folder is a document."""
    extension = os.path.splitext(member)[1].lower()
    if extension not in READERS:
        return False
    return not (extension == ".txt" and "/" in member.replace("\\", "/").strip("/"))


def list_archive_files(filename, source):
    """The members of a ZIP that are not data files (attachments): [(member name, size)]."""
    with _zip(filename, source) as archive:
        return [
            (info.filename, info.file_size)
            for info in _safe_members(filename, archive)
            if not _is_table_member(info.filename)
        ]


@contextmanager
def open_archive_file(filename, source, member):
    """A stream over one member of a ZIP (a document), read as it is copied, never whole.

    The archive is checked as for reading (traversal, nesting, bombs); SourceError
    names the archive and the member when it cannot be read.
    """
    with _zip(filename, source) as archive:
        infos = {info.filename: info for info in _safe_members(filename, archive)}
        info = infos.get(member)
        if info is None:
            raise SourceError(
                "%s: no file %r in the archive" % (filename, member),
                file=filename,
                code="missing_file",
            )
        try:
            with archive.open(info) as handle:
                yield handle
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as error:
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
    ".zip": read_zip,
}


def read_sources(filename, source):
    """The tables of one uploaded file (bytes or a path); raises SourceError if unreadable."""
    extension = os.path.splitext(filename)[1].lower()
    reader = READERS.get(extension)
    if reader is None:
        raise UnsupportedFileError(
            '%s: unsupported file type "%s"; upload CSV, XLSX or a ZIP of them'
            % (filename, extension or "(none)"),
            file=filename,
            code="unsupported_type",
        )
    return reader(filename, source)
