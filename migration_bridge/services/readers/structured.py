"""JSON and XML: records, nested values as dotted columns, lists of objects as child
tables; a first pass finds the columns, a second streams the rows."""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import PurePosixPath

from ..errors import Problem
from . import base as limits
from .base import (
    ESCAPED_BYTES,
    NEST_MAX_DEPTH,
    SourceRow,
    SourceTable,
    _object_name,
    _undecodable,
    clean_headers,
)
from .jsontext import _dump, _json_text, _kind, _shown

METADATA_MAX = 200  # values outside the records kept in ``detected["metadata"]``
# A record's own id, which its child rows carry as ``_parent_id`` (ELMA365's ``__id``).
ID_KEYS = ("id", "Id", "ID", "__id")
PARENT_ID = "_parent_id"
TEXT = "#text"  # path segment of an XML element's own text ("@name" is an attribute)
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"


# Keys of an API's answer that wrap its records and say nothing of what they are.
ENVELOPE_WORDS = frozenset(
    ("result", "results", "data", "items", "records", "rows", "list", "response", "payload")
)
PAGE_SUFFIX = re.compile(r"[ _.-]*(?:page|p|стр)?[ _.-]*\d+$", re.IGNORECASE)


def envelope_object_name(name, key):
    """The object of records under a nested envelope (ELMA365's saved list answer,
    ``{"success": true, "result": {"result": [...], "total": n}}``): named after its
    file, not ``result.result``, so that each app's answers are told apart; a page
    number ends none of its pages' names (``companies_1.json``, ``companies_2.json``:
    ``companies``), and the folder holding the file in an archive (a HUB tenant's) heads
    it as the connector's spool names its objects (``hub-a/companies_1.json``:
    ``hub-a.companies``). None for any other records key (``clients``; ``items`` alone:
    the pages of one list share it)."""
    if len(key) < 2 or not all(str(part).lower() in ENVELOPE_WORDS for part in key):
        return None
    path = PurePosixPath(name.replace("\\", "/"))
    stem = path.name.rsplit(".", 1)[0] if "." in path.name else path.name
    stem = PAGE_SUFFIX.sub("", stem) or stem
    folder = path.parent.name if len(path.parts) > 1 else ""
    if folder.lower().endswith(".zip"):
        folder = ""
    return _object_name(".".join(p for p in (folder, stem) if p))


class _Layout:
    """The columns and child tables of one kind of record, from a pass over all of them.

    A path is a tuple of keys (JSON) or element names (XML, with '@name' for an
    attribute and '#text' for an element's own text) from the record. A child
    path holds objects (repeated element groups): each one a row of a child table.
    """

    def __init__(self, xml, tag=""):
        self.xml = xml
        self.tag = tag  # XML: the record element's name, for its own text
        self.records = 0
        self.leaves = {}  # path -> True once it held a value, in first-seen order
        self.children = {}  # JSON: child paths, in first-seen order
        self.seen = {}  # XML: element paths, in first-seen order
        self.repeated, self.groups, self.impure = set(), set(), set()

    def leaf(self, path, filled):
        self.leaves[path] = self.leaves.get(path, False) or filled

    def child_paths(self):
        if not self.xml:
            return list(self.children)
        return [path for path in self.seen if path in self.repeated and path in self.groups]

    def tables(self):
        """[(chain of child paths, label, raw column names)], the record's own table first."""
        in_order = self.child_paths()
        children = sorted(in_order, key=len)
        child_set = set(children)
        covered = Counter()
        for path in self.leaves:
            for size in range(1, len(path)):
                covered[path[:size]] += 1
        columns = {(): {}}
        for child in in_order:
            columns[self._chain(child, children)] = {}
        for path, filled in self.leaves.items():
            if not self.xml and path in child_set:
                continue  # a scalar where other records have objects: read as a row problem
            element = path[:-1] if self.xml and path[-1] == TEXT else path
            if not filled and covered[element] > (len(path) > len(element)):
                continue  # empty here, an object elsewhere: its keys are the columns
            chain = self._chain(path, children, proper=True)
            base = chain[-1] if chain else ()
            tag = base[-1] if base else self.tag
            columns[chain][_column_name(path[len(base) :], tag, self.xml)] = None
        return [(chain, self._label(chain), list(names)) for chain, names in columns.items()]

    @staticmethod
    def _chain(path, children, proper=False):
        size = len(path) - 1 if proper else len(path)
        return tuple(c for c in children if len(c) <= size and path[: len(c)] == c)

    def _label(self, chain):
        parts, base = [], ()
        for child in chain:
            relative = child[len(base) :]
            if self.xml and len(relative) > 1 and child[:-1] not in self.impure:
                relative = relative[:-1]  # <contacts><contact/>...</contacts> is 'contacts'
            parts.append(".".join(relative))
            base = child
        return ".".join(parts)


