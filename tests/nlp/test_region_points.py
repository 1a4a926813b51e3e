"""Tests for scripts/region_points.py, which makes the gazetteer's `resources/region-points.tsv`."""

from __future__ import annotations

import pytest
from region_points import grid_inside, land_middles, nearest_label, unwrapped, without_strays

from quipu.nlp.gazetteer import REGION_POINTS_FILE


def test_region_points_misfiled_towns_are_left_out() -> None:
    # a tight cluster of towns, one remote town of its own, one far off by a wrong code
    cluster = [(10.0 + i / 10, 20.0 + i / 10) for i in range(20)] + [(12.5, 22.5)]
    assert without_strays([*cluster, (30.0, 60.0)]) == cluster
    # two or three towns are too few to tell a stray from the region's own
    assert without_strays([(10.0, 20.0), (30.0, 60.0)]) == [(10.0, 20.0), (30.0, 60.0)]


def test_region_points_grid_leaves_out_a_hole() -> None:
    outer = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (0.0, 0.0)]  # (lon, lat)
    hole = [(1.0, 1.0), (3.0, 1.0), (3.0, 3.0), (1.0, 3.0), (1.0, 1.0)]
    whole = grid_inside([outer])
    holed = grid_inside([outer, hole])
    assert len(whole) == 16 * 16  # 0.25-degree cells
    assert len(holed) == len(whole) - 8 * 8
    assert not any(1 < lat < 3 and 1 < lon < 3 for lat, lon in holed)


def test_region_points_a_ring_across_the_antimeridian_keeps_its_own_land() -> None:
    ring = [(178.0, 60.0), (-178.0, 60.0), (-178.0, 62.0), (178.0, 62.0), (178.0, 60.0)]
    assert unwrapped(ring)[1] == (182.0, 60.0)
    cells = grid_inside([ring])
    assert len(cells) == 8 * 16
    assert all(abs(lon) > 177.9 for _, lon in cells)  # not the rest of the world


SQUARE = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (0.0, 0.0)]  # (lon, lat)


def test_region_points_land_goes_to_the_region_of_the_nearest_town() -> None:
    # a square country, its west's towns in one region and its east's in another: each
    # region's middle is the middle of its half, however its towns bunch
    towns = {"XX-W": [(2.0, 0.5), (2.1, 0.6)], "XX-E": [(2.0, 3.5), (0.2, 3.9)]}
    middles = land_middles([SQUARE], "XX", nearest_label(towns))
    assert middles["XX-W"] == (pytest.approx(2.0, abs=0.2), pytest.approx(1.0, abs=0.3))
    assert middles["XX-E"] == (pytest.approx(2.0, abs=0.2), pytest.approx(3.0, abs=0.3))


def test_region_points_land_nearest_another_country_is_no_regions() -> None:
    # the country's outline also holds a far territory whose towns are filed under a country
    # code of their own (French Guiana in France's): it pulls no region of the country there
    far = [(40.0, 0.0), (44.0, 0.0), (44.0, 4.0), (40.0, 4.0), (40.0, 0.0)]
    towns = {"XX-W": [(2.0, 1.0)], "XX-E": [(2.0, 3.0)], "YY": [(42.0, 2.0)]}
    middles = land_middles([SQUARE, far], "XX", nearest_label(towns))
    assert set(middles) == {"XX-W", "XX-E"}
    assert all(lat < 4 for lat, _ in middles.values())


def test_region_points_file_gives_every_row_a_point() -> None:
    lines = [x for x in REGION_POINTS_FILE.read_text(encoding="utf-8").splitlines() if x[:1] != "#"]
    assert lines[0].split("\t") == ["code", "lat", "lon"]
    rows = [line.split("\t") for line in lines[1:]]
    assert len(rows) > 3000
    assert all(abs(float(lat)) <= 90 and abs(float(lon)) <= 180 for _, lat, lon in rows)
