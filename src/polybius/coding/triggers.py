"""Stage 1: which tokens of a sentence are triggers, and by which pattern."""

from __future__ import annotations

from polybius.actors.dictionary import load_dictionary
from polybius.actors.matcher import find_mentions
from polybius.actors.resolver import PERSONAL_PRONOUNS, is_sector_word
from polybius.coding.draft import Trigger
from polybius.coding.lemmas import lemma_guesses, prefixed_irregular, token_lemma
from polybius.coding.lexicon import load_cues, words
from polybius.coding.syntax import bare_participle, misread_verb, of_time, refusal_particle
from polybius.events.patterns import Pattern, PatternSet
from polybius.when.dates import is_calendar_name
from polybius.where.places import PLACE_PREPOSITIONS, candidates

ATTACHED_DEPS = ("prt", "prep", "advmod", "agent", "dative", "acomp")
# a pattern word for a verb's infinitive clause ("v:push to-verb": "pushed Israel to accept")
INFINITIVE = "to-verb"
# in a pattern's objects, any proper name ("v:release +prisoner|%name")
NAMED_OBJECT = "%name"
# in a pattern's objects, a proper name the gazetteer knows as a place ("v:capture +%place":
# "captured Raqqa", not "captured Ricardo")
NAMED_PLACE = "%place"
# in a pattern's objects, any direct object ("v:push to-verb +%any": "pushed Hamas to accept"),
# or the subject of a passive ("the town was starved"; "civilians starve" has none)
ANY_OBJECT = "%any"


def find_triggers(sent, patterns: PatternSet, exceptions: dict[str, set[str]]) -> list[Trigger]:
    """Verb triggers first (their object nouns are not triggers again), then event nouns."""
    found: list[Trigger] = []
    used_objects: set[int] = set()
    tokens = list(sent)  # read twice below (a Span makes its tokens anew on every pass)
    for tok in tokens:
        if (
            tok.pos_ in ("VERB", "AUX")
            or (tok.pos_ == "NOUN" and tok.tag_.startswith("VB"))
            or misread_verb(tok)
        ):
            trig = match_verb(tok, patterns, exceptions)
            if trig:
                found.append(trig)
                if trig.object_token is not None:
                    used_objects.add(trig.object_token.i)
    for tok in tokens:
        if tok.pos_ in ("NOUN", "PROPN") and tok.i not in used_objects:
            trig = match_noun(tok, patterns)
            if trig:
                found.append(trig)
    return sorted(found, key=lambda t: t.token.i)


def _named_object(noun, plural: bool = False) -> bool:
    """A proper name as the verb's own object ("released Tomas Kovac", "Kovac was
    released"), not a day or a place after a preposition, nor an owner ("X's video"), nor
    named things counted ("the first 20 Benin Bronzes"). `plural`: a name the tagger took
    for a plural may do (places: "captured Raqqa", "the Philippines")."""
    return (
        noun.pos_ == "PROPN"
        and (plural or noun.tag_ != "NNPS")
        and noun.dep_ in ("dobj", "nsubjpass")
        and not is_calendar_name(noun.text)
        and not any(c.dep_ in ("case", "nummod") for c in noun.children)
    )


def _personal_object(noun) -> bool:
    """A personal pronoun as the verb's own object ("released her", "he was freed"): it
    stands for a person or a party named before, as a name would ("it" stands for things)."""
    return noun.lower_ in PERSONAL_PRONOUNS and noun.dep_ in ("dobj", "nsubjpass")


def _nationals_object(noun) -> bool:
    """People named by their nationality as the verb's own object ("released six
    Americans", "two Britons were freed"): a plural name the actor dictionary reads as a
    nationality, as a person's name would be."""
    if noun.tag_ != "NNPS" or noun.dep_ not in ("dobj", "nsubjpass"):
        return False
    found = find_mentions(noun.text, load_dictionary())
    return len(found) == 1 and found[0].entry.kind == "adjective" and found[0].text == noun.text


