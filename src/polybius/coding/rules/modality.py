"""Modality rules: whether the trigger reports an event, and with which status."""

from __future__ import annotations

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.embedding import misparsed_complement
from polybius.coding.lexicon import load_cues, words
from polybius.coding.rules.registry import rule
from polybius.coding.syntax import (
    SUBJECT_DEPS,
    child,
    instead_of,
    lemma,
    party_purpose,
    phrase_text,
    prep_children,
    purpose_clause,
    ruled_out,
    undergone_in_sequence,
)
from polybius.coding.voice import has_a_tense, is_passive


def chain_children(draft: EventDraft):
    return (c for t in draft.modality.chain for c in t.children)


def _or(verb) -> bool:
    """ "had not attacked the camp or shelled the town": an alternative shares the first
    verb's governors and negation, whatever its tag."""
    return any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in verb.head.children) or any(
        c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in verb.children
    )


@rule("finite_conjunct_is_its_own_act", "modality")
def finite_conjunct_is_its_own_act(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "The army had long warned the rebels, and last week stormed their camp": a verb
    coordinated with another in a tense of its own is an act of its own; the verbs the first
    one is embedded under ("warned") do not govern it, nor does its "not" ("is not sending
    troops but does fund the militia"). An infinitive ("vowed to strike and destroy") and an
    alternative ("has not attacked or shelled") still share the first verb's governors. The
    clauses above (a "said" both hang on) stay."""
    m = d.modality
    for k, tok in enumerate(m.chain[:-1]):
        if tok.dep_ == "conj" and tok.pos_ == "VERB" and has_a_tense(tok) and not _or(tok):
            kept = {t.i for t in m.chain[: k + 1]}
            m.chain = m.chain[: k + 1]
            m.governors = [g for g in m.governors if g.i in kept]
            return d
    return d


@rule("partner_verb_does_not_govern", "modality")
def partner_verb_does_not_govern(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "issued a statement saying the army had won and urging residents to stay home": a
    verb coordinated with another ("and", not an "or" alternative) is that verb's partner,
    not its complement; the partner does not govern it (the urging is no claim of the
    saying), while the verbs both hang on still do. Only partners of one form ("saying ...
    and urging"): "wants to prevent X and hunt down Y" joined to "wants" is the parser's
    slip, the hunt is still wanted."""
    m = d.modality
    for k, tok in enumerate(m.chain[:-1]):
        partner = m.chain[k + 1]
        if tok.dep_ == "conj" and tok.pos_ == "VERB" and tok.tag_ == partner.tag_ and not _or(tok):
            m.governors = [g for g in m.governors if g.i != partner.i]
    return d


@rule("purpose_is_not_the_event", "modality")
def purpose_is_not_the_event(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    tok = d.token
    if (
        (purpose_clause(tok) or party_purpose(tok))
        and not misparsed_complement(tok, load_cues())
        and lemma(tok) not in words("purpose_events")
    ):
        return None
    return d


@rule("scene_before_or_after", "modality")
def scene_before_or_after(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Since the invasion", "after talks in Doha": an act after these prepositions sets the
    scene. What the subject underwent right before or after ("returned home after being
    deported", "is in jail after being convicted") is news of its own."""
    bg = words("background_prepositions")
    if undergone_in_sequence(d.token):
        return d
    return None if any(p.lower_ in bg for p in d.modality.climbed_preps) else d


@rule("instead_of_is_not_done", "modality")
def instead_of_is_not_done(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    return None if any(instead_of(p) for p in d.modality.climbed_preps) else d


@rule("accused_act_is_a_claim", "modality")
def accused_act_is_a_claim(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "X accused Y of attacking Z": Y's attack on Z is X's claim, Y its doer."""
    verb = next((v for p in d.modality.climbed_preps if (v := _accusing_verb(p)) is not None), None)
    if verb is None:
        return d
    return _claimed_against(d, verb, child(verb, "dobj") or child(verb, "nsubjpass"))


def _claimed_against(d: EventDraft, verb, accused) -> EventDraft:
    """The act is the claim of `verb`'s subject (the accuser, the blamer), `accused` its doer."""
    m = d.modality
    m.status, m.accused = "claimed", accused
    teller = child(verb, "nsubj")
    if teller is not None:
        m.attributed_to = phrase_text(teller)
    return d


@rule("a_harm_blamed_on_a_party_is_its_act", "modality")
def a_harm_blamed_on_a_party_is_its_act(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "X blamed the bombing on the PKK", "X pinned the attack on Y", "X attributed the
    blast to Y": the harm is X's claim, Y its doer (the "on" phrase, which the parser may hang
    on the noun, names no target of the bombing)."""
    tok = d.token
    blaming = words("blame_on_verbs")
    if d.trigger.pattern.pos != "n" or tok.dep_ != "dobj" or lemma(tok.head) not in blaming:
        return d
    verb = tok.head
    preps = {"to"} if lemma(verb) == "attribute" else {"on"}
    blamed = prep_children(tok, preps) or prep_children(verb, preps)
    return _claimed_against(d, verb, blamed[0]) if blamed else d


def _accusing_verb(prep):
    """The verb of accusation an "of" phrase belongs to: on the verb, or as parsed on its
    object ("accused the army of shelling") or on its "by" phrase ("was accused by rights
    groups of shelling"); or the verb of judging a "for" phrase belongs to ("condemned
    Russia for shelling Kharkiv": the shelling is Russia's, as the condemner tells it)."""
    holder = prep.head
    if holder.dep_ == "dobj":
        holder = holder.head
    elif holder.dep_ == "pobj" and holder.head.dep_ == "agent":
        holder = holder.head.head
    if lemma(holder) in words("accusation_verbs"):
        return holder
    # "condemned Russia for shelling Kharkiv", "thanked Kenya for hosting the talks"
    judged = prep.lower_ == "for" and lemma(holder) in words("judging_for_verbs")
    return holder if judged else None


@rule("charged_act_is_not_an_event", "modality")
def charged_act_is_not_an_event(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    cues, accusing = load_cues(), words("accusation_verbs")
    preps = list(d.modality.climbed_preps)
    tok = d.token
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and tok.head.lower_ in ("of", "for"):
        preps.append(tok.head)  # "convicted of genocide", "jailed for sedition"
    charged = any(
        cues.has("charge", lemma(word)) and lemma(word) not in accusing
        for p in preps
        for word in _charging_words(p)
    )
    return None if charged else d


def _charging_words(prep) -> tuple:
    """The word an "of/for" phrase belongs to: its head ("faces prosecution for fighting"),
    and the verb whose object the parser hung it on ("convicted the man of kidnapping a
    girl")."""
    head = prep.head
    return (head, head.head) if head.dep_ in ("dobj", "appos", "npadvmod") else (head,)


@rule("ruled_out_is_refused", "modality")
def ruled_out_is_refused(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    if any(ruled_out(t) for t in d.modality.governors):
        d.modality.situation = "refused"
    return d


def firm_resolve(gov) -> bool:
    """A hedge denied is resolve: "will not hesitate to strike", "never hesitated to act"
    (lexicon resolve_when_denied) say the act is intended, not refused."""
    return lemma(gov) in words("resolve_when_denied") and any(
        c.dep_ == "neg" or c.lower_ == "never" for c in gov.children
    )


@rule("negation_marks", "modality")
def negation_marks(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    neg = words("negation_words")
    for c in chain_children(d):
        if firm_resolve(c.head):
            continue  # "will not hesitate to strike": the "not" denies the hesitation
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in neg):
            d.modality.negated = True
        if c.dep_ in ("nsubj", "nsubjpass") and any(g.lower_ == "neither" for g in c.children):
            d.modality.negated = True  # "Neither Israel nor Hamas has agreed"
    first = d.token.head if d.token.dep_ == "conj" else d.token
    if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in first.children):
        d.modality.negated = True  # "neither confirmed nor denied the strike"
    # "gave no aid", "imposed no sanctions", "no attacks were reported": the event's own noun
    # (the trigger, or the object its pattern asks for) denied by "no"; so is a governing
    # noun of intent ("has no plans to repatriate"; not "see no problem in aligning")
    cues = load_cues()
    governing_nouns = [
        g for g in d.modality.governors if g.pos_ == "NOUN" and cues.has("intent", lemma(g))
    ]
    for noun in (d.token, d.trigger.object_token, *governing_nouns):
        if noun is None or lemma(noun) in words("no_idiom_nouns"):
            continue  # "a motion of no confidence" denies nothing
        if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
            d.modality.negated = True
    return d


@rule("hedged_is_not_an_event", "modality")
def hedged_is_not_an_event(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    cues = load_cues()
    children = list(chain_children(d))
    auxes = [c for c in children if c.dep_ in ("aux", "auxpass")]
    counterfactual = any(lemma(c) == "have" for c in auxes)  # "would have struck": it did not
    # "would rather fight them": a preference, not a plan
    preferred = any(
        c.dep_ == "advmod" and c.lower_ in words("preference_adverbs") for c in children
    )
    for c in auxes:
        if cues.has("hedge", c.lower_) and (c.lower_ != "would" or counterfactual or preferred):
            return None
    return d


def future_aux(c) -> bool:
    """ "will", "would", "going to": an auxiliary of the future; a headline's "to" (a
    subject with a "to" infinitive as its only verb: "Kenya to deploy police to Haiti"); the
    "to" of a passive infinitive on a noun ("a summit to be held on Friday")."""
    low = c.lower_
    if c.dep_ not in ("aux", "auxpass"):
        return False
    verb = c.head
    headline_to = (
        low == "to"
        and verb.dep_ == "ROOT"
        and verb.tag_ == "VB"
        and child(verb, "nsubj") is not None
    )
    # "a summit to be held on Friday", "the deal to be signed next week": what is still to be
    # done to a noun
    to_be_done = (
        low == "to"
        and verb.dep_ in ("acl", "relcl", "ccomp", "csubjpass", "ROOT")
        and any(a.dep_ == "auxpass" for a in verb.children)
        and not (verb.dep_ == "ccomp" and load_cues().has("command", lemma(verb.head)))
    )  # "ordered the journalist to be released": the order decides it (orders.py)
    return headline_to or to_be_done or load_cues().has("future", low) or low in ("would", "going")


@rule("condition_is_not_an_event", "modality")
def condition_is_not_an_event(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    cues = load_cues()
    marks = [c for c in chain_children(d) if c.dep_ == "mark"]
    marks += [c for clause, _ in d.modality.clauses for c in clause.children if c.dep_ == "mark"]
    return None if any(cues.has("condition", c.lower_) for c in marks) else d


@rule("unless_is_conditioned", "modality")
def unless_is_conditioned(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "will boycott the vote unless the president resigns", "would call protests if he
    was not released": a promised act on a condition the other side must meet is a threat."""
    if d.modality.situation == "intended" and any(
        c.dep_ == "advcl" and _demanded_condition(c) for c in chain_children(d)
    ):
        d.modality.situation = "conditioned"
    return d


def _demanded_condition(clause) -> bool:
    """An "unless" clause, or an "if" clause told negated ("if he was not released")."""
    marks = {g.lower_ for g in clause.children if g.dep_ == "mark"}
    negated = any(g.dep_ == "neg" for g in clause.children)
    return "unless" in marks or ("if" in marks and negated)


@rule("clause_of_speech_or_denial", "modality")
def clause_of_speech_or_denial(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    cues, m = load_cues(), d.modality
    for _, gov in m.told_in:
        if gov is None:
            continue
        if cues.any(("speech", "threat"), lemma(gov)):
            m.status = "claimed"
            speaker = next((c for c in gov.children if c.dep_ in SUBJECT_DEPS), None)
            if speaker is not None:
                m.attributed_to = phrase_text(speaker)
        elif cues.has("denial", lemma(gov)):
            m.status = "denied"
        elif lemma(gov) in words("raised_hedges") and is_passive(gov):
            m.status = "claimed"  # "is thought to have died in an airstrike"
    return d


def demand_object(verb) -> bool:
    """The verb's object is a demand, call or appeal ("reiterated its demand")."""
    obj = child(verb, "dobj")
    return obj is not None and load_cues().has("request", lemma(obj))


@rule("prepared_noun_object", "modality")
def prepared_noun_object(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    tok = d.token
    if tok.pos_ not in ("NOUN", "PROPN") or d.modality.situation is not None:
        return d
    verb = tok.head
    if tok.dep_ == "pobj" and verb.lower_ == "for" and verb.dep_ == "prep":
        verb = verb.head  # "preparing for an offensive", "ready for war"
    elif tok.dep_ != "dobj":
        return d
    if load_cues().has("preparation", lemma(verb)):
        d.modality.situation = "prepared"
    return d


@rule("negated_is_refused", "modality")
def negated_is_refused(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    if d.modality.negated:
        d.modality.situation = "refused"
    return d


@rule("stopping_cooperation_reduces_relations", "modality")
def stopping_cooperation_reduces_relations(
    d: EventDraft, ctx: SentenceContext
) -> EventDraft | None:
    """ "Kenya will no longer send food aid", "France stopped selling weapons to X", "will
    not share intelligence any more": ending an act of cooperation is a reduction of
    relations (SANCTION, recode.tsv situation 'stopped'), not the cooperation, nor a refusal.
    The act is cooperative (lexicon cooperative_types), said to be "no longer" or "not ...
    any more" done, or the gerund of a verb of stopping (lexicon stopping_verbs)."""
    if d.plover_type not in words("cooperative_types"):
        return d
    m, tok = d.modality, d.token
    host = tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "dobj" else tok
    ended = _no_longer(host)
    stopping = words("stopping_verbs")
    stopped = host.dep_ == "xcomp" and bool(m.governors) and lemma(m.governors[0]) in stopping
    if not (ended or stopped):
        return d
    # a negation may have made the plan a refusal: the future is read again
    future = m.situation == "intended" or any(future_aux(c) for c in chain_children(d))
    m.situation, m.negated = "stopped", False
    if future and m.status == "occurred":
        m.status = "intended"
    return d


def _no_longer(verb) -> bool:
    """ "no longer", "no more", "not ... any more/anymore/any longer" on the verb."""
    for c in verb.children:
        if c.dep_ != "advmod":
            continue
        if c.lower_ in ("longer", "more") and any(g.lower_ == "no" for g in c.children):
            return True
        if c.lower_ == "anymore" or (
            c.lower_ in ("longer", "more") and any(g.lower_ == "any" for g in c.children)
        ):
            return any(n.dep_ == "neg" for n in verb.children)
    return False


@rule("announced_readiness_is_a_threat", "modality")
def announced_readiness_is_a_threat(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Erdogan said Turkey was ready to launch an operation against X", "the minister said
    the army was preparing for an offensive": force a party says it is ready for is a warning
    to its target (THREATEN, as the guide codes a warning); forces readied with no one
    speaking ("troops massed on the border, ready to attack") stay a build-up."""
    m = d.modality
    if m.situation != "prepared" or d.plover_type not in words("force_types"):
        return d
    cues = load_cues()
    if any(gov is not None and cues.has("speech", lemma(gov)) for _, gov in m.clauses):
        m.situation = "threatened"
    return d


@rule("plans_are_intended", "modality")
def plans_are_intended(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    m = d.modality
    # a plan someone announces ("X said it would withdraw") is still a plan, not a claim
    if m.situation in ("intended", "prepared") and m.status in ("occurred", "claimed"):
        m.status = "intended"
    return d
