"""The user's corrections as constraints on mentions (quipu.corpus.overrides)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quipu.corpus.overrides import Overrides, overrides_of
from quipu.store.base import MergeOverride

MENTIONS = [(document, f"{document}-e1") for document in "abcdef"]
mention = st.sampled_from(MENTIONS)
step = st.one_of(
    st.tuples(st.just("split"), mention, st.lists(mention, max_size=4)),
    st.tuples(st.just("join"), mention, st.lists(mention, min_size=1, max_size=4)),
)


@given(st.lists(step, max_size=12))
def test_overrides_never_keep_apart_what_they_join_and_apart_goes_both_ways(steps) -> None:
    kept = [MergeOverride(kind, "c1", "x", (first, *others)) for kind, first, others in steps]
    overrides = overrides_of(kept)
    for key, others in overrides.apart.items():
        for other in others:
            assert key in overrides.apart[other]
            group = overrides.groups.get(key)
            assert group is None or overrides.groups.get(other) != group


def test_overrides_the_latest_correction_wins() -> None:
    a, b, c = MENTIONS[:3]
    overrides = Overrides()
    overrides.join("g1", [a, b, c])
    overrides.split(b, [a, c])
    assert overrides.groups == {a: "g1", c: "g1"} and overrides.apart[b] == {a, c}
    overrides.join("g2", [a, b])
    # joining b back with a brings in all of a's group, and keeps none of them apart
    assert overrides.groups == {a: "g2", b: "g2", c: "g2"} and overrides.apart == {}
