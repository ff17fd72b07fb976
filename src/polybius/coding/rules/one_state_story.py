"""Actor rules of a story that names one state only: what one state's actor acts upon with no
party named, and who acts upon it with no doer named, are that state's own."""

from __future__ import annotations

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import cameo, words
from polybius.coding.places import place_prepositions
from polybius.coding.rules.registry import rule
from polybius.coding.subject import doer
from polybius.coding.syntax import child, codes, lemma
from polybius.coding.voice import is_passive, patient
from polybius.models import Actor
from polybius.where.home import home_places
from polybius.where.states import state_names


@rule("own_object_in_a_one_state_story", "actors")
def own_object_in_a_one_state_story(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Police confiscated ballot boxes", "a court fined two mayors", "the cabinet refused
    to scrap the fuel tax", "agreed to meet with the dock managers", "ready for talks with
    the chiefs", in a story that has named no state but the doer's: what the act is done to
    (its object, or the noun in the pattern's prepositional target slot: people, a firm, a
    law, a request the dictionary gives no party) belongs to that state, which the guide
    codes with the state's own code. Acts done with others or by one's own forces (meetings,
    cooperation, deployments, retreats) are left alone (lexicon own_object_types), and so is
    an object placed in another state."""
    if d.targets or d.reciprocal or not d.sources:
        return d
    deported = d.entry.code.startswith(cameo("deportation"))  # whom a state deports: not its own
    if d.plover_type not in words("own_object_types") or deported:
        return d
    code = _sole_state_of(d.sources, d, ctx)
    if code is None:
        return d
    forces = any(a.sector == "MIL" for a in d.sources)
    if forces and d.plover_type == "ASSAULT" and d.location is None:
        return d  # a state's forces fight abroad as often as at home: only their place tells
    verb = d.trigger.pattern.pos == "v"
    obj = done_to(d.token, governed=False) if verb else None
    if obj is None:  # "called on the West to speed up deliveries": done to the West
        obj = slot_object(d)
    if obj is None and verb:
        obj = done_to(d.token)
    if obj is None or lemma(obj) in words("harm_words") or _the_doers_own(obj, d, ctx):
        return d  # "used chemical weapons", "ended its mediation": the doer's own means or act
    if lemma(obj) in words("foreign_envoy_nouns") | words("foreign_party_nouns"):
        return d  # "expelled ten ambassadors", "called on the West": other states'
    if _names_a_party_or_foreign_place(obj, code, ctx):
        return d
    d.targets = [Actor("", code, None, None, -1, -1, "object of a one-state story")]
    return d


@rule("own_doer_in_a_one_state_story", "actors")
def own_doer_in_a_one_state_story(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Riot police dispersed Bolivian teachers", "the Chilean daily was shut down by the
    courts", in a story that has named no state but the target's: a body of the state the
    dictionary knows only by its kind (police, soldiers, a court, governors: a sector of a
    state's own institutions, lexicon state_authority_sectors) is that state's."""
    if d.sources or d.reciprocal or not d.targets or d.trigger.pattern.pos != "v":
        return d
    if d.plover_type not in words("own_doer_types"):
        return d
    code = _sole_state_of(d.targets, d, ctx)
    if code is None:
        return d
    who = doer(d.token)
    m = ctx.sm.by_token.get(who.i) if who is not None else None
    if m is None or m.entry.has_code or m.entry.sector not in words("state_authority_sectors"):
        return d
    owner = child(who, "poss")
    if owner is not None and owner.pos_ == "PRON":
        return d  # "its forces": whose they are is the pronoun's, whoever it stands for
    if _names_a_party_or_foreign_place(who, code, ctx):
        return d
    d.sources = [Actor("", code, m.entry.sector, None, -1, -1, "a body of a one-state story")]
    return d


def _sole_state_of(actors: list[Actor], d: EventDraft, ctx: SentenceContext) -> str | None:
    """The state the actors are all of, when the story has named no other state and the
    event is not placed in another; else None."""
    states = set(codes(actors))
    if len(states) != 1 or not states <= state_names().keys():
        return None
    code = states.pop()
    if any(named and c != code for c, named in ctx.sm.context.states.items()):
        return None
    if d.location is not None and d.location.code != code:
        return None
    return code


def done_to(tok, governed: bool = True):
    """What a verb is done to: its passive subject, its object, or (when `governed`) the
    object of the verb it governs ("refused to lift the curfew")."""
    if is_passive(tok):
        return patient(tok)
    obj = child(tok, "dobj")
    if obj is None and governed and (governed := child(tok, "xcomp")) is not None:
        obj = child(governed, "dobj")
    return obj


def slot_object(d: EventDraft):
    """The noun in the pattern's prepositional target slot ("met with the dock managers",
    "talks with the miners' leaders"), whatever it names."""
    slots = [name[5:] for name in d.trigger.pattern.targets if name.startswith("prep:")]
    preps = {p for names in slots for p in names.split("|")}
    for c in d.token.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            pobj = child(c, "pobj")
            if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                return pobj
    return None


def _the_doers_own(phrase, d: EventDraft, ctx: SentenceContext) -> bool:
    """Whether the phrase is possessed by "its" or by the doer named ("Qatar's mediation")."""
    base = ctx.sent.start_char
    for c in phrase.children:
        if c.dep_ == "poss" and (
            c.lower_ == "its" or any(a.start <= c.idx - base < a.end for a in d.sources)
        ):
            return True
    return False


def _names_a_party_or_foreign_place(phrase, code: str, ctx: SentenceContext) -> bool:
    """Whether the phrase names a coded party, people of elsewhere (lexicon foreign_modifiers),
    or a place of a state other than `code` after a place preposition ("torture at a prison
    in X")."""
    if ctx.sm.resolve(phrase):
        return True
    if any(c.dep_ == "amod" and c.lower_ in words("foreign_modifiers") for c in phrase.children):
        return True  # "European governments", "Western diplomats": not the doer's own
    for t in phrase.subtree:
        m = ctx.sm.by_token.get(t.i)
        if m is not None and m.entry.has_code:
            return True
        if t.dep_ == "pobj" and t.head.lower_ in place_prepositions():
            text = " ".join(x.text for x in t.subtree)
            if any(country != code for _, country in home_places(text)):
                return True
    return False
