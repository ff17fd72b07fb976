"""Rules of the `parse` stage: repairs of the parser's tree that every later stage reads.

A `parse` rule takes the sentence Span, changes heads (and labels) in place and yields (token
index, its former head's index, its former label) for every token it moves. The coder notes
the rule in the trace of an event at a moved token, and puts every head and label back once
the sentence is coded: the Doc leaves the coder as the parser made it, so coding the same
parse again (with other rules switched off, as the ablation and the evaluation harness do)
starts from the same tree.
"""

from __future__ import annotations

from collections.abc import Iterator

from polybius.coding.lexicon import load_cues, words
from polybius.coding.rules.registry import rule
from polybius.coding.syntax import lemma, unclosed_line

_OWN_CLAUSE = ("nsubj", "nsubjpass", "csubj", "aux", "auxpass", "expl")
_FINITE = ("VBD", "VBZ", "VBP")
# a speaker's act may share the reporting verb's tense or, after a participle, its "-ing"
# ("saying the fighters would win and urging their followers to stay")
_REPORTER_TAGS = _FINITE + ("VBG",)
_ARTICLES = frozenset({"a", "an", "the"})


def _reporter_conjunct(tok):
    """The reporting verb a conjunct was wrongly joined under, or None.

    "X said the talks had failed and urged Y to return": the small English model joins
    "urged" to "failed", inside what X said, so the talks would be urging Y. The conjunct is
    the speaker's own act when it is an act of speech (lexicon speaker_acts), has no subject or
    auxiliary of its own, has the reporting verb's tense, follows the reported clause, and
    the reported clause cannot share its subject with it: that clause has an auxiliary the
    conjunct lacks ("had failed ... and urged") or its subject is not a name ("the situation
    was dire and called on"). The same holds for participles: "saying they would win and
    urging Y". The reported clause may sit inside another ("said the raid showed that the
    state was strong and thanked the officers")."""
    clause = tok.head
    if tok.dep_ != "conj" or clause.dep_ != "ccomp" or clause.i > tok.i:
        return None
    reporter = clause.head
    speech = load_cues().has
    while not speech("speech", lemma(reporter)) and reporter.dep_ == "ccomp":
        reporter = reporter.head  # "X said the raid showed the state was strong and thanked Y"
    if reporter.i > clause.i or not speech("speech", lemma(reporter)):
        return None
    if tok.tag_ not in _REPORTER_TAGS or tok.tag_ != reporter.tag_:
        return None
    if lemma(tok) not in words("speaker_acts"):
        return None
    if any(c.dep_ in _OWN_CLAUSE for c in tok.children):
        return None
    helped = any(c.dep_ in ("aux", "auxpass") for c in clause.children)
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if helped or subj is None or subj.pos_ != "PROPN":
        return reporter
    return None


@rule("speaker_act_after_reported_clause", "parse")
def speaker_act_after_reported_clause(sent) -> Iterator[tuple[int, int, str]]:
    """Rejoin a speaker's own act to the reporting verb (see _reporter_conjunct), with the
    conjunction before it."""
    for tok in sent:
        reporter = _reporter_conjunct(tok)
        if reporter is None:
            continue
        clause = tok.head
        joiner = [c for c in clause.children if c.dep_ == "cc" and c.i < tok.i]
        tok.head = reporter
        yield tok.i, clause.i, tok.dep_
        if joiner:
            joiner[-1].head = reporter
            yield joiner[-1].i, clause.i, joiner[-1].dep_


@rule("semicolon_ends_a_clause", "parse")
def semicolon_ends_a_clause(sent) -> Iterator[tuple[int, int, str]]:
    """ "Police detain dozens as protesters rally; EU urges release": the small model makes
    the clause before a semicolon the complement of the verb after it, as if the EU urged
    the detentions. The clause before is the main one, the clause after stands beside it."""
    root = sent.root
    for tok in sent:
        if tok.i >= root.i:
            return
        if tok.dep_ != "ccomp" or tok.head.i != root.i:
            continue
        if not any(c.text == ";" and tok.right_edge.i < c.i < root.i for c in root.children):
            continue
        yield root.i, root.i, root.dep_
        yield tok.i, root.i, tok.dep_
        tok.head, tok.dep_ = tok, "ROOT"  # first: the sentence always has a root
        root.head, root.dep_ = tok, "parataxis"
        return


