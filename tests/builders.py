"""Small coded documents for store-level tests that need no spaCy model."""

from __future__ import annotations

import random
from datetime import date, timedelta

from polybius.models import Actor, Document, DocumentResult, Event, Sentence, content_hash
from polybius.store.db import Store

DAY = date(2026, 10, 14)

VOCABULARY = (
    "government minister talks border army city council report week officials said agreement "
    "meeting forces region talks capital election vote parliament leader crisis aid convoy "
    "refugees camp water power station bridge road port market prices fuel trade exports "
    "sanctions envoy summit statement spokesman ceasefire truce offensive village district"
)


def article(seed: int, n_words: int = 300) -> str:
    """A reproducible pseudo-article of `n_words` words in sentences of 12 words."""
    rng = random.Random(seed)
    vocabulary = VOCABULARY.split()
    words = [rng.choice(vocabulary) for _ in range(n_words)]
    sentences = [" ".join(words[i : i + 12]).capitalize() + "." for i in range(0, n_words, 12)]
    return " ".join(sentences)


BOILERPLATE = [
    "Subscribe to our daily newsletter for the latest headlines delivered to your inbox.",
    "Copyright 2026 Example Content Network. All rights reserved. Reproduction prohibited.",
    "Follow us on social media and share this story with your friends and family today.",
]


def altered_copy(text: str, seed: int, changes: int = 4) -> str:
    """A content-farm copy: boilerplate paragraphs added around and inside, a few words
    changed."""
    rng = random.Random(seed)
    words = text.split(" ")
    for _ in range(changes):
        i = rng.randrange(len(words))
        words[i] = rng.choice(["reportedly", "allegedly", "officially", "recently"])
    middle = len(words) // 2
    paragraphs = [" ".join(words[:middle]), " ".join(words[middle:])]
    boiler = BOILERPLATE[:]
    rng.shuffle(boiler)
    return "\n\n".join([boiler[0], paragraphs[0], boiler[1], paragraphs[1], boiler[2]])


def event(
    doc_id: str,
    index: int = 0,
    *,
    plover_type: str = "CONSULT",
    cameo: str = "040",
    quad_class: int = 1,
    goldstein: float = 1.0,
    sources: tuple[str, ...] = ("RUS",),
    targets: tuple[str, ...] = ("TUR",),
    day: date | None = date(2026, 10, 14),
    precision: str = "day",
    status: str = "occurred",
    country: str | None = None,
    location: str | None = None,
    confidence: float = 0.7,
    sector: str | None = "GOV",
    sentence: str = "Russia met Turkey.",
) -> Event:
    return Event(
        event_id=f"{doc_id}-e{index}",
        doc_id=doc_id,
        sentence_index=0,
        sentence_text=sentence,
        trigger_text="met",
        trigger_start=7,
        trigger_end=10,
        plover_type=plover_type,
        plover_mode=None,
        cameo_code=cameo,
        cameo_root=cameo[:2],
        quad_class=quad_class,
        goldstein=goldstein,
        sources=[Actor(c, c, sector, None, 0, 6) for c in sources],
        targets=[Actor(c, c, None, None, 11, 17) for c in targets],
        status=status,
        event_date=day,
        date_precision=precision if day else None,
        date_source="publication",
        location_name=location,
        location_country=country,
        confidence=confidence,
    )


def document(
    doc_id: str,
    text: str,
    events: list[Event] | None = None,
    *,
    source: str | None = None,
    url: str | None = None,
    published: date | None = date(2026, 10, 14),
) -> DocumentResult:
    doc = Document(
        doc_id=doc_id,
        text=text,
        content_hash=content_hash(text),
        source=source,
        url=url,
        published=published,
        status="ok",
        language="en",
    )
    first = text.split(". ")[0]
    sentences = [Sentence(doc_id, 0, first, 0, len(first))]
    return DocumentResult(doc, sentences, events or [])


def stored_documents() -> list[DocumentResult]:
    """Three documents, then an altered copy of the first (the order they are stored in)."""
    original = article(11)
    return [
        document("orig", original, [event("orig", 0), event("orig", 1)], source="Wire"),
        document("other", article(12), [event("other", 0)], source="Paper"),
        document(
            "later",
            article(13),
            [event("later", 0, day=DAY + timedelta(days=10))],
            source="Paper",
        ),
        document(
            "copy",
            altered_copy(original, seed=5),
            [event("copy", 0)],
            source="Content Farm",
            url="https://farm.example/copy",
        ),
    ]


def build_store(path) -> Store:
    """The three documents, then the copy in a second run; aggregated after each."""
    from polybius.aggregate import update

    store = Store(path)
    docs = stored_documents()
    store.write_batch(docs[:3])
    update(store)
    store.write_batch(docs[3:])
    update(store)
    return store
