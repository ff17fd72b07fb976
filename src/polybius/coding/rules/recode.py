"""Recoding: a planned, threatened or refused act becomes the event the plan, threat or
refusal is (`events/data/recode.tsv`)."""

from __future__ import annotations

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import load_recoding
from polybius.coding.rules.registry import rule


@rule("situation_recoding", "recode")
def situation_recoding(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    situation = d.modality.situation
    if not situation:
        return d
    new = load_recoding().get((situation, d.plover_type), "-")
    if new == "drop":
        return None
    if new != "-":
        d.entry = ctx.ontology.code(new)
        d.id_code = new
    return d
