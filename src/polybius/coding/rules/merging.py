"""Merge rules: one event per happening, however many words of the sentence report it."""

from __future__ import annotations

from polybius.coding.actor_labels import PLACE_RULES
from polybius.coding.draft import SentenceContext
from polybius.coding.lexicon import load_cues, words
from polybius.coding.noun_roles import manner_verb
from polybius.coding.rules.registry import rule
from polybius.coding.syntax import in_phrase_of, lemma, purpose_of, result_of, same_span
from polybius.models import Event

# an event and the token indices of the cue verbs it stands for ("agreed to meet": agreed)
Coded = tuple[Event, list[int]]


@rule("governing_verb_not_coded_twice", "merge")
def governing_verb_not_coded_twice(coded: list[Coded], ctx: SentenceContext) -> list[Coded]:
    """ "agreed to meet", "threatened to strike": the embedded event, recoded, stands for the
    governing verb, which is not coded a second time."""
    governing = {i for _, governors in coded for i in governors}
    return [(e, g) for e, g in coded if e.trigger_token not in governing]


def argument_targets(event: Event) -> set[str]:
    """Target codes that come from the sentence's arguments, not from where it happened."""
    return {t.code for t in event.targets if t.code and t.rule not in PLACE_RULES}


def same_event(a: Event, b: Event, doc) -> bool:
    """Two triggers of one event ("civilians were killed in an airstrike", "troops opened
    fire, killing one protester", conjoined verbs of one plan) when the parties agree (a
    missing target, or one only inferred from the place, agrees with any)."""
    sa, sb = set(a.source_codes), set(b.source_codes)
    if a.plover_type != b.plover_type or not (sa == sb or not sa or not sb):
        return False  # an unnamed doer agrees with any: "shelling hit X, killing three"
    if a.trigger_start == b.trigger_start:
        return set(a.target_codes) == set(b.target_codes)
    ta, tb = argument_targets(a), argument_targets(b)
    if not (ta == tb or not ta or not tb):
        return False
    ha, hb = doc[a.trigger_token], doc[b.trigger_token]
    if a.status == b.status == "intended" and hb in ha.conjuncts:
        return True  # "plans to fly to X and meet Y": one plan
    return any(
        test(x, y)
        for test in (in_phrase_of, purpose_of, result_of)
        for x, y in ((ha, hb), (hb, ha))
    )


def _tells_more(new: Event, old: Event) -> bool:
    """The mention that names the doer, else the one that names the target, speaks for both."""
    if bool(new.source_codes) != bool(old.source_codes):
        return bool(new.source_codes)
    return bool(argument_targets(new)) and not argument_targets(old)


@rule("a_warning_and_its_threat_are_one", "merge")
def a_warning_and_its_threat_are_one(coded: list[Coded], ctx: SentenceContext) -> list[Coded]:
    """ "Ankara warned that its troops would enter X", "Tehran vowed that it would strike
    back": the warning or threat (a verb of the cue list threat) and the force its clause
    announces (recoded a threat) are one threat, coded once as the warning; its target, if it
    names none, is the announced act's."""
    doc = ctx.sent.doc
    cues = load_cues()
    warnings = {
        e.trigger_token: e
        for e, _ in coded
        if e.plover_type == "THREATEN" and cues.has("threat", lemma(doc[e.trigger_token]))
    }
    kept: list[Coded] = []
    for e, g in coded:
        threat = e.plover_type == "THREATEN"
        warning = _warned_in(doc[e.trigger_token], warnings) if threat else None
        if warning is None or warning is e or not set(e.source_codes) <= set(warning.source_codes):
            kept.append((e, g))
            continue
        if not warning.targets:
            warning.targets = list(e.targets)
        note = f"rule:a_warning_and_its_threat_are_one also stands for '{e.trigger_text}'"
        warning.trace.append(note)
    return kept


def _warned_in(tok, warnings: dict[int, Event]) -> Event | None:
    """The coded warning whose "that" clause holds `tok` (through its verb chain)."""
    while tok.head.i != tok.i and tok.dep_ in ("xcomp", "conj", "ccomp", "aux", "advcl"):
        if tok.dep_ == "ccomp" and tok.head.i in warnings:
            return warnings[tok.head.i]
        tok = tok.head
    return None


@rule("one_event_two_triggers", "merge")
def one_event_two_triggers(coded: list[Coded], ctx: SentenceContext) -> list[Coded]:
    """Two words reporting one event are coded once, as the mention that tells more."""
    doc = ctx.sent.doc
    return _merge_twins(coded, lambda a, b: same_event(a, b, doc), "one_event_two_triggers")


@rule("acts_under_one_governor_are_one", "merge")
def acts_under_one_governor_are_one(coded: list[Coded], ctx: SentenceContext) -> list[Coded]:
    """ "vowed to expel the envoys and halt all flights", "offered to free the crew and
    return the ship": conjoined acts under one verb of intent, refusal or threat, recoded
    to its type, are one threat, promise or refusal, coded once when their parties agree."""
    doc = ctx.sent.doc
    kept: list[Coded] = []
    for event, governors in coded:
        twin = next(
            (
                other
                for other, others in kept
                if governors
                and set(governors) & set(others)
                and other.plover_type == event.plover_type
                and doc[event.trigger_token] in doc[other.trigger_token].conjuncts
                and _parties_agree(event, other)
            ),
            None,
        )
        if twin is None:
            kept.append((event, governors))
        else:
            _stands_for(twin, event, "acts_under_one_governor_are_one")
    return kept


