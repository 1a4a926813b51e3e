"""Places: toponyms found in the text, resolved offline, and the place of each event.

Toponyms are the user's places found by name, the named-entity recognizer's GPE and LOC
entities, and capitalized words the gazetteer knows as a country or first-level subdivision
that the recognizer missed ("the Apurímac"). Resolution runs twice: first without a focus
to find the country the document is about (the most mentioned), then with that focus so
that "Ayacucho" in a report about Peru is the Peruvian region; each name is read again by
the country the rest of the document is about (its own mentions do not vote), by a region
noun beside it ("Washington state") and by the regions it is listed among ("Utah, Washington
and Wisconsin"). Demonyms ("Peruvian police")
give actors a country but are not places. An event is placed by its own clause
(`event_place`); a sentence may also set the scene its paragraph stays in (`setting_of`).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..records import Place
from . import gazetteer as geo
from .gazetteer import Gazetteer
from .layout import dateline_place_span, text_of
from .lexicon import Lexicon, fold
from .syntax import attachment_of, governing_chain

_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})
_BLOCKING_LABELS = frozenset({"PERSON", "PER", "ORG", "NORP", "MISC", "LAW"})
_GENITIVE = frozenset({"of", "de", "del"})
_LISTING = frozenset({",", "and", "or", "y", "e", "o"})  # what joins the items of a list
_MAX_WORDS = 4
NAMED_TOWN = 100_000  # people a town needs to count inside a body's name
WORLD_REGION = 7  # UCDP's where_prec for a place larger than a country


@dataclass(slots=True)
class Toponym:
    """A place name in the text and where it resolves."""

    span: Span
    place: Place


def find_toponyms(doc: Doc, *, gazetteer: Gazetteer, lexicon: Lexicon) -> list[Toponym]:
    """Return the resolved toponyms of `doc`, in text order, resolved against its focus."""
    spans = _candidate_spans(doc, gazetteer=gazetteer, lexicon=lexicon)
    first = [(span, gazetteer.resolve(_name(span))) for span in spans]
    resolved = [Toponym(span, place) for span, place in first if place is not None]
    parents = _parents(first, gazetteer=gazetteer)
    return _read_again(
        first, resolved, parents=parents, doc=doc, gazetteer=gazetteer, lexicon=lexicon
    )


def capital_toponyms(
    doc: Doc,
    toponyms: Sequence[Toponym],
    *,
    focus: str | None,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
) -> list[Toponym]:
    """ "The capital" and "la capital" written bare: the capital of the report's focus
    country ("police stations in the capital", "En la capital, miles marcharon"); not "the
    provincial capital", "Tigray's capital", "la capital de Chiapas", which name another."""
    info = gazetteer.country(focus) if focus else None
    capital = gazetteer.resolve(info.capital, focus=focus) if info and info.capital else None
    if capital is None:
        return []
    nouns = lexicon.words("places", "capital_nouns")
    taken = {t.i for toponym in toponyms for t in toponym.span}
    found = []
    for token in doc:
        if token.pos_ != "NOUN" or fold(token.text) not in nouns or token.i in taken:
            continue
        children = list(token.children)
        definite = any(c.dep_ == "det" and fold(c.text) in ("the", "la") for c in children)
        qualified = any(c.dep_ not in ("det", "punct", "case") for c in children)
        if _names_the_next(token, taken):
            continue  # "the capital Kinshasa", "la capital, Harare": the toponym it names
        if definite and not qualified and token.dep_ not in ("compound", "appos"):
            found.append(Toponym(doc[token.i : token.i + 1], capital))
    return found


def _names_the_next(token: Token, taken: set[int]) -> bool:
    """True when a toponym stands right after `token`, or after a comma after it."""
    doc = token.doc
    after = token.i + 1
    if after < len(doc) and doc[after].text == ",":
        after += 1
    return after in taken


def settle_shared_names(
    doc: Doc, toponyms: Sequence[Toponym], *, gazetteer: Gazetteer
) -> dict[str, str]:
    """The country each name or demonym two countries share stands for in this report: the
    one whose places the report names most ("Congo" beside Kinshasa and Goma is the
    Democratic Republic, beside Brazzaville the Republic); a name whose countries are named
    equally often, or not at all, stays unread."""
    shared = gazetteer.shared
    written = {fold(token.text) for token in doc if fold(token.text) in shared}
    if not written:
        return {}
    named = Counter(t.place.country for t in toponyms if t.place.country)
    choices = {}
    for word in written:
        ranked = sorted(shared[word], key=lambda iso3: -named[iso3])
        if named[ranked[0]] > max((named[iso3] for iso3 in ranked[1:]), default=0):
            choices[word] = ranked[0]
    return choices


