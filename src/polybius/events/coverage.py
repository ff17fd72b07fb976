"""Coverage from corpus frequency: which verbs and nouns link two actor mentions, and how many
of those links our trigger patterns cover (issue 15).

A link is one predicate joining two actor arguments in a parsed sentence:
  verb   subject + object, subject + prepositional object ("met with"), passive subject +
         "by" agent, subject + the prepositional object of its object noun ("imposed
         sanctions on"), or conjoined subjects with no object ("clashed");
  noun   possessor or modifier + prepositional object ("Russia's attack on", "US talks with"),
         two prepositional objects ("talks between X and Y", "an attack by X on Y").
An actor argument is a token inside a dictionary mention (actors/matcher.py), conjuncts
included. The lemma of a phrasal verb carries its particle ("carry out").

The blind fold of guardian_train (fold 5 of evaluate/data/guardian_train_folds.tsv) is never
read: no rule or pattern may be written from it.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from polybius.tsv import package_data, read_tsv

SUBJECTS = {"nsubj", "nsubjpass"}
OBJECTS = {"dobj", "dative", "attr", "oprd"}
OWNERS = {"poss", "compound", "amod", "nmod"}
CLIMB = {"conj", "appos"}
BLIND_FOLD = "5"


@dataclass(frozen=True)
class Link:
    """A predicate linking two actors. `words` are the verb's particle and/or preposition;
    `obj` is the lemma of a non-actor direct object (the noun of "impose sanctions on")."""

    pos: str  # "v" or "n"
    lemma: str  # with the particle of a phrasal verb: "carry out"
    words: tuple[str, ...] = ()
    obj: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return self.pos, self.lemma


# --- corpora -----------------------------------------------------------------------------


def blind_documents(folds_file: Path | None = None) -> set[str]:
    """Ids of the guardian_train articles in the blind fold (never mined)."""
    path = folds_file or package_data("evaluate", "data", "guardian_train_folds.tsv")
    return {row["doc"] for row in read_tsv(path) if row.get("fold") == BLIND_FOLD}


CORPUS_SUFFIXES = (".jsonl", ".xml")
PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")


class CorpusError(ValueError):
    """A corpus file that cannot be read as JSONL, PETRARCH XML or a web page."""


def corpus_files(path: Path) -> list[Path]:
    """The corpus files a path names: the file itself, or the JSONL and XML files and the web
    pages (.html, .html.gz) in a folder and its subfolders."""
    if not path.is_dir():
        return [path]
    files = sorted(
        p
        for p in path.rglob("*")
        if p.is_file() and (p.suffix in CORPUS_SUFFIXES or p.name.lower().endswith(PAGE_SUFFIXES))
    )
    if not files:
        raise CorpusError(
            f"{path} holds no .jsonl, .xml or .html file: give a corpus file or folder"
        )
    return files


def read_corpus(path: Path, exclude: set[str]) -> Iterator[tuple[str, str]]:
    """(id, text) of every document: JSONL (`id`, `text`) or PETRARCH XML (`<Sentence id>`
    with `<Text>`; the parse trees are ignored, our own parser reads the raw sentence).
    Raises CorpusError, naming the file (and line), for what cannot be read."""
    try:
        yield from _read_corpus(path, exclude)
    except UnicodeDecodeError:
        raise CorpusError(f"{path} is not UTF-8 text: convert it first") from None


def _read_corpus(path: Path, exclude: set[str]) -> Iterator[tuple[str, str]]:
    if path.name.lower().endswith(PAGE_SUFFIXES):
        yield from _read_page(path, exclude)
        return
    if path.suffix == ".xml":
        try:
            root = ET.fromstring(
                re.sub(r"<!--.*?-->", "", path.read_text(encoding="utf-8"), flags=re.S)
            )
        except ET.ParseError as exc:
            raise CorpusError(f"{path} is not well-formed XML ({exc})") from None
        for sent in root.iter("Sentence"):
            text = " ".join((sent.findtext("Text") or "").split())
            if text and sent.get("id") not in exclude:
                yield sent.get("id", ""), text
        return
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(
                    f"{path} line {n + 1} is not JSON ({exc.msg}): a corpus is JSONL with "
                    "'id' and 'text' on each line, or PETRARCH XML"
                ) from None
            if not isinstance(doc, dict):
                raise CorpusError(f"{path} line {n + 1} is not a JSON object with 'text'")
            doc_id = str(doc.get("id") or f"{path.stem}-{n}")
            if doc_id not in exclude and doc.get("text"):
                yield doc_id, doc["text"]


def _read_page(path: Path, exclude: set[str]) -> Iterator[tuple[str, str]]:
    """A web page's article text, extracted as `polybius code` extracts it; a page with no
    English article body gives nothing. Its id is the file name's stem, excluded when it or
    `w` + its first 8 characters (a web-news gold page, evaluate/webnews.py) is in `exclude`."""
    from polybius.ingest.sources import read_path

    stem = path.name.split(".")[0]
    if stem in exclude or f"w{stem[:8]}" in exclude:
        return
    for item in read_path(str(path)):
        doc = item.document
        if doc.ok and doc.language in (None, "en") and doc.text.strip():
            yield stem, doc.text


# --- links in a parsed sentence ------------------------------------------------------------


def actor_tokens(sent, spans: Iterable[tuple[int, int]]) -> set[int]:
    """Indices (in the sentence's doc) of tokens inside an actor mention; spans are character
    offsets relative to the sentence text."""
    base = sent.start_char
    out: set[int] = set()
    for tok in sent:
        start, end = tok.idx - base, tok.idx - base + len(tok.text)
        if any(s < end and start < e for s, e in spans):
            out.add(tok.i)
    return out


def _with_conjuncts(tok) -> list:
    out = [tok]
    for child in tok.children:
        if child.dep_ in CLIMB:
            out.extend(_with_conjuncts(child))
    return out


def _actors(toks: Iterable, actors: set[int]) -> list:
    found = []
    for tok in toks:
        found.extend(t for t in _with_conjuncts(tok) if t.i in actors and t not in found)
    return found


def _prep_objects(head, actors: set[int]) -> list[tuple[str, list]]:
    """(preposition, actor arguments) for each prepositional phrase on `head`."""
    out = []
    for child in head.children:
        if child.dep_ in ("prep", "agent"):
            objs = _actors((c for c in child.children if c.dep_ == "pobj"), actors)
            if objs:
                out.append((child.lower_, objs))
    return out


def _subjects(verb, actors: set[int]) -> list:
    own = [c for c in verb.children if c.dep_ in SUBJECTS]
    if own:
        return _actors(own, actors)
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return _subjects(verb.head, actors)  # "agreed to meet X", "met X and signed"
    return []


def _phrasal(verb) -> str:
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    return " ".join([verb.lemma_.lower(), *particles[:1]])


def verb_links(verb, actors: set[int]) -> list[Link]:
    subjects = _subjects(verb, actors)
    if not subjects or verb.i in actors:
        return []
    lemma, links = _phrasal(verb), []
    objects = [c for c in verb.children if c.dep_ in OBJECTS]
    for _ in _actors(objects, actors):
        links.extend(Link("v", lemma) for _ in subjects)
    for prep, objs in _prep_objects(verb, actors):
        links.extend(Link("v", lemma, (prep,)) for _ in objs for _ in subjects)
    for obj in objects:  # "imposed sanctions on Iran": the object noun's own preposition
        if obj.i in actors or obj.pos_ not in ("NOUN", "PROPN"):
            continue
        for prep, objs in _prep_objects(obj, actors):
            links.extend(Link("v", lemma, (prep,), obj.lemma_.lower()) for _ in objs)
    if not links and len(subjects) > 1:  # "Kurdish forces and Isis fighters clashed"
        links.append(Link("v", lemma))
    return links


def noun_links(noun, actors: set[int]) -> list[Link]:
    if noun.i in actors:
        return []
    lemma = noun.lemma_.lower()
    owners = _actors((c for c in noun.children if c.dep_ in OWNERS), actors)
    preps = _prep_objects(noun, actors)
    if owners:
        return [Link("n", lemma, (p,)) for p, objs in preps for _ in objs for _ in owners]
    if len(preps) > 1:  # "an attack by X on Y"
        return [Link("n", lemma, (preps[1][0],))]
    if preps and len(preps[0][1]) > 1:  # "talks between X and Y"
        return [Link("n", lemma, (preps[0][0],))]
    return []


def sentence_links(sent, spans: Iterable[tuple[int, int]]) -> list[Link]:
    """Every link of a parsed sentence (a spaCy Span) given its actor mention spans."""
    actors = actor_tokens(sent, spans)
    links: list[Link] = []
    for tok in sent:
        if tok.pos_ == "VERB":
            links.extend(verb_links(tok, actors))
        elif tok.pos_ == "NOUN":
            links.extend(noun_links(tok, actors))
    return links


# --- mining --------------------------------------------------------------------------------


def _mention_spans(text: str, dictionary) -> list[tuple[int, int]]:
    from polybius.actors.matcher import find_mentions

    return [(m.start, m.end) for m in find_mentions(text, dictionary)]


def mine(
    documents: Iterable[tuple[str, str]],
    progress: Callable[[], None] | None = None,
    batch: int = 16,
) -> Counter[Link]:
    """Count the links in documents; only sentences with two or more mentions are parsed."""
    from polybius.actors.dictionary import load_dictionary
    from polybius.nlp.pipeline import parse_groups, split_sentences

    dictionary = load_dictionary()
    counts: Counter[Link] = Counter()
    pending: list[list] = []

    def flush() -> None:
        groups = [[p for p, _ in group] for group in pending]
        for group, sents in zip(pending, parse_groups(groups), strict=True):
            for (_, spans), sent in zip(group, sents, strict=True):
                counts.update(sentence_links(sent, spans))
        pending.clear()

    for _, text in documents:
        group = []
        for piece in split_sentences(text):
            spans = _mention_spans(piece.text, dictionary)
            if len(spans) >= 2:
                group.append((piece, spans))
        pending.append(group)
        if len(pending) >= batch:
            flush()
        if progress:
            progress()
    flush()
    return counts


# --- coverage ------------------------------------------------------------------------------


def covers(pattern, link: Link) -> bool:
    """Whether a trigger pattern would fire on the link's predicate."""
    lemma, *particle = link.lemma.split()
    if pattern.pos != link.pos or pattern.lemma != lemma:
        return False
    words = [*particle, *link.words]
    if any(w not in words for w in pattern.words):
        return False
    return not pattern.objects or (link.obj is not None and link.obj in pattern.object_lemmas)


def is_covered(patterns, link: Link) -> bool:
    lemma = link.lemma.split()[0]
    if any(covers(p, link) for p in patterns.candidates(link.pos, lemma)):
        return True
    return link.obj is not None and bool(patterns.candidates("n", link.obj))


@dataclass
class LemmaRow:
    pos: str
    lemma: str
    links: int
    uncovered: int
    share: float  # of all links
    uncovered_share: float


def coverage_table(counts: Counter[Link], patterns) -> tuple[float, list[LemmaRow]]:
    """(share of links covered, one row per lemma sorted by uncovered links)."""
    total = sum(counts.values()) or 1
    by_key: dict[tuple[str, str], list[int]] = {}
    covered = 0
    for link, n in counts.items():
        row = by_key.setdefault(link.key, [0, 0])
        row[0] += n
        if is_covered(patterns, link):
            covered += n
        else:
            row[1] += n
    rows = [LemmaRow(pos, lem, a, u, a / total, u / total) for (pos, lem), (a, u) in by_key.items()]
    rows.sort(key=lambda r: (-r.uncovered, -r.links, r.lemma))
    return covered / total, rows


def pattern_lemmas(patterns) -> set[tuple[str, str]]:
    """(pos, lemma) of every trigger pattern, and (pos, "lemma particle") of phrasal ones: a
    lemma here is "a trigger pattern" even where its object or preposition did not match."""
    out: set[tuple[str, str]] = set()
    for p in patterns.patterns:
        out.add((p.pos, p.lemma))
        if p.words:
            out.add((p.pos, f"{p.lemma} {p.words[0]}"))
    return out


def load_not_events(path: Path | None = None) -> dict[tuple[str, str], str]:
    """(pos, lemma) -> reason, for lemmas that link actors without being events."""
    path = path or package_data("events", "data", "not_events.tsv")
    return {(r["pos"], r["lemma"]): r["reason"] for r in read_tsv(path)}
