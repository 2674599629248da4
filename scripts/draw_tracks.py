#!/usr/bin/env python3
"""Draws the sample tracks of routes-data by hand: each route is a short list of real places
(latitude, longitude, estimated elevation in metres) that this script joins with straight
lines and densifies to a point every ~40 m, elevation interpolated in between.

The tracks are NOT surveyed: every GPX says so in its metadata, route.toml has sample = true
and the app shows "sample track, not surveyed". Run from the project root:

    python3 scripts/draw_tracks.py            # rewrites routes-data/routes/<id>/track.gpx

Place coordinates are real to within a few tens of metres; elevations are estimates.
"""

import math
import os
from xml.sax.saxutils import escape

STEP_M = 40.0

# id: (name, [(lat, lon, ele), ...], out_and_back)
SKETCHES = {
    "puy-gr65-compostelle": ("Premiers pas sur le chemin de Compostelle (GR 65)", [
        (45.0424, 3.8917, 628), (45.0420, 3.8860, 630), (45.0437, 3.8838, 640), (45.0450, 3.8850, 670),
        (45.0457, 3.8855, 690), (45.0455, 3.8810, 662), (45.0440, 3.8770, 650), (45.0410, 3.8720, 680),
        (45.0370, 3.8660, 740), (45.0330, 3.8600, 800), (45.0290, 3.8540, 850), (45.0260, 3.8480, 880),
    ], True),
    "puy-stevenson-brives": ("Chemin de Stevenson : de la gare au vieux pont de Brives", [
        (45.0428, 3.8926, 628), (45.0440, 3.9000, 622), (45.0455, 3.9080, 615), (45.0465, 3.9150, 608),
        (45.0478, 3.9245, 598), (45.0450, 3.9262, 600), (45.0420, 3.9270, 601), (45.0360, 3.9250, 606),
        (45.0345, 3.9150, 640), (45.0340, 3.9050, 660), (45.0390, 3.8970, 640), (45.0428, 3.8926, 628),
    ], False),
    "puy-polignac": ("Espaly et la forteresse de Polignac", [
        (45.0428, 3.8926, 628), (45.0425, 3.8850, 632), (45.0455, 3.8790, 640), (45.0480, 3.8740, 645),
        (45.0515, 3.8683, 660), (45.0540, 3.8640, 652), (45.0590, 3.8610, 680), (45.0650, 3.8590, 720),
        (45.0700, 3.8600, 750), (45.0716, 3.8618, 790), (45.0700, 3.8640, 755), (45.0650, 3.8700, 690),
        (45.0580, 3.8760, 650), (45.0510, 3.8800, 640), (45.0470, 3.8860, 660), (45.0440, 3.8900, 632),
        (45.0428, 3.8926, 628),
    ], False),
    "chaise-dieu-abbaye": ("La Chaise-Dieu : l'abbaye et le tour du bourg", [
        (45.3222, 3.6990, 1080), (45.3226, 3.6977, 1082), (45.3229, 3.6983, 1082), (45.3260, 3.6930, 1090),
        (45.3300, 3.6960, 1100), (45.3290, 3.7050, 1085), (45.3230, 3.7080, 1070), (45.3170, 3.7040, 1065),
        (45.3160, 3.6950, 1075), (45.3200, 3.6920, 1085), (45.3222, 3.6990, 1080),
    ], False),
    "chaise-dieu-foret-nord": ("La Chaise-Dieu : la forêt du plateau", [
        (45.3222, 3.6990, 1080), (45.3260, 3.6930, 1090), (45.3350, 3.6850, 1110), (45.3450, 3.6800, 1125),
        (45.3520, 3.6900, 1110), (45.3480, 3.7050, 1095), (45.3380, 3.7120, 1080), (45.3290, 3.7080, 1075),
        (45.3222, 3.6990, 1080),
    ], False),
    "chaise-dieu-bois-sud": ("La Chaise-Dieu : les bois du sud", [
        (45.3222, 3.6990, 1080), (45.3170, 3.7040, 1065), (45.3100, 3.7100, 1050), (45.3020, 3.7050, 1040),
        (45.2990, 3.6930, 1045), (45.3060, 3.6850, 1060), (45.3150, 3.6880, 1075), (45.3222, 3.6990, 1080),
    ], False),
    "estables-mezenc": ("Le mont Mézenc depuis Les Estables", [
        (44.9036, 4.1556, 1345), (44.9060, 4.1650, 1400), (44.9085, 4.1760, 1520), (44.9120, 4.1810, 1660),
        (44.9150, 4.1835, 1753), (44.9180, 4.1760, 1610), (44.9150, 4.1650, 1460), (44.9080, 4.1580, 1370),
        (44.9036, 4.1556, 1345),
    ], False),
    "mezenc-gerbier": ("Du Mézenc au mont Gerbier de Jonc", [
        (44.9036, 4.1556, 1345), (44.8960, 4.1650, 1380), (44.8880, 4.1750, 1410), (44.8800, 4.1850, 1430),
        (44.8700, 4.1950, 1390), (44.8620, 4.2030, 1400), (44.8540, 4.2100, 1420), (44.8480, 4.2140, 1420),
        (44.8440, 4.2165, 1417), (44.8435, 4.2173, 1480), (44.8439, 4.2181, 1551), (44.8445, 4.2171, 1470),
        (44.8440, 4.2165, 1417),
    ], False),
    "gerbier-loire-naissante": ("La Loire naissante, du Gerbier à Sainte-Eulalie", [
        (44.8440, 4.2165, 1417), (44.8452, 4.2150, 1410), (44.8400, 4.2120, 1390), (44.8330, 4.2070, 1340),
        (44.8250, 4.2020, 1300), (44.8180, 4.1990, 1260), (44.8114, 4.1950, 1230),
    ], True),
    "langeac-chanteuges": ("De Langeac à Saint-Arcons par Chanteuges", [
        (45.1007, 3.4905, 505), (45.0995, 3.4940, 505), (45.0975, 3.4995, 500), (45.0900, 3.5080, 510),
        (45.0800, 3.5190, 515), (45.0725, 3.5300, 525), (45.0722, 3.5338, 560), (45.0715, 3.5420, 535),
        (45.0700, 3.5500, 530), (45.0713, 3.5567, 545),
    ], False),
    "prades-saint-arcons": ("Des orgues de Prades à Saint-Arcons", [
        (45.0435, 3.5873, 560), (45.0450, 3.5895, 600), (45.0475, 3.5935, 650), (45.0450, 3.5895, 600),
        (45.0440, 3.5830, 555), (45.0480, 3.5760, 550), (45.0530, 3.5700, 548), (45.0570, 3.5740, 600),
        (45.0620, 3.5720, 610), (45.0650, 3.5600, 545), (45.0713, 3.5567, 545),
    ], False),
    "monistrol-madeleine": ("Monistrol-d'Allier : la chapelle de la Madeleine", [
        (44.9697, 3.6500, 600), (44.9698, 3.6480, 592), (44.9692, 3.6445, 660), (44.9660, 3.6380, 760),
        (44.9630, 3.6310, 860), (44.9600, 3.6220, 900), (44.9560, 3.6300, 880), (44.9570, 3.6400, 780),
        (44.9600, 3.6460, 650), (44.9650, 3.6490, 600), (44.9700, 3.6486, 595),
    ], False),
}


