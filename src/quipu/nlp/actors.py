"""Actors: from the words of a noun phrase to a canonical actor with country and sector.

`ActorResolver` is built once per Doc. It knows the people the document names in full
("Pedro Castillo") so that later surnames ("Castillo") resolve to them, resolves pronouns
and references to lists named before through its base (`references.References`), reads
envoys as the state they represent ("Russia's ambassador"), splits coordinated phrases
into a compound actor with members, and reads country (country names, demonyms,
possessives: "Peru's police", "US ambassador", "Peruvian military") and sector (keywords and
titles from `resources/<lang>/actors.yaml`) from the phrase itself, never from elsewhere.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..records import Actor
from .directory import default_directory
from .gazetteer import PRECISION_ADMIN1, CountryInfo, Gazetteer, get_gazetteer
from .lexicon import Lexicon, fold
from .names import (
    PERSON_LABELS,
    clean_name,
    contiguous_tail,
    named_persons,
    person_name,
    proper_tail,
    with_flat,
)
from .references import ARGUMENT_DEPS, SUBJECT_DEPS, References, plural
from .syntax import (
    conjuncts,
    is_possessive,
    is_relative,
    marker_of,
    phrase_tokens,
    prepositional_args,
    tokens_text,
)

ORG_LABELS = frozenset({"ORG"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
_DROP_FROM_NAME = frozenset({"det", "poss", "case", "predet", "punct", "nummod", "quantmod"})
_NAME_LABELS = frozenset({"PERSON", "PER", "ORG", "MISC"})
_MODIFIERS = frozenset({"compound", "amod", "nmod", "flat", "appos", "poss"})
# How the parser hangs a name set beside the noun for its kind ("the party [Semilla]").
_APPOSED = frozenset({"appos", "flat", "flat:name"})
# Who leads, governs or represents a state, party or force, and so may stand for it.
_OFFICIAL_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "PTY"})
_RELATIVE_CLAUSES = frozenset({"relcl", "acl", "acl:relcl"})
# How nations named before a noun hang from it ("[Ugandan] and Congolese troops").
_NATION_MODIFIERS = frozenset({"amod", "nmod", "compound"})
# How a participle of backing hangs from the noun it describes ("Rwanda-backed rebels").
_BACKING_DEPS = frozenset({"amod", "acl"})


def document_resolver(doc: Doc, *, lexicon: Lexicon) -> ActorResolver:
    """The actor resolver of a Doc the places and actors stages have run on: over its
    gazetteer, its focus country and the persons it names (`doc._.persons`)."""
    return ActorResolver(
        doc,
        lexicon=lexicon,
        gazetteer=doc._.gazetteer or get_gazetteer(),
        focus=doc._.focus.country if doc._.focus is not None else None,
        persons=doc._.persons,
    )


# The sectors of a group the directory may name in lower case (`_group_in_lower_case`)
_GROUP_SECTORS = frozenset({"REB", "OPP", "PTY"})


class ActorResolver(References):
    """Resolve noun phrases of one Doc to `Actor` records."""

    def __init__(
        self,
        doc: Doc,
        *,
        lexicon: Lexicon,
        gazetteer: Gazetteer,
        focus: str | None = None,
        persons: dict[str, str] | None = None,
    ) -> None:
        """Prepare the resolution of the noun phrases of `doc`.

        Args:
            doc: the parsed Doc.
            lexicon: the word lists of its language.
            gazetteer: where places are.
            focus: the document's focus country (ISO alpha-3), for "the government".
            persons: the full names of the persons it names (`named_persons`); found here
                when not given.
        """
        self.doc = doc
        self.focus = focus
        self.sentence_starts = [sent.start for sent in doc.sents] or [0]
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.entity_at: dict[int, Span] = {}
        # where things are said ("on Twitter") are no one, whatever the recognizer says
        channels = lexicon.words("events", "channels")
        for ent in doc.ents:
            if fold(ent.text) in channels:
                continue
            if len(ent) == 1 and ent[0].pos_ in ("ADJ", "VERB") and ent[0].tag_ != "NNP":
                # "[Fierce] fighting", "[Coordinated] airstrikes": a sentence's capitalized
                # first word the recognizer took for a name describes the noun after it
                continue
            for token in ent:
                self.entity_at[token.i] = ent
        self.full_names = persons if persons is not None else named_persons(doc, lexicon=lexicon)
        self.titles = {fold(k): v for k, v in (lexicon.actors.get("titles") or {}).items()}
        self.people = lexicon.words("actors", "people_nouns")
        self.collective = lexicon.words("events", "collective_nouns")
        self.member_markers = lexicon.words("events", "member_markers")
        self.definite = lexicon.words("events", "definite_determiners")
        self.envoys = [fold(e).split() for e in lexicon.words("events", "envoy_nouns")]
        self.envoy_words = {word for words in self.envoys for word in words}
        self.things = lexicon.words("actors", "not_actors")
        self.capitals: dict[str, CountryInfo | None] = {}
        self.where_markers = lexicon.words("events", "scene_prepositions") | lexicon.words(
            "events", "recipient_markers"
        )
        self.genitive = lexicon.words("events", "genitive_markers")

    # -- public -----------------------------------------------------------------------

    def resolve(
        self, head: Token, *, speaker: Actor | None = None, allow_pronoun: bool = True
    ) -> Actor | None:
        """Return the actor named by the phrase headed by `head`, or None if it names none
        (without `allow_pronoun`, a pronoun in it names no one: what a pronoun points back at
        is resolved so, lest a list holding a pronoun point back at itself)."""
        if is_relative(head) and head.head.dep_ in ("relcl", "acl", "acl:relcl", "csubj"):
            # "the factions that ousted Castillo", "la mandataria, quien acusó", and the
            # cleft "fueron comuneros quienes rescataron": the noun.
            head = head.head.head
            if self.is_thing(head):
                # "la renuncia de la fiscal, a quienes acusan": the parser may hang the clause
                # from the thing asked for; the people are those it is of
                head = self._owner_of(head) or head
        members = conjuncts(head)
        shared = self._of_each_nation(head, speaker=speaker) if len(members) == 1 else None
        if shared is not None:
            return shared
        if len(members) == 1 and fold(head.lemma_) in self.collective:
            members = [head, *(self._listed_members(head) or self._listed_before(head))]
        if len(members) > 1:
            if fold(head.lemma_) in self.collective and plural(head):
                # "the governments of X and Y" are X and Y; "the minister, X, and Y" is three
                members = [t for t in members if t != head]
            resolved = [
                self._single(t, speaker=speaker, allow_pronoun=allow_pronoun) for t in members
            ]
            found = [actor for actor in resolved if actor is not None]
            if not found:
                return None
            if len(found) == 1:
                return found[0]
            words = phrase_tokens(head)
            # the words as written, commas and "and" included
            text = self.doc[words[0].i : words[-1].i + 1].text if words else head.text
            countries = {actor.country for actor in found}
            sectors = {actor.sector for actor in found}
            return Actor(
                text=text,
                name=", ".join(actor.name for actor in found),
                country=countries.pop() if len(countries) == 1 else None,
                sector=sectors.pop() if len(sectors) == 1 else None,
                members=found,
            )
        return self._single(head, speaker=speaker, allow_pronoun=allow_pronoun)

    def is_country(self, token: Token) -> bool:
        """True for a country's name, alone or as the entity it heads ("the United States");
        the recognizer may sweep it into a longer one ("Los gobiernos de México")."""
        if token.pos_ != "PROPN":
            return False
        ent = self.entity_at.get(token.i)
        names = [clean_name(ent.text)] if ent is not None else []
        return any(self.gazetteer.country_named(name) is not None for name in [*names, token.text])

    def is_capital(self, token: Token) -> bool:
        """True for a country's capital named as such ("Tegucigalpa", "Kyiv", "Buenos Aires")."""
        if token.pos_ != "PROPN":
            return False
        ent = self.entity_at.get(token.i)
        name = ent.text if ent is not None else tokens_text(with_flat(token))
        return self._capital_of(clean_name(name)) is not None

    def _owner_of(self, thing: Token) -> Token | None:
        """The first noun of an "of"/"de" phrase of `thing` ("the release [of] X") that is
        no thing itself, or None."""
        for child in thing.children:
            noun = child
            if child.dep_ == "prep":
                noun = next((c for c in child.children if c.dep_ == "pobj"), child)
            elif child.dep_ != "nmod":
                continue
            if noun.pos_ in ("NOUN", "PROPN") and not self.is_thing(noun):
                return noun
        return None

    def is_thing(self, head: Token) -> bool:
        """True for a noun for a thing, place or act, never a side itself (`not_actors`),
        also as the first word of a name that no one bears ("el Acta por la Paz", "Plaza de
        Mayo"; not an organization's)."""
        if fold(head.lemma_) not in self.things and fold(head.text) not in self.things:
            return False
        ent = self.entity_at.get(head.i)
        named = head.pos_ == "PROPN" and (ent is None or ent.label_ not in _NAME_LABELS - {"MISC"})
        return head.pos_ == "NOUN" or named

    def is_envoy(self, head: Token) -> bool:
        """True for a word that names a state's envoys or mission abroad, alone or as part
        of a phrase ("ambassador", "chargé d'affaires", "personal diplomático")."""
        if fold(head.lemma_) not in self.envoy_words and fold(head.text) not in self.envoy_words:
            return False
        doc = head.doc
        for words in self.envoys:
            for offset in range(len(words)):
                start = head.i - offset
                if start < 0 or start + len(words) > len(doc):
                    continue
                span = doc[start : start + len(words)]
                pairs = zip(words, span, strict=True)
                if all(w in (fold(t.lemma_), fold(t.text)) for w, t in pairs):
                    return True
        return False

    def _envoys_of(self, head: Token, text: str) -> Actor | None:
        """ "Russia's ambassador", "the Iranian chargé d'affaires", "la embajadora de Israel",
        "el personal diplomático de Argentina, Chile y Uruguay": envoys stand for the state
        they represent, the side a summons or an expulsion is aimed at. None when the phrase
        names no country ("its ambassador", "the envoy")."""
        if not self.is_envoy(head):
            return None
        found: list[Token] = []
        for child in head.children:
            # "[Russia's] ambassador", "the [Iranian] chargé d'affaires" (not "of X")
            modifier = child.dep_ == "poss" or (
                child.dep_ in ("compound", "nmod", "amod") and not marker_of(child)
            )
            national = self.is_country(child) or self.gazetteer.country_of_demonym(child.text)
            if modifier and national:
                found.append(child)
        for marker, noun in prepositional_args(head):
            if marker in self.genitive and self.is_country(noun):
                found += [t for t in conjuncts(noun) if self.is_country(t)]
        states: list[Actor] = []
        for token in found:
            iso3 = self.gazetteer.country_of_demonym(token.text)
            info = self.gazetteer.country(iso3) if iso3 else None
            ent = self.entity_at.get(token.i)
            run = sorted([token, *(c for c in token.children if c.dep_ == "flat")], key=_at)
            # the country's words: its entity, or its name's run ("República Dominicana")
            names = [clean_name(ent.text)] if ent is not None else []
            words = next(
                (
                    n
                    for n in [*names, tokens_text(run), token.text]
                    if self.gazetteer.country_named(n)
                ),
                token.text,
            )
            info = info or self.gazetteer.country_named(words)
            if info is not None and info.iso3 not in {s.country for s in states}:
                states.append(_government(info, text=words))
        if not states:
            return None
        if len(states) == 1:
            return replace(states[0], text=text)
        return Actor(
            text=text, name=", ".join(s.name for s in states), sector="GOV", members=states
        )

    def is_actor_like(self, head: Token, *, strict: bool = False) -> bool:
        """Return True when the phrase headed by `head` can name an actor.

        With `strict`, a capitalized word the recognizer did not label does not count
        ("Mass protests" at the start of a sentence).
        """
        if head.pos_ == "PRON" or fold(head.text) in self.lexicon.pronoun_kind:
            # Spanish possessives ("su vacancia") are determiners
            return fold(head.text) in self.lexicon.pronoun_kind
        actor = self._single(head, speaker=None, allow_pronoun=False)
        if actor is None:
            return False
        return not (
            strict
            and head.pos_ == "PROPN"
            and self.entity_at.get(head.i) is None
            and (actor.sector is None and actor.country is None)
        )

    def place(self, head: Token) -> Actor | None:
        """Return who a named place on the receiving end of an event stands for: a country,
        a capital's government ("acusó a Washington"), a town's or region's people ("imposed
        a curfew on Lagos", "links to Tigray were cut"); None when `head` names no place the
        gazetteer knows in the report's country.

        Only for a recipient: where something happens is the event's place, and a place
        that acts as a subject is handled by `resolve` (countries and capitals).
        """
        ent = self.entity_at.get(head.i)
        if head.pos_ != "PROPN" or ent is None or ent.label_ not in PLACE_LABELS:
            return None
        name = clean_name(ent.text)
        country = self.gazetteer.country_named(name)
        if country is not None:
            return Actor(text=name, name=country.name, country=country.iso3)
        capital = self._capital_of(name)
        if capital is not None:
            # a capital on the receiving end stands for its government, as one acting does
            return _government(capital, text=name)
        found = self.gazetteer.resolve(name, focus=self.focus)
        if found is None or (self.focus is not None and found.country != self.focus):
            # a town abroad that shares a word of the report ("la Federación" of a Mexican
            # report is its federal government, not Federación in Argentina)
            return None
        # a town or region on the receiving end is its people ("a curfew on Lagos" is
        # imposed on its residents), not a side that anyone opposes
        return Actor(text=name, name=name, country=found.country, sector="CVL")

    def protesters(self, trigger: Token) -> Actor:
        """Return the generic protesters actor for a protest named only by its noun."""
        words = [t for t in phrase_tokens(trigger, with_conjuncts=False) if t.dep_ != "det"]
        return Actor(text=tokens_text(words) or trigger.text, name="protesters", sector="PRO")

    # -- one phrase -----------------------------------------------------------------

    def _single(
        self, head: Token, *, speaker: Actor | None, allow_pronoun: bool = True
    ) -> Actor | None:
        counted = self._counted(head)
        if counted is not None:
            # "Miles de manifestantes", "varios de los uniformados": who is counted acts.
            actor = self._single(counted, speaker=speaker, allow_pronoun=allow_pronoun)
            if actor is not None:
                words = phrase_tokens(head, with_conjuncts=False)
                actor.text = tokens_text(without_preposition(words))
            return actor
        if head.pos_ == "PRON" or fold(head.text) in self.lexicon.pronoun_kind:
            return self._pronoun(head, speaker=speaker) if allow_pronoun else None
        if allow_pronoun and self._bare_body(head):
            # "la entidad precisó…", "the office said": the institution named before
            antecedent = self._antecedent(head, kind="body")
            if antecedent is not None:
                found = self._single(antecedent, speaker=speaker, allow_pronoun=False)
                return replace(found, text=tokens_text(phrase_tokens(head))) if found else None
        titled = self._titled_antecedent(head) if allow_pronoun else None
        if titled is not None:
            # "the secretary-general", "el mandatario": the person named before with the title
            found = self._single(titled, speaker=speaker, allow_pronoun=False)
            if found is not None:
                return replace(found, text=tokens_text(phrase_tokens(head)))
        owner = self._relative_owner(head)
        if owner is not None:
            # "Brazil and Chile, whose leaders back Salas", "Canadá, cuyo embajador criticó a
            # Irán": a state's leaders, government or envoys stand for the state
            return replace(owner, text=tokens_text(phrase_tokens(head, with_conjuncts=False)))
        if self.is_thing(head):
            # "police stations", "la sede del Tribunal", "the decree": a thing is no side;
            # the one it belongs to may be (`ArgumentFinder` looks inside the phrase)
            return None
        tokens = self._without_backer(
            without_preposition(phrase_tokens(head, with_conjuncts=False))
        )
        text = tokens_text(tokens)
        country = self._country_in(tokens, head)
        person = self._person_in(tokens, head)
        led = self._led_by(head)
        if led is not None:
            # "her administration", "su gobierno": the government of the person meant,
            # named as the language names it ("Boluarte administration", "gobierno de Boluarte")
            sector = self.lexicon.sector_of.get(fold(head.lemma_))
            of = self.lexicon.actors.get("owned_as")
            name = of.format(owner=led.name, body=head.text) if of else f"{led.name} {head.text}"
            return Actor(text=text, name=name, country=led.country, sector=sector)
        envoys = self._envoys_of(head, text) if person is None else None
        if envoys is not None:
            return envoys
        named_kind = self._named_kind(head)
        if named_kind is not None:
            # "la ONG Foro Penal", "the opposition party Semilla", "el sindicato Sutep": the
            # name is the body's, the noun before it says what kind of body it is
            kind_name, kind_sector = named_kind
            return Actor(text=text, name=kind_name, country=country, sector=kind_sector)
        info = self.gazetteer.country_named(clean_name(text)) if head.pos_ == "PROPN" else None
        ent = self.entity_at.get(head.i)
        if info is not None and (ent is None or ent.label_ not in ORG_LABELS):
            # a country's name the recognizer took for a person ("México expresó…") or swept
            # into a longer entity ("Los gobiernos de México, Argentina…" tagged as one)
            return Actor(text=text, name=info.name, country=info.iso3)
        if person is not None:
            head_sector = self.lexicon.sector_of.get(fold(head.lemma_))
            compound_person = any(
                t.dep_ == "compound"
                and t.head == head
                and (
                    fold(t.text) in self.full_names
                    or getattr(self.entity_at.get(t.i), "label_", "") in PERSON_LABELS
                )
                for t in tokens
            )
            if head_sector is not None and self.entity_at.get(head.i) is None and compound_person:
                # "the Castillo government" is the government, led by the person.
                return Actor(
                    text=text, name=f"{person} {head.text}", country=country, sector=head_sector
                )
            return Actor(
                text=text,
                name=person,
                country=country,
                sector=self._title_sector(tokens) or self._body_led(head),
            )
        if ent is not None and ent.label_ in PLACE_LABELS | {"NORP"}:
            info = self.gazetteer.country_named(ent.text)
            if info is not None:
                return Actor(text=text, name=info.name, country=info.iso3)
            capital = self._capital_of(clean_name(ent.text))
            if capital is not None and head.dep_ in ARGUMENT_DEPS | {"poss"}:
                # "Washington demanded ...": a capital acting stands for its government
                return _government(capital, text=text)
        nation = self.gazetteer.country_of_demonym(head.text)
        if nation is not None and head.pos_ in ("NOUN", "PROPN"):
            # "the Palestinians", "los peruanos": a people, named by its country
            return Actor(text=text, name=clean_name(head.text), country=nation, sector="CVL")
        if self._names_protest(head):
            return self.protesters(head)
        sector = self._sector_in(self._own_words(tokens, head), head)
        if ent is not None and ent.label_ in ORG_LABELS:
            name = clean_name(ent.text)
            capital = self._capital_of(name) if head.dep_ in ARGUMENT_DEPS | {"poss"} else None
            if capital is not None:
                # "accused Minsk of…" with Minsk taken for an organization: its government
                return _government(capital, text=text)
            # "Human Rights Watch", "the Organization of American States": the name as a
            # whole is the keyword, and a demonym inside it is not the country
            whole = self.lexicon.sector_of.get(fold(name))
            inside = {t.i for t in ent}
            outside = [t for t in tokens if t.i not in inside]
            # "the Congress of South African Trade Unions", "la Central Obrera Boliviana":
            # the longest keyword of the name says what kind of body it is, and a country
            # named inside it is the body's own, unless it is an international body
            # a kind said before the name wins over a word of it: "the paramilitary [Rapid
            # Support Forces]" are no army
            said_before = [t for t in self._own_words(tokens, head) if t.i not in inside]
            kind = (
                whole
                or self._sector_in(said_before, head, head_first=False)
                or self._sector_in(list(ent), head, head_first=False)
                or sector
            )
            if len(ent) > 1 and fold(ent[-1].lemma_) in self.people:
                # "ECOWAS leaders", "Hamas members": the body they belong to is the side
                name = clean_name(ent[: len(ent) - 1].text)
            country = self._country_in(outside, head) if whole or outside else None
            if country is None and not whole and kind not in _INTERNATIONAL_SECTORS:
                country = self._country_in(list(ent), head)
            return Actor(text=text, name=name, country=country, sector=kind)
        people = fold(head.lemma_) in self.people or fold(head.text) in self.people
        if sector is not None or people:
            core = [t for t in tokens if t.i <= head.i and _in_name(t)]
            core = contiguous_tail(core, head) + proper_tail(tokens, head)
            if people and sector is not None:
                # "our brothers in the National Police": the complement says who they are.
                core = [t for t in tokens if t.dep_ not in _DROP_FROM_NAME and t.i >= core[0].i]
            # "ECOWAS leaders", "Hamas members", "fighters of the M23 rebel group",
            # "miembros del Tren de Aragua": the body they belong to is the side
            belongs_to = (self._body_named_before(head) if people else None) or (
                self._body_named_after(head)
            )
            name = belongs_to or tokens_text(core)
            info = self.gazetteer.country(country) if country else None
            governments = self.lexicon.words("actors", "government_nouns")
            bare = all(t == head or t.dep_ == "amod" for t in core)
            if info is not None and bare and governments & {fold(head.lemma_), fold(head.text)}:
                # "el gobierno de México", "Mexico's highest authorities": the state, by its
                # country's name, not a "gobierno" shared by every government named
                name = info.name
            return Actor(text=text, name=name, country=country, sector=sector)
        place_label = ent is not None and ent.label_ in PLACE_LABELS
        # "la juramentación de [Nicolás Maduro]" tagged as a place, "telephoned [Prabowo
        # Subianto]" as a building: a person's name all the same
        site_label = ent is not None and ent.label_ in PLACE_LABELS | {"FAC"}
        unknown_place = site_label and ent is not None and self._person_like(ent)
        if head.pos_ == "PROPN" and (
            ent is None
            or ent.label_ in _NAME_LABELS
            or (place_label and head.dep_ in SUBJECT_DEPS)
            or unknown_place
        ):
            # A name the recognizer missed ("Castillo" alone) or took for a place ("Morales
            # condemned ..."): a named actor all the same, unless the gazetteer knows it as a
            # place of the report's country.
            run = [t for t in tokens if t.pos_ == "PROPN" and t.i <= head.i]
            name = tokens_text(contiguous_tail(run, head) + proper_tail(tokens, head))
            capital = self._capital_of(name) if head.dep_ in ARGUMENT_DEPS | {"poss"} else None
            if capital is not None:
                # "accused Minsk of…", whatever the recognizer took it for: its government
                return _government(capital, text=text)
            if (ent is not None and not place_label) or not self._is_place_here(name):
                sector = self.lexicon.sector_of.get(fold(name))
                return Actor(text=text, name=name, country=country, sector=sector)
        return self._group_in_lower_case(head, text=text)

    def _group_in_lower_case(self, head: Token, *, text: str) -> Actor | None:
        """A movement or armed group the directory names, written as Spanish writes such
        names, in lower case ("los hutíes"; "los talibanes", who have been rebels and a
        government); not a domestic body the directory reads by a common noun ("la
        policía"), nor a person."""
        if head.pos_ not in ("NOUN", "ADJ") or not head.text.islower():
            return None
        directory = self.doc._.directory or default_directory()
        entry = directory.by_name.get(fold(head.text))
        if entry is None or entry.domestic:
            return None
        if not any(role.sector in _GROUP_SECTORS for role in entry.roles):
            return None
        # the sector on the event's day is the directory's to give (`ActorDirectory.apply`)
        return Actor(text=text, name=entry.name, country=entry.country)

    def _body_named_after(self, head: Token) -> str | None:
        """The body a noun for people belongs to, named after it: "fighters of [the M23]
        rebel group", "miembros del [Tren de Aragua]": the proper name of its "of"
        complement, when the recognizer tags it an organization or it names a kind of body."""
        for marker, noun in prepositional_args(head):
            if marker not in self.lexicon.words("events", "genitive_markers"):
                continue
            names = [
                t
                for t in noun.subtree
                if t.pos_ == "PROPN" or (t.text.isupper() and len(t.text) > 1)
            ]
            if not names:
                return None
            ent = self.entity_at.get(names[0].i)
            if ent is not None and ent.label_ in ORG_LABELS:
                return clean_name(ent.text)
            # the recognizer may take a body's code for a place ("M23"): the gazetteer decides
            place = ent is not None and ent.label_ == "NORP"
            place = place or self.gazetteer.resolve(clean_name(names[0].text)) is not None
            if place:
                return None  # "residents of Lima", "vecinos de El Alto"
            if noun.pos_ == "PROPN":
                # "miembros del Tren de Aragua": a body by its name
                return tokens_text([t for t in noun.subtree if t.i >= names[0].i])
            if self._sector_in(list(noun.subtree), noun) is not None:
                # "fighters of the M23 rebel group", "members of the Viv Ansanm gang
                # coalition": the name of a kind of body, its first run of proper names
                run = [names[0]]
                indices = {t.i for t in names}
                while run[-1].i + 1 in indices:
                    run.append(head.doc[run[-1].i + 1])
                return tokens_text(run)
        return None

    def _body_named_before(self, head: Token) -> str | None:
        """The body a noun for people is named after ("[ECOWAS] leaders", "[Hamas]
        fighters"): a proper name before it that the recognizer tags as an organization
        or that is a sector keyword itself; None otherwise."""
        for child in head.children:
            # the tagger may take an acronym for an adjective ("ECOWAS leaders")
            named = child.pos_ == "PROPN" or (child.text.isupper() and len(child.text) > 1)
            if child.dep_ not in ("compound", "amod", "nmod") or not named or child.i > head.i:
                continue
            ent = self.entity_at.get(child.i)
            name = clean_name(ent.text) if ent is not None else child.text
            if (ent is not None and ent.label_ in ORG_LABELS) or fold(
                name
            ) in self.lexicon.sector_of:
                return name
        return None

    def _named_kind(self, head: Token) -> tuple[str, str] | None:
        """(name, sector) when `head` is a noun for a kind of body followed by the body's
        proper name in apposition ("the rights group [Foro Penal]", "la ONG [Foro Penal]");
        None for a title, which names a person ("the president, Joe Biden")."""
        lemma = fold(head.lemma_)
        if lemma in self.titles or fold(head.text) in self.titles:
            return None
        sector = self._sector_in(phrase_tokens(head, with_conjuncts=False), head, head_first=False)
        if sector is None:
            sector = self.lexicon.sector_of.get(lemma) or self.lexicon.sector_of.get(
                fold(head.text)
            )
        if sector is None:
            return None
        for child in head.children:
            if child.i > head.i and child.pos_ == "PROPN" and child.dep_ in _APPOSED:
                ent = self.entity_at.get(child.i)
                words = [t for t in child.subtree if t.i >= child.i and t.pos_ == "PROPN"]
                run = [child, *(c for c in child.children if c.dep_ in _APPOSED)]
                if head.pos_ == "PROPN":
                    # "ONG [Foro Penal]": the parser hangs the name's words flat from the noun
                    run = [c for c in head.children if c.dep_ in _APPOSED and c.i > head.i]
                name = (
                    clean_name(ent.text) if ent is not None else tokens_text(sorted(run, key=_at))
                )
                return (name or tokens_text(words)), sector
        return None

    def _person_like(self, ent: Span) -> bool:
        """ "la juramentación de [Nicolás Maduro]" tagged as a place: two to four capitalized
        words, none a place the gazetteer knows, not after a word for where ("para Tierra
        Caliente", "in West Africa")."""
        words = [t for t in ent if not t.is_punct]
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        where = before is not None and fold(before.text) in self.where_markers
        return (
            2 <= len(words) <= 4
            and all(t.is_title and t.pos_ == "PROPN" for t in words)
            and not where
            and self.gazetteer.resolve(clean_name(ent.text)) is None
            and not any(self.gazetteer.resolve(t.text) for t in words)
        )

    def _led_by(self, head: Token) -> Actor | None:
        """For "her administration", the person "her" refers to, and for "the administration
        led by Roberto Micheletti" ("la administración encabezada por"), the leader named
        (government heads only; "su embajador" is the envoy of the state the possessive
        stands for, not of a person)."""
        if self.lexicon.sector_of.get(fold(head.lemma_)) != "GOV" or self.is_envoy(head):
            return None
        leading = self.lexicon.words("actors", "leading_verbs")
        for child in head.children:
            if child.dep_ in ("acl", "amod") and fold(child.lemma_) in leading:
                # "led by X", "encabezada por X" (the parser may take X for an object)
                leader = next(
                    (n for m, n in prepositional_args(child) if m in ("by", "por")), None
                ) or next((c for c in child.children if marker_of(c) in ("by", "por")), None)
                found = self._single(leader, speaker=None, allow_pronoun=False) if leader else None
                if found is not None and found.name != found.text.lower():
                    return found
            possessive = is_possessive(child)
            kind = self.lexicon.pronoun_kind.get(fold(child.text))
            if possessive and kind == "person":
                antecedent = self._antecedent(child, kind=kind)
                if antecedent is not None:
                    return self._single(antecedent, speaker=None, allow_pronoun=False)
        return None

    def _of_each_nation(self, head: Token, *, speaker: Actor | None) -> Actor | None:
        """For "Ugandan and Congolese troops", "Cameroon and Chad officials", "tropas
        ugandesas y congoleñas": the same body of each nation named, one member each. None
        when the phrase names at most one nation before its noun."""
        nations: list[tuple[Token, CountryInfo]] = []
        for child in head.children:
            if child.dep_ not in _NATION_MODIFIERS or not child.conjuncts or marker_of(child):
                continue  # "los gobiernos de X y Y" name X and Y themselves
            for token in (child, *child.conjuncts):
                info = self._nation_of(token)
                if info is None:
                    return None
                nations.append((token, info))
            break
        if len(nations) < 2:
            return None
        base = self._single(head, speaker=speaker, allow_pronoun=False)
        if base is None or base.country != nations[0][1].iso3:
            return None
        by_name = fold(base.name) == fold(nations[0][1].name) or fold(base.name) == fold(
            nations[0][0].text
        )
        found = []
        for token, info in nations:
            # each as written, in the language's order ("Chad officials", "cancilleres chileno")
            own = sorted((token, head), key=_at)
            text = f"{own[0].text} {own[1].text}"
            name = info.name if by_name else text
            found.append(replace(base, text=text, name=name, country=info.iso3))
        words = phrase_tokens(head)
        text = self.doc[words[0].i : words[-1].i + 1].text if words else head.text
        return Actor(
            text=text,
            name=", ".join(actor.name for actor in found),
            sector=base.sector,
            members=found,
        )

    def _nation_of(self, token: Token) -> CountryInfo | None:
        """The country a word names or is the demonym of ("Chad", "ugandesas")."""
        iso3 = self.gazetteer.country_of_demonym(token.text)
        if iso3:
            return self.gazetteer.country(iso3)
        return self.gazetteer.country_named(token.text) if self.is_country(token) else None

    def _without_backer(self, tokens: list[Token]) -> list[Token]:
        """The phrase without who backs it ("[Rwanda-backed] M23 rebels", "[Iran-backed]
        militias", "las milicias [apoyadas por Irán]"): the backer is another side, and its
        country is not the actor's."""
        backing = self.lexicon.words("actors", "backing_words")
        dropped: set[int] = set()
        for token in tokens:
            word = fold(token.text)
            hyphenated = "-" in word and word.rsplit("-", 1)[1] in backing
            modifier = token.dep_ in _BACKING_DEPS and any(token.children)
            if hyphenated or (modifier and backing & {word, fold(token.lemma_)}):
                dropped |= {t.i for t in token.subtree}
        kept = [token for token in tokens if token.i not in dropped]
        return kept or tokens

    def _relative_owner(self, head: Token) -> Actor | None:
        """For "whose leaders" or "cuyo embajador", the one the relative clause is about
        (with the others listed with it): those who lead, govern or represent it stand for
        it. None for anyone else it has ("whose son") and for a named person ("whose
        president, Lula")."""
        owners = self.lexicon.words("actors", "relative_possessives")
        if not any(fold(child.text) in owners for child in head.children):
            return None
        lemma = fold(head.lemma_)
        leading = self.lexicon.sector_of.get(lemma) in _OFFICIAL_SECTORS or self.is_envoy(head)
        leading = leading or lemma in self.lexicon.words("actors", "leader_nouns")
        if not leading or any(child.dep_ == "appos" for child in head.children):
            return None
        clause = next((a for a in head.ancestors if a.dep_ in _RELATIVE_CLAUSES), None)
        if clause is None or clause.head == clause:
            return None
        return self.resolve(clause.head, speaker=None, allow_pronoun=False)

    def _capital_of(self, name: str) -> CountryInfo | None:
        """Return the country whose capital `name` is, if it is one (asked once a name)."""
        if name not in self.capitals:
            self.capitals[name] = self._look_up_capital(name)
        return self.capitals[name]

    def _look_up_capital(self, name: str) -> CountryInfo | None:
        place = self.gazetteer.resolve(name)
        if place is None or place.precision != 1:
            return None
        info = self.gazetteer.country(place.country)
        if info is None or not info.capital or fold(info.capital).split(",")[0] != fold(name):
            return None
        return info

    def _is_place_here(self, name: str) -> bool:
        """True when `name` is a country, a region, or a town of the document's country.

        "Castillo" is also a town in the Dominican Republic; in a report about Peru it is a
        person.
        """
        place = self.gazetteer.resolve(name, focus=self.focus)
        if place is None:
            return False
        return place.precision >= 4 or place.country == self.focus

    def _counted(self, head: Token) -> Token | None:
        """For a quantity heading a phrase ("thousands of X", "several of them"), return X."""
        vague = self.lexicon.mapping("numbers", "vague")
        if not (head.like_num or fold(head.text) in vague):
            return None
        # "several of them": a pronoun counted after these markers (`counted_pronoun_markers`)
        pronoun_markers = self.lexicon.words("actors", "counted_pronoun_markers")
        for child in head.children:
            for noun in [child, *child.children]:
                marker = marker_of(noun)
                if marker in ("of", "de") and noun.pos_ in ("NOUN", "PROPN"):
                    return noun
                if noun.pos_ == "PRON" and marker in pronoun_markers:
                    return noun
        return None

    def _names_protest(self, head: Token) -> bool:
        """ "the protests", "violent demonstrations": a protest noun stands for protesters,
        unless its modifier makes it another act ("Russia's missile strikes", "air strikes")."""
        if head.pos_ != "NOUN":
            return False
        triggers = self.lexicon.triggers.get(fold(head.lemma_), [])
        if not any(t.type == "PROTEST" and len(t.lemmas) == 1 for t in triggers):
            return False
        lemma = fold(head.lemma_)
        for child in head.children:
            if child.dep_ not in ("compound", "amod", "nmod") or child.i > head.i:
                continue
            phrases = self.lexicon.triggers.get(fold(child.lemma_), [])
            if any(t.type != "PROTEST" and t.lemmas[-1] == lemma for t in phrases):
                return False
        return True

    def _own_words(self, tokens: list[Token], head: Token) -> list[Token]:
        """Words that characterize the head itself: its modifiers, not its complements.

        "the release of the imprisoned president" is not a government actor, but "members
        of the armed forces" and "our brothers in the National Police" are what follows.
        """
        if fold(head.lemma_) in self.people or fold(head.text) in self.people:
            return tokens
        return [t for t in tokens if t == head or _modifies(t, head)]

    def _person_in(self, tokens: list[Token], head: Token) -> str | None:
        """Return the full name of the person the phrase names, preferring its head.

        A person who only owns the head ("Castillo's family members") is not the actor.
        """
        ordered = [head] + [t for t in tokens if t != head and not _possessor(t, head)]
        for token in ordered:
            ent = self.entity_at.get(token.i)
            if ent is not None and ent.label_ in PERSON_LABELS and not self._institution(ent):
                name = person_name(ent)
                if name and ent.end == head.i and head.pos_ == "PROPN" and not head.ent_type_:
                    # "Ana Cecilia Gervasi" with only "Ana Cecilia" tagged: the name runs
                    # on to the head it modifies
                    name = f"{name} {head.text}"
                if name:
                    return self._full_name(name)
            # a surname the document names in full, even when mis-tagged ("Morales" as
            # the plural of "morale")
            named = token.pos_ == "PROPN" or (token.pos_ == "NOUN" and token.is_title)
            if named and fold(token.text) in self.full_names:
                return self.full_names[fold(token.text)]
            if self._titled_name(token):
                # "el presidente mexicano, Andrés Manuel López Obrador", tagged MISC
                return tokens_text(with_flat(token))
        return None

    def _full_name(self, name: str) -> str:
        """The full name the document gives the person `name` names ("Pedro Castillo" is
        "Pedro Castillo Terrones"); but not when the word before the surname is not in it:
        "Martine Moïse" is not "Jovenel Moïse", "Grecia Rojas" not "Víctor Rojas"."""
        words = fold(name).split()
        full = self.full_names.get(words[-1]) if words else None
        if full is None or (len(words) >= 2 and words[-2] not in fold(full).split()):
            return name
        return full

    def _titled_name(self, token: Token) -> bool:
        """True for a proper name set beside a title ("the president, X"), which names a
        person whatever the recognizer took it for."""
        return (
            token.pos_ == "PROPN"
            and token.dep_ == "appos"
            and fold(token.head.lemma_) in self.titles
        )

    def _institution(self, ent: Span) -> bool:
        """True for an entity tagged as a person that names a body ("Defensoría del Pueblo",
        "Ministerio del Interior"): its first word is a sector keyword, not a title; or it
        opens with an article, as no person's name does ("La Confederación de …")."""
        if ent[0].pos_ == "DET":
            return True
        words = [t for t in ent if t.pos_ not in ("DET", "ADP")]
        first = fold(words[0].lemma_) if words else ""
        return first in self.lexicon.sector_of and first not in self.titles

    def _body_led(self, role: Token) -> str | None:
        """The sector of the body a person heads ("la titular de la institución", "the
        director of the health network"): who speaks for it speaks in its name."""
        if fold(role.lemma_) not in self.lexicon.words("actors", "heads_of"):
            return None
        for marker, body in prepositional_args(role):
            if marker not in ("of", "de", "del"):
                continue
            if self._bare_body(body, marked=True):
                # "la titular de la institución": the institution named before
                antecedent = self._antecedent(body, kind="body")
                if antecedent is None:
                    return None
                led = self._single(antecedent, speaker=None, allow_pronoun=False)
                return led.sector if led is not None else None
            return self._sector_in(phrase_tokens(body, with_conjuncts=False), body)
        return None

    def _title_sector(self, tokens: list[Token]) -> str | None:
        for token in tokens:
            sector = self.titles.get(fold(token.lemma_)) or self.titles.get(fold(token.text))
            if sector:
                return sector
        return None

    def _sector_in(
        self, tokens: list[Token], head: Token, *, head_first: bool = True
    ) -> str | None:
        """Return the sector of the longest keyword in the phrase, the head's own first
        (with `head_first`; else the longest wherever it is)."""
        words = [fold(t.text) for t in tokens]
        lemmas = [fold(t.lemma_) for t in tokens]
        nouns_only = self.lexicon.words("actors", "only_as_nouns")
        best: tuple[int, int, str] | None = None
        for size in (4, 3, 2, 1):
            for start in range(len(tokens) - size + 1):
                for seq in (words, lemmas):
                    sector = self.lexicon.sector_of.get(" ".join(seq[start : start + size]))
                    if sector is None:
                        continue
                    if size == 1 and seq[start] in nouns_only and tokens[start].pos_ == "ADJ":
                        continue  # "general elections", "elecciones generales"
                    covers_head = head_first and (
                        tokens[start].i <= head.i <= tokens[start + size - 1].i
                    )
                    rank = (size + (10 if covers_head else 0), -start, sector)
                    if best is None or rank > best:
                        best = rank
        return best[2] if best else None

    def _country_in(self, tokens: list[Token], head: Token) -> str | None:
        """Return the ISO3 country the phrase itself names ("Peru's", "US", "Peruvian")."""
        for token in tokens:
            if token == head:
                continue
            iso3 = self.gazetteer.country_of_demonym(token.text)
            if iso3:
                return iso3
            ent = self.entity_at.get(token.i)
            if ent is not None and ent.label_ in PLACE_LABELS | {"NORP"}:
                info = self.gazetteer.country_named(clean_name(ent.text))
                if info is not None:
                    return info.iso3
            if token.pos_ == "PROPN" and token.dep_ != "flat":
                # a name the recognizer swept into a longer entity ("El gobierno de Estados
                # Unidos" tagged whole as MISC)
                run = [token, *(c for c in token.children if c.dep_ == "flat")]
                info = self.gazetteer.country_named(tokens_text(sorted(run, key=_at)))
                if info is not None:
                    return info.iso3
        # no country named: a region or town the phrase names is in one ("el gobernador de
        # Texas", "the mayor of Kharkiv")
        for token in tokens:
            ent = self.entity_at.get(token.i)
            if token != head and ent is not None and ent.label_ in PLACE_LABELS:
                place = self.gazetteer.resolve(clean_name(ent.text), focus=self.focus)
                if place is not None and place.precision <= PRECISION_ADMIN1:
                    return place.country
        return None


