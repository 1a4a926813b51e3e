"""Coding: each event candidate of a sentence made an `Event` record.

Its date (the clause's own, the paragraph's, the story's first), its place, its certainty
and auxiliary, its actor and recipient as the directory knows them, its CAMEO and ACLED
types (`PloverMapping`, from `resources/plover.yaml`); the learned detector's revision of a
sentence's trigger hits; and later mentions of an event folded into it. The events stage
(`stages.EventsStage`) writes what `EventCoder.code` returns to the Doc.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from ..records import Actor, DateSpan, Event, Evidence, Place, Stance
from .actors import document_resolver
from .acts import ActAuthors, ActsTold
from .candidates import VERBAL_TYPES, EventCandidate, actor_key
from .certainty import CertaintyJudge, document_judge
from .dates import DateMention, published_day
from .detector import Detection, DetectorModel, load_model, locate
from .directory import ActorDirectory, default_directory
from .events import EventFinder
from .gazetteer import get_gazetteer
from .layout import dateline_place_span, paragraph_spans, stamped_entry, text_of
from .lexicon import Lexicon, fold
from .places import event_place, setting_of, setting_within
from .sides import settle_sides
from .stances import RUMOUR, STATE_SECTORS
from .syntax import governing_chain

# Verbal conflict that can be aimed at an operation ("rejected the raid").
_CRITICAL = frozenset({"REJECT", "ACCUSE"})
# Modes of harm to property: a protest whose own crowd does them is a violent one
_WRECKING = frozenset({"destroy"})
# ACLED's sub-event types of remote violence, by the mode that names their weapon, the most
# telling first: what a weapon carries or how it is delivered says more than that something
# exploded ("rockets loaded with sarin" is a chemical attack, "a suicide car bomb" a suicide
# bombing, "a drone dropped a grenade" an air strike)
_WEAPON_PRECEDENCE = ("chemical", "suicide", "aerial", "grenade", "shelling", "explosives")
_WEAPON_MODES = frozenset(_WEAPON_PRECEDENCE)
# The kinds of event a rejected or denied noun was made by when it is a charge
_CHARGES = frozenset({"ACCUSE", "THREATEN"})
# Announced by those who would do it, these are threats (PLOVER THREATEN).
_PRESSURE = ("ASSAULT", "COERCE", "SANCTION")
_COOPERATIVE = ("SUPPORT", "AID", "COOPERATE", "CONSULT", "RETREAT", "CONCEDE")
# Help told in the future tense is a promise whoever tells it (PLOVER AGREE: "will provide
# food aid to the refugees", "will give the country a grant"); a meeting on the calendar
# stays a meeting to come ("the council will meet on Friday").
_PROMISED = ("AID", "COOPERATE", "SUPPORT")
# How a word hangs from another in the same clause (an infinitive, an object, a phrase)
_WITHIN_CLAUSE = frozenset({"xcomp", "dobj", "obj", "pobj", "prep", "obl", "nmod", "acl"})


@dataclass(slots=True)
class CodedReport:
    """What the events stage writes to the Doc: the events, the ids of those whose
    recipient is the one harmed and of those whose recipient is what they are aimed at, no
    side (`ArgumentFinder.target`), or a side only their complement names (no stance is
    drawn from either), the stances demands show, and where and when the report is
    set (for the figures stage too)."""

    events: list[Event]
    harmed: set[str]
    aimed: set[str]
    demanded: list[Stance]
    scene: Place | None
    lede: DateSpan | None


class EventCoder:
    """Code events sentence by sentence and merge the mentions of each."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.mapping = _plover_mapping()
        self.finder = EventFinder(lexicon=self.lexicon)
        self.speech = self.lexicon.words("certainty", "speech_verbs")
        self.acts = ActAuthors(lexicon)

    @functools.cached_property
    def detector(self) -> DetectorModel:
        """The learned detector's settings, read on first use (not when the pipeline is built,
        so that `make train` can build it before a model exists)."""
        return load_model()

    @functools.cached_property
    def cues(self) -> dict[str, dict[str, float]]:
        return self.detector.cues(self.lexicon.language)

    def code(self, doc: Doc) -> CodedReport:
        """Code the events of a Doc the earlier stages have prepared (places, dates, actors,
        certainty, detections), sentence by sentence, merging the mentions of each."""
        # the resolver and the judge over what the actors and certainty stages wrote
        resolver = document_resolver(doc, lexicon=self.lexicon)
        finder = self.finder.for_document(resolver)
        judge = document_judge(doc, lexicon=self.lexicon, resolver=resolver)
        # the sides behind acts named as what an event is aimed at ("rejected the proposal")
        acts = ActsTold(self.acts, resolver)
        dates_by_sentence = dates_per_sentence(doc._.dates)
        # "irrumpieron la noche del viernes": a time is no target, its words neither
        timed = {t.i for mention in doc._.dates for t in mention.span.sent if _when(t, mention)}
        starts = [start for start, _ in paragraph_spans(text_of(doc))]
        # a later chunk of a long report has no lede or dateline of its own: its opening's
        opening = doc._.opening
        lede = (
            opening.lede
            if opening is not None
            else _lede_date(doc._.dates, starts=starts, published=doc._.published)
        )
        events: list[Event] = []
        harmed: list[Event] = []
        aimed: list[Event] = []
        # whose recipient only a complement names ("threatened to break the cease-fire with
        # X"): whom the act would reach, told as the event's, drawn as no stance
        indirect: list[Event] = []
        demanded: list[Stance] = []
        context: DateSpan | None = None
        scene: Place | None = None
        report_scene = (
            opening.scene
            if opening is not None
            else _report_scene(doc, starts=starts, lexicon=self.lexicon)
        )
        named = _named_in(doc, doc._.directory or default_directory())
        speech = self.lexicon.words("certainty", "speech_verbs")
        authored = self.authored
        paragraph = -1
        for sent in doc.sents:
            here = bisect.bisect_right(starts, sent.start_char) - 1
            if here != paragraph:
                paragraph, context, scene = here, None, None
                opening_words = text_of(doc)[starts[here] : starts[here] + 40] if here >= 0 else ""
                if stamped_entry(opening_words):
                    # "09:10 – …", "**8:05 a. m.** – …": an entry of a live page posted at
                    # that time of the page's day, the report's, where it gives no other
                    context = published_day(doc)
            sentence_dates = dates_by_sentence.get(sent.start, [])
            earlier = [name for start, name in reversed(named) if start < sent.end_char]
            told_here = len(events)
            found = finder.find(sent, speaker_of=judge.speaker_of)
            detection = (doc._.detections or {}).get(sent.start)
            if detection is not None:
                found = self._revise(sent, found, detection, finder, judge)
            else:
                found = [c for c in found if not c.sideless and not c.gated]
            for candidate in found:
                act = candidate.target if candidate.recipient is None else None
                maker = acts.agent_in_phrase(act, event_type=candidate.type)
                if maker is not None:
                    # "defied calls by the Security Council", "rechazó la propuesta del
                    # Gobierno": the act's maker is whom the event is aimed at
                    candidate.recipient, candidate.target = maker, None
                    candidate.harmed_recipient = False
                # The first paragraph sets the report's scene; it does not follow it.
                event = self._event(
                    doc,
                    candidate,
                    sentence_dates,
                    judge=judge,
                    scene=scene,
                    report_scene=report_scene if paragraph > 0 or opening else None,
                    named=earlier,
                )
                dated = event.date is not None
                reported = event.certainty == "attributed" and event.aux is None
                speaking = fold(candidate.trigger.lemma_) in speech
                if not dated and (told_in_past(candidate.trigger) or reported):
                    # A past event the sentence does not date happened when its paragraph
                    # says; a paragraph that says nothing follows the story's first date.
                    event.date = context or lede
                elif not dated and context is not None and event.aux is None and speaking:
                    # "Los cuatro países sostienen que…": what a paragraph's speakers say
                    # in the present, they said on the day the paragraph is set
                    event.date = context
                elif not dated and event.aux is None and _perfect(candidate.trigger):
                    # "protests have spread": up to publication, within the week before it
                    event.date = _week_to(doc._.published)
                said_now = event.date is None and event.aux is None and _said_now(candidate)
                if said_now:
                    # "the monitor calls for an inquiry", "el observatorio pide investigar":
                    # what is said in the present is said on the report's day, which is no
                    # date the paragraph's next events follow
                    event.date = published_day(doc)
                kinds = {kind for noun in candidate.objects for kind in authored.get(noun, ())}
                trigger, target = candidate.trigger, candidate.target
                # "denied any involvement", "rejected the accusations": the object is the charge
                charged = bool(kinds) and kinds <= _CHARGES
                denial = finder.denies(trigger)  # not "se negó a", a refusal
                denial = (denial and not candidate.objects) or charged
                if event.recipient is None and event.type in _CRITICAL and denial:
                    # "the interior ministry denied that any such weapon had been used",
                    # "Rwanda denies arming the M23": the charge denied is someone's
                    event.recipient = _accuser_of(events, event)
                if event.recipient is None and target is not None and target.i not in timed:
                    # "the executions were condemned by the EU", "condenó la incautación": the
                    # side behind the act, as found before or told doing one of its kind
                    event.recipient = acts.side_behind(target, event)
                    if event.recipient is not None:
                        candidate.harmed_recipient, act = False, target
                acts.remember(act, event.recipient)
                if event.recipient is None and event.type in _CRITICAL and kinds:
                    # "rechazaron la intervención", "Paris denied the claim", "rechazó las
                    # sanciones": whoever carried out the operation, made the claim or
                    # imposed the sanctions told before is who they reject
                    event.recipient = _author_before(events, kinds, besides=event.actor)
                if event.recipient is None and event.mode == "crowd-control" and event.actor:
                    # "la policía respondió con gases lacrimógenos", "police fired tear gas":
                    # force to break up a crowd is used on the protesters the report has told
                    event.recipient = _crowd_before(events)
                if event.recipient is None and target is not None and target.i not in timed:
                    # "occupied 36 hospitals", "rejected the arrest warrant": what it is
                    # aimed at, named by the text's words, when it names no side
                    event.recipient = finder.target(target)
                    aimed.append(event)
                if not _merge_across(events, event, candidate, dated=dated, aimed=aimed):
                    events.append(event)
                    acts.tell(event, candidate.trigger)
                    if candidate.harmed_recipient:
                        harmed.append(event)
                    if candidate.indirect and event.recipient is not None:
                        indirect.append(event)
                # a release asked of what names no side ("liberar las carreteras") backs no one
                taking = (self._blamed,) if aimed and aimed[-1] is event else None
                for side_taken in taking or (self._blamed, self._asked_release):
                    stance = side_taken(doc, event, candidate, named=earlier)
                    if stance is not None:
                        demanded.append(stance)
                removal = _asked_removal(event, finder.requests.removal_asked(candidate.trigger))
                if removal is not None:
                    demanded.append(removal)
                context = (None if said_now else event.date) or context
            dated_here = [e.date for e in events[told_here:] if e.date is not None]
            demanded += self._demanded(
                doc,
                sent,
                finder,
                judge=judge,
                date=dated_here[-1] if dated_here else context,
                named=earlier,
            )
            # The next sentences follow this one's last date, unless it is ahead: "elections
            # in April 2024" is what the sentence is about, not when it is told.
            told = [m for m in sentence_dates if m.absolute and not _ahead(m.date, doc)]
            # a date inside a relative clause is another event's ("…pidió el lunes una
            # investigación de la muerte de los soldados que se ahogaron el domingo")
            main = [m for m in told if not _in_relative_clause(m.span.root)] or told
            context = main[-1].date if main else context
            scene = setting_of(sent, toponyms=doc._.toponyms, lexicon=self.lexicon) or scene
        focus = doc._.focus.country if doc._.focus is not None else None
        gazetteer = doc._.gazetteer or get_gazetteer()
        settle_sides(
            events,
            demanded,
            focus=focus,
            lexicon=self.lexicon,
            gazetteer=gazetteer,
            material=self.mapping.material,
        )
        for number, event in enumerate(events, start=1):
            event.id = f"{doc._.document_id}-e{number}"
        # where and when the report is set, for the figures stage too
        return CodedReport(
            events=events,
            harmed={event.id for event in harmed},
            aimed={event.id for event in [*aimed, *indirect]},
            demanded=demanded,
            scene=report_scene,
            lede=lede,
        )

    def _event(
        self,
        doc: Doc,
        candidate: EventCandidate,
        dates: list[DateMention],
        *,
        judge: CertaintyJudge,
        scene: Place | None = None,
        report_scene: Place | None = None,
        named: list[str] | None = None,
    ) -> Event:
        """Code one candidate: its date and its place, its certainty, aux and mapped types.

        The place is the one its own clause gives, else the paragraph's `scene`, else, for a
        material event, the `report_scene`, else the focus country. A bare role ("the former
        president") is the person of the directory `named` so far who held it that day.
        """
        trigger = candidate.trigger
        date = _date_for(trigger, dates, published=doc._.published, past=told_in_past(trigger))
        judgement = judge.judge(trigger)
        if candidate.claimed_by is not None and judgement.certainty == "asserted":
            # what someone is accused of doing is the accuser's claim
            judgement.certainty, judgement.attributed_to = "attributed", candidate.claimed_by
        aux = judge.auxiliary(
            candidate.said or trigger,
            date=date,
            published=doc._.published,
            negation_absorbed=candidate.negation_absorbed,
        )
        if aux is None and candidate.content_of_request:
            aux = "hypothetical"
        if aux is None and date is not None and _ahead(date, doc):
            # A date after publication dates only what is still to come: "approved a reform
            # that brings elections forward to April 2024" happened before the report.
            date = _date_for(trigger, dates, published=doc._.published, past=True)
        willing = self.lexicon.words("events", "willingness_words")
        vowing = self.lexicon.words("events", "vowing_verbs")
        offered = aux == "future" and (
            _within_reach(trigger, words=willing)
            or _sworn(trigger, vowing=vowing, infinitive=self.finder.purpose_infinitive)
        )
        promised = aux == "future" and candidate.type in _PROMISED
        if aux == "future" and (judgement.certainty == "attributed" or offered or promised):
            continuing = self.lexicon.words("events", "state_verbs")
            declared = candidate.type == "PROTEST" and _declared(trigger, continuing=continuing)
            if candidate.type in _PRESSURE or declared:
                # PLOVER: force announced by those who would use it is a threat...
                candidate.type, candidate.mode, aux = "THREATEN", None, None
            elif candidate.type in _COOPERATIVE:
                # ...and help announced is an expressed intent to cooperate
                candidate.type, candidate.mode, aux = "AGREE", None, None
        material = candidate.type in self.mapping.material
        place = event_place(
            trigger,
            toponyms=doc._.toponyms,
            lexicon=self.lexicon,
            exclude=candidate.argument_tokens,
            inside_object=material,
            elsewhere=candidate.posts,
        )
        if place is None and material:
            place = setting_within(
                trigger, toponyms=doc._.toponyms, lexicon=self.lexicon, elsewhere=candidate.posts
            )
        if place is None:
            place = scene or (report_scene if material else None)
        on = date.start if date is not None else doc._.published
        named = named or []
        candidate.actor = self._identify(doc, candidate.actor, on=on, named=named)
        candidate.recipient = self._identify(doc, candidate.recipient, on=on, named=named)
        if (
            candidate.actor is not None
            and candidate.recipient is not None
            and candidate.recipient.name == candidate.actor.name
            and fold(candidate.recipient.text) != fold(candidate.actor.text)
        ):
            # "López Obrador calificó de espuria a la mandataria": a role resolved to the
            # actor is someone else the report did not name
            candidate.recipient = None
        judgement.attributed_to = self._identify(doc, judgement.attributed_to, on=on, named=named)
        actor_sector, recipient_sector = _fighting_sides(candidate)
        return Event(
            id="",
            type=candidate.type,
            mode=candidate.mode,
            actor=candidate.actor,
            recipient=candidate.recipient,
            place=place or doc._.focus,
            date=date,
            certainty=judgement.certainty,
            aux=aux,
            attributed_to=judgement.attributed_to,
            acled=self.mapping.acled(
                candidate.type,
                candidate.mode,
                recipient_sector,
                detected=candidate.acled,
                actor_sector=actor_sector,
            ),
            cameo=self.mapping.cameo(candidate.type, candidate.mode),
            evidence=evidence_of(trigger.sent),
            context=[],
            mentions=[evidence_of(t.sent) for t in candidate.mentions if t.sent != trigger.sent],
        )

    def _revise(
        self,
        sent: Span,
        candidates: list[EventCandidate],
        detection: Detection,
        finder: EventFinder,
        judge: CertaintyJudge,
    ) -> list[EventCandidate]:
        """The trigger hits of a sentence revised by what the learned detector says of it:
        hits in a sentence it finds very unlikely to report any event are dropped; in a
        sentence where no trigger fired, the type it finds likeliest is added, told by the
        word its training ties most to that type; and every event takes the likeliest ACLED
        sub-event type its PLOVER type allows."""
        likely = max(self.detector.plover_labels, key=detection.score, default=None)
        best = max(detection.scores.values(), default=0.0)
        # A sentence it finds very unlikely to report any event (background, a reminder of
        # an old war) loses its trigger hits; their types are not weighed one by one, as the
        # lexicon and the training data may file one act under different types.
        kept = candidates if best >= self.detector.setting("drop", 0.015) else []
        # "died", "perdieron la vida": a death is an attack only when the detector agrees
        least = self.detector.setting("sideless", 0.5)
        kept = [c for c in kept if not c.gated or detection.score(c.type) >= least]
        sideless = [c for c in kept if c.sideless]
        kept = [c for c in kept if not c.sideless]
        if not kept and likely and detection.score(likely) >= self.detector.setting("add", 0.85):
            # one event where no trigger fired: the likeliest type, told by its likeliest word
            token = locate(sent, likely, self.cues, skip=self.speech)
            candidate = (
                finder.detected(token, likely, speaker_of=judge.speaker_of) if token else None
            )
            if candidate is not None:
                kept.append(candidate)
        if not kept:
            # a trigger hit that names no side stands only when the detector also reads the
            # sentence as reporting an event of its type
            kept = [c for c in sideless if detection.score(c.type) >= least]
        instruments = self.lexicon.mapping("events", "instrument_modes")
        telling = self.lexicon.mapping("events", "telling_weapons")
        harmless = self.lexicon.words("events", "harmless_weapon_words")
        weapon_words = {**instruments, **telling}
        # "irrumpieron en el Congreso y prendieron fuego a parte del edificio": a protest
        # whose own crowd wrecks or burns something is, to ACLED, a violent demonstration
        wreckers = {
            actor_key(c.actor)
            for c in kept
            if c.type == "ASSAULT" and c.mode in _WRECKING and c.actor is not None
        } - {""}
        riot = self.mapping.acled("PROTEST", "riot", None)
        for candidate in kept:
            if candidate.type == "PROTEST" and riot and actor_key(candidate.actor) in wreckers:
                candidate.acled = riot["sub_event_type"]
                continue
            if candidate.type == "ASSAULT" and candidate.actor:
                # "a military drone struck…", "la artillería bombardeó…": the means named as
                # the subject says how the attack was made, and an aircraft says more than
                # a bombing does ("aviones de la junta bombardearon una aldea")
                words = fold(candidate.actor.text).replace("-", " ").split()
                found = [instruments[w] for w in words if w in instruments]
                if candidate.mode is None:
                    candidate.mode = found[-1] if found else None
                elif found and candidate.mode in _WEAPON_MODES:
                    candidate.mode = _most_telling({candidate.mode, found[-1]})
            if candidate.type == "ASSAULT" and candidate.mode in _WEAPON_MODES:
                # "grenades filled with chloropicrin", "a suicide car bomb exploded": what the
                # weapon carried or who carried it says more than the word for the blast
                candidate.mode = _telling_weapon(candidate.mode, sent, telling, harmless=harmless)
            if candidate.mode in self.mapping.specific_modes:
                continue  # "abducted", "shelled": the trigger already says which
            candidate.acled = self.mapping.detected_subtype(
                candidate.type,
                detection,
                threshold=self.detector.setting("acled", 0.5),
                by_label=self.detector.label_thresholds(),
            )
            weapon = self.mapping.acled_modes.get(candidate.acled or "")
            means = _means(sent, candidates, weapon_words)
            if weapon in _WEAPON_MODES and weapon not in means:
                # ACLED tells a remote attack by the weapon the report names: "RSF fighters
                # attacked the town" names none, and is no shelling, whatever the detector
                # guessed from other reports of that town
                candidate.acled = None
                weapon = None
            if (
                candidate.type == "ASSAULT"
                and candidate.mode is None
                and weapon not in _WEAPON_MODES
                and weapon not in self.mapping.specific_modes
            ):
                # "two were killed when a landmine exploded", "a bus hit an IED, killing 11":
                # an attack the detector reads as no remote one is still told by the weapon
                # the sentence names
                candidate.mode = _telling_weapon(None, sent, telling, harmless=harmless)
                candidate.acled = None if candidate.mode else candidate.acled
            if candidate.mode is None and candidate.acled is not None:
                candidate.mode = self.mapping.acled_modes.get(candidate.acled)
        return kept

    def _blamed(
        self, doc: Doc, event: Event, candidate: EventCandidate, *, named: list[str]
    ) -> Stance | None:
        """ "Germany voiced concern over the detention of Weber by Turkish police": who
        speaks up for the one harmed opposes who harmed them (`responsible`), a stance of
        its own beside the event's."""
        rumour = event.certainty in RUMOUR
        if candidate.responsible is None or event.actor is None or event.aux is not None or rumour:
            return None
        responsible = self._identify_for(doc, event, candidate.responsible, named=named)
        if responsible is None or responsible.name == event.actor.name:
            return None
        return Stance.of_event(
            event, actor=event.actor, recipient=responsible, polarity="oppose", type="ACCUSE"
        )

    def _asked_release(
        self, doc: Doc, event: Event, candidate: EventCandidate, *, named: list[str]
    ) -> Stance | None:
        """ "urged Iran to release French aid worker Claire Dumont", "exigen al gobierno su
        liberación": who asks for someone's release backs them."""
        asking = candidate.requested_by
        wanted = event.type == "RETREAT" and event.mode == "release" and event.recipient
        if asking is None or not wanted or event.certainty in RUMOUR:
            return None
        actor = self._identify_for(doc, event, asking, named=named)
        if actor is None or event.recipient is None or actor.name == event.recipient.name:
            return None
        return Stance.of_event(
            event, actor=actor, recipient=event.recipient, polarity="support", type="REQUEST"
        )

    def _identify_for(
        self, doc: Doc, event: Event, actor: Actor, *, named: list[str]
    ) -> Actor | None:
        """`actor` as the directory knows it on the day of `event` (its report's day when
        undated)."""
        on = event.date.start if event.date is not None else doc._.published
        return self._identify(doc, actor, on=on, named=named)

    @functools.cached_property
    def authored(self) -> dict[str, tuple[str, ...]]:
        """Noun → the event types whose actor is its author (`authored_nouns`; operations are
        carried out by whoever coerced or used force)."""
        operations = self.lexicon.words("events", "operation_nouns")
        table: dict[str, tuple[str, ...]] = {noun: ("COERCE", "ASSAULT") for noun in operations}
        for kind, nouns in (self.lexicon.events.get("authored_nouns") or {}).items():
            for noun in nouns:
                table[fold(noun)] = tuple(str(kind).split("/"))
        return table

    def _identify(
        self, doc: Doc, actor: Actor | None, *, on: dt.date | None, named: list[str]
    ) -> Actor | None:
        """The actor as the directory knows it on day `on`: its canonical name, country and
        sector; a pronoun by the words it stands for; a bare role ("the former president")
        as the person `named` so far who held it."""
        if actor is None:
            return None
        directory: ActorDirectory = doc._.directory or default_directory()
        focus = doc._.focus.country if doc._.focus is not None else None
        members = self.lexicon.words("actors", "member_nouns")
        if fold(actor.text) in self.lexicon.pronoun_kind and actor.country in (None, focus):
            # "it had opened an investigation": the words it stands for name it
            by_words = replace(actor, text=actor.name)
            found = directory.apply(by_words, on=on, focus=focus, members=members)
            identified = replace(found, text=actor.text) if found is not None else None
        else:
            identified = directory.apply(actor, on=on, focus=focus, members=members)
        if identified is None:
            return None
        title = self.lexicon.mapping("actors", "role_titles").get(fold(identified.name))
        return directory.by_role(identified, title=title, on=on, named=named, focus=focus)

    def _demanded(
        self,
        doc: Doc,
        sent: Span,
        finder: EventFinder,
        *,
        judge: CertaintyJudge,
        date: DateSpan | None,
        named: list[str],
    ) -> list[Stance]:
        """The stances a sentence's demands show (`DemandReader.demands`), dated as the
        sentence's events are, when the text does not present them as rumour."""
        on = date.start if date is not None else doc._.published
        found = []
        for verb, maker, polarity, target in finder.requests.demands(
            sent, speaker_of=judge.speaker_of
        ):
            certainty = judge.judge(verb).certainty
            actor = self._identify(doc, maker, on=on, named=named)
            recipient = self._identify(doc, target, on=on, named=named)
            if actor is None or recipient is None or certainty in RUMOUR:
                continue
            found.append(
                Stance(
                    actor=actor,
                    recipient=recipient,
                    polarity=polarity,
                    type="REQUEST",
                    evidence=evidence_of(sent),
                    date=date,
                    certainty=certainty,
                )
            )
        return found


