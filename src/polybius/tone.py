"""Document tone: a lexicon-based analogue of GDELT's AvgTone.

GDELT's tone is the share of positive words minus the share of negative words in a document,
in percent (-100 to +100; news mostly falls between -10 and +10). Polybius computes the same
kind of number with VADER (the `vaderSentiment` package, whose lexicon ships in its wheel):
each sentence is scored by VADER, which handles negation ("not good"), intensifiers and
contrast ("but"); its `pos` and `neg` values are the proportions of the sentence's text that
carry positive and negative sentiment. The document tone is

    tone = 100 * sum_s words_s * (pos_s - neg_s) / sum_s words_s

that is, the word-weighted positive share minus the negative share, in percent. A document
without words has tone 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentence_tone(text: str) -> tuple[int, float]:
    """(number of words, pos - neg proportion) of one sentence."""
    words = len(text.split())
    if not words:
        return 0, 0.0
    scores = _analyzer().polarity_scores(text)
    return words, scores["pos"] - scores["neg"]


def document_tone(sentences: Iterable[str]) -> float:
    """Tone of a document given its sentences, on GDELT's -100..+100 percentage scale."""
    total_words = 0
    weighted = 0.0
    for text in sentences:
        words, polarity = sentence_tone(text)
        total_words += words
        weighted += words * polarity
    return document_tone_of(total_words, weighted)


def document_tone_of(total_words: int, weighted: float) -> float:
    """The document tone from its sentences' word counts and word-weighted polarities,
    summed as the sentences are coded."""
    if not total_words:
        return 0.0
    return round(100.0 * weighted / total_words, 4)
