"""Rules for the words of political news: a politician "attacking" a rival or a policy
criticises it; voting in an election backs no party; an opinion poll's finding is no act."""

from __future__ import annotations

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import cameo, words
from polybius.coding.rules.registry import rule
from polybius.coding.syntax import child, lemma
from polybius.models import Actor
from polybius.where.states import state_names


@rule("verbal_attack_is_criticism", "actors")
def verbal_attack_is_criticism(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Trump attacked the senator's remarks", "she lashed out at the press", "targeted in
    attacks by the president": a politician's attack on a person, a party or a policy is
    criticism (ACCUSE), not force; so is lashing out, and anyone's attack on a policy, a plan
    or a statement (lexicon idea_nouns: no force can hit one). Not when the sentence kills or hurts
    someone or names a weapon or violence (lexicon harm_words)."""
    tok = d.token
    if d.plover_type != "ASSAULT" or lemma(tok) not in words("verbal_attack_words"):
        return d
    harm = words("casualty_verbs") | words("harm_words")
    if ctx.tokens_with_lemma(harm):
        return d
    lashed_out = any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
    doers_political = bool(d.sources) and all(_political(a) for a in d.sources)
    attacked = _object_lemma(tok)
    on_words = attacked in words("stance_nouns")
    on_ideas = attacked in words("idea_nouns")  # "critics attacked the plan": words, whoever
    on_politicians = bool(d.targets) and all(_political(a) for a in d.targets)
    under_attack = tok.pos_ == "NOUN" and tok.head.lower_ == "under"  # "X was under attack"
    if (
        lashed_out
        or on_ideas
        or (doers_political and (on_words or on_politicians))
        or (not d.sources and on_politicians and under_attack)
    ):
        d.entry = ctx.ontology.code(cameo("criticism"))
    return d


def _political(actor: Actor) -> bool:
    """A politician or a political body: a named person in office, a party, a legislature."""
    rule = actor.rule or ""
    return rule.startswith(("person:", "party:")) or actor.sector in ("PTY", "LEG")


def _object_lemma(tok) -> str:
    """The lemma of what is attacked: the verb's object or, for a noun, its "on" object."""
    obj = child(tok, "dobj")
    if obj is None:
        on = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "on"), None)
        obj = child(on, "pobj") if on is not None else None
    return lemma(obj) if obj is not None else ""


@rule("opposition_addresses_own_government", "actors")
def opposition_addresses_own_government(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Lawmakers criticised the withdrawal decision", "the shadow minister called for an
    inquiry", "the MP said leaving them there was unconscionable": criticism or a demand by
    a state's legislators, opposition or parties that names no one is addressed to that
    state's government. (A government's or a foreign leader's unaddressed criticism is left
    as it is: its target may be anyone.)"""
    if d.reciprocal or d.targets or not d.sources or d.plover_type not in words("addressed_types"):
        return d
    home = {a.code for a in d.sources}
    if len(home) != 1 or not all(a.sector in words("opposition_sectors") for a in d.sources):
        return d
    code = home.pop()
    if code not in state_names():
        return d
    d.targets = [Actor("", code, "GOV", None, -1, -1, "the government its opposition addresses")]
    return d


@rule("authorities_asked_are_the_story_state", "actors")
def authorities_asked_are_the_story_state(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Amnesty urged the electoral authorities to publish the results", "the EU called on
    federal authorities to investigate": authorities or a government named by their kind
    alone (a government sector, no state), asked or told to act, are those of the state the
    story is about (the one it names most, or the only one). Only as the one addressed: what
    such a government says or does itself is left to the story (measured: its promises are
    often another state's)."""
    if d.targets or d.reciprocal or d.plover_type != "REQUEST" or d.trigger.pattern.pos != "v":
        return d
    addressed = child(d.token, "dobj")
    if addressed is None:
        clause = child(d.token, "ccomp")  # "demanded that federal authorities take over"
        addressed = child(clause, "nsubj") if clause is not None else None
    m = ctx.sm.by_token.get(addressed.i) if addressed is not None else None
    if m is None or m.entry.has_code or m.entry.sector != "GOV" or ctx.sm.resolve(addressed):
        return d
    story = ctx.sm.context.dominant_state() or ctx.sm.context.sole_state()
    if story is None or story not in state_names() or story in {a.code for a in d.sources}:
        return d
    d.targets = [Actor(m.text, story, "GOV", None, -1, -1, "authorities of the story's state")]
    return d


