"""Which words of a sentence date an event first: those of the event's own clause.

"The envoy, who had moved to Cairo in 2009, condemned the raid on Monday": "in 2009" dates
the move, "on Monday" the condemnation, though "2009" is nearer the verb. (When the event's
clause has no time words, the nearest of the sentence's is taken: see when/dates.py.)

The clause is the trigger's verb (a noun trigger's verb) with
its words, less the clauses nested in it (relative, complement and adverbial clauses that do
not hold the trigger); verbs coordinated with it share its words ("arrested or detained
dozens since 2016"). A clause that extends another ("attacked on Monday and killed ...",
"agreed on Monday to meet") shares the time words of the clauses it extends (three at most),
and an infinitive clause's time words ("fought to liberate it since 2014") are its verb's.
"""

from __future__ import annotations

from polybius.coding.lexicon import words
from polybius.coding.syntax import has_to
from polybius.when.dates import is_time_word

NESTED = frozenset({"ccomp", "relcl", "advcl", "acl", "csubj", "parataxis"})
# clauses that describe a noun ("Roe, who moved to Cairo in 2009", "the war raging since
# 2015"): their time words are the noun's story, never another clause's date
DESCRIBING = frozenset({"relcl", "acl"})
EXTENDS = frozenset({"conj", "xcomp", "advcl"})


def char_ranges(tokens) -> list[tuple[int, int]]:
    """Character ranges, within their sentence, of the tokens (in the order given; all of
    one sentence, whose start is read once: a token's `.sent` is built anew on every read)."""
    out: list[tuple[int, int]] = []
    base = None
    for t in tokens:
        if base is None:
            base = t.sent.start_char
        out.append((t.idx - base, t.idx - base + len(t.text)))
    return out


def clause_head(tok):
    """The verb whose clause holds the token (the token itself when it is a verb)."""
    current = tok
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def date_scope(tok) -> list[tuple[int, int]]:
    """Character ranges (in the sentence) of the words that may date the event at `tok`."""
    heads = [clause_head(tok)]
    while len(heads) < 4 and heads[-1].dep_ in EXTENDS and heads[-1].head.i != heads[-1].i:
        heads.append(clause_head(heads[-1].head))
    indexes: set[int] = set()
    for h in heads:
        indexes |= _clause_tokens(h, tok)
    return char_ranges(t for t in tok.sent if t.i in indexes)


def clause_ranges(head) -> list[tuple[int, int]]:
    """Character ranges of a clause's own words: its verb's, less every nested clause (an
    adverbial clause included), with no clause it extends."""
    indexes = _clause_tokens(head, head)
    return char_ranges(t for t in head.sent if t.i in indexes)


def _clause_tokens(head, trigger) -> set[int]:
    nested = {
        t.i
        for c in head.subtree
        if c.i != head.i
        and (c.dep_ in NESTED or _own_predication(c, head))
        and not _holds(c, trigger)
        for t in c.subtree
    }
    return {t.i for t in head.subtree} - nested


def _own_predication(conj, head) -> bool:
    """A verb coordinated with the clause's verb that says something of its own: both have
    an object ("warned the rebels for months, and in May stormed their camp"), unlike verbs
    that share one ("arrested or detained dozens since 2016")."""
    return (
        conj.dep_ == "conj"
        and conj.head.i == head.i
        and conj.pos_ == "VERB"
        and _has_object(conj)
        and _has_object(head)
    )


def _has_object(verb) -> bool:
    return any(c.dep_ in ("dobj", "obj") for c in verb.children)


def _holds(tok, other) -> bool:
    return tok.left_edge.i <= other.i <= tok.right_edge.i


def describing_scope(tok) -> list[tuple[int, int]]:
    """Character ranges (in the sentence) of the words of clauses describing a noun, of
    verbs coordinated with the event's that say something of their own, and of phrases
    comparing it with another event ("as in the siege of the city in 2016", "like the
    bombing of 2015"), or telling until when it lasts ("granted bail until a hearing on 1
    March"), that do not hold the event's trigger: these are not its date. (An
    event told "after" another is dated by it in the gold: "travelled there after the
    coup in 2011" is of 2011.)"""
    head = clause_head(tok)
    indexes = {
        t.i
        for c in tok.sent
        if (
            (c.dep_ in DESCRIBING and c.pos_ in ("VERB", "AUX"))
            or (c.head.i == head.i and _own_predication(c, head))
            or _compared(c)
            or _end_point(c)
        )
        and not _holds(c, tok)
        for t in c.subtree
    }
    return char_ranges(t for t in tok.sent if t.i in indexes)


def outside_described(tok) -> list[tuple[int, int]]:
    """For an event told in a clause describing a noun ("a pastor detained for two years",
    "a video of the man being questioned ... was posted on Saturday"), the character ranges
    outside that clause: the time words of the sentence it hangs in date another event, not
    this one. Empty when the event is in no describing clause, or the clause describes a
    time ("last April, when X fired ...", "later that month Ankara agreed": the time dates
    it)."""
    clause = clause_head(tok)
    while clause.dep_ not in DESCRIBING or clause.pos_ not in ("VERB", "AUX"):
        if clause.dep_ not in EXTENDS or clause.head.i == clause.i:
            return []
        clause = clause_head(clause.head)  # "detained and tortured for years": the first verb
    if _is_time(clause.head):
        return []
    inside = set(range(clause.left_edge.i, clause.right_edge.i + 1))
    return char_ranges(t for t in tok.sent if t.i not in inside)


def _end_point(prep) -> bool:
    """A phrase telling until when an act or its effect lasts ("granted bail until a hearing
    on 1 March", "a strike from Monday until Friday"; lexicon end_point_prepositions): its
    date is an end, not the act's."""
    return prep.dep_ == "prep" and prep.lower_ in words("end_point_prepositions")


def _compared(prep) -> bool:
    """A preposition comparing the event with another ("like", "unlike", "as in") whose
    noun is not itself a time ("as in 2016" dates the event)."""
    nouns = [c for c in prep.children if c.dep_ == "pobj"]
    if prep.dep_ != "prep" or not nouns or any(_is_time(n) for n in nouns):
        return False
    as_in = prep.head.lower_ == "as" and prep.head.dep_ == "prep"
    return as_in or prep.lower_ in words("compared_prepositions")


def _is_time(noun) -> bool:
    return noun.like_num or noun.ent_type_ in ("DATE", "TIME") or is_time_word(noun.text)


def announced_plan(tok) -> list[tuple[int, int]] | None:
    """For a plan announced in the past ("Ankara pledged on Monday to buy missiles", "On
    Tuesday, a spokesman said an operation would be launched": the trigger's clause is the
    infinitive or the reported clause of a verb in the past tense), the character ranges of
    the plan's own words; else None."""
    head = clause_head(tok)
    if head.dep_ not in ("xcomp", "ccomp") or head.head.tag_ != "VBD":
        return None
    return char_ranges(head.subtree)


def infinitive_ranges(tok) -> list[tuple[int, int]]:
    """Character ranges of the infinitive clauses on the event's verb ("have fought to
    liberate it since 2014": the fighting's time words sit in the purpose clause)."""
    return char_ranges(
        t
        for c in clause_head(tok).children
        if c.dep_ in ("advcl", "xcomp") and has_to(c)
        for t in c.subtree
    )


def present_perfect(tok) -> bool:
    """The event's verb is in the present perfect ("forces have closed in", "has been
    detained"): it is told as news of now, so time words of other clauses are not its date."""
    head = clause_head(tok)
    return head.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve", "'s") for c in head.children
    )
