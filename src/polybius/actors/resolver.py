"""Resolve a noun phrase of a parsed sentence to actors (code, sector, name).

The coder hands over the head token of a subject or object; the resolver looks at the phrase
around it (modifiers, possessives, "of" phrases, appositions, conjuncts), the dictionary
mentions inside it, the date (office-holders change), and what earlier sentences of the
document named (coreference: "Putin ... the president ... he").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from polybius.actors.clause_pronouns import coordinated_body
from polybius.actors.coalitions import is_coalition_force, theatre_coalition
from polybius.actors.dictionary import (
    ADJECTIVE,
    AGENT,
    CAPITAL,
    GROUP,
    IGO,
    NGO,
    PARTY,
    PEOPLE,
    PERSON,
    REGION,
    STATE,
    TITLE,
    Entry,
    actor_words,
    state_codes,
)
from polybius.actors.matcher import Mention
from polybius.models import Actor
from polybius.tsv import package_data, read_tsv, split_values
from polybius.when.dates import is_time_word
from polybius.where.home import home_places
from polybius.where.places import PLACE_PREPOSITIONS, find_place
from polybius.where.states import state_names

# dependency labels whose subtrees belong to the phrase of their head
_PHRASE_DEPS = {
    "compound",
    "amod",
    "poss",
    "nmod",
    "det",
    "nummod",
    "quantmod",
    "case",
    "npadvmod",
    "appos",
    "prep",
    "pobj",
    "cc",
    "conj",
    "advmod",
    "predet",
}


_OWNING_PREPS = actor_words("owning_prepositions")
_NOT_OWNER = actor_words("not_owner_participles")
_SECTOR_HEADS = actor_words("located_group_heads")
_TOPIC_NOUNS = actor_words("topic_nouns")
_CONGRESS_STATES = {c.upper() for c in actor_words("congress_states")}
_NEXT_WORD = re.compile(r" ([A-Za-z]+)\b")
HOLDING_NOUNS = actor_words("holding_nouns")
_SHELTERS = actor_words("shelter_nouns")
_SPEAKING_FOR = actor_words("speaking_for_nouns")
_DEPICTIONS = actor_words("depiction_nouns")
_RELATIONAL = actor_words("relational_nouns")
_MOVEMENT_MEMBERS = actor_words("movement_member_nouns")
_NOT_MOVEMENT = re.compile(
    r"\b(?:" + "|".join(actor_words("not_movement_words")) + r")\b", re.IGNORECASE
)
_COMPASS = actor_words("compass_words")
_CONTINENTS = actor_words("continent_names")
_OPENING_MODIFIERS = actor_words("opening_modifiers")
_PLACE_PREPS = PLACE_PREPOSITIONS | actor_words("people_place_prepositions")
PERSONAL_PRONOUNS = actor_words("personal_pronouns")
FEMININE_PRONOUNS = actor_words("feminine_pronouns")
FEMALE_FIRST_NAMES = actor_words("female_first_names")
OWNER_PRONOUNS = actor_words("owner_pronouns")
DOMESTIC_SECTORS = actor_words("domestic_sectors")
OFFICE_SECTORS = actor_words("office_sectors")
ORGAN_SECTORS = actor_words("organ_sectors")
# how a domestic group named with no state is given the story's: a guess the place may undo
STORY_GUESSES = ("of the story's state", "of the story's only state")
HOME_NAMES = 64  # place mentions a story's home is judged from (the context stays small)
TOWN_NAMES = 2  # town mentions that set a story in their country (DocumentContext.town_state)
DATELINE_WEIGHT = 2  # a dateline counts as two mentions of its state for the story's home
# a town that decides a people's state among its few homes may be small ("Kurds of Afrin"):
# only a town of one of those homes counts, so false friends matter less than for a story's home
PEOPLE_TOWN_POPULATION = 5_000
SUBJECT_REACH = 2  # sentences a main clause's subject stays the referent of "he" or "she"
OBJECT_DEPS = ("dobj", "dative", "pobj")  # a pronoun there is not its own clause's subject
# how an actor was found to be a person: by name, or by a personal pronoun standing for one
NAMED_PERSON_RULE, PRONOUN_RULE = "person:", "coref:pronoun"
PERSON_RULES = (NAMED_PERSON_RULE, PRONOUN_RULE)


def _hyphen_participle(participles) -> re.Pattern:
    """A hyphen and one of the participles, right after a name: "-backed", "-occupied"."""
    return re.compile(
        r"\s?[-\u2010\u2011\u2013]\s?(" + "|".join(sorted(participles)) + r")\b", re.IGNORECASE
    )


# a state named as "US-backed", "Israeli-occupied": not the state of the phrase it modifies
_BACKER = _hyphen_participle(_NOT_OWNER)
# a state named as "US-backed" or "Iran-funded": the group's backer, not whose it is
_BACKED = _hyphen_participle(actor_words("backer_participles"))
_REGIME = re.compile(r"\b(?:regime|junta)\b", re.I)
_GOVERNMENT = re.compile(r"\bgovernment\b", re.I)  # "government forces", "pro-government militias"
_NOT_DOMESTIC_WORDS = "|".join(sorted(actor_words("not_domestic_words")))
_NOT_DOMESTIC = re.compile(r"\b(" + _NOT_DOMESTIC_WORDS + r")\b", re.I)
# sectors of domestic politics whose own terms may hold a "not domestic" word ("the ruling
# coalition"): see _not_domestic
POLITICAL_SECTORS = frozenset({"GOV", "OPP", "LEG"})
COALITION = "coalition"  # the kind a story's named coalition is remembered as, for anaphors
# the kind a state the story calls a regime ("the Syrian regime", "the Assad regime") is also
# remembered as: a later "the regime" is that state's rulers, not the state named last
REGIME = "regime"
FORMER_SECTOR = "ELI"  # a former office-holder: still of the country, no longer its government
KIND_OF = {
    STATE: "state",
    ADJECTIVE: "state",
    CAPITAL: "state",
    REGION: "state",
    "metonym": "state",
    IGO: "igo",
    NGO: "ngo",
    GROUP: "group",
    PERSON: "person",
    PEOPLE: "state",
    PARTY: "group",
}


@dataclass(frozen=True)
class Trap:
    alias: str
    if_context: re.Pattern
    unless: re.Pattern | None
    code: str | None
    name: str


def _words(cell: str) -> re.Pattern | None:
    values = split_values(cell)
    if not values:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(v) for v in values) + r")\b", re.I)


@lru_cache(maxsize=1)
def load_traps() -> dict[str, Trap]:
    traps = {}
    for row in read_tsv(package_data("actors", "data", "traps.tsv")):
        traps[row["alias"]] = Trap(
            row["alias"],
            _words(row["if_context"]),
            _words(row["unless"]),
            None if row["code"] == "-" else row["code"],
            row["name"],
        )
    return traps


def _called_a_regime(head) -> bool:
    """A phrase that calls its state's rulers a regime or junta: "the Syrian regime", "the
    Assad regime", "regime forces" (the word as the head or the head's compound), not a
    phrase that only holds the word somewhere ("Russia, the backer of the regime")."""
    return _REGIME.fullmatch(head.text) is not None or any(
        c.dep_ == "compound" and _REGIME.fullmatch(c.text) for c in head.children
    )


@lru_cache(maxsize=2)
def load_anaphors(pairs: bool = False) -> dict[str, tuple[str, ...]]:
    """Term -> the kinds of actor it refers back to: the terms that stand for one actor, or
    with `pairs` every term that may stand for two ("the two neighbours", anaphors.tsv)."""
    return {
        row["term"]: tuple(split_values(row["refers_to"]))
        for row in read_tsv(package_data("actors", "data", "anaphors.tsv"))
        if pairs or row["reference"] == "one"
    }


ACTS_KEPT = 8  # events a DocumentContext remembers for a later reaction to them


@dataclass
class Seen:
    kind: str  # state | igo | ngo | group | person
    actor: Actor
    titles: frozenset[str] = frozenset()


STATE_KINDS = (STATE, ADJECTIVE, CAPITAL, REGION, "metonym")  # mentions that name a state
OFFICER_WORDS = ("officer", "officers")
# words of the police in a sentence or the one before (SentenceMentions._officers_of_the_police)
_POLICE = re.compile(r"\b(?:" + "|".join(sorted(actor_words("police_words"))) + r")\b", re.I)
POLICE_REACH = 300  # characters of the story before the sentence: about the sentence before
# after a nationality: one to three lowercase words (the role: "investigative reporter"),
# then a first and last name
_INTRODUCED = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){1,3}(?P<name>[A-Z][a-z][\w'’-]*(?:\s+[A-Z][a-z][\w'’-]*){1,2})\b"
)
# sectors that are also codes: an organisation of that kind with no state named
STANDALONE_SECTORS = ("NGO", "IGO")


@dataclass
class DocumentContext:
    """Actors named so far in a document, for coreference in later sentences.

    What it holds does not grow with the document's length, and answers exactly as the full
    history of mentions would (issue 16: a 10 MB document named ~90,000 actors):

    - `seen` keeps one entry per (kind, code, titles), the latest: `last` can only ever return
      the most recent mention matching those three, so an older one with the same key is
      never an answer;
    - `states` counts the states named (only their counts and their total are asked);
      `story_states` the states the whole story names, when its text is known before it is
      coded (`prime_homes`);
    - `scenes` counts the countries of the places named so far (coding/story_place.py);
    - `last_date` is the date of the latest event the story dated by its own words
      (when/story_dates.py), and `pending_time` a later sentence that named a time but dated
      no event (its time is worked out only if a "that month" needs it);
    - `homes` counts the countries of the towns and provinces named anywhere so far
      (where/home.py), up to HOME_NAMES mentions; when the story's text is known before it is
      coded (`prime_homes`), anywhere in the story;
    - `sport_words` counts the words of sport the sentences so far hold (coding rule
      sport_is_not_force);
    - `leads` holds the lead's events dated only by the publication, for a few sentences
      (coding rule lead_dated_by_the_body);
    - `speakers` the parties who last spoke and when (coding/quotes.py);
    - `subject_person` the person the last main clause with a person as subject was about;
    - `subject_body` the state, organisation or body ("the defence ministry") the previous
      sentence's main clause had as subject, for a next sentence's opening "It";
    - `pairs` the last two actors named together ("Armenia and Azerbaijan") in each of the
      last sentences that named such a pair, with the sentence count: whom "the two
      neighbours" or "both sides" stands for ("X and Y agreed a truce, but the two neighbours
      accused each other"), though not the subject of its own clause ("X and Y appealed to
      both sides" is to another pair);
    - `acts` the last few events coded, as (sentence count, PLOVER type, doers): what a later
      "the decision" or "the allegations" was (coding rule reaction_targets_the_doer).
    """

    seen: dict[tuple[str, str | None, frozenset[str]], Seen] = field(default_factory=dict)
    names: dict[str, Actor] = field(default_factory=dict)  # a person's name words -> actor
    text: str = ""  # the document text so far, for trap contexts
    states: Counter[str | None] = field(default_factory=Counter)  # states named so far
    story_states: Counter[str] = field(default_factory=Counter)  # states the whole story names
    scenes: Counter[str] = field(default_factory=Counter)  # countries of places named so far
    last_date: tuple[date, str] | None = None  # the latest date the story's words gave
    # a later sentence that named a time but dated no event (read only when needed)
    pending_time: str | None = None
    homes: Counter[str] = field(default_factory=Counter)  # countries of the towns named
    # states of the first-level units named ("Kentucky": regions.tsv), counted with `homes`;
    # apart from them, as a unit also counts in `states` once its sentence is coded
    regions: Counter[str] = field(default_factory=Counter)
    # states of the organs named by their own names ("the RCMP", groups.tsv): where a story
    # naming no other state is set (`home_state`), though not a place (`town_state`)
    organs: Counter[str] = field(default_factory=Counter)
    sport_words: int = 0  # words of sport in the sentences so far (a sports report's sign)
    leads: list = field(default_factory=list)  # lead events awaiting the body's date
    sentences: int = 0  # sentences seen so far
    # the parties who last spoke ("X said ..."), and the sentence count when they did
    speakers: tuple[tuple[Actor, ...], int] | None = None
    # the person a recent sentence's main clause was about, and the sentence count then
    # (coding rule pronoun_is_the_previous_subject)
    subject_person: tuple[Actor, int] | None = None
    subject_body: tuple[Actor, int] | None = None
    # (sentence count, the last two actors named together in it with their kinds, and the
    # indices of the tokens that name them)
    pairs: list[tuple[int, tuple[tuple[Actor, str], ...], frozenset[int]]] = field(
        default_factory=list
    )
    acts: list[tuple[int, str, tuple[Actor, ...]]] = field(default_factory=list)
    homes_primed: bool = False  # `homes` already holds the whole story's places
    dateline: str | None = None  # the country of the story's dateline (where/dateline.py)

    def remember(self, kind: str, actor: Actor, name_words=(), titles=()) -> None:
        entry = Seen(kind, actor, frozenset(titles))
        key = (kind, actor.code, entry.titles)
        self.seen.pop(key, None)  # re-inserted last: the dict is in order of last mention
        self.seen[key] = entry
        for w in name_words:
            self.names[w.lower()] = actor

    def note_acts(self, events) -> None:
        """Remember the doers of a sentence's events (the last ACTS_KEPT of them), and the
        two doers one phrase of its last event names, if the parse showed no pair in it ("X's
        envoy and Y's minister met. The two sides agreed ...")."""
        for e in events:
            if e.sources and e.plover_type:
                self.acts.append((self.sentences, e.plover_type, tuple(e.sources)))
        del self.acts[:-ACTS_KEPT]
        if any(at == self.sentences for at, _, _ in self.pairs):
            return
        for e in reversed(events):
            parties = {a.code: a for a in e.sources if a.code}
            one_phrase = len({(a.start, a.end) for a in e.sources}) == 1
            if len(parties) == 2 and one_phrase:
                pair = tuple((a, self._kind_of(a.code)) for a in parties.values())
                self.pairs = [*self.pairs[-2:], (self.sentences, pair, frozenset())]
                return

    def _kind_of(self, code: str) -> str:
        """The kind of actor the story last named by `code` (a state by default)."""
        kinds = (s.kind for s in reversed(self.seen.values()) if s.actor.code == code)
        return next((k for k in kinds if k != REGIME), "state")

    def note_states(self, text: str, mentions) -> None:
        """States named in a sentence that is not parsed (it can hold no event): they still
        tell what the story is about ("Latin American", "the Pan-American Highway" name none)."""
        self.states.update(_states_named(text, mentions))

    def note_people(self, text: str, mentions) -> None:
        """People introduced with their nationality ("the Maltese reporter Jane Roe",
        "British schoolgirl Ann Doe"): later their name or a pronoun stands for their state."""
        taken = [(m.start, m.end) for m in mentions]
        titles = {m.start: m for m in mentions if m.kind in (AGENT, TITLE)}
        for m in mentions:
            if m.kind != ADJECTIVE or not m.code:
                continue
            found = _INTRODUCED.match(text, m.end)
            if found is None:
                continue
            start, end = found.span("name")
            if any(a < end and start < b for a, b in taken):
                continue  # a known name or title ("British Foreign Office"): not a new person
            role = next((t for at, t in titles.items() if m.end < at < start), None)
            sector = role.entry.sector if role is not None and role.entry.sector else "CVL"
            name = found.group("name")
            actor = Actor(name, m.code, sector, name, -1, -1, f"introduced as {m.text}")
            self.remember("person", actor, name.split())

    def prime_homes(self, text: str, mentions) -> None:
        """The towns and provinces the whole story names, counted before its first sentence
        is coded: the lead knows where the story is set ("Police arrested a man" in a story
        of Fort Worth) as later sentences do; the sentences then add none again. The states
        the whole story names are counted apart (`story_states`, read by `home_state`)."""
        self.note_homes(text, mentions)
        self.homes_primed = True
        self.story_states.update(_states_named(text, mentions))

    def note_homes(self, text: str, mentions) -> None:
        """The towns and provinces a sentence names outside its actor mentions (where/home.py),
        the first-level units among its mentions (regions.tsv: "Kentucky", "Bavaria": a place
        of its state as a town is, though it may also stand for its authorities, "Kentucky
        sued") and a state's organs named by their own names ("the RCMP": no place, but where
        a story naming no other state is set)."""
        if self.homes_primed:
            return
        for _, country in home_places(text, [(m.start, m.end) for m in mentions]):
            if self.homes.total() < HOME_NAMES:
                self.homes[country] += 1
        for m in mentions:
            if m.kind == REGION and m.code and self.regions.total() < HOME_NAMES:
                self.regions[m.code] += 1
            if _state_organ(m) and self.organs.total() < HOME_NAMES:
                self.organs[m.code] += 1

    def home_state(self) -> str | None:
        """The country a story that names no other state is set in: it or its places named
        at least twice, and two thirds of all the places and states it names; else None.

        Before the story names a state, a story whose whole text names one state only is
        judged with it ("Senators vote to oust the mining minister", in a story whose one
        town is Peru's and whose last paragraph names Peru's president): the lead knows its
        country as it knows its towns (`prime_homes`). A state named later never takes away
        a home the towns give: a lead set in Atlanta stays so, whatever the story's later
        "Georgia State Patrol" is read as."""
        home = self._home_among(self.states)
        if home is None and not self.states.total() and len(self.story_states) == 1:
            return self._home_among(self.story_states)
        return home

    def _home_among(self, states: Counter) -> str | None:
        """home_state, the states named counted by `states`."""
        named = [c for c, k in states.items() if c and k]
        if len(named) > 1:
            return None
        if named:
            code = named[0]
        else:  # the towns' country, the dateline's weighing with them
            towns = self.homes + self.regions + self.organs
            if self.dateline:
                towns[self.dateline] += DATELINE_WEIGHT
            if not towns:
                return None
            code = towns.most_common(1)[0][0]
        # a dateline supports the state it is of, never speaks against another (a story
        # filed from a hub, "BEIRUT (Reuters) -", may be about a neighbour)
        filed = DATELINE_WEIGHT if code == self.dateline else 0
        # a unit coded in a sentence is in `states` too: counted once
        state = max(states[code], self.regions[code] + self.organs[code])
        found, named_too = (
            self.homes[code] + state + filed,
            self.homes.total() + state + filed,
        )
        return code if found >= 2 and found * 3 >= named_too * 2 else None

    def town_state(self) -> str | None:
        """The country of the towns and provinces the story has named most, when named at
        least TOWN_NAMES times (a story of Aleppo and Idlib is set in Syria, however often it
        names Russia; of Kentucky and Louisville, in the United States)."""
        places = self.homes + self.regions
        if not places:
            return None
        code, count = places.most_common(1)[0]
        return code if count >= TOWN_NAMES else None

    def dominant_state(self, excluding: Collection[str] = ()) -> str | None:
        """The state the story is about: named at least twice, in at least half of the state
        mentions so far and more often than any other; None when no state dominates.
        `excluding`: states not in question (an attacker is not the state it attacks)."""
        counts = sorted(
            ((n, c) for c, n in self.states.items() if n and c not in excluding), reverse=True
        )
        if not counts:
            return None
        count, code = counts[0]
        runner_up = counts[1][0] if len(counts) > 1 else 0
        if count < 2 or count * 2 < sum(n for n, _ in counts) or count == runner_up:
            return None
        return code

    def movement(self) -> Actor | None:
        """The armed movement of no state (ISIS, ALQ) when it is the armed group the story
        named last: whose its unnamed "fighters" and "jihadists" are."""
        for s in reversed(self.seen.values()):
            if s.kind == GROUP and s.actor.sector == "REB":
                return s.actor if s.actor.code not in state_codes() else None
        return None

    def sole_state(self) -> str | None:
        """The one state the story has named so far, when it has named just one and no
        place of another (a story of Canadians held in Raqqa is not told in Canada)."""
        named = {c for c, n in self.states.items() if c and n}
        if len(named) != 1 or not {c for c, n in self.homes.items() if n} <= named:
            return None
        return named.pop()

    def previous_body(self) -> Actor | None:
        """The state or body the previous sentence's main clause had as subject."""
        if self.subject_body is None:
            return None
        actor, at = self.subject_body
        return actor if self.sentences - at == 1 else None

    def recent_subject(self) -> Actor | None:
        """The person a main clause of the last SUBJECT_REACH sentences was about."""
        if self.subject_person is None:
            return None
        actor, at = self.subject_person
        return actor if self.sentences - at <= SUBJECT_REACH else None

    def last(
        self,
        refers_to: tuple[str, ...],
        title: str | None = None,
        excluding: Collection[str] = (),
        accept=None,
    ) -> Actor | None:
        """The latest actor of a kind (or code), with the title if asked, not of `excluding`
        and, if given, one `accept` takes."""
        for target in refers_to:
            for s in reversed(self.seen.values()):
                if target == s.kind or target == s.actor.code:
                    if title and s.kind == "person" and title not in s.titles:
                        continue
                    if s.actor.code in excluding or (accept is not None and not accept(s.actor)):
                        continue
                    return s.actor
        return None


class SentenceMentions:
    """A sentence's dictionary mentions by token, with the date and document context."""

    def __init__(
        self,
        sent,
        mentions: list[Mention],
        when: date | None = None,
        context: DocumentContext | None = None,
    ):
        self.sent = sent
        self.text = sent.text  # a Span builds its text anew on every read
        self.when = when
        self.context = context if context is not None else DocumentContext()
        self.by_token: dict[int, Mention] = {}
        self.recoded: dict[int, tuple[str, str]] = {}  # mention start -> (code, name)
        self.peeking = False  # resolving without noting actors for coreference (`peek`)
        base = sent.start_char
        spans: list[tuple[Mention, list]] = []
        # each token's character range, read once (not again for every mention)
        ranges = [(t.idx - base, t.idx - base + len(t.text), t) for t in sent] if mentions else []
        for m in mentions:
            toks = [t for start, end, t in ranges if start < m.end and m.start < end]
            if toks:
                spans.append((m, toks))
        covered = {t.i for _, toks in spans for t in toks}
        for m, toks in spans:
            if self._is_trap(m, toks, covered):
                continue
            for t in toks:
                self.by_token.setdefault(t.i, m)
        self.mentions = list(dict.fromkeys(self.by_token.values()))
        self._officers_of_the_police()
        self._note_pair()
        for m in self.mentions:
            if _names_a_state(m):
                self.context.states[self.code_of(m)] += 1

    def _officers_of_the_police(self) -> None:
        """ "Police said officers arrested 20 people": a bare "officer" (no army, no nationality
        before it) in a sentence that speaks of the police, or right after one, is a police
        officer; the dictionary's officer is military, as it is in war news."""
        officers = [
            m
            for m in self.mentions
            if m.kind == TITLE and m.entry.sector == "MIL" and m.text.lower() in OFFICER_WORDS
        ]
        if not officers:
            return
        recent = self.context.text[-POLICE_REACH:] + " " + self.text
        if _POLICE.search(recent) is None:
            return
        for m in officers:
            tokens = [i for i, mm in self.by_token.items() if mm is m]
            head = self.sent.doc[tokens[-1]]
            if any(c.dep_ in ("compound", "amod", "poss", "nmod") for c in head.children):
                continue  # "army officers", "Turkish officers", "its officers"
            police = replace(m, entries=(replace(m.entry, sector="COP"),))
            for i in tokens:
                self.by_token[i] = police
        self.mentions = list(dict.fromkeys(self.by_token.values()))

    def _note_pair(self) -> None:
        """Two actors named together, of different codes or sectors ("Armenia and Azerbaijan",
        "talks between Riyadh and Tehran", "the army and the RSF"), not two of a longer list:
        what a later "the two neighbours" or "the two sides" stands for."""
        if not self.by_token:
            return
        for tok in self.sent:
            if tok.dep_ != "conj":  # tested first: reading `tok.head` makes a token
                continue
            if len(tok.head.conjuncts) != 1:
                continue  # "the United States, Britain, France, Russia and China"
            first, second = self._coded_phrase(tok.head), self._coded_phrase(tok)
            if first is None or second is None or first == second:
                continue
            (a, a_sector), (b, b_sector) = first, second
            pair = (
                (Actor(a.text, a.code, a_sector), KIND_OF.get(a.kind, "state")),
                (Actor(b.text, b.code, b_sector), KIND_OF.get(b.kind, "state")),
            )
            at = self.context.sentences
            pairs = [p for p in self.context.pairs if p[0] < at]
            self.context.pairs = [*pairs[-2:], (at, pair, frozenset((tok.i, tok.head.i)))]

    def _coded_phrase(self, head) -> tuple[Mention, str | None] | None:
        """The coded mention a conjunct names and its sector: its head's, or for a title or
        group word the one coded mention of its phrase with the word's sector ("Russia's
        foreign minister": Russia, GOV; "the Sudanese army": Sudan, MIL)."""
        m = self.by_token.get(head.i)
        if m is not None and m.code:
            return m, m.entry.sector
        if m is not None and m.kind not in (TITLE, AGENT):
            return None
        if m is None and head.pos_ not in ("NOUN", "PROPN"):
            return None
        coded = {
            id(f): f
            for t in _phrase_tokens(head)
            if (f := self.by_token.get(t.i)) is not None and f.code
        }
        if len(coded) != 1:
            return None
        found = next(iter(coded.values()))
        return found, (m.entry.sector if m is not None else found.entry.sector)

    # ------------------------------------------------------------ traps

    def _is_trap(self, m: Mention, toks, covered: set[int]) -> bool:
        """Drop names that are part of a longer proper name, recode the known traps."""
        doc = self.sent.doc
        first, last = toks[0], toks[-1]
        if m.kind == PERSON and len(toks) == 1:
            return self._surname_in_a_longer_name(first, covered)
        if continental(self.text, m.start, m.text):
            return True  # "South America", "Latin American leaders": no state
        if m.kind not in (STATE, CAPITAL, REGION, PARTY):
            return self._recoded_trap(m)  # "the South's Joint Chiefs of Staff": Seoul's
        nxt = doc[last.i + 1] if last.i + 1 < self.sent.end else None
        if nxt is not None and _is_name_word(nxt) and nxt.i not in covered:
            return True  # "Washington Post", "Jordan Peterson", "Georgia Tech"
        prev = doc[first.i - 1] if first.i > self.sent.start else None
        if (
            prev is not None
            and _is_name_word(prev)
            and prev.i not in covered
            and prev.lower_ not in _COMPASS
            and not self._opening_modifier(prev)
        ):
            return True  # "Michael Jordan", "George Washington", "New Mexico"
        if m.kind == PARTY:  # "the Kurdistan Democratic Party", "Labour Day": not the party
            if nxt is None:
                return False
            after = doc[last.i + 2] if last.i + 2 < self.sent.end else None
            # "the Democratic Alliance for Cyprus": another party, of the state named
            of_a_state = (
                nxt.lower_ in ("of", "for") and after is not None and after.text[:1].isupper()
            )
            name_goes_on = nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and nxt.i not in covered
            return of_a_state or name_goes_on
        return self._recoded_trap(m)

    def code_of(self, m: Mention) -> str | None:
        """The code a mention stands for in this sentence: its own, unless a rule recoded it
        (a people's state, a trap word read in context)."""
        return self.recoded.get(m.start, (m.code, None))[0]

    def _recoded_trap(self, m: Mention) -> bool:
        """A known trap (actors/data/traps.tsv) whose context shows the other meaning: dropped
        (True) or recoded to the other actor (in `recoded`)."""
        name = m.text[4:] if m.text[:4].lower() == "the " else m.text  # "the Joint Chiefs"
        trap = load_traps().get(name)
        if trap is not None:
            context = self.context.text + " " + self.text
            if (
                trap.if_context
                and trap.if_context.search(context)
                and not (trap.unless and trap.unless.search(context))
            ):
                if trap.code is None:
                    return True
                self.recoded[m.start] = (trap.code, trap.name)
        return False

    def _opening_modifier(self, tok) -> bool:
        """A common modifier the tagger reads as a name because it opens the sentence
        ("Senior Republicans said"): not a name word."""
        return tok.i == self.sent.start and tok.lower_ in _OPENING_MODIFIERS

    def _surname_in_a_longer_name(self, tok, covered: set[int]) -> bool:
        """A bare surname that begins another name: "the Feinstein International Center" is
        not the senator, "the Kennedy Center" not the president. (A name word before it is
        not enough: "Animal Assad" is Assad, and a relative's first name, "Hunter Biden",
        still gives the family's state.)"""
        nxt = self.sent.doc[tok.i + 1] if tok.i + 1 < self.sent.end else None
        return nxt is not None and _is_name_word(nxt) and nxt.i not in covered

    # ------------------------------------------------------------ resolution

    def resolve(self, head) -> list[Actor]:
        """Actors named by the phrase headed by `head`, conjuncts included (one per code)."""
        actors: list[Actor] = []
        for conj_head in conjuncts(head):
            for actor in self.resolve_one(conj_head):
                if actor.code and any(a.code == actor.code for a in actors):
                    continue
                actors.append(actor)
        return actors

    def _entry(self, m: Mention) -> tuple[Entry, str | None]:
        """The entry a mention stands for on the event date, and the sector it implies."""
        people = [e for e in m.entries if e.kind == PERSON]
        if not people:
            return m.entry, m.entry.sector
        when = self.when
        if when is None:
            current = [e for e in people if e.end is None] or people
            best = max(current, key=lambda e: e.start or date.min)
            return best, best.sector
        active = [e for e in people if (e.start or date.min) <= when <= (e.end or date.max)]
        if active:
            best = max(active, key=lambda e: e.start or date.min)
            return best, best.sector
        past = [e for e in people if e.end and e.end < when]
        if past:
            return max(past, key=lambda e: e.end), FORMER_SECTOR
        return min(people, key=lambda e: e.start or date.max), None  # not yet in office

    def peek(self, head) -> list[Actor]:
        """Actors of the phrase headed by `head`, as `resolve_one` finds them, leaving the
        document context as it was: for candidates that may never become an event's party."""
        was, self.peeking = self.peeking, True
        try:
            return self.resolve_one(head)
        finally:
            self.peeking = was

    def _remember(self, kind: str, actor: Actor, name_words=(), titles=()) -> None:
        """Note an actor in the document context for later coreference (not while peeking)."""
        if not self.peeking:
            self.context.remember(kind, actor, name_words, titles)

    def resolve_one(self, head) -> list[Actor]:
        """Actors of the phrase headed by `head` alone (its conjuncts not included)."""
        tokens = sorted(_phrase_tokens(head), key=lambda t: t.i)
        if not tokens:
            return []
        sent_start = self.sent.start_char
        span_start = min(t.idx for t in tokens) - sent_start
        span_end = max(t.idx + len(t.text) for t in tokens) - sent_start
        text = self.text[span_start:span_end]
        seen: list[Mention] = []
        for tok in tokens:
            m = self.by_token.get(tok.i)
            if m is not None and m not in seen:
                seen.append(m)
        # "pro-Iranian Hezbollah", "pro-Russian hackers": the state supported, not the owner;
        # "the Russian language", "Arabic-speaking": a language, not a state
        coded = [
            m
            for m in seen
            if m.entry.has_code
            and not self._supporter_of(m)
            and not self._language(m)
            and not self._topic(m)
        ]
        sectors = _one_group_word(
            [m for m in seen if m.kind in (AGENT, TITLE)], head.idx - sent_start
        )
        international = any(m.entry.sector == "IGO" for m in sectors)
        coded = _own_state_before_whereabouts(head, coded, sent_start, international)
        if not sectors:  # a region alone is a place or a team ("Minnesota beat Buffalo"); it
            # stands for its state's authorities only with one of them: "Texas police"
            coded = [m for m in coded if m.kind != REGION]
        titles = {m.text.lower() for m in sectors if m.kind == TITLE}
        person_words = [
            t.text
            for t in tokens
            if _is_name_word(t) and t.i not in self.by_token and not self._opening_modifier(t)
        ]
        if not person_words and head.dep_ == "appos" and _is_name_word(head.head):
            # "John Cantlie, the British journalist": the description's name, for later
            # sentences that say "Cantlie"
            named = head.head
            person_words = [
                t.text
                for t in [*(c for c in named.children if c.dep_ == "compound"), named]
                if _is_name_word(t) and t.i not in self.by_token
            ]
        if not coded:
            found = self._coreference(
                head, tokens, text, span_start, span_end, titles, person_words
            )
            if not found:
                found = self._owned(head, tokens, text, span_start, span_end, sectors)
            if not found and len(sectors) == 1:
                found = self._owner_referred_to(head, text, span_start, span_end, sectors[0])
            if not found:
                found = self._from_a_town(head, text, span_start, span_end, sectors)
            if not found and person_words and sectors:
                found = self._named_official(tokens, text, span_start, span_end, sectors)
            if not found and len(sectors) == 1 and not person_words:
                found = _national_office(tokens, text, span_start, span_end, sectors[0])
            if not found and sectors and not _owned_by_them(tokens):
                # "rebel fighters", "the opposition", and a person the dictionary does not
                # know described by a domestic role ("Maria Ionescu, the losing candidate")
                found = self._domestic_group(text, span_start, span_end, sectors)
            if not found and sectors and sectors[0].entry.sector in STANDALONE_SECTORS:
                # "rights groups", "aid agencies", "international organisations" with no state
                # named: the coding guide's catch-all NGO and IGO codes
                sector = sectors[0].entry.sector
                found = [
                    Actor(text, sector, sector, None, span_start, span_end, "unnamed " + sector)
                ]
            return found
        groups = [m for m in coded if m.kind == GROUP]
        if groups:  # "the British Isis cell": the members' nationality, the group's act
            coded = [m for m in coded if m.kind not in (ADJECTIVE, PEOPLE)]
        people = [m for m in coded if m.kind == PERSON]
        if people:  # a person belongs to one state: "Russian President Vladimir Putin"
            coded = people[:1] + [
                m
                for m in coded
                if m.kind != PERSON
                and m.kind not in (ADJECTIVE, STATE, CAPITAL, REGION, PEOPLE, PARTY)
            ]
        sector = None
        if sectors:
            nearest = min(sectors, key=lambda m: abs(m.start + sent_start - head.idx))
            sector = nearest.entry.sector
        actors = []
        for m in coded:
            entry, entry_sector = self._entry(m)
            code, name = entry.code, None
            if m.start in self.recoded:
                code, name = self.recoded[m.start]
            if m.kind == PEOPLE and self._heritage(m, entry.homes, coded):
                continue
            if m.kind in (PEOPLE, PARTY):
                code = self._home_state(entry.homes, m.start, m.end)
                if code is None and m.kind == PARTY:
                    code = self._party_home(entry.homes)
                if code is None:
                    continue
            if self._ethnic(m):
                code = self._host_state(m) or code
            if any(a.code == code for a in actors):
                continue
            if m.kind == PERSON:
                name = entry.name
                own_sector = entry_sector
                rule = f"person:{entry.name}" + (f" ({entry.role})" if entry.role else "")
                if own_sector == FORMER_SECTOR:
                    rule += f", out of office on {self.when}"
            else:
                own_sector = sector or entry_sector
                if person_words:
                    name = " ".join(person_words)
                elif m.kind not in (ADJECTIVE,):
                    name = name or entry.name
                rule = f"{m.kind}:{m.text}" + (f"+sector:{sector}" if sector else "")
            actor = Actor(text, code, own_sector, name, span_start, span_end, rule)
            actors.append(actor)
            kind = KIND_OF.get(m.kind, "state")
            if m.kind == PERSON:  # "Donald Trump ... the president": the office is a title
                office = _office_titles(entry, entry_sector)
                named = [*person_words, *_surnames(m.text, entry.name)]
                self._remember("person", actor, named, titles | office)
            elif person_words:
                self._remember("person", actor, person_words, titles)
            else:
                self._remember(kind, actor, (), titles)
                if COALITION in (head.lemma_.lower(), *m.text.lower().split()):
                    # "the US-led coalition": "the coalition", "coalition jets" later
                    self._remember(COALITION, actor)
                if len(coded) == 1 and self.is_official(head):
                    # "Turkey's foreign minister ... He said", "the minister said"
                    self._remember("person", actor, (), _title_words(titles))
            if actor.code and _called_a_regime(head):
                self._remember(REGIME, actor)  # "the Assad regime ... the regime's forces"
        return actors

    def is_official(self, head) -> bool:
        """The phrase's head is one official named by title alone, no name beside it
        ("Russia's foreign minister", "a UN spokesman"): a person, whom a later "he" or "the
        minister" can mean."""
        m = self.by_token.get(head.i)
        return (
            m is not None
            and m.kind == TITLE
            and m.entry.sector in OFFICE_SECTORS
            and head.tag_ in ("NN", "NNP")
            # a name beside it is a person of their own ("commander and spokesperson X Y")
            and not any(_is_name_word(t) and t.i not in self.by_token for t in head.subtree)
        )

    def _language(self, m: Mention) -> bool:
        after = self.text[m.end : m.end + 11].lower()
        return m.kind == ADJECTIVE and after.startswith((" language", "-language", "-speaking"))

    def _ethnic(self, m: Mention) -> bool:
        """ "ethnic Albanians", "ethnic Turks": a minority named for its kin state."""
        before = self.text[max(0, m.start - 7) : m.start].lower()
        return m.kind in (ADJECTIVE, PEOPLE) and before == "ethnic "

    def _host_state(self, m: Mention) -> str | None:
        """Where an ethnic minority lives: the first other state the sentence names ("ethnic
        Serb militias active in Kosovo"), else the story's state."""
        own = m.code
        for other in self.mentions:
            if other is m or other.kind not in STATE_KINDS or self._ethnic(other):
                continue
            code = self.code_of(other)
            if code and code != own:
                return code
        return self.context.dominant_state(excluding=(own,))

    def _topic(self, m: Mention) -> bool:
        """ "the Russia investigation", "Trump's Syria policy", "the UN's Syria envoy": a
        state's name set before a noun of a matter dealt with names the matter, not a party
        (a party is named "Russian investigators", "Syria's envoy", "the US policy")."""
        if m.kind != STATE or m.text.split()[-1].replace(".", "").isupper():
            return False  # "the US policy", "UK officials": an abbreviation is the owner
        word = _NEXT_WORD.match(self.text, m.end)
        return word is not None and word.group(1).lower() in _TOPIC_NOUNS

    def _supporter_of(self, m: Mention) -> bool:
        """ "pro-Iranian", "anti-Isis": the side taken, not the actor; "US-backed rebels",
        "Iranian-funded militias": a state that backs the group, not whose it is (lexicon
        backer_participles)."""
        if m.kind not in (ADJECTIVE, STATE, GROUP):
            return False
        before = self.text[max(0, m.start - 5) : m.start].lower()
        if before.endswith(("pro-", "anti-")):
            return True
        return m.kind != GROUP and _BACKED.match(self.text, m.end) is not None

    def _coreference(self, head, tokens, text, start, end, titles, person_words) -> list[Actor]:
        ctx = self.context
        low = head.lower_
        found: Actor | None = None
        rule = ""
        if head.pos_ == "PRON" and low in PERSONAL_PRONOUNS:
            own = self._own_subject_codes(head)  # "X met Y and praised him": him is not X
            found, rule = self._pronoun_referent(head, start, own, sex_fits(low))
            if found is None and low in FEMININE_PRONOUNS:  # no woman known: as before
                found, rule = self._pronoun_referent(head, start, own, lambda a: True)
        elif low == "it" and head.dep_ in ("nsubj", "nsubjpass") and head.i == head.sent.start:
            # "The defence ministry said ... It accused Poland of ...": the previous subject
            found = ctx.previous_body()
            rule = f"coref:'{text}' (the previous sentence's subject)"
        elif bodies := [
            a for a in coordinated_body(head, self.peek) if not a.rule.startswith(PERSON_RULES)
        ]:  # "Russia denies it, but it has vetoed ...": the coordinated clause's subject
            found, rule = bodies[0], f"coref:'{text}' (the coordinated clause's subject)"
        elif (person_words or (head.pos_ == "PROPN" and low in ctx.names)) and not (
            head.pos_ == "PROPN" and _definite(tokens) and head.lemma_.lower() in load_anaphors()
        ):  # "the North" after North Korea is no one's name
            for w in reversed(person_words or [head.text]):
                if w.lower() in ctx.names:
                    found, rule = ctx.names[w.lower()], f"coref:name '{w}'"
                    break
        elif _names_two(head):
            pairs = load_anaphors(pairs=True)
            refers = pairs.get(head.lemma_.lower()) or pairs.get(low)
            doers = _subject_tokens(head)
            fitting = [p for at, p, toks in ctx.pairs if not (at == ctx.sentences and toks & doers)]
            both = fitting[-1] if fitting else ()
            if not refers or not all(_may_stand_for(kind, refers) for _, kind in both):
                return []
            return [
                replace(a, text=text, start=start, end=end, rule=f"coref:'{text}'") for a, _ in both
            ]
        elif _coalition_modifier(head, tokens) and ctx.last((COALITION,)):
            # "coalition jets", "coalition airstrikes": the coalition the story named
            found, rule = ctx.last((COALITION,)), f"coref:'{text}'"
        elif _coalition_modifier(head, tokens) and is_coalition_force(_modified(head).lemma_):
            # a story that never named it: the coalition of the story's war (coalitions.tsv)
            war = theatre_coalition(ctx.states + ctx.homes, self.when)
            if war is not None:
                found = Actor(text, war[0], war[1], None, start, end, "")
                rule = "coalition of the story's war"
        elif _definite(tokens):
            refers = load_anaphors().get(head.lemma_.lower()) or load_anaphors().get(low)
            if refers:
                title = head.lemma_.lower() if "person" in refers else None
                # "NATO's chief said the alliance ...": a fitting party named before it in the
                # sentence, else the story's latest
                setting = self._setting() if "state" in refers else None
                # "the regime": the state the story called a regime, before the sentence's
                # setting and the state named last
                regime = ctx.last((REGIME,)) if REGIME in refers else None
                found = (
                    self._named_before(start, refers)
                    or regime
                    or setting
                    or ctx.last(refers, title)
                )
                rule = f"coref:'{text}'" + (
                    " (the state the sentence is set in)"
                    if setting is not None and found is setting
                    else ""
                )
        if found is None or not found.code:
            return []
        return [replace(found, text=text, start=start, end=end, rule=rule)]

    def owner(self, pronoun) -> list[Actor]:
        """The actor an owning pronoun on an event noun stands for ("its offensive", "their
        attack"): the phrase before it (`_antecedent`), as a doer; [] for any other word."""
        if pronoun.lower_ not in ("its", "their") or pronoun.dep_ != "poss":
            return []
        found = self._stands_for(pronoun)
        return [found] if found is not None else []

    def _stands_for(self, pronoun, persons: bool = True) -> Actor | None:
        """The one coded actor of the phrase an owning pronoun stands for (`_antecedent`), not
        a phrase that holds the pronoun itself ("members of its army"); with `persons` false,
        not a person."""
        owner = _antecedent(pronoun)
        if owner is None or pronoun.i in {t.i for t in _phrase_tokens(owner)}:
            return None
        found = [
            a
            for a in self.peek(owner)
            if a.code and (persons or not (a.rule or "").startswith("person:"))
        ]
        return found[0] if len(found) == 1 else None

    def _owned(self, head, tokens, text, start, end, sectors) -> list[Actor]:
        """ "Turkey said two of its soldiers were killed", "the Kurds say their fighters ...",
        "Russia, whose jets ...", "Russia, whose intervention": a group word owned by "its",
        "their" or "whose", or "whose" itself, is of the actor the pronoun stands for (a
        state, a people, a party or an organisation, not a person). Not a relation to the
        owner ("its allies"); not "its" alone ("Iran launched its offensive against X": the
        owner is the doer, and the object's owner may be read as a target); not a building
        or an office ("Washington shut its consulate in X": the target is X's state)."""
        if len(sectors) > 1:
            return []
        if head.lower_ == "whose" and head.dep_ == "poss":
            pronoun = head
        elif sectors:
            base = self.sent.start_char
            inside = [t for t in tokens if sectors[0].start <= t.idx - base < sectors[0].end]
            # the sector phrase's head ("its air force": "force", whose owner "its" is)
            word = next((t for t in inside if t.head not in inside or t.head == t), None)
            pronoun = next(
                (
                    t
                    for t in tokens
                    if t.dep_ == "poss"
                    and t.lower_ in OWNER_PRONOUNS
                    and word is not None
                    and t.head.i == word.i
                ),
                None,
            )
            if word is None or word.lemma_.lower() in _RELATIONAL or not _people_word(word):
                pronoun = None
        else:
            pronoun = None
        if pronoun is None:
            return []
        found = self._stands_for(pronoun, persons=False)
        if found is None:
            return []
        sector = sectors[0].entry.sector if sectors else found.sector
        rule = f"owner:'{pronoun.text}' {found.rule}"
        return [replace(found, text=text, start=start, end=end, sector=sector, rule=rule)]

    def _owner_referred_to(self, head, text, start, end, sector_mention) -> list[Actor]:
        """ "the alliance's secretary-general", "the North's General Staff": a sector word
        whose possessor is a definite description standing for an actor named before (the
        anaphors of actors/data/anaphors.tsv) is that actor's."""
        owner = next(
            (c for c in head.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None
        )
        refers = load_anaphors().get(owner.lemma_.lower()) if owner is not None else None
        if not refers or refers == ("state",):
            return []  # "the country's court": the story's state is the domestic rules' guess
        if REGIME in refers and self.context.last((REGIME,)) is None:
            return []  # "the regime's forces" in a story that called no one a regime: as above
        found = self.resolve_one(owner)
        if len(found) != 1 or not found[0].rule.startswith("coref:"):
            return []
        sector = sector_mention.entry.sector
        rule = f"owner:'{found[0].text}' {found[0].rule}"
        return [replace(found[0], text=text, start=start, end=end, sector=sector, rule=rule)]

    def _from_a_town(self, head, text, start, end, sectors) -> list[Actor]:
        """ "A pharmacist from Birmingham", "two men from Lyon": people said to be from a town
        are of its state (a town the gazetteer knows well enough for a story's home,
        where/home.py), whatever state the event is in; so are the police, officials or
        residents "in" a town, as "in" a state ("police in Lagos"), and the holder of a
        town's office or a body "of" it ("the mayor of Atlanta", "the residents of Aleppo")."""
        if head.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() in _RELATIONAL:
            return []
        office = head.i in self.by_token and self.by_token[head.i].kind in (TITLE, AGENT)
        origin = next(
            (
                c
                for c in head.children
                if c.dep_ == "prep"
                and (
                    c.lower_ == "from"
                    or (c.lower_ == "in" and is_sector_word(head))
                    or (c.lower_ == "of" and office)
                )
            ),
            None,
        )
        if origin is not None:
            town = _child_of(origin, "pobj")
            if town is not None and town.lower_ in _unit_nouns():
                town = _child_of(town, "compound")  # "the governor of Lagos state"
            if town is not None and town.pos_ != "PROPN":
                town = None
        else:
            town = self._sector_town(head) if sectors else None
        if town is None or town.i in self.by_token:
            return []
        base = self.sent.start_char
        # the town's own words: "The Leeds schoolgirl" may hang "The" on "Leeds"
        first = min(t.idx for t in town.subtree if t.dep_ != "det")
        name = self.text[first - base : town.idx - base + len(town)]
        found = {country for _, country in home_places(name)}
        if len(found) != 1:
            return []
        sector = sectors[0].entry.sector if sectors else "CVL"
        return [Actor(text, found.pop(), sector, None, start, end, f"{sector} from a town")]

    def _sector_town(self, head):
        """The town modifying the phrase's word of a sector: the head ("Fresno police") or a
        word of it before a name ("the Leeds schoolgirl Nadia Rahman"); a name's first word
        is no town ("Nadia Rahman, the schoolgirl": Nadia is also a district of India)."""
        # and the body's owner, a word of a sector too: "the Fresno prosecutor's office",
        # "the Fresno District Attorney's office"
        words = [head, *(c for c in head.children if c.dep_ in ("compound", "poss"))]
        of_sector = [w for w in words if self._sector_word(w)]
        if not of_sector:
            return None
        if of_sector[0] is head:
            owner = next((w for w in of_sector if w.dep_ == "poss"), None)
            town = self._town_modifier(head)
            return town if town is not None or owner is None else self._town_modifier(owner)
        # "the Fresno Police Department": the town before the body's name
        return self._town_modifier(of_sector[0]) or self._town_modifier(head)

    def _sector_word(self, tok) -> bool:
        mention = self.by_token.get(tok.i)
        return mention is not None and mention.kind in (AGENT, TITLE)

    def _town_modifier(self, head):
        """ "Fresno police", "the Bordeaux prosecutor's office", "the Fresno Police Department":
        a capitalised name before a word of a sector, as its modifier, that no mention has
        claimed (a town, if the gazetteer knows it as one)."""
        for c in head.children:  # in sentence order
            if c.dep_ != "compound" or c.i > head.i:
                continue
            if c.i in self.by_token:
                if self.by_token[c.i].kind == TITLE:
                    return None  # "Mayor Lori Lightfoot": a name after a title is a first name
                continue
            # a capital is a name's mark; at the sentence's start, where every word has one,
            # the gazetteer's check that follows decides ("Lahore police", read as an
            # adjective there)
            if c.pos_ == "PROPN" or (c.text[:1].isupper() and c.text.isalpha()):
                return c
        return None

    def _home_state(self, homes: tuple[str, ...], at: int, end: int) -> str | None:
        """Which of a people's home states is meant. In the sentence: one named right before
        ("Syrian Kurdish forces"), else the first named after as a place ("a Kurdish enclave
        inside Syria"; a town of one of its homes counts, "Kurdish fighters in Manbij"), else
        the last named before as a place, else the country of the story's towns if the
        sentence names a home only as a party ("Turkey said Kurdish forces left", in a story of
        Aleppo), else the last named before, else the first named after; otherwise
        the home the document named most often, else the country of its towns if a home,
        else the only one."""
        named = []
        for m in self.mentions:
            if m.kind in STATE_KINDS:
                code = self.code_of(m)
                if code in homes:
                    named.append((m, code))
        adjacent = [c for m, c in named if 0 <= at - m.end <= 2]
        places_after = [c for m, c in named if m.start >= end and self._is_place(m)]
        # a town the sentence names after it ("Kurdish fighters in Manbij"), not a mention
        taken = [(m.start - end, m.end - end) for m in self.mentions if m.start >= end]
        towns = home_places(self.text[end:], taken, PEOPLE_TOWN_POPULATION)
        places_after += [c for _, c in towns if c in homes]
        places_before = [c for m, c in named if m.end <= at and self._is_place(m)]
        for found in (adjacent, places_after[:1], places_before[-1:]):
            if found:
                return found[0]
        before = [c for m, c in named if m.end <= at]
        after = [c for m, c in named if m.start >= end]
        town = self.context.town_state()
        # a home the sentence names as a party ("Turkey said Kurdish forces ...") is often the
        # people's adversary, not its state: the story's towns decide first
        if town in homes and (before or after):
            return town
        for found in (before[-1:], after[:1]):
            if found:
                return found[0]
        states = self.context.states
        if any(states[c] for c in homes):
            return max(homes, key=lambda c: (states[c], -homes.index(c)))
        if town in homes:
            return town
        return homes[0] if len(homes) == 1 else None

    def _heritage(self, m: Mention, homes: tuple[str, ...], coded: list[Mention]) -> bool:
        """A people joined by a hyphen to a nationality that is none of its homes names a
        heritage ("a British-Kurdish film-maker" is British), not the people's state."""
        return any(
            o.kind == ADJECTIVE
            and o.end == m.start - 1
            and self.text[o.end] == "-"
            and o.code not in homes
            for o in coded
        )

    def _party_home(self, homes: tuple[str, ...]) -> str | None:
        """A party whose home neither the sentence nor the story's states name: the story's
        home from its towns when it is one of the party's, else its most reported home
        ("Labour" in a story that names no state is Britain's), unless the story is about
        another state."""
        home = self.context.home_state()
        if home in homes:
            return home
        elsewhere = self.context.dominant_state()
        return homes[0] if elsewhere is None or elsewhere in homes else None

    def _domestic_group(self, text, start, end, sectors) -> list[Actor]:
        """ "Rebel fighters", "the opposition", "riot police", "regime forces" with no state
        named: in a story (else a lone sentence) about one state they are that state's; so
        are the unions, police and opposition of a story that has named one state only, once
        ("Police in Nairobi arrested ... Police fired tear gas")."""
        sector = sectors[0].entry.sector
        if sectors[0].entry.alias == "congress" and (found := self._congress(text, start, end)):
            return found
        members = all(m.entry.alias in _MOVEMENT_MEMBERS for m in sectors)
        movement = self.context.movement() if members else None
        if movement is not None and not _NOT_MOVEMENT.search(text):
            rule = f"members of {movement.name or movement.code}, the story's armed movement"
            return [Actor(text, movement.code, "REB", None, start, end, rule)]
        # "regime forces", "government troops": the story's own rulers'
        regime = _REGIME.search(text) is not None or (
            sector == "MIL" and _GOVERNMENT.search(text) is not None
        )
        if (sector not in DOMESTIC_SECTORS and not regime) or _not_domestic(text, start, sectors):
            return []
        code, rule = self.context.dominant_state(), f"{sector} {STORY_GUESSES[0]}"
        # the sentence's own state names and office-holders, counted as the story's states are
        here = [m for m in self.mentions if _names_a_state(m) and m.code]
        if code is None and sector in DOMESTIC_SECTORS and self.context.states.total() > len(here):
            # named in an earlier sentence, and no other state named since
            code, rule = self.context.sole_state(), f"{sector} {STORY_GUESSES[1]}"
        if code is None and sector not in DOMESTIC_SECTORS:
            return []  # "not by Russia but by the regime": a regime is only the story's
        if code is None:
            # "Egyptian police opened fire on demonstrators": in a sentence about one state,
            # when no earlier sentence names another (a story with no dominant state is left)
            named = {
                self.code_of(m)
                for m in here
                if not _BACKER.match(self.text, m.end) and not self._names_armed_forces(m)
            }
            # "killing four Americans at a checkpoint in Manbij": a town of another state
            # makes the guess ambiguous (towns alone make none)
            if named:
                named |= self._placed_states()
            if len(named) != 1:
                return []
            code = named.pop()
            # "In Turkey, the government jailed 13 journalists": a story of many states, but
            # the sentence says where it is set
            if self.context.states.total() > len(here) and not self._set_in(code):
                return []
            rule = f"{sector} of the sentence's state"
        return [Actor(text, code, sector, None, start, end, rule)]

    def _congress(self, text, start, end) -> list[Actor]:
        """A bare "Congress": the legislature of the story's state when its legislature is a
        congress (lexicon congress_states: "Congress voted to remove the president" in a story
        about Peru), else that of the one such state the story or the sentence names ("members
        of Congress urged the Pentagon", in a story about Turkey: the US one); else no answer
        here (India's Congress is a party)."""
        named = {c for c, n in self.context.states.items() if c and n}
        named |= {self.code_of(m) for m in self.mentions if _names_a_state(m)}
        home = self.context.dominant_state()
        congresses = sorted(named & _CONGRESS_STATES)
        if home in _CONGRESS_STATES:
            code = home
        elif len(congresses) == 1:
            code = congresses[0]
        else:
            return []
        return [Actor(text, code, "LEG", None, start, end, "the congress of the story's states")]

    def _set_in(self, code: str) -> bool:
        """The sentence opens by naming the state `code` as where it is set ("In Turkey, ...")."""
        setting = self._setting()
        return setting is not None and setting.code == code

    def _setting(self) -> Actor | None:
        """The state a sentence opens by naming as where it is set: "In Turkey, the government
        jailed ..."."""
        opening = self.sent[0]
        place = next((c for c in opening.children if c.dep_ == "pobj"), None)
        if opening.lower_ != "in" or place is None:
            return None
        m = self.by_token.get(place.i)
        if m is None or m.kind != STATE:
            return None
        return next((a for a in self.peek(place) if a.code == m.code), None)

    def _placed_states(self) -> set[str]:
        """The states of the towns the sentence names after a place preposition ("in Manbij"),
        when it names no state by name ("in Solhan in Burkina Faso": the state says it)."""
        found: set[str] = set()
        if any(m.kind == STATE for m in self.mentions):
            return found  # a town is in the state named, whatever else the gazetteer knows
        for tok in self.sent:
            if (
                tok.dep_ != "pobj"
                or tok.pos_ != "PROPN"
                or tok.head.lower_ not in PLACE_PREPOSITIONS
            ):
                continue
            if any(t.i in self.by_token for t in tok.subtree):
                continue
            name = [c.text for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
            place = find_place(" ".join([*name, tok.text]))
            if place is not None:
                found.add(place.country)
        return found

    def _pronoun_referent(self, head, start: int, own, fits) -> tuple[Actor | None, str]:
        """Whom "he" or "she" stands for, among the people `fits` accepts: the person named
        before it in its sentence, else a recent main clause's subject, else the person named
        last; never the person who is its own clause's subject (`own`)."""
        found = self._person_before(start, own, fits)
        rule = f"{PRONOUN_RULE} '{head.text}'" + (" (same sentence)" if found else "")
        recent = self.context.recent_subject()
        if found is None and recent is not None and recent.code not in own and fits(recent):
            found = recent
            rule += " (a recent main clause's subject: rule pronoun_is_the_previous_subject)"
        return found or self.context.last(("person",), excluding=own, accept=fits), rule

    def _person_before(self, at: int, excluding: Collection[str] = (), fits=None) -> Actor | None:
        """The person named last before character `at` of this sentence ("Macron confirmed
        his plans": Macron), resolved as the sentence names them, not of `excluding` and, if
        given, one `fits` accepts."""
        people = [m for m in self.mentions if m.kind == PERSON and m.end <= at]
        for m in sorted(people, key=lambda m: m.end, reverse=True):
            tok = self._first_token(m)
            found = self.resolve_one(tok) if tok is not None else []
            if not found or not found[0].code or found[0].code in excluding:
                continue
            if fits is None or fits(found[0]):
                return found[0]
        return None

    def _named_before(self, at: int, refers: tuple[str, ...]) -> Actor | None:
        """The organisation or group of a kind (or code) in `refers` named last before character
        `at` of this sentence, resolved as the sentence names it ("NATO's chief said the alliance
        ..."); states and persons are left to the story's order and the pronoun rules."""
        before = sorted((m for m in self.mentions if m.end <= at), key=lambda m: -m.end)
        for target in refers:
            for m in before:
                if target in ("person", "state") or target not in (m.kind, m.code):
                    continue  # "the country", "the government": too many states in a sentence
                tok = self._first_token(m)
                found = self.resolve_one(tok) if tok is not None else []
                if found and found[0].code:
                    return found[0]
        return None

    def _own_subject_codes(self, pronoun) -> set[str]:
        """For an object pronoun, the codes of its own clause's subject when that is a person,
        whom it cannot stand for ("X met Y and praised him", "he criticised him"); none for a
        subject or an owner."""
        if pronoun.dep_ not in OBJECT_DEPS:
            return set()
        verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        subj = _subject_of(verb)
        if subj is None and verb.dep_ == "conj":
            subj = _subject_of(verb.head)  # conjoined verbs share their subject
        if subj is None or subj.i == pronoun.i:
            return set()
        # a person, by name or pronoun: an office of the same state may act on its citizen
        return {a.code for a in self.peek(subj) if a.code and a.rule.startswith(PERSON_RULES)}

    def _first_token(self, m: Mention):
        base = self.sent.start_char
        return next((tok for tok in self.sent if tok.idx - base == m.start), None)

    def _names_armed_forces(self, m: Mention) -> bool:
        """ "Russian warplanes", "Israeli troops", "backed by Russian airstrikes": a state
        named for its forces, or as a backer, says where the force came from, not whose the
        people it hits are."""
        tok = self._first_token(m)
        if tok is None:
            return False
        head = self.by_token.get(tok.head.i)
        if head is not None and head is not m and head.entry.sector == "MIL":
            return True
        while tok.dep_ in ("amod", "compound", "poss", "nmod") and tok.head.i != tok.i:
            tok = tok.head  # "Russian" -> "airstrikes"
        agent = tok.head if tok.dep_ == "pobj" else None
        return (
            agent is not None
            and agent.dep_ == "agent"
            and agent.head.lower_ in _NOT_OWNER  # "backed by Russian airstrikes"
        )

    def _is_place(self, m: Mention) -> bool:
        """The mention is the object of a place preposition ("inside Syria", "in Erbil")."""
        tok = self._first_token(m)
        return tok is not None and tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS

    def _named_official(self, tokens, text, start, end, sectors) -> list[Actor]:
        """ "President Yoweri Museveni banned Ugandan opposition candidates": a titled person
        the dictionary does not know belongs to the one state the sentence is about."""
        own = {t.i for t in tokens}
        codes = []
        for m in self.mentions:
            if m.kind not in STATE_KINDS:
                continue
            if any(i in own for i, mm in self.by_token.items() if mm is m):
                continue
            code = self.code_of(m)
            if code and code not in codes:
                codes.append(code)
        how = "the sentence's only state"
        if not codes:  # "Governor Phil Murphy signed the bill", in a story about one state
            story = self.context.home_state() or self.context.dominant_state()
            codes, how = ([story], "the story's state") if story else ([], how)
        if len(codes) != 1:
            return []
        # only "Title Firstname Lastname": a singular title directly before the name
        doc = self.sent.doc
        title = next(
            (
                m
                for m in sectors
                for i, mm in self.by_token.items()
                if mm is m
                and doc[i].tag_ in ("NN", "NNP")
                and i + 1 < len(doc)
                and _is_name_word(doc[i + 1])
                and (i + 1) not in self.by_token
            ),
            None,
        )
        if title is None:
            return []
        names = [t.text for t in tokens if _is_name_word(t) and t.i not in self.by_token]
        actor = Actor(
            text,
            codes[0],
            title.entry.sector,
            " ".join(names),
            start,
            end,
            f"title:{title.text}, {how}",
        )
        # "Gov. Dale Hartwick ... Hartwick accused the senate": later sentences name
        # the stranger by the surname alone
        self._remember("person", actor, names[-1:], {title.text.lower()})
        return [actor]


# capitalised words of faith, not names: "Moslem fundamentalist demonstrators"
_FAITHS = {
    "muslim",
    "moslem",
    "islamist",
    "islamic",
    "christian",
    "catholic",
    "protestant",
    "orthodox",
    "coptic",
    "jewish",
    "shia",
    "shiite",
    "sunni",
    "hindu",
    "buddhist",
    "sikh",
    "druze",
    "alawite",
    "evangelical",
}


def _definite(tokens) -> bool:
    """The phrase is definite: "the alliance", "this group"."""
    return any(t.lower_ in ("the", "this", "that") for t in tokens if t.dep_ == "det")


def _coalition_modifier(head, tokens) -> bool:
    """ "coalition jets", "coalition airstrikes": "coalition" modifies the phrase's head (or
    is the modifier resolved alone)."""
    if head.lower_ == COALITION:
        return head.dep_ == "compound"
    return any(t.lower_ == COALITION and t.dep_ == "compound" and t.head == head for t in tokens)


def _modified(head):
    """The word "coalition" modifies ("airstrikes" in "coalition airstrikes"), or the head."""
    return head.head if head.lower_ == COALITION else head


def sex_fits(pronoun: str):
    """Who a personal pronoun may stand for: "she" and "her" a person with a woman's first
    name (facts in lexicons.tsv), "he" anyone else (a first name not listed tells nothing)."""
    feminine = pronoun in FEMININE_PRONOUNS

    def fits(actor: Actor) -> bool:
        first = (actor.name or actor.text).split()[:1]
        woman = bool(first) and first[0].lower() in FEMALE_FIRST_NAMES
        return woman if feminine else not woman

    return fits


def _subject_of(verb):
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _surnames(written: str, name: str | None) -> list[str]:
    """The last word of a dictionary person's name as written and as the dictionary has it
    ("Scott Morrison": "Morrison"), by which the story refers to them later; not a word that
    is also a time ("Theresa May": "in May" is a month)."""
    found = []
    for full in (written, name or ""):
        words = full.replace("-", " ").split()
        if len(words) >= 2 and words[-1][:1].isupper() and not is_time_word(words[-1]):
            found.append(words[-1])
    return found


def _office_titles(entry, sector: str | None) -> set[str]:
    """The titles a dictionary person's office gives ("prime minister": "prime minister" and
    "minister"; "secretary of state": "secretary"), by which a later "the prime minister"
    refers to them; none once out of office (`sector` is the office-holder's on the day)."""
    role = (entry.role or "").lower()
    if not role or sector == FORMER_SECTOR:
        return set()
    office = role.split(" of ")[0].strip()
    return {role, office, office.split()[-1]} if office else {role}


def _title_words(titles: set[str]) -> set[str]:
    """A title and its office's last word, by which a later phrase names the holder ("foreign
    minister": "the minister"; "secretary of state": "the secretary")."""
    words = set(titles)
    for title in titles:
        office = title.split(" of ")[0].strip()
        if office:
            words.add(office.split()[-1])
    return words


def _subject_tokens(head) -> set[int]:
    """Token indices of the subject of the clause a phrase is in."""
    verb = head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}


def _may_stand_for(kind: str, refers: tuple[str, ...]) -> bool:
    """An earlier actor of `kind` may be what a description of `refers` kinds stands for; a
    person also for their state ("Putin and Xi met ... the two countries")."""
    return kind in refers or (kind == "person" and "state" in refers)


def _names_two(head) -> bool:
    """ "the two neighbours", "both sides": a plural description of two earlier actors."""
    if head.tag_ not in ("NNS", "NNPS"):
        return False
    two = any(c.dep_ == "nummod" and c.lower_ in ("two", "2") for c in head.children)
    return two or any(c.lower_ == "both" and c.dep_ in ("det", "predet") for c in head.children)


def _is_name_word(tok) -> bool:
    """A capitalised proper-noun word: part of a person's or other name ("Sunday" is not)."""
    return (
        tok.pos_ == "PROPN"
        and tok.text[:1].isupper()
        and tok.text.isalpha()
        and not is_time_word(tok.text)
        and tok.lower_ not in _FAITHS
    )


def _phrase_tokens(head, top: bool = True) -> list:
    """Tokens of the phrase headed by `head`, without clauses and (at the top) its conjuncts.

    Conjuncts inside modifiers stay: "Hungarian and Romanian officials" names two states.
    """
    if head.lower_ in _NOT_OWNER and head.dep_ in ("amod", "compound", "npadvmod"):
        return []
    out = [head]
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "advcl", "ccomp", "punct"):
            continue
        if top and child.dep_ in ("conj", "cc"):
            continue
        held = _child_of(child, "pobj") if child.lower_ in ("under", "for") else None
        if held is not None and (
            (child.lower_ == "under" and held.lemma_.lower() in HOLDING_NOUNS)
            or (child.lower_ == "for" and head.lemma_.lower() in _SHELTERS | _SPEAKING_FOR)
        ):
            # "towns under the control of the rebels", "a camp for Congolese refugees", "a
            # spokesman for the Kremlin"
            out.extend(_phrase_tokens(held, top=False))
            continue
        if (
            child.dep_ == "prep"
            and child.lower_ not in _OWNING_PREPS
            and not (child.lower_ == "in" and top and is_sector_word(head))
        ):
            continue  # "troops in Syria" keeps "in"; "Russia's envoy to the UN" drops "to"
        if child.dep_ not in _PHRASE_DEPS:
            continue
        if child.dep_ == "poss" and head.lemma_.lower() in _RELATIONAL:
            continue  # "Washington's proxy" is not Washington
        if child.lower_ == "of" and head.lemma_.lower() in _DEPICTIONS:
            continue  # "the image of the soldiers" does nothing the soldiers do
        out.extend(_phrase_tokens(child, top=False))
    return out


def _own_state_before_whereabouts(
    head, coded: list[Mention], sent_start: int, international: bool = False
) -> list[Mention]:
    """ "US troops in Syria", "the British court in London": the place after "in" says where
    the group is, and names its state only when nothing else in the phrase does ("a court in
    Germany", "troops in Syria"); never for an international body ("an international tribunal
    in The Hague" is no Dutch court)."""
    where = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "in"), None)
    if where is None:
        return coded
    lo, hi = where.left_edge.idx - sent_start, where.right_edge.idx - sent_start
    inside = [m for m in coded if lo <= m.start <= hi]
    if international or len(inside) < len(coded):
        return [m for m in coded if m not in inside]
    return coded


