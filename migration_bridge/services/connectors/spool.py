"""Where an object's records wait on disk between the API and the readers: a JSON Lines spool.

Each record an extraction keeps is written as one line of ``<object>.jsonl`` in the
caller's spool directory, numbers exactly as the API wrote them (``12.50`` stays
``12.50``), and the file is flushed to disk before the checkpoint that counts it is
handed to the caller. On resume the spool is cut back to the size the checkpoint
recorded: a page written after the last persisted checkpoint is dropped and fetched
again, so that nothing is duplicated. A finished object's tables are the JSON reader's
tables of its spool: the same as for an export file holding the same records.
"""

import json
import os
import re
from pathlib import Path

UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class RawNumber(str):
    """A JSON number as the API wrote it: '12.50', '1e5' (written back unchanged)."""

    __slots__ = ()


def _pairs(pairs):
    """A JSON object as a dict; a repeated key is kept as 'key (2)', as the readers do."""
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    result = {}
    for key, value in pairs:
        new, count = key, 2
        while new in result:
            new, count = "%s (%s)" % (key, count), count + 1
        result[new] = value
    return result


def loads(data):
    """Decode a JSON answer (bytes or text), numbers kept as RawNumber."""
    return json.loads(
        data,
        parse_float=RawNumber,
        parse_int=RawNumber,
        parse_constant=RawNumber,
        object_pairs_hook=_pairs,
    )


def as_int(value, default=None):
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


def dumps(value):
    """One JSON value on one line, ASCII only, RawNumbers as they were written."""
    if isinstance(value, RawNumber):
        return str(value)
    if isinstance(value, str) or value is None or isinstance(value, bool | int | float):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return "[%s]" % ",".join(dumps(item) for item in value)
    if isinstance(value, dict):
        return "{%s}" % ",".join(
            "%s:%s" % (json.dumps(str(key)), dumps(item)) for key, item in value.items()
        )
    return json.dumps(str(value))


def spool_name(object_name):
    """The spool file's name: the object's name, so the reader gives the object's name."""
    return "%s.jsonl" % (UNSAFE_NAME.sub("_", object_name).strip("._") or "object")


class SpoolLost(Exception):  # noqa: N818 - the extraction starts the object again
    """The spool is shorter than the checkpoint says (it was deleted or not persisted)."""


class Spool:
    """The JSON Lines file of one object's records."""

    def __init__(self, directory, object_name):
        self.path = Path(directory) / spool_name(object_name)
        self._file = None

    def __repr__(self):
        return "<Spool %s>" % self.path

    def open(self, size=0):
        """Open for appending after ``size`` bytes (the checkpoint's); cut what follows."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not size:
            self._file = open(self.path, "wb")  # noqa: SIM115 - closed by close()
            return self
        if not self.path.exists() or self.path.stat().st_size < size:
            raise SpoolLost(str(self.path))
        self._file = open(self.path, "r+b")  # noqa: SIM115 - closed by close()
        self._file.truncate(size)
        self._file.seek(size)
        return self

    def append(self, record):
        self._file.write(dumps(record).encode("ascii") + b"\n")

    def commit(self):
        """Flush to disk; the size a checkpoint may now count on."""
        self._file.flush()
        os.fsync(self._file.fileno())
        return self._file.tell()

    def close(self):
        if self._file is not None:
            self._file.close()
            self._file = None

    def records(self):
        """The spooled records, in order (for the files they list)."""
        if not self.path.exists():
            return
        with open(self.path, "rb") as stream:
            for line in stream:
                if line.strip():
                    yield loads(line)
