"""The splitter reads tokens from the tokenizer's arrays and finds sentence boundaries itself:
both must be exactly what spaCy's Token objects and rule-based Sentencizer give."""

from __future__ import annotations

import pytest

from polybius.nlp.pipeline import load_splitter

TEXTS = [
    "Hello world.Then he left!!  What?  (Yes.) Mr. Smith met Dr. Jones... ok",
    "U.S.-led forces.They went. \u3002Next\uff01 Then ?! \u2014 . \u2014",
    "  \t lead space. tail  ",
    "x\u00a0y. z\u2009w.\ttwo.  three\u2026 four",
    "!!!",
    "...",
    "A" * 300 + ". " + "word, " * 50 + "end.",
    '"Quoted." Said she. [1] Item; (a) b. C\'s d.',
    "caf\u00e9 na\u00efve \U0001f600. \u00bfQu\u00e9? S\u00ed.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_line_and_sentences_match_spacy(nlp, text: str) -> None:
    from spacy.pipeline import Sentencizer

    splitter = load_splitter()
    line = splitter.line(text)
    doc = Sentencizer()(nlp.make_doc(text))
    assert line.words == [t.text for t in doc]
    assert line.spaces == [bool(t.whitespace_) for t in doc]
    assert line.starts == [t.idx for t in doc]
    assert line.punct == [int(t.is_punct) for t in doc]
    assert list(splitter.sentences(line)) == [(s.start, s.end) for s in doc.sents]


def test_abbreviated_titles_do_not_end_a_sentence():
    # wire style: "Lt. Gov.", "Atty. Gen.", "Sgt." (nlp/data/title_abbreviations.tsv); the
    # model's tokenizer cut "Lt" "." and the splitter ended a sentence there
    from polybius.nlp.pipeline import split_sentences

    text = (
        "State Atty. Gen. Ana Ruiz sued the county. Lt. Gov. Dan Cole and Sgt. Mia Lee "
        "of the police, with Capt. Ben Hall, spoke. The vote was set for Sept. 5 at Ft. Lee."
    )
    assert [p.text for p in split_sentences(text)] == [
        "State Atty. Gen. Ana Ruiz sued the county.",
        "Lt. Gov. Dan Cole and Sgt. Mia Lee of the police, with Capt. Ben Hall, spoke.",
        "The vote was set for Sept. 5 at Ft. Lee.",
    ]
    # a sentence still ends after a name that happens to follow one
    assert len(split_sentences("He met Gen. Ho. Lt. Kim left.")) == 2
