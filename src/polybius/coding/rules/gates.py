"""Gate rules: triggers that describe a party or set the scene rather than report news."""

from __future__ import annotations

import re

from polybius.actors.dictionary import AGENT, PERSON, TITLE
from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lexicon import words
from polybius.coding.rules.registry import rule
from polybius.coding.syntax import child, dated, lemma, undergone_in_sequence
from polybius.events.patterns import load_patterns


@rule("a_name_is_not_an_event", "gate")
def a_name_is_not_an_event(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Ban Ki-moon", "Mark Strike": an event word that is part of a person's name (a
    dictionary person, or a capitalised word of a multiword proper name) is not an event."""
    tok = d.token
    if d.trigger.pattern.pos != "n" or not tok.text[:1].isupper():
        return d
    mention = ctx.sm.by_token.get(tok.i)
    if mention is not None and mention.kind == PERSON:
        return None
    if tok.pos_ == "PROPN" and (
        (tok.dep_ == "compound" and tok.head.pos_ == "PROPN")
        or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)
    ):
        return None
    return d


@rule("a_kind_of_people_is_no_event", "gate")
def a_kind_of_people_is_no_event(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "riot police", "protest leaders", "the strike committee": an event noun set before a
    word for people or a body classifies them; it tells no riot, protest or strike. Such a
    modifier is singular: a plural read as one ("Egypt tortures detainees") is a verb the
    parser took for a noun."""
    tok = d.token
    if d.trigger.pattern.pos != "n" or tok.dep_ != "compound" or tok.tag_ != "NN":
        return d
    people = ctx.sm.by_token.get(tok.head.i)
    return None if people is not None and people.kind in (AGENT, TITLE) else d


@rule("an_offer_is_of_an_act", "gate")
def an_offer_is_of_an_act(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "offered to hand over the suspects" is an offer to act; "offered a reward", "offers a
    reminder", "offering himself as spokesman" are no offer of cooperation. A verb of offering
    matched by its bare pattern (what is offered is in none of its object patterns: aid,
    talks, a ceasefire ...) is an event only with a "to" clause of the act offered."""
    tok, pattern = d.token, d.trigger.pattern
    if pattern.pos != "v" or pattern.objects is not None or pattern.words:
        return d
    if lemma(tok) not in words("offering_verbs"):
        return d
    return d if child(tok, "xcomp") is not None else None


@rule("an_agreement_named_is_not_made", "gate")
def an_agreement_named_is_not_made(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "the Iran nuclear deal", "the Paris climate agreement": an agreement noun that names
    no party making it (no owner, no "with" or "between" phrase) is an agreement already
    made, referred to by its subject; "Turkey's deal with Sweden" is one being made."""
    tok = d.token
    if d.trigger.pattern.pos != "n" or lemma(tok) not in words("agreement_nouns"):
        return d
    parties = any(
        c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("with", "between"))
        for c in tok.children
    )
    return d if parties else None


