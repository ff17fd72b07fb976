"""Language identification (py3langid ships its model inside the package)."""

from __future__ import annotations

from functools import lru_cache

# Short texts are too short to identify reliably; they are assumed to be English.
MIN_CHARS_FOR_DETECTION = 60


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


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


def _mostly_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) / len(letters) > 0.8