def _read_again(
    first: list[tuple[Span, Place | None]],
    resolved: list[Toponym],
    *,
    parents: dict[int, Place],
    doc: Doc,
    gazetteer: Gazetteer,
    lexicon: Lexicon,
) -> list[Toponym]:
    """Return the toponyms of `first` read again by the focus country and the context of
    `resolved`, their first reading (each name on its own)."""
    votes = _count_votes(resolved, doc=doc, gazetteer=gazetteer, lexicon=lexicon)
    focus = votes.winner()
    found = []
    second: dict[str, Place | None] = {}  # a name read once per document
    written_after: dict[int, Place] = {}  # "Washington" in "Spokane, Washington": the state
    insides: dict[int, Place | None] = {}  # "Paris, Texas", "Surrey, B.C.": the town inside
    for (span, _), (after, _) in itertools.pairwise(first):
        parent = parents.get(span.start)
        if parent is None:
            continue
        inside = gazetteer.resolve(_name(span), focus=focus, within=parent)
        if (inside is None or not _holds(parent, inside)) and parent.precision > 4:
            # "Atlanta, Georgia": no Atlanta in the country, so the state that holds one
            region = gazetteer.resolve(_name(after), focus=focus, area=True)
            if region is not None and region.precision == 4:
                parent = parents[span.start] = region
                inside = gazetteer.resolve(_name(span), focus=focus, within=parent)
        insides[span.start] = inside
        if inside is None or not _holds(parent, inside):
            continue
        written_after[after.start] = parent
        # "COLUMBIA, Ky. —" then "Columbia" alone: the town the text put in its region once
        # is that town wherever the report names it bare
        second.setdefault(fold(_name(span)), inside)
    for number, (span, place) in enumerate(first):
        if span.start in written_after:
            found.append(Toponym(span=span, place=dataclasses.replace(written_after[span.start])))
            continue
        if place is None and not gazetteer.is_known(_name(span)):
            continue
        if _region_noun_beside(span, lexicon=lexicon):
            # "Washington state", "la provincia de Buenos Aires": the region, not the town
            key = f"{fold(_name(span))} region"
            if key not in second:
                context = _context(resolved, leaving_out=fold(_name(span)))
                second[key] = gazetteer.resolve(
                    _name(span), focus=focus, context=context, area=True
                )
            region = second[key] or place
            if region is not None:
                found.append(Toponym(span=span, place=dataclasses.replace(region)))
            continue
        if span.start in parents:
            # "Paris, Texas", "Surrey, B.C.": the town inside the region the text gives
            reading = insides.get(span.start) or place
            if reading is not None:
                found.append(Toponym(span=span, place=reading))
            continue
        # "Georgia" in a report about Atlanta is the state: a country name too is read
        # again, and gives way where the focus country has a region of that name.
        key = fold(_name(span))
        if key not in second:
            context = _context(resolved, leaving_out=key)
            # a name repeated five times does not make its own first reading the focus
            # ("Cornwall" read as Ontario's outvoting "England" and "Camborne")
            own = votes.winner(leaving_out=key)
            second[key] = gazetteer.resolve(_name(span), focus=own or focus, context=context)
        chosen = second[key]
        listed = _listed_regions(first, number)
        if chosen is not None and chosen.precision < geo.PRECISION_ADMIN1 and listed:
            # "Utah, Washington and Wisconsin": listed among regions, the region of the name
            # in their country, when its town reading lies outside it (the capital, a
            # namesake abroad); "Lima, Cusco y Puno" keeps Lima, inside Lima region
            region = gazetteer.resolve(_name(span), focus=listed[0].country, area=True)
            if (
                region is not None
                and region.precision == geo.PRECISION_ADMIN1
                and region.country in {other.country for other in listed}
                and (region.country, region.admin1) != (chosen.country, chosen.admin1)
            ):
                chosen = region
        if chosen is not None:
            found.append(Toponym(span=span, place=dataclasses.replace(chosen)))
        elif place is not None:
            found.append(Toponym(span=span, place=place))
    return found


def _holds(area: Place, place: Place) -> bool:
    """True when `place` lies in `area`, a country or a first-level region."""
    if place.country != area.country:
        return False
    return area.precision == geo.PRECISION_COUNTRY or place.admin1 == area.admin1


