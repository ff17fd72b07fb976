"""Headlines in the bare present ("Police fire tear gas at farmers marching on Delhi").

A headline drops "have" and writes a past act in the present; after a plural or collective
subject the verb has no "-s", and the small English model then reads it as a noun ("Police
fire" as a compound, "trade fire" as a noun phrase), and after a singular subject it may read
the "-s" form as a plural noun ("Turkey summons Swedish envoy"): the sentence has no verb and
codes nothing. A sentence that looks like a headline (no closing stop) whose word after a noun,
before any finite verb, is a verb of `data/headline_verbs.tsv` is parsed again with that
word in its past form; when the parser then reads it as a verb, the sentence keeps its own words and
offsets and takes the new parse. Everything else is left as the parser made it.
"""

from __future__ import annotations

from functools import lru_cache

from polybius.tsv import package_data, read_tsv

_CLOSING = (".", "!", "?", '"', "\u201d", "\u2019", "'", ")", ":", ";")
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
MAX_HEADLINE_TOKENS = 25


@lru_cache(maxsize=1)
def headline_verbs() -> dict[str, str]:
    """Bare present -> simple past."""
    rows = read_tsv(package_data("nlp", "data", "headline_verbs.tsv"))
    return {r["verb"]: r["past"] for r in rows}


def headline_verb(sent):
    """The token of a headline-like sentence that is its verb misread as a noun, or None."""
    text = sent.text.rstrip()
    if not text or text.endswith(_CLOSING) or len(sent) > MAX_HEADLINE_TOKENS:
        return None
    if sent.root.tag_ in _FINITE:
        return None  # "US air strike kills fighters": the headline has its verb
    verbs = headline_verbs()
    tokens = list(sent)
    for prev, tok in zip(tokens, tokens[1:], strict=False):
        if prev.tag_ in _FINITE:
            return None  # the headline has its verb ("Court overturns ...")
        if _bare(tok, verbs) is not None and tok.pos_ != "VERB" and prev.pos_ in ("NOUN", "PROPN"):
            return tok
    return None


def _bare(tok, verbs: dict[str, str]) -> str | None:
    """The headline verb a word is: its bare present ("fire"), or its third person read as a
    plural noun after a singular subject with its object after it ("Turkey summons Swedish
    envoy"); else None."""
    word = tok.lower_
    if word in verbs:
        return word
    if tok.tag_ != "NNS" or not word.endswith("s") or tok.i + 1 >= len(tok.doc):
        return None
    if tok.nbor().pos_ not in ("DET", "ADJ", "NOUN", "PROPN", "NUM"):
        return None  # "Isis attacks in Syria": a plural noun, no object after it
    return next((stem for stem in (word[:-1], word[:-2]) if stem in verbs), None)


def reparse_headline(sent, nlp):
    """The sentence as a one-sentence Doc parsed with its headline verb in the past (see the
    module's docstring), or `sent` itself when it is no such headline or the new parse does
    not make the word a verb."""
    from spacy.tokens import Doc

    tok = headline_verb(sent)
    if tok is None:
        return sent
    words = [t.text for t in sent]
    spaces = [bool(t.whitespace_) for t in sent]
    spaces[-1] = False
    at = tok.i - sent.start
    past = headline_verbs()[_bare(tok, headline_verbs())]
    changed = list(words)
    changed[at] = past[0].upper() + past[1:] if tok.text[0].isupper() else past
    parsed = nlp(Doc(nlp.vocab, words=changed, spaces=spaces))  # same tokens, one changed
    if parsed[at].pos_ != "VERB":
        return sent
    doc = Doc(
        nlp.vocab,
        words=words,
        spaces=spaces,
        tags=[t.tag_ for t in parsed],
        pos=[t.pos_ for t in parsed],
        morphs=[str(t.morph) for t in parsed],
        lemmas=[t.lemma_ for t in parsed],
        heads=[t.head.i for t in parsed],
        deps=[t.dep_ for t in parsed],
        sent_starts=[True] + [False] * (len(words) - 1),
    )
    return doc[:]
