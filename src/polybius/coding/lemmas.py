"""Lemmas the small English model gets wrong, guessed from the spelling."""

from __future__ import annotations

import re
from functools import lru_cache

# verb prefixes in front of irregular forms: "retook", "overran", "withheld", "outfought"
IRREGULAR_PREFIXES = ("re", "out", "over", "under", "with", "mis", "fore", "up")
_SUFFIXES = (
    ("ied", "y"),
    ("ies", "y"),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
    ("es", ""),
    ("s", ""),
    ("d", ""),
)
_SHORT_CVC = re.compile(r"^[^aeiou]*[aeiou][bdgklmnprtv]$")


def lemma_guesses(word: str) -> list[str]:
    """Candidate lemmas of an inflected word when the model's lemma is missing or wrong."""
    out = []
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.append(word[: -len(suffix)] + repl)
    if len(word) > 5 and word[-3:] in ("ged", "ted", "ped", "ned", "sed") and word[-4] == word[-3]:
        out.append(word[:-3])  # doubled consonant: "stopped" -> "stop", "teargassed"
    return out


def prefixed_irregular(word: str, exceptions: dict[str, set[str]]) -> list[str]:
    """Lemmas of an irregular form behind a prefix: "retook" -> "retake", "overran" ->
    "overrun". The model's exception tables list "took" and "ran" but few prefixed forms."""
    out = []
    for prefix in IRREGULAR_PREFIXES:
        rest = word[len(prefix) :]
        if word.startswith(prefix) and len(rest) > 2:
            out.extend(prefix + lemma for lemma in exceptions.get(rest, ()))
    return out


@lru_cache(maxsize=1 << 16)  # called for every lexicon test of every token (syntax.lemma)
def spelled_lemma(word: str, lemma: str) -> str:
    """The lemma the spelling allows: a one-syllable verb ending consonant-vowel-consonant
    doubles it ("rap" -> "rapped") and takes a bare "s" ("hop" -> "hops"), so "raped",
    "raping", "hopes" and "hoped" are of "rape" and "hope", "staged" of "stage" -- the
    small model gives "rap", "hop" and "stag"."""
    if _SHORT_CVC.match(lemma) and word in (lemma + "ed", lemma + "ing", lemma + "es"):
        return lemma + "e"
    return lemma


# (lower-case form, model lemma) hashes -> spelled_lemma: reading a token's strings costs more
# than the lookup, and the coder asks every token's lemma many times (once per rule)
_TOKEN_LEMMAS: dict[tuple[int, int], str] = {}
MAX_TOKEN_LEMMAS = 1 << 17


def token_lemma(tok) -> str:
    """The token's lemma, lower case, as its spelling allows ("hoped" is of "hope", though
    the small model says "hop": spelled_lemma)."""
    key = (tok.lower, tok.lemma)
    found = _TOKEN_LEMMAS.get(key)
    if found is None:
        if len(_TOKEN_LEMMAS) >= MAX_TOKEN_LEMMAS:
            _TOKEN_LEMMAS.clear()
        found = _TOKEN_LEMMAS[key] = spelled_lemma(tok.lower_, tok.lemma_.lower())
    return found


def lemma_set(tok) -> set[str]:
    """The model's lemma of a token and the spelling's guesses."""
    return {tok.lemma_.lower(), *lemma_guesses(tok.lower_)}
