#!/usr/bin/env python3
"""Draws the example receipt logo, firmware_config/receipts/emblem.pbm: a
five-pointed star in a double ring, 1-bit, as a binary PBM (P4).

Drawn here rather than taken from anywhere, so it carries no one else's
artwork. 160 dots is 20 mm at 203 dpi: it fits 58 mm paper (384 dots) and
its left margin there and on 80 mm paper is a whole number of bytes.

    scripts/make_receipt_emblem.py firmware_config/receipts/emblem.pbm
"""

import math
import sys

WIDTH = 160
HEIGHT = 160
CENTRE = (WIDTH - 1) / 2


def star_points(radius, inner_ratio=0.382):
    """The ten corners of a star with one point straight up."""
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * inner_ratio
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((CENTRE + r * math.cos(angle), CENTRE + r * math.sin(angle)))
    return points


def inside(polygon, x, y):
    """Even-odd rule: a ray to the right crosses the edges an odd number of times."""
    crossings = 0
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            crossings += 1
    return crossings % 2 == 1


def black(x, y, star):
    distance = math.hypot(x - CENTRE, y - CENTRE)
    outer_ring = 72 <= distance <= 79
    inner_ring = 64 <= distance <= 66
    return outer_ring or inner_ring or inside(star, x, y)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_receipt_emblem.py OUT.pbm")
    star = star_points(56)
    rows = bytearray()
    for y in range(HEIGHT):
        for byte_index in range(WIDTH // 8):
            byte = 0
            for bit in range(8):
                if black(byte_index * 8 + bit, y, star):
                    byte |= 0x80 >> bit
            rows.append(byte)
    with open(sys.argv[1], "wb") as out:
        out.write(b"P4\n# kiosk receipt emblem (scripts/make_receipt_emblem.py)\n")
        out.write(f"{WIDTH} {HEIGHT}\n".encode())
        out.write(rows)


if __name__ == "__main__":
    main()
