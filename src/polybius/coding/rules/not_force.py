"""Rules for words of force that here name something else: a general or hunger "strike" is a
protest, and so is what rioters do; a missile "test-fired" is a show of force; a contest
between parties is politics, and deaths in an accident are no one's force."""

from __future__ import annotations

from polybius.actors.dictionary import PARTY
from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import cameo, words
from polybius.coding.rules.registry import rule
from polybius.coding.subject import subject
from polybius.coding.syntax import child, lemma
from polybius.coding.voice import is_passive


@rule("work_stoppage_is_a_protest", "actors")
def work_stoppage_is_a_protest(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "A general strike paralysed transport", "dissidents launched a hunger strike": a
    strike its modifiers call a stoppage of work or of eating (lexicon stoppage_modifiers)
    is a protest (PROTEST; a hunger strike its own CAMEO code), not an airstrike."""
    if d.plover_type != "ASSAULT":
        return d
    strike = d.trigger.object_token if d.trigger.object_token is not None else d.token
    if lemma(strike) != "strike":
        return d
    modifiers = {lemma(m) for m in strike.children if m.dep_ in ("amod", "compound", "nmod")}
    if not modifiers & words("stoppage_modifiers"):
        return d
    stoppage = "hunger_strike" if "hunger" in modifiers else "labour_strike"
    d.entry = ctx.ontology.code(cameo(stoppage))
    return d


@rule("weapons_test_is_a_show_of_force", "actors")
def weapons_test_is_a_show_of_force(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "North Korea test-fired a missile", "Iran test-launched a rocket": a weapon fired in a
    test is readied, not used on anyone (MOBILIZE, the codebook's weapons test). So is one
    fired into the sea ("fired two missiles into the Sea of Japan", "fired artillery shells
    into waters off its coast"): the sea is no party, and the state it is named for is not
    the target."""
    if d.plover_type != "ASSAULT":
        return d
    if _into_the_sea(d.token):
        d.entry = ctx.ontology.code(cameo("weapons_test"))
        d.targets, d.location, d.on_act = [], None, None  # at sea: in no state
        return d
    if d.targets or d.token.i < d.token.sent.start + 2:
        return d
    hyphen, before = d.token.nbor(-1), d.token.nbor(-2)
    if hyphen.text == "-" and before.lower_ in words("test_prefixes"):
        d.entry = ctx.ontology.code(cameo("weapons_test"))
    return d


def _into_the_sea(verb) -> bool:
    """A projectile verb (lexicon projectile_verbs) whose "into" or "in" phrase is a sea
    (lexicon sea_words): "fired two missiles into the Sea of Japan"."""
    if lemma(verb) not in words("projectile_verbs"):
        return False
    seas = words("sea_words")
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("into", "in"):
            place = child(prep, "pobj")
            if place is not None and lemma(place) in seas:
                return True
    return False


@rule("rioting_is_a_protest", "actors")
def rioting_is_a_protest(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Rioters torched police stations", "rioting crowds stormed the mayor's office": force
    or destruction by rioters (lexicon rioter_words, or a crowd said to be rioting) is a riot,
    the codebook's violent protest (PROTEST), not an armed attack; arms fired are not a riot
    (lexicon armed_force_codes), and force aimed at police or soldiers is an assault
    ("protesters threw rocks at police", lexicon force_wearers)."""
    if d.plover_type not in ("ASSAULT", "COERCE") or d.entry.code in words("armed_force_codes"):
        return d  # "demonstrators fired missiles": armed force, whoever uses it
    doer = subject(d.token)
    if doer is None:
        return d
    rioting = lemma(doer) in words("rioter_words") or any(
        m.dep_ == "amod" and lemma(m) == "riot" for m in doer.children
    )
    if rioting and not _hits_forces(d.token):
        d.entry = ctx.ontology.code(cameo("riot"))
    return d


def _hits_forces(verb) -> bool:
    """The act is aimed at police or soldiers themselves (its object, or its "at" or "on"
    phrase: "attacked peacekeepers", "threw rocks at police"), not at buildings or cars."""
    hit = [c for c in verb.children if c.dep_ == "dobj"]
    aimed = [p for p in verb.children if p.dep_ == "prep" and p.lower_ in ("at", "on")]
    hit += [child(p, "pobj") for p in aimed]
    return any(h is not None and lemma(h) in words("force_wearers") for h in hit)


@rule("political_contest_is_not_force", "gate")
def political_contest_is_not_force(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Democrats beat the incumbent governor", "the parties fought the elections", "Labour
    will fight to the death", "Democrats took control of the House": a contest between
    parties or at the polls is politics, not force. Force is a contest's when its object
    (or the object of its to-clause) is an election or a legislature (lexicon
    election_contests, legislature_words; not the voters: "attacked voters" is force), its
    doer is a party, or it is a win over a rival (contest_verbs, with no particle: "beat up"
    is force) in a sentence with a word of elections or a party."""
    if d.plover_type != "ASSAULT":
        return d
    tok = d.token
    vote, chamber = words("election_words"), words("legislature_words")
    contests = words("election_contests")
    clauses = [tok, *(c for c in tok.children if c.dep_ == "xcomp")]
    objects = [o for v in clauses for o in v.children if o.dep_ in ("dobj", "obj")]
    if any(o.lower_ in contests for o in objects):
        return None  # "fought the elections", "battle to win the election"
    held = [g for o in objects for p in o.children if p.lower_ == "of" for g in p.children]
    if any(o.lower_ in chamber for o in held):
        return None  # "took control of the House" (an attack on a parliament is force)
    subj = child(tok, "nsubj")
    parties = [m for m in ctx.sm.mentions if m.kind == PARTY]
    if subj is not None and any(m is ctx.sm.by_token.get(subj.i) for m in parties):
        return None
    if (
        lemma(tok) in words("contest_verbs")
        and child(tok, "prt") is None  # "beat up voters", "beat back": force
        and (parties or any(t.lower_ in vote for t in ctx.sent))
    ):
        return None
    return d


@rule("accident_is_not_force", "gate")
def accident_is_not_force(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Two soldiers were killed in a helicopter crash", "the storm killed 40", "the bus
    overturned, killing 12": deaths and injuries in a mishap or a disaster are no one's use
    of force."""
    tok = d.token
    if d.plover_type != "ASSAULT" or d.trigger.pattern.pos != "v":
        return d
    mishaps = words("accident_nouns")
    doer = child(tok, "nsubj")
    if doer is not None and doer.lower_ in words("relative_pronouns") and tok.dep_ == "relcl":
        doer = tok.head  # "two crashes, which killed 346 people"
    if doer is not None and lemma(doer) in mishaps:
        return None  # "an earthquake struck eastern Turkey", "floods hit the coast"
    if lemma(tok) not in words("casualty_verbs"):
        return d
    causes = []
    for prep in (c for c in tok.children if c.dep_ in ("prep", "agent")):
        causes.append(child(prep, "pobj"))
    if tok.dep_ == "advcl" and tok.tag_ == "VBG":
        # "the plane crashed in fog, killing all 96", "an earthquake struck, killing 40": the
        # result of a mishap
        if lemma(tok.head) in words("accident_verbs"):
            return None
        causes.append(child(tok.head, "nsubj"))
    return None if any(c is not None and lemma(c) in mishaps for c in causes) else d


@rule("fire_for_a_reason_is_criticism", "actors")
def fire_for_a_reason_is_criticism(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "The Kenyan minister came under fire for the tax plan", "... under fire over the
    killings", "came under fire from rights groups": fire one comes under for a reason (a
    "for" or "over" phrase), or from a party that bears no arms (lexicon unarmed_sectors),
    is criticism of the subject, not gunfire."""
    obj = d.trigger.object_token
    if "undergoer" not in d.trigger.pattern.targets or obj is None or lemma(obj) != "fire":
        return d  # "came under fire", not "opened fire"
    hosts = (d.token, obj, obj.head)
    reason = any(
        c.dep_ == "prep" and c.lower_ in ("for", "over") and not _time_span(c)
        for h in hosts
        for c in h.children
    )
    unarmed = bool(d.sources) and all(
        a.code == "NGO" or a.sector in words("unarmed_sectors") for a in d.sources
    )
    if reason or unarmed:
        d.entry = ctx.ontology.code(cameo("criticism"))
        d.id_code = d.entry.code
    return d


def _time_span(prep) -> bool:
    """ "over the weekend", "for weeks": a span of time, not a reason."""
    pobj = child(prep, "pobj")
    return pobj is not None and (
        pobj.ent_type_ in ("DATE", "TIME") or lemma(pobj) in words("time_span_nouns")
    )


@rule("an_injury_with_no_doer_is_a_count", "gate")
def an_injury_with_no_doer_is_a_count(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Police said 40 people were arrested and 14 officers were slightly injured": people
    counted as hurt, with no one named who hurt them, told beside another act of the same
    report (arrests, a deployment), are a detail of that report, not another act. Told alone
    ("the army said three soldiers were wounded") the count is the news and is coded; one
    person named as hurt ("the commander was wounded in an airstrike") is the act's target."""
    tok = d.token
    if lemma(tok) not in words("injury_verbs") or d.trigger.pattern.pos != "v":
        return d
    if child(tok, "agent") is not None:
        return d  # "wounded by police gunfire": the doer is named
    if any(c.dep_ == "advcl" and child(c, "nsubj") is not None for c in tok.children):
        return d  # "were hurt when a crowd hurled rocks": what hurt them is named
    if not is_passive(tok) or child(tok, "nsubj") is not None:
        return d
    if not any(c.pos_ in ("VERB", "AUX") for c in tok.conjuncts):
        return d  # "the army said three soldiers were wounded": the count is the news
    hurt = child(tok, "nsubjpass")
    counted = hurt is not None and (
        hurt.tag_ in ("NNS", "CD") or any(c.dep_ == "nummod" for c in hurt.children)
    )
    return None if counted else d  # "Baghdadi was wounded in an airstrike": a named target
