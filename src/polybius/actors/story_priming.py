"""What a story tells before its first sentence is read: the places it names (its homes,
DocumentContext.prime_homes) and the country of its dateline (where/dateline.py), so the lead
is set where the story is. The coder and `polybius actors --explain` both prime a story so."""

from __future__ import annotations

from polybius.actors.dictionary import CAPITAL, REGION, STATE, ActorDictionary
from polybius.actors.matcher import find_mentions
from polybius.actors.resolver import DocumentContext
from polybius.where.dateline import dateline_country

# characters of a story read for its places (an article; a 50 MB document is not scanned whole)
PRIME_CHARS = 20_000


def prime_story(text: str, context: DocumentContext, dictionary: ActorDictionary) -> None:
    """The places the story names in its first PRIME_CHARS characters, and its dateline's
    country. Once per context."""
    if context.homes_primed:
        return
    text = text[:PRIME_CHARS]
    context.prime_homes(text, find_mentions(text, dictionary))
    context.dateline = dateline_country(text, lambda name: state_named(name, dictionary))


def state_named(name: str, dictionary: ActorDictionary) -> str | None:
    """The state `name` stands for as a whole in the actor dictionary ("Washington", "Iraq",
    "Texas"), else None."""
    mentions = find_mentions(name, dictionary)
    if len(mentions) != 1 or (mentions[0].start, mentions[0].end) != (0, len(name)):
        return None
    m = mentions[0]
    return m.code if m.kind in (STATE, CAPITAL, REGION) else None
