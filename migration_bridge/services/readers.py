"""File readers: one per file type behind a dispatch table.

``read_sources(filename, source)`` returns the tables of a file (a CSV is one
table, an XLSX one per non-empty sheet, a ZIP one per data member). A table
reports what it detected (encoding, delimiter, sheet) and its problems, and
streams its rows: a row is never dropped, its problems travel with it.
"""

import codecs
import csv
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import chardet

from .errors import Problem, SourceError, UnsafeArchiveError, UnsupportedFileError
from .values import is_email, is_phone, parse_date, parse_number

SNIFF_BYTES = 64 * 1024
CYRILLIC_CHARSETS = {"windows-1251", "maccyrillic", "koi8-r", "iso-8859-5", "ibm866", "ibm855"}
ZIP_MAX_MEMBERS = 1000
ZIP_MAX_TOTAL = 1024 * 1024 * 1024
ZIP_MAX_RATIO = 200
ZIP_RATIO_FLOOR = 1024 * 1024
ZIP_SKIP = re.compile(r"(^|/)(__MACOSX/|\.[^./])")
csv.field_size_limit(16 * 1024 * 1024)


@dataclass
class SourceRow:
    row: int
    values: dict
    problems: list = field(default_factory=list)


@dataclass
class SourceTable:
    name: str
    object_name: str
    file_type: str
    headers: list = field(default_factory=list)
    detected: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    _rows: object = None

    def rows(self):
        """The data rows, read again from the source at each call."""
        if self._rows is None or any(p.blocking for p in self.problems):
            return iter(())
        return self._rows()


def object_name_for(name):
    stem = PurePosixPath(name).name.rsplit(".", 1)[0]
    return re.sub(r"\s+", "_", stem.strip().lower()) or "data"


def _open_binary(source):
    """A binary stream over the source: a path is streamed from disk, never read whole."""
    if isinstance(source, bytes | bytearray):
        return io.BytesIO(source)
    return open(os.fspath(source), "rb")  # noqa: SIM115 - closed by the caller


def _file_or_path(source):
    """For libraries that open (and close) a path themselves: bytes wrapped, paths as is."""
    if isinstance(source, bytes | bytearray):
        return io.BytesIO(source)
    return os.fspath(source)


def _head(source, size=SNIFF_BYTES):
    with _open_binary(source) as stream:
        return stream.read(size)


# ----------------------------------------------------------------------
# Headers
# ----------------------------------------------------------------------
def _looks_like_data(value):
    value = value.strip()
    if not value:
        return True
    if is_email(value) or is_phone(value):
        return True
    for parser in (parse_number, parse_date):
        try:
            parser(value)
            return True
        except ValueError:
            pass
    return not re.search(r"[^\W\d_]", value)


def clean_headers(raw_headers, name):
    """Unique header names and the problems with them (blank, duplicated, no header)."""
    headers = [str(h or "").strip() for h in raw_headers]
    while headers and not headers[-1]:
        headers.pop()
    problems = []
    if headers and all(_looks_like_data(h) for h in headers):
        sample = ", ".join(repr(h) for h in headers[:4])
        problems.append(
            Problem(
                "no_header",
                "%s: row 1 looks like data, not a header row (%s); add a header row naming "
                "each column and upload the file again" % (name, sample),
                file=name,
                row=1,
                blocking=True,
            )
        )
        return headers, problems
    result = []
    seen = {}
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
        key = header.lower()
        if key in seen:
            first = seen[key]
            count = 2
            while "%s (%s)" % (header, count) in result:
                count += 1
            renamed = "%s (%s)" % (header, count)
            problems.append(
                Problem(
                    "duplicate_header",
                    "%s: columns %s and %s are both named %r; the second is read as %r"
                    % (name, first, index, header, renamed),
                    file=name,
                    row=1,
                    column=renamed,
                )
            )
            header = renamed
        seen.setdefault(header.lower(), index)
        seen.setdefault(key, index)
        result.append(header)
    return result, problems


def _row_from_cells(name, headers, cells, number):
    values = {}
    problems = []
    for index, header in enumerate(headers):
        values[header] = cells[index].strip() if index < len(cells) else ""
    if len(cells) > len(headers):
        extra = cells[len(headers) :]
        for offset, value in enumerate(extra, start=len(headers) + 1):
            values["column %s" % offset] = value.strip()
        problems.append(
            Problem(
                "ragged_row",
                "%s, row %s: %s values for %s columns; the extra value %r has no column"
                % (name, number, len(cells), len(headers), extra[0]),
                file=name,
                row=number,
                column="column %s" % (len(headers) + 1),
            )
        )
    elif len(cells) < len(headers):
        problems.append(
            Problem(
                "ragged_row",
                "%s, row %s: %s values for %s columns; %r and the columns after it are missing"
                % (name, number, len(cells), len(headers), headers[len(cells)]),
                file=name,
                row=number,
                column=headers[len(cells)],
            )
        )
    return SourceRow(number, values, problems)


