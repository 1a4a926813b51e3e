"""Certainty and auxiliary: how far the text vouches for a record, and whether it happened.

Certainty (SPEC): `unverified` when the sentence says it could not be verified, `disputed`
when a source denies it, `hedged` when a hedge governs it ("suggests that", "reportedly",
"reports claim"), `attributed` when it is someone's reported speech (a quotation, a clause
under "said", "according to", a block quotation introduced by "X states:"), else `asserted`.

Auxiliary (PLOVER): `negated` ("did not attack", "instead of condemning"), `future`
("plans to sentence", "will"; a collective action planned, called or threatened: "planean
una gran movilización", "announced a fresh rally", "called for a strike"), `hypothetical`
("if", "could", "seeking to oust"), `historical` (dated more than a year before
publication).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..records import Actor, DateSpan
from .actors import ActorResolver
from .layout import paragraph_spans, text_of
from .lexicon import Lexicon, fold, phrase_pattern
from .syntax import (
    SUBJECT,
    finite,
    governing_chain,
    is_negated,
    prepositional_args,
    subject_of,
    tokens_text,
)

_QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"))
_BLOCK_LIMIT = 12
_NEGATIONS = frozenset({"not", "no", "never", "nunca"})
# How far into a sentence a demonstrative may stand and still point back ("None of these")
_POINTER_REACH = 4
# How many sentences back "the statement" may look for who made it.
_STATEMENT_LOOKBACK = 3
# Links along which a clause inherits the modality of what governs it.
_SCOPE_DEPS = frozenset(
    {
        "xcomp",
        "ccomp",
        "pcomp",
        "pobj",
        "prep",
        "dobj",
        "obj",
        "advcl",
        "acl",
        "conj",
        "csubj",
        "attr",
        "obl",
        "nmod",
    }
)
# How a reported clause hangs from the verb of speech that reports it.
_REPORTED_DEPS = frozenset({"ccomp", "parataxis", "dep"})
# Negation reaches only what a verb takes as its complement ("not to support X").
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "dobj", "obj", "csubj"})
_FIRST_PERSON = re.compile(r"(?<!\w)(we|our|us|nosotros|nuestro|nuestra|nuestros)(?!\w)", re.I)


@dataclass(slots=True)
class Judgement:
    """The certainty of a record and, when attributed, to whom."""

    certainty: str
    attributed_to: Actor | None = None


@dataclass(slots=True)
class Quotations:
    """Who says what a Doc quotes: each token inside quotation marks by its index, and each
    paragraph of a block quotation by its offset, mapped to the speaker (None if unnamed)."""

    quoted: dict[int, Actor | None]
    blocks: dict[int, Actor | None]


def find_quotations(doc: Doc, *, lexicon: Lexicon, resolver: ActorResolver) -> Quotations:
    """Return the quotations and block quotations of `doc` with their speakers."""
    judge = CertaintyJudge(doc, lexicon=lexicon, resolver=resolver)
    return Quotations(quoted=judge.quoted, blocks=judge.block_speaker)


def document_judge(doc: Doc, *, lexicon: Lexicon, resolver: ActorResolver) -> CertaintyJudge:
    """The certainty judge of a Doc the certainty stage has run on (`doc._.quotations`)."""
    return CertaintyJudge(doc, lexicon=lexicon, resolver=resolver, quotations=doc._.quotations)


class CertaintyJudge:
    """Judge certainty and auxiliary for words of one Doc."""

    def __init__(
        self,
        doc: Doc,
        *,
        lexicon: Lexicon,
        resolver: ActorResolver,
        quotations: Quotations | None = None,
    ) -> None:
        """Prepare the judgement of the words of `doc`.

        Args:
            doc: the parsed Doc.
            lexicon: the word lists of its language.
            resolver: the Doc's actor resolver, for speakers.
            quotations: its quotations as the certainty stage found them
                (`doc._.quotations`); found here when not given.
        """
        self.doc = doc
        self.text = text_of(doc)
        self.lexicon = lexicon
        self.resolver = resolver
        cues = lexicon.certainty
        self.unverified = phrase_pattern(cues.get("unverified") or ["\0"])
        # "None of these versions could be verified": the negation is in the opening word
        self.negative_openers = lexicon.words("certainty", "negative_openers")
        self.verified = phrase_pattern(
            [_without_negation(cue) for cue in cues.get("unverified") or []] or ["\0"]
        )
        self.disputed = phrase_pattern(cues.get("disputed") or ["\0"])
        # by first word: a sentence is searched for the hedges its own words open
        self.hedges: dict[str, list[list[str]]] = {}
        for hedge in cues.get("hedged") or []:
            words = fold(hedge).split()
            if words:
                self.hedges.setdefault(words[0], []).append(words)
        self.speech = lexicon.words("certainty", "speech_verbs")
        self.statements = lexicon.words("events", "statement_nouns")
        self.attribution = lexicon.words("certainty", "attribution_markers")
        self.attribution_openers = {marker.split()[0] for marker in self.attribution if marker}
        self.pointers = lexicon.words("certainty", "pointing_back")
        self.paragraphs = paragraph_spans(text_of(doc))
        self.paragraph_starts = [start for start, _ in self.paragraphs]
        if quotations is None:
            self.quoted = self._quoted_tokens()
            self.block_speaker = self._block_quotes()
        else:
            self.quoted, self.block_speaker = quotations.quoted, quotations.blocks

    # -- certainty -------------------------------------------------------------------

    def judge(self, token: Token) -> Judgement:
        """Return the certainty of the record whose key word is `token`."""
        sent = token.sent
        text = fold(sent.text)
        speaker = self.speaker_of(token)
        if self._unverified(sent) or self._unverified_next(sent):
            return Judgement("unverified", speaker)
        matches = list(self.disputed.finditer(text))
        if any(_covers(match, token) for match in matches):
            # the denial itself is its speaker's statement ("Castillo denies the charges")
            subject = subject_of(token)
            return Judgement("attributed", self._as_source(subject) if subject else speaker)
        if matches:
            # a denial disputes what else the sentence reports
            return Judgement("disputed", speaker)
        if self._hedged(token):
            return Judgement("hedged", speaker)
        if speaker is not None:
            return Judgement("attributed", speaker)
        return Judgement("asserted")

    def _last_speaker(self, before: Token) -> Actor | None:
        """Who the sentences just before `before` report ("X said", "according to X")."""
        doc = before.doc
        start = before.sent.start
        for _ in range(_STATEMENT_LOOKBACK):
            if start == 0:
                break
            sent = doc[start - 1].sent
            for word in reversed(list(sent)):
                subject = subject_of(word) if fold(word.lemma_) in self.speech else None
                if subject is not None and subject.pos_ in ("NOUN", "PROPN"):
                    return self.resolver.resolve(subject)
                for marker, noun in prepositional_args(word):
                    if marker in self.attribution:
                        return self.resolver.resolve(noun)
            start = sent.start
        return None

    def _said_in(self, word: Token) -> bool:
        """ "afirmó en una entrevista que siete personas habían muerto": a "que" clause the
        parser hung from a noun of the verb of saying (as if "the interview that ...") is
        what was said."""
        noun = word.head
        return (
            word.dep_ == "acl"
            and word.pos_ in ("VERB", "AUX")
            and noun.dep_ in ("obl", "nmod", "pobj")
            and fold(noun.head.lemma_) in self.speech
            and any(fold(c.text) in ("that", "que") and c.i < word.i for c in word.children)
        )

    def _said_after(self, token: Token) -> Actor | None:
        """ "Police did not fire, the ministry said": a closing verb of saying that hangs
        from the main clause reports it."""
        top = token
        for head in governing_chain(token, limit=10):
            top = head
        for child in top.children:
            if (
                child.dep_ in ("parataxis", "ccomp", "advcl")
                and fold(child.lemma_) in self.speech
                and child.i > token.i
                and not any(c.dep_ == "ccomp" for c in child.children)
            ):
                subject = next((c for c in child.children if c.dep_ in SUBJECT), None)
                if subject is not None:
                    return self._as_source(subject)
        return None

    def _unverified_next(self, sent: Span) -> bool:
        """ "A video shows soldiers shooting. It could not be verified.": the next sentence,
        opening with a word that points back, carries the cue to this one."""
        doc = sent.doc
        if sent.end >= len(doc):
            return False
        following = doc[sent.end].sent
        opening = [t for t in following if not t.is_space][:_POINTER_REACH]
        if not opening:
            return False
        # "It could not be verified", "None of these claims", "Ninguna de estas versiones"
        points_back = fold(opening[0].text) in self.pointers or any(
            fold(t.text) in self.pointers and t.pos_ == "DET" for t in opening[1:]
        )
        return points_back and self._unverified(following)

    def _unverified(self, sent: Span) -> bool:
        """True when the sentence says it could not be verified, in either way of saying
        it ("could not be verified", "None of these claims could be verified")."""
        text = fold(sent.text)
        if self.unverified.search(text):
            return True
        first = next((t for t in sent if not t.is_space), None)
        return (
            first is not None
            and fold(first.text) in self.negative_openers
            and bool(self.verified.search(text))
        )

    def speaker_of(self, token: Token) -> Actor | None:
        """Return who says the words containing `token`, if they are reported speech."""
        if token.i in self.quoted:
            return self.quoted[token.i]
        previous = token
        # a clause opened by "that"/"que" is what someone says, wherever the parser hung it
        # ("informó el viernes que han muerto 42", with the clause taken for the day's)
        completive = False
        for head in governing_chain(token, limit=8):
            completive = completive or _completive(previous) or self._said_in(previous)
            # "X said (that) police fired": the speech verb's clause, not its object
            # ("announced a curfew" is an act, not a report).
            if (
                fold(head.lemma_) in self.speech
                and head.pos_ in ("VERB", "AUX")
                and (
                    (previous.dep_ in _REPORTED_DEPS and previous.pos_ in ("VERB", "AUX"))
                    or completive
                )
            ):
                subject = next((c for c in head.children if c.dep_ in SUBJECT), None)
                if subject is None and head.dep_ == "conj":
                    # "López Obrador la calificó de espuria y reiteró que…": one subject
                    subject = subject_of(head)
                if subject is not None and subject != token:
                    return self._as_source(subject)
            previous = head
        source = self._according_to(token) or self._said_after(token)
        if source is not None:
            return source
        index = _paragraph_of(self.paragraph_starts, token.idx)
        return self.block_speaker.get(self.paragraph_starts[index]) if index >= 0 else None

    def _hedged(self, token: Token) -> bool:
        sent = token.sent
        words = [fold(t.text) for t in sent]
        ancestors: set[int] = set()
        for start, word in enumerate(words):
            for hedge in self.hedges.get(word, ()):
                if words[start : start + len(hedge)] != hedge:
                    continue
                ancestors = ancestors or {t.i for t in governing_chain(token, limit=10)}
                ancestors.add(token.i)
                cue = sent[start : start + len(hedge)]
                if any(_scopes_over(t, ancestors) for t in cue):
                    return True
        return False

    def _according_to(self, token: Token) -> Actor | None:
        """Return X of an "according to X" that covers `token`'s clause.

        It covers the clause it hangs from, and the whole sentence when it hangs from the
        main verb ("Police fired on protesters, according to witnesses").
        """
        # a sentence with no marker's first word has no "according to" (most have none)
        if not any(fold(t.text) in self.attribution_openers for t in token.sent):
            return None
        covering = {token.i, *(t.i for t in governing_chain(token, limit=10))}
        root = token.sent.root
        for word in token.sent:
            for marker, noun in prepositional_args(word):
                if marker in self.attribution and (word.i in covering or word == root):
                    return self._as_source(noun)
        return None

    def _as_source(self, noun: Token) -> Actor:
        actor = self.resolver.resolve(noun)
        if actor is not None:
            return actor
        if fold(noun.lemma_) in self.statements and all(c.dep_ == "det" for c in noun.children):
            # "Six soldiers were swept away, the Joint Command said. Five others were
            # treated, the statement said": the statement is who made it
            author = self._last_speaker(noun)
            if author is not None:
                return author
        words = [t for t in noun.subtree if not t.is_punct]
        while len(words) > 1 and words[0].pos_ == "ADP":
            words = words[1:]  # "según la Defensoría" → "la Defensoría"
        text = tokens_text(words)[:120]
        return Actor(text=text, name=text)

    # -- quotations -------------------------------------------------------------------

    def _quoted_tokens(self) -> dict[int, Actor | None]:
        """Map each token inside quotation marks to the quotation's speaker."""
        quoted: dict[int, Actor | None] = {}
        text = self.text
        for opener, closer in _QUOTE_PAIRS:
            position = 0
            while True:
                start = text.find(opener, position)
                if start < 0:
                    break
                end = text.find(closer, start + 1)
                if end < 0 or "\n\n" in text[start:end]:
                    position = start + 1
                    continue
                span = self.doc.char_span(start + 1, end, alignment_mode="expand")
                position = end + 1
                # Short quotes are scare quotes ('coup attempt'), not reported speech.
                if span is None or len(span) < 5:
                    continue
                speaker = self._quote_speaker(span)
                for token in span:
                    quoted[token.i] = speaker
        return quoted

    def _quote_speaker(self, span: Span) -> Actor | None:
        """Return who says a quotation: a speech verb beside it, else just before it."""
        sentences = {span[0].sent.start: span[0].sent, span[-1].sent.start: span[-1].sent}
        first = span[0].sent
        if first.start > 0:
            previous = self.doc[first.start - 1].sent
            if _paragraph_of(self.paragraph_starts, previous.start_char) == _paragraph_of(
                self.paragraph_starts, first.start_char
            ):
                sentences[previous.start] = previous
        for sent in sentences.values():
            for token in sent:
                if span.start <= token.i < span.end:
                    continue
                if fold(token.lemma_) in self.speech and token.pos_ in ("VERB", "AUX"):
                    subject = next((c for c in token.children if c.dep_ in SUBJECT), None)
                    if subject is not None:
                        return self._as_source(subject)
        return None

    def _block_quotes(self) -> dict[int, Actor | None]:
        """Map paragraphs of a block quotation to the speaker its colon-ended intro names."""
        paragraphs = self.paragraphs
        speakers: dict[int, Actor | None] = {}
        for index, (start, end) in enumerate(paragraphs):
            intro = self.text[start:end].rstrip()
            if not intro.endswith(":"):
                continue
            last = self.doc.char_span(start, end, alignment_mode="expand")
            speaker = self._intro_speaker(last) if last is not None else None
            for quoted_start, quoted_end in paragraphs[index + 1 : index + 1 + _BLOCK_LIMIT]:
                body = self.text[quoted_start:quoted_end].strip()
                if not (
                    body.endswith(("…", "...", "…”", '..."'))
                    or body.startswith("(")
                    or _FIRST_PERSON.search(body)
                ):
                    break
                speakers[quoted_start] = speaker
        return speakers

    def _intro_speaker(self, intro: Span) -> Actor | None:
        """Return who an intro like "According to the report:" or "X states:" names."""
        sent = [s for s in intro.doc.sents if intro.start <= s.start < intro.end][-1]
        source: Token | None = None
        for token in sent:
            for marker, noun in prepositional_args(token):
                if marker in self.attribution:
                    source = noun
            if fold(token.lemma_) in self.speech and token.pos_ in ("VERB", "AUX"):
                source = next((c for c in token.children if c.dep_ in SUBJECT), source)
        actor = self.resolver.resolve(source) if source is not None else None
        if actor is not None:
            return actor
        # "According to the report:" names no actor; its paragraph may name the author
        # ("a report by Ben Norton"). Organizations there are as often publishers as authors.
        for ent in intro.ents:
            if ent.label_ in ("PERSON", "PER"):
                actor = self.resolver.resolve(ent.root)
                if actor is not None:
                    return actor
        return self._as_source(source) if source is not None else None

    # -- auxiliary ---------------------------------------------------------------------

    def auxiliary(
        self,
        token: Token,
        *,
        date: DateSpan | None,
        published: dt.date | None,
        negation_absorbed: bool = False,
    ) -> str | None:
        """Return the PLOVER auxiliary of the event whose trigger is `token`, or None.

        Args:
            token: the event's trigger word.
            date: the event's date, to tell background from news.
            published: the publication date.
            negation_absorbed: the trigger's own negation is part of its meaning ("will not
                follow orders" is a refusal), so it does not negate the event.
        """
        lexicon = self.lexicon
        negators = lexicon.words("events", "negators")
        inverters = lexicon.words("events", "negation_inverters")
        light = lexicon.words("events", "light_verbs")
        planned = self._planned(token)
        # "sought asylum", "expressed support": the light verb carries tense and negation.
        if token.pos_ in ("NOUN", "PROPN") and fold(token.head.lemma_) in light:
            token = token.head
        own_negation = is_negated(token, negators=negators) or _negated_by_marker(
            token, lexicon.words("events", "negating_prepositions")
        )
        if own_negation and not negation_absorbed:
            return "negated"
        if planned:
            return "future"
        found = self._modal(token) or _inflected(token)
        if negation_absorbed and found == "future":
            # "will not follow orders" is a refusal made now
            found = None
        if found == "hypothetical" and self._reported(token):
            # "Gervasi said Peru would grant safe-conduct": would is the future of the past.
            found = "future"
        if found:
            return found
        future = lexicon.words("events", "future_verbs")
        hypothetical = lexicon.words("events", "hypothetical_verbs")
        previous = token
        if _noun_infinitive(token):
            # "a vote to overthrow X", "the order to arrest X": what a noun intends.
            return "hypothetical"
        continuing = lexicon.words("events", "continuation_verbs")
        for head in governing_chain(token, limit=5):
            if previous.dep_ not in _SCOPE_DEPS:
                break
            forms = _forms(head)
            if previous.dep_ == "xcomp" and forms & continuing:
                # "will continue to support", "seguirá apoyando": it goes on now
                previous = head
                continue
            if previous.dep_ == "conj" and finite(previous):
                # "exigió una estrategia y acusó a las autoridades": a finite verb beside
                # another shares its auxiliaries ("would convene and discuss"), not what the
                # other verb means (the accusation was made, not demanded); a bare one does
                # ("plan to march and block the roads"). A verb in the past tense of its
                # own shares no modal: "wrote that there would be a price to pay and
                # blamed Russia" (a misparse hangs "blamed" on "be") was blamed.
                found = None if _own_past(previous) else self._modal(head)
                if found:
                    return found
                previous = head
                continue
            complement = previous.dep_ in _COMPLEMENT_DEPS
            if complement and is_negated(head, negators=negators) and not forms & inverters:
                return "negated"
            if previous.dep_ == "xcomp" and forms & lexicon.words("events", "negating_verbs"):
                return "negated"  # "refused to condemn"
            if _bare_complement(previous) and forms & lexicon.words("events", "denial_verbs"):
                # "Damascus denied using chemical weapons", "negó haber disparado": what is
                # denied is not reported as done
                return "negated"
            if self._denied_by(head):
                return "negated"
            if forms & future:
                return "future"
            if forms & hypothetical:
                return "hypothetical"
            found = self._modal(head)
            if found:
                return found
            previous = head
        if (
            date is not None
            and published is not None
            and date.end < published - dt.timedelta(days=365)
        ):
            return "historical"
        return None

    def _planned(self, token: Token) -> bool:
        """True for a collective action that a verb plans, calls or threatens rather than
        reports ("planean una gran movilización", "anunciaron un paro", "announced a fresh
        rally", "called for a strike"): it has not happened."""
        words = self.lexicon.words
        if token.pos_ != "NOUN" or not _forms(token) & words("certainty", "planned_actions"):
            return False
        planning = words("certainty", "planning_verbs")
        links = words("certainty", "planning_links")
        # Not "the planned march": police can fire on it, and "la marcha convocada por los
        # gremios partió de la plaza" happened. The verb's object is what is planned.
        head = token.head
        if token.dep_ == "pobj" and fold(head.text) in links:
            head = head.head  # "called for a strike"
        elif token.dep_ == "obl":
            # "amenazaron con un paro"
            if not any(c.dep_ == "case" and fold(c.text) in links for c in token.children):
                return False
        elif token.dep_ not in ("dobj", "obj"):
            return False
        # "called the mobilization the 'Toma de Lima'" names it (a predicate object)
        naming = any(c.dep_ in ("oprd", "xcomp") and c.i > token.i for c in head.children)
        return head.pos_ in ("VERB", "AUX") and bool(_forms(head) & planning) and not naming

    def _reported(self, token: Token) -> bool:
        """True when `token` is in a clause a speech verb reports ("said X would ...")."""
        would = {"would", "podría", "sería"}
        if not any(fold(c.text) in would for c in token.children):
            return False
        return any(fold(head.lemma_) in self.speech for head in governing_chain(token, limit=3))

    def _modal(self, token: Token) -> str | None:
        modals = self.lexicon.mapping("certainty", "modals")
        conditionals = self.lexicon.words("certainty", "conditional_markers")
        for child in token.children:
            if child.dep_ in ("aux", "aux:pass") and fold(child.text) in modals:
                return str(modals[fold(child.text)])
            if child.dep_ == "mark" and fold(child.text) in conditionals:
                return "hypothetical"
        return None

    def _denied_by(self, head: Token) -> bool:
        """ "There is little indication that X": X is denied, not reported."""
        nouns = self.lexicon.words("events", "negating_nouns")
        determiners = self.lexicon.words("events", "negating_determiners")
        return fold(head.lemma_) in nouns and any(
            fold(c.text) in determiners for c in head.children if c.dep_ in ("det", "amod", "neg")
        )


