"""One sentence's candidates reduced to the events it tells: mentions of one event merged
("Several people were killed when soldiers confronted protesters" is one attack; "attacked a
military post, killing seven soldiers" one attack with its toll), and event nouns that are
only what another event is about dropped ("condemned the crackdown").
"""

from __future__ import annotations

from ..records import Actor
from .candidates import EventCandidate, actor_key
from .clauses import verbal
from .lexicon import fold
from .syntax import marker_of

# "killed during clashes": an event noun that sets the scene is an event of its own.
_SCENE_MARKERS = frozenset({"during", "in", "amid", "after", "durante", "en", "tras"})


def drop_embedded_nouns(
    candidates: list[EventCandidate], *, measures: frozenset[str]
) -> list[EventCandidate]:
    """Drop event nouns that are what another event is about ("condemned the crackdown");
    keep a restrictive measure told with another (`measures`: their modes)."""
    heads = {c.trigger.i: c for c in candidates}
    kept = []
    for candidate in candidates:
        trigger = candidate.trigger
        embedded = False
        adjunct = marker_of(trigger) in _SCENE_MARKERS
        if (
            not verbal(trigger)
            and candidate.type != "PROTEST"
            and not adjunct
            and not candidate.toll
            # "blamed the bombing on separatists": the act put down to someone is a claim
            and candidate.claimed_by is None
        ):
            current = trigger
            for _ in range(4):
                if current.dep_ not in ("pobj", "prep", "conj", "dobj", "obj", "nmod", "appos"):
                    break
                current = current.head
                host = heads.get(current.i)
                if host is not None:
                    # "decretó el estado de excepción con toque de queda", "a state of
                    # emergency with a curfew": a second measure of the same kind goes
                    # with the first, it is not what the first is about
                    embedded = not _second_measure(candidate, host, measures=measures)
                    break
                if verbal(current):
                    break  # "declared a curfew": the noun is its own verb's, not another's
        if not embedded:
            kept.append(candidate)
    return kept


def _second_measure(
    candidate: EventCandidate, host: EventCandidate, *, measures: frozenset[str]
) -> bool:
    """True when an event noun hanging from another event's words is another restrictive
    measure of a different kind (a curfew beside a state of emergency)."""
    return (
        candidate.type == host.type
        and candidate.mode in measures
        and host.mode in measures
        and candidate.mode != host.mode
    )


def merge_in_sentence(
    candidates: list[EventCandidate], *, tolls: frozenset[str] = frozenset()
) -> list[EventCandidate]:
    """Merge same-type candidates that are one event told twice in a sentence (`tolls`:
    the triggers that, as a clause of an attack, tell what it left)."""
    merged: list[EventCandidate] = []
    for candidate in candidates:
        target = next(
            (m for m in merged if _toll_of(m, candidate, tolls=tolls) or _same_event(m, candidate)),
            None,
        )
        if target is None:
            merged.append(candidate)
            continue
        target.mentions.append(candidate.trigger)
        if target.actor is None and candidate.actor is not None:
            target.actor = candidate.actor
        if _toll_of(target, candidate, tolls=tolls):
            if candidate.recipient is not None and (
                target.recipient is None or target.recipient.sector is None
            ):
                # "attacked the town of El Fasher, killing 20 civilians": the dead are whom
                # the attack struck, more than the place it struck
                target.recipient = candidate.recipient
            target.argument_tokens |= candidate.argument_tokens
            continue
        # "diecisiete personas murieron durante los enfrentamientos", "Soncco murió después
        # de que un grupo atacara el patrullero": the attack is the event, the dead its toll,
        # and whom it struck when its own words name no one ("three protesters died after
        # police opened fire", "four soldiers lost their lives in the attack")
        if candidate.suffered:
            if _against_the_dead(target, candidate.recipient):
                target.actor, target.recipient = target.recipient, candidate.recipient
            target.recipient = target.recipient or candidate.recipient
            continue
        if target.suffered:
            # the attack's words tell the event
            dead, target.recipient = target.recipient, None
            target.trigger, candidate.trigger = candidate.trigger, target.trigger
            target.mode = candidate.mode or target.mode
            target.mutual = candidate.mutual
            if _against_the_dead(candidate, dead):
                # "un manifestante murió en enfrentamientos con la policía": the side the
                # fight was with struck the dead
                target.actor, candidate.recipient = candidate.recipient, None
            if candidate.recipient is None:
                target.recipient = dead
        if target.recipient is None and candidate.recipient is not None:
            target.recipient = candidate.recipient
            target.trigger, candidate.trigger = candidate.trigger, target.trigger
            target.type, target.mode = candidate.type, candidate.mode or target.mode
        target.argument_tokens |= candidate.argument_tokens
        target.objects |= candidate.objects
        # "two died when police opened fire": the shooting stands on its own words
        target.suffered = target.suffered and candidate.suffered
        target.gated = target.gated and candidate.gated
    return merged