def _state_organ(m: Mention) -> bool:
    """A state's organ named by its own name ("the RCMP", "the Bundeswehr": groups.tsv, a
    state's code and an organ's sector), not an armed or political group bound to a state."""
    return m.kind == GROUP and m.entry.sector in ORGAN_SECTORS and m.code in state_names()


def _statesman(m: Mention) -> bool:
    """A named office-holder of a state ("Assad", "Erdogan"): the story is about that state
    as much as when the state is named."""
    return m.kind == PERSON and m.entry.sector == "GOV"


# bodies of people a singular noun names ("its army"), beside plural nouns ("its soldiers")
_ARMED_BODIES = frozenset(
    {"army", "military", "police", "navy", "militia", "force", "guard", "gendarmerie"}
)
# the words between an owning pronoun and the phrase it stands for: "Turkey said two of its
# soldiers", "the rebels and their allies"; a noun between them is a nearer antecedent
_SKIP_POS = frozenset({"ADP", "NUM", "VERB", "AUX", "PUNCT", "CCONJ", "PART", "ADV", "DET"})


def _people_word(tok) -> bool:
    """A word for people acting together ("its soldiers", "their officials", "its army"), not
    for a building or an office ("its consulate": the consulate's host may be the target)."""
    return tok.tag_ in ("NNS", "NNPS") or tok.lower_ in _ARMED_BODIES


