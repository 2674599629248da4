#!/usr/bin/env python3
"""Draws the sample tracks of routes-data by hand: each route is a short list of real places
(latitude, longitude, estimated elevation in metres) that this script joins with straight
lines and densifies to a point every ~40 m, elevation interpolated in between.

The tracks are NOT surveyed: every GPX says so in its metadata, route.toml has sample = true
and the app shows "sample track, not surveyed". Run from the project root:

    python3 scripts/draw_tracks.py            # rewrites routes-data/routes/<id>/track.gpx

The places a sketch passes through (stations, landmarks, summits) are real, with the source of
each in routes-data/README.md; the path between them follows the real paths as well as a few
hand-placed points can, and elevations are estimates. The Stevenson sketch was drawn along the
GR 70 as published (a real day-1 track in the team's shared data served as a reference for where
the path goes; no point of it is copied, since its licence is unclear). Our own work, published
under the project's licence.

Prints each route's length and climb (the same 5 m noise rule as velay-core's figures), so that
the texts can be checked against the tracks.
"""

import math
import os
from xml.sax.saxutils import escape

STEP_M = 40.0
# As velay_core::route::ELEVATION_NOISE_M.
NOISE_M = 5.0


def metres(a, b):
    dy = (b[0] - a[0]) * 111_195.0
    dx = (b[1] - a[1]) * 111_195.0 * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(dx, dy)


def switchbacks(foot, top, legs, half_width_m):
    """A hiking path up a steep slope: `legs` straight legs from `foot` to `top` (lat, lon, ele),
    turning alternately `half_width_m` either side of the direct line."""
    lat0 = math.radians((foot[0] + top[0]) / 2)
    dy = (top[0] - foot[0]) * 111_195.0
    dx = (top[1] - foot[1]) * 111_195.0 * math.cos(lat0)
    norm = math.hypot(dx, dy)
    px, py = -dy / norm, dx / norm  # unit vector across the slope
    turns = []
    for i in range(legs + 1):
        t = i / legs
        side = 0.0 if i in (0, legs) else (half_width_m if i % 2 else -half_width_m)
        lat = foot[0] + t * (top[0] - foot[0]) + side * py / 111_195.0
        lon = foot[1] + t * (top[1] - foot[1]) + side * px / (111_195.0 * math.cos(lat0))
        turns.append((lat, lon))
    # The same gradient on every leg: elevation grows with the distance walked.
    walked = [0.0]
    for a, b in zip(turns, turns[1:]):
        walked.append(walked[-1] + metres(a, b))
    return [(lat, lon, foot[2] + w / walked[-1] * (top[2] - foot[2])) for (lat, lon), w in zip(turns, walked)]


def back(points):
    """The same points walked the other way, without repeating the turning point."""
    return points[-2::-1]


# The Gerbier de Jonc: the foot of the summit path by the D378 and the summit (1 551 m). The
# path is about 750 m of switchbacks on the west face for some 130 m of climb, not a straight
# line up the scree.
GERBIER_STOP = (44.8440, 4.2165, 1417)
GERBIER_FOOT = (44.8437, 4.2176, 1422)
GERBIER_TOP = (44.8444, 4.2200, 1551)
GERBIER_SPUR = switchbacks(GERBIER_FOOT, GERBIER_TOP, 9, 45.0)

# The three sources of the Loire at the foot of the Gerbier (fr.wikipedia, "Sources de la Loire").
SOURCE_AUTHENTIQUE = (44.8433, 4.2158, 1412)
SOURCE_GEOGRAPHIQUE = (44.8414, 4.2186, 1408)
SOURCE_VERITABLE = (44.8378, 4.2272, 1410)

