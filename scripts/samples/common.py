"""What the sample generators share: writing files, Markdown tables, small valid files
(PNG, PDF) that are the same bytes on every run."""

import struct
import zlib


def write(path, data):
    """Write text (UTF-8) or bytes, making the folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def md_table(header, rows):
    """A Markdown table for a sample's README."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def png(width, height, pixel):
    """An RGB PNG whose pixel (x, y) is ``pixel(x, y)``, an (r, g, b) tuple; stored
    deflate, so that every zlib gives the same bytes."""
    rows = []
    for y in range(height):
        pixels = bytearray()
        for x in range(width):
            pixels += bytes(pixel(x, y))
        rows.append(b"\x00" + bytes(pixels))

    def chunk(tag, data):
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 0))
        + chunk(b"IEND", b"")
    )


def tiny_pdf(lines):
    """A one-page PDF 1.4 with a correct xref table (ASCII text, no parentheses)."""
    text = b"BT /F1 12 Tf 72 770 Td 16 TL " + b" ".join(
        b"(%s) Tj T*" % line.encode("ascii") for line in lines
    )
    text += b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