def _listed_regions(first: list[tuple[Span, Place | None]], number: int) -> list[Place]:
    """Return the first-level regions, as first read, listed right before or after toponym
    `number` of `first`, with only a comma or a conjunction between ("Ohio, Washington and
    Wisconsin"; "Manitoba, Ontario y New Brunswick")."""
    span = first[number][0]
    found = []
    for other in (number - 1, number + 1):
        if not 0 <= other < len(first):
            continue
        neighbour, place = first[other]
        left, right = (neighbour, span) if other < number else (span, neighbour)
        between = span.doc[left.end : right.start]
        if (
            place is not None
            and place.precision == geo.PRECISION_ADMIN1
            and 1 <= len(between) <= 2
            and all(token.lower_ in _LISTING for token in between)
        ):
            found.append(place)
    return found


def _region_noun_beside(span: Span, *, lexicon: Lexicon) -> bool:
    """True when a noun for a first-level region, in lower case, stands right before the name
    ("the department of La Paz", "la región Puno") or right after it ("the Kherson region",
    "Washington state")."""
    nouns = lexicon.words("places", "region_nouns")
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    after_nouns = nouns | lexicon.words("places", "region_nouns_after")
    if after is not None and after.is_lower and fold(after.text) in after_nouns:
        return True
    before = [doc[i] for i in range(max(0, span.start - 2), span.start)]
    if before and fold(before[-1].text) in _GENITIVE:
        before = before[:-1]
    return bool(before) and before[-1].is_lower and fold(before[-1].text) in nouns


def _parents(spans: list[tuple[Span, Place | None]], *, gazetteer: Gazetteer) -> dict[int, Place]:
    """Return, by a toponym's first token, the region or country written right after it
    with a comma between ("Paris, Texas"; "Juliaca, Puno"; "Kabul, Afghanistan"; "Buffalo,
    New York", though "New York" alone is the city)."""
    parents: dict[int, Place] = {}
    for (span, own), (after, place) in itertools.pairwise(spans):
        doc = span.doc
        comma = doc[span.end] if span.end < len(doc) else None
        written = comma is not None and comma.text == "," and after.start == span.end + 1
        # not a list of places ("Lima, Ayacucho y Cusco"), nor a region before another
        listed = (
            after.end + 1 < len(doc)
            and doc[after.end].lower_ in _LISTING
            and doc[after.end + 1].pos_ == "PROPN"
        )
        town = own is None or own.precision < 4
        if not written or listed or not town or place is None:
            continue
        if place.precision < 4:
            place = gazetteer.resolve(_name(after), area=True)
        if place is not None and place.precision >= 4:
            parents[span.start] = place
    return parents


def _context(toponyms: list[Toponym], *, leaving_out: str) -> geo.PlaceContext:
    """Return the countries and regions the other toponyms of a document are in.

    A town is likelier in a country or region the document names elsewhere ("London" beside
    "Ontario"); the name being resolved is left out, so that its own first reading does not
    vote for itself.
    """
    others = [t.place for t in toponyms if fold(_name(t.span)) != leaving_out]
    return geo.PlaceContext(
        countries=frozenset(place.country for place in others),
        regions=frozenset((p.country, p.admin1) for p in others if p.precision <= 4),
    )