@rule("position_is_not_a_move", "gate")
def position_is_not_a_move(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "where troops are stationed": where they are, not a deployment."""
    tok = d.token
    if d.trigger.pattern.pos != "v" or tok.tag_ != "VBN":
        return d
    if lemma(tok) in words("stationed_verbs") and child(tok, "agent") is None:
        aux = child(tok, "auxpass")
        if aux is not None and aux.tag_ in ("VBP", "VBZ"):
            return None
    return d


@rule("restraint_in_force_is_a_state", "gate")
def restraint_in_force_is_a_state(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "prisoners are being held", "camps holding thousands", "the flag has been banned
    since 2007", "he is banned from travelling", "millions remain displaced": being in custody,
    under a ban or in the plight force left one in is a state, not a new arrest, abduction,
    ban or expulsion; holding someone is custody kept unless its time or its doer is told.
    "Police held him on Monday", "she was detained at the airport", "police are detaining
    protesters" and "the party was banned" are acts."""
    tok = d.token
    if d.plover_type not in ("COERCE", "ASSAULT") or d.trigger.pattern.pos != "v":
        return d
    if tok.dep_ == "acomp" and lemma(tok.head) in words("lasting_verbs"):
        return None  # "millions remain displaced", "stayed trapped": told as a lasting state
    verb = lemma(tok)
    if verb not in words("restraint_verbs") or d.trigger.pattern.words:
        return d  # "held off the assault": a verb with its particle is no custody
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    passive = any(a.dep_ == "auxpass" for a in auxes)
    # "prisoners are being held" is custody kept; "freed after being detained" was a detention
    being = any(a.lower_ == "being" for a in auxes) and not undergone_in_sequence(tok)
    present_passive = any(a.dep_ == "auxpass" and a.tag_ in ("VBP", "VBZ") for a in auxes)
    since = passive and any(  # "has been banned since 2007": in force ever since
        c.dep_ == "prep" and c.lower_ == "since" for c in tok.children
    )
    kept = verb in words("keeping_verbs") and _custody_kept(tok, passive)
    return None if being or present_passive or since or kept else d


def _custody_kept(tok, passive: bool) -> bool:
    """ "hold", "keep": a new detention when told in the past with its time or its doer
    ("police held him on Monday", "they were held by Iraqi forces"); else custody kept ("the
    camp is holding", "prisoners held by the militia", "workers were held", "believed to hold
    thousands") or none at all ("held off an army")."""
    if not passive and tok.tag_ in ("VBG", "VBP", "VBZ", "VB"):
        return True
    if any(c.dep_ == "prt" for c in tok.children):
        return True
    by_doer = tok.dep_ != "acl" and child(tok, "agent") is not None
    return not (by_doer or dated(tok))


@rule("fighting_a_problem_is_no_force", "gate")
def fighting_a_problem_is_no_force(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "promised to fight corruption", "is fighting extradition", "battled the wildfires":
    fighting a problem, a charge or a ruling (lexicon problem_nouns) is no use of force."""
    if d.plover_type != "ASSAULT" or lemma(d.token) not in words("contest_force_verbs"):
        return d
    objects = [c for c in d.token.children if c.dep_ == "dobj"]
    objects += [
        child(p, "pobj") for p in d.token.children if p.dep_ == "prep" and p.lower_ == "against"
    ]
    problems = words("problem_nouns")
    if any(o is not None and lemma(o) in problems for o in objects):
        return None
    return d


@rule("guarding_an_interest_is_no_act", "gate")
def guarding_an_interest_is_no_act(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "accused of protecting its own interests", "vowed to defend its sovereignty":
    protecting or defending an interest, a right or a border (lexicon guarded_goods) is a
    stance, not aid or support given to anyone."""
    if d.trigger.pattern.pos != "v" or lemma(d.token) not in words("guarding_verbs"):
        return d
    obj = child(d.token, "dobj")
    return None if obj is not None and lemma(obj) in words("guarded_goods") else d


@rule("warning_of_a_risk", "gate")
def warning_of_a_risk(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Aid groups warned that the winter could be hard", "donors warn of hunger": a warning
    with no one warned and no named measure warned of is about a risk, not a threat; "Iran
    warned Israel", "warned of sanctions" (a pattern of its own) and a warning of what
    someone will do ("warned that the rebels would pay a price", "warned it would respond")
    are threats."""
    p = d.trigger.pattern
    if p.pos != "v" or p.lemma not in words("warning_verbs") or p.objects or p.words:
        return d
    warned = child(d.token, "dobj")
    if warned is not None and child(warned, "mark") is not None:
        warned = None  # "warned that civilians face ...", the clause misread as an object
    if warned is not None or _warned_act(d.token, ctx):
        return d
    return None


def _warned_act(verb, ctx: SentenceContext) -> bool:
    """The warning's clause tells what a party will do or will have done to it, with "will"
    or "would": its subject is a party or a pronoun ("warned that X would face
    consequences", "warned it would respond"), or it is passive ("warned that protesters
    would be prosecuted"); not what could happen, nor what a thing will do ("warned that
    the dam would cause shortages")."""
    clause = child(verb, "ccomp")
    if clause is None:
        return False
    hosts = [clause, *(c for c in clause.children if c.dep_ in ("xcomp", "acomp"))]
    if not any(
        c.dep_ == "aux" and c.lower_ in words("future_modals") for h in hosts for c in h.children
    ):
        return False
    if child(clause, "nsubjpass") is not None:
        return True
    subj = child(clause, "nsubj")
    return subj is not None and (subj.pos_ == "PRON" or bool(ctx.sm.peek(subj)))


_SCORELINE = re.compile(r"(?<![\d.,-])\d{1,2}-\d{1,2}(?!\d|[.,]\d|-)")


SPORTS_STORY = 4  # words of sport in a story that make it a sports report
_WORD = re.compile(r"[a-z][a-z-]*")


@rule("naming_is_no_call", "gate")
def naming_is_no_call(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Sunak called the strikes proportionate", "X called the truce a sham": "call" with an
    object and a name for it (an object predicate) names the object; it calls no strike or
    truce (what the name says is coded by condemning_name_is_criticism)."""
    p = d.trigger.pattern
    if p.pos != "v" or p.lemma != "call" or p.words:
        return d
    if child(d.token, "oprd") is not None:
        return None
    # the parser may hang the name on the object as its own object ("called the drone strike
    # an attack on its sovereignty"), or give the verb two objects
    objects = [c for c in d.token.children if c.dep_ == "dobj"]
    named = len(objects) > 1 or any(child(o, "dobj") is not None for o in objects)
    return None if named else d


@rule("to_blame_is_a_verdict", "gate")
def to_blame_is_a_verdict(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "India was to blame for the bombing": the subject of "is to blame" is the one blamed,
    not one who blames; the verdict is the speaker's (negative_verdict_is_criticism codes it),
    and said by no one it blames no one."""
    p = d.trigger.pattern
    if p.pos != "v" or p.lemma != "blame" or d.token.dep_ != "xcomp":
        return d
    return None if lemma(d.token.head) == "be" else d


@rule("sport_is_not_force", "gate")
def sport_is_not_force(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Wales beat Hungary 2-0", "the striker fired a shot past the goalkeeper": in a sports
    report the words of force are a game's. A sentence is a sports report when the trigger's
    phrase has a scoreline or the sentence two words of sport (lexicon sport_words), or the
    story so far SPORTS_STORY of them and the sentence no one killed or hurt."""
    if d.plover_type != "ASSAULT":
        return d
    hits = sport_word_count(ctx.sent.text)
    if hits >= 2 or _scoreline(d.token):
        return None
    if ctx.sm.context.sport_words + hits >= SPORTS_STORY:
        hurt = words("casualty_verbs")
        if not ctx.tokens_with_lemma(hurt):
            return None
    return d


def sport_word_count(text: str) -> int:
    """How many words of sport (lexicon sport_words) a sentence's text holds."""
    sport = words("sport_words")
    return sum(1 for w in _WORD.findall(text.lower()) if w in sport)


def _scoreline(tok) -> bool:
    """A scoreline in the trigger's own phrase ("beat Hungary 2-0"): two small numbers joined
    by a hyphen with no noun counted after them ("killed 10-15 people" is a range)."""
    words = list(tok.subtree)
    base = words[0].idx
    text = tok.doc[words[0].i : words[-1].i + 1].text  # not doc.text: a parsed batch is long
    for m in _SCORELINE.finditer(text):
        after = [t for t in words if t.idx - base >= m.end()]
        if not after or after[0].pos_ not in ("NOUN", "PROPN"):
            return True
    return False


@rule("a_question_is_not_a_request", "gate")
def a_question_is_not_a_request(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "The senator asked the minister about the contracts", "reporters asked him whether
    troops would go": asking about something, or whether, is a question, not a request. The
    verb (lexicon question_verbs) asks for nothing ("for") and for no act (a to-clause)."""
    tok = d.token
    if d.plover_type != "REQUEST" or lemma(tok) not in words("question_verbs"):
        return d
    kids = list(tok.children)
    if any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for") for c in kids):
        return d
    about = any(c.dep_ == "prep" and c.lower_ == "about" for c in kids)
    return None if about or any(_asks_a_question(c) for c in kids if c.dep_ == "ccomp") else d


def _asks_a_question(clause) -> bool:
    """A clause opened by "whether", "if" or a wh-word: an indirect question."""
    first = min(clause.subtree, key=lambda t: t.i)
    return first.lower_ in ("whether", "if") or first.tag_ in ("WRB", "WP", "WDT")


@rule("market_report_is_no_event", "gate")
def market_report_is_no_event(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "The euro was supported by strong jobs data", "data meeting lowered expectations",
    "Norway's oil production beat forecasts": when the doer is a market or economic measure,
    the words of support, meeting or force describe a market. (The one done to may be one in
    a political event: "suspending arms sales" is a sanction.)"""
    tok = d.token
    agent = child(tok, "agent")
    parties = [child(tok, "nsubj"), child(agent, "pobj") if agent is not None else None]
    if tok.dep_ == "acl" and tok.tag_ == "VBG":
        parties.append(tok.head)  # "data meeting expectations" read as a clause
    if d.trigger.pattern.pos == "n":
        parties += [c for c in tok.children if c.dep_ == "compound"]  # ... or as a compound
    parties = [p for p in parties if p is not None]
    parties += [c for p in parties for c in p.children if c.dep_ == "compound"]
    market = words("market_nouns")
    hit = any((lemma(p) in market or p.lower_ in market) and not _surname(p) for p in parties)
    return None if hit else d


def _surname(tok) -> bool:
    """A market noun that is someone's name: "Ned Price accused Iran" (a first name before
    it), "said Price" (a proper noun with no article, not opening the sentence)."""
    if tok.pos_ != "PROPN":
        return False
    first_name = any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)
    bare = tok.i > tok.sent.start and not any(c.dep_ == "det" for c in tok.children)
    return first_name or bare


@rule("an_event_asks_no_one", "gate")
def an_event_asks_no_one(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "A chemical attack persuaded Trump to launch strikes": an event (a noun the trigger
    patterns know) that moves a party to act asks nothing of it; a request needs someone who
    asks."""
    if d.plover_type != "REQUEST" or d.trigger.pattern.pos != "v":
        return d
    return None if event_subject(d.token) else d


def event_subject(verb, more: frozenset[str] = frozenset()) -> bool:
    """The verb's subject is an event word: a noun the trigger patterns know, or one of
    `more`."""
    subj = child(verb, "nsubj")
    return subj is not None and (lemma(subj) in load_patterns().noun_lemmas or lemma(subj) in more)


@rule("toll_is_not_an_event", "gate")
def toll_is_not_an_event(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "The civil war has killed 300,000 people", "fighting that has killed thousands", "nine
    policemen have been killed so far this year", "died or were killed as a result of the
    conflict", "100,000 people were killed in the war", "8,000 people have been displaced by
    fighting": a toll of a whole conflict, not an attack by anyone; coding it would count old
    deaths as a new event on the day of every article that repeats the toll. The conflict
    named as the toll's cause ("the fighting has killed 300") is no new event either."""
    tok = d.token
    verb = _toll_verb_of_cause(tok)
    if verb is not None and _is_toll(verb):
        return None
    return None if lemma(tok) in words("toll_verbs") and _is_toll(tok) else d


def _toll_verb_of_cause(noun):
    """The toll verb a conflict noun (or gerund) is the doer of ("the fighting has killed",
    "displaced by fighting"), or None."""
    if noun.lower_ not in words("toll_causes") and lemma(noun) not in words("toll_causes"):
        return None  # "attacks have killed eight since July": attacks, told with their toll
    head = noun.head
    if noun.dep_ in ("pobj", "pcomp") and head.lower_ == "by":
        head = head.head
    elif noun.dep_ != "nsubj":
        return None
    return head if lemma(head) in words("toll_verbs") else None


def _is_toll(tok) -> bool:
    """A toll verb ("kill", "displace") whose doer is a whole conflict or that counts up
    over a time."""
    causes, markers = words("toll_causes"), words("toll_markers")
    doer = child(tok, "nsubj")
    if doer is None and tok.dep_ == "relcl":
        doer = tok.head  # "fighting that has killed thousands"
    if doer is None and tok.dep_ == "conj":
        doer = child(tok.head, "nsubj")  # "the war has killed 500,000 and displaced millions"
    agent = child(tok, "agent")
    cause_words = [doer] if doer is not None else []
    cause_words += [t for t in (agent.subtree if agent is not None else ()) if t.dep_ == "pobj"]
    for prep in (c for c in tok.children if c.dep_ == "prep"):
        if prep.lower_ == "by" and any(g.lower_ in causes for g in prep.children):
            return True  # "displaced by fighting" (a gerund, whose lemma is the verb's)
        if prep.lower_ in ("as", "by"):  # "as a result of the conflict", "by the war"
            cause_words += [t for t in prep.subtree if t.dep_ == "pobj"]
        elif prep.lower_ in ("in", "during") and any(
            lemma(t) in words("whole_conflicts") for t in prep.children if t.dep_ == "pobj"
        ):
            return True  # "were killed in the war": its toll ("in fighting on Monday" is news)
        elif any(t.lower_ in markers for t in prep.subtree):
            return True  # "in total", "to date", "since 2014"
    if any(c.dep_ == "advmod" and c.lower_ in markers for c in tok.subtree):
        return True  # "so far"
    return any(lemma(t) in causes for t in cause_words)
