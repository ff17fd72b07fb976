"""Small questions about a spaCy dependency parse that several stages ask."""

from __future__ import annotations

from polybius.coding.lemmas import lemma_set, token_lemma
from polybius.coding.lexicon import load_cues, words
from polybius.models import Actor
from polybius.when.dates import is_calendar_name, is_time_word

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
CLAUSE_DEPS = {"advcl", "relcl", "ccomp", "xcomp", "conj", "acl", "parataxis", "csubj"}


# the token's lemma, lower case, as its spelling allows (called for every token by many rules)
lemma = token_lemma


def child(tok, dep: str):
    """The first child of `tok` with this dependency label, or None."""
    return next((c for c in tok.children if c.dep_ == dep), None)


def bare_participle(clause) -> bool:
    """A complement clause that is a participle with no auxiliary, marker or negation
    ("ordered the diplomats expelled"), which the parser reads as a clause with a subject."""
    return (
        clause.dep_ == "ccomp"
        and clause.tag_ in ("VBN", "VBD")
        and not any(c.dep_ in ("aux", "auxpass", "mark", "neg") for c in clause.children)
    )


def has_to(tok) -> bool:
    """An infinitive: "to" as the token's auxiliary."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def phrase_text(tok) -> str:
    toks = [t for t in tok.subtree if t.dep_ not in ("relcl", "punct")]
    if not toks:
        return tok.text
    return tok.doc[toks[0].i : toks[-1].i + 1].text


def codes(actors: list[Actor]) -> list[str]:
    return [a.code for a in actors if a.code]


def same_span(actor: Actor, others: list[Actor]) -> bool:
    return any(
        o.start == actor.start and o.end == actor.end and o.code == actor.code for o in others
    )


def read_from(actor: Actor, phrase, base: int) -> bool:
    """Whether the actor was read from the words of `phrase` (a token and its subtree; no
    phrase holds every actor); `base` is the sentence's first character."""
    if phrase is None or actor.start < 0:
        return phrase is None
    words = list(phrase.subtree)
    return words[0].idx - base <= actor.start and actor.end <= words[-1].idx + len(words[-1]) - base


def unclosed_line(sent) -> bool:
    """A line that no closing mark ends (lexicon closing_marks): a headline or a caption."""
    last = sent[-1] if sent[-1].pos_ != "SPACE" or len(sent) == 1 else sent[-2]
    return last.text not in words("closing_marks")


def object_controlled(tok):
    """The object of a causative verb that the parser hung a "to" clause on as an adverbial:
    "the attack led the militia to plead with the US" -> "militia" (None if not that case)."""
    if tok.dep_ != "advcl" or lemma(tok.head) not in words("causative_verbs"):
        return None
    if not has_to(tok) or any(c.dep_ in ("nsubj", "mark") for c in tok.children):
        return None
    obj = child(tok.head, "dobj")
    return obj if obj is not None and obj.i < tok.i else None


def purpose_clause(tok) -> bool:
    """An infinitive of purpose or plan: "sent troops to protect", "called for a force to be
    sent", "a force to be deployed"."""
    if tok.dep_ not in ("advcl", "relcl") or any(c.dep_ == "nsubj" for c in tok.children):
        return False
    if object_controlled(tok) is not None:
        return False
    marks = [c.lower_ for c in tok.children if c.dep_ == "mark"]
    return has_to(tok) and (not marks or marks == ["for"])


def party_purpose(tok) -> bool:
    """An infinitive on a noun of a party that acts for another ("used the militia as a proxy
    to fight X", "raised a force to guard the border"; lexicon proxy_nouns), or of talks
    ("held talks to exchange prisoners"; lexicon talk_nouns): what the party is for or the
    talks are about, not an act done."""
    if not has_to(tok) or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    talks = words("talk_nouns")
    if tok.dep_ == "acl":
        return lemma(tok.head) in words("proxy_nouns") or lemma(tok.head) in talks
    # "engaged in negotiations to hand over X", parsed as the verb's complement
    held = [c for c in tok.head.children if c.dep_ == "dobj"]
    held += [
        p for c in tok.head.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"
    ]
    return tok.dep_ in ("xcomp", "advcl") and any(lemma(n) in talks for n in held)


def misread_verb(tok) -> bool:
    """A clause head the small model tags as an adjective or noun though it has a subject:
    "Workers agitated for ...", "The dictator clung to power", or an infinitive's "to":
    "offered to host talks" (a verb pattern must still match it)."""
    if tok.pos_ not in ("ADJ", "NOUN"):
        return False
    if tok.dep_ in ("xcomp", "ccomp", "advcl"):
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    return tok.dep_ in ("ROOT", "relcl") and any(c.dep_ == "nsubj" for c in tok.children)