def find_named_places(
    doc: Doc,
    *,
    toponyms: list[Toponym],
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    focus: str | None = None,
) -> list[Toponym]:
    """Return the places a text names without setting anything in them, in text order.

    A place inside a body's name ("the Kentucky State Police", "Environment Canada", "the
    Edmonton Journal"), a whole name the recognizer took for a body or a people ("Edmonton
    won", "Aleppo's fall"), a demonym ("Russian diplomats": Russia) and a continent or
    larger region ("in Africa", which gets no point and no country). They are listed among
    the document's places, as geoparsers list them, but place no event, set no scene and do
    not choose the focus country: `toponyms` does those. Inside a name, only a country, a
    region or a town of at least `NAMED_TOWN` people counts ("Churchill Downs" is no town).
    """
    taken = {i for toponym in toponyms for i in range(toponym.span.start, toponym.span.end)}
    regions = lexicon.words("places", "world_regions")
    # "the Centre for…", "Wall Street", "the African Union": common words inside a name
    not_places = (
        lexicon.words("places", "not_places")
        | lexicon.words("dates", "date_words")
        | lexicon.words("places", "place_nouns")
        | lexicon.words("places", "name_words")
    )
    found: list[Toponym] = []

    def add(span: Span, place: Place | None) -> None:
        if place is not None and not any(t.i in taken for t in span):
            found.append(Toponym(span=span, place=place))
            taken.update(range(span.start, span.end))

    def named(span: Span) -> Place | None:
        name = _name(span)
        if fold(name) in not_places or not name[:1].isupper():
            return None
        precision, population = gazetteer.size(name)
        if precision < 4 and population < NAMED_TOWN:
            return None
        context = _context(toponyms, leaving_out=fold(name))
        place = gazetteer.resolve(name, focus=focus, context=context)
        if place is None or name.isascii() != place.name.isascii():
            return None  # "Montaña" is no Montana
        known = place.country == focus or place.country in context.countries
        if place.precision < 6 and not known and len(gazetteer.countries_of(name)) > 1:
            return None  # "Defensoría del Pueblo" in a report on Peru: no Pueblo, Colorado
        return place

    # only where a region's first word stands ("Africa", "América Latina", "the Middle East")
    first_words = {region.split()[0] for region in regions}
    for start in range(len(doc)):
        if fold(doc[start].text) not in first_words:
            continue
        for end in range(min(len(doc), start + _MAX_WORDS), start, -1):
            span = doc[start:end]
            if fold(_name(span)) in regions and span[-1].text[:1].isupper():
                # a continent by GeoNames' id for it; a larger or looser region by none; no point
                world = Place(name=_name(span), country="", precision=WORLD_REGION)
                add(span, gazetteer.continent(_name(span)) or world)
                break
    for span, place in _repeated(doc, toponyms=toponyms, taken=taken):
        add(span, place)
    for ent in doc.ents:
        if ent.label_ in _ENTITY_LABELS or any(t.i in taken for t in ent):
            continue
        if ent.label_ in ("PERSON", "PER"):
            continue  # "Jackson", "Lincoln": a person's name holds no place
        for size in range(min(_MAX_WORDS, len(ent)), 0, -1):
            for first in range(ent.start, ent.end - size + 1):
                part = doc[first : first + size]
                if all(t.pos_ == "PROPN" for t in part):
                    add(part, named(part))
    for token in doc:
        if token.i in taken or not token.text[:1].isupper():
            continue
        iso3 = gazetteer.country_of_demonym(token.text)
        info = gazetteer.country(iso3) if iso3 else None
        if info is not None:
            add(doc[token.i : token.i + 1], gazetteer.resolve(info.name))
    found.sort(key=lambda toponym: toponym.span.start)
    return found


def _repeated(doc: Doc, *, toponyms: list[Toponym], taken: set[int]) -> list[tuple[Span, Place]]:
    """Return the other mentions of the toponyms' names, each with its toponym's place.

    A name the document uses as a place means that place wherever it stands, though the
    recognizer took it there for a person, a people or a body ("the bombardment of Aleppo"
    and "the destruction of Aleppo" tagged NORP; "the Cairns police force"; "the Innisfail
    skater"). A name that is a word of a person's full name ("Castillo" beside "Pedro
    Castillo") is left where the recognizer saw a person, and so is the name inside a
    person's name of several words.
    """
    known: dict[str, Place] = {}
    written: set[str] = set()
    for toponym in toponyms:
        # a name the recognizer itself saw as a place somewhere, or a country's or region's
        # ("Day" or "Xinhua" found once by the gazetteer alone are not repeated)
        place_like = toponym.place.precision >= 4 or toponym.span.root.ent_type_ in ("GPE", "LOC")
        if place_like:
            known.setdefault(fold(_name(toponym.span)), toponym.place)
            written.add(toponym.span.text)
    if not known:
        return []
    persons = [ent for ent in doc.ents if ent.label_ in ("PERSON", "PER") and len(ent) >= 2]
    in_person = {t.i for ent in persons for t in ent}
    surnames = {fold(t.text) for ent in persons for t in ent}
    longest = max(len(key.split()) for key in known)
    found: list[tuple[Span, Place]] = []
    start = 0
    while start < len(doc):
        token = doc[start]
        if token.i in taken or token.i in in_person or not token.text[:1].isupper():
            start += 1
            continue
        for end in range(min(len(doc), start + longest), start, -1):
            span = doc[start:end]
            key = fold(_name(span))
            place = known.get(key)
            if place is None or any(t.i in taken or t.i in in_person for t in span):
                continue
            if key in surnames and place.precision < 4:
                continue
            if span.text.isupper() and span.text not in written:
                continue  # "UN", "EU": an initialism is a place only as the text wrote one
            found.append((span, place))
            start = end - 1
            break
        start += 1
    return found


