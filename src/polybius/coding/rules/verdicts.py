"""Verdicts a finding verb carries in its complement ("found X guilty", "declared the law
unconstitutional"): events no trigger pattern names, since the event word is an adjective."""

from __future__ import annotations

from collections.abc import Iterator

from polybius.coding.draft import EventDraft, SentenceContext, Trigger
from polybius.coding.lexicon import words
from polybius.coding.rules.registry import rule
from polybius.coding.rules.sentence import preset_draft, rule_pattern, wrongdoer
from polybius.coding.subject import doer
from polybius.coding.syntax import child, lemma
from polybius.coding.voice import is_passive
from polybius.models import Actor

# how a finding verb holds its verdict: "found him guilty" (a small clause, or a predicate),
# "was found guilty", "held Turkey liable" (misread as the object)
_VERDICT_DEPS = ("ccomp", "oprd", "acomp", "xcomp", "dobj")
COURT_SECTOR = "JUD"


def _verdict(verb):
    """The verdict word a finding verb carries, or None; not a negated one ("found him not
    guilty")."""
    held = [c for c in verb.children if c.dep_ in _VERDICT_DEPS]
    obj = child(verb, "dobj")
    if obj is not None:  # "found Kamau, 54, guilty": the verdict read as his adjective
        held += [a for a in obj.children if a.dep_ == "amod" and a.i > obj.i]
    verdicts = words("finding_verdicts") | words("blame_verdicts")
    for c in held:
        if lemma(c) in verdicts:
            negated = any(g.dep_ == "neg" for g in (*c.children, *verb.children))
            return None if negated else c
    return None


def _found(verb, verdict):
    """The token naming who was found guilty, or whose act or law was found unlawful."""
    if is_passive(verb):
        host = verb if child(verb, "nsubjpass") is not None else verb.head
        return child(host, "nsubjpass")
    obj = child(verb, "dobj")
    obj = None if obj is verdict else obj  # "held Turkey liable": the verdict misread as object
    return child(verdict, "nsubj") or obj or child(verdict, "compound")


def _foreseen(verb) -> bool:
    """Blame promised, not laid: "will hold them accountable", "vowed to hold X responsible"."""
    modals = words("future_modals") | words("obligation_modals")
    return verb.dep_ == "xcomp" or any(
        c.dep_ == "aux" and c.lower_ in modals for c in verb.children
    )


def _is_court(actor: Actor) -> bool:
    """A court, a judge or a jury: the judiciary's sector, or an international court
    ("the European Court of Human Rights") by the words of its name."""
    named = {w.lower() for w in actor.text.split()}
    return actor.sector == COURT_SECTOR or bool(named & words("court_words"))


@rule("finding_of_guilt_is_a_conviction", "sentence")
def finding_of_guilt_is_a_conviction(ctx: SentenceContext) -> Iterator[EventDraft]:
    """ "A court found the journalist guilty of spying", "X was found guilty", "the court
    declared the law unconstitutional": a court's (or an unnamed judge's) verdict against a
    party is a conviction (SANCTION), also of the court's own people. Blame laid on a named
    party by anyone else ("the government held Iran responsible", "the inquiry found the
    police culpable": lexicon blame_verdicts) is an accusation (ACCUSE 112); other verdicts
    of non-courts are left to the patterns of their finding ("an inquiry").
    A law or act found unlawful with no party named is the court's own state's (judicial
    review). A court ruling that a party did wrong ("ruled that the minister had acted
    unlawfully") convicts that party as a verdict does."""
    for verb in ctx.tokens_with_lemma(words("finding_verbs")):
        finder = doer(verb)
        sources = ctx.sm.resolve(finder) if finder is not None else []
        verdict = _verdict(verb)
        if verdict is None:
            yield from _ruled_wrong(ctx, verb, sources)
            continue
        found = _found(verb, verdict)
        targets = ctx.sm.resolve(found) if found is not None else []
        code = "conviction"
        if not sources or any(_is_court(a) for a in sources):
            if lemma(verdict) not in words("finding_verdicts"):
                continue  # "was found responsible": blame, but nobody named lays it
        elif lemma(verdict) in words("blame_verdicts") and targets and not _foreseen(verb):
            code = "accusation"  # "Washington held Tehran responsible for the attack"
        else:
            continue  # not a court's verdict, nor blame laid on a named party
        if lemma(verdict) in words("unlawful_verdicts"):
            if not sources:
                continue  # "the strike was declared illegal": a ban, coded elsewhere
            targets = targets or [a for a in sources if a.code]
        if not sources and not targets:
            continue
        trig = Trigger(verb, rule_pattern(lemma(verb), "finding_of_guilt_is_a_conviction", code))
        yield preset_draft(ctx, trig, sources, targets)


def _ruled_wrong(ctx: SentenceContext, verb, sources: list[Actor]) -> Iterator[EventDraft]:
    """ "The High Court ruled that the minister had acted unlawfully": a court's (`sources`)
    finding, in a that-clause, that a party did wrong (as a speaker's would accuse it)
    convicts."""
    if not sources or not any(_is_court(a) for a in sources):
        return
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        wrong = wrongdoer(clause)
        if wrong is not None:  # an official the sentence does not place ("the minister")
            targets = ctx.sm.resolve(wrong)  # is left to the story's rules
            pattern = rule_pattern(lemma(verb), "finding_of_guilt_is_a_conviction", "conviction")
            yield preset_draft(ctx, Trigger(clause, pattern), sources, targets)