def clause_subject(noun):
    """The subject of a noun's that-clause: "its demand that a party ease restrictions"."""
    for c in noun.children:
        if c.dep_ in ("acl", "ccomp", "relcl") and any(g.dep_ == "mark" for g in c.children):
            return child(c, "nsubj")
    return None


def noun_agent(noun):
    """Who does what a noun names, by "by": "a rally by students", "the march organised by
    students"."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            return child(c, "pobj")
        if c.dep_ == "acl" and c.tag_ == "VBN" and (agent := child(c, "agent")) is not None:
            return child(agent, "pobj")
    return None


def event_host(noun):
    """The noun an event noun names as a compound: "a mediation effort", "the bombing
    campaign" carry the event's arguments."""
    if noun.dep_ == "compound" and lemma(noun.head) in words("effort_nouns"):
        return noun.head
    return noun


def counted_by(noun):
    """The count an event noun is the "of" phrase of ("dozens of airstrikes", "a wave of
    raids"), or None: the parser hangs the event's own phrases on either word ("dozens of
    attacks by X on Y")."""
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "of"
        and lemma(noun.head.head) in words("quantity_nouns")
    ):
        return noun.head.head
    return None


def is_light_verb(tok) -> bool:
    """A verb that carries out the event its object names (the model mis-lemmatises some:
    "waged" -> "wag")."""
    return not words("light_verbs").isdisjoint(lemma_set(tok))


def engaged_verb(verb, noun) -> bool:
    """A verb whose "in" names an event (`noun`) its subject takes part in: "engaged in",
    "bogged down in", "took part in", a copula before talks: "is in talks with X" (lexicons
    engaged_verbs, part_taking_objects, in_talks_objects). A copula's "in" before it sets a
    scene ("In its bombing of X, Y may be guilty"), and other nouns are where its subject is
    or what is done to it ("was in custody")."""
    if not words("engaged_verbs").isdisjoint(lemma_set(verb)):
        return True
    if lemma(verb) in words("linking_verbs"):
        return noun.i > verb.i and lemma(noun) in words("in_talks_objects")
    obj = child(verb, "dobj")
    return lemma(verb) == "take" and obj is not None and lemma(obj) in words("part_taking_objects")


def dated(verb) -> bool:
    """The clause says when: "which struck the town on Monday"."""
    return any(is_time_word(t.text) for t in verb.subtree)


def instead_of(prep) -> bool:
    """ "instead of", "rather than", "without": the alternative not taken ("held talks
    without reaching a deal")."""
    heads = {prep.head.lower_, *(c.lower_ for c in prep.children if c.dep_ == "advmod")}
    alternative = {"of": "instead", "than": "rather"}.get(prep.lower_)
    return prep.lower_ == "without" or alternative in heads


def ruled_out(verb) -> bool:
    """A copula saying its subject will not happen: "is out of the question", "is off the
    table"."""
    if verb.lemma_ != "be":
        return False
    return any(
        c.dep_ in ("prep", "advmod")
        and c.lower_ in words("ruled_out_particles")
        and not words("ruled_out_words").isdisjoint(t.lower_ for t in c.subtree)
        for c in verb.children
    )


def affirmed_agent(verb):
    """The verb's "by" phrase, skipping a negated one: "launched not by X, but by Y" (the
    affirmed "by" may be parsed as a far conjunct)."""
    agents = [a for a in verb.children if a.dep_ == "agent"]
    affirmed = [a for a in agents if not any(n.lower_ == "not" for n in a.children)]
    if affirmed:
        return affirmed[-1]
    if agents:
        return next(
            (t for t in verb.sent if t.i > agents[0].i and t.lower_ == "by" and t.dep_ == "conj"),
            None,
        )
    return None


def wish_verb(verb) -> bool:
    """A verb of wanting: "want", "wish", or "like"/"love" with "would" ("would like")."""
    low = lemma(verb)
    if low in words("wish_verbs"):
        return True
    return low in words("conditional_wish_verbs") and any(
        c.dep_ == "aux" and c.lower_ in ("would", "'d") for c in verb.children
    )


def wished(verb) -> bool:
    """A verb through which another party's act is only wished for: "want" with that party
    as the clause's subject, or "want to see", "would like to see"."""
    if wish_verb(verb):
        return True
    return lemma(verb) == "see" and verb.dep_ == "xcomp" and wish_verb(verb.head)


