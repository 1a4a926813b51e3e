"""Sides settled over a whole report: what one mention of an actor tells holds for the others.

Actors are resolved phrase by phrase (`actors.ActorResolver`), so a phrase without a
country word gives an actor without a country. Once every event of a report is coded,
`settle_sides` fills what the report as a whole tells:

- an actor named once with its country ("Kenyan President William Ruto", "el canciller
  venezolano") keeps that country, and its sector, where the report names it bare ("Ruto");
- a generic group or a domestic body that no words place ("the protesters", "la policía",
  "the army", "el Gobierno", "la Fiscalía") belongs to the country where its event happened
  (a material event: a protest in Kinshasa, a raid in Culiacán), else to the country the
  report is about;
- a generic group goes by one name in every language and spelling ("Protesters",
  "manifestantes", "demonstrators", "un grupo de manifestantes" are all "protesters"), so
  that the alignment network has one node for it per country. Its words stay in `text`.

International bodies, rights groups and companies are not placed by the report's country:
the UN, Amnesty International or a mining multinational is no more Peruvian for acting in
Peru; a national rights body is ("Comisión Nacional de los Derechos Humanos"). A name that
is a country's is that country ("México" the recognizer took for a person).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..records import Actor, Event, Stance
from .gazetteer import PRECISION_COUNTRY, Gazetteer
from .lexicon import Lexicon, fold

# Sectors of a country's own bodies and groups: unplaced, they are the report's country's.
DOMESTIC_SECTORS = frozenset(
    {"GOV", "MIL", "COP", "LEG", "JUD", "PTY", "PRO", "CVL", "REB", "UAF", "LAB", "MED"}
)


def settle_sides(
    events: Iterable[Event],
    stances: Iterable[Stance],
    *,
    focus: str | None,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    material: frozenset[str] = frozenset(),
) -> None:
    """Fill in, in place, the countries, sectors and generic names the report as a whole
    tells (module docstring) on the actors of `events` and `stances`.

    Args:
        events: the report's coded events.
        stances: stances coded apart from events (what demands want).
        focus: the country the report is about (ISO3), if known.
        lexicon: the report language's word lists (`generic_groups`, `group_size_words`,
            pronouns).
        gazetteer: for demonyms ("Peruvian protesters").
        material: the types of events that happen where their actors are (PLOVER's
            material types), whose place places their unplaced sides.
    """
    events, stances = list(events), list(stances)
    # each actor with the country its record's place gives it
    sides: list[tuple[Actor, str | None]] = []
    for event in events:
        country = focus
        place = event.place
        if place is not None and event.type in material and place.precision < PRECISION_COUNTRY:
            # a protest in Kinshasa is Congolese whatever else the report is about
            country = place.country
        sides += [(actor, country) for actor in (event.actor, event.recipient) if actor]
    for stance in stances:
        sides += [(actor, focus) for actor in (stance.actor, stance.recipient)]
    actors = [actor for actor, _ in sides]
    everyone = [(member, country) for actor, country in sides for member in _with_members(actor)]
    known: dict[str, Actor] = {}
    for actor, _ in everyone:
        if not actor.members and actor.country:
            known.setdefault(fold(actor.name), actor)
    generic = _generic_names(lexicon)
    group_words = lexicon.words("actors", "group_size_words")
    for actor, country in everyone:
        if actor.members:
            continue
        seen = known.get(fold(actor.name))
        named = gazetteer.country_named(actor.name)
        if actor.country is None and named is not None:
            # a country's name the recognizer took for something else
            actor.country = named.iso3
        if actor.country is None and seen is not None:
            actor.country = seen.country
            actor.sector = actor.sector or seen.sector
        if actor.country is None and _domestic(actor, pronouns=lexicon.pronoun_kind):
            actor.country = country
        canonical = _canonical(actor, generic, group_words, gazetteer)
        if canonical is not None:
            actor.name = canonical
    for actor in actors:
        if actor.members:
            # a compound is of one country when all its members are
            countries = {member.country for member in actor.members}
            if actor.country is None and len(countries) == 1:
                actor.country = countries.pop()


def _domestic(actor: Actor, *, pronouns: Mapping[str, str]) -> bool:
    """Whether an unplaced actor is of the country where it acts: a domestic body or group,
    or a named person or organization of no international sector ("Lasso", "the
    Taliban"), but not a pronoun left unresolved."""
    if actor.sector == "NGO":
        # a national body is the country's ("Comisión Nacional de los Derechos Humanos");
        # Amnesty International is no country's
        return bool(set(fold(actor.name).split()) & _NATIONAL)
    if actor.sector is not None:
        return actor.sector in DOMESTIC_SECTORS
    return actor.name[:1].isupper() and fold(actor.name) not in pronouns


# Words that make a body a country's own.
_NATIONAL = frozenset({"national", "nacional"})


def _with_members(actor: Actor) -> list[Actor]:
    return [actor, *(m for member in actor.members for m in _with_members(member))]


def _generic_names(lexicon: Lexicon) -> dict[str, str]:
    """Word → the one name of the generic group it names (`generic_groups`)."""
    table = lexicon.actors.get("generic_groups") or {}
    return {fold(word): str(name) for name, words in table.items() for word in words}


def _canonical(
    actor: Actor, generic: dict[str, str], group_words: frozenset[str], gazetteer: Gazetteer
) -> str | None:
    """The generic group's one name when the actor's name is only that group: its noun,
    with at most words for a group or a number ("grupo de manifestantes", "hundreds of
    demonstrators") and its own country's demonym ("Peruvian protesters")."""
    words = [w for w in fold(actor.name).replace("-", " ").split() if w not in _ARTICLES]
    names = {generic[w] for w in words if w in generic}
    if len(names) != 1:
        return None
    rest = [
        w
        for w in words
        if w not in generic
        and w not in group_words
        and not (actor.country and gazetteer.country_of_demonym(w) == actor.country)
    ]
    return names.pop() if not rest else None


_ARTICLES = frozenset({"the", "a", "an", "of", "el", "la", "los", "las", "un", "una", "de"})