def _inflected(token: Token) -> str | None:
    """Future and conditional carried by the verb itself ("apelará", "podría")."""
    if "Fut" in token.morph.get("Tense", []):
        return "future"
    if "Cnd" in token.morph.get("Mood", []):
        return "hypothetical"
    return None


def _own_past(verb: Token) -> bool:
    """True for a verb in a past tense of its own, no auxiliary's ("blamed", "acusó")."""
    own = "Past" in verb.morph.get("Tense", []) and "Fin" in verb.morph.get("VerbForm", [])
    return own and not any(c.dep_ in ("aux", "aux:pass") for c in verb.children)


def _forms(token: Token) -> set[str]:
    """The lemma and the word as written: the lemmatizer errs ("hopes" → "hop")."""
    return {fold(token.lemma_), fold(token.text)}


def _has_subject(token: Token) -> bool:
    return any(c.dep_.startswith("nsubj") for c in token.children)


def _bare_complement(verb: Token) -> bool:
    """A complement verb with no subject of its own ("denied [using]", "negó [haber
    disparado]", which the Spanish parser labels a clause)."""
    if verb.dep_ == "xcomp":
        return True
    infinitive = "Inf" in verb.morph.get("VerbForm", []) or any(
        c.dep_ == "aux" and "Inf" in c.morph.get("VerbForm", []) for c in verb.children
    )
    return verb.dep_ == "ccomp" and infinitive and not _has_subject(verb)