def _named_in(doc: Doc, directory: ActorDirectory) -> list[tuple[int, str]]:
    """Where the text names someone the directory knows: (offset, canonical name), in order."""
    found: dict[int, str] = {}
    for ent in doc.ents:
        entry = directory.by_name.get(fold(ent.text))
        if entry is not None:
            found.update({token.i: entry.name for token in ent})
    for token in doc:
        entry = directory.by_name.get(fold(token.text)) if token.pos_ == "PROPN" else None
        if entry is not None and token.i not in found:
            found[token.i] = entry.name
    # one mention per name and place: the first word of a run naming one person
    return [(doc[i].idx, name) for i, name in sorted(found.items()) if found.get(i - 1) != name]


class PloverMapping:
    """PLOVER → CAMEO and ACLED, from `resources/plover.yaml`."""

    def __init__(self, table: dict[str, Any]) -> None:
        self.cameo_table = {str(k): str(v) for k, v in (table.get("cameo") or {}).items()}
        self.acled_table = {str(k): list(v) for k, v in (table.get("acled") or {}).items()}
        self.material = frozenset(str(t) for t in table.get("material") or ())
        self.acled_event_types = {
            str(k): str(v) for k, v in (table.get("acled_event_types") or {}).items()
        }
        self.acled_by_type = {
            str(k): [str(s) for s in v] for k, v in (table.get("acled_by_type") or {}).items()
        }
        self.acled_modes = {str(k): str(v) for k, v in (table.get("acled_modes") or {}).items()}
        self.specific_modes = frozenset(str(m) for m in table.get("specific_modes") or ())
        sides = table.get("territory_by_side") or {}
        self.state_sectors = frozenset(str(s) for s in sides.get("state_sectors") or ())
        self.armed_sectors = frozenset(str(s) for s in sides.get("non_state_sectors") or ())
        # who takes territory -> the sub-event type it is
        self.taken_by = {side: str(sides.get(side, "")) for side in ("state", "non_state")}
        clash = table.get("armed_clash") or {}
        self.clash = str(clash.get("sub_event_type", ""))
        self.clash_modes = frozenset(clash.get("modes") or ())
        self.clash_replaces = frozenset(str(s) for s in clash.get("replaces") or ())
        self.fighting_sectors = frozenset(str(s) for s in clash.get("armed_sectors") or ())
        self.acting_sectors = frozenset(str(s) for s in clash.get("acting_sectors") or ())
        self.unarmed_sectors = frozenset(str(s) for s in clash.get("unarmed_sectors") or ())
        self.by_demonstrators = frozenset(str(s) for s in table.get("demonstrators_only") or ())
        rioting = table.get("demonstrators_force") or {}
        self.rioting = str(rioting.get("sub_event_type", ""))
        self.rioting_sectors = frozenset(str(s) for s in rioting.get("sectors") or ())

    def side_of(self, sector: str | None) -> str | None:
        """ "state" for state forces, "non_state" for armed groups, None when unknown."""
        if sector in self.state_sectors:
            return "state"
        return "non_state" if sector in self.armed_sectors else None

    def _clash(
        self, event_type: str, mode: str | None, sector: str | None, actor_sector: str | None
    ) -> bool:
        """True for force between two armed sides: ACLED's battle."""
        return (
            event_type == "ASSAULT"
            and mode in self.clash_modes
            and actor_sector in self.acting_sectors
            and sector in self.fighting_sectors
        )

    def cameo(self, event_type: str, mode: str | None) -> str | None:
        """Return the CAMEO root code of a PLOVER type and mode."""
        return self.cameo_table.get(f"{event_type}/{mode}") or self.cameo_table.get(event_type)

    def detected_subtype(
        self,
        event_type: str,
        detection: Detection,
        *,
        threshold: float,
        by_label: dict[str, float] | None = None,
    ) -> str | None:
        """The ACLED sub-event type the detector finds likeliest for a sentence among those
        an event of `event_type` can have and that reach their own threshold (`by_label`:
        a rare type such as "Protest with intervention" is seldom given half the odds), else
        `threshold`."""
        own = by_label or {}
        options = self.acled_by_type.get(event_type, [])
        scored = sorted(((detection.score(o), o) for o in options), reverse=True)
        passing = [option for score, option in scored if score >= own.get(option, threshold)]
        return passing[0] if passing else None

    def acled(
        self,
        event_type: str,
        mode: str | None,
        sector: str | None,
        *,
        detected: str | None = None,
        actor_sector: str | None = None,
    ) -> dict[str, str] | None:
        """Return ACLED's event type and sub-event type, or None when ACLED has none; a
        sub-event type the detector gave (`detected`) wins over the table. Territory taken is
        the government's or a non-state actor's by who takes it (`actor_sector`), whatever
        the words: the detector reads the taking, the parse the taker. Force between two
        armed sides (`actor_sector` and the recipient's `sector`) is ACLED's armed clash,
        not an attack on civilians (`armed_clash`)."""
        side = self.side_of(actor_sector)
        territorial = detected in self.taken_by.values() or (
            detected is None and mode == "territory"
        )
        if territorial and side is not None:
            detected = self.taken_by[side]
        if (
            event_type == "ASSAULT"
            and actor_sector in self.rioting_sectors
            and sector not in self.rioting_sectors
            and mode not in self.specific_modes
            and self.rioting
        ):
            # "protesters torched a police station": ACLED's riot, not an attack (protesters
            # struck by protesters are more often a parse that lost who shot them)
            return {
                "event_type": self.acled_event_types[self.rioting],
                "sub_event_type": self.rioting,
            }
        if self._clash(event_type, mode, sector, actor_sector) and (
            detected is None or detected in self.clash_replaces
        ):
            # "fighting between the army and the RSF", "rebels attacked an army post"
            detected = self.clash
        elif detected == self.clash and sector in self.unarmed_sectors:
            # force on civilians is no battle, whatever the detector read
            detected = None
        elif detected in self.by_demonstrators and actor_sector in self.fighting_sectors:
            # an armed side's force is no violent demonstration, whatever the detector read
            detected = None
        if detected is not None and detected in self.acled_event_types:
            return {"event_type": self.acled_event_types[detected], "sub_event_type": detected}
        keys = [
            f"{event_type}/{mode}>{sector}",
            f"{event_type}>{sector}",
            f"{event_type}/{mode}",
            event_type,
        ]
        if mode in self.specific_modes:
            # an abduction of an activist is an abduction before it is force against protest
            keys[1], keys[2] = keys[2], keys[1]
        for key in keys:
            if key in self.acled_table:
                event, sub_event = self.acled_table[key]
                return {"event_type": event, "sub_event_type": sub_event}
        return None


