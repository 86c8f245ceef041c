"""A bar chart of the project funnel as PNG, drawn without a browser or matplotlib: a tiny PNG writer
(zlib + struct). Labels go in the table beside it; the bars are in stage order 考察→投产."""

import struct
import zlib

WIDTH, HEIGHT, MARGIN, GAP = 600, 260, 20, 16
COLOURS = [(0x1D, 0x4F, 0x91), (0x3A, 0x6F, 0xB0), (0xC5, 0x8A, 0x1B), (0xC0, 0x39, 0x2B), (0x8E, 0x14, 0x14)]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def bar_chart_png(values: list[int]) -> bytes:
    """Horizontal bars (a funnel read top-down), one per value, scaled to the largest."""
    pixels = [[(255, 255, 255)] * WIDTH for _ in range(HEIGHT)]
    top = max(values) if values and max(values) > 0 else 1
    bar_h = (HEIGHT - 2 * MARGIN - GAP * (len(values) - 1)) // max(len(values), 1)
    for i, value in enumerate(values):
        length = int((WIDTH - 2 * MARGIN) * value / top)
        left = (WIDTH - length) // 2  # centred: the bars narrow like a funnel
        y0 = MARGIN + i * (bar_h + GAP)
        colour = COLOURS[i % len(COLOURS)]
        for y in range(y0, y0 + bar_h):
            row = pixels[y]
            for x in range(left, left + max(length, 2 if value else 0)):
                row[x] = colour
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in pixels)
    header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 6))
        + _chunk(b"IEND", b"")
    )
