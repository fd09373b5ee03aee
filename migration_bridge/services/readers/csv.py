"""CSV and TSV: a sniffed delimiter, quotes that do not close, records over the limit."""

import csv
from functools import partial

from ..errors import Problem
from . import base as limits
from .base import (
    ESCAPED_BYTES,
    SCAN_CHUNK,
    SKIP_REASONS,
    Skipped,
    SourceRow,
    SourceTable,
    _blocked_table,
    _head,
    _row_from_cells,
    _undecodable,
    clean_headers,
    object_name_for,
)
from .text import _is_wide, _text_encoding, _text_stream

SNIFF_LINES = 20
RECORD_LIMIT = 4 * limits.FIELD_LIMIT  # characters in one CSV record (all its lines)


csv.field_size_limit(RECORD_LIMIT + 1)


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
    if _is_wide(codec):  # the decoder replaced them already
        return cells, [(index, None) for index, cell in enumerate(cells) if "\ufffd" in cell]
    if not ESCAPED_BYTES.search("".join(cells)):
        return cells, []
    bad = []
    for index, cell in enumerate(cells):
        escaped = ESCAPED_BYTES.findall(cell)
        if escaped:
            raw = cell.encode(codec, errors="surrogateescape")
            cells[index] = raw.decode(codec, errors="replace")
            bad.append((index, bytes(ord(c) - 0xDC00 for c in "".join(escaped))))
    return cells, bad


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