def _plover_mapping() -> PloverMapping:
    text = resources.files("quipu.resources").joinpath("plover.yaml").read_text(encoding="utf-8")
    return PloverMapping(yaml.safe_load(text) or {})


def evidence_of(sent: Span) -> Evidence:
    """Return the evidence for a sentence: its text without surrounding white space."""
    text = sent.text
    stripped = text.strip()
    start = sent.start_char + (len(text) - len(text.lstrip()))
    return Evidence(sentence=stripped, start=start, end=start + len(stripped))


def _report_scene(doc: Doc, *, starts: list[int], lexicon: Lexicon) -> Place | None:
    """Return where the report is set, or None (`starts`: the paragraphs' offsets).

    The dateline says where the reporter filed from, which is where things happened only
    when the first paragraph is set there too ("JULIACA – ... clashes in Juliaca"): a
    decision taken in the capital is national news. Without such a dateline, the scene the
    first paragraph sets ("clashes broke out in Juliaca").
    """
    first = starts[1] if len(starts) > 1 else len(text_of(doc))
    dateline = dateline_place_span(text_of(doc))
    toponyms = [t for t in doc._.toponyms if t.span.start_char < first]
    at = dateline[0] if dateline is not None else -1
    filed = next((t.place for t in toponyms if t.span.start_char == at), None)
    if filed is not None and filed.precision < 6:
        region = filed.admin1 or filed.name
        if any(
            t.span.start_char != at and (t.place.admin1 or t.place.name) == region for t in toponyms
        ):
            return filed
    for sent in doc.sents:
        if sent.start_char >= first:
            break
        if (setting := setting_of(sent, toponyms=doc._.toponyms, lexicon=lexicon)) is not None:
            return setting
    return None