@rule("a_state_protests_in_words", "actors")
def a_state_protests_in_words(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Japan protested against the incursion", "the ministry protested the visit": a state or
    its government protesting complains officially (ACCUSE, CAMEO 114); it marches nowhere.
    People, parties and unions protesting demonstrate (PROTEST), and so do the protests a
    headline names by their country ("Indonesia protests turn violent")."""
    if d.plover_type != "PROTEST" or d.trigger.pattern.pos != "v" or lemma(d.token) != "protest":
        return d
    if d.token.tag_ == "VBZ":
        return d  # "Indonesia protests over jobs law turn violent": a headline's noun misread
    if d.sources and all(_the_state(a) for a in d.sources):
        d.entry = ctx.ontology.code(cameo("complaint"))
    return d


def _the_state(actor: Actor) -> bool:
    """A state named by its name or capital, or its government: not its people."""
    way = (actor.rule or "").split(":")[0]
    return actor.sector == "GOV" or (actor.sector is None and way in ("state", "capital"))


@rule("a_ballot_cast_is_no_act", "gate")
def a_ballot_cast_is_no_act(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Filipinos will vote on May 9 for a president", "120 million people were eligible to
    vote for 300 seats": voting for an office, a seat or control of a body (lexicons
    elected_offices, election_contests) is an election, no party's backing of another."""
    tok = d.token
    if lemma(tok) != "vote" or d.trigger.pattern.pos != "v":
        return d
    chosen = [
        c
        for p in tok.children
        if p.dep_ == "prep" and p.lower_ == "for"
        for c in p.children
        if c.dep_ == "pobj"
    ]
    ballot = words("elected_offices") | words("election_contests")
    return None if any(lemma(c) in ballot for c in chosen) else d


@rule("a_poll_result_is_no_act", "gate")
def a_poll_result_is_no_act(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Two-thirds of voters oppose the change", "a survey found that 60 per cent of
    Canadians backed the plan": a share of a people or of the public holding a view, or
    anything an opinion poll found, is a measurement of opinion, no act of a party (lexicons
    share_words, polled_groups, poll_nouns, poll_finding_verbs)."""
    tok = d.token
    if d.trigger.pattern.pos != "v":
        return d
    subj = child(tok, "nsubj")
    if subj is not None and _polled_share(subj, ctx):
        return None
    return None if _found_by_a_poll(tok) else d


def _polled_share(subj, ctx: SentenceContext) -> bool:
    """ "50 per cent of Germans", "two-thirds of voters", "a majority of Americans": a share
    whose "of" phrase is a people (a nationality's plural) or the public."""
    shares = words("share_words")
    # "a majority", "50 per cent", "83%", and "two-thirds" (read as "two" with "thirds")
    if lemma(subj) not in shares and not any(lemma(c) in shares for c in subj.children):
        return False
    for of in (t for t in subj.subtree if t.dep_ == "prep" and t.lower_ == "of"):
        whole = child(of, "pobj")
        if whole is None:
            continue
        m = ctx.sm.by_token.get(whole.i)
        plural = whole.tag_ in ("NNS", "NNPS") or whole.lower_.endswith("s")  # "Britons": NNP
        people = m is not None and m.kind in ("adjective", "people") and plural
        if people or lemma(whole) in words("polled_groups"):
            return True
    return False


def _found_by_a_poll(tok) -> bool:
    """ "A poll found that ...", "..., a survey showed": the act is told inside a clause a
    poll or a survey reports (two clauses up at most)."""
    for _ in range(2):
        if tok.dep_ not in ("ccomp", "xcomp", "conj") or tok.head.i == tok.i:
            return False
        tok = tok.head
        finder = child(tok, "nsubj")
        reported = lemma(tok) in words("poll_finding_verbs") and finder is not None
        if reported and lemma(finder) in words("poll_nouns"):
            return True
    return False
