"""FastAttributes must annotate exactly as spaCy's attribute ruler and lemmatizer do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from polybius.nlp.fast_attributes import install
from polybius.nlp.pipeline import MODEL_NAMES, UNUSED_COMPONENTS

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "news"

# contractions and colloquial forms hit the ruler's multi-token and regex patterns; double
# spaces its whitespace rules; the rest its tag map and the lemmatizer's exceptions
SENTENCES = [
    "There is no deal yet, and there are gon na be more talks, officials said.",
    "We ain't leaving, the protesters told police outside the ministry.",
    "Y'all know nothin' about it, the general said.  Let's go, he added.",
    "Russia's forces shelled the towns of Avdiivka and Bakhmut on Wednesday.",
    "The ministers were meeting in Brussels; the talks had been postponed twice.",
    "C'mon, the envoy gotta say something, an aide wrote.",
    "Mevlüt Çavuşoğlu, then Turkey's top diplomat, told reporters Ankara would hold firm.",
    "Rebels abducted 12 aid workers, and the UN demanded their release.",
]


def _load():
    for name in MODEL_NAMES:
        try:
            return spacy.load(name, exclude=list(UNUSED_COMPONENTS))
        except OSError:
            continue
    pytest.skip("spaCy English model not installed")


def _annotations(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def _texts() -> list[str]:
    texts = list(SENTENCES)
    texts.append((EXAMPLES / "briefing.txt").read_text())
    with open(EXAMPLES / "wire_stories.jsonl") as fh:
        texts.extend(json.loads(line)["text"] for line in fh)
    return texts


def test_same_annotations_as_spacy_components():
    original, fast = _load(), _load()
    assert install(fast)
    assert fast.pipe_names[-1] == "fast_attributes"
    texts = _texts()
    expected = [_annotations(d) for d in original.pipe(texts)]
    got = [_annotations(d) for d in fast.pipe(texts)]
    assert sum(len(x) for x in got) > 2000
    assert got == expected


def test_original_tables_stay_reachable():
    nlp = _load()
    install(nlp)
    assert "lemmatizer" not in nlp.pipe_names
    assert "lemma_rules" in nlp.get_pipe("lemmatizer").lookups


def test_models_without_the_components_are_left_alone():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    assert not install(nlp)
    assert nlp.pipe_names == ["sentencizer"]
