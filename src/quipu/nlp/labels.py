"""What calling someone something says.

"Described Castillo as the victim of harassment" sides with him (PLOVER SUPPORT); "called her a
usurper", "calificó de espuria a la mandataria" accuse her. Only what a named speaker calls
someone counts (`labels` in the events lexicon), not the narrator's "victims of the clashes".
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .arguments import FinderPart
from .candidates import EventCandidate, SpeakerLookup
from .clauses import governing_verb
from .lexicon import Lexicon, fold
from .syntax import PERSONAL_MARKERS, is_passive, objects_of, subject_of


class LabelReader(FinderPart):
    """Find the events that labels put on sides by a named speaker."""

    def __init__(self, *, lexicon: Lexicon) -> None:
        words = lexicon.words
        self.labels = lexicon.mapping("events", "labels")
        self.acts = words("events", "act_labels")
        self.claim_labels = words("events", "claim_labels")
        self.portray = words("events", "portray_verbs")

    def labelled(self, sent: Span, *, speaker_of: SpeakerLookup) -> list[EventCandidate]:
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
                labelled = self.finder.marked(word, self.finder.agent_markers) or (
                    None
                    if is_passive(verb)
                    else self.finder.marked(verb, self.finder.agent_markers)
                )
                if labelled is None:
                    continue
            event = EventCandidate(trigger=verb, words=[verb], type=str(kind), mode=None)
            event.actor = self.finder.resolve(speaker, speaker=speaker_of(verb), candidate=event)
            event.recipient = self.finder.resolve(labelled, speaker=None, candidate=event)
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
        # "calificó la captura de acto de piratería": the label may qualify the noun that
        # carries the "de"
        marked = label.head if label.dep_ == "nmod" and label.head.dep_ == "nmod" else label
        host = marked.head
        if (
            label.pos_ in ("ADJ", "NOUN")
            and marked.dep_ in ("nmod", "amod")
            and any(c.dep_ == "case" for c in marked.children)
            and host.dep_ in ("obj", "dobj")
            # the object of a person takes "a" ("califica a los invasores de fascistas")
            and not any(
                c.dep_ == "case" and fold(c.text) not in PERSONAL_MARKERS for c in host.children
            )
            and fold(host.head.lemma_) in self.portray
        ):
            # "calificaron la incautación de ilegal", "calificó lo ocurrido de «escandaloso»",
            # "calificó las medidas de golpe de Estado": the parser may hang the label's "de"
            # from the object it is said of
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
        if victim is None or clause.dep_ != "ccomp" or fold(said.lemma_) not in self.finder.telling:
            return None
        sayer = subject_of(said)
        return (said, victim, sayer) if sayer is not None else None
