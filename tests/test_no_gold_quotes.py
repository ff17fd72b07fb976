"""No file in the repository quotes a gold sentence (six or more consecutive words).

The gold sets in ../shared/data measure the coder; a rule, pattern example, test sentence or
comment that repeats a gold sentence word for word tunes the coder to its own exam. This test
builds every 6-word shingle of the gold sentences (case and punctuation ignored, words are
alphanumeric runs) and fails with file:line and the quoted words for each text file under
src/, tests/, bench/, scripts/ and examples/ that contains one. The gold sentences are those
of the gold files and of the web-news gold, cut from the shared news pages as the evaluation
cuts them (evaluate/webnews.py).

Nothing is excluded by name or suffix: every file under those folders is read, except tool
caches (__pycache__ and the like) and binary files, recognised by failing to decode as UTF-8
or holding a NUL byte. The one exception is the web-news gold's own annotation file, which
names each event's trigger words in the page: it is checked against the other gold only.

Two kinds of 6-gram are shared with gold without being a quote, and only these are allowed
(NOT_QUOTES, each with its reason): the official long name of a state or organisation, which
the actor dictionaries must list to recognise it, and a stock phrase of news English that the
sample news written for the project (examples/news) uses as any wire story would. Each was a
real collision when this test was written. A gold shingle is dropped only when it lies wholly
inside one of these phrases, so a quote that runs on past the name into more of the sentence
is still caught.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, SHARED

N = 6
SCANNED_DIRS = ("src", "tests", "bench", "scripts", "examples")
SKIPPED_DIR_NAMES = {"__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis"}

GOLD_JSONL = (
    ("gold", "guardian_dev.jsonl"),
    ("gold", "guardian_train.jsonl"),
    ("gold", "synthetic_train.jsonl"),
    ("plover", "gsr_dev.jsonl"),
)
GOLD_XML = ("petrarch2", "text", "PETR2_GSR_validation.xml")
# the web-news gold: sentences cut from the pages of corpora/news_html (evaluate/webnews.py);
# its annotation file holds each event's trigger words and is the one file that may quote them
WEBNEWS_ANNOTATIONS = Path("src", "polybius", "evaluate", "data", "webnews_annotations.jsonl")

# phrase -> why sharing it with a gold sentence is not quoting it
NAME = "official name of a state or organisation, listed in the actor dictionaries to be found"
STOCK = "stock phrase of news English, in the sample news written for the project"
NOT_QUOTES = {
    "Democratic People's Republic of Korea": NAME,
    "the Democratic Republic of the Congo": NAME,
    "Islamic State of Iraq and the Levant": NAME,
    "Islamic State in Iraq and Syria": NAME,
    "National Movement for the Liberation of Azawad": NAME,
    "Office of the United Nations High Commissioner for Refugees": NAME,
    "United Nations Office for the Coordination of Humanitarian Affairs": NAME,
    "United Nations Organization Mission in the Democratic Republic of the Congo (MONUC)": NAME,
    "International Criminal Tribunal for the former Yugoslavia": NAME,
    "Organisation for the Prohibition of Chemical Weapons (OPCW)": NAME,
    "the International Committee of the Red Cross": NAME,
    "Organization for Economic Cooperation and Development": NAME,
    "Department of Health and Human Services": NAME,
    "United Nations High Commissioner for Human Rights": NAME,
    "the White House National Security Council": NAME,
    "US Secretary of State Mike Pompeo": NAME,
    "the EU's foreign policy chief": STOCK,
    "the ministry said in a statement": STOCK,
    "in the latest of a series of": STOCK,
    "has killed tens of thousands of people and": STOCK,
    "Russia's foreign ministry said it": STOCK,
}

WORD = re.compile(r"[^\W_]+")
XML_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


def words(text: str) -> list[str]:
    """Lower-cased alphanumeric runs: case and punctuation do not hide a quote."""
    return WORD.findall(text.casefold())


def shingles(ws: list[str]) -> Iterator[tuple[int, tuple[str, ...]]]:
    for i in range(len(ws) - N + 1):
        yield i, tuple(ws[i : i + N])


def gold_sentences() -> list[str]:
    paths = [SHARED.joinpath(*parts) for parts in GOLD_JSONL] + [SHARED.joinpath(*GOLD_XML)]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        pytest.skip(f"needs the gold sets in ../shared/data (missing: {', '.join(missing)})")
    texts = []
    for path in paths[:-1]:
        with path.open(encoding="utf-8") as f:
            texts.extend(json.loads(line)["text"] for line in f if line.strip())
    texts.extend(XML_TEXT.findall(paths[-1].read_text(encoding="utf-8")))
    return texts


def webnews_sentences() -> list[str]:
    """The web-news gold's sentences, cut from the shared pages as the evaluation cuts them."""
    from polybius.evaluate.webnews import WebnewsGoldError, materialise

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "webnews.jsonl"
        try:
            materialise(SHARED, out)
        except WebnewsGoldError as exc:
            pytest.skip(f"needs corpora/news_html in ../shared/data ({exc})")
        with out.open(encoding="utf-8") as f:
            return [json.loads(line)["text"] for line in f if line.strip()]