@dataclass(slots=True)
class _Votes:
    """The votes of a document's toponyms and demonyms for the country it is about."""

    total: Counter[str]
    by_name: dict[str, Counter[str]]  # the toponyms' votes by folded name
    order: dict[str, int]  # where each country is first mentioned

    def winner(self, *, leaving_out: str | None = None) -> str | None:
        """Return the country with most votes (ties: the one mentioned first), the votes of
        the toponyms called `leaving_out` left out."""
        votes = self.total
        if leaving_out is not None and leaving_out in self.by_name:
            votes = self.total - self.by_name[leaving_out]
        if not votes:
            return None
        return max(votes, key=lambda iso3: (votes[iso3], -self.order[iso3]))


def _count_votes(
    toponyms: list[Toponym], *, doc: Doc, gazetteer: Gazetteer, lexicon: Lexicon
) -> _Votes:
    markers = lexicon.words("places", "locative_markers")
    votes = _Votes(Counter(), {}, {})
    dateline = dateline_place_span(text_of(doc))
    for toponym in toponyms:
        preposition = _preposition_of(toponym.span.root)
        weight = 3 if preposition is not None and fold(preposition.text) in markers else 1
        if dateline is not None and toponym.span.start_char == dateline[0]:
            weight = 5
        country = toponym.place.country
        votes.total[country] += weight
        votes.by_name.setdefault(fold(_name(toponym.span)), Counter())[country] += weight
        votes.order.setdefault(country, toponym.span.start)
    for token in doc:
        if (token.is_alpha and token.ent_type_ in ("NORP", "")) or token.pos_ == "ADJ":
            iso3 = gazetteer.country_of_demonym(token.text)
            if iso3:
                votes.total[iso3] += 1
                votes.order.setdefault(iso3, token.i)
    return votes


def focus_country(
    toponyms: list[Toponym], *, doc: Doc, gazetteer: Gazetteer, lexicon: Lexicon
) -> str | None:
    """Return the ISO3 code of the country the document is about.

    Each toponym votes for its country: once, three times when something happens there
    ("in Peru"), five times for the dateline's place; each demonym ("Peruvian") votes once.
    Ties go to the country mentioned first.
    """
    return _count_votes(toponyms, doc=doc, gazetteer=gazetteer, lexicon=lexicon).winner()


def event_place(
    trigger: Token,
    *,
    toponyms: list[Toponym],
    lexicon: Lexicon,
    exclude: set[int],
    inside_object: bool = True,
    elsewhere: set[int] | frozenset[int] = frozenset(),
) -> Place | None:
    """Return the place the trigger's own clause gives it ("in Juliaca"), or None.

    A toponym counts when it hangs from a locative preposition whose head is the trigger or
    one of the words governing it, and it is not part of the actor's or recipient's words
    (`exclude` holds their token indices). With `inside_object`, a phrase deeper in the
    trigger's own words counts too ("blocked roads in Puno"); a statement is not placed by
    what it is about ("called for an inquiry into the deaths in Ayacucho"). Toponyms in
    `elsewhere` never place the event ("recalled its ambassadors in Argentina").
    """
    markers = lexicon.words("places", "locative_markers")
    governing = {trigger.i} | {t.i for t in governing_chain(trigger, limit=6)}
    sent = trigger.sent
    origins = lexicon.words("places", "origin_markers")
    best: Place | None = None
    fallback: Place | None = None
    origin: Place | None = None
    for toponym in toponyms:
        root = toponym.span.root
        if not sent.start <= root.i < sent.end or root.i in elsewhere:
            continue
        anchor = root
        preposition = _preposition_of(anchor)
        if preposition is not None and fold(preposition.text) not in markers:
            # "in the town of Andahuaylas": the place noun carries the locative.
            noun = attachment_of(anchor)
            if fold(noun.lemma_) in lexicon.words("places", "place_nouns"):
                anchor = noun
                preposition = _preposition_of(noun)
        if preposition is None or fold(preposition.text) not in markers:
            continue
        if root.i in exclude:
            # "arrested by police in Lima": said of an argument, true of the event too,
            # unless its own clause names a place; "asked Mexico for asylum" is no place
            if attachment_of(anchor).pos_ in ("NOUN", "PROPN"):
                fallback = fallback or toponym.place
            continue
        chain = list(governing_chain(anchor, limit=4))
        attached = {t.i for t in chain}
        near = attachment_of(anchor).i in governing or (inside_object and trigger.i in attached)
        if near and _comes_from(anchor, chain, trigger=trigger, origins=origins):
            # "sent soldiers from barracks in Tacna to Puno": where they left from
            origin = origin or toponym.place
        elif near and (best is None or toponym.place.precision < best.precision):
            best = toponym.place
    return best or fallback or origin


