#!/usr/bin/env python3
"""A tile server of sample tiles on 127.0.0.1, for demonstrations and tests with no network.

Each tile is a 256-pixel PNG: a pale green that changes a little from tile to tile, a thin grid
every 64 pixels and the tile's border, so that a map drawn on them is plainly a sample
and plainly made of tiles. Nothing here is map data.

    python3 scripts/maps/sample_tiles.py [PORT]    # prints "serving on http://127.0.0.1:PORT"
    velay-server tiles build --site le-puy --data DATA --contact you@example.org \\
        --source 'http://127.0.0.1:PORT/{z}/{x}/{y}.png' \\
        --name 'Sample tiles' --attribution 'Sample tiles, not a map' --licence 'none (generated)'
"""

import http.server
import re
import struct
import sys
import zlib

SIZE = 256


def png(z, x, y):
    """The tile z/x/y as PNG bytes (RGB, 8 bits)."""
    shade = (x * 7 + y * 13 + z * 3) % 16
    paper = (206 - shade, 228 - shade // 2, 196 + shade // 2)
    grid = (176, 198, 168)
    edge = (140, 160, 130)
    rows = []
    for py in range(SIZE):
        row = bytearray([0])  # filter: none
        for px in range(SIZE):
            if px == 0 or py == 0:
                c = edge
            elif px % 64 == 0 or py % 64 == 0:
                c = grid
            else:
                c = paper
            row.extend(c)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


class Tiles(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        m = re.fullmatch(r"/(\d+)/(\d+)/(\d+)\.png", self.path)
        if not m:
            self.send_error(404)
            return
        body = png(*(int(g) for g in m.groups()))
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=86400")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Tiles)
    print(f"serving on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
