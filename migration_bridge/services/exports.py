"""Files a user downloads (rows not loaded, the inventory): CSV and XLSX, made safe.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read as a formula by spreadsheets (OWASP: CSV injection); such a value is written
with a leading apostrophe, which shows the text as it is and runs nothing.
"""

import csv
import io

from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# The columns a rows-not-loaded download adds after the source's own: a file fixed and
# uploaded again is read without them (services.readers), as the source had it.
ROW_COLUMN, FILE_COLUMN, REASON_COLUMN = "Source row", "Source file", "Migration error"
DOWNLOAD_TRAILERS = (
    (FILE_COLUMN, ROW_COLUMN, REASON_COLUMN),
    (ROW_COLUMN, REASON_COLUMN),
)


def download_columns(headers):
    """The columns a rows-not-loaded download added at the end of ``headers``."""
    for trailer in DOWNLOAD_TRAILERS:
        if len(headers) > len(trailer) and tuple(headers[-len(trailer) :]) == trailer:
            return trailer
    return ()


def neutralize(value):
    """The value as a spreadsheet shows it without running it."""
    if value is None or value is False:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def _verbatim(value):
    if value is None or value is False:
        return ""
    return value if isinstance(value, str) else str(value)


def to_csv(headers, rows, safe=True):
    """CSV text (UTF-8 with a BOM for spreadsheets is the caller's choice). ``safe``:
    formula-like cells neutralised; not for a file meant to be uploaded again (rows not
    loaded), whose cells must read back as the source had them."""
    cell = neutralize if safe else _verbatim
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([cell(h) for h in headers])
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return buffer.getvalue()


def to_xlsx(headers, rows, title="Sheet1"):
    """XLSX bytes; every cell is text as the CSV would give it (no formula is written)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31] or "Sheet1")
    sheet.append([neutralize(h) for h in headers])
    for row in rows:
        sheet.append([neutralize(v) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
