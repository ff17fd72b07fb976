"""Headlines in the bare present: parsed again with the verb in the past (nlp/headlines.py)."""

from __future__ import annotations

import pytest

from polybius.nlp.headlines import headline_verb, reparse_headline
from polybius.nlp.pipeline import parse_groups, split_sentences

HEADLINES = [
    "Police fire tear gas at farmers marching on Delhi",
    "Armenia and Azerbaijan trade fire along border",
    "UP police arrest journalist over report on hospital deaths",
]


def _sentence(text, nlp):
    return list(nlp(text).sents)[0]


@pytest.mark.parametrize("text", HEADLINES)
def test_a_headline_keeps_its_words_and_reads_its_verb_as_a_verb(text, nlp):
    sent = _sentence(text, nlp)
    verb = headline_verb(sent)
    assert verb is not None and verb.pos_ != "VERB"
    again = reparse_headline(sent, nlp)
    assert again.text == sent.text and [t.idx for t in again] == [t.idx for t in sent]
    word = again[verb.i - sent.start]
    assert word.text == verb.text and word.pos_ == "VERB" and word.dep_ == "ROOT"
    assert word.lemma_ == verb.lower_


@pytest.mark.parametrize(
    "text",
    [
        "Police fire tear gas at farmers marching on Delhi.",  # a closing stop: a sentence
        "US air strike kills militants after they overrun an army base",  # it has its verb
        "The fire spread quickly through the market",  # no verb of the table after a noun
    ],
)
def test_other_sentences_are_left_as_parsed(text, nlp):
    sent = _sentence(text, nlp)
    assert reparse_headline(sent, nlp) is sent


def test_parse_groups_gives_the_headline_its_verb(nlp):
    text = "Kenyan police fire tear gas at protesters in Nairobi"
    [[sent]] = parse_groups([split_sentences(text)], nlp)
    assert sent.text == text
    assert any(t.text == "fire" and t.pos_ == "VERB" for t in sent)
    [[raw]] = parse_groups([split_sentences(text)], nlp, headlines=False)
    assert not any(t.text == "fire" and t.pos_ == "VERB" for t in raw)


def test_a_headline_codes_its_event(nlp, coder):
    from datetime import date

    from polybius.engine.stages import code_text

    text = "Kenyan police fire tear gas at protesters in Nairobi"
    _, [e] = code_text(text, "headline", date(2026, 10, 14), coder, True, nlp)
    assert (e.plover_type, e.source_codes, e.target_codes) == ("ASSAULT", ["KEN"], ["KEN"])
    assert e.sentence_text[e.trigger_start : e.trigger_end].startswith("fire")


@pytest.mark.parametrize(
    "text, lemma",
    [
        ("Turkey summons Swedish envoy over remarks", "summon"),
        ("Niger junta orders French troops out", "order"),
    ],
)
def test_a_third_person_read_as_a_plural_noun_is_the_headline_verb(text, lemma, nlp):
    sent = _sentence(text, nlp)
    verb = headline_verb(sent)
    assert verb is not None and verb.tag_ == "NNS"
    word = reparse_headline(sent, nlp)[verb.i - sent.start]
    assert word.text == verb.text and word.pos_ == "VERB" and word.lemma_ == lemma


def test_a_plural_event_noun_with_no_object_after_it_stays_a_noun(nlp):
    sent = _sentence("Isis attacks in northern Syria", nlp)
    assert reparse_headline(sent, nlp) is sent