def _comes_from(
    anchor: Token, chain: list[Token], *, trigger: Token, origins: frozenset[str]
) -> bool:
    """True when a word of origin ("from", "desde") stands between a toponym and the trigger.

    English hangs the preposition between the noun and its head; UD hangs it from the noun.
    """
    for word in [anchor, *chain]:
        if word.i == trigger.i:
            return False
        if fold(word.text) in origins:
            return True
        if any(c.dep_ == "case" and fold(c.text) in origins for c in word.children):
            return True
    return False


def setting_of(sent: Span, *, toponyms: list[Toponym], lexicon: Lexicon) -> Place | None:
    """Return the place a sentence sets its scene in ("clashes broke out in Juliaca"), if any.

    The last toponym below country level that hangs from a scene preposition ("in", "at",
    "near"; not "from" or "to", which name where people come from or go) is the scene the
    next sentences of the paragraph stay in until another is set.
    """
    markers = lexicon.words("places", "scene_markers")
    setting: Place | None = None
    for toponym in toponyms:
        root = toponym.span.root
        if not sent.start <= root.i < sent.end or toponym.place.precision >= 6:
            continue
        if not _on_marker(root, markers, lexicon=lexicon):
            continue
        # "clashes broke out in Juliaca", "villagers in Laraqueri stopped the trucks"; not
        # what a clause is about ("announced a curfew in Puno", "the deaths in Ayacucho")
        holder = attachment_of(root)
        listed = [t for t in toponyms if t is not toponym and t.span.root in root.conjuncts]
        if any(
            (t.place.admin1 or t.place.name) != (toponym.place.admin1 or toponym.place.name)
            for t in listed
        ):
            # "con organizaciones en Lima, Ayacucho y Cusco": several regions set no one scene
            continue
        if holder.pos_ in ("VERB", "AUX") or holder.dep_ in ("nsubj", "nsubjpass", "ROOT"):
            setting = toponym.place
    return setting


def _on_marker(root: Token, markers: frozenset[str], *, lexicon: Lexicon) -> bool:
    """True when a toponym hangs from a preposition of `markers`, itself or through the place
    noun it names ("in the town of Andahuaylas")."""
    preposition = _preposition_of(root)
    if preposition is not None and fold(preposition.text) not in markers:
        noun = attachment_of(root)
        if fold(noun.lemma_) in lexicon.words("places", "place_nouns"):
            preposition = _preposition_of(noun)
    return preposition is not None and fold(preposition.text) in markers


def setting_within(
    trigger: Token,
    *,
    toponyms: list[Toponym],
    lexicon: Lexicon,
    elsewhere: set[int] | frozenset[int] = frozenset(),
) -> Place | None:
    """Return the place deeper in a material event's own words sets it in, or None.

    A toponym below country level in the trigger's subtree, on a scene preposition, sets
    the event there however far down it hangs: "opened fire on protesters who were sitting
    at the toll gate in Lagos", "set fire to police stations and shops in Lagos". Places of
    different regions set none ("marches in Caracas and Maracay").
    """
    markers = lexicon.words("places", "scene_markers")
    subtree = {t.i for t in trigger.subtree}
    found: list[Place] = []
    for toponym in toponyms:
        root = toponym.span.root
        if root.i not in subtree or root.i in elsewhere or toponym.place.precision >= 6:
            continue
        if _on_marker(root, markers, lexicon=lexicon):
            found.append(toponym.place)
    if not found or len({p.country for p in found}) > 1:
        return None
    if len({p.admin1 or p.name for p in found}) > 1:
        return None
    return min(found, key=lambda p: p.precision)


def _preposition_of(root: Token) -> Token | None:
    """Return the preposition a toponym depends on, in either label scheme."""
    current = root
    for _ in range(3):
        if current.dep_ == "pobj" and current.head.pos_ == "ADP":
            return current.head
        case = next((c for c in current.children if c.dep_ == "case"), None)
        if case is not None:
            return case
        if current.dep_ in ("conj", "appos", "compound", "flat", "pobj"):
            current = current.head
            continue
        return None
    return None