def _column_name(relative, tag, xml):
    if xml:
        parts = [part.removeprefix("@") for part in relative if part != TEXT]
    else:
        parts = [ESCAPED_BYTES.sub("\ufffd", part) for part in relative]
    name = ".".join(parts)
    return name if name.strip() else (tag if xml else "value")


def _discover_json(layout, node, path=(), depth=1):
    """Note the columns and child paths of one JSON object (a record or a child)."""
    for key, value in node.items():
        sub = path + (key,)
        if isinstance(value, dict | list) and value and depth >= NEST_MAX_DEPTH:
            layout.leaf(sub, True)
        elif isinstance(value, dict):
            if value:
                _discover_json(layout, value, sub, depth + 1)
            else:
                layout.leaf(sub, False)
        elif isinstance(value, list) and any(isinstance(item, dict) for item in value):
            layout.children.setdefault(sub)
            for item in value:
                if isinstance(item, dict):
                    _discover_json(layout, item, sub, depth + 1)
        elif isinstance(value, list):
            layout.leaf(sub, any(_json_text(item) for item in value))
        else:
            layout.leaf(sub, bool(_json_text(value)))


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _xml_parts(element):
    """An element's own leaves [(segment, text)] and its child elements [(name, element)]."""
    leaves = [
        ("@" + _local(key), value.strip())
        for key, value in element.attrib.items()
        if not key.startswith(XSI)
    ]
    kids = [(_local(kid.tag), kid) for kid in element if isinstance(kid.tag, str)]
    text = ((element.text or "") + "".join(kid.tail or "" for kid in element)).strip()
    if (kids and text) or (not kids and (text or not leaves)):
        leaves.append((TEXT, text))
    return leaves, kids


def _deep_text(element):
    return " ".join(t.strip() for t in element.itertext() if t.strip())


def _discover_xml(layout, element, path=(), depth=1):
    """Note the columns and the repeated element groups of one XML element."""
    leaves, kids = _xml_parts(element)
    for segment, text in leaves:
        layout.leaf(path + (segment,), bool(text))
    if path:
        if kids or any(segment != TEXT for segment, _text in leaves):
            layout.groups.add(path)
        if len(leaves) or len({name for name, _kid in kids}) > 1:
            layout.impure.add(path)
    counts = Counter()
    for name, kid in kids:
        sub = path + (name,)
        counts[sub] += 1
        layout.seen.setdefault(sub)
        if depth >= NEST_MAX_DEPTH:
            layout.leaf(sub + (TEXT,), bool(_deep_text(kid)))
        else:
            _discover_xml(layout, kid, sub, depth + 1)
    layout.repeated.update(sub for sub, count in counts.items() if count > 1)


@dataclass
class _Flat:
    """One row being built: its table (chain), number, raw columns and problems."""

    chain: tuple
    number: int
    where: str
    values: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)


