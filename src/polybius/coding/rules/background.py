"""The gate rule background_noun: an event noun that sets the scene, is the topic of what
is said or may never happen ("since the invasion", "support for the withdrawal", "the threat
of an attack") is not news."""

from __future__ import annotations

from polybius.coding.draft import EventDraft, SentenceContext
from polybius.coding.lemmas import lemma_set
from polybius.coding.lexicon import load_cues, words
from polybius.coding.rules.registry import rule
from polybius.coding.syntax import child, event_host, lemma, refusal_verb
from polybius.when.dates import is_time_word


@rule("background_noun", "gate")
def background_noun(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """An event noun that sets the scene rather than reports: "since the invasion", "after
    the attack", "an imminent attack", a role "in the war", "ruled out a clash"."""
    if d.trigger.pattern.pos != "n":
        return d
    return None if _sets_the_scene(event_host(d.token)) else d


def _foreseen(verb) -> bool:
    """A verb under "will", "would", "could" ...: what the event would bring about (not how
    long it lasts: "the assault would end within days" is an assault going on)."""
    if lemma(verb) in words("aspect_verbs"):
        return False
    cues = load_cues()
    return any(c.dep_ == "aux" and cues.any(("future", "hedge"), lemma(c)) for c in verb.children)


def _relative_subject(clause) -> bool:
    """The relative clause's subject is its relative pronoun ("that would follow")."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in words("relative_pronouns")
        for c in clause.children
    )


def _sets_the_scene(noun) -> bool:
    if any(c.dep_ == "amod" and c.lower_ in words("hypothetical_modifiers") for c in noun.children):
        return True
    if any(
        c.dep_ == "det" and c.lower_ in words("hypothetical_determiners") for c in noun.children
    ):
        return True  # "would respond to any attack", "no attack took place"
    head = noun.head
    if noun.dep_ == "dobj" and lemma(head) in words("criticised_verbs"):
        return True  # criticising a withdrawal: the topic, not the news
    if noun.dep_ == "dobj" and not words("averted_verbs").isdisjoint(lemma_set(head)):
        return True  # "X was spared an assault", "the truce averted an offensive"
    if noun.dep_ == "dobj" and refusal_verb(head):
        return True  # "ruled out a clash", "rejected talks": what was refused did not happen
    if _anticipated(noun):
        return True  # "residents fear airstrikes", "braces for a winter of strikes"
    if noun.dep_ in ("nsubj", "nsubjpass") and _foreseen(head):
        return True  # "a rapid withdrawal would leave them exposed": a consequence foreseen
    if any(c.dep_ == "relcl" and _foreseen(c) and _relative_subject(c) for c in noun.children):
        return True  # "the assault that would follow", "a war which could break out": foreseen
    if noun.dep_ == "nsubj" and _when_it_began(noun.head):
        return True  # "since the invasion began", "before the war broke out": a time, not news
    return noun.dep_ == "pobj" and _scene_by_preposition(noun)


def _anticipated(noun) -> bool:
    """The object of a verb of anticipation (lexicon anticipation_verbs), directly or by
    "for", through any "of" phrases ("braces for a winter of Russian strikes"): expected, not
    happened."""
    while noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
        noun = noun.head.head
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "for" else noun.head
    held = noun.dep_ == "dobj" or (noun.dep_ == "pobj" and noun.head.lower_ == "for")
    return held and lemma(verb) in words("anticipation_verbs")


def _when_it_began(verb) -> bool:
    """A clause of an event's course ("began", "broke out", "ended") opened by a background
    conjunction ("since", "before", "after"): it dates the sentence's news by the event."""
    course = words("aspect_verbs") | words("outbreak_verbs")
    return lemma(verb) in course and any(
        c.dep_ == "mark" and c.lower_ in words("background_prepositions") for c in verb.children
    )


def _scene_by_preposition(noun) -> bool:
    """An event noun whose preposition makes it the scene, the topic or a prospect."""
    head = noun.head
    if head.lower_ in ("for", "of", "on") and lemma(head.head) in words("topic_nouns"):
        return True  # "support for the withdrawal", "a timeline for the pullout": the topic
    if head.lower_ in ("on", "about") and lemma(head.head) in words("comment_verbs"):
        return True  # "declined to comment on the strikes": the topic of a comment
    if head.lower_ == "of" and lemma(head.head) in words("prospect_nouns"):
        return True  # "the threat of an attack": it may never happen
    if head.lower_ == "of" and lemma(head.head) in words("scene_nouns"):
        return True  # "the aftermath of the attack"
    if head.lower_ == "to" and _ends(head.head):
        return True  # "called for an end to the fighting": the news is the call to end it
    if head.dep_ == "agent" and not words("emotion_verbs").isdisjoint(lemma_set(head.head)):
        return True  # "angered by the attack": what moved someone, not the news
    # "a proxy in the fight against X", "allies in the war": a role, not a report
    role = head.lower_ == "in" and head.head.pos_ in ("NOUN", "PROPN") and head.dep_ == "prep"
    role = role and lemma(noun) not in words("manner_event_nouns")  # "offices in protest": how
    if head.lower_ in words("background_prepositions") and _named_and_dated(noun):
        return False  # "after the junta's air raid on the town in March 2021": told
    return head.lower_ in words("background_prepositions") or role


def _ends(word) -> bool:
    """A noun of ending ("an end", "a halt"; lexicon cessation_nouns), or a verb whose object is
    one ("demanded a halt | to the shelling", as the parser may hang the "to")."""
    cessation = words("cessation_nouns")
    obj = child(word, "dobj") if word.pos_ in ("VERB", "AUX") else None
    return lemma(word) in cessation or (obj is not None and lemma(obj) in cessation)


def _named_and_dated(noun) -> bool:
    """An event noun that names its doer before it ("the regime's attack", "a Turkish-led
    incursion") and its own time ("in August 2013", "seven weeks ago"): a past event told
    in full, not a scene-setting reference."""
    named = any(
        t.pos_ in ("PROPN", "ADJ") and t.text[:1].isupper() for t in noun.subtree if t.i < noun.i
    )
    return named and any(is_time_word(t.text) for t in noun.subtree)


@rule("a_gerund_subject_is_a_kind_of_act", "gate")
def a_gerund_subject_is_a_kind_of_act(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Criticising the king is an offence", "releasing detainees was a goal": a
    gerund as the subject of "be" with a noun as its predicate, with no doer of its own,
    names a kind of act that the clause classes; no one did it. "Canada's releasing the
    detainees was a surprise" has a doer; "lifting the embargo is out of the question" is a
    refusal (rule ruled_out_is_refused)."""
    tok = d.token
    if tok.tag_ != "VBG" or tok.dep_ != "csubj" or lemma(tok.head) != "be":
        return d
    if any(c.dep_ in ("poss", "nsubj") for c in tok.children):
        return d
    return None if child(tok.head, "attr") is not None else d


@rule("judged_decision_is_the_topic", "modality")
def judged_decision_is_the_topic(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "X defended the minister's decision to strip her of her citizenship", after the story
    has reported the stripping: a decision someone praises or condemns (lexicon
    criticised_verbs), of a kind of act the story's recent sentences already coded, is the
    sentence's topic, not its news (told first, "Moscow condemned Britain's decision to
    expel 23 diplomats" reports the expulsion)."""
    context = ctx.sm.context
    told = {t for at, t, _ in context.acts if at < context.sentences}
    if d.plover_type not in told:
        return d
    judged = any(
        lemma(gov) in words("decision_nouns")
        and gov.dep_ == "dobj"
        and lemma(gov.head) in words("criticised_verbs")
        for gov in d.modality.governors
    )
    return None if judged else d


@rule("an_event_named_again", "actors")
def an_event_named_again(d: EventDraft, ctx: SentenceContext) -> EventDraft | None:
    """ "Rebels will exploit the withdrawal", "Canada's withdrawal alarmed its allies", after
    the story has coded that party's announced pullout: a planned act named by a noun with a
    definite or possessive determiner, or with its doer as a modifier, of the type and doer of
    an act the story's earlier sentences coded, names that plan again (the guide: a sentence
    that only refers back to an event already reported is not coded again). Told going on or
    ending ("the withdrawal began") it is a new fact."""
    planned = d.modality.situation in ("intended", "prepared")
    if d.trigger.pattern.pos != "n" or not planned or not _determined(d.token):
        return d
    own = {a.code for a in d.sources if a.code}
    context = ctx.sm.context
    told = any(
        at < context.sentences and kind == d.plover_type and own & {a.code for a in doers}
        for at, kind, doers in context.acts
    )
    if not told or _course_told(d.token):
        return d
    return None


def _determined(noun) -> bool:
    """ "the withdrawal", "Trump's withdrawal", "the US withdrawal", "US withdrawal"."""
    return any(
        (c.dep_ == "det" and c.lower_ in words("definite_determiners"))
        or c.dep_ == "poss"
        or (c.dep_ in ("compound", "amod", "nmod") and c.pos_ == "PROPN")
        for c in noun.children
    )


def _course_told(noun) -> bool:
    """The noun is the subject of a verb of its course ("the withdrawal began")."""
    return noun.dep_ in ("nsubj", "nsubjpass") and lemma(noun.head) in words("aspect_verbs")