def _antecedent(pronoun):
    """The head of the phrase an owning pronoun stands for, in its sentence: for "whose", the
    noun its relative clause describes; for "its" and "their", the nearest noun phrase before
    it (None when another word comes first)."""
    if pronoun.lower_ == "whose":
        tok = pronoun.head
        for _ in range(3):
            if tok.dep_ == "relcl":
                return tok.head
            if tok.head.i == tok.i:
                return None
            tok = tok.head
        return None
    sent = pronoun.sent
    for i in range(pronoun.i - 1, sent.start - 1, -1):
        tok = pronoun.doc[i]
        if tok.pos_ in ("NOUN", "PROPN", "PRON"):
            if tok.dep_ in ("compound", "amod", "nmod", "npadvmod", "poss"):
                continue  # inside a phrase: its head comes later
            if tok.pos_ == "PRON" or (pronoun.lower_ == "its" and tok.tag_ in ("NNS", "NNPS")):
                return None  # "citizens held by its forces": "its" is not the citizens
            return tok
        if tok.pos_ in _SKIP_POS or tok.pos_ == "ADJ":
            continue
        return None
    return None


def _owned_by_them(tokens) -> bool:
    """ "their nationals", "their citizens": owned by a "their" no party stood for (else the
    owner would have given the state), so no guess from the story; "their own people" are
    the doer's."""
    words_ = {t.lower_ for t in tokens}
    return "their" in words_ and "own" not in words_


