#!/usr/bin/env python3
"""Draws the app icons Teams requires: color.png (192x192, full colour) and
outline.png (32x32, white on transparent). Standard library only."""
import struct
import zlib
from pathlib import Path

BLUE = (0, 51, 160, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def png(width, height, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def speech_bubble(size, x, y):
    """Where (x, y) falls: 'ring' (bubble edge), 'inside', 'letter' (the i) or None, on a size x size grid."""
    u, v = (x + 0.5) / size, (y + 0.5) / size
    cx, cy, r = 0.5, 0.45, 0.36
    d = ((u - cx) ** 2 + (v - cy) ** 2) ** 0.5
    tail = 0.62 <= v <= 0.9 and 0.26 <= u <= 0.42 and (u - 0.26) <= (0.9 - v) * 0.6
    stem = abs(u - cx) <= 0.045 and 0.40 <= v <= 0.62
    dot = ((u - cx) ** 2 + (v - 0.29) ** 2) ** 0.5 <= 0.055
    if stem or dot:
        return "letter"
    if d <= r - 0.07:
        return "inside"
    if d <= r or tail:
        return "ring"
    return None


def color_pixel(x, y):
    return BLUE if speech_bubble(192, x, y) in (None, "letter") else WHITE


def outline_pixel(x, y):
    return WHITE if speech_bubble(32, x, y) in ("ring", "letter") else CLEAR


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    (here / "color.png").write_bytes(png(192, 192, color_pixel))
    (here / "outline.png").write_bytes(png(32, 32, outline_pixel))
    print("wrote color.png (192x192) and outline.png (32x32)")
