"""Events: trigger words coded in PLOVER, with actor and recipient from the parse.

A trigger (`resources/<lang>/events.yaml`) names the event type and mode. Its arguments
come from the dependency structure: the subject acts and the object is acted upon; a
passive turns them round ("was detained by police"); a noun takes its actor from a
possessive, a modifier ("police crackdown"), "of"/"by", or the light verb that governs it
("expressed support for Castillo"); with "seek"/"receive" the subject is the one helped
("sought asylum in the Mexican embassy"). Mentions of one event in one sentence, and later
references to it ("the protests"), become one event with several mentions.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from ..records import Actor
from .arguments import ArgumentFinder
from .candidates import VERBAL_TYPES, EventCandidate, SpeakerLookup
from .clauses import governing_verb, reported_clause, undergoer, verbal
from .figures import is_tally
from .happenings import HappeningReader
from .lexicon import Lexicon, Trigger, fold
from .mentions import drop_embedded_nouns, merge_in_sentence
from .syntax import (
    OBJECT,
    PASSIVE_SUBJECT,
    attachment_of,
    conjuncts,
    finite,
    is_negated,
    is_passive,
    is_possessive,
    is_relative,
    marker_of,
    objects_of,
    passive_subject,
    prepositional_args,
    subject_of,
)
from .triggers import phrase_head, trigger_phrases

_NOMINAL = frozenset({"NOUN", "PROPN"})
_VERBAL = frozenset({"VERB", "AUX"})
# Who acts for a state: its government, diplomats, lawmakers, courts.
_STATE_SECTORS = frozenset({"GOV", "LEG", "JUD"})
# Harm a participle tells as undergone by the noun it describes ("a protester killed by
# police", "Ferrer, arrestado en Santiago"): reported, not only described.
_UNDERGONE = frozenset({"ASSAULT", "COERCE"})


# Acts that sides named together do with each other, not for nothing named.
_WITH_EACH_OTHER = frozenset({"CONSULT", "COOPERATE"})
# What a verb says or shows when it is no act of its own ("manifestó que…", "se manifestó
# preocupado")
_CLAUSES = frozenset({"ccomp", "xcomp", "csubj", "oprd", "acomp", "attr"})
# What a protest is made for, whose recipient it takes when it names none
_PURPOSES = frozenset({"REQUEST", "REJECT", "ACCUSE"})


class EventFinder(ArgumentFinder):
    """Find the events of one Doc's sentences: trigger phrases, the events they report,
    demands and labels; their arguments come from `ArgumentFinder`.

    The word tables are read once per language; `for_document` gives a finder bound to one
    document's actor resolver.
    """

    def __init__(self, *, lexicon: Lexicon) -> None:
        super().__init__(lexicon=lexicon)
        words = lexicon.words
        self.causative = words("events", "causative_verbs")
        self.demand_modals = words("events", "demand_modals")
        self.admonishing = words("events", "admonishing_verbs")
        self.speech = words("certainty", "speech_verbs")
        self.labels = lexicon.mapping("events", "labels")
        self.acts = words("events", "act_labels")
        self.claim_labels = words("events", "claim_labels")
        self.manner_markers = words("events", "manner_markers")
        self.ending = words("events", "protest_object_verbs")
        self.demand_verbs = words("events", "demand_verbs")
        self.asking_verbs = words("events", "asking_verbs")
        self.requesting_verbs = self.demand_verbs | self.asking_verbs
        self.amends = words("events", "amends")
        self.wanted = {
            **{noun: "support" for noun in words("events", "relief_nouns")},
            **{noun: "oppose" for noun in words("events", "removal_nouns")},
        }
        self.portray = words("events", "portray_verbs")
        self.departure = words("events", "departure_words")
        self.ordering = words("events", "ordering_verbs")
        self.cessation = words("events", "cessation_markers")
        self.negating_verbs = words("events", "negating_verbs")
        self.envoy_verbs = {
            fold(k): str(v) for k, v in (lexicon.events.get("envoy_verbs") or {}).items()
        }
        self.missions = [fold(m).split() for m in lexicon.words("events", "mission_nouns")]
        self.withdrawing = words("events", "withdrawing_triggers")
        self.by_object = {
            fold(k): v or {} for k, v in (lexicon.events.get("by_object") or {}).items()
        }
        self.request_infinitive = words("events", "request_with_infinitive")
        self.when_negated = {
            fold(k): str(v) for k, v in (lexicon.events.get("when_negated") or {}).items()
        }
        self.only_negated = words("events", "only_when_negated")
        self.intransitive = words("events", "intransitive_triggers")
        self.warnings = words("events", "warning_triggers")
        self.possibility = words("events", "possibility_modals")
        self.not_with_clause = words("events", "not_with_clause")
        self.by_recipient = {
            fold(k): v or {} for k, v in (lexicon.events.get("by_recipient_sector") or {}).items()
        }
        self.negators = words("events", "negators")
        self.statement_nouns = words("events", "statement_nouns")
        # nouns of telling, whose clause with a subject of its own reports an event
        self.telling_nouns = words("events", "report_nouns") | self.said | self.statement_nouns
        self.actor_sectors = {
            fold(k): {str(s) for s in v}
            for k, v in (lexicon.events.get("actor_sectors") or {}).items()
        }
        self.done_to_someone = words("events", "unrestricted_when_done_to_someone")
        self.occurrence_types = {str(t) for t in lexicon.events.get("occurrence_types", [])}
        self.occurrence_preps = words("events", "occurrence_prepositions")
        self.sideless = {str(t) for t in lexicon.events.get("sideless_types", [])}
        self.suffered = words("events", "suffered_triggers")
        self.injuring = words("events", "injury_triggers")
        self.mutual = words("events", "mutual_triggers")
        self.lifting = words("events", "lifting_verbs")
        self.restrictions = words("events", "restriction_modes")
        self.people_modes = words("events", "people_modes")
        self.not_undergoers = words("events", "not_undergoers")
        self.gatherings = words("events", "gathering_modes")
        self.signing = words("events", "signing_verbs")
        self.signed = words("events", "signed_agreements")
        self.crowd_verbs = words("numbers", "crowd_verbs")
        self.quantities = {fold(word) for word in lexicon.mapping("numbers", "vague")}
        self.since = words("dates", "since_markers")
        self.dyadic = {str(t) for t in lexicon.events.get("needs_recipient", [])}
        self.by_sector = {
            fold(k): v or {} for k, v in (lexicon.events.get("by_sector") or {}).items()
        }
        self.happenings = HappeningReader(lexicon=lexicon)
        self.taking = words("events", "taking_triggers")
        self.tolls = words("events", "toll_triggers")
        self.finding = words("events", "finding_verbs")
        self.taking_sectors = words("events", "taking_sectors")

    # -- matching -------------------------------------------------------------------

    # -- one sentence ---------------------------------------------------------------

    def find(self, sent: Span, *, speaker_of: SpeakerLookup) -> list[EventCandidate]:
        """Return the events of one sentence, mentions of one event merged."""
        candidates = []
        # nominal triggers dropped for naming no one: what hangs from them is their content
        # ("expresó su preocupación por la detención de X" arrests no one)
        silent: list[Token] = []
        lifters: set[int] = set()
        for words, trigger in trigger_phrases(sent, finder=self):
            head = phrase_head(words)
            if not self._reports_event(head, trigger):
                continue
            candidate = EventCandidate(
                trigger=head,
                words=words,
                type=trigger.type,
                mode=trigger.mode,
                suffered=" ".join(trigger.lemmas) in self.suffered,
                mutual=" ".join(trigger.lemmas) in self.mutual,
            )
            # the dead and the injured are told as tolls too: such a hit stands only when the
            # learned detector agrees, and never within a running total
            resulting = self.resulting(head) is not None
            tolled = (
                candidate.suffered
                or " ".join(trigger.lemmas) in self.injuring
                or (resulting and trigger.type == "ASSAULT")
            )
            candidate.gated = tolled
            if (tolled or resulting) and self._recounted(head):
                continue
            if candidate.suffered and not verbal(head) and not resulting:
                continue  # "seis civiles muertos durante el paro" describes the dead
            self.find_arguments(candidate, speaker=speaker_of(head))
            if candidate.described is not None and self._background(candidate.described):
                continue
            lifter = self._lifted(candidate)
            if lifter is not None:
                # "Serbia lifted a night curfew", "levantó el estado de excepción": the
                # restriction ended is a concession by whoever ends it
                candidate.type, candidate.mode, candidate.reported = "CONCEDE", None, True
                ender = (
                    self.marked(lifter, self.agent_markers)
                    if is_passive(lifter)
                    else subject_of(lifter)
                )
                candidate.actor = (
                    self.resolve(ender, speaker=speaker_of(head), candidate=candidate)
                    or candidate.actor
                )
                lifters.add(lifter.i)
            if candidate.type == "REQUEST" and candidate.recipient is None:
                candidate.recipient = self._asked_of(head, speaker=speaker_of(head))
            if not self._adjust_type(candidate, trigger):
                continue
            self._expulsion(candidate)
            self._withdrawn_from(candidate, trigger, speaker=speaker_of(head))
            candidate.toll = self.happenings.counted(head, candidate.type)
            if candidate.toll:
                _keep_own_actor(candidate)
            occurrence = (
                self._occurrence(candidate)
                or self._told_happening(candidate, speaker=speaker_of(head))
                or candidate.toll
            )
            if not verbal(candidate.trigger) and candidate.actor is None:
                if candidate.type == "PROTEST":
                    candidate.actor = self.resolver.protesters(head)
                elif not occurrence and (candidate.recipient is None or not candidate.reported):
                    # "the imprisonment of Castillo" names an event; "Castillo was declared
                    # persona non grata" reports one.
                    if candidate.type in VERBAL_TYPES:
                        silent.append(candidate.trigger)
                    if candidate.recipient is not None or candidate.type not in self.sideless:
                        continue
                    candidate.sideless = True
            if candidate.actor is None and candidate.recipient is None and not occurrence:
                if candidate.type not in self.sideless:
                    continue
                candidate.sideless = True
            # "Israel and Lebanon renewed negotiations", "Colombia y Venezuela reanudaron el
            # diálogo": sides named together talk or work with each other
            together = (
                candidate.actor is not None
                and len(candidate.actor.members) >= 2
                and candidate.type in _WITH_EACH_OTHER
            )
            gathering = (
                candidate.mode in self.gatherings and candidate.actor is not None
            ) or together
            if not candidate.has_object and candidate.type in self.dyadic and not gathering:
                if not verbal(candidate.trigger) and candidate.type in VERBAL_TYPES:
                    silent.append(candidate.trigger)
                continue  # "expressed support" for nothing named says nothing
            candidates.append(candidate)
        candidates = [
            c
            for c in candidates
            if (verbal(c.trigger) or not any(c.trigger in word.subtree for word in silent))
            and c.trigger.i not in lifters
        ]
        # "released 192 of the 193 people detained during the raid": the participle says who
        # the released are; the sentence reports the release, not the detention again
        argued = {i for c in candidates if c.described is None for i in c.argument_tokens}
        candidates = [c for c in candidates if c.described is None or c.described.i not in argued]
        if any(not c.sideless for c in candidates):
            # a sentence that names the sides of an event tells no second one without them
            candidates = [c for c in candidates if not c.sideless]
        candidates += self._envoy_acts(sent, candidates, speaker_of=speaker_of)
        candidates += self._crowds(sent, candidates, speaker_of=speaker_of)
        candidates += self._struck_by(sent, candidates, speaker_of=speaker_of)
        candidates += self._happening_nouns(sent, candidates, speaker_of=speaker_of)
        _refusals_take_their_object(candidates, refusing=self.negating_verbs)
        self._protests_take_their_purpose(candidates)
        candidates = self._apply_causatives(candidates)
        candidates = self._demands(sent, candidates, speaker_of=speaker_of)
        candidates += self._labelled(sent, speaker_of=speaker_of)
        candidates = drop_embedded_nouns(candidates, measures=self.restrictions)
        candidates = [c for c in candidates if not self._found_weapon(c)]
        self._mark_request_content(candidates)
        return merge_in_sentence(candidates, tolls=self.tolls)

    def detected(
        self, token: Token, event_type: str, *, speaker_of: SpeakerLookup
    ) -> EventCandidate | None:
        """An event the learned detector found where no trigger fired, told by `token` (the
        sentence's word its training data ties most to the type); its arguments come from
        the parse as a trigger's would. None when the parse names no side and the type is
        not one that happens without one (a protest, a clash)."""
        candidate = EventCandidate(
            trigger=token, words=[token], type=event_type, mode=None, detected=True
        )
        self.find_arguments(candidate, speaker=speaker_of(token))
        if candidate.actor is None and event_type == "PROTEST":
            candidate.actor = self.resolver.protesters(token)
        if candidate.actor is None and event_type not in self.occurrence_types:
            return None  # "expressed" by no one named: nothing to code
        if candidate.actor is None and candidate.recipient is None:
            return None
        if event_type in self.dyadic and candidate.recipient is None:
            return None  # "the president spoke in Nairobi": consulted no one named
        return candidate

    def _demands(
        self, sent: Span, candidates: list[EventCandidate], *, speaker_of: SpeakerLookup
    ) -> list[EventCandidate]:
        """ "Russia said Sudan must return the helicopter": a demand (PLOVER REQUEST) by the
        speaker of the one who must act; what must be done is its content, not an event.
        Reminding someone of what they must do ("recordó que los mandos deben garantizar la
        vida de la tropa") is a rebuke: an ACCUSE."""
        for verb in sent:
            modal = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ == "aux" and fold(c.lemma_) in self.demand_modals
                ),
                None,
            )
            if modal is None:
                continue
            said = verb.head
            if verb.dep_ == "acl" and fold(said.lemma_) in self.statement_nouns:
                # "issued a reminder to Iraq that it must cooperate", "un mensaje de que
                # deben...": the one who issues the statement says it
                said = governing_verb(said) or said
                if not verbal(said):
                    continue
            elif (
                verb.dep_ not in ("ccomp", "xcomp", "conj") or fold(said.lemma_) not in self.speech
            ):
                continue
            speaker = next((c for c in said.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            addressee = subject_of(verb)
            if speaker is None:
                continue
            candidates = [c for c in candidates if c.trigger != verb and c.trigger != said]
            kind = "ACCUSE" if fold(said.lemma_) in self.admonishing else "REQUEST"
            demand = EventCandidate(trigger=verb, words=[verb], type=kind, mode=None, said=said)
            demand.actor = self.resolve(speaker, speaker=speaker_of(said), candidate=demand)
            if addressee is not None and addressee != speaker:
                demand.recipient = self.resolve(addressee, speaker=None, candidate=demand)
            if demand.actor is not None:
                candidates.append(demand)
        return candidates

    def _labelled(self, sent: Span, *, speaker_of: SpeakerLookup) -> list[EventCandidate]:
        """What calling someone something says: "described Castillo as the victim of
        harassment", "sostienen que el expresidente fue víctima de…" take their side (PLOVER
        SUPPORT); "calificó de espuria a la mandataria", "called her a usurper" accuse them.
        The narrator's own "victims of the clashes" side with no one: a label counts only as
        what a named speaker calls someone (`labels` in the events lexicon)."""
        found = []
        for word in sent:
            kind = self.labels.get(fold(word.lemma_)) or self.labels.get(fold(word.text))
            if word.pos_ not in ("NOUN", "ADJ") or kind is None:
                continue
            frame = self._label_frame(word)
            if frame is None:
                continue
            verb, labelled, speaker = frame
            if fold(word.lemma_) in self.acts:
                # "what she called interference by the highest authorities": an act so
                # called is held against whoever did it
                labelled = self.marked(word, self.agent_markers) or (
                    None if is_passive(verb) else self.marked(verb, self.agent_markers)
                )
                if labelled is None:
                    continue
            event = EventCandidate(trigger=verb, words=[verb], type=str(kind), mode=None)
            event.actor = self.resolve(speaker, speaker=speaker_of(verb), candidate=event)
            event.recipient = self.resolve(labelled, speaker=None, candidate=event)
            disowned = fold(word.lemma_) in self.claim_labels
            # "lo ocurrido": a participle made a noun is a thing too
            thing = labelled if labelled is not None and labelled.pos_ in ("NOUN", "ADJ") else None
            if event.recipient is None and disowned and thing is not None:
                # "called the claim a monstrous lie", "dismissed the announcement as a ploy",
                # "called the vote illegal": a claim or an act so called is held against
                # whoever made it (the coder reads who), else it is what the label is aimed at
                event.objects, event.target = {fold(thing.lemma_)}, thing
            event.has_object = event.recipient is not None or event.target is not None
            if event.actor is not None and event.has_object:
                found.append(event)
        return found

    def _label_frame(self, label: Token) -> tuple[Token, Token | None, Token] | None:
        """(the verb that says it, who is so called, who says so), if `label` is what
        someone is called: "describe X as (the) victim", "calificar a X de espuria", "call X
        a usurper", or "[S said] X was the victim"; a label inside its noun ("calificó de
        «régimen de facto» al gobierno", "de «gobierno de facto» a la administración") is
        where that noun is."""
        host = label.head
        if (
            label.pos_ == "ADJ"
            and label.dep_ in ("nmod", "amod")
            and any(c.dep_ == "case" for c in label.children)
            and host.dep_ in ("obj", "dobj")
            and not any(c.dep_ == "case" for c in host.children)
            and fold(host.head.lemma_) in self.portray
        ):
            # "calificaron la incautación de ilegal", "calificó lo ocurrido de «escandaloso»":
            # the parser may hang the label's "de" from the object it is said of
            sayer = subject_of(host.head)
            return (host.head, host, sayer) if sayer is not None else None
        anchor = label
        for _ in range(2):
            if (
                anchor.dep_ not in ("nmod", "fixed", "flat", "case", "advmod")
                or anchor.head == anchor
            ):
                break
            anchor = anchor.head
        if anchor is not label and anchor.pos_ in ("NOUN", "PROPN"):
            label = anchor
        if label.dep_ in ("pobj", "amod") and label.head.dep_ == "prep":
            verb = label.head.head  # "describing Castillo as the victim"
            if verb.dep_ in ("dobj", "obj") and verb.pos_ != "VERB":
                # "dismissed [the announcement as a ploy]": the parser may hang "as" from
                # the object
                verb = verb.head
        elif label.dep_ in ("obj", "obl", "xcomp", "oprd"):
            verb = label.head  # "calificó a Castillo como víctima", "called her a usurper"
        elif label.dep_ == "amod" and label.head.pos_ == "NOUN":
            # "[S said] X was an illegitimate ruler": the label qualifies the attribute
            return self._called(label.head)
        else:
            return self._called(label)
        if fold(verb.lemma_) not in self.portray:
            return None
        labelled = next((o for o in objects_of(verb) if o != label), None)
        sayer = subject_of(verb)
        if sayer is None and verb.dep_ == "acl":
            # "a joint statement describing Castillo as…": who issued the statement
            governing = governing_verb(verb.head)
            sayer = subject_of(governing) if governing is not None else None
        if sayer is None or (labelled is None and fold(label.lemma_) not in self.acts):
            return None
        return verb, labelled, sayer

    def _called(self, noun: Token) -> tuple[Token, Token, Token] | None:
        """ "[S said] X was the victim" (English: "victim" is the attribute of "be"), "[S
        sostiene que] X fue víctima" (Spanish: "víctima" heads the clause, with a copula)."""
        if noun.dep_ == "attr":
            clause = noun.head
        elif any(child.dep_ == "cop" for child in noun.children):
            clause = noun
        else:
            return None
        victim, said = subject_of(clause), clause.head
        if victim is None or clause.dep_ != "ccomp" or fold(said.lemma_) not in self.speech:
            return None
        sayer = subject_of(said)
        return (said, victim, sayer) if sayer is not None else None

    def demands(
        self, sent: Span, *, speaker_of: SpeakerLookup
    ) -> list[tuple[Token, Actor, str, Actor]]:
        """What the demands of a sentence say of their makers' side: (the demand verb, who
        demands, "support" or "oppose", whom). "Protesters are demanding Castillo's release
        and the closure of Congress" backs Castillo and opposes Congress; "las protestas que
        exigen la salida de la presidenta" oppose her."""
        found = []
        for verb in sent:
            lemma = fold(verb.lemma_)
            if verb.pos_ != "VERB" or lemma not in self.requesting_verbs:
                continue
            # what resolving records about the words it used, kept apart from any event's
            scratch = EventCandidate(trigger=verb, words=[verb], type="REQUEST", mode=None)
            maker = self._demander(verb, speaker_of=speaker_of, scratch=scratch)
            if maker is None:
                continue
            objects = objects_of(verb)
            wants = [w for o in objects for w in (*conjuncts(o), *_appositions(o))]
            for want in wants if lemma in self.demand_verbs else []:
                polarity = self.wanted.get(fold(want.lemma_))
                whom = self._whose(want) if polarity is not None else None
                target = self.resolve(whom, speaker=None, candidate=scratch) if whom else None
                if polarity is not None and target is not None:
                    found.append((verb, maker, polarity, target))
            amends = self._amends_asked(verb)
            if amends is not None:
                # "pidió a la presidenta que ofreciera disculpas", "demanded that Boluarte
                # resign": asking someone for amends is taking a stand against them
                addressee = self.likeliest(objects) or _name_before(amends) or subject_of(amends)
                target = self.resolve(addressee, speaker=None, candidate=scratch)
                if target is not None and target.name != maker.name:
                    found.append((verb, maker, "oppose", target))
        return found

    def _amends_asked(self, verb: Token) -> Token | None:
        """The clause `verb` asks for, when it asks for amends: an apology, admitting
        errors, a resignation ("asked the president to apologize", "que reconociera los
        errores")."""
        asked = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
        asked += [w for c in asked for w in c.conjuncts]
        return next(
            (
                clause
                for clause in asked
                if any(fold(w.lemma_) in self.amends for w in (clause, *objects_of(clause)))
            ),
            None,
        )

    def _demander(
        self, verb: Token, *, speaker_of: SpeakerLookup, scratch: EventCandidate
    ) -> Actor | None:
        """Who makes a demand: its subject, or the protest it describes ("protests
        demanding…", "protestas que exigen…")."""
        maker = subject_of(verb)
        if (maker is None or is_relative(maker)) and verb.dep_ in ("acl", "relcl"):
            maker = verb.head
        if maker is None:
            return None
        kinds = self.lexicon.triggers.get(fold(maker.lemma_), [])
        if maker.pos_ == "NOUN" and any(t.type == "PROTEST" for t in kinds):
            return self.resolver.protesters(maker)
        return self.resolve(maker, speaker=speaker_of(verb), candidate=scratch)

    def _background(self, described: Token) -> bool:
        """True when harm a participle tells of is background: a time ("la noche del
        miércoles detenido", a misparse) or people counted in a running total ("the number of
        people killed since December")."""
        dated = any(m.span.start <= described.i < m.span.end for m in described.doc._.dates or ())
        times = dated or fold(described.lemma_) in self.times
        return times or is_tally(described.sent, lexicon=self.lexicon)

    def _recounted(self, died: Token) -> bool:
        """True when a death is told as part of a toll rather than as a happening: in a
        relative clause describing people ("los familiares de las personas que murieron"),
        or in a running total ("at least seven people had died since the protests began",
        "han muerto desde el inicio de las movilizaciones")."""
        if died.dep_ in ("acl", "relcl", "acl:relcl"):
            return True
        return is_tally(died.sent, lexicon=self.lexicon)

    def _asked_of(self, verb: Token, *, speaker: Actor | None) -> Actor | None:
        """Whom a demand for someone's release or removal is aimed at, when it names no
        one else: the one to be released or removed ("demanded the abolition of the
        police unit", "exigen la renuncia de la fiscal")."""
        if not verbal(verb):
            return None
        for want in objects_of(verb):
            if fold(want.lemma_) not in self.wanted:
                continue
            whom = self._whose(want)
            if whom is None or whom.pos_ == "PRON" or is_possessive(whom):
                continue  # "pidió su dimisión": whose is for the stances to work out
            scratch = EventCandidate(trigger=verb, words=[verb], type="REQUEST", mode=None)
            found = self.resolve(whom, speaker=speaker, candidate=scratch)
            if found is not None:
                return found
        return None

    def removal_asked(self, verb: Token) -> Token | None:
        """Whose removal a demand asks for, when the text names them ("exigen la renuncia de
        la fiscal general", "demanded the ouster of the governor"): the owner of a removal
        noun the verb takes as its object. A pronoun ("pidió su dimisión") is left to
        `demands`, which works out whose."""
        for want in objects_of(verb) if verbal(verb) else []:
            if self.wanted.get(fold(want.lemma_)) != "oppose":
                continue
            whom = self._whose(want)
            if whom is not None and whom.pos_ != "PRON" and not is_possessive(whom):
                return whom
        return None

    def _whose(self, want: Token) -> Token | None:
        """Whose release or resignation is wanted: the possessor, or the "of" phrase."""
        for child in want.children:
            if is_possessive(child):
                return child
        return next(
            (noun for marker, noun in prepositional_args(want) if marker in self.genitive), None
        )

    def _by_a_state(self, verb: Token) -> bool:
        """True when the one doing `verb` is a state or its government."""
        subject = subject_of(verb) if verb.pos_ in _VERBAL else None
        actor = self.resolver.resolve(subject) if subject is not None else None
        return actor is not None and (
            actor.sector in _STATE_SECTORS or (actor.country is not None and actor.sector is None)
        )

    def _occurrence(self, candidate: EventCandidate) -> bool:
        """True for an event noun that reports that something happened ("the clashes")."""
        head = candidate.trigger
        if candidate.type not in self.occurrence_types or verbal(head):
            return False
        if head.dep_ in ("nsubj", "nsubjpass"):
            return True
        return marker_of(head) in self.occurrence_preps

    # -- events told as nouns ---------------------------------------------------------

    def _told_happening(self, candidate: EventCandidate, *, speaker: Actor | None) -> bool:
        """True for an event noun its clause tells as taking place ("the nightly raids
        begin", "hubo negociación con los cabecillas": `happenings`), which reports its
        event with no side named. One told as reaching something ("a second raid hit a
        roundabout") is an attack on what it reaches."""
        happening = self.happenings.happening(candidate.trigger, candidate.type)
        if happening is None:
            return False
        if happening.placing and candidate.definite and not candidate.has_object:
            # "la captura se produjo de madrugada": when and where the one told took place
            candidate.reference = candidate.actor is None
        if happening.impact and candidate.type != "ASSAULT":
            # "a second raid hit a roundabout": force that lands from afar (`impact_mode`)
            candidate.type, candidate.mode = "ASSAULT", self.happenings.impact_mode
        if happening.impact and candidate.recipient is None:
            verb = happening.verb
            reached = self.likeliest(objects_of(verb)) or self.marked(verb, self.recipient_markers)
            candidate.recipient = self.resolve(reached, speaker=speaker, candidate=candidate)
            if candidate.recipient is None and self.aimed_at(candidate, reached):
                candidate.target = reached
        return True

    def _happening_nouns(
        self, sent: Span, candidates: list[EventCandidate], *, speaker_of: SpeakerLookup
    ) -> list[EventCandidate]:
        """Events told by nouns that no trigger lists, as they report one only when their
        clause tells it as taking place or carried on (`happening_nouns`): "the coordinated
        assault began at the penitentiary", "los cierres continúan en la vía",
        "hubo caravanas de vehículos", "the rebels relaunched hostilities"."""
        taken = {word.i for candidate in candidates for word in candidate.words}
        found = []
        for token in sent:
            kind = self.happenings.noun_kind(token) if token.i not in taken else None
            if kind is None:
                continue
            event_type, mode = kind
            happening = self.happenings.happening(token, event_type)
            toll = self.happenings.counted(token, event_type)
            carrier = self.happenings.carried_on(token)
            if happening is None and carrier is None and not toll:
                continue
            candidate = EventCandidate(
                trigger=token, words=[token], type=event_type, mode=mode, toll=toll
            )
            self.find_arguments(candidate, speaker=speaker_of(token))
            if toll:
                _keep_own_actor(candidate)
            if carrier is not None and candidate.actor is None:
                # "the army has increased the violence": the one who steps it up wages it
                candidate.actor = self.resolve(
                    subject_of(carrier), speaker=speaker_of(token), candidate=candidate
                )
            if happening is None and candidate.actor is None and candidate.recipient is None:
                continue  # "increased the violence": carried on by whom the clause names
            if happening is not None:
                self._told_happening(candidate, speaker=speaker_of(token))
            if candidate.type == "PROTEST" and candidate.actor is None:
                candidate.actor = self.resolver.protesters(token)
            found.append(candidate)
        return found

    def _reports_event(self, head: Token, trigger: Trigger) -> bool:
        """Return False for trigger words that describe rather than report an event."""
        if trigger.type in _UNDERGONE and undergoer(head) is not None:
            # "a protester killed by police", "el opositor Ferrer, arrestado en Santiago":
            # harm done to the one described is told, though as a description
            return True
        if self.counted_participle(head):
            return True  # "informó este martes de 86 detenidos", however the parser hangs it
        if head.dep_ == "amod" or (head.dep_ == "compound" and len(trigger.lemmas) == 1):
            return False
        if (
            head.dep_ == "acl"
            and fold(head.head.lemma_) not in self.statement_nouns
            and self.shown_doer(head) is None
            # "received reports that a man was beaten": a clause the noun reports
            and not (reported_clause(head) and fold(head.head.lemma_) in self.telling_nouns)
            and (
                head.tag_ in ("VBN", "VBG")
                or any(c.dep_ == "aux" and fold(c.text) == "to" for c in head.children)
                or {"Part", "Ger"} & set(head.morph.get("VerbForm", []))
                or not verbal(head)
            )
        ):
            # "protests demanding X", "supported by the police": a description. Spanish
            # relative clauses ("quien acusó") are acl too, and do report, and so does what
            # a video shows someone doing.
            return False
        if " ".join(trigger.lemmas) in self.not_with_clause and any(
            child.dep_ == "ccomp" for child in head.children
        ):
            return False
        if trigger.lemmas[0] in self.request_infinitive and len(trigger.lemmas) == 1:
            return any(child.dep_ == "xcomp" for child in head.children)
        if trigger.type == "PROTEST" and not verbal(head):
            anchor = head
            while anchor.dep_ == "conj" and anchor.head != anchor:
                anchor = anchor.head
            if (
                marker_of(anchor) in self.reference_preps
                and fold(attachment_of(anchor).lemma_) not in self.state_verbs
            ):
                return False  # but "have been on strike" is a strike
            if anchor.dep_ in ("dobj", "obj") and _with_particle(anchor.head) in self.ending:
                # "urged them to stop the protests", "stirring up the protests", "covered
                # Serbian protests", "called off the rally": the protest talked about
                return False
            if (
                marker_of(anchor) in self.manner_markers
                and "Sing" in anchor.morph.get("Number", [])
                and not any(c.dep_ == "det" for c in anchor.children)
                and self._by_a_state(attachment_of(anchor))
            ):
                # "Peru recalled its ambassadors in protest at…" is why, not a demonstration;
                # "vecinos quemaron patrullas en protesta por…" is a protest all the same
                return False
            # "since the protests began": the movement as background, not a new event.
            clause = anchor.head
            if any(fold(c.text) in self.since for c in clause.children if c.dep_ == "mark"):
                return False
        return True

    # -- type adjustments -------------------------------------------------------------

    def _lifted(self, candidate: EventCandidate) -> Token | None:
        """The verb that ends the restriction a candidate names ("lifted the curfew",
        "eased the state of emergency", "levantó el toque de queda"), or None."""
        if candidate.mode not in self.restrictions:
            return None
        verb = governing_verb(candidate.trigger)
        if verb is None or fold(verb.lemma_) not in self.lifting:
            return None
        return verb

    def _undergone_thing(self, candidate: EventCandidate) -> bool:
        """True when what the trigger acts on is information or a reaction, not people:
        "released a statement", "no official toll has been released", "a video message
        released Sunday", "met an increasingly violent response", "difundió un video"."""
        head = candidate.trigger
        undergone = [candidate.target, *objects_of(head), undergoer(head)]
        undergone += [c for c in head.children if c.dep_ in PASSIVE_SUBJECT]
        undergone += [n for m, n in prepositional_args(head) if m in self.recipient_markers]
        return any(t is not None and fold(t.lemma_) in self.not_undergoers for t in undergone)

    def _adjust_type(self, candidate: EventCandidate, trigger: Trigger) -> bool:
        """Apply negation and actor-sector rules; return False to drop the candidate."""
        key = " ".join(trigger.lemmas)
        sector_rules = self.by_sector.get(key)
        if sector_rules and candidate.actor is not None and candidate.actor.sector in sector_rules:
            # a rule may name a mode too: "soldiers looted homes" is ASSAULT/destroy
            event_type, _, mode = str(sector_rules[candidate.actor.sector]).partition("/")
            candidate.type, candidate.mode = event_type, mode or None
        by_recipient = self.by_recipient.get(key)
        if by_recipient is not None:
            sector = candidate.recipient.sector if candidate.recipient else None
            if sector not in by_recipient:
                return False
            candidate.type, candidate.mode = str(by_recipient[sector]), None
        by_object = self.by_object.get(key)
        if by_object is not None:
            acted_on = self._acted_on(candidate)
            kind = next(
                (
                    v
                    for k, v in by_object.items()
                    if self.object_classes.get(fold(k), set()) & acted_on
                ),
                by_object.get("-", "keep"),
            )
            if kind is None:
                return False  # "reduced the number of...": nothing the trigger is about
            if kind != "keep":
                event_type, _, mode = str(kind).partition("/")
                candidate.type, candidate.mode = event_type, mode or None
        taken = key in self.taking and self._takes_ground(candidate)
        if taken:
            # "militants took over the town", "combatientes tomaron la ciudad": an armed side
            # taking a place takes territory, whatever the words do for a crowd ("protesters
            # tried to take over the airport" stays an occupation)
            candidate.type, candidate.mode = "ASSAULT", "territory"
        head = candidate.trigger
        negated = is_negated(head, negators=self.negators)
        allowed = self.actor_sectors.get(key)
        # "will not allow X" is a refusal whoever says it; only what is done is kept by sector
        refused = negated and key in self.when_negated
        if (
            allowed is not None
            and not refused
            and not taken
            and (
                candidate.actor is None
                or not _sectors(candidate.actor, is_state=self._is_state) <= allowed
            )
            and not self._done_to_someone(head, key)
        ):
            return False
        if candidate.type == "SUPPORT" and self._ceased(head, negated=negated):
            # "ya no respalda al gobierno", "no longer backs", "dejó de apoyar": support
            # withdrawn is a rejection that happened
            candidate.type, candidate.mode, candidate.negation_absorbed = "REJECT", None, True
            return True
        if key in self.only_negated and not negated:
            return False
        if key in self.intransitive and not _told_of_many(head):
            return False  # "manifestó su apoyo", "demonstrated its resolve"
        if key in self.warnings and self._foreseen(head):
            return False  # "advirtió que podría derivar en abusos": a forecast, not a threat
        if candidate.mode in self.people_modes and self._undergone_thing(candidate):
            return False  # "released a statement", "met a violent response": no one freed or met
        if key in self.signing and candidate.objects and not candidate.objects & self.signed:
            return False  # "firmó su renuncia": the resignation is the event
        if negated and (key in self.when_negated or key in self.only_negated):
            # "will not follow orders" is a refusal that happened, not a negated event.
            candidate.type = self.when_negated.get(key, candidate.type)
            candidate.mode = None
            candidate.negation_absorbed = True
        return True

    def _foreseen(self, head: Token) -> bool:
        """True when a warning says what may happen rather than what the warner's side will
        do: its clause is one of possibility ("warned that prices could rise", "advirtieron
        que podría derivar en nuevos abusos"), as analysts' and experts' warnings are."""
        for clause in head.children:
            if clause.dep_ not in ("ccomp", "xcomp"):
                continue
            words = [clause, *(c for c in clause.children if c.dep_ in ("aux", "xcomp"))]
            if any(fold(w.lemma_) in self.possibility for w in words):
                return True
        return False

    def _done_to_someone(self, head: Token, key: str) -> bool:
        """True when a trigger kept to armed actors only for its intransitive sense is done
        to someone: "fue desaparecido", "desaparecieron a un campesino", "activists were
        disappeared" name an abduction, whoever did it; "desaparecieron" alone may mean
        that people went missing."""
        return key in self.done_to_someone and (is_passive(head) or bool(objects_of(head)))

    def _envoy_acts(
        self, sent: Span, candidates: list[EventCandidate], *, speaker_of: SpeakerLookup
    ) -> list[EventCandidate]:
        """ "España convocó a la embajadora de Israel", "citó al encargado de negocios de
        Estados Unidos", "retiró a su personal diplomático de Argentina": verbs that say
        little of their own, done to envoys, are a diplomatic act toward the state the
        envoys represent or serve in (`envoy_verbs`: a summons is PLOVER's official
        complaint, ACCUSE; withdrawing one's envoys reduces relations, SANCTION)."""
        taken = {c.trigger.i: c for c in candidates}
        found = []
        for token in sent:
            lemma = fold(token.lemma_)
            if lemma in self.ordering and token.i not in taken and verbal(token):
                # "ordenó la salida del personal diplomático de…": an order no trigger read
                order = EventCandidate(trigger=token, words=[token], type="REQUEST", mode=None)
                self.find_arguments(order, speaker=speaker_of(token))
                self._expulsion(order)
                if order.type == "SANCTION" and order.actor and order.recipient:
                    found.append(order)
                continue
            kind = self.envoy_verbs.get(lemma)
            if kind is None or not verbal(token):
                continue
            marked = [n for m, n in prepositional_args(token) if m in self.recipient_markers]
            objects = [*objects_of(token), *marked]
            event_type, _, mode = kind.partition("/")
            # "will withdraw its peacekeepers from Chad", "expelled the inspectors": a
            # state's foreign missions are sent away as its envoys are (CAMEO 166)
            missions = event_type == "SANCTION" and any(
                self._mission(c) for o in objects for c in conjuncts(o)
            )
            if not missions and not any(self.resolver.is_envoy(o) for o in objects):
                continue
            candidate = taken.get(token.i)
            if candidate is not None:
                # "retiró a su personal diplomático de…" read as something else
                candidate.type, candidate.mode = event_type, mode or None
                continue
            candidate = EventCandidate(
                trigger=token, words=[token], type=event_type, mode=mode or None
            )
            self.find_arguments(candidate, speaker=speaker_of(token))
            if candidate.actor is not None and candidate.recipient is not None:
                found.append(candidate)
        return found

    def _found_weapon(self, candidate: EventCandidate) -> bool:
        """True for a weapon's noun that is what someone found (`finding_verbs`): "police
        found explosives in a parked car", "troops discovered an arms cache containing
        mortars", "encontraron explosivos en un coche" report no attack."""
        noun = candidate.trigger
        return (
            candidate.type == "ASSAULT"
            and not verbal(noun)
            and noun.dep_ in OBJECT
            and fold(noun.head.lemma_) in self.finding
        )

    def _takes_ground(self, candidate: EventCandidate) -> bool:
        """True when an armed side (`taking_sectors`) is who takes and a place is what it
        takes (object class `ground`)."""
        actor = candidate.actor
        if actor is None or fold(actor.sector or "") not in self.taking_sectors:
            return False
        return bool(self.object_classes.get("ground", set()) & self._acted_on(candidate))

    def _acted_on(self, candidate: EventCandidate) -> set[str]:
        """The lemmas of what a trigger acts on: its objects, or a noun's "of" phrase ("the
        suspension of air links"), with their modifiers and what they are part of ("part of
        a military aid program")."""
        head = candidate.trigger
        words: set[str] = set()
        if verbal(head):
            # "links to Tigray have been cut": a passive's subject is what it acts on
            found = [*objects_of(head), *(c for c in head.children if c.dep_ in PASSIVE_SUBJECT)]
        else:
            found = [n for m, n in prepositional_args(head) if m in self.genitive]
            # "the internet shutdown": a noun's own modifiers say what it acts on
            words |= {fold(c.lemma_) for c in head.children if c.dep_ in ("compound", "amod")}
        seen: set[int] = set()
        while found:
            noun = found.pop()
            if noun.i in seen:
                continue
            seen.add(noun.i)
            # the word as written too: the model lemmatizes some plurals oddly ("víveres");
            # and a name's kind ("captured Tal Rifaat" acts on a GPE)
            words |= {fold(noun.lemma_), fold(noun.text), fold(noun.ent_type_)} - {""}
            words |= {
                fold(c.lemma_) for c in noun.children if c.dep_ in ("compound", "amod", "nmod")
            }
            found += [c for c in conjuncts(noun) if c.i not in seen]
            found += [n for m, n in prepositional_args(noun) if m in self.genitive]
        return words

    def _is_state(self, actor: Actor) -> bool:
        """True for a side that is a country named as such ("Turkey", "the United States")."""
        named = self.resolver.gazetteer.country_named(actor.name)
        return named is not None and actor.country is not None and not actor.members

    def _mission(self, head: Token) -> bool:
        """True for a word that names, alone or as the head of a phrase, foreign personnel on
        a mission in a country (`mission_nouns`: "peacekeepers", "weapons inspectors",
        "humanitarian workers", "observadores"), whom withdrawing or expelling is a sanction."""
        doc = head.doc
        for words in self.missions:
            for start in range(max(head.i - len(words) + 1, 0), head.i + 1):
                end = start + len(words)
                if end > len(doc):
                    continue
                tokens = doc[start:end]
                pairs = zip(words, tokens, strict=True)
                if all(w in (fold(t.lemma_), fold(t.text)) for w, t in pairs):
                    return True
        return False

    def _crowds(
        self, sent: Span, candidates: list[EventCandidate], *, speaker_of: SpeakerLookup
    ) -> list[EventCandidate]:
        """A crowd coming together where no protest word fired ("llegaron a la capital
        miles de indígenas", "several hundred protesters who were sitting at the toll gate",
        "miles de independentistas celebraron en la plaza"): a demonstration, told by a verb
        of gathering (`crowd_verbs`, as figures count its people as taking part) whose
        subject is protesters or a counted crowd of people, when the learned detector
        agrees (families leaving their homes gather for no protest)."""
        if any(c.type == "PROTEST" for c in candidates):
            return []
        taken = {c.trigger.i for c in candidates}
        for token in sent:
            if token.i in taken or not verbal(token) or fold(token.lemma_) not in self.crowd_verbs:
                continue
            # "llegaron a la capital miles de indígenas": the parser may take the quantity
            # for an adverb
            subject = subject_of(token) or next(
                (c for c in token.children if c.dep_ == "advmod" and self._quantity(c)), None
            )
            if subject is None:
                continue
            crowd = EventCandidate(
                trigger=token, words=[token], type="PROTEST", mode="demonstrate", gated=True
            )
            self.find_arguments(crowd, speaker=speaker_of(token))
            actor = crowd.actor
            counted = self._quantity(subject) or any(
                c.dep_ == "nummod" or self._quantity(c) for c in subject.children
            )
            if actor is None or not (actor.sector == "PRO" or (counted and actor.sector == "CVL")):
                continue
            # "llegaron a la capital": where they went, not whom; but a body they stand
            # before is ("se concentraron frente al edificio del TSE")
            crowd.recipient = self.protested_before(
                token, speaker=speaker_of(token), candidate=crowd
            )
            return [crowd]
        return []

    def _struck_by(
        self, sent: Span, candidates: list[EventCandidate], *, speaker_of: SpeakerLookup
    ) -> list[EventCandidate]:
        """Someone hit by what attacks are made with ("un avión fue alcanzado por disparos",
        "el diputado, alcanzado en el rostro por un proyectil de goma", "were struck by
        projectiles", "had been hit by bullets"): an attack on whoever was hit, told by the
        passive or the participle whose agent is the weapon. A trigger the weapon's own word
        fired takes the one hit as its recipient; else the verb is the attack's trigger."""
        found: list[EventCandidate] = []
        for token in sent:
            described = undergoer(token)
            if described is None and not (verbal(token) and is_passive(token)):
                continue
            weapon = self.marked(token, self.agent_markers)
            if weapon is None or fold(weapon.lemma_) not in self.instruments:
                continue
            hit = described or passive_subject(token, inherited=False)
            if hit is None:
                continue
            fired = next((c for c in candidates if c.trigger in weapon.subtree), None)
            if fired is not None and fired.type != "ASSAULT":
                continue
            attack = fired or EventCandidate(
                trigger=token, words=[token], type="ASSAULT", mode=None, reported=True
            )
            if attack.recipient is None:
                attack.recipient = self.resolve(hit, speaker=speaker_of(token), candidate=attack)
                attack.has_object = attack.recipient is not None
                attack.sideless = attack.sideless and attack.recipient is None
            if fired is None and attack.recipient is not None:
                found.append(attack)
        return found

    def _quantity(self, token: Token) -> bool:
        """True for a number or a vague quantity ("300", "miles", "hundreds")."""
        return token.like_num or fold(token.text) in self.quantities

    def _expulsion(self, candidate: EventCandidate) -> None:
        """ "Mali ordered France's ambassador to leave", "ordered Rwanda's ambassador out of
        the country", "ordenó la salida del encargado de negocios de Cuba": an order that a
        state's envoys leave is their expulsion (PLOVER SANCTION), aimed at that state."""
        order = candidate.trigger
        if candidate.type not in ("REQUEST", "COERCE") or not verbal(order):
            return
        for ordered in objects_of(order):
            if self.resolver.is_envoy(ordered):
                # "ordered [France's ambassador] to leave", "ordered [X's envoy] out"
                told = [*order.children, *ordered.children]
                leaving = any(
                    c.dep_ in _DEPARTING and fold(c.lemma_) in self.departure for c in told
                )
            else:
                # "ordenó [la salida] del encargado de negocios de Cuba"
                leaving = fold(ordered.lemma_) in self.departure and any(
                    self.resolver.is_envoy(noun)
                    for marker, noun in prepositional_args(ordered)
                    if marker in self.genitive
                )
            if leaving:
                candidate.type, candidate.mode = "SANCTION", "expel"
                return

    def _withdrawn_from(
        self, candidate: EventCandidate, trigger: Trigger, *, speaker: Actor | None
    ) -> None:
        """ "will withdraw its peacekeeping force from Chad", "withdraw the inspectors and
        aid workers from Iraq", "the withdrawal of some forces from Panama": what one's own
        forces or people are pulled out of is the side the withdrawal is aimed at (PLOVER
        RETREAT, SANCTION "withdraw"), not the forces withdrawn. Sets the recipient to the
        country or place "from" names, if a withdrawal names one."""
        head = candidate.trigger
        if " ".join(trigger.lemmas) not in self.withdrawing:
            return
        withdrawn = [head, *objects_of(head)]
        withdrawn += [noun for marker, noun in prepositional_args(head) if marker in self.genitive]
        for word in withdrawn:
            for marker, noun in prepositional_args(word):
                placed = noun.ent_type_ in ("GPE", "LOC") or self.resolver.is_country(noun)
                if marker not in self.withdrawn_from or not placed:
                    continue
                place = self.resolve(noun, speaker=speaker, candidate=candidate)
                if place is not None:
                    candidate.recipient = place
                    return

    def _ceased(self, head: Token, *, negated: bool) -> bool:
        """True when what a word says is said to have stopped: negated with "no longer" /
        "ya no", or the complement of "stop" / "dejar de"."""
        for child in head.children:
            # "ya no" hangs from the verb; in "no longer" the "no" hangs from "longer"
            own_negation = any(fold(c.text) in self.negators for c in child.children)
            if fold(child.text) in self.cessation and (negated or own_negation):
                return True
        governor = head.head if head.dep_ in ("xcomp", "ccomp") else None
        if governor is None or fold(governor.lemma_) not in self.cessation_verbs:
            return False
        # "no dejará de apoyar", "never stopped supporting": support that goes on
        return not is_negated(governor, negators=self.negators)

    def _apply_causatives(self, candidates: list[EventCandidate]) -> list[EventCandidate]:
        """ "ordered the detention of X": the order-giver detains; the order is not counted."""
        by_trigger = {c.trigger.i: c for c in candidates}
        dropped: set[int] = set()
        for candidate in candidates:
            if fold(candidate.trigger.lemma_) not in self.causative:
                continue
            for child in _ordered_events(candidate.trigger):
                inner = by_trigger.get(child.i)
                if inner is None:
                    continue
                if inner.actor is None or inner.actor.name == "protesters":
                    inner.actor = candidate.actor
                dropped.add(candidate.trigger.i)
        return [c for c in candidates if c.trigger.i not in dropped]

    def _protests_take_their_purpose(self, candidates: list[EventCandidate]) -> None:
        """ "Students marched to demand the resignation of the president", "una marcha
        exigiendo la salida del ministro", "se declararon en huelga para rechazar la reforma
        del ministro": a protest that names no one is aimed at whom its purpose is (the one a
        demand, refusal or accusation it is made for is aimed at). Not at the one whose
        release it asks for, nor the one harmed ("to demand the release of X")."""
        for protest in candidates:
            if protest.type != "PROTEST" or protest.recipient is not None:
                continue
            head = protest.trigger
            verb = head if verbal(head) else governing_verb(head)
            for inner in candidates:
                if inner.type not in _PURPOSES or inner.recipient is None:
                    continue
                if inner.harmed_recipient or self._asks_relief(inner.trigger):
                    continue
                clause = inner.trigger
                marks = {fold(c.text) for c in clause.children if c.dep_ in ("aux", "mark")}
                purpose = clause.dep_ in ("advcl", "xcomp") and bool(
                    marks & self.purpose_infinitive
                )
                # "a demonstration calling for…", "una marcha exigiendo…"
                told = clause.dep_ == "acl" and clause.head == head and not marks
                if (purpose and clause.head in (head, verb)) or told:
                    protest.recipient, protest.has_object = inner.recipient, True
                    break

    def _asks_relief(self, verb: Token) -> bool:
        """True when a demand asks for something done for someone ("the release of X")."""
        return any(self.wanted.get(fold(o.lemma_)) == "support" for o in objects_of(verb))

    def _mark_request_content(self, candidates: list[EventCandidate]) -> None:
        """What a demand asks for has not happened ("demanding his release")."""
        requests = [c for c in candidates if c.type in ("REQUEST", "THREATEN")]
        for candidate in candidates:
            if candidate in requests:
                continue
            for request in requests:
                head = request.trigger
                verb = head.head if head.dep_ in ("nsubj", "nsubjpass") else head
                if _asked_for(candidate.trigger, verb):
                    candidate.content_of_request = True
                    if request.type == "REQUEST":
                        candidate.requested_by = request.actor


def _keep_own_actor(toll: EventCandidate) -> None:
    """A toll told inside another event noun's phrase ("abrió una investigación por los
    asesinatos de cinco firmantes") names its actor, if at all, in its own phrase: whoever
    opens the investigation did not kill."""
    head = toll.trigger
    if toll.actor is None or attachment_of(head).pos_ not in _NOMINAL:
        return
    own = fold(" ".join(t.text for t in head.subtree))
    if fold(toll.actor.text) not in own:
        toll.actor = None


def _asked_for(act: Token, demand: Token) -> bool:
    """True when `act` is inside what the verb of a demand asks for ("demanding [his
    release]"), not a finite act told beside the demand ("exigió una estrategia y [acusó] a las
    autoridades": the accusation was made, not asked for)."""
    if act == demand or act not in demand.subtree:
        return False
    below = next(a for a in [act, *act.ancestors] if a.head == demand)
    return below.dep_ != "conj" or not finite(below)


# How the refused act hangs from the refusal ("refused to recognise", "se negó a reconocer").
_COMPLEMENTS = frozenset({"xcomp", "ccomp", "advcl", "obl", "pcomp"})
# How a word saying that someone is to leave hangs from the order ("to leave", "out").
_DEPARTING = frozenset({"xcomp", "ccomp", "prt", "advmod", "prep", "advcl"})
# Acts whose refusal rejects whom they would have been for.
_BACKING = frozenset({"SUPPORT", "AGREE", "COOPERATE", "AID", "CONSULT", "CONCEDE"})


def _refusals_take_their_object(
    candidates: list[EventCandidate], *, refusing: frozenset[str]
) -> None:
    """ "refused to recognise Maduro's claim", "se negó a reconocer el mandato de Maduro": a
    refusal names no one itself; whom it rejects is the one the refused act would have
    backed (not the one "refused to condemn the arrest of X" is about)."""
    by_head = {
        c.trigger.head.i: c
        for c in candidates
        if c.recipient is not None
        and c.type in _BACKING
        and not c.harmed_recipient
        and c.trigger.dep_ in _COMPLEMENTS
    }
    for candidate in candidates:
        # a side the refusal's complement names is the one the refused act would have backed
        told = candidate.recipient is not None and not candidate.indirect
        if candidate.type != "REJECT" or told:
            continue
        if fold(candidate.trigger.lemma_) not in refusing:
            continue
        inner = by_head.get(candidate.trigger.i)
        if inner is not None and inner.trigger != candidate.trigger:
            candidate.recipient = inner.recipient
            candidate.has_object, candidate.indirect = True, False


def _ordered_events(order: Token) -> list[Token]:
    """Words an order governs as its content: its object or complement clause, two deep."""
    found = []
    for child in order.children:
        if child.dep_ in OBJECT | {"xcomp", "ccomp"}:
            found.append(child)
            found.extend(
                grandchild
                for grandchild in child.subtree
                if grandchild.i != child.i
                and grandchild.head.i in {child.i, *(c.i for c in child.children)}
            )
    return found


def _told_of_many(verb: Token) -> bool:
    """True for a verb with nothing said or shown (no object, no clause) and not in the
    singular: "se manifestaron frente al Congreso", "thousands demonstrated"."""
    if not verbal(verb) or objects_of(verb):
        return False
    # a compound tense's number is its auxiliary's ("habían manifestado")
    finite_words = [verb, *(c for c in verb.children if c.dep_ == "aux")]
    finite_words = [w for w in finite_words if "Fin" in w.morph.get("VerbForm", [])]
    if any("Sing" in w.morph.get("Number", []) for w in finite_words):
        return False
    return not any(child.dep_ in _CLAUSES for child in verb.children)


def _appositions(token: Token) -> list[Token]:
    """Nouns the parser hung from `token` as appositions ("Castillo's release, the closure
    of Congress"), with their conjuncts."""
    return [w for child in token.children if child.dep_ == "appos" for w in conjuncts(child)]


def _with_particle(verb: Token) -> str:
    """A verb's folded lemma with its particle ("stir up", "call off")."""
    particles = [
        fold(child.text) for child in verb.children if child.dep_ in ("prt", "compound:prt")
    ]
    return " ".join([fold(verb.lemma_), *particles])


def _sectors(actor: Actor, *, is_state: Callable[[Actor], bool]) -> set[str]:
    """The sectors of a side: its own, or its members' ("policías y militares"); "STATE"
    for a country named as a side ("Turkey will allow..."); "-" for none."""
    if actor.sector is None and actor.members:
        return set().union(*(_sectors(member, is_state=is_state) for member in actor.members))
    if actor.sector is None and is_state(actor):
        return {"STATE"}
    return {actor.sector or "-"}


def _name_before(clause: Token) -> Token | None:
    """ "demanded that Dina Boluarte resign", with "resign" taken for a noun: the name the
    parser made its modifier is who is to do it."""
    if clause.pos_ != "NOUN":
        return None
    return next((c for c in clause.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)


__all__ = ["EventFinder"]
