"""What a verb's form says: whether it is passive, whose act a passive tells, whether a
coordinated verb has a tense of its own (questions of the parse several stages ask)."""

from __future__ import annotations

from polybius.coding.lexicon import words
from polybius.coding.syntax import SUBJECT_DEPS, child, lemma, undergone_in_sequence


def is_passive(tok) -> bool:
    """Passive voice, also for a conjoined participle ("were stopped and searched"; a verb of
    harm the tagger reads as a past tense, with no object, auxiliary or clause of its own:
    "were pulled over and detained") and for a bare participle clause ("Asked about the raid,
    X said ...": X was asked)."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
        return True
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        return True  # "activists arrested in X": a participle on its noun
    if tok.dep_ == "advcl" and tok.tag_ == "VBN":
        return not any(c.dep_ in ("aux", "nsubj", "mark") for c in tok.children)
    return (
        tok.dep_ == "conj"
        and (tok.tag_ == "VBN" or _objectless_past_of_harm(tok))
        and not any(c.dep_ in SUBJECT_DEPS for c in tok.children)
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.head.children)
    )


def _objectless_past_of_harm(tok) -> bool:
    """A verb of harm tagged as a past tense with no object, auxiliary or clause of its own
    (lexicon harm_verbs_needing_objects): read only for a conjunct, as `is_passive` asks."""
    return (
        tok.tag_ == "VBD"
        and lemma(tok) in words("harm_verbs_needing_objects")
        and not any(c.dep_ in ("dobj", "aux", "ccomp", "xcomp") for c in tok.children)
    )


def patient(tok, bare: bool = True):
    """The passive subject, or the one of the verb a conjoined participle shares (active or
    passive: "activists marched and were detained") or the main clause's subject of one under
    "after" or "before" ("freed after being detained"); for a relative clause its antecedent;
    for a bare participle clause the subject of its main clause ("Accused of fraud, the
    minister resigned": the minister; only with `bare`); for a passive infinitive, who
    controls it ("X is believed to have been killed", "ordered X to be freed": X)."""
    own = child(tok, "nsubjpass")
    if own is None and tok.dep_ == "xcomp" and is_passive(tok) and child(tok, "nsubj") is None:
        tok = tok.head  # the raised subject, the controlling object, else the subject
        own = child(tok, "nsubjpass") or child(tok, "dobj") or child(tok, "nsubj")
        relative = own is not None and own.lower_ in words("relative_pronouns")
        return tok.head if relative and tok.dep_ == "relcl" else own
    if own is None and tok.dep_ == "conj":
        own = child(tok.head, "nsubjpass")
        if own is None and is_passive(tok) and child(tok, "nsubj") is None:
            own = child(tok.head, "nsubj")  # "activists marched and were detained"
        tok = tok.head  # its relative pronoun is the head's ("a girl who was seized and held")
    if own is not None and own.lower_ in words("relative_pronouns") and tok.dep_ == "relcl":
        return tok.head
    if bare and own is None and tok.dep_ == "advcl" and is_passive(tok):
        return child(tok.head, "nsubj") or child(tok.head, "nsubjpass")
    if own is None and undergone_in_sequence(tok) and tok.head.head.pos_ in ("VERB", "AUX"):
        # "activists were freed after being detained": the main clause's subject underwent it
        main = tok.head.head
        return child(main, "nsubjpass") or child(main, "nsubj")
    return own


# verb tags with a tense of their own: a coordinated verb in one of them is a new clause
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def has_a_tense(verb) -> bool:
    """A finite verb ("stormed"), or one carrying a tensed or modal auxiliary of its own
    ("does fund", "has visited", "will meet"); an infinitive's "to" is not a tense, nor is
    a present form with no subject joined to an infinitive ("to expel the envoys and
    halt flights": the tagger reads "halt" as a present, it is the second infinitive), nor
    a past form that is a passive's participle ("were seized and killed")."""
    if (
        verb.tag_ == "VBP"
        and verb.head.tag_ == "VB"
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    ):
        return False
    tag = "VBN" if verb.tag_ == "VBD" and is_passive(verb) else verb.tag_
    return tag in FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and (c.tag_ in FINITE_TAGS or c.tag_ == "MD")
        for c in verb.children
    )
