"""The modality rule attribution_is_a_claim: an act the sentence attributes to a source
("according to witnesses") or tells as hearsay ("reportedly") is that source's claim."""

from __future__ import annotations

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import words
from polybius.coding.rules.registry import rule
from polybius.coding.syntax import according_to, child, lemma


@rule("attribution_is_a_claim", "modality")
def attribution_is_a_claim(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "X was killed, according to witnesses", "the army reportedly shelled Y": an act the
    sentence attributes to a source (or hedges as hearsay) is that source's claim."""
    m = d.modality
    if m.status != "occurred":
        return d
    tok = d.token
    while True:
        if _attributes(tok):
            m.status = "claimed"
            return d
        if tok.head.i == tok.i:
            break
        tok = tok.head
    if _closing_attribution(tok):
        m.status = "claimed"
    return d


def _closing_attribution(root) -> bool:
    """An "according to" phrase that closes the sentence on a participle of its main clause
    ("soldiers opened fire, killing three, according to police"; the parser may read
    "according" as a conjunct of the participle): the source tells the whole sentence, not
    only the participle it hangs on."""
    sent = root.sent
    last = max((t.i for t in sent if not t.is_punct), default=root.i)
    for t in sent:
        if t.lower_ != "according" or t.i + 1 >= sent.end or t.nbor(1).lower_ != "to":
            continue
        source = child(t.nbor(1), "pobj")
        if source is None or source.right_edge.i < last:
            continue
        if lemma(source) in words("according_not_sources"):
            return False
        head = t.head
        while head.i != root.i and head.dep_ in ("advcl", "conj") and head.tag_ in ("VBG", "VBN"):
            head = head.head
        return head.i == root.i
    return False


def _attributes(tok) -> bool:
    """The word carries "according to" a source, or an adverb of hearsay ("reportedly")."""
    if any(c.dep_ == "advmod" and c.lower_ in words("hearsay_adverbs") for c in tok.children):
        return True
    source = according_to(tok)
    return source is not None and lemma(source) not in words("according_not_sources")