def _when(token: Token, mention: DateMention) -> bool:
    """True for a word of a date's phrase: in its span, or a noun the span hangs from ("la
    noche [del viernes]", "the night [of 5 March]")."""
    span = mention.span
    return span.start <= token.i < span.end or any(t.head == token for t in span)


def dates_per_sentence(dates: list[DateMention]) -> dict[int, list[DateMention]]:
    found: dict[int, list[DateMention]] = {}
    for mention in dates:
        found.setdefault(
            mention.span.sent.start if mention.absolute else mention.span.start, []
        ).append(mention)
    return found


def _date_for(
    trigger: Token, dates: list[DateMention], *, published: dt.date | None, past: bool
) -> DateSpan | None:
    """Return the date of the trigger's own clause, else one of the sentence's other dates.

    A date inside what the event is about is not the event's date: "rejected proposals to
    hold elections in 2023" did not happen in 2023.
    """
    if past:
        # "approved on Tuesday bringing elections forward to April 2024"
        dates = [m for m in dates if published is None or m.date.start <= published]
    if not dates:
        return None
    arguments = [c for c in trigger.children if c.dep_ in ("dobj", "obj", "xcomp", "ccomp")]
    inside = {t.i for argument in arguments for t in argument.subtree}
    own = [m for m in dates if m.absolute and _modifies(m.span.root, trigger)]
    if own:
        return own[0].date
    others = [m for m in dates if m.span.root.i not in inside]
    absolute = [m for m in others if m.absolute]
    return (absolute or others)[0].date if others else None


