"""Gate rules for words that tell no act: a figure of speech ("seized the chance"), a comment
declined, an event spreading ("protests swept across X"), a journey ("the president left
Paris", "the minister entered the room", "strangers moved into her home")."""

from __future__ import annotations

from functools import lru_cache

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import words
from polybius.coding.rules.gates import event_subject
from polybius.coding.rules.registry import rule
from polybius.coding.subject import subject
from polybius.coding.syntax import child, lemma
from polybius.tsv import package_data, read_tsv, split_values


@rule("a_figure_of_speech_is_no_act", "gate")
def a_figure_of_speech_is_no_act(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Seizing the chance to ...", "captured the world's imagination", "grabbed the
    headlines": a verb whose object is a chance, a moment or attention (lexicon
    figurative_objects) is a figure of speech, not the act the verb names; so is a threat to
    a condition ("threatens the stability of the region", lexicon threatened_conditions)."""
    obj = child(d.token, "dobj") if d.trigger.pattern.pos == "v" else None
    if obj is None:
        return d
    if lemma(obj) in words("figurative_objects"):
        return None
    # "threatening the stability of the region": a danger to a condition, not a threat made
    threat = d.plover_type == "THREATEN" and not d.trigger.pattern.objects
    return None if threat and lemma(obj) in words("threatened_conditions") else d


@rule("a_habitual_passive_is_no_act", "gate")
def a_habitual_passive_is_no_act(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "In Mexico, journalists are killed for their work", "dissidents are routinely jailed":
    a passive in the simple present told of a kind of people (a bare plural) or with an adverb
    of frequency (lexicon frequency_adverbs) says what happens, not that an act was done."""
    tok = d.token
    if d.trigger.pattern.pos != "v" or tok.tag_ != "VBN" or lemma(tok) in words("accusation_verbs"):
        return d  # "two officials are accused of taking bribes": a charge stands now
    aux = [c for c in tok.children if c.dep_ == "auxpass"]
    if len(aux) != 1 or aux[0].tag_ not in ("VBZ", "VBP") or child(tok, "aux") is not None:
        return d  # "were killed", "have been killed", "will be killed": told as done or planned
    often = any(c.dep_ == "advmod" and c.lower_ in words("frequency_adverbs") for c in tok.children)
    who = child(tok, "nsubjpass")
    kind = (
        who is not None
        and who.tag_ == "NNS"
        and not any(c.dep_ in ("det", "nummod", "poss", "quantmod") for c in who.children)
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in who.children)
    )
    return None if often or kind else d


