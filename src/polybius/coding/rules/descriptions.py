"""Gate rules for words that describe a party (what it is, what it did before, whose side it
is on) rather than report an act: a participle on a noun, a relative clause, a fighter's
side."""

from __future__ import annotations

from polybius.actors.resolver import is_sector_word
from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import load_cues, words
from polybius.coding.rules.registry import rule
from polybius.coding.syntax import child, dated, lemma, unclosed_line
from polybius.coding.verb_roles import one_among


@rule("participle_describes", "gate")
def participle_describes(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """A passive participle that says what a thing is ("the fighters captured in X"), unless
    its agent names a party, a term is stated, or the victims are counted; or it is a
    headline's verb ("Former regulator indicted on bribery charges": no "was" in headlines)."""
    tok = d.token
    if d.trigger.pattern.pos != "v" or tok.dep_ != "acl" or not _participle(tok):
        return d
    if _headline_predicate(tok):
        return d
    agent = child(tok, "agent")
    if agent is not None and any(t.i in ctx.sm.by_token for t in agent.subtree):
        return d
    if any(_term(c) for c in tok.children):
        return d  # "a soldier jailed in X for seven years": the term is news
    noun = tok.head
    definite = any(
        (c.dep_ == "det" and c.lower_ in words("definite_determiners")) or c.dep_ == "poss"
        for c in noun.children
    )  # "the three jihadists captured in X" are known people, described
    counted = (
        not definite
        and any(c.dep_ == "nummod" for c in noun.children)
        and d.plover_type in words("counted_victim_types")
    )  # "five men killed in X" are news; "five men suspected of X" are described
    existential = noun.dep_ == "attr" and any(c.dep_ == "expl" for c in noun.head.children)
    counted_among = one_among(noun) is not noun  # "X was among those killed": news of X
    return d if counted or existential or counted_among else None


@rule("what_the_victim_was_doing", "gate")
def what_the_victim_was_doing(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "A volunteer was killed fighting the militants", "two men died in Iraq fighting
    alongside Kurdish units": a participle clause under a verb of dying or being hurt says
    what the victim was doing then, background to the death, not an act of its own."""
    tok = d.token
    under_casualty = tok.dep_ in ("advcl", "xcomp") and lemma(tok.head) in words("casualty_verbs")
    return None if tok.tag_ == "VBG" and under_casualty else d


def _participle(tok) -> bool:
    """A past participle, also one the tagger read as a past tense on a noun that cannot be
    its subject ("the life of a worker killed fighting X": the noun is an object); on a
    subject, such a form is the sentence's misread main verb ("militants abducted dozens")."""
    if tok.tag_ == "VBN":
        return True
    own_subject = child(tok, "nsubj") is not None or child(tok, "nsubjpass") is not None
    return tok.tag_ == "VBD" and not own_subject and tok.head.dep_ in ("pobj", "dobj", "attr")


def _headline_predicate(participle) -> bool:
    """The participle right after the noun (and its "of" phrase) that heads a sentence with no
    verb and no closing stop: a headline's passive, its "was" left out."""
    noun, sent = participle.head, participle.sent
    return (
        _heads_a_headline(noun)
        and participle.i > noun.i
        and all(noun.is_ancestor(sent.doc[j]) for j in range(noun.i + 1, participle.i))
        and unclosed_line(sent)
        and not any(c.dep_ == "det" for c in noun.children)
    )


def _heads_a_headline(noun) -> bool:
    """The noun heads the line, directly or through "of" ("Thousands of activists arrested"),
    or is what a headline's speech verb seems to take as object, where it is the subject of
    what the speaker says ("Opposition says hundreds of activists arrested")."""
    while noun.dep_ in ("pobj", "prep"):
        noun = noun.head
    if noun.dep_ == "ROOT":
        return True
    verb = noun.head
    return noun.dep_ == "dobj" and verb.dep_ == "ROOT" and load_cues().has("speech", lemma(verb))


def _term(prep) -> bool:
    if prep.dep_ != "prep" or prep.lower_ not in words("term_prepositions"):
        return False
    pobj = child(prep, "pobj")
    return pobj is not None and lemma(pobj) in words("term_nouns")


@rule("party_record", "gate")
def party_record(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """A relative clause in the perfect or past telling what a named party has done: who the
    party is, not the news."""
    tok = d.token
    verb = tok.head if tok.dep_ == "dobj" else tok
    while verb.dep_ in ("xcomp", "pcomp", "prep", "acomp") and verb.head.i != verb.i:
        verb = verb.head  # "which were responsible for freeing"
    if verb.dep_ != "relcl":
        return d
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ not in words("relative_pronouns"):
        return d
    party = verb.head
    named = any(t.i in ctx.sm.by_token for t in party.subtree if t.i < verb.i)
    if not (named or is_sector_word(party)):
        return d
    perfect = any(
        c.dep_ == "aux" and c.lower_ in words("perfect_auxiliaries") for c in verb.children
    )
    return None if perfect or (verb.tag_ == "VBD" and not dated(verb)) else d


@rule("standing_relation_in_a_relative_clause", "gate")
def standing_relation_in_a_relative_clause(
    d: EventDraft, ctx: SentenceContext
) -> EventDraft | None:
    """ "Turkey, which backs the rebels", "a charity that supports detainees", "US forces
    assisting the Kurds": a relative clause in the simple present, or a present participle
    on a noun, telling whom a party backs, aids or trades with describes a standing relation
    (the guide: a group "which backs" another is an ongoing state), not an act done; a
    dated participle ("ships delivering fuel on Monday") is an act."""
    tok = d.token
    if d.plover_type not in words("standing_relation_types"):
        return d
    if tok.dep_ == "acl" and tok.tag_ == "VBG":
        return d if dated(tok) else None
    if tok.dep_ != "relcl" or tok.tag_ not in ("VBZ", "VBP") or child(tok, "aux") is not None:
        return d
    subj = child(tok, "nsubj")
    return None if subj is not None and subj.lower_ in words("relative_pronouns") else d


@rule("a_standing_relation_told_in_the_present", "gate")
def a_standing_relation_told_in_the_present(
    d: EventDraft, ctx: SentenceContext
) -> EventDraft | None:
    """ "Iran sponsors Hezbollah", "the rebels are funded by Qatar": backing, aid or trade
    (lexicon standing_relation_types) told by a verb in the simple present, active or
    passive, of a body sentence describes a standing relation (the guide: ongoing states are
    not events), as in a relative clause; a headline's present tells a past act, a dated
    present ("on Monday") is an act, and so is a speaker's own present ("we thank X", "I
    support the plan": saying it does it). Force told in the present is left alone: in news
    it is as often the fighting going on ("as forces storm the town") as a practice."""
    tok = d.token
    if d.plover_type not in words("standing_relation_types") or d.trigger.pattern.pos != "v":
        return d
    if child(tok, "aux") is not None or unclosed_line(ctx.sent) or dated(tok):
        return d
    speaker = child(tok, "nsubj")
    if speaker is not None and speaker.lower_ in words("first_person_subjects"):
        return d
    passive = [c.tag_ for c in tok.children if c.dep_ == "auxpass"]
    active = tok.tag_ in ("VBZ", "VBP") and _present_form(tok, d.trigger.pattern.lemma)
    present = active or (tok.tag_ == "VBN" and passive in (["VBZ"], ["VBP"]))
    return None if present else d


def _present_form(verb, base: str) -> bool:
    """The word is a present form of the pattern's lemma ("fight", "fights", "carries"): the
    tagger tags a past it does not know as present ("retook", "overran")."""
    low = verb.lower_
    forms = (base, base + "s", base + "es", base[:-1] + "ies" if base.endswith("y") else base)
    return low in forms


@rule("side_in_a_fight", "gate")
def side_in_a_fight(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "a group fighting X", "the alliance battling Isis": a present participle of fighting
    on a party or any noun says which side it is on (an ongoing role), not that a fight
    happened; a dated one ("troops fighting rebels on Monday") is a fight."""
    tok = d.token
    if tok.dep_ != "acl" or tok.tag_ != "VBG" or lemma(tok) not in words("side_verbs"):
        return d
    party = tok.head  # a party named, or any noun ("the alliance fighting Isis"), unless dated
    named = is_sector_word(party) or party.i in ctx.sm.by_token
    return None if named or (party.pos_ in ("NOUN", "PROPN") and not dated(tok)) else d


def _party_phrase(prep, ctx: SentenceContext) -> bool:
    """The object of a preposition is a party ("alongside the Syrian army", "for the YPG"),
    not a cause that names one ("for independence from Ethiopia")."""
    obj = child(prep, "pobj")
    if obj is None:
        return False
    names = [obj, *(c for c in obj.children if c.dep_ in ("compound", "amod") and c.i < obj.i)]
    return is_sector_word(obj) or any(t.i in ctx.sm.by_token for t in names)


@rule("fighting_beside_names_a_side", "gate")
def fighting_beside_names_a_side(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Hezbollah fought alongside the Syrian army", "mercenaries fighting for the RSF", "he
    fought with the YPG": fighting beside or for a party, or a person fighting with one, says
    which side one is on; with no adversary named (an object, "against"), it is no fight
    between them. "Militias fought with the US against Isis" keeps its fight against Isis."""
    tok = d.token
    if lemma(tok) not in words("side_verbs") or child(tok, "dobj") is not None:
        return d
    preps = {p.lower_: p for p in tok.children if p.dep_ == "prep"}
    if "against" in preps:
        return d
    beside = [p for w, p in preps.items() if w in ("alongside", "for")]
    subj = child(tok, "nsubj")
    if "with" in preps and subj is not None and subj.lower_ in ("he", "she"):
        beside.append(preps["with"])
    return None if any(_party_phrase(p, ctx) for p in beside) else d


@rule("a_war_waged_since_a_time_is_a_state", "gate")
def a_war_waged_since_a_time_is_a_state(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "The RSF has been fighting the army since April", "the coalition has been bombing the
    rebels for years": force told in the present perfect progressive as going on since a time
    or for years, months or decades is the standing state of a war, not an act of the day.
    The simple perfect counts acts ("Turkish jets have struck the camps hundreds of times since
    2016", "have launched 25 attacks since November"): those are coded."""
    tok = d.token
    if d.plover_type != "ASSAULT" or d.trigger.pattern.pos != "v" or tok.tag_ != "VBG":
        return d
    auxiliaries = {lemma(c) for c in tok.children if c.dep_ == "aux"}
    if not {"have", "be"} <= auxiliaries:
        return d
    return None if any(_durative(p) for p in tok.children if p.dep_ == "prep") else d


def _durative(prep) -> bool:
    """ "since April", "since 2015", "for years", "for two decades": a time a state has run
    (not "since Monday": what began this week is news)."""
    obj = child(prep, "pobj")
    if obj is None:
        return False
    if prep.lower_ == "since":  # "since Monday", "since dawn": a bombardment of the day
        return obj.lower_ not in words("recent_times")
    return prep.lower_ == "for" and lemma(obj) in words("duration_nouns")