@lru_cache(maxsize=1)
def _national_titles() -> dict[str, str]:
    """Title -> the one state that uses it (actors/data/national_titles.tsv)."""
    rows = read_tsv(package_data("actors", "data", "national_titles.tsv"))
    return {r["title"]: r["code"] for r in rows}


def _national_office(tokens, text, start, end, title: Mention) -> list[Actor]:
    """ "the home secretary", "the taoiseach": the holder of an office only one state has
    (national_titles.tsv), named by the title alone, is that state's."""
    if title.kind != TITLE or not any(t.lower_ == "the" and t.dep_ == "det" for t in tokens):
        return []
    code = _national_titles().get(title.text.lower())
    if code is None:
        return []
    rule = f"{title.entry.sector} of the state whose title it is"
    return [Actor(text, code, title.entry.sector, None, start, end, rule)]


@lru_cache(maxsize=1)
def _unit_nouns() -> frozenset[str]:
    """Nouns of a first-level unit ("state", "province"): "Lagos state" is named by "Lagos"
    (where/data/place_nouns.tsv)."""
    rows = read_tsv(package_data("where", "data", "place_nouns.tsv"))
    return frozenset(r["word"] for r in rows if r["precision"] == "admin1")


def _child_of(tok, dep: str):
    return next((c for c in tok.children if c.dep_ == dep), None)


