"""Record-format documents built by hand for the corpus tests."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Record = dict[str, Any]


def document_record(
    name: str,
    published: str | None,
    *,
    outlet: str | None = "",
    counts: Iterable[Record] = (),
    stances: Iterable[Record] = (),
) -> Record:
    """A document record with these counts and stances; the outlet defaults to "<name>
    news", None gives none."""
    document = {
        "id": name,
        "source": f"{name}.md",
        "outlet": f"{name} news" if outlet == "" else outlet,
        "title": name,
        "published": published,
        "language": "en",
    }
    return {
        "document": document,
        "events": [],
        "counts": list(counts),
        "stances": list(stances),
        "places": [],
    }
