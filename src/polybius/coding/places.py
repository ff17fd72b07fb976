"""Where an event happened: a state or town after a place preposition in its phrase."""

from __future__ import annotations

from functools import lru_cache

from polybius.actors.dictionary import ADJECTIVE
from polybius.actors.resolver import SentenceMentions
from polybius.coding.draft import Location, Trigger
from polybius.coding.lexicon import words
from polybius.coding.syntax import child, gerund_as_noun, lemma, occurrence_host
from polybius.models import Actor
from polybius.tsv import package_data, read_tsv
from polybius.when.dates import is_calendar_name
from polybius.where.choose import choose
from polybius.where.places import PLACE_PREPOSITIONS, candidates, find_place
from polybius.where.waters import sea_heads, water_words

NAME_DEPS = frozenset({"compound", "flat"})  # the words of a multiword proper name

# mention kinds that name a place as well as a party: a state, its capital, a unit of it
PLACE_KINDS = ("state", "capital", "region")


@lru_cache(maxsize=1)
def place_nouns() -> dict[str, str]:
    """ "province" -> admin1, "city" -> city ... (where/data/place_nouns.tsv)."""
    rows = read_tsv(package_data("where", "data", "place_nouns.tsv"))
    return {r["word"]: r["precision"] for r in rows}


def named_by(noun):
    """The name a place noun goes with: "city of X", "X province", "the town, X"."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "PROPN":
                return pobj
    for c in noun.children:
        if c.dep_ in ("compound", "appos", "nmod") and c.pos_ == "PROPN":
            return c
    for c in noun.children:  # a name the tagger took for a verb: "the Sagaing region"
        if c.dep_ in ("compound", "amod") and c.pos_ in ("VERB", "NOUN") and c.text[:1].isupper():
            return c if c.i > c.sent.start else None
    return None


def town_of_place_noun(noun):
    """The name a noun of a kind of town or unit stands for: "the town of Saraqeb", "the
    outskirts of Afrin", "Idlib province" (None for any other noun, or a site: "the prison")."""
    if place_nouns().get(noun.lower_) not in ("city", "admin1"):
        return None
    return named_by(noun)


def named_place(tok) -> list:
    """The tokens that may name a place at `tok`: the token, and for a noun of a kind of town
    or unit the name it goes with ("in Idlib province", "in the central Sagaing region")."""
    name = town_of_place_noun(tok)
    return [tok] if name is None else [tok, name]


def region_unit(name: str, code: str):
    """The gazetteer's first-level unit called `name` in state `code` (the place a region
    mention names), or None when the gazetteer knows it by another name ("Bavaria")."""
    return choose(name, [p for p in candidates(name) if p.feature == "A"], {}, code)


def place_prepositions() -> frozenset[str]:
    return PLACE_PREPOSITIONS | words("event_place_prepositions")


def is_place_preposition(prep, preps: frozenset[str]) -> bool:
    """A preposition that puts its object as a place: one of `preps` ("in Idlib"), "on" a
    site ("on the island"), or "of" after a compass word ("shelled two villages east of
    Kharkiv", "20 km south of Mogadishu": lexicon compass_words) or a part of a town ("took
    to the streets of Lima", "shelled the outskirts of Aleppo": lexicon town_part_nouns)."""
    if prep.lower_ in preps:
        return True
    if prep.lower_ == "on":  # "on a Turkish beach", "on Iraqi soil": a site, not a day or topic
        site = child(prep, "pobj")  # (not "advanced on the city": force's direction)
        return site is not None and site.lower_ in words("sites_one_is_on")
    if prep.lower_ != "of":
        return False
    head = prep.head.lower_
    return head in words("compass_words") or head in words("town_part_nouns")


def origin_tokens(host) -> set[int]:
    """Tokens of a "from" phrase: where forces came from is not where the event happened; and
    of a "with" phrase: a partner ("in cooperation with Russia") is no place either."""
    return {
        t.i
        for p in host.subtree
        if p.lower_ in ("from", "with") and p.dep_ == "prep"
        for t in p.subtree
    }