# ----------------------------------------------------------------------
# CSV
# ----------------------------------------------------------------------
def detect_encoding(data):
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    sample = data[:SNIFF_BYTES]
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        # A sample cut inside a multi-byte character, or a few stray bytes in UTF-8.
        if error.start >= len(sample) - 3 or _mostly_utf8(sample):
            return "utf-8"
    guess = (chardet.detect(sample).get("encoding") or "").lower()
    if guess in CYRILLIC_CHARSETS or _decodes(sample, "cp1251") and _cyrillic_share(sample):
        return "cp1251"
    if guess and guess != "ascii" and _decodes(sample, guess):
        return guess
    return "cp1252"


def _decodes(data, encoding):
    try:
        data.decode(encoding)
        return True
    except (UnicodeDecodeError, LookupError):
        return False


def _mostly_utf8(sample):
    """Valid UTF-8 but for a few stray bytes: read as UTF-8, flag those rows."""
    text = sample.decode("utf-8", errors="replace")
    return text.count("\ufffd") <= 3


def _cyrillic_share(sample):
    text = sample.decode("cp1251", errors="replace")
    letters = [c for c in text if c.isalpha() and ord(c) > 127]
    return letters and sum(1 for c in letters if "\u0400" <= c <= "\u04ff") / len(letters) > 0.6


def _sniff_delimiter(text, default):
    lines = text.splitlines()[:20]
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: lines[0].count(d) if lines else 0 for d in ",;\t|"}
        best = max(counts, key=counts.get)
        return best if counts[best] else default


def _bad_cell(value):
    return any("\udc80" <= char <= "\udcff" for char in value)


def _repair(value, encoding):
    raw = value.encode(encoding.replace("-sig", ""), errors="surrogateescape")
    bad = bytes(ord(c) - 0xDC00 for c in value if "\udc80" <= c <= "\udcff")
    return raw.decode(encoding, errors="replace"), bad


def read_csv(name, source, default_delimiter=","):
    head = _head(source)
    if not head.strip() or head.strip() == codecs.BOM_UTF8:
        problem = Problem(
            "empty_file", "%s: the file is empty" % name, file=name, row=None, blocking=True
        )
        return [SourceTable(name, object_name_for(name), "csv", problems=[problem])]
    encoding = detect_encoding(head)
    text_sample = head.decode(encoding, errors="replace")
    delimiter = _sniff_delimiter(text_sample, default_delimiter)

    def records():
        with io.TextIOWrapper(
            _open_binary(source), encoding=encoding, errors="surrogateescape", newline=""
        ) as stream:
            reader = csv.reader(stream, delimiter=delimiter)
            line = 1
            for cells in reader:
                yield line, cells
                line = reader.line_num + 1

    iterator = records()
    _line, raw_headers = next(iterator, (1, []))
    iterator.close()
    raw_headers = [_repair(h, encoding)[0] if _bad_cell(h) else h for h in raw_headers]
    headers, problems = clean_headers(raw_headers, name)
    table = SourceTable(
        name,
        object_name_for(name),
        "csv",
        headers=headers,
        detected={"encoding": encoding, "delimiter": delimiter, "header_row": 1},
        problems=problems,
    )

    def rows():
        lines = records()
        next(lines, None)
        for number, cells in lines:
            if not any(cell.strip() for cell in cells):
                continue
            undecodable = []
            for index, cell in enumerate(cells):
                if _bad_cell(cell):
                    cells[index], bad = _repair(cell, encoding)
                    undecodable.append((index, bad))
            row = _row_from_cells(name, headers, cells, number)
            for index, bad in undecodable:
                column = headers[index] if index < len(headers) else "column %s" % (index + 1)
                row.problems.append(
                    Problem(
                        "undecodable",
                        "%s, row %s, column %r: bytes that are not valid %s (%r); the value "
                        "was kept with replacement characters; fix the file's encoding and "
                        "upload it again" % (name, number, column, encoding, bad),
                        file=name,
                        row=number,
                        column=column,
                    )
                )
            yield row

    table._rows = rows
    return [table]


def read_tsv(name, source):
    return read_csv(name, source, default_delimiter="\t")


# ----------------------------------------------------------------------
# XLSX
# ----------------------------------------------------------------------
def cell_text(value):
    import datetime

    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0, 0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value).strip()