def _place_name(noun) -> bool:
    """The proper name (with the names compounded before it: "Deir ez-Zor") is a place of
    the gazetteer."""
    names = [
        c for c in noun.children if c.dep_ == "compound" and c.i < noun.i and c.pos_ == "PROPN"
    ]
    name = " ".join(t.text for t in [*names, noun])
    return bool(candidates(name))


def object_fits(noun, objects: frozenset[str]) -> bool:
    """The noun is one of a pattern's objects: by its lemma ("sarin"), or by a modifier and
    its lemma written MODIFIER_LEMMA ("chemical_weapon" is "chemical weapons", "chemical
    and biological weapons"), by the title before a name ("fired Officer Jane Doe"), or,
    where the pattern lists %name, a proper name."""
    lemma = noun.lemma_.lower()
    if lemma in objects:
        return True
    if NAMED_OBJECT in objects and (
        _named_object(noun) or _personal_object(noun) or _nationals_object(noun)
    ):
        return True  # "Iran released Tomas Kovac", "released her", "freed two Britons"
    if NAMED_PLACE in objects and _named_object(noun, plural=True) and _place_name(noun):
        return True  # "Isis seized Mosul": a town, not a person
    if ANY_OBJECT in objects and noun.dep_ in ("dobj", "nsubjpass"):
        return True  # "pushed Hamas to", "the town was starved"
    modifiers = [c for c in noun.children if c.dep_ in ("amod", "compound")]
    if noun.pos_ == "PROPN" and any(
        m.dep_ == "compound" and m.i < noun.i and m.lemma_.lower() in objects for m in modifiers
    ):
        return True  # "sacked Defence Minister Ali Ahmadi": a person named with the title
    modifiers += [g for c in modifiers for g in c.conjuncts]
    return any(f"{m.lemma_.lower()}_{lemma}" in objects for m in modifiers)


def match_noun(tok, patterns: PatternSet) -> Trigger | None:
    """The most specific noun pattern the noun fits: one with objects needs one of them as
    its "of" phrase ("the use of chemical weapons")."""
    for p in patterns.candidates("n", tok.lemma_.lower()):
        if not p.objects:
            return Trigger(tok, p)
        of = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"]
        obj = next(
            (
                g
                for c in of
                for o in c.children
                if o.dep_ == "pobj"
                for g in (o, *o.conjuncts)
                if object_fits(g, p.objects)
            ),
            None,
        )
        if obj is not None:
            return Trigger(tok, p, obj)
    return None


# verb forms whose patterns are kept (PatternSet.verb_forms); past this the table starts again
MAX_VERB_FORMS = 1 << 16


def verb_candidates(tok, patterns: PatternSet, exceptions) -> list[Pattern]:
    """The verb patterns of the token's lemma (or, when the model's lemma has none, of the
    lemma its spelling suggests: "staged" -> "stag", "retook"). Every verb of every sentence
    asks, most for none: the answer is kept per form."""
    key = (tok.lower, tok.lemma)
    found = patterns.verb_forms.get(key)
    if found is None:
        if len(patterns.verb_forms) >= MAX_VERB_FORMS:
            patterns.verb_forms.clear()
        found = patterns.verb_forms[key] = _verb_candidates(tok, patterns, exceptions)
    return found


def _verb_candidates(tok, patterns: PatternSet, exceptions) -> list[Pattern]:
    cands = patterns.candidates("v", token_lemma(tok))
    if cands:
        return cands
    for guess in [
        *lemma_guesses(tok.lower_),
        *sorted(exceptions.get(tok.lower_, ())),  # "clung" read as a noun
        *prefixed_irregular(tok.lower_, exceptions),
    ]:
        cands = patterns.candidates("v", guess)
        if cands:
            return cands
    return []