def location(
    trig: Trigger, sm: SentenceMentions, shallow: bool = False, force: bool = False
) -> Location | None:
    """The place of the event: a state, capital or town named after a place preposition
    ("in X", "into X", "near the town of X", "an enclave inside X"), else a town that is the
    verb's object ("shelled Kharkiv") or, for force (`force`), that an event noun is "on"
    ("the assault on Afrin"), with coordinates when the gazetteer knows the town.
    `shallow`: only a place preposition on the trigger or its object itself."""
    preps = place_prepositions()
    hosts = [trig.token] + ([trig.object_token] if trig.object_token is not None else [])
    # "protests broke out in X": the place of a verb that only says an event noun happens is
    # the event's (only a place preposition on that verb itself, not its whole clause)
    event_word = trig.pattern.pos == "n" or gerund_as_noun(trig.token)  # "fighting continued"
    occurring = occurrence_host(trig.token) if event_word else None
    if occurring is not None:
        hosts.append(occurring)
    for host in hosts:
        origin = origin_tokens(host)
        for prep in host.children:
            if prep.dep_ == "prep" and is_place_preposition(prep, preps):
                found = place_in([t for t in prep.subtree if t.i not in origin], sm)
                if found is not None:
                    return found
        if shallow or host is occurring:
            continue
        for tok in host.subtree:  # "an enclave inside X"
            if tok.i not in origin and tok.dep_ == "pobj" and is_place_preposition(tok.head, preps):
                found = place_in(named_place(tok), sm)
                if found is not None:
                    return found
    town = object_town(trig, sm)
    if town is None and force and not shallow:
        town = struck_town(trig, sm)
    return town


def struck_town(trig: Trigger, sm: SentenceMentions) -> Location | None:
    """A town the gazetteer knows that an event noun of force is "on" or "against" and no
    actor names: "the assault on Afrin", "airstrikes on Idlib", "raids on Kunduz province",
    "the shelling of the Kherson district" (like a verb's object town)."""
    if trig.pattern.pos != "n":
        return None
    for prep in trig.token.children:
        if prep.dep_ == "prep" and prep.lower_ in words("struck_prepositions"):
            obj = child(prep, "pobj")
            if obj is not None and obj.pos_ == "NOUN":  # "Kunduz province": the name
                obj = next((c for c in obj.children if c.dep_ == "compound"), None)
            if obj is None or not _town_name(obj, sm):
                continue
            return place_in([obj], sm)
    return None


def _town_name(tok, sm: SentenceMentions) -> bool:
    """A proper name no actor mention covers and not the last word of a person's full name
    ("a raid on Omar Hama"): it may be a town the gazetteer knows."""
    if tok.pos_ != "PROPN" or tok.i in sm.by_token:
        return False
    return not any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)


def town_a_place_noun_names(trig: Trigger, sm: SentenceMentions) -> Location | None:
    """A town the gazetteer knows, named by a place noun that force takes or hits: the
    verb's object ("shelled the outskirts of Afrin", "took control of the town of Saraqeb") or
    what force is "on" or "against" (the trigger, or its object: "an attack on the city of
    Afrin", "launched an offensive on Afrin").
    `object_town` and `struck_town` read a bare name only, and an event noun only as the
    trigger."""
    names = []
    obj = trig.object_token or child(trig.token, "dobj")
    if obj is not None:
        names.append(town_of_place_noun(held_place(obj) or obj))
    if trig.object_token is not None:  # "launched an offensive on X" (either word's "on")
        hosts = [trig.token, trig.object_token]
    else:
        hosts = [trig.token] if trig.pattern.pos == "n" else []  # "attacks on X"
    for host in hosts:
        for prep in host.children:
            if prep.dep_ == "prep" and prep.lower_ in words("struck_prepositions"):
                hit = child(prep, "pobj")
                if hit is not None:
                    names.append(town_of_place_noun(hit) or hit)
    for name in names:
        if name is None or not _town_name(name, sm):
            continue
        found = place_in([name], sm)
        if found is not None:
            return found
    return None


def object_town(trig: Trigger, sm: SentenceMentions) -> Location | None:
    """A town the gazetteer knows, named as the verb's object and by no actor: "shelled
    Kharkiv" (its state is then the target when no other party is named)."""
    obj = trig.object_token
    if obj is None:
        obj = next((c for c in trig.token.children if c.dep_ == "dobj"), None)
    if obj is not None:
        obj = held_place(obj) or obj  # "seized control of Kherson"
    if obj is None or not _town_name(obj, sm):  # not "sentenced Vadim Sorokin"
        return None
    return place_in([obj], sm) if obj.idx >= sm.sent.start_char else None


# what force takes of a place: "took control of Afrin"
CONTROL_NOUNS = frozenset({"control", "command", "possession"})


def held_place(obj):
    """The place an object of control names: "took control of Afrin", "seized control of
    the town" (None for any other object)."""
    if lemma(obj) not in CONTROL_NOUNS:
        return None
    of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def sentence_place(sent, sm: SentenceMentions, own: list[str]) -> Location | None:
    """The one state the sentence names as a place, other than the doers'; None if it names
    none or several."""
    preps = place_prepositions()
    found = [
        place
        for tok in sent
        if tok.dep_ == "pobj"
        and is_place_preposition(tok.head, preps)
        and (place := place_in(named_place(tok), sm)) is not None
        and place.code not in own
    ]
    return found[0] if len({p.code for p in found}) == 1 else None