def read_xlsx(name, source):
    from openpyxl import load_workbook

    # openpyxl judges a path by its extension (a filestore path has none): give it bytes.
    # An XLSX is compressed: its bytes are a fraction of the rows they hold.
    data = source if isinstance(source, bytes | bytearray) else _head(source, size=-1)

    def open_book():
        try:
            return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds on a broken file
            raise SourceError(
                "%s: not a readable XLSX workbook (%s); save it again as .xlsx or export "
                "it as CSV" % (name, error.__class__.__name__),
                file=name,
                code="bad_file",
            ) from None

    book = open_book()
    sheets = []
    for sheet in book.worksheets:
        first = next(sheet.iter_rows(values_only=True), None)
        if first and any(cell_text(c) for c in first):
            sheets.append(sheet.title)
    book.close()
    tables = []
    for title in sheets:
        table_name = name if len(sheets) == 1 else "%s:%s" % (name, title)
        object_name = object_name_for(name) if len(sheets) == 1 else object_name_for(title)
        book = open_book()
        first = next(book[title].iter_rows(values_only=True))
        book.close()
        headers, problems = clean_headers([cell_text(c) for c in first], table_name)
        table = SourceTable(
            table_name,
            object_name,
            "xlsx",
            headers=headers,
            detected={"sheet": title, "header_row": 1},
            problems=problems,
        )

        def rows(title=title, table_name=table_name, headers=headers):
            workbook = open_book()
            try:
                iterator = workbook[title].iter_rows(values_only=True)
                next(iterator, None)
                for number, values in enumerate(iterator, start=2):
                    cells = [cell_text(v) for v in values]
                    while cells and not cells[-1]:
                        cells.pop()
                    if not cells:
                        continue
                    if len(cells) < len(headers):
                        cells += [""] * (len(headers) - len(cells))
                    yield _row_from_cells(table_name, headers, cells, number)
            finally:
                workbook.close()

        table._rows = rows
        tables.append(table)
    return tables


# ----------------------------------------------------------------------
# ZIP
# ----------------------------------------------------------------------
def _safe_members(name, archive):
    infos = [i for i in archive.infolist() if not i.is_dir()]
    if len(infos) > ZIP_MAX_MEMBERS:
        raise UnsafeArchiveError(
            "%s: %s files in the archive, more than %s" % (name, len(infos), ZIP_MAX_MEMBERS),
            file=name,
            code="unsafe_archive",
        )
    total = 0
    for info in infos:
        member = info.filename
        parts = PurePosixPath(member.replace("\\", "/")).parts
        if member.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", member):
            raise UnsafeArchiveError(
                "%s: member %r would be written outside the archive's folder; the archive "
                "was not read" % (name, member),
                file=name,
                code="unsafe_archive",
            )
        if member.lower().endswith((".zip", ".7z", ".rar", ".tar", ".gz")):
            raise UnsafeArchiveError(
                "%s: member %r is an archive inside the archive; unpack it and upload its "
                "files" % (name, member),
                file=name,
                code="unsafe_archive",
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > ZIP_RATIO_FLOOR and ratio > ZIP_MAX_RATIO:
            raise UnsafeArchiveError(
                "%s: member %r expands %d times (%s bytes); the archive looks like a zip "
                "bomb and was not read" % (name, member, ratio, info.file_size),
                file=name,
                code="unsafe_archive",
            )
        total += info.file_size
    infos = [i for i in infos if not ZIP_SKIP.search(i.filename)]
    if total > ZIP_MAX_TOTAL:
        raise UnsafeArchiveError(
            "%s: %s bytes once unpacked, more than %s" % (name, total, ZIP_MAX_TOTAL),
            file=name,
            code="unsafe_archive",
        )
    return infos


def _open_zip(name, source):
    try:
        return zipfile.ZipFile(_file_or_path(source))
    except zipfile.BadZipFile:
        raise SourceError(
            "%s: not a readable ZIP archive" % name, file=name, code="bad_file"
        ) from None


def read_zip(name, source):
    tables = []
    with _open_zip(name, source) as archive:
        for info in _safe_members(name, archive):
            extension = os.path.splitext(info.filename)[1].lower()
            reader = READERS.get(extension)
            if reader is None or reader is read_zip:
                continue
            member_name = "%s/%s" % (name, info.filename)
            with archive.open(info) as handle:
                data = handle.read(ZIP_MAX_TOTAL + 1)
            for table in reader(member_name, data):
                table.object_name = object_name_for(info.filename)
                tables.append(table)
    return tables


def list_archive_files(filename, source):
    """The members of a ZIP that are not data files (attachments): (name, size)."""
    with _open_zip(filename, source) as archive:
        return [
            (info.filename, info.file_size)
            for info in _safe_members(filename, archive)
            if os.path.splitext(info.filename)[1].lower() not in READERS
        ]


READERS = {
    ".csv": read_csv,
    ".txt": read_csv,
    ".tsv": read_tsv,
    ".xlsx": read_xlsx,
    ".zip": read_zip,
}


def read_sources(filename, source):
    """The tables of one uploaded file; raises SourceError if it cannot be read."""
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
