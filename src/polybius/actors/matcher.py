"""Find actor mentions in text with the dictionary automaton."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from polybius.actors.dictionary import (
    CAPITAL,
    REGION,
    STATE,
    TITLE,
    ActorDictionary,
    Entry,
    actor_words,
    case_rule,
    normalise,
)
from polybius.where.waters import in_a_water_name

# the nouns a seat of power without its article may modify ("a Kremlin spokesman")
_OFFICIALS = actor_words("attributive_metonym_heads")


@dataclass(frozen=True)
class Mention:
    """A dictionary hit in a text: character span and the entries the alias stands for."""

    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]

    @property
    def entry(self) -> Entry:
        return self.entries[0]

    @property
    def code(self) -> str | None:
        return self.entry.code

    @property
    def kind(self) -> str:
        return self.entry.kind


def _boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_")


# a name of this many words may have its words after the first in lower case
LOWERCASE_TAIL_WORDS = 3


def _case_ok(alias: str, surface: str) -> bool:
    rule = case_rule(alias)
    if rule == "exact":
        return _letters(alias) == _letters(surface)
    if rule == "initial":
        # every capitalised word of the alias must be capitalised in the text; in a name of
        # three words or more only the first ("the UN security council", "the European court
        # of human rights": newspapers that lower-case institutions' names)
        words = alias.split()
        if len(words) >= LOWERCASE_TAIL_WORDS:
            words = words[:1]
        for a, s in zip(words, surface.split(), strict=False):
            if a[:1].isupper() and not s[:1].isupper():
                return False
        return True
    return True


def _before_official(text: str, end: int) -> bool:
    """The word after `end` is an official's noun ("Kremlin spokesman", "Pentagon officials")."""
    rest = text[end : end + 40].split(maxsplit=1)
    return text[end : end + 1] == " " and bool(rest) and rest[0].lower() in _OFFICIALS


def _letters(s: str) -> str:
    return "".join(c for c in s if c.isalpha())


# a sentence's mentions are asked for more than once (by the prefilter when the sentence is
# chunked, then by the coder or note_unparsed): the last few thousand sentences' are kept
CACHED_TEXTS = 4096
CACHED_CHARS = 2_000  # longer texts (a whole story primed) are not kept


def find_mentions(text: str, dictionary: ActorDictionary) -> list[Mention]:
    """Longest non-overlapping dictionary matches, left to right, on word boundaries."""
    if len(text) > CACHED_CHARS:
        return _find_mentions(text, dictionary)
    if dictionary.recent_mentions is None:  # one per dictionary (user actors make another)
        dictionary.recent_mentions = lru_cache(maxsize=CACHED_TEXTS)(
            lambda t: tuple(_find_mentions(t, dictionary))
        )
    return list(dictionary.recent_mentions(text))


def _find_mentions(text: str, dictionary: ActorDictionary) -> list[Mention]:
    lowered = normalise(text)
    candidates: list[Mention] = []
    for end_index, (length, entries) in dictionary.automaton.iter(lowered):
        start, end = end_index - length + 1, end_index + 1
        if not _boundary(lowered, start, end):
            continue
        surface = text[start:end]
        kept = tuple(
            e
            for e in entries
            if _case_ok(e.alias, surface) and (not e.attributive or _before_official(text, end))
        )
        if kept:
            candidates.append(Mention(start, end, surface, kept))
    candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[Mention] = []
    last_end = -1
    for m in candidates:
        if m.start >= last_end:
            chosen.append(m)
            last_end = m.end
        elif chosen and m.start == chosen[-1].start and m.end > chosen[-1].end:
            chosen[-1] = m
            last_end = m.end
    return [
        m
        for k, m in enumerate(chosen)
        if not in_a_water_name(text, m.start, m.end) and not _first_name(text, chosen, k)
    ]


def _first_name(text: str, chosen: list[Mention], k: int) -> bool:
    """A place's name between a capitalised title and a name word is a first name: "Mayor
    London Breed", "Foreign Minister Israel Katz" (a place before the title is the office's:
    "London Mayor Sadiq Khan")."""
    m = chosen[k]
    if m.kind not in (STATE, CAPITAL, REGION) or k == 0:
        return False
    title = chosen[k - 1]
    if title.kind != TITLE or not title.text[:1].isupper() or text[title.end : m.start] != " ":
        return False
    after = text[m.end : m.end + 40].split(maxsplit=1)
    taken = k + 1 < len(chosen) and chosen[k + 1].start == m.end + 1
    return (
        text[m.end : m.end + 1] == " "
        and bool(after)
        and after[0][:1].isupper()
        and after[0].rstrip(",.;:'’s").isalpha()
        and not taken
    )