def _against_the_dead(fight: EventCandidate, dead: Actor | None) -> bool:
    """True when a fight with one side named ("clashes with the police") left `dead` of the
    other side: who the fight was with is who struck them."""
    return (
        fight.mutual
        and fight.actor is None
        and fight.recipient is not None
        and dead is not None
        and actor_key(fight.recipient) != actor_key(dead)
    )


def _acted_on_itself(one: EventCandidate, other: EventCandidate) -> bool:
    """True when the one `one` struck is who acts in `other`."""
    return (
        one.recipient is not None
        and other.actor is not None
        and actor_key(one.recipient) == actor_key(other.actor)
    )


def _struck_apart(first: EventCandidate, second: EventCandidate) -> bool:
    """True when two acts, neither told by what its subject suffered, name different
    ones they were done to."""
    return (
        not first.suffered
        and not second.suffered
        and first.recipient is not None
        and second.recipient is not None
        and actor_key(first.recipient) != actor_key(second.recipient)
    )


def _toll_of(attack: EventCandidate, toll: EventCandidate, *, tolls: frozenset[str]) -> bool:
    """True when `toll` is a killing or a wounding told as a clause of `attack`, which is
    what the attack left, not a second event: "militants attacked a military post, killing
    seven soldiers", "aviones bombardearon una aldea y mataron a once civiles"; a killing
    and a wounding told together ("killed 25 and injured 60") stay as they were."""
    word = toll.trigger
    return (
        attack.type == toll.type == "ASSAULT"
        and fold(word.lemma_) in tolls
        and fold(attack.trigger.lemma_) not in tolls
        and word.head == attack.trigger
        and word.dep_ in ("advcl", "conj")
        and not (
            attack.actor is not None
            and toll.actor is not None
            and actor_key(attack.actor) != actor_key(toll.actor)
        )
    )


def _same_event(first: EventCandidate, second: EventCandidate) -> bool:
    if first.type != second.type:
        return False
    if first.mode and second.mode and first.mode != second.mode:
        return False  # "dissolved Congress and declared a curfew": two acts
    if fold(first.trigger.lemma_) == fold(second.trigger.lemma_):
        return True
    if _acted_on_itself(first, second) or _acted_on_itself(second, first):
        # "Shekari was executed for wounding a militiaman": who one act struck did the other
        return False
    if first.actor is None and second.actor is None and _struck_apart(first, second):
        # "listas con un centenar de detenidos …, entre ellos Ferrer, arrestado en Santiago":
        # acts on others, neither saying who did it, are two
        return False
    if first.actor is None or second.actor is None:
        # "Several people were killed when soldiers confronted protesters": one event, the
        # second clause names who acted.
        return True
    if actor_key(first.actor) != actor_key(second.actor):
        return False
    if first.objects and second.objects and first.objects != second.objects:
        return False
    return not (
        first.recipient
        and second.recipient
        and actor_key(first.recipient) != actor_key(second.recipient)
    )
