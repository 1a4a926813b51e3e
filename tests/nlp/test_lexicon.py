"""Lexicon (quipu.nlp.lexicon): the per-language word lists, loaded from resource files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from quipu.errors import PipelineError
from quipu.nlp import lexicon as lexicon_module
from quipu.nlp.lexicon import SUPPORTED_LANGUAGES, fold, load_lexicon, phrase_pattern
from quipu.records import PLOVER_TYPES

SECTORS = {
    "GOV",
    "MIL",
    "COP",
    "LEG",
    "JUD",
    "PTY",
    "REB",
    "PRO",
    "CVL",
    "MED",
    "NGO",
    "IGO",
    "BUS",
    "UAF",
    "LAB",  # CAMEO's labour: unions and their federations
}


def test_lexicon_fold_lowercases_and_strips_accents() -> None:
    assert fold("Apurímac") == "apurimac"
    assert fold("PERÚ") == "peru"
    assert fold("Ombudsman’s") == "ombudsman's"


def test_lexicon_load_is_cached(lexicon) -> None:
    assert load_lexicon("en") is lexicon
    assert lexicon.language == "en"


def test_lexicon_unsupported_language() -> None:
    with pytest.raises(PipelineError, match="E102"):
        load_lexicon("xx")


def test_lexicon_triggers_indexed_by_first_lemma(lexicon) -> None:
    arrest = [t for t in lexicon.triggers["arrest"] if t.lemmas == ("arrest",)]
    assert [(t.type, t.mode) for t in arrest] == [("COERCE", "arrest")]
    # A phrase is found under its first word, longest phrases first.
    state = lexicon.triggers["state"]
    assert ("state", "of", "emergency") in [t.lemmas for t in state]
    assert [len(t.lemmas) for t in state] == sorted((len(t.lemmas) for t in state), reverse=True)


def test_lexicon_trigger_part_of_speech(lexicon) -> None:
    protest = {t.pos for t in lexicon.triggers["protest"] if t.type == "PROTEST"}
    assert protest == {"NOUN", "VERB"}
    detain = [t for t in lexicon.triggers["detain"] if t.lemmas == ("detain",)]
    assert [t.pos for t in detain] == [None]


def test_lexicon_no_mode_is_none(lexicon) -> None:
    [kill] = [t for t in lexicon.triggers["kill"] if t.lemmas == ("kill",)]
    assert (kill.type, kill.mode, kill.pos) == ("ASSAULT", None, "VERB")


def test_lexicon_trigger_types_are_plover_types(lexicon) -> None:
    types = {t.type for triggers in lexicon.triggers.values() for t in triggers}
    assert types <= set(PLOVER_TYPES)
    by_sector = lexicon.events.get("by_sector") or {}
    # a rule may name a mode after its type ("ASSAULT/destroy": soldiers looting)
    assert {
        str(t).partition("/")[0] for rules in by_sector.values() for t in (rules or {}).values()
    } <= set(PLOVER_TYPES)


def test_lexicon_sectors_are_known_codes(lexicon) -> None:
    assert set(lexicon.sector_of.values()) <= SECTORS
    assert lexicon.sector_of["police"] == "COP"
    assert lexicon.sector_of["armed forces"] == "MIL"
    assert lexicon.sector_of["protesters"] == "PRO"
    titles = lexicon.actors.get("titles") or {}
    assert set(titles.values()) <= SECTORS


def test_lexicon_pronoun_kinds(lexicon) -> None:
    assert lexicon.pronoun_kind["he"] == "person"
    assert lexicon.pronoun_kind["they"] == "group"
    assert lexicon.pronoun_kind["it"] == "thing"
    assert lexicon.pronoun_kind["we"] == "speaker"


def test_lexicon_words_folds_and_reads_nested_keys(lexicon) -> None:
    killed = lexicon.words("numbers", "kinds.killed")
    assert {"killed", "dead", "death toll"} <= killed
    assert lexicon.words("numbers", "kinds.killed") is killed  # memoized
    assert lexicon.words("numbers", "no.such.key") == frozenset()


def test_lexicon_phrase_pattern_matches_whole_words() -> None:
    pattern = phrase_pattern(["could not be verified", "denied"])
    assert pattern.search(fold("The claim COULD NOT BE VERIFIED."))
    assert pattern.search("he denied it")
    assert not pattern.search("undenied")
    assert not pattern.search("could not be verifiedx")


def test_lexicon_english_files_load_as_mappings() -> None:
    for name in ("events", "certainty", "actors", "dates", "numbers", "places"):
        path = Path(lexicon_module.__file__).parent.parent / "resources" / "en" / f"{name}.yaml"
        assert isinstance(yaml.safe_load(path.read_text(encoding="utf-8")), dict), name


def test_lexicon_every_supported_language_has_resource_files() -> None:
    root = Path(lexicon_module.__file__).parent.parent / "resources"
    for language in SUPPORTED_LANGUAGES:
        for name in ("events", "certainty", "actors", "dates", "numbers", "places"):
            assert (root / language / f"{name}.yaml").is_file(), f"{language}/{name}.yaml"


def _copy_english(tmp_path: Path) -> Path:
    source = Path(lexicon_module.__file__).parent.parent / "resources" / "en"
    target = tmp_path / "en"
    target.mkdir()
    for path in source.glob("*.yaml"):
        (target / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return target


class _Files:
    """Stand-in for `importlib.resources`: resource files read from a test directory."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def files(self, package: str) -> Path:
        del package
        return self.root


