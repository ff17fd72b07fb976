"""Quotations and their speakers (coding/quotes.py, rule quotation_of_the_last_speaker)."""

from __future__ import annotations

from datetime import date

import pytest

from polybius.actors.dictionary import load_dictionary
from polybius.actors.matcher import find_mentions
from polybius.actors.resolver import DocumentContext
from polybius.coding.quotes import note_surface_speakers, quoted
from polybius.engine.stages import code_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Turkey must withdraw its troops.”", True),  # opens a quotation
        ('"Turkey must withdraw."', True),
        ("Turkey must withdraw its troops.”", True),  # closes one opened before
        ('Turkey must withdraw its troops."', True),
        ("The minister called the plan “a disgrace” on Monday.", False),  # a quoted phrase
        ('The minister called the plan "a disgrace" on Monday.', False),
        ("Turkey must withdraw its troops.", False),
        ("Rebels’ leaders said Turkey must withdraw.", False),  # an apostrophe is no quote
    ],
)
def test_quoted_by_its_own_marks(text, expected):
    assert quoted(text) is expected


SPEAKER = "The French minister said on Monday that the talks had ended."
QUOTE = "“Turkey must withdraw its troops.”"
FILLER = "The weather in Paris was cold."


def requests(text: str, nlp, coder) -> list:
    """The REQUEST events of a text coded as one document (its sentences share context)."""
    _, events = code_text(text, "doc", date(2026, 10, 14), coder, True, nlp)
    return [e for e in events if e.plover_type == "REQUEST"]


def test_quotation_after_a_speaker_is_theirs(nlp, coder):
    requests_ = requests(f"{SPEAKER} {QUOTE}", nlp, coder)
    assert [(e.source_codes, e.target_codes) for e in requests_] == [(["FRA"], ["TUR"])]
    assert requests_[0].sources[0].start == -1  # named in another sentence: no span here


def test_quotation_far_from_any_speaker_is_no_ones(nlp, coder):
    assert not requests(" ".join([SPEAKER, FILLER, FILLER, FILLER, QUOTE]), nlp, coder)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Erdoğan said the talks were over.", "TUR"),
        ("The French president said on Monday that he was tired.", "FRA"),
        ("Merkel, the German chancellor, told reporters she was tired.", "DEU"),
        ("“The talks are over,” said the Turkish president.", "TUR"),
        ("The French president travelled to Berlin.", None),  # no reporting verb
        ("Police said the Turkish embassy was closed.", None),  # the state is not the speaker
    ],
)
def test_speaker_of_a_sentence_not_parsed(text, speaker):
    """A sentence with no event is not parsed: its speaker is read from the surface."""
    context = DocumentContext()
    note_surface_speakers(text, find_mentions(text, load_dictionary()), context)
    found = context.speakers[0][0].code if context.speakers else None
    assert found == speaker
