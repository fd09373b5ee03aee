"""What every reader shares: tables and rows, their counting and cleaning, headers."""

import io
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from ..errors import Problem, SourceError
from ..values import is_email, is_phone, parse_date, parse_number

SNIFF_BYTES = 64 * 1024
SCAN_CHUNK = 1024 * 1024
ESCAPED_BYTES = re.compile("[\udc80-\udcff]+")
LETTER = re.compile(r"[^\W\d_]")
FIELD_LIMIT = 512 * 1024  # characters in one value, for every file type; longer ones are cut
SHOWN_ROWS = 10  # row numbers listed in a problem about several rows
# C0 controls but tab, line feed and carriage return, and unpaired surrogates
UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
READERS = {}  # file extension -> reader; filled by the package (readers/__init__.py)


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


def other_object_name(table_name, object_name):
    """A name for a table whose object name is another table's, of other columns:
    the object name after what tells its file apart, its file's name or else its
    folder's ('contacts_page2.json:items' -> 'contacts_page2.items', 'book2.xlsx:Deals'
    -> 'book2.deals', 'export.zip/2025/deals.csv' -> '2025.deals').
    """
    path = table_name.replace("\\", "/")
    # the file: a sheet or a records key follows a ':' after the file's name
    head, _sep, tail = path.rpartition("/")
    file_name = tail.split(":", 1)[0]
    stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
    prefix = stem
    if _object_name(stem) == object_name:
        folder = head.rsplit("/", 1)[-1] if head else ""
        prefix = folder.rsplit(".", 1)[0] if folder.lower().endswith(".zip") else folder
    prefix = _object_name(prefix) if prefix.strip() else ""
    if not prefix or prefix == object_name:
        return object_name
    return "%s.%s" % (prefix, object_name)


def _open_binary(source):
    """A binary stream over the source: a path is streamed from disk, never read whole."""
    if isinstance(source, bytes | bytearray):
        return io.BytesIO(source)
    return open(os.fspath(source), "rb")  # closed by the caller


def _head(source, size=SNIFF_BYTES):
    with _open_binary(source) as stream:
        return stream.read(size)


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


def _empty_problem(name):
    return Problem("empty_file", "%s: the file is empty" % name, file=name, blocking=True)


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


NEST_MAX_DEPTH = 32  # levels of objects or elements in one record


def _unique_key(key, taken):
    """``key``, or 'key (2)'... when an object repeats it: no value is overwritten."""
    new, count = key, 2
    while new in taken:
        new, count = "%s (%s)" % (key, count), count + 1
    return new


def _blocked_table(name, file_type, problem, detected=None):
    return SourceTable(
        name, object_name_for(name), file_type, detected=detected or {}, problems=[problem]
    )
