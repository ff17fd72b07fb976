"""Sentence rules: events no trigger pattern names, made from the sentence's structure."""

from __future__ import annotations

from collections.abc import Iterator

from polybius.coding.draft import EventDraft, SentenceContext, Trigger
from polybius.coding.lexicon import cameo, load_cues, words
from polybius.coding.quotes import quoted_speakers
from polybius.coding.rules.registry import rule
from polybius.coding.subject import subject
from polybius.coding.syntax import affirmed_agent, child, codes, far_by_phrase, lemma, wish_verb
from polybius.coding.verb_roles import modifier_actors
from polybius.coding.voice import is_passive
from polybius.events.patterns import Pattern


def rule_pattern(lemma: str, rule_name: str, code: str = "demand") -> Pattern:
    return Pattern(cameo(code), "v", lemma, (), None, ("-",), None, f"rule:{rule_name}")


def preset_draft(ctx: SentenceContext, trigger: Trigger, sources, targets) -> EventDraft:
    entry = ctx.ontology.code(trigger.pattern.cameo)
    return EventDraft(trigger, entry, sources=sources, targets=targets, preset=True)


def _obligation(clause):
    """The modal that makes a clause say what its subject must or should do, or None."""
    return next(
        (c for c in clause.children if c.dep_ == "aux" and c.lower_ in words("obligation_modals")),
        None,
    )


def _unnamed_party(subj, ctx: SentenceContext) -> bool:
    """ "countries must take back their citizens", "the authorities should investigate": a
    party named by its kind only (an agent noun of no state), addressed by no code."""
    m = ctx.sm.by_token.get(subj.i)
    return subj.pos_ == "NOUN" and m is not None and not m.entry.has_code


@rule("obligation_is_a_demand", "sentence")
def obligation_is_a_demand(ctx: SentenceContext) -> Iterator[EventDraft]:
    """ "X said Y must return the helicopter": a demand by the speaker to Y."""
    for tok in ctx.tokens_with_lemma(load_cues().words["speech"]):
        for clause in (c for c in tok.children if c.dep_ == "ccomp"):
            modal = _obligation(clause)
            subj, speaker = child(clause, "nsubj"), subject(tok)
            if modal is None or subj is None or speaker is None:
                continue
            sources, targets = ctx.sm.resolve(speaker), ctx.sm.resolve(subj)
            if sources and (targets or _unnamed_party(subj, ctx)):
                trig = Trigger(modal, rule_pattern("must", "obligation_is_a_demand"))
                yield preset_draft(ctx, trig, sources, targets)


def _wished_party(tok):
    """The party whose act `tok` (want, wish) wishes for: "wants X to extradite him",
    "wanted to see X attack"."""
    wished = None
    for c in tok.children:
        if c.dep_ == "ccomp" and child(c, "nsubj") is not None:
            wished = child(c, "nsubj")
        elif c.dep_ == "xcomp" and lemma(c) == "see":
            wished = next((g for g in c.children if g.dep_ in ("dobj", "ccomp", "nsubj")), None)
            if wished is not None and wished.dep_ == "ccomp":
                wished = child(wished, "nsubj")
    return wished


@rule("wanting_is_a_request", "sentence")
def wanting_is_a_request(ctx: SentenceContext) -> Iterator[EventDraft]:
    """Wanting another named party to act is asking it to (REQUEST)."""
    for tok in ctx.tokens_with_lemma(words("wish_verbs") | words("conditional_wish_verbs")):
        if not wish_verb(tok):
            continue
        wished, subj = _wished_party(tok), subject(tok)
        if wished is None or subj is None:
            continue
        sources = ctx.sm.resolve(subj)
        if not sources:
            continue
        targets = ctx.sm.resolve(wished) or modifier_actors(wished, ctx.sm)
        targets = [t for t in targets if t.code not in codes(sources)]
        if not targets:
            continue  # "wants the soldiers back home", "wished she had": no other party asked
        trig = Trigger(tok, rule_pattern("want", "wanting_is_a_request"))
        yield preset_draft(ctx, trig, sources, targets)


