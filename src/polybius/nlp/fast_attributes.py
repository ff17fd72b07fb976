"""Drop-in replacement for the English model's attribute ruler and lemmatizer.

Both components compute pure functions of a few token features, but spaCy evaluates them token
by token in Python: the attribute ruler runs a general Matcher over ~180 patterns and sets
each match through a Span, the rule lemmatizer re-derives every base form. On parsed news they
cost half as much as the tagger and parser together. This component gives the same
annotations (checked token by token in tests/test_fast_attributes.py) by reading and writing
whole token arrays and memoising on the features the patterns and rules look at:

- attribute ruler: single-token patterns depend on (lower, tag, dep, is_space); the few
  multi-token patterns (contractions like "gon na") are checked position by position;
- lemmatizer: the lemma depends on (orth, pos, morph) and is kept when the ruler set one;
  its word index is made a set.

If a model's patterns use anything else (operators, other attributes), `install` leaves the
original components in place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

# the token features a pattern may test, in the order of a feature tuple
_FEATURES = ("LOWER", "TAG", "DEP", "IS_SPACE")
_READ = [LOWER, TAG, DEP, IS_SPACE]
# what the attribute ruler may set, in the order of a value tuple
_WRITE = [POS, MORPH, LEMMA, TAG, DEP]


class Unsupported(ValueError):
    """A pattern this module cannot evaluate: keep spaCy's own components."""


def _predicate(spec: dict) -> Callable[[tuple], bool]:
    """A test over a token's feature strings (lower, tag, dep, is_space) for one token spec."""
    tests: list[tuple[int, Callable[[object], bool]]] = []
    for key, value in spec.items():
        if key not in _FEATURES:
            raise Unsupported(key)
        pos = _FEATURES.index(key)
        if isinstance(value, dict):
            if set(value) == {"IN"}:
                tests.append((pos, set(value["IN"]).__contains__))
            elif set(value) == {"NOT_IN"}:
                banned = set(value["NOT_IN"])
                tests.append((pos, lambda v, banned=banned: v not in banned))
            elif set(value) == {"REGEX"}:
                rx = re.compile(value["REGEX"])
                tests.append((pos, lambda v, rx=rx: bool(rx.search(str(v)))))
            else:
                raise Unsupported(str(value))
        else:
            tests.append((pos, lambda v, value=value: v == value))
    return lambda words: all(test(words[pos]) for pos, test in tests)


def _literal_words(spec: dict) -> set[str] | None:
    """The words a token spec allows, when it names them ({"LOWER": "ai"} or an IN list)."""
    value = spec.get("LOWER")
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict) and set(value) == {"IN"}:
        return set(value["IN"])
    return None


@dataclass
class _Rule:
    attr_id: int
    preds: list[Callable[[tuple], bool]]
    anchor: int | None  # the token of the pattern that names its words
    words: set[int]  # hashes of those words