def _lede_date(
    dates: list[DateMention], *, starts: list[int], published: dt.date | None
) -> DateSpan | None:
    """Return the first date of the report's opening paragraphs, if it is recent news."""
    second = starts[2] if len(starts) > 2 else None
    for mention in dates:
        if second is not None and mention.span.start_char >= second:
            break
        if _heads_a_paragraph_s_story(mention, dates, starts=starts):
            continue
        if mention.absolute and mention.date.precision <= 2:
            recent = published is None or dt.timedelta(0) <= published - mention.date.end <= (
                dt.timedelta(days=14)
            )
            return mention.date if recent else None
    return None


def _heads_a_paragraph_s_story(
    mention: DateMention, dates: list[DateMention], *, starts: list[int]
) -> bool:
    """True for the date of a verbless sentence that opens a paragraph whose story gives a
    day of its own ("**Bogotá, 22 de agosto de 2025.** El Observatorio registra dos ataques
    perpetrados el jueves 21 de agosto"): a dateline written as a sentence, the day of the
    report, not of its story. A heading standing alone ("Resumen del martes 21 de enero.",
    "Sunday, Dec 1.") is the day a live page covers, and stays."""
    sent = mention.span.sent
    if any(t.pos_ in ("VERB", "AUX") for t in sent):
        return False
    following = [start for start in starts if start > sent.start_char]
    end = following[0] if following else len(text_of(sent.doc))
    return any(
        other.absolute
        and other.date.precision <= 2
        and sent.end_char <= other.span.start_char < end
        and any(t.pos_ in ("VERB", "AUX") for t in other.span.sent)
        for other in dates
    )


