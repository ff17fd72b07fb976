"""Rules that apply a learned model (learn/): named and switchable like every other rule."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import words
from polybius.coding.rules.registry import rule
from polybius.coding.syntax import codes
from polybius.learn.confidence import actor_kind
from polybius.learn.sides import Candidate, shipped_side_model, side_features


def mention_roots(ctx: SentenceContext) -> list:
    """The token heading each dictionary mention of the sentence, in sentence order: the
    first word that hangs outside the mention, not its article ("the US" in "the US policy
    shift", where both words hang on "shift": "US")."""
    tokens = defaultdict(list)
    for i, m in sorted(ctx.sm.by_token.items()):
        tokens[id(m)].append(ctx.sent.doc[i])
    roots = []
    for toks in tokens.values():
        inside = {t.i for t in toks}
        heads = [t for t in toks if t.head.i not in inside or t.head.i == t.i]
        content = [t for t in heads if t.dep_ not in ("det", "predet", "punct")]
        roots.append((content or heads or toks)[0])
    return roots


def in_other_relative_clause(tok, trigger) -> bool:
    """Inside a relative clause the trigger is not in: the clause describes the noun it hangs
    on ("X, which invaded Y, ..."), and the parties it names are not this event's."""
    for up in tok.ancestors:
        if up.dep_ == "relcl":
            return not (up.left_edge.i <= trigger.i <= up.right_edge.i)
    return tok.dep_ == "relcl" and not (tok.left_edge.i <= trigger.i <= tok.right_edge.i)


def denied_party(tok) -> bool:
    """Named as not being the party: "carried out not by X or Y, but by Z" (X and Y)."""
    while tok.dep_ in ("amod", "compound", "poss", "nmod", "conj") and tok.head.i != tok.i:
        tok = tok.head  # from a name's word to the noun of its phrase, to the first conjunct
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    before = prep.doc[prep.i - 1] if prep.i > prep.sent.start else None
    return any(c.dep_ == "neg" for c in prep.children) or (
        before is not None and before.lower_ in ("not", "never")
    )


def side_taker(tok) -> bool:
    """Named as the backer of a party: "Assad, supported by Moscow", "a US-backed militia",
    "with Turkish backing", "backed by Russian airstrikes", or as its partner ("in
    cooperation with Russia", lexicon partnership_nouns). The backer is on the party's
    side, not the other side of its act (a standing relation: rule backing_names_a_side)."""
    if tok.dep_ in ("amod", "poss") and tok.head.lemma_.lower() in words("side_taking_nouns"):
        return True  # "with Turkish backing"
    while tok.dep_ in ("compound", "conj", "amod") and tok.head.i != tok.i:
        # "the Russian government" -> "government"; "X and Y" -> X; "backed by Russian
        # airstrikes": "Russian" -> "airstrikes"
        tok = tok.head
    head = tok.head
    taking = words("side_taking_verbs")
    if tok.dep_ == "pobj" and head.lower_ == "with" and _in_partnership(head.head):
        return True  # "in cooperation with Russia": a partner in the act, not its other side
    if tok.dep_ == "pobj" and head.dep_ == "agent":
        verb = head.head
        return verb.tag_ == "VBN" and verb.lemma_.lower() in taking
    if tok.dep_ in ("npadvmod", "compound") and head.tag_ == "VBN":
        return head.lemma_.lower() in taking  # "US-backed"
    return tok.dep_ == "poss" and head.lemma_.lower() in words("side_taking_nouns")


def _in_partnership(noun) -> bool:
    """ "in cooperation with", "in tandem with": the manner of an act, whose "with" names a
    partner (lexicon partnership_nouns); not "suspended its partnership with X"."""
    prep = noun.head
    return (
        noun.lemma_.lower() in words("partnership_nouns")
        and noun.dep_ == "pobj"
        and prep.lower_ == "in"
    )


def suffered_it(tok, trigger) -> bool:
    """The passive subject of the verb an event noun hangs on: "a rebel commander was wounded
    in an air raid" (the commander suffered the raid; never its doer)."""
    while tok.dep_ in ("compound", "amod", "poss", "conj", "appos") and tok.head.i != tok.i:
        tok = tok.head  # from a name's word to the noun of its phrase ("X, an Isis commander")
    if tok.dep_ != "nsubjpass" or trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    verb = trigger.head.head if trigger.head.dep_ in ("prep", "agent") else trigger.head
    return verb.i == tok.head.i


def side_candidates(d: EventDraft, ctx: SentenceContext) -> list[tuple[Candidate, object]]:
    """Every coded actor the sentence names outside the trigger and the draft's parties, with
    the actor record. An actor of a party's own code is no candidate: the filler never makes
    a self-loop (a state acting on itself is for the domestic rules to say)."""
    own = set(codes(d.sources + d.targets))
    base = ctx.sent.start_char
    taken = [(a.start, a.end) for a in (*d.sources, *d.targets) if a.start >= 0]
    out = []
    for root in mention_roots(ctx):
        at = root.idx - base
        if root.i == d.token.i or any(s <= at < e for s, e in taken):
            continue
        if in_other_relative_clause(root, d.token) or denied_party(root) or side_taker(root):
            continue
        for a in ctx.sm.peek(root):
            if a.code and a.code not in own:
                out.append((Candidate(root, a.code, actor_kind(a.rule), bool(a.sector)), a))
    return out


@rule("learned_side_filler", "actors")
def learned_side_filler(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """An event with one side empty: the sentence's actor the side model scores best, if it
    reaches the model's threshold (learn/sides.py, trained by `polybius train sides`). The
    doer of an act that needs one (lexicon doer_needed_types: a visit, a deal, aid) is never
    guessed: with no doer the sentence names, the act is not coded (an_act_needs_its_doer)."""
    if d.reciprocal or bool(d.sources) == bool(d.targets):
        return d
    if not d.sources and d.plover_type in words("doer_needed_types"):
        return d
    model = ctx.side_model if ctx.side_model is not None else shipped_side_model()
    if model is None:
        return d
    side = "target" if d.sources else "source"
    have = set(codes(d.sources + d.targets))
    found = side_candidates(d, ctx)
    if side == "source":
        found = [(c, a) for c, a in found if not suffered_it(c.root, d.token)]
    options = [
        (c.code, side_features(d.token, c, d.plover_type or "", side, have, len(found)))
        for c, _ in found
    ]
    key = (ctx.doc_id, ctx.sentence_index, d.token.i)
    choice = model.choose(key, side, options)
    if choice is None:
        return d
    index, p = choice
    actor = replace(found[index][1], rule=f"learned: side model p={p:.2f}")
    if side == "target":
        d.targets = [actor]
    else:
        d.sources = [actor]
    return d