class FastAttributes:
    """The attribute ruler followed by the rule lemmatizer, over token arrays, memoised."""

    def __init__(self, ruler, lemmatizer) -> None:
        self.ruler_attrs = ruler.attrs
        self.indices = ruler.indices
        self.lemmatizer = lemmatizer
        # the rule lemmatizer tests "form in index" against word lists of up to 57,000 words;
        # as sets the answers are the same and a lookup costs nothing
        if lemmatizer.mode == "rule" and "lemma_index" in lemmatizer.lookups:
            index = lemmatizer.lookups.get_table("lemma_index")
            for pos in list(index):
                index[pos] = frozenset(index[pos])
        self.by_word: dict[int, list[_Rule]] = {}  # one-token rules that name their word
        self.by_features: list[_Rule] = []  # one-token rules that do not test the word
        self.word_tests: list[_Rule] = []  # one-token rules testing the word otherwise (regex)
        self.multi: list[_Rule] = []  # multi-token rules ("gon na")
        for attr_id in range(len(ruler.attrs)):
            if not set(ruler.attrs[attr_id]) <= set(_WRITE):
                raise Unsupported("sets an attribute outside POS, MORPH, LEMMA, TAG, DEP")
            for pattern in ruler.matcher.get(str(attr_id))[1]:
                rule = self._rule(attr_id, pattern)
                if len(pattern) > 1:
                    self.multi.append(rule)
                elif rule.anchor is not None:
                    for word in rule.words:
                        self.by_word.setdefault(word, []).append(rule)
                elif "LOWER" in pattern[0]:
                    self.word_tests.append(rule)
                else:
                    self.by_features.append(rule)
        # memos: (tag, dep, is_space) -> ids of by_features rules that match;
        # (lower, tag, dep, is_space) -> ids of all one-token rules that match, in order
        self._feature_matches: dict[tuple, tuple[int, ...]] = {}
        self._matches: dict[tuple, tuple[int, ...]] = {}
        self._lemmas: dict[tuple, int] = {}  # (orth, pos, morph) -> lemma hash

    @staticmethod
    def _rule(attr_id: int, pattern: list[dict]) -> _Rule:
        preds = [_predicate(spec) for spec in pattern]
        for k, spec in enumerate(pattern):
            words = _literal_words(spec)
            if words is not None:
                return _Rule(attr_id, preds, k, {get_string_id(w) for w in words})
        return _Rule(attr_id, preds, None, set())

    @staticmethod
    def _strings(doc: Doc, feats: tuple) -> tuple:
        strings = doc.vocab.strings
        return (strings[feats[0]], strings[feats[1]], strings[feats[2]], bool(feats[3]))

    def _single_matches(self, doc: Doc, feats: tuple) -> tuple[int, ...]:
        hit = self._matches.get(feats)
        if hit is not None:
            return hit
        words = self._strings(doc, feats)
        plain = self._feature_matches.get(feats[1:])
        if plain is None:
            plain = tuple(r.attr_id for r in self.by_features if r.preds[0](words))
            self._feature_matches[feats[1:]] = plain
        rules = self.word_tests + self.by_word.get(feats[0], [])
        hit = tuple(sorted([*plain, *(r.attr_id for r in rules if r.preds[0](words))]))
        self._matches[feats] = hit
        return hit

    def _apply_ruler(self, doc: Doc) -> None:
        feats = [tuple(row) for row in doc.to_array(_READ).tolist()]
        values = doc.to_array(_WRITE)
        # (attr_id, token) for every match, all found before any is applied and then applied
        # in attr_id order: what spaCy's AttributeRuler does
        matches: list[tuple[int, int]] = []
        for i, f in enumerate(feats):
            matches.extend((a, i) for a in self._single_matches(doc, f))
        for rule in self.multi:
            width = len(rule.preds)
            for start in range(len(doc) - width + 1):
                if rule.anchor is not None and feats[start + rule.anchor][0] not in rule.words:
                    continue
                window = [self._strings(doc, f) for f in feats[start : start + width]]
                if all(pred(w) for pred, w in zip(rule.preds, window, strict=True)):
                    index = self.indices[rule.attr_id]
                    matches.append((rule.attr_id, start + (index if index >= 0 else width + index)))
        matches.sort(key=lambda m: m[0])
        for attr_id, i in matches:
            for attr, value in self.ruler_attrs[attr_id].items():
                values[i, _WRITE.index(attr)] = value
        doc.from_array(_WRITE, values)

    def _apply_lemmatizer(self, doc: Doc) -> None:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = numpy.empty(len(rows), dtype="uint64")
        strings = doc.vocab.strings
        overwrite = self.lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                lemmas[i] = lemma
                continue
            key = (orth, pos, morph)
            hit = self._lemmas.get(key)
            if hit is None:
                hit = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                self._lemmas[key] = hit
            lemmas[i] = hit
        doc.from_array([LEMMA], lemmas)

    def __call__(self, doc: Doc) -> Doc:
        if len(doc):
            self._apply_ruler(doc)
            self._apply_lemmatizer(doc)
        return doc


_INSTANCES: dict[str, FastAttributes] = {}


@Language.factory("polybius_fast_attributes")
def _make_fast_attributes(nlp: Language, name: str) -> FastAttributes:
    return _INSTANCES.pop(name)


def install(nlp: Language) -> bool:
    """Run FastAttributes in place of `attribute_ruler` and `lemmatizer`.

    The originals stay in the pipeline, disabled, so their tables remain reachable with
    `nlp.get_pipe`. Returns False (and changes nothing) when the model's patterns are beyond
    what FastAttributes evaluates.
    """
    if nlp.pipe_names[-2:] != ["attribute_ruler", "lemmatizer"]:
        return False
    try:
        fast = FastAttributes(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))
    except Unsupported:
        return False
    _INSTANCES["fast_attributes"] = fast
    nlp.add_pipe("polybius_fast_attributes", name="fast_attributes", last=True)
    nlp.disable_pipe("attribute_ruler")
    nlp.disable_pipe("lemmatizer")
    return True
