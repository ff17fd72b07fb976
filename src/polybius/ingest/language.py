"""Language identification (py3langid ships its model inside the package)."""

from __future__ import annotations

from functools import lru_cache

# Short texts are too short to identify reliably; they are assumed to be English.
MIN_CHARS_FOR_DETECTION = 60


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('en', 'de', ...)."""
    sample = text[:3000]
    if len(sample.strip()) < MIN_CHARS_FOR_DETECTION:
        return "en"
    lang, prob = _identifier().classify(sample)
    if lang != "en" and prob < 0.6:
        return "en"
    return lang