def attached_words(tok) -> tuple[set[str], list]:
    """(particles, prepositions and adjective complements on the verb itself ("pleaded not
    guilty", "were set free"), prepositions parsed onto its object)."""
    attached: set[str] = set()
    for c in tok.children:
        if c.dep_ == "advcl":  # "called for a force to be sent": "for" marks the clause
            attached.update(g.lower_ for g in c.children if g.dep_ == "mark")
        if _infinitive(c):
            attached.add(INFINITIVE)
        if c.dep_ == "prep" and c.i < tok.i and c.i == tok.sent.start:
            continue  # "With the signing of ..., both sides agreed": not "agree with"
        if c.dep_ == "prep" and of_time(c):
            continue  # "called the plan a disgrace on Monday": not "call on"
        if c.dep_ == "oprd":  # "would plead not guilty": the word, not its prepositions
            attached.add(c.lower_)  # ("called the ban a slap on the wrist" is no "call on")
        if c.dep_ in ATTACHED_DEPS:
            attached.add(c.lower_)
            # "lash out at": the preposition may hang on the particle
            attached.update(g.lower_ for g in c.children if g.dep_ in ("prep", "prt"))
    # "put the leader on trial", "stripped the activist of her citizenship": the verb's
    # preposition parsed onto its object
    object_preps = [
        p
        for o in tok.children
        if o.dep_ == "dobj"
        for p in o.children
        if p.dep_ == "prep" and p.i > o.i
    ]
    return attached, object_preps


def _infinitive(clause) -> bool:
    """A "to" clause completing a verb: "pleaded to be brought home", "pushed Israel to
    accept" (with "+%any", the pattern also asks for the object)."""
    return (
        clause.dep_ in ("xcomp", "ccomp")
        and clause.i > clause.head.i
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children)
    )


def object_candidates(tok, event_nouns: set[str] | frozenset[str]) -> list:
    """Nouns that may be the verb's object for an object pattern ("impose +sanction")."""
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd")]
    # "designated the Houthis a terrorist organisation": the parser's dative and its appositive
    objects += [
        a for c in tok.children if c.dep_ == "dative" for a in c.children if a.dep_ == "appos"
    ]
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        objects.append(tok.head)  # "the fighters being held by X"
    if _bare_ordered(tok):
        objects += [c for c in tok.children if c.dep_ == "nsubj"]  # "ordered X revoked": X
    if (
        tok.dep_ == "relcl"
        and any(o.lower_ in words("relative_pronouns") for o in objects)
        and not is_sector_word(tok.head)  # "forces that X has used as proxies"
    ):
        objects.append(tok.head)  # "the towns that X seized": the towns
    objects += [c for o in list(objects) for c in o.conjuncts]
    # "tons of food aid", "a shipment of weapons": the noun after "of" counts as the object,
    # unless the object is an event itself ("held a summit of the members": the summit);
    # so does the noun after "in" of a sum ("$50 million in humanitarian aid")
    counted = [
        g
        for o in list(objects)
        if o.lemma_.lower() not in event_nouns
        for p in o.children
        if p.dep_ == "prep" and (p.lower_ == "of" or (p.lower_ == "in" and _sum(o)))
        for pobj in p.children
        if pobj.dep_ == "pobj"
        for g in (pobj, *pobj.conjuncts)
    ]
    # "sent millions of refugees": the count is not what is sent, the counted are
    return [o for o in objects if not _count_of_things(o)] + counted


def _bare_ordered(tok) -> bool:
    """A bare participle ordered done ("ordered her citizenship revoked"), which the parser
    reads as a clause with its own subject: that subject is what the act is done to."""
    return bare_participle(tok) and load_cues().has("command", tok.head.lemma_.lower())


def _count_of_things(noun) -> bool:
    """A count ("millions", "thousands", lexicon count_nouns) with an "of" phrase naming
    something other than money: "millions of refugees", not "millions of dollars"."""
    if noun.lemma_.lower() not in words("count_nouns"):
        return False
    counted = [
        pobj
        for p in noun.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for pobj in p.children
        if pobj.dep_ == "pobj"
    ]
    return bool(counted) and not any(c.lemma_.lower() in words("currency_nouns") for c in counted)


def _sum(noun) -> bool:
    """A number or an amount of money: "$50 million", "50 billion euros"."""
    return noun.tag_ == "CD" or noun.lemma_.lower() in words("currency_nouns")


