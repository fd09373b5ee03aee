"""JSON: an array of objects, an object holding such arrays, one object, or JSON Lines."""

import io
import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial

from ..errors import Problem, SourceError
from . import jsontext
from .base import NEST_MAX_DEPTH, _blocked_table, _empty_table, _open_binary, object_name_for
from .jsontext import (
    JSON_DECODER,
    JSON_WS,
    _json_text,
    _JsonError,
    _JsonText,
    _kind,
    _shown,
    _SkippedValue,
)
from .structured import (
    ID_KEYS,
    METADATA_MAX,
    _discover_json,
    _Layout,
    _metadata_add,
    _RecordKind,
    _structured_tables,
    envelope_object_name,
)
from .text import _text_encoding


class _SingleRecord(Exception):  # noqa: N818 - control flow of the first pass
    """The top-level object has an id: it is one record, not a wrapper of lists."""


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
            line = stream.readline(jsontext.JSON_MAX_RECORD + 1)
            if not line:
                return
            number += 1
            if len(line) > jsontext.JSON_MAX_RECORD and not line.endswith("\n"):
                while line and not line.endswith("\n"):
                    line = stream.readline(jsontext.JSON_CHUNK)
                issue = (
                    "a line of more than %s characters; it was not read" % jsontext.JSON_MAX_RECORD
                )
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
                    envelope_object_name(name, key) or ".".join(key),
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
