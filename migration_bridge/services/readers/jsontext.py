"""A JSON text read in chunks, one value at a time, and JSON values as text."""

import json
import re

from .base import NEST_MAX_DEPTH, _unique_key

JSON_CHUNK = 256 * 1024  # characters read at a time
JSON_MAX_RECORD = 64 * 1024 * 1024  # characters one record (or JSON Lines line) may take
SHOWN = 200  # characters of a value quoted in a problem
JSON_WS = re.compile(r"[ \t\n\r]*")
JSON_STRUCTURE = re.compile(r'["\[\]{}]')
JSON_STRING_STOP = re.compile(r'["\\]')


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