def is_sector_word(tok) -> bool:
    return tok.lower_ in _SECTOR_HEADS


def conjuncts(head) -> list:
    """The head and the heads conjoined to it ("the US, Britain and France")."""
    out = [head]
    for c in head.conjuncts:
        if c.i != head.i and c not in out:
            out.append(c)
    return sorted(out, key=lambda t: t.i)


def _not_domestic(text: str, start: int, sectors: list[Mention]) -> bool:
    """A word that makes a group not the story state's own ("foreign fighters", "coalition
    jets"), outside the group's own term when that term names domestic politics: "the ruling
    coalition", "the opposition alliance" (agents.tsv, GOV, OPP or LEG) are the state's own.
    `start` is the phrase's offset in the sentence, as the mentions' are."""
    chars = list(text)
    for m in sectors:
        if m.entry.sector in POLITICAL_SECTORS:
            for i in range(max(m.start - start, 0), min(m.end - start, len(chars))):
                chars[i] = " "
    return _NOT_DOMESTIC.search("".join(chars)) is not None


def continental(text: str, start: int, name: str) -> bool:
    """A name of the Americas set after a word that makes it a part of them ("Latin
    American", "South America", lexicon continent_names) or after "Pan-" ("the Pan-American
    Highway"): no state."""
    before = text[max(0, start - 16) : start].lower()
    if before.endswith("pan-"):
        return True
    words = before.split()
    return (
        bool(words)
        and before.endswith(" ")
        and f"{words[-1]} {name.lower()}".rstrip("s") in _CONTINENTS
    )


def _states_named(text: str, mentions) -> list[str]:
    """The codes of the mentions that name a state, as a story's count of states takes them
    ("Latin American", "the Pan-American Highway" name none)."""
    return [
        m.code
        for m in mentions
        if _names_a_state(m) and m.code and not continental(text, m.start, m.text)
    ]


def _names_a_state(m: Mention) -> bool:
    """A mention that names a state for the story's count: a state's name, adjective, capital
    or region, or an office-holder of it."""
    return m.kind in STATE_KINDS or _statesman(m)


def _one_group_word(sectors: list[Mention], at: int) -> list[Mention]:
    """Group words of one sector in one phrase are one group ("its military forces"): the one
    nearest the phrase's head (at `at`, a character offset in the sentence) stands for
    them."""
    if len(sectors) < 2 or any(m.kind != AGENT for m in sectors):
        return sectors
    if len({m.entry.sector for m in sectors}) != 1:
        return sectors
    return [min(sectors, key=lambda m: abs(m.start - at))]
