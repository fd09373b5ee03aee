"""XLSX workbooks: one table per sheet; encrypted, old, renamed or damaged files refused."""

import datetime
import zipfile
from contextlib import contextmanager
from functools import partial

from openpyxl import load_workbook

from ..errors import Problem, SourceError
from .base import (
    SCAN_CHUNK,
    SKIP_REASONS,
    Skipped,
    SourceTable,
    _blocked_table,
    _head,
    _object_name,
    _open_binary,
    _row_from_cells,
    clean_headers,
    object_name_for,
)
from .text import _binary_reason
from .zip import ZIP_MAX_TOTAL


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
