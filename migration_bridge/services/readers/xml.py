"""XML whose records are repeated elements; no DOCTYPE, no entities, no network."""

import codecs
import re
from collections import Counter
from functools import partial

from lxml import etree

from ..errors import Problem, SourceError
from .base import SNIFF_BYTES, _blocked_table, _empty_table, _head, _open_binary, object_name_for
from .structured import (
    XSI,
    _discover_xml,
    _Layout,
    _local,
    _metadata_add,
    _RecordKind,
    _structured_tables,
)
from .text import WIDE_BOMS, _binary_reason, _not_text, _wide_encoding

XML_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.S)
XML_PROLOG_BYTES = 1024 * 1024
XML_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}


class _XmlRefused(Exception):  # noqa: N818 - carries the problem to report
    def __init__(self, problem):
        super().__init__(problem.message)
        self.problem = problem


def _xml_declares_doctype(source):
    """True if a DOCTYPE comes before the root element (it could declare entities).

    The prolog (declaration, comments, processing instructions) is skipped for
    up to XML_PROLOG_BYTES; past that the parse itself refuses a DOCTYPE.
    """
    with _open_binary(source) as stream:
        head = stream.read(4)
        utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        decoder = codecs.getincrementaldecoder("utf-16" if utf16 else "latin-1")()
        text = decoder.decode(head).removeprefix("\xef\xbb\xbf")
        read = len(head)
        while True:
            pos = 0
            while match := XML_PROLOG_ITEM.match(text, pos):
                if match.end() == pos:
                    break
                pos = match.end()
            text = text[pos:]
            if text.startswith("<!DOCTYPE"):
                return True
            if text and not (text.startswith(("<!--", "<?")) or "<!DOCTYPE".startswith(text)):
                return False
            chunk = stream.read(SNIFF_BYTES)
            read += len(chunk)
            if not chunk or read > XML_PROLOG_BYTES:
                return False
            text += decoder.decode(chunk)


def _unsafe_xml(name):
    return Problem(
        "unsafe_xml",
        "%s: the file declares a DOCTYPE (entities or an external DTD that could expand "
        "without end or read other files); it was not read; export it without a DOCTYPE" % name,
        file=name,
        row=1,
        blocking=True,
    )


def _xml_error(name, error, log=()):
    """A blocking problem naming the line and column of the parser's first error."""
    entries = [entry for entry in log if entry.level >= etree.ErrorLevels.ERROR]
    if entries:
        line, column, message = entries[0].line, entries[0].column, entries[0].message
    else:
        line, column = getattr(error, "position", None) or (None, None)
        message = getattr(error, "msg", None) or str(error)
    message = re.sub(r", line \d+, column \d+$", "", message)
    where = "%s, line %s, column %s" % (name, line, column) if line else name
    return Problem(
        "bad_file",
        "%s: not well-formed XML (%s); fix the file or export it again" % (where, message),
        file=name,
        row=line or None,
        blocking=True,
    )


def _xml_events(name, source):
    """(event, element) of a streamed parse: no entities, no network, no DTD, depth-limited.

    Raises _XmlRefused for a DOCTYPE, _XmlRefused with a bad_file problem when
    the XML is not well-formed.
    """
    with _open_binary(source) as stream:
        events = etree.iterparse(stream, events=("start", "end"), **XML_OPTIONS)
        first = True
        try:
            for event, element in events:
                if first:
                    first = False
                    if element.getroottree().docinfo.doctype:
                        raise _XmlRefused(_unsafe_xml(name))
                yield event, element
        except etree.LxmlError as error:
            raise _XmlRefused(_xml_error(name, error, events.error_log)) from None


def _release(element):
    """Free an element that was read, and its previous siblings."""
    element.clear()
    while element.getprevious() is not None:
        del element.getparent()[0]


