#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Converts a folder tree of 8-bit PNG images to binary PPM (P6) and back, for
pluvia-models-train on machines that have LibTorch but no image libraries. Standard library only.

    bench/png_ppm.py to-ppm WORKSPACE/datasets/synthetic /tmp/pack/synthetic
    bench/png_ppm.py to-png /tmp/derained-ppm /tmp/derained-png

to-ppm mirrors the tree (rain/, norain/, ...) and writes a paired dataset's rain directions from
its manifest.json as directions.txt ("NAME.ppm DEGREES" per line). Grey, grey+alpha, RGB and RGBA
PNGs of 8 bits without interlacing are read (alpha is dropped); anything else is refused with the
file's name.
"""
import json
import os
import struct
import sys
import zlib

CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # PNG colour type -> samples per pixel


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def unfilter(data, width, height, bpp):
    """PNG's five scanline filters (PNG specification §9) undone, rows of width*bpp bytes."""
    stride = width * bpp
    rows, previous, at = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = data[at], bytearray(data[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = previous[i]
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 255
            elif kind == 4:
                line[i] = (line[i] + paeth(left, up, previous[i - bpp] if i >= bpp else 0)) & 255
            elif kind != 0:
                raise ValueError("unknown scanline filter %d" % kind)
        rows.append(line)
        previous = line
    return rows


def read_png(path):
    """(width, height, RGB bytes) of an 8-bit non-interlaced PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("%s: not a PNG file" % path)
    at, idat, header = 8, [], None
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        at += 12 + length
    if header is None:
        raise ValueError("%s: no IHDR chunk" % path)
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in CHANNELS or interlace:
        raise ValueError("%s: only 8-bit grey/RGB(A) PNGs without interlacing are read "
                         "(depth %d, colour type %d, interlace %d)" % (path, depth, colour,
                                                                        interlace))
    bpp = CHANNELS[colour]
    try:
        rows = unfilter(zlib.decompress(b"".join(idat)), width, height, bpp)
    except (zlib.error, IndexError) as error:
        raise ValueError("%s: damaged image data (%s)" % (path, error))
    rgb = bytearray()
    for row in rows:
        if bpp >= 3:
            rgb += b"".join(bytes(row[i:i + 3]) for i in range(0, len(row), bpp))
        else:
            rgb += b"".join(bytes((row[i],) * 3) for i in range(0, len(row), bpp))
    return width, height, bytes(rgb)


def write_png(path, width, height, rgb):
    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    stride = width * 3
    raw = b"".join(b"\x00" + rgb[y * stride:(y + 1) * stride] for y in range(height))
    write_atomically(path, b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def read_ppm(path):
    with open(path, "rb") as f:
        data = f.read()
    fields, at = [], 0
    while len(fields) < 4:
        while data[at:at + 1].isspace():
            at += 1
        if data[at:at + 1] == b"#":
            at = data.index(b"\n", at)
            continue
        end = at
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[at:end])
        at = end
    if fields[0] != b"P6" or fields[3] != b"255":
        raise ValueError("%s: not an 8-bit binary PPM" % path)
    width, height = int(fields[1]), int(fields[2])
    rgb = data[at + 1:at + 1 + width * height * 3]
    if len(rgb) != width * height * 3:
        raise ValueError("%s: ends before its %d×%d pixels do" % (path, width, height))
    return width, height, rgb


def write_atomically(path, payload):
    temporary = path + ".part"
    with open(temporary, "wb") as f:
        f.write(payload)
    os.replace(temporary, path)


def convert(source, target, suffix_in, suffix_out, read, write):
    count = 0
    for folder, _, files in os.walk(source):
        relative = os.path.relpath(folder, source)
        if any(part.startswith(".") for part in relative.split(os.sep) if part != "."):
            continue  # the demo's staging folder and other hidden ones
        out_folder = os.path.join(target, relative)
        os.makedirs(out_folder, exist_ok=True)
        for name in sorted(files):
            if name.lower().endswith(suffix_in):
                width, height, rgb = read(os.path.join(folder, name))
                write(os.path.join(out_folder, name[:-len(suffix_in)] + suffix_out), width,
                      height, rgb)
                count += 1
        manifest = os.path.join(folder, "manifest.json")
        if suffix_out == ".ppm" and os.path.exists(manifest):
            with open(manifest) as f:
                samples = json.load(f).get("samples", [])
            lines = ["%s %r\n" % (os.path.basename(s["rainy"])[:-len(suffix_in)] + suffix_out,
                                  s["direction_deg"])
                     for s in samples if s.get("direction_deg") is not None]
            if lines:
                write_atomically(os.path.join(out_folder, "directions.txt"),
                                 "".join(lines).encode())
    return count


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("to-ppm", "to-png"):
        sys.exit(__doc__)
    mode, source, target = sys.argv[1:]
    try:
        if mode == "to-ppm":
            count = convert(source, target, ".png", ".ppm", read_png,
                            lambda p, w, h, rgb: write_atomically(
                                p, b"P6\n%d %d\n255\n" % (w, h) + rgb))
        else:
            count = convert(source, target, ".ppm", ".png", read_ppm, write_png)
    except (OSError, ValueError) as error:
        sys.exit("png_ppm.py: %s" % error)
    print("%d images converted into %s" % (count, target))


if __name__ == "__main__":
    main()
