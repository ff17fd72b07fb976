"""Explaining actor resolution: every mention of a text with the rule that resolved it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from polybius.actors.dictionary import load_dictionary
from polybius.actors.matcher import find_mentions
from polybius.actors.resolver import DocumentContext, SentenceMentions, load_anaphors
from polybius.actors.story_priming import prime_story
from polybius.nlp.pipeline import parse_groups, split_sentences

# dependencies that attach a name to the noun it modifies ("Russia's army", "Russian troops")
_MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "npadvmod", "case", "det"}


@dataclass
class ActorRow:
    sentence: int
    mention: str
    phrase: str
    code: str | None
    sector: str | None
    name: str | None
    rule: str


def phrase_head(tok):
    """The noun a mention belongs to: "Russian" in "Russian troops" -> "troops"."""
    while True:
        if tok.dep_ in _MODIFIER_DEPS and tok.head is not tok:
            tok = tok.head
        elif (
            tok.dep_ == "pobj"
            and tok.head.lower_ in ("of", "from")
            and tok.head.head.pos_
            in (
                "NOUN",
                "PROPN",
            )
        ):
            tok = tok.head.head
        else:
            return tok


def explain_actors(
    text: str, when: date | None = None, extra_actors: tuple[str, ...] = ()
) -> list[ActorRow]:
    dictionary = load_dictionary(extra_actors)
    context = DocumentContext()
    rows: list[ActorRow] = []
    anaphors = load_anaphors(pairs=True)
    prime_story(text, context, dictionary)  # its places and dateline, as the coder reads them
    pieces = split_sentences(text)
    for index, (piece, sent) in enumerate(zip(pieces, parse_groups([pieces])[0], strict=True)):
        mentions = find_mentions(sent.text, dictionary)
        context.note_homes(sent.text, mentions)
        sm = SentenceMentions(sent, mentions, when, context)
        heads = []
        for tok in sent:
            is_pronoun = tok.pos_ == "PRON" and tok.lower_ in ("he", "she", "him", "her")
            anaphor = tok.lemma_.lower() in anaphors and any(
                c.lower_ in ("the", "both") for c in tok.children
            )
            named = tok.lower_ in context.names or (
                tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.text.isalpha()
            )
            if tok.i in sm.by_token or is_pronoun or anaphor or named:
                head = phrase_head(tok)
                if head not in heads:
                    heads.append(head)
        for head in heads:
            for actor in sm.resolve_one(head):
                rows.append(
                    ActorRow(
                        index,
                        head.text,
                        actor.text,
                        actor.code,
                        actor.sector,
                        actor.name,
                        actor.rule,
                    )
                )
        context.text = (context.text + " " + piece.text)[-5000:]
        context.sentences += 1  # as the coder counts them: what a later sentence refers back to
    return rows