def shingles_of(texts: list[str]) -> set[tuple[str, ...]]:
    allowed = {s for phrase in NOT_QUOTES for _, s in shingles(words(phrase))}
    return {s for text in texts for _, s in shingles(words(text))} - allowed


def gold_shingles() -> set[tuple[str, ...]]:
    return shingles_of(gold_sentences())


def scanned_files() -> Iterator[Path]:
    for top in SCANNED_DIRS:
        for path in sorted((REPO / top).rglob("*")):
            if path.is_file() and SKIPPED_DIR_NAMES.isdisjoint(path.relative_to(REPO).parts):
                yield path


def quotes_in(text: str, gold: set[tuple[str, ...]]) -> list[tuple[int, str]]:
    """(line, quoted words) for each maximal run of gold shingles in text.

    Words are numbered across the whole file, so a quote broken over two lines (a wrapped
    comment, a string split with implicit concatenation) is still found; it is reported at
    the line where it starts.
    """
    ws: list[str] = []
    line_of: list[int] = []
    for lineno, line in enumerate(text.splitlines(), 1):
        lw = words(line)
        ws.extend(lw)
        line_of.extend([lineno] * len(lw))
    spans: list[list[int]] = []  # [first word, end word) of each run of overlapping shingles
    for i, s in shingles(ws):
        if s in gold:
            if spans and i < spans[-1][1]:
                spans[-1][1] = i + N
            else:
                spans.append([i, i + N])
    return [(line_of[start], " ".join(ws[start:end])) for start, end in spans]


def test_quote_finder_finds_a_quote_across_lines_and_punctuation():
    gold = {s for _, s in shingles(words("One two three, four five six seven!"))}
    text = "x = 1\n# ONE two three\n# four-five six; seven eight\n"
    assert quotes_in(text, gold) == [(2, "one two three four five six seven")]
    assert quotes_in("one two three four five", gold) == []


def test_each_allowed_phrase_is_long_enough_to_matter():
    assert [p for p in NOT_QUOTES if len(words(p)) < N] == []


def test_no_file_quotes_a_gold_sentence():
    gold = gold_shingles()
    web = shingles_of(webnews_sentences())
    assert len(gold) > 10_000 and len(web) > 10_000
    failures = []
    for path in scanned_files():
        found = gold if path.relative_to(REPO) == WEBNEWS_ANNOTATIONS else gold | web
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # binary (an image, a store): not text, so no sentence to quote
        if "\0" in text:
            continue  # binary that happens to decode
        for line, quote in quotes_in(text, found):
            failures.append(f"{path.relative_to(REPO)}:{line}: {quote}")
    assert not failures, (
        f"{len(failures)} quote(s) of >= {N} consecutive words of a gold sentence in "
        "../shared/data; rewrite each with an example of your own:\n" + "\n".join(failures)
    )
