"""Language identification (py3langid ships its model inside the package).

A page can mix languages: an Arabic site with an English article, an English report quoting a
paragraph in Russian. `english_part` keeps the English paragraphs of such a text instead of
skipping the whole document because its first 3,000 characters were mostly something else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Short texts are too short to identify reliably; they are assumed to be English.
MIN_CHARS_FOR_DETECTION = 60
# A text whose letters are at least this share ASCII and that is identified as English is
# English throughout: it is not checked paragraph by paragraph (the common, fast case).
ALL_LATIN_SHARE = 0.97
_BLANK_RUNS = re.compile(r"\n\s*\n+")


@lru_cache(maxsize=1)
def _identifier():
    from polybius.ingest.langmodel import load_identifier

    return load_identifier(norm_probs=True)  # py3langid's own model, unpacked once per machine


def warm_up() -> None:
    """Load the identifier now (before worker processes fork from this one)."""
    _identifier()


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('en', 'de', ...)."""
    sample = text[:3000]
    if len(sample.strip()) < MIN_CHARS_FOR_DETECTION:
        return "en"
    lang, prob = _identifier().classify(sample)
    if lang != "en" and prob < 0.6 and _mostly_latin(sample):
        return "en"  # an unsure guess on Latin-script text: keep it (news English is mixed)
    return lang


@dataclass(frozen=True)
class LanguageSplit:
    """The language of a whole text and its English paragraphs."""

    language: str  # of the whole text ('en' when English paragraphs were kept)
    english: str  # the English paragraphs, joined; empty when there are none
    dropped: int  # paragraphs left out as another language


def english_part(text: str) -> LanguageSplit:
    """The text's language and its English paragraphs (lines), other languages dropped.

    A paragraph too short to identify goes with its script: kept when it is mostly Latin
    letters (a dateline, a byline), dropped otherwise.
    """
    whole = detect_language(text)
    if whole == "en" and _latin_share(text[:20_000]) >= ALL_LATIN_SHARE:
        return LanguageSplit("en", text, 0)
    kept: list[str] = []
    dropped = 0
    identified = whole == "en"  # some paragraph long enough to tell is English
    for line in text.split("\n"):
        verdict = _paragraph_verdict(line)
        if verdict is False:
            dropped += 1
            continue
        kept.append(line)
        identified = identified or verdict == "en"
    english = _BLANK_RUNS.sub("\n\n", "\n".join(kept)).strip()
    if not english or not identified:
        return LanguageSplit(whole if whole != "en" else _dominant(text), "", dropped)
    return LanguageSplit("en", english, dropped)


def _paragraph_verdict(line: str) -> str | bool:
    """'en' for an identified English paragraph, True for one kept by its script (too short
    to identify, or blank), False for another language."""
    if len(line.strip()) < MIN_CHARS_FOR_DETECTION:
        return _latin_share(line) > 0.8
    return "en" if detect_language(line) == "en" else False


def _dominant(text: str) -> str:
    """The language of a text that detect_language called English on its first 3,000
    characters but that has no English paragraph (the unsure Latin-script fallback)."""
    lang, _ = _identifier().classify(text[:3000])
    return lang if lang != "en" else "und"


def _latin_share(text: str) -> float:
    ascii_letters, letters = _letters(text)
    return ascii_letters / letters if letters else 1.0


def _mostly_latin(text: str) -> bool:
    ascii_letters, letters = _letters(text)
    return letters > 0 and ascii_letters / letters > 0.8


# the ASCII characters that are not letters (str.isalpha), deleted to count the letters
_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_NON_ASCII_RUNS = re.compile(r"[^\x00-\x7f]+")


def _letters(text: str) -> tuple[int, int]:
    """(ASCII letters, all letters) of a text: the ASCII ones counted by bytes.translate, so
    only the (few) other characters are looked at one by one."""
    ascii_letters = len(text.encode("ascii", "ignore").translate(None, _ASCII_NON_LETTERS))
    if text.isascii():
        return ascii_letters, ascii_letters
    others = "".join(_NON_ASCII_RUNS.findall(text))
    return ascii_letters, ascii_letters + sum(c.isalpha() for c in others)