def in_phrase_of(inner, outer) -> bool:
    """`inner` hangs on `outer` through phrases only, not through another clause."""
    tok = inner
    while tok.i != outer.i:
        if tok.dep_ in CLAUSE_DEPS or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def result_of(result, action) -> bool:
    """ "troops opened fire, killing one protester": the participle tells the action's result
    (or one of several: "marched, chanting slogans and demanding X")."""
    first = first_participle(result)
    return first.dep_ == "advcl" and result.tag_ == "VBG" and first.head.i == action.i


def first_participle(tok):
    """The first of a run of joined participles a participle belongs to ("chanting slogans and
    demanding X": "chanting"), or the token itself."""
    while tok.dep_ == "conj" and tok.head.tag_ == "VBG" and tok.head.i < tok.i:
        tok = tok.head
    return tok


def purpose_of(purpose, action) -> bool:
    """ "began a hunger strike to protest against X": the purpose restates the action."""
    if not purpose_clause(purpose):
        return False
    # on the action, beside it, or on its object ("a hunger strike to protest")
    return action.i in (purpose.head.i, purpose.head.head.i) or purpose.head.i == action.head.i


def prep_children(tok, names: set[str] | frozenset[str]) -> list:
    """The objects of the token's prepositions named in `names`."""
    return [
        p
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in names
        for p in c.children
        if p.dep_ == "pobj"
    ]


def of_time(prep) -> bool:
    """A preposition whose object is a day, month or date ("on Monday", "in March")."""
    obj = child(prep, "pobj")
    return obj is not None and (obj.ent_type_ in ("DATE", "TIME") or is_calendar_name(obj.text))


def gerund_as_noun(tok) -> bool:
    """An -ing form in a noun's place, the subject or object of a clause ("fighting continued
    between X and Y"): an event word like an event noun."""
    return tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")


def undergone_in_sequence(tok) -> bool:
    """A passive "being" participle right under "after", "before" or "following" ("returned
    home after being deported"): what the subject underwent then, a deed done, not a state
    or a scene."""
    being = any(c.dep_ == "auxpass" and c.lower_ == "being" for c in tok.children)
    return being and tok.dep_ == "pcomp" and tok.head.lower_ in words("sequence_prepositions")


def occurrence_host(noun):
    """The verb an event noun is the subject of when the verb only says that it happens:
    "clashes continued between X and Y", "fighting erupted between X and Y" (its phrases
    are the event's)."""
    verb = noun.head
    if noun.dep_ == "nsubj" and lemma(verb) in words("occurrence_verbs"):
        return verb
    return None


def according_to(tok):
    """The source an "according to" phrase on `tok` names ("killed, according to the army"),
    or None."""
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "according":
            to = child(prep, "prep")
            source = child(to, "pobj") if to is not None else None
            if source is not None:
                return source
    return None


def far_by_phrase(verb):
    """The object of a "by" phrase the parser hung on a phrase of the passive verb instead of
    the verb itself ("was detained on the outskirts of the capital by X": "by" under
    "capital"); only through prepositions and their objects, never into a clause of its own."""
    stack = [c for c in verb.children if c.dep_ in ("prep", "npadvmod")]
    while stack:
        tok = stack.pop()
        if tok.lower_ == "by" and (pobj := child(tok, "pobj")) is not None:
            return pobj
        stack.extend(c for c in tok.children if c.dep_ in ("prep", "pobj"))
    return None


def blame_copula(noun):
    """The copula of a clause saying its subject caused the harm the noun names ("Iran was
    behind the attack", "X is responsible for the bombing"; rule negative_verdict_is_criticism
    codes the blame itself); else None."""
    if (count := counted_by(noun)) is not None:
        noun = count  # "behind a series of killings"
    head = noun.head
    if noun.dep_ != "pobj" or head.dep_ != "prep":
        return None
    copula = head.head
    if head.lower_ == "for" and copula.dep_ == "acomp" and lemma(copula) in words("blame_verdicts"):
        copula = copula.head
    elif head.lower_ != "behind":
        return None
    return copula if lemma(copula) == "be" else None


def refusal_verb(verb) -> bool:
    """A verb of refusal: "declined", "ruled out" (cue refusal, or `refusal_particle`)."""
    return load_cues().has("refusal", lemma(verb)) or refusal_particle(verb) is not None


def refusal_particle(verb) -> str | None:
    """The particle making the verb one of refusal ("ruled out", "backed away", "stopped
    short": lexicon refusal_particle_verbs)."""
    phrasal = words("refusal_particle_verbs")
    for c in verb.children:
        if c.dep_ in ("prt", "advmod") and f"{lemma(verb)} {c.lower_}" in phrasal:
            return c.lower_
    return None
