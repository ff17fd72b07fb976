"""Where a trigger sits: the verbs and nouns it is embedded under, up to its clause and the
clauses above. The modality rules read these facts to decide the status of the event."""

from __future__ import annotations

from polybius.coding.draft import Modality
from polybius.coding.lexicon import Cues, words
from polybius.coding.syntax import (
    blame_copula,
    engaged_verb,
    has_to,
    is_light_verb,
    lemma,
    refusal_particle,
    refusal_verb,
)

CLIMB_DEPS = ("xcomp", "conj", "pcomp", "acomp", "csubj")
GOVERNING_CUES = ("intent", "refusal", "threat", "request")
CLAUSE_CLIMB = ("ccomp", "advcl", "relcl")


def misparsed_complement(tok, cues: Cues) -> bool:
    """ "threatened on Friday to cut ties": an adverbial between the verb and its "to"
    complement makes the parser read it as a purpose clause; for a verb of intent,
    refusal, threat or request it is the complement. So is a "for X to" clause ("called for
    the prime minister to resign")."""
    if tok.dep_ != "advcl":
        return False
    marks = [c.lower_ for c in tok.children if c.dep_ == "mark"]
    if tok.tag_ == "VBG" and not marks:
        return _gerund_complement(tok, cues)
    if marks != ["for"] and (marks or any(c.dep_ == "nsubj" for c in tok.children)):
        return False
    if not has_to(tok):
        return False
    return cues.any(GOVERNING_CUES, lemma(tok.head))


def _gerund_complement(tok, cues: Cues) -> bool:
    """ "ruled out sending ground troops", "refused handing over the suspects": a gerund right
    after a verb of refusal, denial, intent, threat or request (or its particle), read by the
    parser as an adverbial clause, is the verb's object."""
    head = tok.head
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children) or tok.i < head.i:
        return False
    between = [t for t in head.doc[head.i + 1 : tok.i] if not (t.dep_ == "prt" and t.head == head)]
    if between:
        return False
    return refusal_verb(head) or cues.any((*GOVERNING_CUES, "denial"), lemma(head))


def embedding(tok, cues: Cues) -> Modality:
    """The trigger's chain of governors and the clauses above it (no decision yet)."""
    m = Modality()
    chain, climbed = [tok], []
    cur = tok
    noun = tok.pos_ in ("NOUN", "PROPN")
    carried = noun and tok.dep_ == "dobj" and is_light_verb(tok.head)
    taken_part = (
        noun and tok.dep_ == "pobj" and tok.head.lower_ == "in" and engaged_verb(tok.head.head, tok)
    )
    # "were displaced by airstrikes", "risks being executed by a drone": the force that does
    # a passive verb's act is that act, under the verb's modality
    agent = noun and tok.dep_ == "pobj" and tok.head.dep_ == "agent"
    if carried or taken_part or agent:
        # "will hold talks", "did not launch strikes", "would not take part in such talks":
        # the verb's modality is the noun's
        cur = tok.head if carried else tok.head.head  # the verb, above "in" or "by"
        carried = True
        chain.append(cur)
    elif noun and _readiness_object(tok):
        # "stayed open to talks with X", "is ready for talks": the readiness governs the talks
        # (an offer, not talks held)
        cur = tok.head.head
        chain.append(cur)
    # climb through infinitive/gerund complements and coordinated verbs
    while _climbs(cur, cues) and cur.head.i != cur.i:
        prep = _first_preposition(cur.head) if cur.dep_ == "pcomp" else None
        climbs_prep = prep is not None and prep.dep_ == "prep"
        if climbs_prep:
            climbed.append(prep)
        cur = prep.head if climbs_prep else cur.head
        chain.append(cur)
        if cur.dep_ == "conj" and cur.pos_ != "VERB":
            break
    infinitive = has_to(cur)
    if cur.head.pos_ == "NOUN" and (cur.dep_ == "acl" or (cur.dep_ == "relcl" and infinitive)):
        # "Trump's decision to pull troops out", "a threat to strike"
        chain.append(cur.head)
    # the carrying verb is not a governor ("ordered strikes" are not asked for)
    m.chain, m.governors, m.climbed_preps = chain, chain[2 if carried else 1 :], climbed
    # "X said Iran was behind the attack": the blamed harm is told in the copula's clause
    blamed = blame_copula(tok) if tok.pos_ in ("NOUN", "PROPN") else None
    top = blamed if blamed is not None else chain[-1]
    m.clauses = _clauses(top)
    # "said an airstrike killed five": the noun's act is told in the clause of "killed" (its
    # speech makes it a claim; an "if" or a demand over that clause is about the clause, and
    # the attack it names is presupposed)
    if top is tok and noun:
        m.noun_clauses = _told_in(clause_verb(tok), cues)
    return m


