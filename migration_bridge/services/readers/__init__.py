"""File readers: one per file type behind a dispatch table.

``read_sources(filename, source)`` returns the tables of a file (a CSV is one
table, an XLSX one per non-empty sheet, a ZIP one per data member, a JSON or
XML file one per kind of record and one per nested list of objects). A table
reports what it detected (encoding, delimiter, sheet, records key or tag) and
its problems, and streams its rows: a row is never dropped silently (a row with no
value is skipped and counted, with the reason), its problems travel with it.

A source is the file's bytes or the path of a file on disk; a path is streamed,
never read whole (a ZIP member is read into memory, up to ZIP_MAX_MEMBER bytes).

One module per format (``csv``, ``xlsx``, ``json``, ``xml``, ``zip``) on what they
share: ``base`` (tables, rows, counting and cleaning, headers), ``text``
(encodings, binary content), ``jsontext`` and ``structured`` (JSON and XML
records). This package re-exports the public names and holds the dispatch table.

Readers never raise: a file they cannot read is one blocked table whose problem
says why (not a text export, a damaged workbook, an unsafe archive...), an
unsafe ZIP member is refused alone, and a failure while rows stream ends the
stream with a problem in ``SourceTable.stream_problems``. Only ``read_sources``
raises, UnsupportedFileError, for a file type no reader reads. No value, header
or key carries a NUL, another control character or an unpaired surrogate: they
are removed and counted (PostgreSQL refuses NUL in text).
"""

import os

from ..errors import Problem, SourceError, UnsupportedFileError
from ..exports import download_columns
from .base import (
    FIELD_LIMIT,
    READERS,
    SNIFF_BYTES,
    Skipped,
    SourceRow,
    SourceTable,
    _blocked_table,
    clean_headers,
    clean_row,
    clean_text,
    object_name_for,
    other_object_name,
)
from .csv import RECORD_LIMIT, read_csv, read_tsv
from .json import read_json
from .text import detect_encoding
from .xlsx import cell_text, read_xlsx
from .xml import read_xml
from .zip import (
    ZIP_MAX_MEMBER,
    ZIP_MAX_MEMBERS,
    ZIP_MAX_TOTAL,
    list_archive_files,
    open_archive_file,
    read_zip,
)

READERS.update(
    {
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
)


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
        return [_without_download_columns(table) for table in reader(filename, source)]
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


def _without_download_columns(table):
    """A rows-not-loaded download uploaded again: read without the columns it added
    (its source row, its file, why it failed), as the source had it."""
    trailer = download_columns(table.headers)
    if not trailer or table._read_rows is None:
        return table
    read = table._read_rows

    def rows():
        for item in read():
            values = getattr(item, "values", None)
            if isinstance(values, dict):
                for column in trailer:
                    values.pop(column, None)
            yield item

    table.headers = table.headers[: -len(trailer)]
    table._read_rows = rows
    table.detected = dict(table.detected, download_columns=list(trailer))
    return table