def _verdict(clause) -> bool:
    """A copula clause whose predicate condemns its subject: "was a mistake", "is callous",
    "are terrorists", "is against international law"; or a verb of being one (lexicon
    verdict_copulas): "amounted to a coup", "constitutes a violation"."""
    if clause.lemma_ in words("verdict_copulas"):
        named = [child(p, "pobj") for p in clause.children if p.dep_ == "prep" and p.lower_ == "to"]
        named.append(child(clause, "dobj"))
        return any(n is not None and _condemns(n) for n in named)
    if clause.lemma_ != "be":
        return False
    if lays_blame(clause):
        return True
    for c in clause.children:
        if c.dep_ in ("acomp", "attr") and any(_condemns(g) for g in (c, *c.conjuncts)):
            return True
        law = child(c, "pobj") if c.dep_ == "prep" and c.lower_ == "against" else None
        if law is not None and lemma(law) == "law":
            return True
    return False


def lays_blame(clause) -> bool:
    """ "X was behind the attack", "X was responsible for the bombing", "X is to blame for
    the crisis": a copula clause saying its subject caused a harm (lexicon blamed_harms)."""
    for c in clause.children:
        if c.dep_ == "xcomp" and lemma(c) == "blame" and child(c, "aux") is not None:
            return True
        holders = [c] if c.dep_ == "prep" and c.lower_ == "behind" else []
        if c.dep_ == "acomp" and lemma(c) in words("blame_verdicts"):
            holders = [p for p in c.children if p.dep_ == "prep" and p.lower_ == "for"]
        if any(lemma(child(h, "pobj") or h) in words("blamed_harms") for h in holders):
            return True
    return False