def _xml_record_paths(name, source):
    """First pass: the paths of the repeated elements that are records, and the encoding.

    A path repeated under one parent is a candidate; the shallowest ones win (the
    root's children first), and nothing inside a record is a record of its own.
    With no repetition at all, the root element is the one record.
    """
    stack, first_seen, candidates = [], {}, {}
    encoding, root = None, None
    for event, element in _xml_events(name, source):
        if event == "start":
            path = stack[-1][0] + (element.tag,) if stack else (element.tag,)
            if stack:
                stack[-1][1][element.tag] += 1
            else:
                root = path
                encoding = element.getroottree().docinfo.encoding
            first_seen.setdefault(path, len(first_seen))
            stack.append((path, Counter()))
        else:
            path, counts = stack.pop()
            for tag, count in counts.items():
                if count > 1:
                    candidates.setdefault(path + (tag,), None)
            _release(element)
    chosen = []
    for path in sorted(candidates, key=lambda p: (len(p), first_seen[p])):
        if not any(path[: len(other)] == other for other in chosen):
            chosen.append(path)
    chosen.sort(key=first_seen.get)
    try:
        encoding = codecs.lookup(encoding or "utf-8").name
    except LookupError:
        pass
    return chosen or [root], encoding


def _xml_walk(name, source, record_paths):
    """(record path, element) of each record, other elements released as they end.

    Also yields (None, (metadata key, text)) for the values outside the records.
    """
    record_paths = set(record_paths)
    stack, inside = [], 0
    for event, element in _xml_events(name, source):
        if event == "start":
            path = stack[-1][0] + (element.tag,) if stack else (element.tag,)
            if stack:
                stack[-1][1] = True
            stack.append([path, False])
            if path in record_paths:
                inside += 1
            elif not inside:
                dotted = ".".join(_local(tag) for tag in path)
                for key, value in element.attrib.items():
                    if not key.startswith(XSI):
                        yield None, ("%s.%s" % (dotted, _local(key)), value.strip())
            continue
        path, has_children = stack.pop()
        if path in record_paths:
            inside -= 1
            yield path, element
        elif inside:
            continue
        elif not has_children and (element.text or "").strip():
            yield None, (".".join(_local(tag) for tag in path), element.text.strip())
        _release(element)


def _xml_records(name, source, record_paths, path):
    """Second pass: (number, where, element, None) of the records at ``path``."""
    number = 0
    try:
        for found, element in _xml_walk(name, source, record_paths):
            if found == path:
                number += 1
                yield number, "record %s" % number, element, None
    except _XmlRefused as refused:
        problem = refused.problem
        raise SourceError(problem.message, file=name, row=problem.row, code=problem.code) from None


def read_xml(name, source):
    """XML whose records are repeated elements (one table per repeated element).

    ``detected`` holds the format, the encoding, the record tag, the path of the
    records from the root, their number and the values found outside them.
    """
    head = _head(source)
    if not head.removeprefix(codecs.BOM_UTF8).strip():
        return [_empty_table(name, "xml")]
    wide = any(head.startswith(bom) for bom, _enc in WIDE_BOMS) or _wide_encoding(head)
    reason = None if wide else _binary_reason(head)
    if reason:
        return [_blocked_table(name, "xml", _not_text(name, reason))]
    detected = {"format": "xml"}
    if _xml_declares_doctype(source):
        return [_blocked_table(name, "xml", _unsafe_xml(name), detected)]
    try:
        record_paths, encoding = _xml_record_paths(name, source)
        detected["encoding"] = encoding
        layouts = {path: _Layout(True, _local(path[-1])) for path in record_paths}
        metadata = {}
        for path, element in _xml_walk(name, source, record_paths):
            if path is None:
                _metadata_add(metadata, *element)
            else:
                layouts[path].records += 1
                _discover_xml(layouts[path], element)
    except _XmlRefused as refused:
        return [_blocked_table(name, "xml", refused.problem, detected)]
    labels = [_local(path[-1]) for path in record_paths]
    if len(set(labels)) < len(labels):
        labels = [".".join(_local(tag) for tag in path[1:]) for path in record_paths]
    kinds = []
    for path, label in zip(record_paths, labels, strict=True):
        several = len(record_paths) > 1
        found = dict(
            detected,
            record_tag=_local(path[-1]),
            records_path="/".join(_local(tag) for tag in path),
            records=layouts[path].records,
        )
        if metadata:
            found["metadata"] = metadata
        kinds.append(
            _RecordKind(
                label if several else "",
                label if several else object_name_for(name),
                layouts[path],
                found,
                partial(_xml_records, name, source, record_paths, path),
            )
        )
    return _structured_tables(name, "xml", kinds)