# id: (name, [(lat, lon, ele), ...], out_and_back)
SKETCHES = {
    "puy-ville-haute": ("Le Puy : Ville-Haute, Aiguilhe et Espaly", [
        (45.0428, 3.8926, 626), (45.0421, 3.8880, 628), (45.0417, 3.8846, 630), (45.0433, 3.8834, 638),
        (45.0439, 3.8829, 642), (45.0446, 3.8838, 655), (45.0452, 3.8846, 668), (45.0458, 3.8853, 680),
        (45.0463, 3.8865, 700), (45.0469, 3.8862, 720), (45.0472, 3.8852, 740), (45.0468, 3.8843, 720),
        (45.0463, 3.8838, 700), (45.0470, 3.8830, 685), (45.0478, 3.8836, 665),
        (45.0490, 3.8818, 645), (45.0497, 3.8806, 640), (45.0505, 3.8780, 638), (45.0508, 3.8740, 640),
        (45.0500, 3.8700, 642), (45.0488, 3.8665, 660), (45.0481, 3.8650, 690), (45.0470, 3.8668, 650),
        (45.0455, 3.8730, 640), (45.0440, 3.8780, 636), (45.0420, 3.8830, 630), (45.0417, 3.8846, 630),
        (45.0421, 3.8880, 628), (45.0428, 3.8926, 626),
    ], False),
    "puy-gr65-compostelle": ("Premiers pas sur le chemin de Compostelle (GR 65)", [
        (45.0424, 3.8917, 628), (45.0420, 3.8860, 630), (45.0437, 3.8838, 640), (45.0450, 3.8850, 670),
        (45.0457, 3.8855, 690), (45.0455, 3.8810, 662), (45.0440, 3.8770, 650), (45.0410, 3.8720, 680),
        (45.0370, 3.8660, 740), (45.0330, 3.8600, 800), (45.0290, 3.8540, 850), (45.0260, 3.8480, 880),
    ], True),
    # Out along the GR 70 (Chemin de Stevenson) as it leaves Le Puy southwards: up through the
    # woods to the col at about 830 m between the Garde d'Ours and the Garde de Mons, along the
    # edge of the plateau, and down to the Loire at Coubon; back the same way.
    "puy-stevenson-coubon": ("Chemin de Stevenson : de la gare à la Loire à Coubon", [
        (45.0428, 3.8926, 628), (45.0418, 3.8914, 640), (45.0402, 3.8948, 690), (45.0362, 3.8983, 745),
        (45.0346, 3.9012, 780), (45.0318, 3.9027, 765), (45.0310, 3.9068, 768), (45.0272, 3.9099, 820),
        (45.0226, 3.9114, 836), (45.0206, 3.9132, 838), (45.0162, 3.9147, 806), (45.0137, 3.9125, 806),
        (45.0130, 3.9074, 816), (45.0106, 3.9094, 816), (45.0074, 3.9107, 778), (45.0046, 3.9131, 740),
        (45.0012, 3.9158, 690), (44.9988, 3.9171, 655), (44.9962, 3.9176, 630),
    ], True),
    "puy-polignac": ("Espaly et la forteresse de Polignac", [
        (45.0428, 3.8926, 628), (45.0425, 3.8850, 632), (45.0445, 3.8780, 636), (45.0465, 3.8700, 640),
        (45.0481, 3.8650, 690), (45.0495, 3.8638, 648), (45.0540, 3.8628, 652), (45.0590, 3.8610, 672),
        (45.0640, 3.8592, 700), (45.0675, 3.8598, 716), (45.0685, 3.8575, 745), (45.0698, 3.8590, 775),
        (45.0692, 3.8603, 800), (45.0698, 3.8590, 775), (45.0685, 3.8575, 745), (45.0675, 3.8598, 716),
        (45.0680, 3.8625, 712),
        (45.0640, 3.8680, 680), (45.0590, 3.8740, 652), (45.0540, 3.8782, 642), (45.0505, 3.8800, 640),
        (45.0478, 3.8836, 665), (45.0466, 3.8850, 700), (45.0458, 3.8853, 680), (45.0446, 3.8838, 655),
        (45.0433, 3.8834, 638), (45.0421, 3.8880, 628), (45.0428, 3.8926, 628),
    ], False),
    # P28 stations of the Loire gorges and the Emblavez.
    "vorey-chamalieres": ("De Vorey à Chamalières-sur-Loire au fil de la Loire", [
        (45.1829, 3.9114, 540), (45.1850, 3.9112, 542), (45.1872, 3.9106, 545), (45.1885, 3.9170, 542),
        (45.1905, 3.9260, 540), (45.1925, 3.9360, 545), (45.1950, 3.9460, 560), (45.1968, 3.9560, 545),
        (45.1985, 3.9660, 535), (45.2000, 3.9760, 532), (45.2012, 3.9830, 530), (45.2019, 3.9864, 530),
        (45.2035, 3.9890, 528), (45.2056, 3.9921, 525),
    ], False),
    "chamalieres-retournac": ("De Chamalières-sur-Loire à Retournac par le château d'Artias", [
        (45.2056, 3.9921, 525), (45.2035, 3.9890, 528), (45.2019, 3.9864, 530), (45.2040, 3.9880, 535),
        (45.2068, 3.9925, 560), (45.2085, 3.9960, 610), (45.2105, 3.9945, 650), (45.2120, 3.9985, 690),
        (45.2132, 4.0005, 723), (45.2128, 4.0060, 690), (45.2118, 4.0120, 640), (45.2100, 4.0190, 580),
        (45.2075, 4.0260, 530), (45.2055, 4.0310, 505), (45.2044, 4.0339, 500), (45.2030, 4.0350, 497),
        (45.2013, 4.0361, 495),
    ], False),
    "lavoute-polignac": ("Lavoûte-sur-Loire : le château de Lavoûte-Polignac", [
        (45.1215, 3.9063, 560), (45.1205, 3.9066, 562), (45.1192, 3.9067, 565), (45.1187, 3.9030, 562),
        (45.1182, 3.8990, 570), (45.1175, 3.8944, 600), (45.1160, 3.8915, 630), (45.1135, 3.8895, 670),
        (45.1105, 3.8920, 705), (45.1085, 3.8970, 720), (45.1062, 3.9005, 740), (45.1052, 3.9075, 738),
        (45.1070, 3.9130, 712), (45.1105, 3.9135, 670), (45.1140, 3.9110, 630), (45.1165, 3.9095, 585), (45.1192, 3.9067, 565), (45.1205, 3.9066, 562),
        (45.1215, 3.9063, 560),
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
    # Les Estables, the Croix de Peccata, the north summit of the Mézenc (1 744 m, the cross,
    # Haute-Loire's highest point), the south summit (1 753 m, in Ardèche), down to the Croix
    # de Boutières and back west to the village.
    "estables-mezenc": ("Le mont Mézenc depuis Les Estables", [
        (44.9036, 4.1556, 1340), (44.9053, 4.1552, 1345), (44.9080, 4.1610, 1385), (44.9105, 4.1655, 1420),
        (44.9130, 4.1700, 1470), (44.9152, 4.1730, 1530), (44.9164, 4.1753, 1559), (44.9166, 4.1790, 1615),
        (44.9160, 4.1830, 1680), (44.9150, 4.1870, 1744), (44.9130, 4.1890, 1722), (44.9111, 4.1908, 1753),
        (44.9085, 4.1885, 1680), (44.9055, 4.1845, 1580), (44.9036, 4.1800, 1508), (44.9030, 4.1720, 1450),
        (44.9034, 4.1640, 1390), (44.9036, 4.1556, 1340),
    ], False),
    # Les Estables, up the GR 40 to the Maison forestière and the Croix de Peccata, west along the
    # crest to the summit of the Mont d'Alambre (1 691 m), round its west flank and down.
    "estables-alambre": ("Les Estables : le mont d'Alambre par la Croix de Peccata", [
        (44.9036, 4.1556, 1340), (44.9053, 4.1552, 1345), (44.9080, 4.1610, 1385), (44.9105, 4.1655, 1420),
        (44.9130, 4.1700, 1470), (44.9152, 4.1730, 1530), (44.9164, 4.1753, 1559), (44.9180, 4.1700, 1600),
        (44.9185, 4.1640, 1640), (44.9180, 4.1580, 1675), (44.9175, 4.1533, 1691), (44.9195, 4.1480, 1610),
        (44.9175, 4.1425, 1500), (44.9130, 4.1420, 1430), (44.9090, 4.1460, 1385), (44.9060, 4.1510, 1355),
        (44.9036, 4.1556, 1340),
    ], False),
    # Across the high plateaus to the Gerbier, up the summit path and down again, past the
    # sources géographique and authentique to the stop.
    "mezenc-gerbier": ("Des Estables au mont Gerbier de Jonc", [
        (44.9036, 4.1556, 1340), (44.8960, 4.1650, 1380), (44.8880, 4.1750, 1410), (44.8800, 4.1850, 1430),
        (44.8700, 4.1950, 1390), (44.8620, 4.2030, 1400), (44.8540, 4.2100, 1420), (44.8480, 4.2140, 1420),
        GERBIER_STOP, *GERBIER_SPUR, *back(GERBIER_SPUR)[1:], SOURCE_GEOGRAPHIQUE, SOURCE_AUTHENTIQUE,
        GERBIER_STOP,
    ], False),
    # From the stop past the three sources, then down beside the newborn Loire to Sainte-Eulalie.
    "gerbier-loire-naissante": ("La Loire naissante, du Gerbier à Sainte-Eulalie", [
        GERBIER_STOP, SOURCE_AUTHENTIQUE, SOURCE_GEOGRAPHIQUE, SOURCE_VERITABLE, (44.8330, 4.2230, 1370),
        (44.8270, 4.2150, 1320), (44.8210, 4.2060, 1285), (44.8150, 4.1980, 1255), (44.8097, 4.1900, 1230),
    ], True),
    "langeac-chanteuges": ("De Langeac à Saint-Arcons par Chanteuges", [
        (45.1007, 3.4905, 505), (45.1000, 3.4945, 505), (45.0994, 3.4981, 505), (45.0975, 3.5000, 500),
        (45.0900, 3.5080, 510), (45.0800, 3.5190, 515), (45.0728, 3.5290, 525), (45.0733, 3.5322, 560),
        (45.0715, 3.5420, 535), (45.0700, 3.5500, 530), (45.0713, 3.5567, 545),
    ], False),
    "prades-saint-arcons": ("Des orgues de Prades à Saint-Arcons", [
        (45.0435, 3.5873, 560), (45.0450, 3.5895, 600), (45.0475, 3.5935, 650), (45.0450, 3.5895, 600),
        (45.0440, 3.5830, 555), (45.0480, 3.5760, 550), (45.0530, 3.5700, 548), (45.0570, 3.5740, 600),
        (45.0620, 3.5720, 610), (45.0650, 3.5600, 545), (45.0713, 3.5567, 545),
    ], False),
    # From the station over the Allier to the village, up the GR 65 past the Madeleine chapel
    # to the edge of the plateau, and back down the southern slope.
    "monistrol-madeleine": ("Monistrol-d'Allier : la chapelle de la Madeleine", [
        (44.9697, 3.6500, 600), (44.9691, 3.6470, 596), (44.9685, 3.6442, 610), (44.9700, 3.6425, 650),
        (44.9720, 3.6410, 700), (44.9734, 3.6396, 740), (44.9750, 3.6360, 800), (44.9762, 3.6300, 860),
        (44.9768, 3.6240, 900), (44.9772, 3.6185, 925), (44.9732, 3.6190, 915), (44.9735, 3.6235, 895), (44.9700, 3.6260, 880), (44.9668, 3.6320, 800),
        (44.9662, 3.6390, 690), (44.9675, 3.6430, 615), (44.9685, 3.6442, 610), (44.9691, 3.6470, 596),
        (44.9697, 3.6500, 600),
    ], False),
    # Station to station on the Cévenol line, down the gorge on the GR 470: the old reservoir,
    # the Poutès dam, the short-circuited river and Monistrol.
    "alleyras-monistrol": ("De la gare d'Alleyras à Monistrol-d'Allier par le barrage de Poutès", [
        (44.9184, 3.6729, 655), (44.9225, 3.6742, 652), (44.9265, 3.6738, 650), (44.9310, 3.6725, 660),
        (44.9350, 3.6712, 700), (44.9395, 3.6700, 745), (44.9435, 3.6705, 720), (44.9462, 3.6720, 660),
        (44.9472, 3.6731, 640), (44.9505, 3.6700, 630), (44.9545, 3.6655, 630), (44.9585, 3.6610, 660),
        (44.9620, 3.6565, 690), (44.9650, 3.6505, 630), (44.9668, 3.6455, 612), (44.9683, 3.6436, 610),
        (44.9691, 3.6470, 596), (44.9697, 3.6500, 600),
    ], False),
    # From Chapeauroux station under the viaduct to the meeting of the Chapeauroux and the
    # Allier, then down the Allier on the GR 470 and back.
    "chapeauroux-viaduc": ("Chapeauroux : le viaduc et l'Allier", [
        (44.8380, 3.7417, 785), (44.8388, 3.7385, 780), (44.8397, 3.7347, 772), (44.8412, 3.7325, 765),
        (44.8445, 3.7300, 770), (44.8490, 3.7270, 790), (44.8535, 3.7240, 810), (44.8575, 3.7205, 790),
        (44.8615, 3.7165, 770), (44.8650, 3.7130, 760),
    ], True),
}


def densify(points):
    out = [points[0]]
    for a, b in zip(points, points[1:]):
        n = max(1, round(metres(a, b) / STEP_M))
        for i in range(1, n + 1):
            t = i / n
            out.append(tuple(a[k] + t * (b[k] - a[k]) for k in range(3)))
    return out


def climb(points):
    """Ascent and descent with the noise threshold of velay-core's Figures."""
    up = down = 0.0
    ref = points[0][2]
    for _, _, e in points[1:]:
        if e - ref >= NOISE_M:
            up += e - ref
            ref = e
        elif ref - e >= NOISE_M:
            down += ref - e
            ref = e
    return up, down


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
            sketch = sketch + back(sketch)
        points = densify(sketch)
        length = sum(metres(a, b) for a, b in zip(points, points[1:]))
        up, down = climb(points)
        os.makedirs(os.path.join(root, route_id), exist_ok=True)
        with open(os.path.join(root, route_id, "track.gpx"), "w", encoding="utf-8") as f:
            f.write(gpx(name, points))
        print(f"{route_id}: {len(points)} points, {length / 1000:.1f} km, +{up:.0f} m / -{down:.0f} m")


if __name__ == "__main__":
    main()