@pytest.mark.parametrize(
    "content", ["triggers: [\n", "- just\n- a list\n"], ids=["broken", "not-mapping"]
)
def test_lexicon_malformed_file_is_e103(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str
) -> None:
    target = _copy_english(tmp_path)
    (target / "events.yaml").write_text(content, encoding="utf-8")
    monkeypatch.setattr(lexicon_module, "resources", _Files(tmp_path))
    with pytest.raises(PipelineError, match="E103"):
        load_lexicon.__wrapped__("en")


def test_lexicon_missing_file_is_e103(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = _copy_english(tmp_path)
    (target / "numbers.yaml").unlink()
    monkeypatch.setattr(lexicon_module, "resources", _Files(tmp_path))
    with pytest.raises(PipelineError, match="E103"):
        load_lexicon.__wrapped__("en")


def test_lexicon_word_lists_hold_no_yaml_booleans() -> None:
    # A bare `no` or `on` in a YAML list is read as false/true, which once silently turned
    # off Spanish negation and the English preposition "on".
    from quipu.nlp.lexicon import SUPPORTED_LANGUAGES, _flag_in_list, load_lexicon

    assert _flag_in_list({"negators": ["not", False]}) == "negators"
    assert _flag_in_list({"nested": {"markers": ["on", "at"]}}) is None
    for language in SUPPORTED_LANGUAGES:
        lexicon = load_lexicon(language)
        assert "no" in lexicon.words("events", "negators")


@pytest.mark.parametrize("language", ["en", "es"])
def test_lexicon_every_plover_type_has_triggers(language: str) -> None:
    from quipu.records import PLOVER_TYPES

    lexicon = load_lexicon(language)
    types = {trigger.type for triggers in lexicon.triggers.values() for trigger in triggers}
    assert types == set(PLOVER_TYPES)


def test_lexicon_every_plover_type_maps_to_a_cameo_root() -> None:
    from importlib import resources

    import yaml

    from quipu.records import PLOVER_TYPES

    table = yaml.safe_load(
        resources.files("quipu.resources").joinpath("plover.yaml").read_text("utf-8")
    )
    assert set(PLOVER_TYPES) <= set(table["cameo"])
    assert all(len(code) == 2 and code.isdigit() for code in table["cameo"].values())