def _condemns(noun, depth: int = 0) -> bool:
    """A predicate word that condemns ("a mistake"), or a noun a condemning word modifies ("a
    terrorist group"), or the part of one ("the armed wing of a terrorist movement"), or a
    scheme of one or with a wrongful aim ("part of a campaign of harassment", "an attempt to
    mislead voters": lexicons scheme_nouns, repressive_aims)."""
    verdicts = words("negative_verdicts")
    if lemma(noun) in verdicts or noun.lower_ in verdicts:
        return True
    if any(m.dep_ in ("amod", "compound") and lemma(m) in verdicts for m in noun.children):
        return True
    if depth < 2 and lemma(noun) in words("part_nouns") | words("scheme_nouns"):
        whole = [child(p, "pobj") for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"]
        if any(w is not None and _condemns(w, depth + 1) for w in whole):
            return True
    if lemma(noun) in words("scheme_nouns"):
        # "a campaign to intimidate the press", "an attempt to mislead voters"
        aims = words("wrongdoing_verbs") | words("repressive_aims")
        return any(c.dep_ in ("acl", "relcl") and lemma(c) in aims for c in noun.children)
    return False


@rule("negative_verdict_is_criticism", "sentence")
def negative_verdict_is_criticism(ctx: SentenceContext) -> Iterator[EventDraft]:
    """ "X said Y's decision was a mistake", "It is unconscionable, X said": the speaker
    criticises the party the condemned subject names (or no one named)."""
    for tok in ctx.tokens_with_lemma(load_cues().words["speech"]):
        speaker = subject(tok)
        sources = ctx.sm.resolve(speaker) if speaker is not None else []
        if not sources:
            continue
        for clause in (c for c in tok.children if c.dep_ == "ccomp" and _verdict(c)):
            condemned = child(clause, "nsubj")
            targets = []
            if condemned is not None:
                targets = ctx.sm.resolve(condemned) or modifier_actors(condemned, ctx.sm)
            trig = Trigger(clause, rule_pattern("be", "negative_verdict_is_criticism", "criticism"))
            yield preset_draft(ctx, trig, sources, targets)


# how the parser may hang a name on the object it names: "called the decision 'irresponsible'"
# (an adjective after its noun), "called the court's decision a disgrace" (an adverbial noun),
# "called the remarks 'a lie'" (an apposition)
OBJECT_NAME_DEPS = ("amod", "npadvmod", "appos")


def _called(verb):
    """What a calling verb calls by a condemning name, and that name: "called the ruling a
    disgrace", "called the policy unfair" (read as the name's compound), "called the decision
    'irresponsible'" (read as an adjective after its noun), "described the plan as a
    betrayal"; (None, None) when it names nothing condemning."""
    obj = child(verb, "dobj")
    if obj is None and verb.dep_ == "relcl":  # "charges Paris called baseless"
        obj = verb.head
    name_deps = ("oprd", "acomp", "xcomp", "ccomp")
    if is_passive(verb):  # "was branded a traitor (by X)": the name may be read as the object
        obj, name_deps = child(verb, "nsubjpass"), (*name_deps, "dobj")
    names = [c for c in verb.children if c.dep_ in name_deps]
    # "described the plan as a betrayal": "as" on the verb, or on its object as parsed
    holders = (verb,) if obj is None else (verb, obj)
    # "likened the raid to a pogrom": a comparison names by its "to" phrase
    preps = ("as", "to") if lemma(verb) in words("likening_verbs") else ("as",)
    names += [  # "as unacceptable" may be read as the preposition's adjective
        child(p, "pobj") or child(p, "amod")
        for h in holders
        for p in h.children
        if p.dep_ == "prep" and p.lower_ in preps
    ]
    if obj is not None:  # "called the decision 'irresponsible'", "... a disgrace" (read on it)
        names += [a for a in obj.children if a.dep_ in OBJECT_NAME_DEPS and a.i > obj.i]
    for name in (n for n in names if n is not None and (_condemns(n) or _dismisses(obj, n))):
        if any(g.dep_ == "neg" for g in (*verb.children, *name.children)):
            return None, None
        called = obj if obj is not None and obj is not name else child(name, "compound")
        return called, name
    return None, None


def _dismisses(called, name) -> bool:
    """ "called the accusations ludicrous", "dismissed the report as fabricated": a name
    that dismisses a charge (lexicon dismissive_names)."""
    return (
        called is not None
        and lemma(called) in words("charge_nouns")
        and lemma(name) in words("dismissive_names")
    )


def voiced_by(verb):
    """Who does a verb of saying: its subject, or in the passive its "by" phrase ("a claim
    denied by the army", "was called a criminal by the president"), or None."""
    if not is_passive(verb):
        return subject(verb)
    agent = affirmed_agent(verb)
    return child(agent, "pobj") if agent is not None else None


def _caller(verb, name):
    """Who calls (voiced_by), also when the parser hung the passive's "by" on the verb's
    phrases or on the name ("branded a traitor by X")."""
    found = voiced_by(verb)
    if found is not None or not is_passive(verb):
        return found
    return far_by_phrase(verb) or (far_by_phrase(name) if name is not None else None)


@rule("condemning_name_is_criticism", "sentence")
def condemning_name_is_criticism(ctx: SentenceContext) -> Iterator[EventDraft]:
    """ "X called the ruling a disgrace", "X described the plan as a betrayal": calling
    something by a condemning name (lexicon negative_verdicts) criticises the party it names
    or whose it is, as saying it is one does (negative_verdict_is_criticism)."""
    for verb in ctx.tokens_with_lemma(words("calling_verbs")):
        called, name = _called(verb)
        speaker = _caller(verb, name)
        if name is None or speaker is None:
            continue
        sources = ctx.sm.resolve(speaker)
        if not sources:
            continue
        targets = []
        if called is not None:
            targets = ctx.sm.resolve(called) or modifier_actors(called, ctx.sm)
        # "called the accusations ludicrous": a charge dismissed is denied, not criticised
        denied = called is not None and lemma(called) in words("charge_nouns")
        trig = Trigger(
            name,
            rule_pattern(
                lemma(verb),
                "condemning_name_is_criticism",
                "denial" if denied else "criticism",
            ),
        )
        yield preset_draft(ctx, trig, sources, targets)


def wrongdoer(clause):
    """Who a reported clause says did wrong, or None: the subject of a verb of wrongdoing
    ("had betrayed its voters", lexicon wrongdoing_verbs), its "by" phrase in the passive
    ("was rigged by the ruling party"), or the subject of an act done in a condemning manner
    ("acted unlawfully", lexicon condemning_manners). A clause negated or told with a modal
    ("would betray") says no wrong was done."""
    if not told_as_done(clause):
        return None
    wrong = lemma(clause) in words("wrongdoing_verbs") or any(
        c.dep_ == "advmod" and c.lower_ in words("condemning_manners") for c in clause.children
    )
    if not wrong:
        return None
    if is_passive(clause):
        agent = affirmed_agent(clause)
        return child(agent, "pobj") if agent is not None else None
    return child(clause, "nsubj")


def told_as_done(clause) -> bool:
    """Neither negated nor told with a modal ("would betray"): the clause says it was done."""
    return not any(c.dep_ == "neg" or (c.dep_ == "aux" and c.tag_ == "MD") for c in clause.children)


def _wrong_by_no_one_named(clause) -> bool:
    """ "the vote was rigged": a wrong in the passive with no "by" phrase (its doer left to
    the story)."""
    return (
        is_passive(clause)
        and lemma(clause) in words("wrongdoing_verbs")
        and affirmed_agent(clause) is None
        and told_as_done(clause)
    )


def _said_clauses(verb):
    """The clauses a verb of speech reports, and the clause such a clause says its evidence
    shows ("said the case showed that the authorities had weaponised the law")."""
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        yield clause
        if lemma(clause) in words("evidence_verbs"):
            yield from (c for c in clause.children if c.dep_ == "ccomp")


@rule("reported_wrongdoing_is_an_accusation", "sentence")
def reported_wrongdoing_is_an_accusation(ctx: SentenceContext) -> Iterator[EventDraft]:
    """ "X said Y had misled parliament", "X said the count was falsified by Y", "X said the
    police acted unlawfully": a speaker saying a named party did wrong accuses it. A clause
    that condemns with a predicate ("was a mistake") is negative_verdict_is_criticism's."""
    for tok in ctx.tokens_with_lemma(load_cues().words["speech"]):
        if child(tok, "neg") is not None:
            continue
        speaker = subject(tok)
        sources = ctx.sm.resolve(speaker) if speaker is not None else []
        if not sources:
            continue
        for clause in (c for c in _said_clauses(tok) if not _verdict(c)):
            wrong = wrongdoer(clause)
            if wrong is None and not _wrong_by_no_one_named(clause):
                continue
            targets = (
                [] if wrong is None else ctx.sm.resolve(wrong) or modifier_actors(wrong, ctx.sm)
            )
            if targets or wrong is None:
                name = "reported_wrongdoing_is_an_accusation"
                trig = Trigger(clause, rule_pattern(lemma(clause), name, "accusation"))
                yield preset_draft(ctx, trig, sources, targets)


@rule("quotation_of_the_last_speaker", "sentence")
def quotation_of_the_last_speaker(ctx: SentenceContext) -> Iterator[EventDraft]:
    """ "X said on Monday ... “Y must release them.”": a quotation with no reporting verb of
    its own is the last named speaker's (coding/quotes.py); what it says a named party must
    do is a demand, what it condemns is criticised, as when the speaker is in the sentence."""
    speakers = quoted_speakers(ctx.sent, ctx.sm.context)
    if not speakers:
        return
    root = ctx.sent.root
    subj = child(root, "nsubj")
    if _obligation(root) is not None and subj is not None:
        targets = ctx.sm.resolve(subj)
        if targets:
            trig = Trigger(_obligation(root), rule_pattern("must", "quotation_of_the_last_speaker"))
            yield preset_draft(ctx, trig, speakers, targets)
    elif _verdict(root):
        targets = []
        if subj is not None:
            targets = ctx.sm.resolve(subj) or modifier_actors(subj, ctx.sm)
        pattern = rule_pattern("be", "quotation_of_the_last_speaker", "criticism")
        yield preset_draft(ctx, Trigger(root, pattern), speakers, targets)