# Bodies whose name may hold a country that is not theirs ("Organization of American States").
_INTERNATIONAL_SECTORS = frozenset({"IGO"})


def _modifies(token: Token, head: Token) -> bool:
    """True for a modifier of the head, directly or through other modifiers ("the [UN]
    [human] [rights] office": "human" modifies "rights", which modifies "office")."""
    current = token
    for _ in range(4):
        if current.dep_ not in _MODIFIERS or current.head == current:
            return False
        if current.head == head:
            return True
        current = current.head
    return False


def _government(country: CountryInfo, *, text: str) -> Actor:
    """A state's government, named by its country ("Washington said", "Russia's
    ambassador"), told by the words of the text."""
    return Actor(text=text, name=country.name, country=country.iso3, sector="GOV")


def _at(token: Token) -> int:
    return token.i


def _in_name(token: Token) -> bool:
    """Words of a canonical name: not articles or numbers, and a possessor only when it is
    an institution ("the attorney general's office"), not a country ("Peru's police")."""
    if token.dep_ == "poss" or (token.dep_ == "case" and token.head.dep_ == "poss"):
        possessor = token if token.dep_ == "poss" else token.head
        return possessor.pos_ == "NOUN" or any(
            t.pos_ == "NOUN" and t.dep_ == "compound" for t in possessor.children
        )
    if token.dep_ == "compound" and token.head.dep_ == "poss":
        return True
    if token.text in ("-", "‐"):
        return True  # "right-wing factions"
    return token.dep_ not in _DROP_FROM_NAME


def without_preposition(tokens: list[Token]) -> list[Token]:
    """Drop the preposition that introduced the phrase ("por la policía", "a Castillo")."""
    start = 0
    while start < len(tokens) - 1 and tokens[start].pos_ == "ADP":
        start += 1
    return tokens[start:]


def _possessor(token: Token, head: Token) -> bool:
    """True when `token` sits in a possessive of the head ("[Castillo's] family")."""
    current = token
    for _ in range(6):
        if current == head or current.head == current:
            return False
        if current.dep_ == "poss":
            return True
        if marker_of(current) in ("of", "de", "del") and head.pos_ == "NOUN":
            # "the wife and children of Pedro Castillo" are not Castillo.
            return True
        current = current.head
    return False