def _parties_agree(a: Event, b: Event) -> bool:
    """Each side the same in both, or unnamed in one of them."""
    sa, sb = set(a.source_codes), set(b.source_codes)
    ta, tb = argument_targets(a), argument_targets(b)
    return (sa == sb or not sa or not sb) and (ta == tb or not ta or not tb)


@rule("journey_and_its_purpose_are_one", "merge")
def journey_and_its_purpose_are_one(coded: list[Coded], ctx: SentenceContext) -> list[Coded]:
    """ "will fly to Paris for talks", "travelled to Delhi for a summit": the meeting a coded
    journey is made for is the journey's event (the visit, or the plan of one), coded once
    with the journey's status; a target only the meeting names goes to the journey."""
    doc = ctx.sent.doc
    journeys = {e.trigger_token: e for e, _ in coded}
    kept: list[Coded] = []
    for event, governors in coded:
        noun = doc[event.trigger_token]
        verb = noun.head.head
        purpose = noun.dep_ == "pobj" and noun.head.lower_ == "for"
        moving = purpose and lemma(verb) in words("motion_verbs")
        journey = journeys.get(verb.i) if moving else None
        if event.plover_type != "CONSULT" or journey is None:
            kept.append((event, governors))
        else:
            _stands_for(journey, event, "journey_and_its_purpose_are_one")
    return kept


@rule("manner_of_a_coded_act", "merge")
def manner_of_a_coded_act(coded: list[Coded], ctx: SentenceContext) -> list[Coded]:
    """How a coded act was done is no act of its own. "resigned in protest", "walked out in
    protest at the law": the protest is the manner of the resignation; it is an act only where
    its verb is no trigger ("blocked the roads in protest"): a dropped draft of the verb takes
    the protest with it. "retaliated by imposing export controls": a verb of response (lexicon
    response_verbs) whose "by" phrase is a coded act is that act, which stays (with the
    response's target when it names none): the response's own type would guess what the
    means says."""
    doc = ctx.sent.doc
    acts = {e.trigger_token: e for e, _ in coded}
    done = set(acts) | {i for i, _, _ in ctx.dropped}
    means = {m.i: acts[i] for i in acts if (m := _response_by(doc[i])) is not None}
    kept: list[Coded] = []
    for event, governors in coded:
        verb = manner_verb(doc[event.trigger_token])
        act = means.get(event.trigger_token)
        if act is not None:
            act.trace.append(f"rule:manner_of_a_coded_act also stands for '{event.trigger_text}'")
            _take_missing_sides(act, event)
        elif verb is None or verb.i not in done:
            kept.append((event, governors))
        elif verb.i in acts:
            note = f"rule:manner_of_a_coded_act also stands for '{event.trigger_text}'"
            acts[verb.i].trace.append(note)
    return kept


def _response_by(tok):
    """The verb of response whose "by" phrase `tok` heads ("retaliated by expelling")."""
    if tok.dep_ != "pcomp" or tok.head.lower_ != "by" or tok.head.dep_ != "prep":
        return None
    verb = tok.head.head
    return verb if lemma(verb) in words("response_verbs") else None


@rule("one_force_event_per_sentence", "merge")
def one_force_event_per_sentence(coded: list[Coded], ctx: SentenceContext) -> list[Coded]:
    """ "jets struck the camp and killed nine", "the raid, which left two dead": force
    told by two words of one sentence, whatever the syntax between them, is one event when
    neither names a party the other contradicts (same status, each side the same or unnamed
    in one of them); the mention that tells more stands for both. Repression of two kinds
    ("raided homes and arrested 48 people") is two acts."""
    return _merge_twins(coded, _same_force, "one_force_event_per_sentence")


def _merge_twins(coded: list[Coded], same, rule_name: str) -> list[Coded]:
    """One event for each group of events `same` pairs, in order: the mention that tells
    more stays (with its cue verbs), and its trace names the mention it stands for."""
    kept: list[Coded] = []
    for event, governors in coded:
        twin = next((i for i, (e, _) in enumerate(kept) if same(event, e)), None)
        if twin is None:
            kept.append((event, governors))
            continue
        other = kept[twin][0]
        if _tells_more(event, other):
            event.trace.append(f"rule:{rule_name} replaces '{other.trigger_text}'")
            kept[twin] = (event, governors)
            _take_missing_sides(event, other)
        else:
            _stands_for(other, event, rule_name)
    return kept


def _stands_for(kept: Event, twin: Event, rule_name: str) -> None:
    """The kept mention stands for its twin: noted in its trace, with the sides only the
    twin names."""
    kept.trace.append(f"rule:{rule_name} also stands for '{twin.trigger_text}'")
    _take_missing_sides(kept, twin)


