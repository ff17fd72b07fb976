"""Feelings stated at another party's act: concern ("X said it was deeply concerned about
Y's arrests", "X was dismayed by Y's remarks") is disapproval (CAMEO 110), pleasure ("X was
pleased with Y's reply") approval (CAMEO 051). No trigger pattern names them, since the
event word is an adjective or a participle of feeling. Verbs that make a party feel anger
("Y's move angered X") are trigger patterns with the slot "experiencer"; the rule
a_feeling_is_felt_now_by_a_party keeps those only as felt, by a party named."""

from __future__ import annotations

from collections.abc import Iterator

from polybius.coding.draft import EventDraft, SentenceContext, Trigger
from polybius.coding.lexicon import words
from polybius.coding.noun_roles import noun_sources
from polybius.coding.places import place_in
from polybius.coding.rules.registry import rule
from polybius.coding.rules.sentence import preset_draft, rule_pattern
from polybius.coding.subject import speaker, subject
from polybius.coding.syntax import child, codes, lemma, prep_children


def _holder(feeling):
    """Who feels it: the subject of "is concerned", "remains alarmed" (the word its
    complement), or of the participle itself ("was appalled by")."""
    if feeling.dep_ == "acomp" and lemma(feeling.head) in words("linking_verbs"):
        found, clause = subject(feeling.head), feeling.head
    else:
        found, clause = child(feeling, "nsubjpass") or child(feeling, "nsubj"), feeling
    if found is not None and found.pos_ == "PRON":
        # "the UN said it was alarmed": the one who says so
        return speaker(clause) or found
    return found


def _unsure(feeling) -> bool:
    """Negated, told with a modal ("should have been alarmed" is a demand), or a question of
    whether: no concern stated."""
    hosts = (feeling, feeling.head) if feeling.dep_ == "acomp" else (feeling,)
    return any(
        c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD") for h in hosts for c in h.children
    )


def _where(act, ctx: SentenceContext) -> list:
    """The state of the place an act's "in" phrase names ("the arrests in Kenya", "the
    violence in Cali")."""
    place = place_in(prep_children(act, {"in"}), ctx.sm)
    return [place.actor("rulers of the place")] if place is not None else []


def _about(feeling):
    """What the feeling is about: the object of its "about", "by", "over", "at" or "with"."""
    for p in feeling.children:
        if p.dep_ in ("prep", "agent") and p.lower_ in words("concern_prepositions"):
            return child(p, "pobj")
    return None


@rule("feeling_at_a_party_is_a_stance", "sentence")
def feeling_at_a_party_is_a_stance(ctx: SentenceContext) -> Iterator[EventDraft]:
    """ "Germany is deeply concerned about Turkey's arrests", "the Kenyan delegation was
    dismayed by Uganda's reply": a party's stated alarm at what a named other party did
    disapproves of it; "Kenya was pleased with Uganda's reply", "the minister said she was
    heartened by the EU's decision": stated pleasure approves of it. A situation with no party
    ("concerned about the conditions in the camps") is no event."""
    yield from _feelings_at_a_party(ctx, words("concern_words"), "disapproval")
    yield from _feelings_at_a_party(ctx, words("pleasure_words"), "approval")


def _feelings_at_a_party(
    ctx: SentenceContext, feelings: frozenset[str], code: str
) -> Iterator[EventDraft]:
    """The drafts of a feeling (one of `feelings`) a party states at what another did, as
    the event `code` (codes.tsv)."""
    for feeling in ctx.sent:
        if feeling.lower_ not in feelings or _unsure(feeling):
            continue
        holder, about = _holder(feeling), _about(feeling)
        if holder is None or about is None:
            continue
        sources = ctx.sm.resolve(holder)
        # a party ("about Turkey"), or whose the act is ("by the killing of X by Saudi agents")
        targets = ctx.sm.resolve(about) or noun_sources(about, about, ctx.sm)[0]
        if not targets and lemma(about) in words("repression_nouns"):
            targets = _where(about, ctx)  # "the arrests of journalists in Kenya": its rulers
        targets = [t for t in targets if t.code not in codes(sources)]
        if sources and targets:
            trig = Trigger(
                feeling, rule_pattern(lemma(feeling), "feeling_at_a_party_is_a_stance", code)
            )
            yield preset_draft(ctx, trig, sources, targets)


@rule("a_feeling_is_felt_now_by_a_party", "actors")
def a_feeling_is_felt_now_by_a_party(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """A disapproval told by the one who feels it ("the move angered Beijing", pattern slot
    "experiencer") is an event only when it is felt (or said to be), by a party named: "will
    be dismayed", "would likely irk Assad" foretell a feeling, and "he was angered by the
    attacks" names no party that disapproves."""
    if "experiencer" not in d.trigger.pattern.targets:
        return d
    return d if d.sources and d.modality.status in ("occurred", "claimed") else None
