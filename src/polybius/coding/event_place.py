"""Where an event happened, as the record states it for analysts (`location_*` fields).

The coder's own `location` (coding/places.py) serves its actor rules; this one is stricter
and richer. A place must be

- governed by a place preposition on the event's trigger, its object or the verb the trigger
  hangs from ("clashes in Idlib", "troops entered Afrin from the north" is not Afrin's
  north), or
- the explicit object of the event's verb when it names a town or a province ("shelled
  Kharkiv"): a state named as object is a party, not a place.

A name is never a place when it is a month or weekday, a nationality adjective ("a US drone
strike"), a person or any other actor the dictionary knows, or a state used as a modifier
("Manbij, where US troops ..."). Among towns of the same name the story's countries decide
(where/choose.py). The answer carries the admin-1 unit, the GeoNames feature class and a
`geo_precision` like ACLED's: country, admin1 or city.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from polybius.actors.resolver import SentenceMentions
from polybius.coding.draft import Location, Trigger
from polybius.coding.places import (
    PLACE_KINDS,
    held_place,
    is_place_preposition,
    name_span,
    named_by,
    origin_tokens,
    place_nouns,
    place_prepositions,
    region_unit,
)
from polybius.coding.syntax import lemma
from polybius.tsv import package_data, read_tsv
from polybius.when.dates import is_calendar_name
from polybius.where.choose import choose
from polybius.where.places import Place, candidates
from polybius.where.states import state_names

# event types whose place is also what they strike; the prepositions that say it
STRIKES = frozenset({"ASSAULT", "MOBILIZE"})
STRIKE_PREPOSITIONS = frozenset({"on", "against"})
CLAUSE_CLIMB = frozenset({"xcomp", "advcl", "conj"})
NESTED_CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj"})
# verbal events whose country may be their place: meetings are held somewhere; a statement
# "in Syria" is mostly about Syria, not made there
MEETINGS = frozenset({"CONSULT"})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
# "in France and several other countries": more than one state
STATE_NOUNS = frozenset({"country", "state", "nation"})


@lru_cache(maxsize=1)
def motion_verbs() -> frozenset[str]:
    """Verbs of going somewhere (where/data/motion_verbs.tsv)."""
    return frozenset(r["word"] for r in read_tsv(package_data("where", "data", "motion_verbs.tsv")))


def event_place(
    trig: Trigger, sm: SentenceMentions, plover_type: str | None = None, quad: int | None = None
) -> Location | None:
    """The place of the event, or None. Attacks and deployments (STRIKES) take the place they
    strike as well ("attacks on the UK", "invaded Syria"). Material events (QuadClass 2 and
    4) happen somewhere: without a place of their own they take the one place the sentence
    names as the scene of a verb ("in Idlib, rebels ..."); what is said (QuadClass 1 and 3)
    has a place only when the sentence states it for the event, and only a town or a unit
    unless it is a meeting (a statement "in Syria" is about Syria, not made there)."""
    story = {code: n for code, n in sm.context.states.items() if code}
    strikes = plover_type in STRIKES
    goes = lemma(trig.token) in motion_verbs()
    material = quad in (2, 4)
    found, unknown, on_verb = None, False, False
    for head, as_object in governed(trig, strikes or goes, goes):
        found = phrase_place(head, sm, story, as_object and not (strikes or goes))
        if found is not None:
            on_verb = _after_the_verb(head, trig.token)
            break
        unknown = unknown or (not as_object and unknown_place_name(head, sm))
    if found is None and material:
        found = sentence_place(sm, story)
    if found is not None and unknown:
        found = country_only(found)  # "in eastern Ghouta, near Damascus": not Damascus
    said = not (material or goes or plover_type in MEETINGS)
    if found is not None and said and found.geo_precision == "country" and not on_verb:
        found = None  # "In Syria, X has criticised Y": about Syria, not said there
    return found


def _after_the_verb(pobj, verb) -> bool:
    """The place follows the event's verb in a place phrase of that verb ("was jailed in
    Turkey", "spoke in France"), not fronted ("In Syria, X criticised Y") or inside a noun."""
    prep = pobj.head
    return (
        verb.pos_ in ("VERB", "AUX")
        and prep.dep_ == "prep"
        and prep.head.i == verb.i
        and prep.i > verb.i
    )


