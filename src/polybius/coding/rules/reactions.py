"""Actor rules of acts the story has just reported and a sentence refers back to: a reaction
to one is addressed to whoever did it ("Berlin said it would send tanks. Moscow called the
decision reckless": Germany is criticised), and force told again as "the attack" is by whoever
the story said carried it out (rule force_told_again_is_by_its_doers)."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import words
from polybius.coding.rules.registry import rule
from polybius.coding.syntax import child, codes, lemma
from polybius.tsv import package_data, read_tsv, split_values

REACH = 2  # how many sentences back "the decision" may refer
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# a complement that names what the object is called: "called the decision reckless"
NAMING_DEPS = frozenset({"oprd", "xcomp", "ccomp", "acomp", "attr"})


@lru_cache(maxsize=1)
def act_nouns() -> dict[str, tuple[frozenset[str], bool]]:
    """Act noun -> (the PLOVER types of the events it may name, whether only a body's act:
    an international organisation's or a legislature's) (coding/data/act_nouns.tsv)."""
    rows = read_tsv(package_data("coding", "data", "act_nouns.tsv"))
    return {r["noun"]: (frozenset(split_values(r["types"])), r["doers"] == "body") for r in rows}


def _a_body(actors) -> bool:
    return all(a.rule.startswith("igo:") or a.sector == "LEG" for a in actors)


def reacted_to(tok, felt: bool = False):
    """The definite act noun a verbal reaction takes as its object ("rejected the
    allegations", "called the move reckless"), when it names no party of its own; for a
    feeling (`felt`: "the announcement angered Ankara", "Ankara was angered by the move"),
    the noun that causes it."""
    if felt:
        agent = child(tok, "agent")
        causes = [child(tok, "nsubj"), child(agent, "pobj") if agent is not None else None]
        noun = next((c for c in causes if c is not None and lemma(c) in act_nouns()), None)
        return noun if noun is not None and _definite_and_unowned(noun) else None
    hosts = [tok, tok.head] if tok.dep_ in NAMING_DEPS else [tok]
    for host in hosts:
        # "the decision was reckless": the subject of a verdict's copula is what is judged
        judged = ("dobj", "nsubjpass", "nsubj") if lemma(host) == "be" else ("dobj", "nsubjpass")
        for noun in host.children:
            if noun.dep_ in judged and lemma(noun) in act_nouns():
                return noun if _definite_and_unowned(noun) else None
    return None


def _definite_and_unowned(noun) -> bool:
    """ "the decision", "these accusations"; not "Berlin's decision", "the Russian move" or
    "the decision by Berlin" (their owner is a party of the sentence)."""
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children):
        return False
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("by", "of", "from")):
            return False
        if c.dep_ in ("amod", "compound") and c.text[:1].isupper():
            return False
    return True


@rule("reaction_targets_the_doer", "actors")
def reaction_targets_the_doer(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "X called the decision irresponsible", "Y rejected the allegations", "Z welcomed the
    vote": a verbal reaction (lexicon reaction_types) with no target, to a definite act noun
    that names no party (coding/data/act_nouns.tsv), is to the doers of the latest event of the
    last REACH sentences of a type the noun may name ("the allegations": an ACCUSE, "the move":
    a material act or a plan) that the reacting party did not do; a resolution or a vote is a
    body's, however far back the story's remembered events go. "The move was widely
    criticised", with no one reacting named, is still a reaction to the move's doers."""
    if d.targets or d.reciprocal or d.plover_type not in words("reaction_types"):
        return d
    noun = reacted_to(d.token, "experiencer" in d.trigger.pattern.targets)
    if noun is None or (not d.sources and noun.dep_ != "nsubjpass"):
        return d  # "the decision was criticised": a reaction told with no one reacting
    own, (named, body) = set(codes(d.sources)), act_nouns()[lemma(noun)]
    context = ctx.sm.context
    for at, plover_type, doers in reversed(context.acts):
        if context.sentences - at > REACH and not body:
            break  # a body's resolution or vote is the story's news: it may be further back
        if body and not _a_body(doers):
            continue
        if plover_type in named and not own & set(codes(list(doers))):
            why = f"the doers of the {plover_type} event '{noun.text}' refers to"
            d.targets = [replace(a, text="", start=-1, end=-1, rule=why) for a in doers]
            return d
    return d


FORCE_REACH = 3  # how many sentences back "the attack" may refer


@rule("force_told_again_is_by_its_doers", "actors")
def force_told_again_is_by_its_doers(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "A Shabaab bomber struck a hotel in Mogadishu. Nine guests were hurt in the blast":
    force told by a verb of harm whose "in" phrase is a definite, unowned noun of force
    (lexicon force_nouns_told_again: "in the attack", "in the bombing") with no doer named is
    by the doers of the story's latest act of force of the last FORCE_REACH sentences. (The
    noun alone as a trigger, "said the strikes endangered its troops", names the act as a
    topic more often than it tells it again: read sets, 12 more false events.)"""
    if d.sources or d.plover_type != "ASSAULT" or not _force_told_again(d.token):
        return d
    context = ctx.sm.context
    for at, plover_type, doers in reversed(context.acts):
        if context.sentences - at > FORCE_REACH:
            break
        if plover_type == "ASSAULT":
            why = "the doers of the force 'the attack' refers to"
            d.sources = [replace(a, text="", start=-1, end=-1, rule=why) for a in doers]
            return d
    return d


def _force_told_again(tok) -> bool:
    """The trigger is a verb with "the attack" (a noun of lexicon force_nouns_told_again,
    definite and unowned) as its "in" phrase ("were hurt in the blast")."""
    nouns = words("force_nouns_told_again")
    if tok.pos_ != "VERB":
        return False
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for noun in prep.children:
                if noun.dep_ == "pobj" and lemma(noun) in nouns and _definite_and_unowned(noun):
                    return True
    return False
