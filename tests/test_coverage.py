"""The coverage miner (issue 15 item 2) and the not-events list."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from polybius.evaluate.webnews import blind_pages
from polybius.events.coverage import (
    CorpusError,
    Link,
    blind_documents,
    corpus_files,
    coverage_table,
    load_not_events,
    mine,
    pattern_lemmas,
    read_corpus,
)
from polybius.events.patterns import load_patterns


def test_no_not_event_lemma_is_a_trigger_pattern_lemma():
    not_events = load_not_events()
    assert not_events, "not_events.tsv is empty"
    clash = sorted(set(not_events) & pattern_lemmas(load_patterns()))
    assert not clash, f"listed as not an event but also a trigger pattern: {clash}"


def test_every_not_event_has_a_reason_and_a_known_pos():
    for (pos, lemma), reason in load_not_events().items():
        assert pos in ("v", "n"), lemma
        assert len(reason.split()) >= 2, f"{lemma}: the reason should say why"


def test_pattern_lemmas_include_phrasal_verbs():
    known = pattern_lemmas(load_patterns())
    assert ("v", "attack") in known
    assert ("v", "lash out") in known or ("v", "call on") in known


# sentences written for this test, one construction each
SENTENCES = {
    "Norway imposed sanctions on Chile.": Link("v", "impose", ("on",), "sanction"),
    "Peru was attacked by Ecuador.": Link("v", "attack", ("by",)),
    "Kurdish forces and Isis fighters clashed.": Link("v", "clash"),
    "Germany's talks with France ended.": Link("n", "talk", ("with",)),
    "Talks between Israel and Egypt resumed.": Link("n", "talk", ("between",)),
    "Ghana asked Togo to leave.": Link("v", "ask"),
}


@pytest.mark.parametrize("text", list(SENTENCES))
def test_miner_finds_the_link(nlp, text):
    counts = mine([("t", text)])
    assert SENTENCES[text] in counts, dict(counts)


def test_miner_finds_no_link_without_two_actors_on_one_predicate(nlp):
    counts = mine([("t", "The weather in Paris was cold. Officials said the bridge reopened.")])
    assert not counts


def test_coverage_table_shares():
    counts = Counter({Link("v", "attack"): 3, Link("v", "frobnicate"): 1})
    share, rows = coverage_table(counts, load_patterns())
    assert share == pytest.approx(0.75)
    top = rows[0]
    assert (top.lemma, top.uncovered, top.uncovered_share) == ("frobnicate", 1, 0.25)


def test_object_patterns_need_their_object():
    patterns = load_patterns()
    # "v:impose +sanction" covers the sanctions link but not "imposed a curfew on"
    _, rows = coverage_table(Counter({Link("v", "impose", ("on",), "sanction"): 1}), patterns)
    assert rows[0].uncovered == 0
    _, rows = coverage_table(Counter({Link("v", "impose", ("on",), "haircut"): 1}), patterns)
    assert rows[0].uncovered == 1


def test_blind_fold_is_never_read(tmp_path):
    blind = blind_documents()
    assert len(blind) == 24
    kept = "guardian-999"
    assert kept not in blind
    corpus = tmp_path / "c.jsonl"
    docs = [{"id": d, "text": "x"} for d in sorted(blind)[:3]] + [{"id": kept, "text": "y"}]
    corpus.write_text("\n".join(json.dumps(d) for d in docs) + "\n")
    assert [i for i, _ in read_corpus(corpus, blind)] == [kept]


PAGE = (
    "<html><head><title>Talks in Lima</title></head><body><article><h1>Talks in Lima</h1>"
    + "<p>Chile and Peru held talks in Lima on Monday about the fishing dispute between the "
    "two countries, their foreign ministers said after the meeting ended.</p>"
    * 4
    + "</article></body></html>"
)


def test_web_pages_in_a_subfolder_are_a_corpus_and_blind_pages_are_never_read(tmp_path):
    import gzip

    pages = tmp_path / "pages"
    pages.mkdir()
    blind = blind_pages()
    assert len(blind) == 81 and all(d.startswith("w") and len(d) == 9 for d in blind)
    hidden = sorted(blind)[0][1:] + "0" * 56  # a page of the web-news gold's blind fold
    for name in ("a1b2c3d4e5.html.gz", f"{hidden}.html.gz"):
        (pages / name).write_bytes(gzip.compress(PAGE.encode()))
    (pages / "notes.json").write_text("{}")
    files = corpus_files(tmp_path)
    assert [f.name for f in files] == sorted(["a1b2c3d4e5.html.gz", f"{hidden}.html.gz"])
    docs = [d for f in files for d in read_corpus(f, blind)]
    assert [i for i, _ in docs] == ["a1b2c3d4e5"]
    assert "Chile and Peru held talks in Lima" in docs[0][1] and "<p>" not in docs[0][1]


def test_petrarch_xml_corpus_reads_text_only(tmp_path):
    xml = tmp_path / "s.xml"
    xml.write_text(
        '<!-- a comment -->\n<Sentences><Sentence id="s1"><Text>\nChile met\n Peru.\n</Text>'
        "<Parse>(S (NP Chile))</Parse></Sentence></Sentences>"
    )
    assert list(read_corpus(xml, set())) == [("s1", "Chile met Peru.")]


def mine_on_two_cores(docs: list[tuple[str, str]]) -> Counter[Link]:
    """`mine` over every other document in each of two forked processes: counts add up, so
    the total is the same as one process's (pytest leaves the second core idle)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        return sum(pool.map(mine, [docs[0::2], docs[1::2]]), Counter())