def _noun_infinitive(token: Token) -> bool:
    """True for a to-infinitive that modifies a noun, directly or through a participle."""
    if not any(c.dep_ == "aux" and fold(c.text) == "to" for c in token.children):
        return False
    head = token.head
    if head.pos_ in ("NOUN", "PROPN"):
        # "Farmers plan to resume…": a "noun" with a subject is a verb the tagger missed
        return not _has_subject(head)
    return head.dep_ in ("acl", "relcl") and head.head.pos_ in ("NOUN", "PROPN")


def _covers(match: re.Match[str], token: Token) -> bool:
    """True when a cue found in the folded sentence is the token itself ("denied")."""
    offset = token.idx - token.sent.start_char
    return match.start() <= offset < match.end()


def _completive(word: Token) -> bool:
    """True for the head of a clause opened by a complementizer ("that", "que"): its verb,
    or the word a copula links ("precisó que los muertos eran seis")."""
    clause = word.pos_ in ("VERB", "AUX") or any(c.dep_ == "cop" for c in word.children)
    return clause and any(
        child.dep_ == "mark" and child.pos_ == "SCONJ" and fold(child.text) in ("that", "que")
        for child in word.children
    )


def _paragraph_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1


def _scopes_over(cue: Token, ancestors: set[int]) -> bool:
    """A hedging verb covers what it governs ("suggests that ..."); a hedging adverb or
    adjective covers the clause it modifies ("reportedly killed", "if true")."""
    if cue.pos_ in ("VERB", "AUX"):
        return cue.i in ancestors
    return cue.i in ancestors or cue.head.i in ancestors


def _negated_by_marker(token: Token, markers: frozenset[str]) -> bool:
    """ "instead of condemning", "sin consultar": a negating preposition right before."""
    doc = token.doc
    words = [fold(t.text) for t in doc[max(token.sent.start, token.i - 3) : token.i]]
    return any(" ".join(words[start:]) in markers for start in range(len(words)))


def _without_negation(cue: str) -> str:
    """ "could not be verified" → "could be verified"; "no ha podido ser verificada" →
    "ha podido ser verificada"."""
    return " ".join(word for word in cue.split() if fold(word) not in _NEGATIONS)
