"""Who is speaking: the speaker of a reporting verb, and of a quotation with none of its own.

News sets a speaker once ("the minister said on Monday ...") and quotes them on without
attribution in the sentences that follow ("“This must stop.”"). A quotation with no reporting
verb of its own is taken to be the last named speaker's when they spoke at most
QUOTE_REACH sentences before.
"""

from __future__ import annotations

import re
from dataclasses import replace

from polybius.actors.resolver import DocumentContext, SentenceMentions
from polybius.coding.lexicon import load_cues
from polybius.coding.subject import subject
from polybius.coding.syntax import lemma
from polybius.models import Actor

QUOTE_REACH = 2  # sentences after the speaker's that an unattributed quotation may follow
OPENING_QUOTES = ("“", '"', "‘")


def speech_verbs(sent) -> list:
    """The sentence's reporting verbs ("said", "told", "insisted")."""
    cues = load_cues()
    return [t for t in sent if t.pos_ in ("VERB", "AUX") and cues.has("speech", lemma(t))]


def note_speakers(sent, sm: SentenceMentions, context: DocumentContext) -> None:
    """Remember the last reporting verb's speaker the dictionary knows, for the quotations
    that follow (read after the sentence is coded)."""
    for verb in reversed(speech_verbs(sent)):
        who = subject(verb)
        found = sm.peek(who) if who is not None else []
        if found:
            context.speakers = (tuple(found), context.sentences)
            return


def quoted(text: str) -> bool:
    """The sentence is (part of) a quotation by its own marks: it opens with one, or it closes
    one an earlier sentence opened ("Washington must reverse it.”"). A surface test, so the
    prefilter can make it before parsing."""
    t = text.strip()
    if t.startswith(OPENING_QUOTES):
        return True
    if "”" in t and "“" not in t[: t.index("”")]:
        return True
    return t.count('"') == 1 and t.rstrip(".)").endswith('"')


_REPORTING = r"(?:said|says|told|tells|added|adds|insisted|warned|argued|wrote|stated|declared)"
# "Erdoğan said", "the French president said", "Erdoğan, the Turkish president, told
# reporters", "the minister has said"
SAID_AFTER = re.compile(
    rf"(?:\s+[\w-]+){{0,3}}\s*(?:,[^,.;“”\"]{{1,80}},\s*)?(?:has |had )?{_REPORTING}\b"
)
# after a quotation or a clause: "“...,” said Erdoğan", "..., said the Turkish president"
SAID_BEFORE = re.compile(rf"[,”\"]\s*{_REPORTING}\s+(?:[\w-]+\s+){{0,3}}$")


def note_surface_speakers(text: str, mentions, context: DocumentContext) -> None:
    """Remember a speaker of a sentence that is not parsed (it holds no event): a coded
    dictionary mention right before or after a reporting verb."""
    for m in reversed(mentions):
        if not (m.entry.has_code and m.code):
            continue
        if SAID_AFTER.match(text, m.end) or SAID_BEFORE.search(text[: m.start]):
            actor = Actor(m.text, m.code, m.entry.sector, m.entry.name, -1, -1, "reporting verb")
            context.speakers = ((actor,), context.sentences)
            return


def is_unattributed_quote(sent) -> bool:
    """A quoted sentence with no reporting verb of its own."""
    return quoted(sent.text) and not speech_verbs(sent)


def quoted_speakers(sent, context: DocumentContext) -> list[Actor]:
    """The last named speaker, if `sent` is an unattributed quotation close enough after them."""
    if context.speakers is None or not is_unattributed_quote(sent):
        return []
    speakers, at = context.speakers
    if context.sentences - at > QUOTE_REACH:
        return []
    # named in an earlier sentence: no span in this one
    return [
        replace(a, start=-1, end=-1, rule=f"speaker of the quotation: {a.text!r} ({a.rule})")
        for a in speakers
    ]
