"""Files built to break a reader, small on disk: a picture of 20000×20000 pixels, a PDF whose page
tree points to itself."""

from __future__ import annotations

import struct
import zlib


def huge_png(width: int = 20000, height: int = 20000) -> bytes:
    """A grey PNG of ``width``×``height`` blank pixels, a few hundred KB compressed."""
    row = b"\x00" + b"\x00" * width
    packer = zlib.compressobj(9)
    pixels = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


SELF_REFERENCING_PDF = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [2 0 R] /Count 1 >> endobj
trailer << /Root 1 0 R >>
%%EOF
"""