class _Emitter:
    """The rows a top-level record makes in its table and in its child tables.

    Child rows are numbered 1, 2... in their table, in file order, and carry
    ``_parent_id``: the parent's id, or its row number when it has none.
    """

    def __init__(self, layout, names, encoding=None):
        self.layout = layout
        self.children = set(layout.child_paths())
        self.names = names  # chain -> table name
        self.encoding = encoding
        self.counts = Counter()

    def record(self, number, where, value, issue=None):
        flat = _Flat((), number, where)
        out = [flat]
        if issue is not None:
            self._problem(flat, issue[0], issue[1])
        elif self.layout.xml:
            later = []
            self._fill_xml(flat, value, (), 1, later)
            self._children(out, flat, later, 1, where)
        elif isinstance(value, dict):
            later = []
            self._fill_json(flat, value, (), 1, later)
            self._children(out, flat, later, 1, where)
        else:
            self._not_an_object(flat, value)
        return out

    def _problem(self, flat, code, message, column=None):
        where = "%s, %s" % (self.names.get(flat.chain, "?"), flat.where)
        if column is not None:
            where += ", column %r" % column
        flat.problems.append(
            Problem(
                code,
                "%s: %s" % (where, message),
                file=self.names.get(flat.chain),
                row=flat.number,
                column=column,
            )
        )

    def _not_an_object(self, flat, value):
        self._problem(
            flat,
            "not_an_object",
            "%s, not an object (%s); it has no columns to read" % (_kind(value), _shown(value)),
        )

    def _leaf(self, flat, path, text):
        """Set (or join with '; ') the column of ``path``; return the column name."""
        base = flat.chain[-1] if flat.chain else ()
        tag = base[-1] if base else self.layout.tag
        column = _column_name(path[len(base) :], tag, self.layout.xml)
        if self.encoding and ESCAPED_BYTES.search(text):
            raw = bytes(ord(c) - 0xDC00 for c in "".join(ESCAPED_BYTES.findall(text)))
            codec = self.encoding.removesuffix("-sig")
            text = text.encode(codec, errors="surrogateescape").decode(codec, errors="replace")
            flat.problems.append(
                _undecodable(self.names[flat.chain], flat.number, column, codec, raw)
            )
        old = flat.values.get(column)
        text = "%s; %s" % (old, text) if old and text else (old or text)
        if len(text) > limits.FIELD_LIMIT:
            self._problem(
                flat,
                "too_large",
                "a value of %s characters, more than %s; it was cut to %s"
                % (len(text), limits.FIELD_LIMIT, limits.FIELD_LIMIT),
                column,
            )
            text = text[: limits.FIELD_LIMIT]
        flat.values[column] = text
        return column

    def _too_deep(self, flat, path, text):
        column = self._leaf(flat, path, text)
        self._problem(
            flat,
            "too_deep",
            "nested more than %s levels; what is deeper was kept as text in this column"
            % NEST_MAX_DEPTH,
            column,
        )

    def _fill_json(self, flat, node, path, depth, later):
        for key, value in node.items():
            sub = path + (key,)
            if sub in self.children:
                later.append((sub, value))
            elif isinstance(value, dict | list) and value and depth >= NEST_MAX_DEPTH:
                self._too_deep(flat, sub, _dump(value))
            elif isinstance(value, dict):
                if value:
                    self._fill_json(flat, value, sub, depth + 1, later)
                else:
                    self._leaf(flat, sub, "")
            elif isinstance(value, list) and any(isinstance(item, dict) for item in value):
                column = self._leaf(flat, sub, _dump(value))  # the file changed since
                self._problem(
                    flat,
                    "unexpected_key",
                    "a list of objects that the first reading did not have; "
                    "it was kept as JSON text",
                    column,
                )
            elif isinstance(value, list):
                self._leaf(flat, sub, "; ".join(_json_text(item) for item in value))
            else:
                self._leaf(flat, sub, _json_text(value))

    def _fill_xml(self, flat, element, path, depth, later):
        leaves, kids = _xml_parts(element)
        for segment, text in leaves:
            self._leaf(flat, path + (segment,), text)
        for name, kid in kids:
            sub = path + (name,)
            if sub in self.children:
                later.append((sub, kid))
            elif depth >= NEST_MAX_DEPTH:
                self._too_deep(flat, sub + (TEXT,), _deep_text(kid))
            else:
                self._fill_xml(flat, kid, sub, depth + 1, later)

    def _children(self, out, parent, later, depth, top_where):
        parent_id = next((parent.values[k] for k in ID_KEYS if parent.values.get(k)), None)
        parent_id = parent_id or str(parent.number)
        for path, value in later:
            chain = parent.chain + (path,)
            if self.layout.xml:
                items = [value]
            elif isinstance(value, list):
                items = value
            else:
                items = [] if value is None or value in ("", {}) else [value]
            for item in items:
                self.counts[chain] += 1
                number = self.counts[chain]
                flat = _Flat(chain, number, "row %s (%s)" % (number, top_where))
                flat.values[PARENT_ID] = parent_id
                out.append(flat)
                inner = []
                if self.layout.xml:
                    self._fill_xml(flat, item, path, depth + 1, inner)
                elif isinstance(item, dict):
                    self._fill_json(flat, item, path, depth + 1, inner)
                else:
                    self._not_an_object(flat, item)
                self._children(out, flat, inner, depth + 1, top_where)