def _told_in(verb, cues: Cues) -> list:
    """The verbs an event noun's clause is told under: those its verb is an infinitive
    complement of ("the envoy is believed to have fled during the shelling": believed), each as
    (the verb below, the verb above), then the clauses above them. Not a verb it is joined
    to ("recalled its envoy and called the deal a violation": no report of the deal)."""
    out, cur = [], verb
    while (cur.dep_ == "xcomp" or misparsed_complement(cur, cues)) and cur.head.i != cur.i:
        out.append((cur, cur.head))
        cur = cur.head
    return out + _clauses(cur)


def clause_verb(tok):
    """The verb of the clause an event noun is part of: the verb it is subject or object of,
    or of whose prepositional phrase it is the object ("were killed in an airstrike"); the
    noun itself when no verb is above it within a few steps, or when that verb is a copula
    ("said the raid was the largest this year" tells of the raid, it does not report it)."""
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i:
            return tok
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return tok if lemma(cur) == "be" else cur
    return tok


def _climbs(tok, cues: Cues) -> bool:
    """The chain goes on above `tok`: it is a complement or conjunct of the word above."""
    return (
        tok.dep_ in CLIMB_DEPS
        or misparsed_complement(tok, cues)
        or _serial_verb(tok)
        or _refusal_particle(tok)
    )


def _refusal_particle(tok) -> bool:
    """ "stopped short of imposing", "backed away from its threat": the particle the act's
    preposition hangs on belongs to a phrasal verb of refusal (lexicon refusal_particle_verbs)."""
    return tok.dep_ == "advmod" and refusal_particle(tok.head) == tok.lower_


def _serial_verb(tok) -> bool:
    """ "would rather go fight them", "will come help": a bare verb right after "go" or
    "come", which the parser reads as an adverbial clause, is that verb's complement (its
    modality is the motion verb's)."""
    head = tok.head
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VB"
        and tok.i == head.i + 1
        and lemma(head) in words("serial_motion_verbs")
        and not any(c.dep_ in ("mark", "nsubj", "aux") for c in tok.children)
    )


def _readiness_object(tok) -> bool:
    """The object of "to" or "for" after an adjective of readiness ("open to dialogue",
    "ready for talks"; lexicon readiness_adjectives)."""
    prep = tok.head
    return (
        tok.dep_ == "pobj"
        and prep.lower_ in ("to", "for")
        and prep.head.pos_ == "ADJ"
        and lemma(prep.head) in words("readiness_adjectives")
    )


def _first_preposition(tok):
    """The preposition a repeated one is joined to ("accused X of A and of B": the first
    "of"), the token itself otherwise."""
    while tok.dep_ == "conj" and tok.pos_ == "ADP" and tok.head.pos_ == "ADP":
        tok = tok.head
    return tok


def _clauses(clause) -> list:
    """The clause heads above the chain's top, each with the verb it complements (a ccomp)
    or None (an adverbial or relative clause, where the climb stops)."""
    out = []
    while clause.dep_ in CLAUSE_CLIMB and clause.head.i != clause.i:
        if clause.dep_ != "ccomp":
            out.append((clause, None))
            break
        out.append((clause, clause.head))
        clause = clause.head
    return out
