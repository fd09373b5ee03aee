"""Text files: their encoding (BOMs, UTF-16/32 without one, UTF-8, cp1251, cp1252) and
binary content that is no text export at all."""

import codecs
import io
import re
from collections import Counter
from dataclasses import dataclass

import chardet

from ..errors import Problem
from .base import (
    CONTROL,
    ESCAPED_BYTES,
    SCAN_CHUNK,
    SNIFF_BYTES,
    _empty_problem,
    _head,
    _open_binary,
)

SCAN_BYTES = 64 * 1024 * 1024
CYRILLIC_CHARSETS = {"windows-1251", "maccyrillic", "koi8-r", "iso-8859-5", "ibm866", "ibm855"}
WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


WIDE_SAMPLE = 4096  # bytes looked at to recognise UTF-16 or UTF-32 without a BOM
WIDE_MIN_ZEROS = 4  # ASCII characters (zero high bytes) it takes to call a text UTF-16
SIGNATURES = (
    (b"PK\x03\x04", "a ZIP archive or an XLSX workbook"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an Office file (an old .xls, or an encrypted one)",
    ),
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


BINARY_BYTES = re.compile(rb"[\x01-\x08\x0e-\x1f]")


@dataclass
class _Scan:
    """What a pass over the first SCAN_BYTES of a text file found."""

    bom: bool = False
    content: bool = False
    utf8_errors: int = 0
    utf8_multibyte: int = 0
    window: bytes = b""


def _scan(source):
    """Count valid and invalid UTF-8 in the head of the file, streaming.

    ``window`` keeps SNIFF_BYTES from just before the first non-ASCII byte for
    chardet (which can only say 'ascii' about the ASCII start of a file).
    """
    scan = _Scan()
    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    with _open_binary(source) as stream:
        chunk = stream.read(SCAN_CHUNK)
        scan.bom = chunk.startswith(codecs.BOM_UTF8)
        chunk = chunk.removeprefix(codecs.BOM_UTF8)
        read = 0
        while chunk and read < SCAN_BYTES:
            read += len(chunk)
            scan.content = scan.content or bool(chunk.strip())
            if not scan.window:
                high = re.search(rb"[\x80-\xff]", chunk)
                if high:
                    start = max(high.start() - 1024, 0)
                    scan.window = chunk[start : start + SNIFF_BYTES]
            text = decoder.decode(chunk)
            errors = sum(map(len, ESCAPED_BYTES.findall(text)))  # a real U+FFFD is no error
            scan.utf8_errors += errors
            scan.utf8_multibyte += len(text) - len(text.encode("ascii", "ignore")) - errors
            chunk = stream.read(SCAN_CHUNK)
    return scan


def detect_encoding(scan):
    """'utf-8-sig', 'utf-8', 'cp1251' or 'cp1252'.

    UTF-8 when the head decodes, or when valid multi-byte characters outnumber a
    few stray bytes (those cells are then reported, see ``_decode_cells``). A
    file of ASCII plus a few high bytes is a legacy encoding: chardet decides
    between Cyrillic (cp1251) and Western (cp1252).
    """
    if scan.bom:
        return "utf-8-sig"
    errors, multibyte = scan.utf8_errors, scan.utf8_multibyte
    if not errors or (multibyte and (errors <= 3 or errors * 20 <= multibyte)):
        return "utf-8"
    guess = (chardet.detect(scan.window).get("encoding") or "").lower()
    if guess in CYRILLIC_CHARSETS and _decodes(scan.window, "cp1251"):
        return "cp1251"
    return "cp1252"


def _decodes(data, encoding):
    try:
        data.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def _is_wide(encoding):
    return encoding.startswith(("utf-16", "utf-32"))


def _wide_candidate(sample):
    """The UTF-16 or UTF-32 byte order the zero bytes of ``sample`` point to, if any.

    Delimiters, digits and line ends are ASCII in any export: in UTF-32 the two
    high bytes of nearly every character are zero, in UTF-16 the high byte of
    nearly every character is one of a few values (0 for ASCII, 4 for Cyrillic...).
    """
    quarter = len(sample) // 4
    zeros = [sample[i::4].count(0) for i in range(4)]
    if zeros[2] >= 0.9 * quarter and zeros[3] >= 0.9 * quarter and zeros[0] < quarter / 2:
        return "utf-32-le"
    if zeros[0] >= 0.9 * quarter and zeros[1] >= 0.9 * quarter and zeros[3] < quarter / 2:
        return "utf-32-be"
    even, odd = zeros[0] + zeros[2], zeros[1] + zeros[3]
    high = None
    if odd >= 9 * even:
        candidate, high = "utf-16-le", sample[1::2]
    elif even >= 9 * odd:
        candidate, high = "utf-16-be", sample[0::2]
    if high is None or high.count(0) < WIDE_MIN_ZEROS:
        return None
    common = Counter(high).most_common(3)
    if 0 not in dict(common) or sum(n for _b, n in common) < 0.9 * len(high):
        return None
    return candidate


def _wide_encoding(head):
    """'utf-16-le', 'utf-16-be', 'utf-32-le' or 'utf-32-be' for a text without BOM, else None."""
    sample = head[:WIDE_SAMPLE]
    sample = sample[: len(sample) - len(sample) % 4]
    if b"\x00" not in sample:
        return None
    candidate = _wide_candidate(sample)
    if candidate is None:
        return None
    try:
        text = codecs.getincrementaldecoder(candidate)().decode(sample, False)
    except UnicodeDecodeError:
        return None
    if not text or len(CONTROL.findall(text)) * 100 > len(text):
        return None
    return candidate


def _binary_reason(head):
    """Why ``head`` is not the start of a text export, or None when it may be one."""
    for signature, what in SIGNATURES:
        if head.startswith(signature):
            return "it is %s" % what
    if not head:
        return None
    nul = head.count(0)
    if nul * 10 > len(head):
        return "%s of its first %s bytes are NUL bytes" % (nul, len(head))
    controls = len(BINARY_BYTES.findall(head))
    if controls >= 8 and controls * 100 > len(head):
        return "%s of its first %s bytes are control bytes" % (controls, len(head))
    return None


def _not_text(name, reason):
    return Problem(
        "not_text",
        "%s: not a text export (%s); export the data again as CSV, JSON or XML, or upload "
        "the file with its own extension" % (name, reason),
        file=name,
        blocking=True,
    )


def _text_encoding(name, source):
    """(encoding, None) of a text file, or (None, a blocking problem): empty, or not text."""
    head = _head(source)
    encoding = next((enc for bom, enc in WIDE_BOMS if head.startswith(bom)), None)
    encoding = encoding or _wide_encoding(head)
    if encoding:
        blank = not head.decode(encoding, errors="replace").strip(" \t\r\n\ufeff\x00")
        if blank and len(head) < SNIFF_BYTES:
            return None, _empty_problem(name)
        return encoding, None
    reason = _binary_reason(head)
    if reason:
        return None, _not_text(name, reason)
    scan = _scan(source)
    if not scan.content:
        return None, _empty_problem(name)
    return detect_encoding(scan), None


def _text_stream(source, encoding, newline):
    """The decoded text of a source: undecodable bytes escaped (wide encodings: U+FFFD)."""
    errors = "replace" if _is_wide(encoding) else "surrogateescape"
    return io.TextIOWrapper(
        _open_binary(source), encoding=encoding, errors=errors, newline=newline
    )