def _take_missing_sides(kept: Event, twin: Event) -> None:
    """The kept mention takes a side only its twin names: "policemen were wounded in a
    militia attack" is one attack, by the militia (the noun's) on the policemen (the verb's)."""
    if not kept.sources and twin.sources:
        kept.sources = list(twin.sources)
        kept.trace.append(f"source from '{twin.trigger_text}'")
    if not argument_targets(kept) and argument_targets(twin):
        kept.targets = list(twin.targets)
        kept.trace.append(f"target from '{twin.trigger_text}'")
        # one mention does not do what it undergoes ("X were among those killed in the
        # attack": X, guessed as the attack's doer, is the twin's victim)
        kept.sources = [a for a in kept.sources if not same_span(a, kept.targets)]


def _same_force(a: Event, b: Event) -> bool:
    if a.plover_type != b.plover_type or a.plover_type not in words("one_per_sentence_types"):
        return False
    if a.status != b.status or a.reciprocal or b.reciprocal:
        return False
    if a.plover_type == "COERCE" and a.cameo_code[:3] != b.cameo_code[:3]:
        return False  # "raided homes and arrested 48 people": two acts of repression
    sa, sb = set(a.source_codes), set(b.source_codes)
    ta, tb = set(a.target_codes), set(b.target_codes)
    return (sa == sb or not sa or not sb) and (ta == tb or not ta or not tb)


def _subsumed_by_force(event: Event, events: list[Event], doc) -> bool:
    if event.plover_type != "COERCE":
        return False
    tok = doc[event.trigger_token]
    for other in events:
        if other.plover_type != "ASSAULT" or doc[other.trigger_token] not in tok.conjuncts:
            continue
        ta, tb = set(event.target_codes), set(other.target_codes)
        sa, sb = set(event.source_codes), set(other.source_codes)
        kinds = {t.sector for t in event.targets} ^ {t.sector for t in other.targets}
        if ta and tb and kinds:
            continue  # "1,400 people were arrested and 150 officers injured": other people
        if (ta == tb or not ta or not tb) and (sa == sb or not sa or not sb):
            return True
    return False


@rule("repression_within_force", "merge")
def repression_within_force(coded: list[Coded], ctx: SentenceContext) -> list[Coded]:
    """ "were rounded up and shot", "detained and tortured": the repression is a step of the
    violence done to the same people in one breath, coded once, as the force."""
    events = [e for e, _ in coded]
    return [(e, g) for e, g in coded if not _subsumed_by_force(e, events, ctx.sent.doc)]


@rule("place_from_story", "merge")
def place_from_story(coded: list[Coded], ctx: SentenceContext) -> list[Coded]:
    """A material event whose sentence names no place for it takes the story's country when
    its parties say it happened there (coding/story_place.py); the sentence's places are
    noted first, as part of the story."""
    from polybius.coding.story_place import (
        sentence_scenes,
        set_country_place,
        story_country,
        story_scene,
    )

    here = set(sentence_scenes(ctx.sm)) | {e.location_country for e, _ in coded}
    here.discard(None)
    scenes = ctx.sm.context.scenes
    scenes.update(here)  # a sentence counts once for each country it places something in
    scene = story_scene(here, scenes)
    for event, _ in coded:
        found = story_country(event, scene, ctx.sent)
        if found is not None:
            set_country_place(event, *found)
    return coded


PUBLICATION_DATES = ("publication", "publication-not-after")


@rule("date_from_story", "merge")
def date_from_story(coded: list[Coded], ctx: SentenceContext) -> list[Coded]:
    """ "Later that month", "the previous day", "two weeks later": an event the sentence
    dates only by such words is dated against the story's latest date (when/story_dates.py);
    the events dated by their own words then become that date."""
    from polybius.when.story_dates import story_relative, tells_story_time

    context, published = ctx.sm.context, ctx.published
    if published is None:
        return coded
    if context.pending_time is not None and tells_story_time(ctx.sent.text):
        _read_pending_time(context, published)
    for event, _ in coded:
        if event.date_source not in PUBLICATION_DATES or event.status == "intended":
            continue  # the words date the statement of a plan, not the plan
        found = story_relative(ctx.sent.text, context.last_date, published)
        if found is None or found.day > published:
            continue
        event.event_date, event.date_precision, event.date_source = found
        event.trace.append(f"rule:date_from_story {found.day} ({found.how})")
    for event, _ in coded:
        if event.status != "intended" and event.date_source not in PUBLICATION_DATES:
            context.last_date = (event.event_date, event.date_precision)
            context.pending_time = None
    return coded


def _read_pending_time(context, published) -> None:
    """The time a sentence that dated no event named ("In October, Turkey released a
    pastor."), as the story's latest date, when a later "that month" needs it."""
    from polybius.when.dates import resolve_event_date

    text, context.pending_time = context.pending_time, None
    day, precision, how = resolve_event_date(text, published, "occurred", 0)
    if day is not None and how is not None and not how.startswith("publication"):
        context.last_date = (day, precision)