def metres(a, b):
    dy = (b[0] - a[0]) * 111_195.0
    dx = (b[1] - a[1]) * 111_195.0 * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(dx, dy)


def densify(points):
    out = [points[0]]
    for a, b in zip(points, points[1:]):
        n = max(1, round(metres(a, b) / STEP_M))
        for i in range(1, n + 1):
            t = i / n
            out.append(tuple(a[k] + t * (b[k] - a[k]) for k in range(3)))
    return out


def gpx(name, points):
    rows = "\n".join(
        f'    <trkpt lat="{lat:.6f}" lon="{lon:.6f}"><ele>{ele:.1f}</ele></trkpt>' for lat, lon, ele in points
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="Velay companion (sample track drawn by hand)" xmlns="http://www.topografix.com/GPX/1/1">
  <metadata><name>{escape(name)}</name><desc>Sample track drawn by hand, not surveyed. Tracé d'exemple dessiné à la main, non relevé sur le terrain.</desc></metadata>
  <trk><name>{escape(name)}</name><trkseg>
{rows}
  </trkseg></trk>
</gpx>
"""


def main():
    root = os.path.join(os.path.dirname(__file__), "..", "routes-data", "routes")
    for route_id, (name, sketch, out_and_back) in SKETCHES.items():
        if out_and_back:
            sketch = sketch + sketch[-2::-1]
        points = densify(sketch)
        length = sum(metres(a, b) for a, b in zip(points, points[1:]))
        os.makedirs(os.path.join(root, route_id), exist_ok=True)
        with open(os.path.join(root, route_id, "track.gpx"), "w", encoding="utf-8") as f:
            f.write(gpx(name, points))
        print(f"{route_id}: {len(points)} points, {length / 1000:.1f} km")


if __name__ == "__main__":
    main()
