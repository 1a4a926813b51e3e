"""Quipu's pipeline stages: thin spaCy components over the modules of this package.

Each stage declares what it requires and assigns (registered in `quipu.nlp.__init__`, and
only there) and writes its results to `doc._`. The order is: paragraphs (before the parser),
headlines (after it: lines in capitals parsed again in sentence case, and sentences
cut at a comma parsed again as one),
then places, dates, actors, certainty, detector, events, figures and stances.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .actors import document_resolver
from .certainty import find_quotations
from .coding import EventCoder
from .dates import find_dates
from .detector import can_hold_event, detect, load_model
from .gazetteer import get_gazetteer
from .layout import capital_lines, comma_cuts, sentence_case, start_paragraphs
from .lexicon import load_lexicon
from .names import named_persons
from .places import (
    capital_toponyms,
    find_named_places,
    find_toponyms,
    focus_country,
    settle_shared_names,
)
from .stances import stances_from_events
from .tallying import Tallier


class ParagraphStage:
    """Start a sentence at every paragraph break, so no sentence spans two paragraphs
    (`layout.start_paragraphs`)."""

    def __call__(self, doc: Doc) -> Doc:
        start_paragraphs(doc)
        return doc


class HeadlineStage:
    """Parse again the lines written all in capitals (`layout.capital_lines`), in sentence
    case, and give their words the parts of speech, lemmas, dependencies and entities so
    found: "HUELGAS EN ECUADOR" reports strikes, read as it would be in ordinary case. The
    text keeps its capitals. Parse again too, as one, two sentences the parser cut at a
    comma (`layout.comma_cuts`), when they then read as one."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.common = frozenset(nlp.Defaults.stop_words)

    def __call__(self, doc: Doc) -> Doc:
        for line in capital_lines(doc):
            self._parse_again(doc, line, sentence_case(line, common=self.common))
        for cut in comma_cuts(doc):
            self._parse_again(doc, cut, [token.text for token in cut], whole=True)
        return doc

    def _parse_again(self, doc: Doc, line: Span, words: list[str], *, whole: bool = False) -> None:
        """Give the words of `line` what spaCy's own components find in `words` (with
        `whole`, only when they find one sentence)."""
        cased = Doc(self.nlp.vocab, words=words, spaces=[bool(t.whitespace_) for t in line])
        for name, component in self.nlp.pipeline:
            if not name.startswith("quipu_"):
                cased = component(cased)
        if whole and len([s for s in cased.sents if not all(t.is_space for t in s)]) > 1:
            return
        for token, read in zip(line, cased, strict=True):
            token.tag_, token.pos_, token.morph = read.tag_, read.pos_, read.morph
            token.lemma_, token.dep_ = read.lemma_, read.dep_
            token.head = doc[line.start + read.head.i]
        kept = [e for e in doc.ents if e.end <= line.start or e.start >= line.end]
        found = [
            Span(doc, line.start + e.start, line.start + e.end, label=e.label_) for e in cased.ents
        ]
        doc.ents = sorted(kept + found, key=lambda e: e.start)