@rule("declining_comment_is_no_event", "gate")
def declining_comment_is_no_event(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "refused to comment", "declined to say", "his refusal to confirm": not answering a
    reporter is no rejection of anyone (CAMEO 011, no PLOVER event); the verbs of comment
    are lexicon comment_verbs."""
    if d.plover_type != "REJECT":
        return d
    comment = words("comment_verbs")
    said = any(c.dep_ in ("xcomp", "acl") and lemma(c) in comment for c in d.token.children)
    return None if said else d


@rule("a_spreading_event_is_no_act", "gate")
def a_spreading_event_is_no_act(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Protests swept across Iran", "the unrest spread through the north": a verb of
    spreading (lexicon spreading_verbs) whose subject is an event word (a trigger noun, or
    lexicon event_subject_nouns) tells where that event went, not an act of its own."""
    tok = d.token
    if d.trigger.pattern.pos != "v" or lemma(tok) not in words("spreading_verbs"):
        return d
    return None if event_subject(tok, words("event_subject_nouns")) else d


def _forces_do_it(verb, ctx: SentenceContext, sectors: tuple[str, ...]) -> bool:
    """The verb's subject is forces: a noun of deployed forces (lexicon deployed_force_nouns)
    or a party of one of `sectors`."""
    who = subject(verb)  # also through "began to leave", "are starting to move into"
    if who is None:
        return False
    return lemma(who) in words("deployed_force_nouns") or any(
        a.sector in sectors for a in ctx.sm.peek(who)
    )


@rule("only_forces_go_in", "gate")
def only_forces_go_in(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Rebels backed by Rwanda entered the town" takes it (CAMEO 192), "Ugandan tanks
    pushed into eastern Congo" is a deployment (154); "the minister entered the room", "the
    war entered its eighth year", "strangers moved into her home" are neither: entering or
    moving into a place (lexicon going_in_verbs) is force only when armed forces do it
    (deployed_force_nouns, or a party of the armed forces or an armed group)."""
    if lemma(d.token) not in words("going_in_verbs") or d.entry.code not in ("192", "154"):
        return d
    return d if _forces_do_it(d.token, ctx, ("MIL", "REB")) else None


@rule("only_forces_withdraw_by_leaving", "gate")
def only_forces_withdraw_by_leaving(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "US troops will leave Syria" is a withdrawal; "the president left Paris for Berlin"
    is a journey: leaving a place withdraws only forces (lexicon deployed_force_nouns, or a
    party of the armed forces or police); leaving people dead or hurt (lexicon
    casualty_states) is a toll."""
    if lemma(d.token) != "leave" or d.plover_type != "RETREAT" or d.entry.code != "0874":
        return d
    if _left_in_a_state(d.token):
        return None  # "opened fire, leaving 13 dead": the toll, no withdrawal
    return d if _forces_do_it(d.token, ctx, ("MIL", "COP")) else None


def _left_in_a_state(verb) -> bool:
    """ "leaving 13 dead", "leaving hundreds homeless", "leaving civilians injured",
    "leaving the area empty": what is left is told in the state it is left in (lexicon
    casualty_states as the object, an adjective or participle after the object, or a
    predicate of the verb), a result of the act before, not a place left."""
    left = child(verb, "dobj")
    if left is not None and lemma(left) in words("casualty_states"):
        return True
    if child(verb, "oprd") is not None:
        return True
    return left is not None and any(
        c.dep_ in ("amod", "acl") and c.i > left.i and c.tag_ in ("JJ", "VBN")
        for c in left.children
    )


SENSE_SIGNS = ("object", "object_word", "subject_word", "prep_object", "admission", "particle")


@lru_cache(maxsize=1)
def _other_senses() -> dict[tuple[str, str], list[tuple[str, frozenset[str]]]]:
    """(lemma, PLOVER type) -> [(sign, words)] from coding/data/other_senses.tsv."""
    senses: dict[tuple[str, str], list[tuple[str, frozenset[str]]]] = {}
    for row in read_tsv(package_data("coding", "data", "other_senses.tsv")):
        if row["sign"] not in SENSE_SIGNS:
            raise ValueError(f"other_senses.tsv: unknown sign {row['sign']!r}")
        key = (row["lemma"], row["type"])
        senses.setdefault(key, []).append((row["sign"], frozenset(split_values(row["words"]))))
    return senses


def _shows(verb, sign: str, signs: frozenset[str]) -> bool:
    """The parse shows the sign of another sense on the verb (see other_senses.tsv)."""
    kids = list(verb.children)
    if sign == "object":
        return any(c.dep_ in ("dobj", "ccomp") for c in kids)
    if sign == "object_word":  # "shot himself"; ground defended, in the passive too
        return any(c.dep_ in ("dobj", "nsubjpass") and lemma(c) in signs for c in kids)
    if sign == "subject_word":  # "the task fell to the army"
        return any(c.dep_ == "nsubj" and lemma(c) in signs for c in kids)
    if sign == "prep_object":  # "captured on video" ("on video shouting at X": a subject)
        objects = [o for c in kids if c.dep_ == "prep" for o in c.children]
        objects += [s for o in objects if o.dep_ == "pcomp" for s in o.children]
        return any(lemma(o) in signs for o in objects)
    if sign == "admission":  # "pleaded guilty", not "pleaded not guilty"
        return any(
            c.dep_ in ("acomp", "oprd")
            and c.lower_ in signs
            and not any(g.dep_ == "neg" for g in c.children)
            for c in kids
        )
    # "particle" ("marched back"; "turned the city upside down": "upside" hangs on "down")
    return any(
        c.dep_ in ("prt", "advmod")
        and (c.lower_ in signs or any(g.lower_ in signs for g in c.children))
        for c in kids
    )


@rule("another_sense_of_the_verb", "gate")
def another_sense_of_the_verb(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "What the affair demonstrates is ...", "watched the troops march away", "pleaded
    guilty", "shot himself": a trigger verb in a sense that is no event of its type, told by
    the parse (a direct object, a particle, a complement: coding/data/other_senses.tsv)."""
    if d.trigger.pattern.pos != "v":
        return d
    senses = _other_senses().get((lemma(d.token), d.plover_type or ""), ())
    return None if any(_shows(d.token, s, w) for s, w in senses) else d


@rule("a_kind_of_media_is_no_event", "gate")
def a_kind_of_media_is_no_event(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "beheading videos", "protest songs", "execution footage": an event word set before a
    word for media (lexicon classified_media) says what they show or are for; it tells no
    beheading or protest. The parser often reads a bare gerund there as a verb acting on the
    media ("had viewed beheading videos"): no act of force is done to a video."""
    tok, media = d.token, words("classified_media")
    if tok.dep_ in ("compound", "amod") and tok.head.pos_ == "NOUN":
        return None if lemma(tok.head) in media else d
    obj = child(tok, "dobj") if tok.tag_ == "VBG" and child(tok, "nsubj") is None else None
    return None if obj is not None and lemma(obj) in media and obj.i == tok.i + 1 else d