@dataclass
class _RecordKind:
    """One kind of record of a structured file: what makes its tables and streams it."""

    label: str  # '' for the file's only kind, else the records key or the record tag
    object_name: str
    layout: _Layout
    detected: dict
    records: Callable  # () -> iterator of (number, where, value, (code, message) or None)
    encoding: str = None  # of the text, for undecodable bytes (JSON)


def _structured_tables(name, file_type, kinds):
    """The tables of a JSON or XML file: per kind of record, its own and its child tables."""
    tables = []
    taken = set()
    for kind in kinds:
        layout_tables = kind.layout.tables()
        names, objects = {}, {}
        for chain, label, _columns in layout_tables:
            full = ".".join(part for part in (kind.label, label) if part)
            table_name = base = "%s:%s" % (name, full) if full else name
            count = 2
            while table_name in taken:
                table_name, count = "%s (%s)" % (base, count), count + 1
            taken.add(table_name)
            names[chain] = table_name
            objects[chain] = _object_name(".".join(p for p in (kind.object_name, label) if p))
        for chain, label, columns in layout_tables:
            raw = ([PARENT_ID] if chain else []) + columns
            table_name = names[chain]
            headers, problems = clean_headers(raw, table_name, False) if raw else ([], [])
            detected = dict(kind.detected)
            if chain:
                for key in ("records", "metadata"):
                    detected.pop(key, None)
                detected["parent"] = objects[chain[:-1]]
                detected["child_key"] = label
            table = SourceTable(
                table_name,
                objects[chain],
                file_type,
                headers=headers,
                detected=detected,
                problems=problems,
            )
            mapping = dict(zip(raw, headers, strict=False))
            table._read_rows = partial(_structured_rows, kind, names, chain, headers, mapping)
            tables.append(table)
    return tables


def _structured_rows(kind, names, chain, headers, mapping):
    emitter = _Emitter(kind.layout, names, kind.encoding)
    for number, where, value, issue in kind.records():
        for flat in emitter.record(number, where, value, issue):
            if flat.chain == chain:
                yield _structured_row(flat, headers, mapping, names[chain])


def _structured_row(flat, headers, mapping, table_name):
    values = dict.fromkeys(headers, "")
    problems = flat.problems
    for column, text in flat.values.items():
        header = mapping.get(column)
        if header is not None:
            values[header] = text
        elif text:  # a key the first reading did not see (the file changed): kept
            values[column] = text
            problems.append(
                Problem(
                    "unexpected_key",
                    "%s, %s, column %r: a key the first reading of the file did not have; "
                    "its value is kept but has no column" % (table_name, flat.where, column),
                    file=table_name,
                    row=flat.number,
                    column=column,
                )
            )
    for problem in problems:
        problem.column = mapping.get(problem.column, problem.column)
    return SourceRow(flat.number, values, problems)


def _metadata_add(metadata, key, text):
    if len(metadata) < METADATA_MAX:
        metadata[key] = text if len(text) <= limits.FIELD_LIMIT else text[: limits.FIELD_LIMIT]
