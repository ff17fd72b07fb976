"""Recoding: a planned, threatened or refused act becomes the event the plan, threat or
refusal is (`events/data/recode.tsv`); a withdrawal from a pact or a body is a sanction; a
joint exercise is cooperation; a strike by workers is a labour strike."""

from __future__ import annotations

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import cameo, load_recoding, words
from polybius.coding.rules.registry import rule
from polybius.coding.subject import subject
from polybius.coding.syntax import child, codes, first_participle, has_to, lemma, of_time


@rule("labour_strike_is_a_protest", "recode")
def labour_strike_is_a_protest(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Nurses will strike on Monday", "the teachers' strike", "a strike by port workers", "a
    general strike": a strike by workers (a labour sector: lexicon labour_sectors) or named as
    a labour one (lexicon labour_strike_modifiers) is a strike (PROTEST, CAMEO 143), not
    force. "Striking workers" describes the workers: no event."""
    if d.plover_type != "ASSAULT" or lemma(d.token) != "strike":
        return d
    tok = d.token
    if tok.dep_ == "amod" and _labour(tok.head, ctx):
        return None
    if d.trigger.pattern.pos == "n":
        owners = [c for c in tok.children if c.dep_ in ("poss", "compound", "amod")]
        # "a strike by port workers", "a strike of miners": the strikers in its phrase
        owners += [
            child(p, "pobj") for p in tok.children if p.dep_ == "prep" and p.lower_ in ("by", "of")
        ]
        owners = [c for c in owners if c is not None]
        labour = any(
            _labour(c, ctx) or c.lower_ in words("labour_strike_modifiers") for c in owners
        )
    elif tok.tag_ == "VBG" and subject(tok) is None and _labour(child(tok, "dobj"), ctx):
        return None  # "the pay of striking employees", read as striking them
    else:
        labour = child(tok, "dobj") is None and _labour(subject(tok), ctx)
    if labour:
        d.entry = ctx.ontology.code(cameo("labour_strike"))
    return d


def _labour(tok, ctx: SentenceContext) -> bool:
    """A phrase headed by workers of a labour sector ("nurses", "the teachers' union")."""
    if tok is None:
        return False
    m = ctx.sm.by_token.get(tok.i)
    return m is not None and m.entry.sector in words("labour_sectors")


@rule("a_demand_in_protest_is_the_protest", "recode")
def a_demand_in_protest_is_the_protest(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Protesters demanded the mayor's resignation", "nurses marched through the city,
    demanding higher pay": a demand voiced by protesters (lexicon protester_words), or by
    marching, rallying or striking (the participle of a protest verb, lexicon protest_verbs,
    also after other participles of it: "marched, chanting slogans and demanding X"), is
    what the protest is for: the codebook's demonstration (PROTEST, CAMEO 141), not a
    verbal request of its own."""
    if d.plover_type != "REQUEST" or d.trigger.pattern.pos != "v":
        return d
    tok = d.token
    doer = subject(tok)
    by_protesters = doer is not None and lemma(doer) in words("protester_words")
    first = first_participle(tok)  # "marched, chanting slogans and demanding X"
    in_protest = (
        tok.tag_ == "VBG"
        and first.dep_ in ("advcl", "xcomp", "conj")
        and lemma(first.head) in words("protest_verbs")
    )
    if by_protesters or in_protest:
        d.entry = ctx.ontology.code(cameo("demonstration"))
    return d


@rule("wished_force_is_no_threat", "recode")
def wished_force_is_no_threat(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Ankara hopes to dislodge the militia", "the US wants to hunt down the fighters":
    force a party only wants, hopes or seeks to use (lexicon wish_governors) is an aim, not
    an announced threat (the guide codes violent acts announced for the future by their
    wording: a warning is a threat, forces massed a build-up); no event."""
    if d.modality.situation != "intended" or d.plover_type != "ASSAULT":
        return d
    governors = {lemma(g) for g in d.modality.governors}
    return None if governors and governors <= words("wish_governors") else d


@rule("situation_recoding", "recode")
def situation_recoding(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    situation = d.modality.situation
    if not situation:
        return d
    table = load_recoding()  # a row for the draft's CAMEO code before its type's
    new = table.get((situation, d.entry.code)) or table.get((situation, d.plover_type), "-")
    if new == "drop":
        return None
    if new != "-":
        d.entry = ctx.ontology.code(new)
        d.id_code = new
    return d


@rule("leaving_a_pact_is_a_sanction", "recode")
def leaving_a_pact_is_a_sanction(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "the US withdrawal from the Iran nuclear deal", "their withdrawal from ECOWAS": a
    party withdrawing from a treaty, a deal or an organisation (lexicon pact_nouns, or an
    intergovernmental body) reduces relations (SANCTION, the codebook's withdraw mode), not
    a retreat or a concession; with no target named, the body left is it."""
    if d.plover_type not in ("RETREAT", "CONCEDE"):
        return d
    withdrawing = words("withdrawal_words")
    hosts = [t for t in (d.token, d.trigger.object_token) if t is not None]
    hosts = [t for t in hosts if lemma(t) in withdrawing]  # not "observers from the OSCE"
    hosts += [c for h in hosts for c in h.children if c.dep_ in ("prt", "advmod")]
    for host in hosts:
        for prep in (c for c in host.children if c.dep_ == "prep" and c.lower_ in ("from", "of")):
            left = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if left is not None and _is_a_pact(left, ctx):
                d.entry = ctx.ontology.code(cameo("leaving_a_pact"))
                own = set(codes(d.sources))
                body = [a for a in ctx.sm.resolve(left) if a.code and a.code not in own]
                d.targets = d.targets or body
                return d
    return d


def _is_a_pact(tok, ctx: SentenceContext) -> bool:
    if lemma(tok) in words("pact_nouns"):
        return True
    return any(a.sector == "IGO" for a in ctx.sm.resolve(tok))


@rule("a_call_for_an_act_is_a_demand", "recode")
def a_call_for_an_act_is_a_demand(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Germany's calls for a ceasefire", "joined calls on Israel to halt the offensive",
    "amid calls from Washington for talks", "a call for Congress to act": a call (lexicon
    call_nouns) with what is called for (a "for" or "on" phrase, an infinitive, a "for"
    clause) is an appeal (REQUEST), not a phone call (CONSULT); its "on" phrase names whom it
    is made of, its "from" phrase who makes it."""
    if d.plover_type != "CONSULT" or d.trigger.pattern.pos != "n":
        return d
    tok = d.token
    if lemma(tok) not in words("call_nouns"):
        return d
    preps = {
        c.lower_: obj
        for c in tok.children
        if c.dep_ == "prep" and (obj := child(c, "pobj")) is not None and not of_time(c)
    }
    infinitive = any(
        c.dep_ in ("acl", "relcl") and has_to(c) or _for_clause(c) for c in tok.children
    )
    phone = any(c.dep_ == "compound" and c.lower_ in words("phone_words") for c in tok.children)
    if phone or not ("for" in preps or "on" in preps or infinitive):
        return d
    d.entry = ctx.ontology.code(cameo("appeal"))
    if not d.sources and "from" in preps:
        d.sources = ctx.sm.resolve(preps["from"])
    if "on" in preps:
        own = set(codes(d.sources))
        d.targets = [a for a in ctx.sm.resolve(preps["on"]) if a.code not in own] or d.targets
    return d


def _for_clause(clause) -> bool:
    """ "call for Congress to pass the bill": a clause the parser opens with "for" as its
    marker, hung on the noun."""
    return clause.dep_ in ("acl", "advcl", "relcl") and any(
        m.dep_ == "mark" and m.lower_ == "for" for m in clause.children
    )


@rule("forces_arriving_are_deployed", "recode")
def forces_arriving_are_deployed(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Russian troops arrived in Mali", "Kenyan police officers landed in Haiti", "two
    Chinese warships docked in Cambodia": forces (a noun of lexicon deployed_force_nouns, or a
    military or police party) arriving somewhere are deployed there (MOBILIZE, CAMEO 154),
    not on a visit."""
    if d.plover_type != "CONSULT" or d.trigger.pattern.pos != "v":
        return d
    if lemma(d.token) not in words("arrival_verbs"):
        return d
    who = subject(d.token)
    forces = words("deployed_force_nouns")
    # "Guard members", "police officers": the kind of member its compound names
    force = who is not None and (
        lemma(who) in forces
        or any(c.dep_ == "compound" and lemma(c) in forces for c in who.children)
    )
    if force or any(a.sector in ("MIL", "COP") for a in d.sources):
        d.entry = ctx.ontology.code(cameo("deployment"))
    return d


@rule("joint_exercise_is_cooperation", "recode")
def joint_exercise_is_cooperation(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "carried out joint drills", "conducted joint training manoeuvres": an exercise held
    jointly (lexicon joint_modifiers) is military cooperation (COOPERATE, as the coding guide
    lists joint exercises), not one side's show of force (MOBILIZE)."""
    if d.plover_type != "MOBILIZE":
        return d
    for noun in (t for t in (d.token, d.trigger.object_token) if t is not None):
        if any(c.dep_ == "amod" and c.lower_ in words("joint_modifiers") for c in noun.children):
            d.entry = ctx.ontology.code(cameo("joint_exercise"))
            return d
    return d