def _candidate_spans(doc: Doc, *, gazetteer: Gazetteer, lexicon: Lexicon) -> list[Span]:
    """Return the spans that name places, in text order.

    The recognizer's GPE, LOC and FAC entities (split where it joined two: "Apurímac and
    Ayacucho"), the dateline's place, and names the recognizer missed or mislabelled
    ("the town of Andahuaylas" as an organization) when the gazetteer knows them and the
    words around them say they are places.
    """
    # the words of dates are no places ("Nov. 14" is not Nov, Tajikistan)
    not_places = lexicon.words("places", "not_places") | lexicon.words("dates", "date_words")
    # a word for a site is none on its own ("la Plaza de Mayo" cut short is no Plaza, Poland)
    sites = lexicon.words("places", "site_nouns")
    person_markers = lexicon.words("places", "person_object_markers")
    world_regions = lexicon.words("places", "world_regions")
    named_after = lexicon.words("places", "named_after_nouns")
    # "Castillo" is a town too; in a report that names Pedro Castillo it is him.
    surnames = {
        fold(word)
        for ent in doc.ents
        if ent.label_ in ("PERSON", "PER") and len(ent) >= 2
        for word in ent.text.split()[1:]
    }
    taken: set[int] = set()
    spans: list[Span] = []

    def add(span: Span, *, listed: bool = False) -> None:
        name = fold(_name(span))
        if name.rstrip(".") in not_places or any(t.i in taken for t in span):
            return
        if name in sites and not listed:
            return
        if name in world_regions:
            return  # "Asia" is a continent before it is a town in the Philippines
        if not listed and not any(character.isupper() for character in span.text):
            # a place's name is capitalized ("hiding in the bush" is no Bush, Egypt); the
            # user's own places are found in any case
            return
        if fold(attachment_of(span.root).lemma_) in named_after and _names(span.root):
            return  # "the Doha agreement", "el acuerdo de Pretoria": a name, not a setting
        if name in surnames and not _region_or_country(gazetteer, _name(span)):
            return
        root = span.root
        personal = root.dep_ in ("obj", "dobj") and any(
            c.dep_ == "case" and fold(c.text) in person_markers for c in root.children
        )
        if personal and not _region_or_country(gazetteer, _name(span)):
            return  # "llamó en consulta a Talavera": the personal "a" marks a person
        spans.append(span)
        taken.update(range(span.start, span.end))

    for named in _user_place_spans(doc, gazetteer=gazetteer):
        add(named, listed=True)
    dateline = dateline_place_span(text_of(doc))
    if dateline is not None:
        span = doc.char_span(*dateline, alignment_mode="expand")
        if span is not None and gazetteer.is_known(span.text):
            add(span)
    for ent in doc.ents:
        if ent.label_ in _ENTITY_LABELS:
            # "Bosnia and Herzegovina" is one place, "Apurímac and Ayacucho" two
            whole = gazetteer.is_known(_name(ent))
            for part in [ent] if whole else _split_list(ent, lexicon=lexicon):
                part = _after_place_noun(part, lexicon=lexicon)
                if gazetteer.is_known(_name(part)):
                    add(part)
        elif ent.label_ in _BLOCKING_LABELS:
            country = ent.label_ != "NORP" and gazetteer.country_named(_name(ent)) is not None
            if country or (
                _in_place_context(ent.root, lexicon=lexicon) and gazetteer.is_known(_name(ent))
            ):
                # "embajador de México" tagged as a person is still Mexico.
                add(ent)
            else:
                taken.update(range(ent.start, ent.end))
    # "Pionirski Park", "Tahrir Square": the word for a site that ends a place the
    # recognizer found and the gazetteer does not know is part of that name, not a place of
    # its own ("Park" is no Park County, Wyoming); "North London" is still London
    inside = {
        ent.root.i
        for ent in doc.ents
        if ent.label_ in _ENTITY_LABELS and ent.root.i > ent.start and fold(ent.root.text) in sites
    }
    for token in doc:
        if token.i in taken or not token.text[:1].isupper() or token.pos_ != "PROPN":
            continue
        if token.i in inside:
            continue
        if token.text.isupper() and len(token.text) > 1:
            if gazetteer.country_named(token.text) is not None:
                add(token.doc[token.i : token.i + 1])  # "the DRC", "EE.UU."
            continue  # an initialism the recognizer did not tag is a body ("BLA" is no Bla, Mali)
        span = _proper_run(token)
        precision, population = gazetteer.size(span.text)  # (0, 0): no place of that name
        if (
            (precision >= 4 and not token.is_sent_start)
            or (precision and _in_place_context(span.root, lexicon=lexicon))
            or population >= NAMED_TOWN  # "Edmonton received a B grade"
        ):
            add(span)
    spans.sort(key=lambda span: span.start)
    return spans