def unknown_place_name(head, sm: SentenceMentions) -> bool:
    """A phrase after a place preposition that names a place the gazetteer does not know
    ("in Eastern Ghouta", "the suburb of Ghouta"): a proper name that is no actor, month or
    person. A farther place of the event's phrase is then only good for its country."""
    name_head = named_by(head) if head.lower_ in place_nouns() else head
    if name_head is None or name_head.i in sm.by_token or banned(name_head, sm):
        return False
    return not candidates(_span_text(name_span(name_head), sm))


def country_only(place: Location) -> Location:
    """The place's country, at country precision (no town, unit or coordinates)."""
    if place.geo_precision == "country":
        return place
    name = state_names().get(place.code, place.code)
    return replace(
        place,
        name=name,
        lat=None,
        lon=None,
        admin1=None,
        geo_precision="country",
        feature_class="A",
    )


def sentence_place(sm: SentenceMentions, story: dict[str, int]):
    """The place the sentence names as a verb's scene (a place preposition on a verb), when
    all such places are of one country (the first of them)."""
    preps = place_prepositions()
    found = []
    for tok in sm.sent:
        prep = tok.head
        if (
            tok.dep_ == "pobj"
            and is_place_preposition(prep, preps)
            and prep.dep_ == "prep"
            and prep.head.pos_ in ("VERB", "AUX")
        ):
            place = phrase_place(tok, sm, story, False)
            if place is not None:
                found.append(place)
    return found[0] if found and len({p.code for p in found}) == 1 else None


def governed(trig: Trigger, strikes: bool = False, goes: bool = False):
    """(token, is the verb's object) for each noun that may name the event's place, nearest
    first: objects of place prepositions on the trigger, its object and the verbs above it
    (through a noun trigger's verb, and up from an infinitive, adverbial or coordinated
    clause); the antecedent of "where" when the trigger's clause is a relative one ("Manbij,
    where the fighting goes on"); place prepositions anywhere in the trigger's phrase; then the
    verb's object (the trigger's phrase, not the clauses it holds: "denied a shift in X" is not
    the denial's place). `strikes`: "on" and "against" govern the place struck too.
    `goes`: a verb of going ("travelled to Egypt"): "to" governs the place."""
    preps = place_prepositions() | (STRIKE_PREPOSITIONS if strikes else frozenset())
    preps = preps | ({"to"} if goes else frozenset())
    tok = trig.token
    obj = trig.object_token
    if obj is None:
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
    hosts = [tok] + ([obj] if obj is not None else [])
    if tok.pos_ in ("NOUN", "PROPN"):  # "a summit expected in Beijing"
        hosts += [c for c in tok.children if c.dep_ == "acl"]
    hosts += _clause_hosts(tok)
    where = _where_antecedent(hosts)
    if where is not None:
        yield where, False
    seen: set[int] = set()
    for host in hosts:
        origin = origin_tokens(host)
        for prep in host.children:
            if prep.dep_ == "prep" and is_place_preposition(prep, preps):
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and pobj.i not in origin and pobj.i not in seen:
                        seen.add(pobj.i)
                        yield pobj, False
    skip = origin_tokens(tok) | _nested_clauses(tok)
    for t in tok.subtree:
        if t.dep_ == "pobj" and is_place_preposition(t.head, preps) and t.i not in skip | seen:
            seen.add(t.i)
            yield t, False
    if obj is not None and obj.i not in seen:
        held = held_place(obj)
        yield (held if held is not None else obj), True


def _nested_clauses(tok) -> set[int]:
    """Tokens of the clauses inside the trigger's phrase: their places are their own."""
    return {
        t.i for c in tok.subtree if c.i != tok.i and c.dep_ in NESTED_CLAUSES for t in c.subtree
    }


def _clause_hosts(tok) -> list:
    """The words above the trigger up to its clause's verb (a noun trigger's verb), then up
    from an infinitive, adverbial or coordinated clause to the verb it extends (twice at
    most): "were in Washington, pleading for help"."""
    out, current, climbs = [], tok, 0
    while current.head.i != current.i:
        if current.pos_ in ("VERB", "AUX"):
            if current.dep_ not in CLAUSE_CLIMB or climbs == 2:
                break
            climbs += 1
        current = current.head
        out.append(current)
    return out


def _where_antecedent(hosts):
    """The noun a relative clause introduced by "where" describes, for the clause's verb."""
    for host in hosts:
        if host.dep_ == "relcl" and any(c.lower_ == "where" for c in host.children):
            return host.head
    return None


