"""Files a user downloads (rows not loaded, the inventory): CSV and XLSX, made safe.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
read as a formula by spreadsheets (OWASP: CSV injection); such a value is written
with a leading apostrophe, which shows the text as it is and runs nothing.
"""

import csv
import io

from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value):
    """The value as a spreadsheet shows it without running it."""
    if value is None or value is False:
        return ""
    text = value if isinstance(value, str) else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def to_csv(headers, rows):
    """CSV text (UTF-8 with a BOM for spreadsheets is the caller's choice)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralize(h) for h in headers])
    for row in rows:
        writer.writerow([neutralize(v) for v in row])
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
