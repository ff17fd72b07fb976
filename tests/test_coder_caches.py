"""What the coder keeps to save work gives the answers it would compute afresh."""

from __future__ import annotations

import pickle
from datetime import date

from polybius.actors.dictionary import ActorDictionary, load_dictionary
from polybius.actors.matcher import CACHED_CHARS, find_mentions
from polybius.coding import lemmas
from polybius.coding.lemmas import spelled_lemma, token_lemma
from polybius.coding.triggers import verb_candidates
from polybius.events.patterns import PatternSet, load_patterns


def test_token_lemma_is_the_spelled_lemma(nlp, monkeypatch):
    doc = nlp("She hoped the rebels had staged a raid, and they hoped so too.")
    for tok in doc:
        assert token_lemma(tok) == spelled_lemma(tok.lower_, tok.lemma_.lower())
    assert token_lemma(doc[1]) == "hope"  # the small model says "hop"
    monkeypatch.setattr(lemmas, "MAX_TOKEN_LEMMAS", 2)
    for tok in doc:  # a full table starts again rather than growing
        assert token_lemma(tok) == spelled_lemma(tok.lower_, tok.lemma_.lower())


def test_tokens_with_lemma_in_sentence_order(nlp, coder):
    from polybius.actors.resolver import SentenceMentions
    from polybius.coding.draft import SentenceContext

    sent = next(nlp("Turkey said Russia told Iran it had said nothing.").sents)
    ctx = SentenceContext(sent, SentenceMentions(sent, []), "d", 0, None, coder.ontology)
    found = ctx.tokens_with_lemma(frozenset({"say", "tell"}))
    assert [t.text for t in found] == ["said", "told", "said"]
    assert [t.i for t in found] == [1, 3, 7]
    assert ctx.tokens_with_lemma(frozenset({"attack"})) == []


def test_kept_mentions_are_the_mentions_and_a_fresh_list():
    dictionary = load_dictionary()
    fresh = ActorDictionary(dictionary.entries)  # nothing kept yet: computed afresh
    text = "Turkish troops entered Syria as Russia warned Ankara."
    first = find_mentions(text, dictionary)
    assert first == find_mentions(text, fresh) != []
    first.clear()  # a caller's list is its own: the kept mentions are untouched
    assert find_mentions(text, dictionary) == find_mentions(text, fresh)
    long_text = "Iran and Iraq. " * (CACHED_CHARS // 10)
    assert find_mentions(long_text, dictionary) == find_mentions(long_text, fresh) != []
    copy = pickle.loads(pickle.dumps(dictionary))  # still picklable, the kept ones left behind
    assert copy.recent_mentions is None and find_mentions(text, copy) == find_mentions(text, fresh)


def test_verb_patterns_kept_per_form(nlp, coder):
    patterns = load_patterns(())
    exceptions = coder.prefilter.exceptions
    doc = nlp("Troops retook the town, shelled it and said they had retaken it.")
    for tok in doc:
        kept = verb_candidates(tok, patterns, exceptions)
        assert kept == verb_candidates(tok, PatternSet(patterns.patterns), exceptions)
        assert kept == verb_candidates(tok, patterns, exceptions)
    assert verb_candidates(doc[1], patterns, exceptions)  # "retook": a prefixed irregular form


def test_engine_prefiltered_sentence_codes_as_untested(nlp, coder):
    """The engine's kept sentences skip the coder's second prefilter test; a sentence that
    passes it codes the same either way."""
    text = "Turkish troops shelled Kurdish positions in Syria on Monday."
    sent = next(nlp(text).sents)
    tested = coder.code_sentence(sent, "d", 0, date(2019, 3, 1))
    untested = coder.code_sentence(sent, "d", 0, date(2019, 3, 1), prefiltered=True)
    assert [(e.plover_type, e.source_codes, e.target_codes) for e in tested] == [
        (e.plover_type, e.source_codes, e.target_codes) for e in untested
    ]
    assert tested