def _misread_main_verb(sent):
    """The past verb the parser hung on the subject as a participle, or None.

    "The US-led coalition bombed Raqqa on Monday.": the small model reads "bombed" as a
    reduced relative on "coalition" ("the coalition (that was) bombed") and makes the noun
    the sentence's root. In a closed sentence with no finite verb at all, a past form right
    after the root noun's phrase that has an object of its own and no agent is the main
    verb."""
    root = sent.root
    if root.pos_ not in ("NOUN", "PROPN") or unclosed_line(sent):
        return None
    if any(t.tag_ in _FINITE + ("MD",) and t.pos_ in ("VERB", "AUX") for t in sent):
        return None
    for c in root.children:
        labels = {g.dep_ for g in c.children}
        if (
            c.dep_ == "acl"
            and c.tag_ in ("VBN", "VBD")
            and c.i > root.i
            and "dobj" in labels
            and labels.isdisjoint(("agent", "nsubj", "nsubjpass", "aux", "auxpass", "mark"))
        ):
            return c
    return None


@rule("past_verb_misread_as_participle", "parse")
def past_verb_misread_as_participle(sent) -> Iterator[tuple[int, int, str]]:
    """Make the misread main verb (see _misread_main_verb) the root and the noun it hung on
    its subject."""
    verb = _misread_main_verb(sent)
    if verb is None:
        return
    noun = verb.head
    yield verb.i, noun.i, verb.dep_
    yield noun.i, noun.i, noun.dep_
    verb.head, verb.dep_ = verb, "ROOT"  # first: the sentence always has a root
    noun.head, noun.dep_ = verb, "nsubj"


def _predicate_after_relative(tok):
    """The noun a main verb was hung on as a participle after a relative clause, or None.

    "Oman, whose dispute with the rebels was frozen in 2023, called for restraint": after a
    relative clause set off by commas the small model reads the predicate as a reduced relative
    on the subject ("Oman (that was) called"). It is the main verb when it is a past form with
    no subject, auxiliary or agent of its own, right after the comma that closes a relative
    clause of the same noun, and the noun is the sentence's root or the subject of a later verb
    joined to it by "and" ("Washington, which has troops there, called for calm and said ...")."""
    noun = tok.head
    if tok.dep_ != "acl" or tok.tag_ not in ("VBD", "VBN") or tok.i == tok.sent.start:
        return None
    if tok.nbor(-1).text != ",":
        return None
    if any(c.dep_ in _OWN_CLAUSE + ("agent", "mark") for c in tok.children):
        return None
    relative = [
        c for c in noun.children if c.dep_ in ("relcl", "appos") and c.right_edge.i == tok.i - 2
    ]
    if not relative or noun.i > relative[0].i:
        return None
    if noun.dep_ == "ROOT":
        return noun
    verb = noun.head
    joined = any(c.dep_ == "cc" and tok.i < c.i < verb.i for c in (*verb.children, *noun.children))
    return noun if noun.dep_ == "nsubj" and verb.i > tok.i and joined else None


@rule("main_verb_after_a_relative_clause", "parse")
def main_verb_after_a_relative_clause(sent) -> Iterator[tuple[int, int, str]]:
    """Make the misread predicate (see _predicate_after_relative) the main verb with the noun
    as its subject; a later verb the noun was subject of becomes its conjunct."""
    for tok in sent:
        noun = _predicate_after_relative(tok)
        if noun is None:
            continue
        later = None if noun.dep_ == "ROOT" else noun.head
        yield tok.i, noun.i, tok.dep_
        yield noun.i, noun.head.i, noun.dep_
        if later is None or later.dep_ == "ROOT":
            tok.head, tok.dep_ = tok, "ROOT"  # first: the sentence always has a root
        else:
            tok.head, tok.dep_ = later.head, later.dep_
        if later is not None:
            joiners = [c for c in (*later.children, *noun.children) if c.dep_ == "cc"]
            yield later.i, later.head.i, later.dep_
            later.head, later.dep_ = tok, "conj"
            for c in (c for c in joiners if tok.i < c.i < later.i):
                yield c.i, c.head.i, c.dep_
                c.head = tok
        noun.head, noun.dep_ = tok, "nsubj"
        return


def _headline_passive(tok) -> bool:
    """ "Opposition leader arrested", "American reporter detained in Iran": a verb that takes
    its victim as object (lexicon patient_verbs), in the past form, heading a headline (or what
    its speech verb reports) with a subject and neither object nor auxiliary: the headline's
    passive, its "was" left out."""
    if tok.tag_ not in ("VBD", "VBN") or lemma(tok) not in words("patient_verbs"):
        return False
    heads_line = tok.dep_ == "ROOT" or (
        tok.dep_ == "ccomp"
        and tok.head.dep_ == "ROOT"
        and load_cues().has("speech", lemma(tok.head))
    )
    if not heads_line:
        return False
    labels = {c.dep_ for c in tok.children}
    return "nsubj" in labels and labels.isdisjoint(
        ("dobj", "aux", "auxpass", "nsubjpass", "ccomp", "xcomp", "attr", "dative")
    )


