"""Reading what `quipu eval` takes (quipu.gold): predictions line by line, gold files with
their fields checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quipu.errors import InputError
from quipu.gold import gold_files, load_gold, load_predictions

GOLD = {"document": "a.md", "events": [{"id": "e", "type": ["PROTEST"], "evidence": "marched"}]}


def test_gold_load_predictions_reads_record_lines_and_skips_blank_ones(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text('{"document": {"id": "a"}, "events": []}\n\n  \n{"document": {}}\n')
    assert load_predictions(path) == [{"document": {"id": "a"}, "events": []}, {"document": {}}]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"document": {}}\n{"document": {}\n',
            "line 2 is not a record-format prediction (not JSON",
        ),
        ("42\n", "line 1 is not a record-format prediction (a JSON int, not an object)"),
        ('{"events": []}\n', "line 1 is not a record-format prediction (no 'document' object)"),
        ('{"document": {}, "places": "Lima"}\n', "'places' is not a list of objects"),
    ],
)
def test_gold_load_predictions_names_the_first_bad_line(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(text)
    with pytest.raises(InputError, match=r"^E013 ") as caught:
        load_predictions(path)
    assert message in str(caught.value)
    assert str(caught.value).endswith("see docs/record-format.md")


def test_gold_load_predictions_missing_file_is_e001(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^E001 "):
        load_predictions(tmp_path / "none.jsonl")


def test_gold_files_expand_folders_in_name_order_and_refuse_an_empty_one(tmp_path: Path) -> None:
    for name in ("b.gold.json", "a.gold.json", "notes.json"):
        (tmp_path / name).write_text("{}")
    single = tmp_path / "x.json"
    assert gold_files([tmp_path, single]) == [
        tmp_path / "a.gold.json",
        tmp_path / "b.gold.json",
        single,
    ]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match=r"^E010 .*empty/\*\.gold\.json: no files match"):
        gold_files([empty])


def test_gold_load_gold_warns_of_each_field_it_does_not_know(tmp_path: Path) -> None:
    gold = GOLD | {"publishd": "2022-12-13"}
    gold["events"] = [gold["events"][0] | {"optinal": True}]
    path = tmp_path / "a.gold.json"
    path.write_text(json.dumps(gold))
    with pytest.warns(UserWarning) as caught:
        loaded = load_gold(path)
    assert [str(warning.message) for warning in caught] == [
        f"W005 {path}: events[0] (e): 'optinal' is not a gold field (docs/gold-format.md); ignored",
        f"W005 {path}: the file: 'publishd' is not a gold field (docs/gold-format.md); ignored",
    ]
    assert loaded["events"][0]["id"] == "e"


def test_gold_load_gold_refuses_json_nested_too_deeply(tmp_path: Path) -> None:
    path = tmp_path / "deep.gold.json"
    path.write_text("[" * 100_000)
    with pytest.raises(InputError, match=r"^E012 .*nested too deeply"):
        load_gold(path)
