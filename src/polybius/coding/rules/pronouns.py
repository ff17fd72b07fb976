"""Rules on whom a pronoun stands for, where the sentence's syntax says more than recency."""

from __future__ import annotations

from dataclasses import replace

from polybius.actors.dictionary import AGENT, GROUP, IGO, NGO, PERSON, STATE, TITLE
from polybius.actors.resolver import (
    NAMED_PERSON_RULE,
    PERSON_RULES,
    PRONOUN_RULE,
    DocumentContext,
    sex_fits,
)
from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.rules.merging import Coded
from polybius.coding.rules.registry import rule
from polybius.coding.syntax import child
from polybius.models import Actor

# the relations by which a clause (or a phrase holding one) hangs on the clause above it
EMBEDDING_DEPS = ("ccomp", "advcl", "xcomp", "conj", "relcl", "pcomp", "acl", "pobj", "prep")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
BODY_KINDS = (STATE, IGO, NGO, GROUP)  # what a next sentence's "It" may stand for
# the relations of a phrase put before the main clause's subject ("In his speech, X said")
FRONTED_DEPS = ("prep", "advcl", "npadvmod", "advmod")


def governing_subject(pronoun):
    """The named subject of the nearest clause above the pronoun's own that has one before
    the pronoun: "the minister said he would resign" (the minister), "X backed the plan even
    though he had opposed it" (X). None when that subject is itself a pronoun (it may be
    another person: "she said he had fled")."""
    clause = pronoun.head
    while clause.dep_ in EMBEDDING_DEPS and clause.head.i != clause.i:
        clause = clause.head
        subj = child(clause, "nsubj") or child(clause, "nsubjpass")
        if subj is not None and subj.i < pronoun.i:
            return None if subj.pos_ == "PRON" else subj
    return None


@rule("pronoun_is_the_governing_subject", "actors")
def pronoun_is_the_governing_subject(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Erdogan backed the talks, although he had demanded that Assad go": a personal
    pronoun in a clause under another clause stands for that clause's named subject, not for
    the person named last before it (Assad); one in a phrase put before the main clause
    ("In his speech to parliament, Erdogan ...") for the main clause's named subject."""
    d.sources = [_governing_person(a, ctx) for a in d.sources]
    d.targets = [_governing_person(a, ctx) for a in d.targets]
    return d


def subject_or_owner(pronoun) -> bool:
    """A subject pronoun ("he said"), or an owner in a subject or a fronted phrase ("his
    government said", "in his speech")."""
    if pronoun.dep_ in SUBJECT_DEPS:
        return True
    return pronoun.dep_ == "poss" and pronoun.head.dep_ in (*SUBJECT_DEPS, "pobj")


def subject_ahead(pronoun):
    """The named subject of the main clause when the pronoun sits in a phrase put before it:
    "In his speech to parliament, Erdogan said ..." (Erdogan)."""
    root = pronoun.sent.root
    subj = child(root, "nsubj") or child(root, "nsubjpass")
    if subj is None or subj.pos_ == "PRON" or pronoun.i >= subj.left_edge.i:
        return None
    fronted = next((c for c in root.children if pronoun in c.subtree), None)
    return subj if fronted is not None and fronted.dep_ in FRONTED_DEPS else None


def _governing_person(actor, ctx: SentenceContext):
    if not actor.rule.startswith(PRONOUN_RULE):
        return actor
    base = ctx.sent.start_char
    pronoun = next((t for t in ctx.sent if t.idx - base == actor.start), None)
    if pronoun is None or not subject_or_owner(pronoun):
        return actor  # "X met Y and praised him": an object is not its clause's subject
    subj = subject_ahead(pronoun)
    if subj is None and actor.rule.endswith("(same sentence)"):
        subj = governing_subject(pronoun)
    if subj is None:
        return actor
    found = [a for a in ctx.sm.peek(subj) if a.code and a.rule.startswith(NAMED_PERSON_RULE)]
    if len(found) != 1 or found[0].code == actor.code or not sex_fits(pronoun.lower_)(found[0]):
        return actor
    rule = f"{PRONOUN_RULE} '{pronoun.text}' (the subject of the clause it is under)"
    return replace(found[0], text=actor.text, start=actor.start, end=actor.end, rule=rule)


@rule("pronoun_is_the_previous_subject", "merge")
def pronoun_is_the_previous_subject(coded: list[Coded], ctx: SentenceContext) -> list[Coded]:
    """ "Putin met Macron in Paris. He said ...": "he" in the next sentences stands for the
    person the main clause was about (its subject, named or an official named by title), not
    for the person named last. The
    sentence's main-clause subject is noted here, after its events; the resolver reads it
    for a personal pronoun no person named earlier in its own sentence explains."""
    root = ctx.sent.root
    subj = child(root, "nsubj") or child(root, "nsubjpass")
    if subj is None:
        return coded
    official = ctx.sm.is_official(subj)  # "Russia's foreign minister said ... He added"
    actors = ctx.sm.peek(subj)
    found = [a for a in actors if a.code and (official or a.rule.startswith(PERSON_RULES))]
    context = ctx.sm.context
    if len(found) == 1:
        context.subject_person = (found[0], context.sentences)
    body = [a for a in actors if a.code and not a.rule.startswith(PERSON_RULES)]
    if len(body) == 1 and not official and subj.tag_ in ("NN", "NNP"):
        context.subject_body = (body[0], context.sentences)  # "It" in the next sentence
    return coded


def note_surface_subject(text: str, mentions, context: DocumentContext) -> None:
    """The subject person of a sentence that is not parsed (it holds no event), from its
    surface: a person the dictionary knows opens it, after at most a title ("President
    Erdogan spoke for an hour."), and is not an owner ("Erdogan's son ...")."""
    coded = [m for m in mentions if m.entry.has_code and m.code]
    first = min(coded, key=lambda m: m.start, default=None)
    if first is not None and first.entry.kind in BODY_KINDS:
        _note_surface_body(text, first, mentions, context)
    if first is None or first.entry.kind != PERSON:
        return
    before = text[: first.start].split()
    if len(before) > 2 or any(not w[:1].isupper() for w in before):
        return
    if text[first.end : first.end + 2] in ("'s", "’s") or not text[first.end :].strip():
        return
    rule = NAMED_PERSON_RULE
    actor = Actor(first.text, first.code, first.entry.sector, first.entry.name, -1, -1, rule)
    context.subject_person = (actor, context.sentences)


def _note_surface_body(text: str, first, mentions, context: DocumentContext) -> None:
    """The subject body of an unparsed sentence opened, after at most "The", by a state or an
    organisation, or by one's body ("Belarus's defence ministry said ..."): a next "It"
    stands for it. Not one's official ("Belarus's president": a person)."""
    before = text[: first.start].split()
    if len(before) > 1 or (before and before[0] != "The"):
        return
    owned = next((m for m in mentions if m.kind in (TITLE, AGENT) and m.start > first.end), None)
    if owned is not None and text[first.end : owned.start].strip().startswith(("'s", "’s")):
        if owned.kind == TITLE:
            return
    elif text[first.end : first.end + 2] in ("'s", "’s"):
        return  # "Russia's war": an owner, not a subject
    actor = Actor(first.text, first.code, first.entry.sector, first.entry.name, -1, -1, "body")
    context.subject_body = (actor, context.sentences)
