"""The last stage: a finished draft becomes the event record."""

from __future__ import annotations

import hashlib

from polybius import CODER_VERSION
from polybius.coding.date_offset import offset_date, outside
from polybius.coding.date_scope import (
    announced_plan,
    date_scope,
    describing_scope,
    infinitive_ranges,
    outside_described,
    present_perfect,
)
from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.event_place import event_place
from polybius.coding.fatalities import fatalities
from polybius.events.patterns import Pattern
from polybius.learn.confidence import shipped_model
from polybius.models import Actor, Event
from polybius.when.dates import may_name_a_time, resolve_event_date


def trigger_span(d: EventDraft, sent) -> tuple[int, int]:
    tok = d.token
    start = tok.idx - sent.start_char
    end = start + len(tok.text)
    if d.trigger.object_token is not None:
        o = d.trigger.object_token
        start = min(start, o.idx - sent.start_char)
        end = max(end, o.idx - sent.start_char + len(o.text))
    return start, end


def actor_trace(role: str, actors: list[Actor]) -> list[str]:
    return [f"{role}:{a.code or '-'} '{a.text}' via {a.rule or 'dictionary'}" for a in actors]


def token_date(tok, ctx: SentenceContext, status: str) -> tuple:
    """(date, precision, how) of an event at trigger `tok` of the sentence, as its words
    date it (the publication date when they do not)."""
    sent, text = ctx.sent, ctx.sm.text  # a Span builds its text anew on every read
    if may_name_a_time(text):
        anchor = tok.idx - sent.start_char
        scope, elsewhere = date_scope(tok), describing_scope(tok) + outside_described(tok)
        if present_perfect(tok):  # news of now: only its own clause's time words date it
            elsewhere = elsewhere + outside(scope + infinitive_ranges(tok), len(text))
        found = resolve_event_date(
            text, ctx.published, status, anchor, scope, elsewhere, announced_plan(tok)
        )
    else:  # no time words: the scopes would choose among none (the publication date)
        found = resolve_event_date(text, ctx.published, status)
    counted = offset_date(tok, ctx.published, status)
    return counted if counted is not None else found


def build_event(d: EventDraft, ctx: SentenceContext) -> Event:
    sent, entry, m = ctx.sent, d.entry, d.modality
    text = ctx.sm.text  # the sentence's text, read once (a Span builds it on every read)
    start, end = trigger_span(d, sent)
    event_date, precision, date_source = token_date(d.token, ctx, m.status)
    key = f"{ctx.doc_id}\x1f{ctx.sentence_index}\x1f{d.token.i - sent.start}\x1f{d.id_code}"
    loc = event_place(d.trigger, ctx.sm, entry.plover_type, entry.quad_class)
    event = Event(
        event_id=hashlib.sha1(key.encode()).hexdigest()[:20],
        doc_id=ctx.doc_id,
        sentence_index=ctx.sentence_index,
        sentence_text=text,
        trigger_text=text[start:end],
        trigger_start=start,
        trigger_end=end,
        plover_type=entry.plover_type,
        plover_mode=entry.plover_mode or d.trigger.pattern.mode,
        cameo_code=entry.code,
        cameo_root=entry.root,
        quad_class=entry.quad_class,
        goldstein=entry.goldstein,
        sources=d.sources,
        targets=d.targets,
        reciprocal=d.reciprocal,
        status=m.status,
        negated=m.negated,
        attributed_to=m.attributed_to,
        event_date=event_date,
        date_precision=precision,
        date_source=date_source,
        location_name=loc.name if loc else None,
        location_country=loc.code if loc else None,
        lat=loc.lat if loc else None,
        lon=loc.lon if loc else None,
        confidence=0.0,  # set below, from the finished record
        coder_version=CODER_VERSION,
        trace=[*d.trace, *actor_trace("source", d.sources), *actor_trace("target", d.targets)],
        location_admin1=loc.admin1 if loc else None,
        geo_precision=loc.geo_precision if loc else None,
        feature_class=loc.feature_class if loc else None,
        fatalities=fatalities(text) if entry.quad_class == 4 else None,
    )
    event.trigger_token = d.token.i
    event.confidence = confidence(event, d.trigger.pattern)
    return event


def confidence(event: Event, pattern: Pattern) -> float:
    """The learned probability that the event is right in full (learn/confidence.py); the
    old hand-set score only when the shipped model is missing."""
    model = shipped_model()
    if model is not None:
        return model.event_confidence(event)
    return hand_set_confidence(event.sources, event.targets, pattern, event.status)


def hand_set_confidence(
    sources: list[Actor], targets: list[Actor], pattern: Pattern, status: str
) -> float:
    score = 0.45
    if sources:
        score += 0.2
    if targets:
        score += 0.15
    if pattern.pos == "v":
        score += 0.1
    if pattern.specificity:
        score += 0.05
    if status in ("claimed", "denied"):
        score -= 0.15
    return round(max(0.05, min(score, 0.95)), 2)