def phrase_place(head, sm: SentenceMentions, story: dict[str, int], as_object: bool):
    """The place a noun phrase names, or None."""
    nouns = place_nouns()
    kind = nouns.get(head.lower_)
    name_head, required = head, _country_hint(head, sm)
    if kind is not None:  # "the city of Raqqa", "Idlib province", "the Syrian town"
        named = named_by(head)
        if named is None:
            return None
        name_head = named
    m = sm.by_token.get(name_head.i)
    if m is not None and m.kind in PLACE_KINDS:
        if as_object or name_head.dep_ in MODIFIER_DEPS:
            return None  # a party ("shelled Syria"), or a modifier ("US troops")
        found = _state_place(m, name_head, sm, story)
        return None if _torn(head, found, sm, story) else found
    if banned(name_head, sm):
        return None
    found = _gazetteer_place(name_head, sm, story, required, kind == "admin1")
    return None if found is None or _torn(head, found, sm, story) else found


def _torn(head, found: Location, sm: SentenceMentions, story) -> bool:
    """Places of other countries joined to this one ("in Iraq and Syria", "in France and
    other countries"): no one place."""
    for c in head.children:
        if c.dep_ == "conj" and c.tag_ == "NNS" and lemma(c) in STATE_NOUNS:
            return True
        if c.dep_ == "conj":
            other = phrase_place(c, sm, story, False)
            if other is not None and other.code != found.code:
                return True
    return False


def banned(tok, sm: SentenceMentions) -> bool:
    """Never a place: months and weekdays, words of actors (nationality adjectives, persons,
    organisations), a word of the name of an office-holder named earlier ("Theresa May"),
    lower-case or non-name words."""
    if is_calendar_name(tok.text) or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
        return True
    if tok.i in sm.by_token or tok.tag_ in ("JJ", "NNPS"):
        return True
    person = sm.context.names.get(tok.lower_)  # a name word of a known office-holder
    return person is not None and (person.rule or "").startswith("person:")


def _country_hint(head, sm: SentenceMentions) -> str | None:
    """A state the phrase ties its place to: "the Syrian city of X", "X, Syria"."""
    for c in head.children:
        m = sm.by_token.get(c.i)
        if (
            m is not None
            and m.code
            and m.kind in ("state", "adjective")
            and c.dep_
            in (
                "amod",
                "compound",
                "appos",
                "npadvmod",
            )
        ):
            return sm.code_of(m)
    return None


def _state_place(m, tok, sm: SentenceMentions, story) -> Location:
    code = sm.code_of(m)
    if m.kind == "capital":
        city = choose(m.text, [p for p in candidates(m.text) if p.feature == "P"], story, code)
        if city is not None:
            return _location(m.text, m.start, m.end, city, "city")
    if m.kind == "region":  # its state's unit, by the gazetteer's name or by its own
        unit = region_unit(m.text, code)
        if unit is not None:
            return _location(m.text, m.start, m.end, unit, "admin1")
        name = m.entry.name or m.text
        return Location(m.text, code, m.start, m.end, None, None, name, "admin1", "A")
    return Location(m.text, code, m.start, m.end, None, None, None, "country", "A")


def _gazetteer_place(tok, sm, story, required: str | None, want_admin1: bool):
    span = name_span(tok)
    text = _span_text(span, sm)
    found = candidates(text)
    place = choose(text, found, story, required, want_admin1) if found else None
    if place is None:
        return None
    placed = _states_as_places(sm)
    if placed and place.country not in placed and not story.get(place.country):
        return None  # "in Solhan in northeastern Burkina Faso": not Turkey's Solhan
    precision = "admin1" if place.feature == "A" else "city"
    start = span[0].idx - sm.sent.start_char
    return _location(text, start, start + len(text), place, precision)


def _states_as_places(sm: SentenceMentions) -> set[str]:
    """The states the sentence names as places: the object of a place preposition ("in
    northeastern Burkina Faso"), not a party ("Russia poisoned them in Salisbury")."""
    preps = place_prepositions()
    return {
        sm.code_of(m)
        for i, m in sm.by_token.items()
        if m.kind == "state"
        and m.code
        and sm.sent.doc[i].dep_ == "pobj"
        and is_place_preposition(sm.sent.doc[i].head, preps)
    }


def _span_text(span: list, sm: SentenceMentions) -> str:
    """The sentence's text of a run of its tokens."""
    base = sm.sent.start_char
    return sm.text[span[0].idx - base : span[-1].idx - base + len(span[-1].text)]


def _location(text: str, start: int, end: int, place: Place, precision: str) -> Location:
    lat, lon = (place.lat, place.lon) if (place.lat or place.lon) else (None, None)
    return Location(
        text,
        place.country,
        start,
        end,
        lat,
        lon,
        place.admin1 or None,
        precision,
        place.feature,
    )