def carriers(objects) -> set[int]:
    """Objects that are containers of other objects ("a convoy of flour and tents"): what
    they carry is matched first (match_verb)."""
    containers = words("container_nouns")
    return {
        o.i
        for o in objects
        if o.lemma_.lower() in containers
        and any(c.dep_ == "prep" and c.lower_ == "of" for c in o.children)
    }


# prepositions of where a thing happens, not of what is done ("captured in the city" has not
# captured the city); "into" also takes what one enters ("entered into talks")
_WHERE_NOT_WHAT = PLACE_PREPOSITIONS - {"into"}
# nor of a source: "fired heavy weapons at the posts, according to officials"
_NOT_WHAT = _WHERE_NOT_WHAT | {"according"}


def prep_object(tok, pattern: Pattern, object_preps: list):
    """The pattern's object noun as object of its preposition: "fired on protesters" (or of a
    preposition hanging on the particle: "pulled out of the accord"). A pattern with words
    takes its object after one of them: "agreed to a ceasefire after talks" has not agreed to
    talks. A pattern without words takes no object of a place preposition or of "according
    to"."""
    on_object = [q for q in object_preps if q.lower_ in pattern.words]
    hosts = [*tok.children, *on_object, *(r for q in on_object for r in _repeated(q))]
    return next(
        (
            gc
            for c in hosts
            if c.dep_ in ("prep", "prt", "agent", "dative", "advmod")
            and (c.lower_ in pattern.words if pattern.words else c.lower_ not in _NOT_WHAT)
            for host in (c, *(g for g in c.children if g.dep_ == "prep"))
            for gc in host.children
            if gc.dep_ == "pobj" and object_fits(gc, pattern.objects)
        ),
        None,
    )


def _repeated(prep) -> list:
    """The same preposition hung on its own object, when the first hangs on the verb's
    object: "stripped 20 of its nationals of their citizenship" (the second "of", on
    "nationals", is the verb's); not on the verb itself ("warned of the risk of a blockade":
    the blockade is not what was warned of)."""
    return [
        h
        for g in prep.children
        if g.dep_ == "pobj"
        for h in g.children
        if h.dep_ == "prep" and h.lower_ == prep.lower_
    ]


def match_verb(tok, patterns: PatternSet, exceptions) -> Trigger | None:
    """The most specific verb pattern whose particles and object the parse has."""
    cands = verb_candidates(tok, patterns, exceptions)
    if not cands:
        return None
    own, object_preps = attached_words(tok)
    attached = own | {p.lower_ for p in object_preps}
    objects = object_candidates(tok, patterns.noun_lemmas)
    carrying = carriers(objects)
    if carrying:  # "sent a convoy of flour": a pattern for the flour before one for convoys
        carried = [o for o in objects if o.i not in carrying]
        for p in cands:
            obj = next((o for o in carried if p.objects and object_fits(o, p.objects)), None)
            if obj is not None and all(w in attached for w in p.words):
                return Trigger(tok, p, obj)
    words_fit = _words_fit(tok, own, attached)
    for p in cands:  # most specific first
        if not words_fit(p):
            continue
        if not p.objects:
            return Trigger(tok, p)
        obj = next((o for o in objects if object_fits(o, p.objects)), None)
        if obj is None:
            obj = prep_object(tok, p, object_preps)
        if obj is not None:
            return Trigger(tok, p, obj)
    return None


def _words_fit(verb, own: set[str], attached: set[str]):
    """A test of whether a pattern's particles and prepositions are the verb's: all of them
    `attached` (on the verb or, as parsed, on its object); a preposition whose object is the
    pattern's target among the verb's `own` ("called the attack on the hospital a crime" is
    no "call on" the hospital); and the particle of a phrasal verb of refusal named ("backed
    away from" is no backing)."""
    refusing = refusal_particle(verb)

    def fits(p: Pattern) -> bool:
        if any(w not in attached for w in p.words):
            return False
        if not p.objects and any(w not in own and f"prep:{w}" in p.targets for w in p.words):
            return False
        return refusing is None or refusing in p.words

    return fits