def place_in(tokens, sm: SentenceMentions) -> Location | None:
    """A town the gazetteer knows (in the state named, if one is), else the state named; none
    at sea ("in the Gulf of Aden", "in the South China Sea": where/data/water_names.tsv)."""
    waters = sea_heads()
    if any(t.dep_ == "pobj" and t.pos_ == "PROPN" and lemma(t) in waters for t in tokens):
        return None
    base = sm.sent.start_char
    state: Location | None = None
    for tok in tokens:
        m = sm.by_token.get(tok.i)
        if m is not None and m.kind in PLACE_KINDS and tok.idx - base >= 0:
            code = sm.code_of(m)
            place = find_place(m.text) if m.kind == "capital" else None
            if m.kind == "region":  # the unit, not a town of its name elsewhere
                place = region_unit(m.text, code)
            lat, lon = (place.lat, place.lon) if place else (None, None)
            state = Location(m.text, code, m.start, m.end, lat, lon)
            break
    if state is None:
        state = _site_of_a_state(tokens, sm)
    named = [
        t
        for t in tokens
        if (t.pos_ == "PROPN" or town_of_place_noun(t.head) == t)
        and t.i not in sm.by_token
        and t.idx - base >= 0
    ]
    # a multiword name whole ("Fort Worth"), then each word ("Lahore" of "the Lahore High
    # Court", "Vancouver" of "Vancouver Island")
    whole = [span for span in map(name_span, named) if len(span) > 1]
    # a word of a sea's name alone is no town ("Bay" of "Guantanamo Bay" is one in Luzon)
    spans = whole + [[t] for t in named if t.lower_ not in water_words()]
    for span in spans:
        start, end = span[0].idx - base, span[-1].idx - base + len(span[-1].text)
        if start < 0:
            continue
        text = sm.text[start:end]
        place = town(text, sm, state.code if state is not None else None)
        if place is not None:
            return Location(text, place.country, start, end, place.lat, place.lon)
    return state


def name_span(tok) -> list:
    """The tokens of the whole name `tok` heads ("Deir ez-Zor", "Fort Worth"). Never its last
    word alone: in "Lindsey Graham", "the Old Bailey", "a town hall" or "Matt Murray" that
    word is a town somewhere, and the name is no place."""
    left = [c for c in tok.children if c.dep_ in NAME_DEPS and c.i < tok.i and c.pos_ == "PROPN"]
    right = [c for c in tok.children if c.dep_ == "flat" and c.i > tok.i]
    full = sorted([*left, tok, *right], key=lambda t: t.i)
    return list(tok.doc[full[0].i : full[-1].i + 1])


def town(name: str, sm: SentenceMentions, state: str | None):
    """The town of that name the story means (in `state` when one is named), never a month
    or weekday ("in March" is no town in Cambridgeshire)."""
    if is_calendar_name(name):
        return None
    story = {code: n for code, n in sm.context.states.items() if code}
    towns = [p for p in candidates(name) if p.feature == "P"]
    return choose(name, towns, story, state)


def place_left_or_entered(trig: Trigger, sm: SentenceMentions) -> list[Actor]:
    """The state a force leaves or enters: "out of X", "from X", "into X"."""
    for c in trig.token.children:
        if c.dep_ in ("prep", "prt", "advmod") and c.lower_ in words("leave_enter_words"):
            for tok in c.subtree:
                m = sm.by_token.get(tok.i)
                if m is not None and m.kind in PLACE_KINDS:
                    return sm.resolve(tok)
    return []


def _site_of_a_state(tokens, sm: SentenceMentions) -> Location | None:
    """A site its state's adjective sits right before: "in a Turkish jail", "on a Turkish
    beach", "in the Syrian town", "on Iraqi soil" are in that state (lexicon sites_of_a_state:
    not a base, an embassy, a camp or a border, which a state may hold, run or face abroad)."""
    sites = words("sites_of_a_state")
    for tok in tokens:
        if tok.pos_ != "NOUN" or tok.lower_ not in sites or tok.i == 0:
            continue
        adjective = tok.doc[tok.i - 1]
        m = sm.by_token.get(adjective.i)
        if m is None or m.kind != ADJECTIVE or adjective.head.i != tok.i:
            continue
        code = sm.code_of(m)
        if code:
            return Location(m.text, code, m.start, m.end)
    return None
