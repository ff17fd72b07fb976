"""Who does what a verb says: its subject, found through pronouns, control and clauses."""

from __future__ import annotations

from polybius.coding.lexicon import load_cues, words
from polybius.coding.syntax import (
    child,
    is_light_verb,
    lemma,
    object_controlled,
    purpose_clause,
    ruled_out,
)
from polybius.coding.voice import is_passive
from polybius.when.dates import is_time_word


def speaker(tok):
    """The subject of the reporting verb whose complement clause holds `tok`."""
    clause = tok
    while clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp" or not load_cues().has("speech", lemma(clause.head)):
        return None
    reporter = clause.head
    found = child(reporter, "nsubj")
    if found is None and reporter.dep_ == "conj":
        # "X grew bolder and declared it had forced ...": the conjoined verbs' subject
        found = child(reporter.head, "nsubj")
    if found is None or found.pos_ == "PRON":
        return None
    return found


def subject(tok):
    """The token that names who does what `tok` (a verb) says, or None."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "csubj")), None)
    if subj is not None and subj.tag_ == "VBG" and child(subj, "nsubj") is not None:
        # "the Red Cross operating in X said": parsed as a clause whose subject is the body
        subj = child(subj, "nsubj")
    if subj is not None:
        own = _own_subject(tok, subj)
        if own is not None:
            return own
    if tok.dep_ == "relcl" and purpose_clause(tok) and tok.head.dep_ == "dobj":
        return subject(tok.head.head)  # "X began a strike to protest": X protests
    if tok.dep_ == "relcl":
        return tok.head
    controller = object_controlled(tok)
    if controller is not None:
        return controller
    if subj is not None:
        return subj
    if tok.head.i == tok.i:
        return None
    return _inherited_subject(tok, tok.head)


def _own_subject(tok, subj):
    """The verb's own subject, through a speaker pronoun or a reflexive; None for a relative
    pronoun (the antecedent is found by the caller)."""
    low = subj.lower_
    if low in words("speaker_pronouns"):
        found = speaker(tok)
        if found is not None:  # "X said it had expelled two diplomats"
            return found
    if low in words("reflexive_pronouns") and tok.head.i != tok.i:
        # "the opposition finds itself waging a battle": the reflexive's antecedent
        antecedent = subject(tok.head)
        if antecedent is not None:
            return antecedent
    if low not in words("relative_pronouns"):
        return subj
    return None


def _inherited_subject(tok, head):
    """The subject a verb without one takes from the verb or noun it depends on."""
    dep = tok.dep_
    if dep == "acomp":  # "it is committed to": the predicate's subject
        return subject(head)
    if dep == "csubj" and ruled_out(head):
        # "officials said lifting sanctions is out of the question": the speakers
        return speaker(head)
    if dep == "xcomp":
        return _controller(tok, head)
    if dep == "acl" and head.pos_ in ("NOUN", "PROPN"):
        return _noun_clause_subject(tok, head)
    if dep in ("conj", "advcl", "pcomp") and head.pos_ in ("VERB", "AUX"):
        if child(tok, "nsubjpass") is not None:
            # "protesters threw stones and 52 people were arrested": a clause with a subject
            # of its own shares none (who arrested is not said)
            return None
        found = subject(head)
        if found is None and dep == "conj" and not is_passive(tok):
            # "X has been indicted by the court and will resign": the shared subject does the
            # active verb
            found = child(head, "nsubjpass")
        return found
    if dep == "pcomp" and head.dep_ == "prep":
        return claimant(tok) or subject(head.head)
    return None


def claimant(tok):
    """ "X claimed responsibility for the bombing", "... for shooting down the helicopter":
    who claims (takes, accepts) responsibility for an act names its doer. None when `tok` is
    not what responsibility is claimed for, or when no one claimed it ("no group has claimed
    responsibility", "has not claimed")."""
    prep = tok.head
    if tok.dep_ not in ("pobj", "pcomp") or prep.lower_ != "for" or prep.head.i == prep.i:
        return None
    noun = prep.head
    verb = noun.head
    if lemma(noun) not in words("responsibility_nouns") or noun.dep_ != "dobj":
        return None
    denied = any(c.dep_ == "neg" for c in verb.children)
    if lemma(verb) not in words("claiming_verbs") or denied:
        return None
    subj = subject(verb)
    if subj is None or any(c.lower_ in ("no", "none") for c in subj.children):
        return None
    return subj


def _controller(tok, head):
    """Who does an infinitive complement: a raised passive subject ("is reported to have
    ordered"), the object of object control ("urged X to withdraw"), else the subject."""
    head_lemma = lemma(head)
    raised = child(head, "nsubjpass")
    if raised is not None:
        # raised ("is believed to have fled", "is scheduled to begin") or passive object
        # control ("was urged to withdraw", "was forced to retreat"): the passive subject,
        # or for a relative pronoun ("weapons which have been used to kill") its antecedent
        return subject(head) if raised.lower_ in words("relative_pronouns") else raised
    obj = child(head, "dobj")
    if obj is None:
        prep = next(
            (
                c
                for c in head.children
                if c.dep_ == "prep" and c.lower_ in words("object_control_prepositions")
            ),
            None,
        )
        obj = child(prep, "pobj") if prep is not None else None
        if obj is not None and is_time_word(obj.text):  # "threatened on Monday to"
            obj = None
    if obj is not None and lemma(obj) in words("time_span_nouns"):
        obj = None  # "spent the previous month fighting X": the time spent does no fighting
    if obj is not None and head_lemma not in words("promise_verbs"):
        return obj
    return subject(head)


def _noun_clause_subject(tok, head):
    """Who does a clause on a noun: "a delegation touring X" (the noun), "X's decision to
    withdraw" (the owner), "X made plans to attack" (the light verb's subject); a finite verb
    the parser hung on the sentence's head noun ("The AU chairman, X, called for calm") has
    that noun as its subject."""
    if tok.tag_ in ("VBD", "VBZ", "VBP") and head.dep_ == "ROOT":
        return head
    if tok.tag_ == "VBG" and lemma(head) not in words("message_nouns"):
        return head
    if head.pos_ != "NOUN":
        return None
    owner = child(head, "poss")
    if owner is not None:
        return owner
    if load_cues().has("intent", lemma(head)):
        # "decisions by Trump to pull out", "the decision of Mattis to leave": the decider of
        # a noun of intent (not "the failure of X to act", "no approach by X to extradite")
        for prep in head.children:
            named = child(prep, "pobj") if prep.dep_ == "prep" else None
            if named is not None and (
                prep.lower_ == "by" or (prep.lower_ == "of" and named.pos_ == "PROPN")
            ):
                return named
    if head.dep_ == "dobj" and (is_light_verb(head.head) or head.head.lemma_ == "have"):
        return subject(head.head)
    if lemma(head) in words("message_nouns"):
        return _author(head)
    return None


def _author(message):
    """Who issued a statement, a video, a letter: "a US statement", "a statement by X",
    "X released a video", "in a statement, X said"."""
    for c in message.children:
        if c.dep_ in ("compound", "amod") and c.pos_ in ("PROPN", "ADJ") and c.i < message.i:
            return c
        if c.dep_ == "prep" and c.lower_ in ("by", "from") and child(c, "pobj") is not None:
            return child(c, "pobj")
    verb = message.head
    if message.dep_ == "dobj" and lemma(verb) in words("publishing_verbs"):
        return subject(verb)
    if message.dep_ == "pobj" and verb.lower_ == "in" and verb.dep_ == "prep":
        return subject(verb.head)  # "In a statement urging calm, X said ..."
    return None


def doer(verb):
    """The token naming who does what the verb says: its "by" phrase in the passive ("was
    tortured by agents"), else its subject; None if neither is named."""
    if is_passive(verb):
        agent = child(verb, "agent")
        return child(agent, "pobj") if agent is not None else None
    return subject(verb)
