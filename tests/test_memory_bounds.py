"""What keeps a worker's memory flat with the length of a document (issue 16, BENCHMARKS.md):
the coder's document context is bounded and answers as the full history would, spaCy batches
are capped by tokens, and glibc's mmap threshold is fixed in workers."""

from __future__ import annotations

import random
import sys

import pytest

from polybius.actors.resolver import DocumentContext, Seen
from polybius.engine import allocator
from polybius.models import Actor
from polybius.nlp import pipeline

KINDS = ("state", "igo", "group", "person")
CODES = ("USA", "RUS", "UKR", "FRA", None)
TITLES = ("president", "minister", "general")


def last_of_history(history: list[Seen], refers_to, title=None) -> Actor | None:
    """`DocumentContext.last` as it was, over every mention in order."""
    for target in refers_to:
        for s in reversed(history):
            if target == s.kind or target == s.actor.code:
                if title and s.kind == "person" and title not in s.titles:
                    continue
                return s.actor
    return None


def test_the_context_keeps_one_record_per_key_and_answers_as_the_full_history():
    rng = random.Random(16)
    context, history = DocumentContext(), []
    for i in range(5_000):
        kind, code = rng.choice(KINDS), rng.choice(CODES)
        titles = frozenset(rng.sample(TITLES, rng.randint(0, 2)))
        actor = Actor(f"actor {i}", code)
        context.remember(kind, actor, (), titles)
        history.append(Seen(kind, actor, titles))
        if i % 7 == 0:
            refers_to = tuple(rng.sample([*KINDS, "USA", "RUS"], 2))
            title = rng.choice([None, *TITLES])
            assert context.last(refers_to, title) is last_of_history(history, refers_to, title)
    assert len(context.seen) <= len(KINDS) * len(CODES) * 7  # 7 sets of at most 2 titles


def dominant_of_history(states: list[str], excluding=()) -> str | None:
    """`DocumentContext.dominant_state` as it was, over the list of every state named."""
    states = [c for c in states if c not in excluding]
    if not states:
        return None
    counts = sorted(((states.count(c), c) for c in dict.fromkeys(states)), reverse=True)
    count, code = counts[0]
    runner_up = counts[1][0] if len(counts) > 1 else 0
    if count < 2 or count * 2 < len(states) or count == runner_up:
        return None
    return code


def test_the_states_are_counted_and_the_dominant_one_is_unchanged():
    rng = random.Random(61)
    context, named = DocumentContext(), []
    for _ in range(2_000):
        code = rng.choices(["USA", "RUS", "UKR", "FRA"], weights=[5, 3, 1, 1])[0]
        context.states[code] += 1
        named.append(code)
        for excluding in ((), ("USA",), ("RUS", "UKR")):
            assert context.dominant_state(excluding) == dominant_of_history(named, excluding)
    assert context.states.total() == len(named) and len(context.states) == 4


def test_parse_batches_close_at_the_token_cap():
    class FakeDoc:
        def __init__(self, n: int) -> None:
            self.n = n

        def __len__(self) -> int:
            return self.n

    sizes = [1_500, 1_500, 1_500, 100, 3_000, 5_000, *([10] * 20)]
    batches = list(pipeline.token_batches((FakeDoc(n), i) for i, n in enumerate(sizes)))
    assert [tag for batch in batches for _, tag in batch] == list(range(len(sizes)))
    for batch in batches[:-1]:
        tokens = sum(len(doc) for doc, _ in batch)
        assert len(batch) == pipeline.PARSE_BATCH or tokens >= pipeline.PARSE_TOKENS
        # closed as soon as the cap is reached: without its last doc it was under the cap
        assert tokens - len(batch[-1][0]) < pipeline.PARSE_TOKENS
    assert [len(b) for b in batches] == [3, 3, 8, 8, 4]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc only")
def test_workers_fix_the_mmap_threshold():
    assert allocator.bound_heap() is True
    allocator.release_free_memory()
