"""Resolve a noun phrase of a parsed sentence to actors (code, sector, name).

The coder hands over the head token of a subject or object; the resolver looks at the
phrase around it (modifiers, possessives, "of" phrases, appositions, conjuncts) and the
dictionary mentions inside it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from polybius.actors.dictionary import AGENT, TITLE
from polybius.actors.matcher import Mention
from polybius.models import Actor

# dependency labels whose subtrees belong to the phrase of their head
_PHRASE_DEPS = {
    "compound",
    "amod",
    "poss",
    "nmod",
    "det",
    "nummod",
    "quantmod",
    "case",
    "npadvmod",
    "appos",
    "prep",
    "pobj",
    "cc",
    "conj",
    "punct",
    "advmod",
    "predet",
}
# prepositions that keep the phrase's identity: "the government of Syria", "troops from Turkey"
_OWNING_PREPS = {"of", "from"}


@dataclass
class SentenceMentions:
    """Dictionary mentions of one sentence, indexed by the tokens they cover."""

    mentions: list[Mention]
    by_token: dict[int, Mention] = field(default_factory=dict)

    @classmethod
    def build(cls, sent, mentions: list[Mention]) -> SentenceMentions:
        """`mentions` have character offsets relative to the sentence text."""
        out = cls(mentions)
        base = sent.start_char
        for tok in sent:
            s = tok.idx - base
            e = s + len(tok.text)
            for m in mentions:
                if m.start < e and s < m.end:
                    out.by_token[tok.i] = m
                    break
        return out


# "US-backed fighters", "Iran-linked militias": the named state backs the group, it is not it
_NOT_OWNER = {
    "backed",
    "linked",
    "allied",
    "supported",
    "sponsored",
    "funded",
    "affiliated",
    "aligned",
    "inspired",
    "trained",
    "armed",
    "friendly",
    "leaning",
    "held",
    "controlled",
}


def _phrase_tokens(head, top: bool = True) -> list:
    """Tokens of the phrase headed by `head`, without clauses and (at the top) its conjuncts.

    Conjuncts inside modifiers stay: "Hungarian and Romanian officials" names two states.
    """
    out = [head]
    if head.lower_ in _NOT_OWNER and head.dep_ in ("amod", "compound", "npadvmod"):
        return []
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "advcl", "ccomp", "punct"):
            continue
        if top and child.dep_ in ("conj", "cc"):
            continue
        if child.dep_ == "prep" and child.lower_ not in _OWNING_PREPS:
            continue
        if child.dep_ not in _PHRASE_DEPS and child.dep_ != "pobj":
            continue
        out.extend(
            _phrase_tokens(child, top=False) if child.dep_ != "appos" else list(child.subtree)
        )
    return out


def conjuncts(head) -> list:
    """The head and the heads conjoined to it ("the US, Britain and France")."""
    out = [head]
    for c in head.conjuncts:
        if c.i != head.i and c not in out:
            out.append(c)
    return sorted(out, key=lambda t: t.i)


def resolve_phrase(head, sm: SentenceMentions) -> list[Actor]:
    """Actors named by the phrase headed by `head`, conjuncts included (one actor per code)."""
    actors: list[Actor] = []
    for conj_head in conjuncts(head):
        for actor in _resolve_single(conj_head, sm):
            if actor.code and any(a.code == actor.code for a in actors):
                continue
            actors.append(actor)
    return actors


def _resolve_single(head, sm: SentenceMentions) -> list[Actor]:
    tokens = sorted(_phrase_tokens(head), key=lambda t: t.i)
    seen: list[Mention] = []
    for tok in tokens:
        m = sm.by_token.get(tok.i)
        if m is not None and m not in seen:
            seen.append(m)
    coded = [m for m in seen if m.entry.has_code]
    sectors = [m for m in seen if m.kind in (AGENT, TITLE)]
    sent_start = head.sent.start_char
    person = _person_name(tokens)
    if not coded:
        return []
    sector = None
    if sectors:
        # the sector word nearest the head decides: "Russian military officials" -> GOV
        nearest = min(sectors, key=lambda m: abs(m.start + sent_start - head.idx))
        sector = nearest.entry.sector
    span_start = min(t.idx for t in tokens) - sent_start
    span_end = max(t.idx + len(t.text) for t in tokens) - sent_start
    text = head.sent.text[span_start:span_end]
    actors = []
    for m in coded:
        if any(a.code == m.code for a in actors):
            continue
        own_sector = sector or m.entry.sector
        actors.append(
            Actor(
                text=text,
                code=m.code,
                sector=own_sector,
                name=person or (m.entry.name if m.kind not in ("adjective",) else None),
                start=span_start,
                end=span_end,
                rule=f"{m.kind}:{m.text}" + (f"+sector:{sector}" if sector else ""),
            )
        )
    return actors


def _person_name(tokens) -> str | None:
    names = [t for t in tokens if t.ent_type_ == "PERSON"]
    if not names:
        return None
    return " ".join(t.text for t in names)
