"""A news story's lead tells what has happened; its body says when.

"A Dutch engineer has been abducted in northern Mali" opens the story, and a sentence or two
on "gunmen seized him on Sunday near Gao" dates the abduction. The lead's present perfect is
news of now, so its own words give no date and the coder dates it by the publication; the
body's account of the same kind of act, dated by its own words, is when it happened. The body's
sentence often names no party the dictionaries know ("he", a private person's name), so its
trigger may make no event; its date still counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from polybius.coding.date_scope import present_perfect
from polybius.coding.draft import SentenceContext
from polybius.coding.rules.registry import rule
from polybius.models import Event

LEAD_SENTENCES = 2  # a story's lead: its first two sentences
BODY_WINDOW = 5  # how many sentences after the lead its account may come
# the present perfect tells recent news: a body date further back is another, older act
RECENT = timedelta(days=45)
# how dates found only from the publication or the story's other sentences are marked
UNDATED = ("publication", "publication-not-after", "story-")
LEAD_STATUSES = ("occurred", "claimed")
# material acts (QuadClass 2, 4: aid, arrests, force): a lead's "has urged", "has said" is
# said now, and an earlier request in the body is another one
MATERIAL = (2, 4)


@dataclass
class Lead:
    """An event of the lead dated only by the publication, waiting for the body's date."""

    event: Event
    sentence_index: int


@rule("lead_dated_by_the_body", "merge")
def lead_dated_by_the_body(coded: list, ctx: SentenceContext) -> list:
    """A material act the lead reports in the present perfect with no time words ("X has
    been abducted") takes the date a sentence of the body's next few gives the same kind of
    act by its own words ("gunmen seized him on Sunday"), when that date is recent."""
    context, published = ctx.sm.context, ctx.published
    if published is None:
        return coded
    if context.leads:
        _date_leads(context, ctx, coded)
    if ctx.sentence_index < LEAD_SENTENCES:
        for event, _ in coded:
            token = ctx.sent.doc[event.trigger_token]
            if (
                event.status in LEAD_STATUSES
                and event.quad_class in MATERIAL
                and event.date_source == "publication"
                and present_perfect(token)
            ):
                context.leads.append(Lead(event, ctx.sentence_index))
    return coded


def _date_leads(context, ctx: SentenceContext, coded: list) -> None:
    context.leads = [
        lead for lead in context.leads if ctx.sentence_index - lead.sentence_index <= BODY_WINDOW
    ]
    if not context.leads:
        return
    dated = _dated_acts(ctx, coded)
    for lead in list(context.leads):
        found = dated.get(lead.event.plover_type)
        if found is None:
            continue
        day, precision, how = found
        lead.event.event_date, lead.event.date_precision = day, precision
        lead.event.date_source = f"lead-{how}"
        lead.event.trace.append(
            f"rule:lead_dated_by_the_body {day} (sentence {ctx.sentence_index}, {how})"
        )
        context.leads.remove(lead)


def _dated_acts(ctx: SentenceContext, coded: list) -> dict[str, tuple]:
    """The first recent date the sentence's own words give an act of each PLOVER type: its
    events', then its triggers' that made no event."""
    from polybius.coding.build import token_date  # build imports the rules' modules

    out: dict[str, tuple] = {}
    published = ctx.published
    found = [
        (e.plover_type, (e.event_date, e.date_precision, e.date_source))
        for e, _ in coded
        if e.status in LEAD_STATUSES
    ]
    for index, kind in ctx.dropped_types.items():
        found.append((kind, token_date(ctx.sent.doc[index], ctx, "occurred")))
    for kind, (day, precision, how) in found:
        if day is None or how is None or how.startswith(UNDATED) or kind in out:
            continue
        if published - RECENT <= day <= published:
            out[kind] = (day, precision, how)
    return out