def _declared(trigger: Token, *, continuing: frozenset[str]) -> bool:
    """True for an action its actor says it will take ("said they would boycott"), not one
    it plans ("plan to resume demonstrations") or keeps up ("mantendrán el paro"): the future
    is in the verb or its modal."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    if fold(verb.lemma_) in continuing:
        return False
    if "Fut" in verb.morph.get("Tense", []):
        return True
    return any(
        c.dep_ == "aux" and fold(c.text) in ("will", "would", "shall", "'ll") for c in verb.children
    )


def _means(
    sent: Span, candidates: list[EventCandidate], instruments: Mapping[str, Any]
) -> set[str | None]:
    """The means of violence a sentence names: its triggers' modes and its weapons' words
    (`instrument_modes`)."""
    named = {
        instruments[w] for t in sent for w in (fold(t.text), fold(t.lemma_)) if w in instruments
    }
    return named | {c.mode for c in candidates}


def _fighting_sides(candidate: EventCandidate) -> tuple[str | None, str | None]:
    """The sectors of who acts and who is acted on, for ACLED: a fight told with both sides
    as its subject ("Fulani militiamen and soldiers of the army clashed", "milicianos de
    CODECO y soldados de las FARDC sostuvieron combates", "rival militias clashed") is
    between the sides the subject names, or within the one it names."""
    actor, recipient = candidate.actor, candidate.recipient
    if candidate.mutual and recipient is None and actor is not None:
        members = actor.members
        if len(members) >= 2:
            return members[0].sector, members[-1].sector
        return actor.sector, actor.sector
    return (actor.sector if actor else None), (recipient.sector if recipient else None)


def _most_telling(modes: set[str | None]) -> str | None:
    """The most telling of some weapon modes (`_WEAPON_PRECEDENCE`), None for none."""
    return next((m for m in _WEAPON_PRECEDENCE if m in modes), None)


def _telling_weapon(
    mode: str | None, sent: Span, telling: Mapping[str, Any], *, harmless: frozenset[str]
) -> str | None:
    """The mode of an attack told with no means or with a remote weapon, revised by the most
    telling weapon its sentence names anywhere (`telling_weapons`): "two were killed when a
    landmine exploded" (explosives), "helicopters dropped barrels of chlorine" (chemical),
    "a suicide blast at the entrance" (suicide); not one its modifier makes harmless ("petrol
    bombs", "una bomba lacrimógena": `harmless_weapon_words`)."""
    if mode is not None and mode not in _WEAPON_MODES:
        return mode  # gunfire, an abduction, a rape: the trigger said how
    named = {
        telling[w]
        for t in sent
        for w in (fold(t.text), fold(t.lemma_))
        if w in telling and not {fold(c.lemma_) for c in t.children} & harmless
    }
    return _most_telling(named | {mode}) or mode


def _sworn(trigger: Token, *, vowing: frozenset[str], infinitive: frozenset[str]) -> bool:
    """True when `trigger` is the infinitive a vow or an oath governs ("vowed to defeat",
    "swore to fight and to retake"), not a word of the phrase the vow was made in. The
    parser hangs some such infinitives as adverbial clauses ("has sworn to kill"): those
    count by their infinitive marker."""
    verb = trigger
    while verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        verb = verb.head
    marked = any(fold(child.text) in infinitive for child in verb.children if child.dep_ == "aux")
    complement = verb.dep_ == "xcomp" or (verb.dep_ == "advcl" and marked)
    return complement and fold(verb.head.lemma_) in vowing


def _within_reach(trigger: Token, *, words: frozenset[str]) -> bool:
    """True when one of `words` governs `trigger` within its own clause: "ready to [host] a
    meeting", "dispuestos al [diálogo]" (not a word of another clause the trigger's hangs from)."""
    previous = trigger
    for head in governing_chain(trigger, limit=3):
        if fold(head.lemma_) in words:  # "is prepared to", not "the army prepared to"
            return True
        if previous.dep_ not in _WITHIN_CLAUSE:
            return False
        previous = head
    return False


def _asked_removal(event: Event, whose: Token | None) -> Stance | None:
    """ "Exigen la renuncia de la fiscal general", "planean una movilización para exigir la
    renuncia de la presidenta": who asks for someone's removal opposes them, whether the
    demand is made or planned, and though the sentence leaves its makers to the one before
    (the request event's actor). A demand not made ("no piden su renuncia") takes no side."""
    if event.type != "REQUEST" or event.actor is None or event.recipient is None:
        return None
    if whose is None or event.aux == "negated" or event.certainty in RUMOUR:
        return None
    if fold(whose.text) not in fold(event.recipient.text):
        return None  # the demand is put to someone else ("exigió al gobierno la renuncia…")
    return Stance.of_event(
        event, actor=event.actor, recipient=event.recipient, polarity="oppose", type="REQUEST"
    )


def _perfect(trigger: Token) -> bool:
    """True for a present perfect ("have spread", "has been detained")."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    return verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") and fold(c.lemma_) == "have"
        for c in verb.children
    )


def _said_now(candidate: EventCandidate) -> bool:
    """True for words (PLOVER's verbal types) told by a verb in the present indicative."""
    verb = candidate.trigger
    if candidate.type not in VERBAL_TYPES or verb.pos_ not in ("VERB", "AUX"):
        return False
    if verb.tag_ in ("VBZ", "VBP"):
        return True
    morph = verb.morph
    return "Pres" in morph.get("Tense", []) and "Ind" in morph.get("Mood", [])


def _week_to(day: dt.date | None) -> DateSpan | None:
    if day is None:
        return None
    return DateSpan(day - dt.timedelta(days=6), day, 3)


def _ahead(date: DateSpan, doc: Doc) -> bool:
    """True when `date` starts after the report was published."""
    published: dt.date | None = doc._.published
    return published is not None and date.start > published


def told_in_past(trigger: Token) -> bool:
    """True when the clause of `trigger` is in a past tense ("fired", "had come")."""
    verb = trigger
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX"):
            break
        verb = verb.head
    # "tried to storm", "intentaron tomar": the tense is the governing verb's
    while "Inf" in verb.morph.get("VerbForm", []) and verb.dep_ == "xcomp" and verb.head != verb:
        verb = verb.head
    tenses = set(verb.morph.get("Tense", []))
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "aux:pass", "cop"):
            tenses |= set(child.morph.get("Tense", []))
    has_present_aux = any(
        c.dep_ in ("aux", "auxpass") and "Pres" in c.morph.get("Tense", []) for c in verb.children
    )
    return "Past" in tenses and not has_present_aux


def _modifies(word: Token, trigger: Token) -> bool:
    """True when `word` hangs from `trigger` through prepositions only ("on Monday")."""
    current = word
    for _ in range(4):
        head = current.head
        if head == trigger:
            return True
        if head == current or head.pos_ not in ("ADP", "PROPN", "NUM"):
            return False
        current = head
    return False


def _merge_across(
    events: list[Event],
    event: Event,
    candidate: EventCandidate,
    *,
    dated: bool,
    aimed: list[Event],
) -> bool:
    """Fold a later mention of an event already told into it; return True if merged.

    `dated` says whether the mention's own sentence dates it: "the protests" with no date
    of its own refers back to protests already told. What an event is aimed at when it
    names no side (`aimed`: "occupied several airports") does not tell two mentions apart.
    """

    def side(one: Event) -> str:
        return "" if any(one is other for other in aimed) else actor_key(one.recipient)

    for earlier in reversed(events):
        if earlier.type != event.type or earlier.evidence.start == event.evidence.start:
            continue
        if event.actor is None and not candidate.definite:
            continue
        same_args = actor_key(earlier.actor) == actor_key(event.actor) and side(earlier) == side(
            event
        )
        anaphoric = candidate.definite and not dated and candidate.trigger.pos_ != "VERB"
        # "la captura se produjo en la madrugada del jueves": when and where it took place
        told_again = candidate.reference and earlier.mode == event.mode
        if (
            (
                same_args
                and earlier.date == event.date
                and earlier.place == event.place
                and earlier.aux == event.aux
            )
            or (anaphoric and same_args)
            or told_again
        ):
            earlier.mentions.append(event.evidence)
            earlier.mentions.extend(event.mentions)
            return True
    return False


def _in_relative_clause(word: Token) -> bool:
    """True for a word inside a relative clause ("the soldiers who drowned on Sunday")."""
    return any(
        a.dep_ in ("relcl", "acl:relcl") or (a.dep_ == "acl" and _finite(a))
        for a in [word, *word.ancestors]
    )


def _finite(verb: Token) -> bool:
    return "Fin" in verb.morph.get("VerbForm", [])


def _accuser_of(events: list[Event], denial: Event) -> Actor | None:
    """Who made the charge a denial that does not name it denies: whom the denier accuses
    in the same sentence ("acusó a Washington de injerencia y negó que…"), else the latest
    accusation told so far against the denier or its state (the police accused, the
    interior ministry denying), else the latest made by anyone but the denier's own state."""
    denier = denial.actor
    if denier is None:
        return None
    for event in events:
        own = event.actor is not None and fold(event.actor.name) == fold(denier.name)
        if event.type == "ACCUSE" and own and event.evidence == denial.evidence:
            return event.recipient
    charges = [e for e in reversed(events) if e.type == "ACCUSE" and e.actor is not None]
    for event in charges:
        if event.recipient is not None and _one_side(event.recipient, denier):
            return event.actor
    for event in charges:
        if event.actor is not None and not _one_side(event.actor, denier):
            return event.actor
    return None


def _crowd_before(events: list[Event]) -> Actor | None:
    """Who protested in the latest protest told so far (None when none was): the ones
    force to break up a crowd is used on, when the sentence does not name them."""
    for event in reversed(events):
        if event.type == "PROTEST" and event.actor is not None and event.aux is None:
            return event.actor
    return None


def _one_side(one: Actor, other: Actor) -> bool:
    """The same actor, or bodies of one state."""
    if fold(one.name) == fold(other.name):
        return True
    return (
        one.country is not None
        and one.country == other.country
        and {one.sector, other.sector} <= STATE_SECTORS
    )


def _author_before(events: list[Event], kinds: set[str], *, besides: Actor | None) -> Actor | None:
    """Who did the latest event of one of these types told so far (not the critic itself),
    for a criticism of "the operation", "the claim" or "the sanctions" that does not name
    them."""
    for event in reversed(events):
        if event.type not in kinds or event.actor is None or event.aux is not None:
            continue
        if besides is None or fold(event.actor.name) != fold(besides.name):
            return event.actor
    return None