class PlacesStage:
    """Resolve toponyms and the document's focus country (its opening's, for a later chunk
    of a long document)."""

    def __init__(self, nlp: Language) -> None:
        self.lexicon = load_lexicon(nlp.lang)

    def __call__(self, doc: Doc) -> Doc:
        gazetteer = doc._.gazetteer or get_gazetteer()
        toponyms = find_toponyms(doc, gazetteer=gazetteer, lexicon=self.lexicon)
        settled = settle_shared_names(doc, toponyms, gazetteer=gazetteer)
        if settled:
            # "Congo" beside Kinshasa and Goma: read the report again with the name settled,
            # and let the later stages (actors) read it so too
            gazetteer = doc._.gazetteer = gazetteer.settled(settled)
            toponyms = find_toponyms(doc, gazetteer=gazetteer, lexicon=self.lexicon)
        doc._.toponyms = toponyms
        if doc._.opening is not None:
            # a later chunk of a long report: its country is the one its opening set
            doc._.focus = doc._.opening.focus
            focus = doc._.focus.country if doc._.focus else None
            doc._.named_places = find_named_places(
                doc, toponyms=toponyms, gazetteer=gazetteer, lexicon=self.lexicon, focus=focus
            )
            return doc
        focus = focus_country(toponyms, doc=doc, gazetteer=gazetteer, lexicon=self.lexicon)
        info = gazetteer.country(focus) if focus else None
        doc._.focus = gazetteer.resolve(info.name) if info else None
        capitals = capital_toponyms(
            doc, toponyms, focus=focus, gazetteer=gazetteer, lexicon=self.lexicon
        )
        if capitals:
            toponyms = doc._.toponyms = sorted([*toponyms, *capitals], key=lambda t: t.span.start)
        doc._.named_places = find_named_places(
            doc, toponyms=toponyms, gazetteer=gazetteer, lexicon=self.lexicon, focus=focus
        )
        return doc


class DatesStage:
    """Resolve date expressions against the publication date."""

    def __init__(self, nlp: Language) -> None:
        self.lexicon = load_lexicon(nlp.lang)

    def __call__(self, doc: Doc) -> Doc:
        doc._.dates = find_dates(doc, published=doc._.published, lexicon=self.lexicon)
        return doc


class ActorsStage:
    """Find the persons the document names in full, by surname, so that later stages
    resolve a bare surname to them (`actors.document_resolver`)."""

    def __init__(self, nlp: Language) -> None:
        self.lexicon = load_lexicon(nlp.lang)

    def __call__(self, doc: Doc) -> Doc:
        doc._.persons = named_persons(doc, lexicon=self.lexicon)
        return doc


class CertaintyStage:
    """Find quotations, block quotations and their speakers."""

    def __init__(self, nlp: Language) -> None:
        self.lexicon = load_lexicon(nlp.lang)

    def __call__(self, doc: Doc) -> Doc:
        resolver = document_resolver(doc, lexicon=self.lexicon)
        doc._.quotations = find_quotations(doc, lexicon=self.lexicon, resolver=resolver)
        return doc


class DetectorStage:
    """Score each sentence that can hold an event with the learned detector, one batch a
    document: `doc._.detections` maps a sentence's first token to its Detection."""

    def __init__(self, nlp: Language) -> None:
        self.lexicon = load_lexicon(nlp.lang)

    def __call__(self, doc: Doc) -> Doc:
        sents = [sent for sent in doc.sents if can_hold_event(sent)]
        found = detect(sents, self.lexicon, load_model()) if sents else []
        doc._.detections = {
            sent.start: detection for sent, detection in zip(sents, found, strict=True)
        }
        return doc


class EventsStage:
    """Code events sentence by sentence and merge the mentions of each (`coding`)."""

    def __init__(self, nlp: Language) -> None:
        self.coder = EventCoder(load_lexicon(nlp.lang))

    def __call__(self, doc: Doc) -> Doc:
        coded = self.coder.code(doc)
        doc._.events = coded.events
        doc._.harmed = coded.harmed
        doc._.aimed = coded.aimed
        doc._.demanded = coded.demanded
        doc._.scene, doc._.lede = coded.scene, coded.lede
        return doc


class FiguresStage:
    """Keep every reported figure as a count; attach casualties to their event too
    (`tallying`)."""

    def __init__(self, nlp: Language) -> None:
        self.tallier = Tallier(load_lexicon(nlp.lang))

    def __call__(self, doc: Doc) -> Doc:
        doc._.counts = self.tallier.count(doc)
        return doc


class StancesStage:
    """Derive stances from the events that express them."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.stances = stances_from_events(
            doc._.events,
            harmed=doc._.harmed or set(),
            aimed=doc._.aimed or set(),
            also=doc._.demanded or [],
        )
        return doc