def _user_place_spans(doc: Doc, *, gazetteer: Gazetteer) -> list[Span]:
    """Find the user's places by name, in any case and with or without accents.

    The recognizer does not know "Pan American highway" or "aeropuerto Inca Manco Cápac" is
    a place; the user who listed it does. Longer names win where names overlap.
    """
    phrases = gazetteer.user_phrases()
    if not phrases:
        return []
    words: list[tuple[str, int]] = [
        (word, token.i) for token in doc for word in re.findall(r"\w+", geo.fold(token.text))
    ]
    starting: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        starting.setdefault(phrase[0], []).append(phrase)
    spans: list[Span] = []
    position = 0
    while position < len(words):
        for phrase in starting.get(words[position][0], ()):
            found = tuple(word for word, _ in words[position : position + len(phrase)])
            if found == phrase:
                first, last = words[position][1], words[position + len(phrase) - 1][1]
                spans.append(doc[first : last + 1])
                position += len(phrase)
                break
        else:
            position += 1
    return spans


def _after_place_noun(span: Span, *, lexicon: Lexicon) -> Span:
    """ "provincia de El Collao", "the region of Puno": the name after the place noun."""
    words = [fold(t.text) for t in span[:4]]
    nouns = lexicon.words("places", "place_nouns")
    for i, word in enumerate(words[:-2]):
        if word in nouns and words[i + 1] in ("de", "del", "of"):
            return span[i + 2 :]
    return span


def _region_or_country(gazetteer: Gazetteer, name: str) -> bool:
    """True when a name is a country's or a first-level region's: not a person's surname even
    when the recognizer took a unit named after it for a person ("Comando Unificado de Puno")."""
    return any(place.precision >= 4 for place in gazetteer.candidates(name))


def _split_list(ent: Span, *, lexicon: Lexicon) -> list[Span]:
    joiners = lexicon.words("places", "list_joiners")
    parts: list[Span] = []
    start = ent.start
    for token in ent:
        if fold(token.text) in joiners:
            if token.i > start:
                parts.append(ent.doc[start : token.i])
            start = token.i + 1
    if start < ent.end:
        parts.append(ent.doc[start : ent.end])
    return parts or [ent]


def _names(root: Token) -> bool:
    """True when a place's name qualifies the noun it hangs from ("the Doha agreement",
    "the agreement of Pretoria", "el acuerdo de Pretoria"), not where it was made ("signed
    an agreement in Doha")."""
    if root.dep_ in ("compound", "amod"):
        return True
    preposition = _preposition_of(root)
    return preposition is not None and fold(preposition.text) in _GENITIVE


def _proper_run(token: Token) -> Span:
    """Return the run of capitalized proper nouns starting at `token` ("San Juan")."""
    doc = token.doc
    end = token.i + 1
    while end < len(doc) and end - token.i < _MAX_WORDS and doc[end].pos_ == "PROPN":
        end += 1
    return doc[token.i : end]


def _in_place_context(root: Token, *, lexicon: Lexicon) -> bool:
    """True after a locative preposition ("in Juliaca") or a place noun ("town of X")."""
    preposition = _preposition_of(root)
    if preposition is None:
        return False
    if fold(preposition.text) in lexicon.words("places", "locative_markers"):
        return True
    current = root
    while current.dep_ in ("conj", "appos", "compound", "flat") and current.head != current:
        current = current.head
    noun = attachment_of(current)
    return fold(noun.lemma_) in lexicon.words("places", "place_nouns")


def _name(span: Span) -> str:
    """Return a toponym without a leading article or possessive ending.

    A capitalized article inside a sentence belongs to the name ("El Collao", "La Paz"), and
    so does one in a name written in capitals ("LA PAZ, 3 de marzo —"); the gazetteer also
    finds names without their article ("The Hague" as "Hague" if need be).
    """
    capitals = span.text.isupper()
    words = [
        t
        for t in span
        if not (
            t.i == span.start
            and fold(t.text) in ("the", "el", "la")
            and (t.is_lower or (t.is_sent_start and not capitals))
        )
    ]
    words = [t for t in words if t.text not in ("'s", "’s", "'", "’")]
    return "".join(t.text_with_ws for t in words).strip()