@rule("headline_participle_is_passive", "parse")
def headline_participle_is_passive(sent) -> Iterator[tuple[int, int, str]]:
    """ "Kenyan opposition leader detained after rally": the small model reads a headline's
    bare participle as a past-tense verb whose subject did it. The subject is the one it was
    done to (see _headline_passive)."""
    if not unclosed_line(sent):
        return
    for tok in sent:
        if not _headline_passive(tok):
            continue
        yield tok.i, tok.head.i, tok.dep_  # unmoved: its events' traces name the repair
        for c in tok.children:
            if c.dep_ == "nsubj":
                yield c.i, c.head.i, c.dep_
                c.dep_ = "nsubjpass"


def _harmed_while_doing(tok):
    """The -ing verb a verb of harm was misread as taking for its object, or None.

    "Two soldiers killed patrolling the border were buried": the small model reads "killed"
    as a past tense whose subject killed and whose object is "patrolling". A verb of harm or custody
    takes a person, never an act, as its object (lexicon harm_verbs_needing_objects), so a
    past form of one with a subject, no auxiliary and no object but an -ing verb is the
    participle of a reduced passive: the subject was killed while patrolling ("killed
    fighting rebels" is out of reach: the parser makes "fighting" a modifier of "rebels")."""
    if tok.tag_ != "VBD" or lemma(tok) not in words("harm_verbs_needing_objects"):
        return None
    labels = [c.dep_ for c in tok.children]
    if "nsubj" not in labels or not set(labels).isdisjoint(("aux", "auxpass", "nsubjpass")):
        return None
    objects = [c for c in tok.children if c.dep_ in ("dobj", "xcomp", "ccomp")]
    if len(objects) != 1 or objects[0].tag_ != "VBG" or objects[0].i != tok.i + 1:
        return None
    return objects[0]


@rule("harmed_while_doing", "parse")
def harmed_while_doing(sent) -> Iterator[tuple[int, int, str]]:
    """ "A reporter killed covering the war": the subject underwent the harm, and the -ing
    verb is what it was doing (see _harmed_while_doing)."""
    for tok in sent:
        doing = _harmed_while_doing(tok)
        if doing is None:
            continue
        yield tok.i, tok.head.i, tok.dep_  # unmoved: its events' traces name the repair
        yield doing.i, doing.head.i, doing.dep_
        doing.dep_ = "advcl"
        for c in tok.children:
            if c.dep_ == "nsubj":
                yield c.i, c.head.i, c.dep_
                c.dep_ = "nsubjpass"


@rule("denial_after_a_charge", "parse")
def denial_after_a_charge(sent) -> Iterator[tuple[int, int, str]]:
    """ "..., a charge Belgrade rejects", "..., an allegation Abu Dhabi denies": after a comma,
    a charge (lexicon charge_nouns), a name and a denial verb in the present (lexicon
    denial_verbs) are a relative clause on the charge, the name its subject; the small model
    reads the verb as a plural noun ("rejects") with the charge and the name as its modifiers.
    The charge is left where the parser put it, or put on the verb's former head."""
    toks = list(sent)
    for k, verb in enumerate(toks):
        if verb.tag_ != "NNS" or not _denial_in_present(verb.lower_):
            continue
        names = _name_before(toks, k)
        if not names or k - len(names) < 2:
            continue
        charge, det = toks[k - len(names) - 1], toks[k - len(names) - 2]
        if lemma(charge) not in words("charge_nouns") or det.lower_ not in _ARTICLES:
            continue
        subject = names[-1]
        moves = [(verb, charge, "relcl"), (subject, verb, "nsubj")]
        moves += [(n, subject, "compound") for n in names[:-1]]
        if charge.head.i == verb.i or charge.head.i in {n.i for n in names}:
            moves.append((charge, verb.head if verb.head.i != verb.i else charge, "npadvmod"))
        for tok, head, label in moves:
            old_head, old_label = tok.head.i, tok.dep_
            tok.head, tok.dep_ = head, label
            yield tok.i, old_head, old_label


def _denial_in_present(word: str) -> bool:
    """ "rejects", "denies", "disputes": the third person of a denial verb."""
    stems = (word[:-3] + "y",) if word.endswith("ies") else (word[:-1], word[:-2])
    return any(s in words("denial_verbs") for s in stems)


def _name_before(toks, k: int) -> list:
    """The capitalised proper nouns right before position k ("Abu Dhabi", "Belgrade")."""
    names = []
    i = k - 1
    while i >= 0 and toks[i].pos_ == "PROPN" and toks[i].text[:1].isupper():
        names.insert(0, toks[i])
        i -= 1
    return names