def test_mining_on_two_cores_counts_as_one_process_does():
    docs = [
        (str(i), text)
        for i, text in enumerate(
            [
                "Russia accused Ukraine of shelling. France met Germany in Paris.",
                "China criticised Japan. Iran threatened Israel on Monday.",
                "Egypt hosted Sudan. Turkey condemned Syria over the attack.",
            ]
        )
    ]
    assert mine_on_two_cores(docs) == mine(docs) != Counter()


@pytest.mark.slow
def test_every_frequent_linking_lemma_is_a_pattern_or_listed_as_no_event():
    """Issue 15: every lemma that covers >= 0.1 % of the actor links in the news corpora (the
    Guardian articles and the web pages, the blind folds excluded) and the GigaWord sample is
    a trigger pattern or in not_events.tsv with a reason."""
    from conftest import shared_path

    corpora = shared_path("corpora")  # the Guardian articles and the news web pages
    gigaword = shared_path("petrarch2", "text", "GigaWord.sample.PETR.xml")
    blind = blind_documents() | blind_pages()
    files = [*corpus_files(corpora), gigaword]
    docs = [d for f in files for d in read_corpus(f, blind)]
    patterns = load_patterns()
    _, rows = coverage_table(mine_on_two_cores(docs), patterns)
    known = pattern_lemmas(patterns) | set(load_not_events())
    open_lemmas = [
        (r.pos, r.lemma) for r in rows if r.share >= 0.001 and (r.pos, r.lemma) not in known
    ]
    assert open_lemmas == []


def test_a_corpus_folder_is_read_file_by_file(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a1", "text": "Chile met Peru."}) + "\n")
    (tmp_path / "b.xml").write_text(
        '<Sentences><Sentence id="b1"><Text>Peru met Chile.</Text></Sentence></Sentences>'
    )
    (tmp_path / "notes.txt").write_text("not a corpus")
    files = corpus_files(tmp_path)
    assert [f.name for f in files] == ["a.jsonl", "b.xml"]
    assert [d for f in files for d, _ in read_corpus(f, set())] == ["a1", "b1"]
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CorpusError, match="no .jsonl, .xml or .html"):
        corpus_files(empty)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.jsonl", '{"id": "x", "text": "ok"}\n{not json\n', "line 2 is not JSON"),
        ("list.jsonl", "[1, 2]\n", "line 1 is not a JSON object"),
        ("bad.xml", "<Sentences><Sentence>", "not well-formed XML"),
    ],
)
def test_an_unreadable_corpus_says_which_line(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(CorpusError, match=message):
        list(read_corpus(path, set()))


def test_a_corpus_not_in_utf8_is_named(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(
        json.dumps({"id": "x", "text": "caf\u00e9"}).encode("latin-1").replace(b"\\u00e9", b"\xe9")
    )
    with pytest.raises(CorpusError, match="not UTF-8"):
        list(read_corpus(path, set()))
