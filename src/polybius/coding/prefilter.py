"""The sentence prefilter: which sentences could hold an event at all.

A sentence can only be coded when it has a trigger (a pattern lemma, or a cue word a
sentence rule declares in `rules.tsv`) and an actor (a dictionary mention, or a pronoun or
definite description that may refer to one named earlier, or an unnamed domestic group such
as "police" or "unions" a rule may give the story's country, or unnamed people or armed
force in a named town, or unnamed people doing what a protest pattern names: "farmers blocked
highways"), or a passive act of police and courts ("was charged") whose
authorities a rule may find in the story. Both are checked on surface words with automata
and sets, before parsing, so the dependency parser only sees the sentences that matter.
The coder applies the same test to every sentence it is given, so coding with and without
the prefilter gives the same events: the prefilter only saves parsing work.
"""

from __future__ import annotations

from functools import lru_cache

from polybius.actors.dictionary import ActorDictionary, load_dictionary
from polybius.actors.matcher import find_mentions
from polybius.actors.resolver import PERSONAL_PRONOUNS, STANDALONE_SECTORS, load_anaphors
from polybius.coding.lemmas import lemma_guesses, prefixed_irregular
from polybius.coding.lexicon import words
from polybius.coding.quotes import quoted
from polybius.coding.rules.registry import CueSet, cue_sets, declared_cues
from polybius.coding.triggers import ANY_OBJECT, INFINITIVE, NAMED_OBJECT, NAMED_PLACE
from polybius.events.ontology import load_ontology
from polybius.events.patterns import PatternSet, load_patterns
from polybius.where.home import home_places

# forms of "be" that make a participle passive ("was charged", "have been jailed")
PASSIVE_AUXILIARIES = frozenset({"is", "are", "was", "were", "be", "been", "being"})


class Prefilter:
    def __init__(
        self,
        dictionary: ActorDictionary,
        patterns: PatternSet,
        lemma_tables=None,
        cues: tuple[CueSet, ...] = (),
        group_sectors: frozenset[str] = frozenset(),
        quote_cues: frozenset[str] = frozenset(),
        authority_acts: frozenset[str] = frozenset(),
        placed_sectors: frozenset[str] = frozenset(),
        place_force: bool = False,
        told_again: frozenset[str] = frozenset(),
    ):
        self.dictionary = dictionary
        # a quotation holding one of these words may be spoken by a party named before (rule
        # quotation_of_the_last_speaker)
        self.quote_cues = quote_cues
        # unnamed groups ("police", "a judge", "unions") a rule may give the story's country
        self.group_sectors = group_sectors
        # acts only police and courts do ("was charged", "were jailed"): told in the passive
        # with no party named, a rule may give them the story's authorities
        self.authority_acts = authority_acts
        # unnamed people ("people", "residents") that let a sentence through when it also
        # names a town: rules give the town's state to force used there or to a protest there
        self.placed_sectors = placed_sectors
        # nouns of force that, after "in the", tell again an attack the story reported: a rule
        # gives it the doers the story named ("nine guests were hurt in the blast")
        self.told_again = told_again
        self.patterns = patterns
        # sentence rules' cue words and lemmas that pass a sentence on their own, and the
        # cue sets that pass it only with one of their `with` words ("terrorist" with a verb
        # of saying or calling, or in a quotation)
        self.cues = frozenset(w for c in cues if not c.conditional for w in c.words)
        self.cue_lemmas = frozenset(w for c in cues if not c.conditional for w in c.lemmas)
        self.conditional_cues = tuple(c for c in cues if c.conditional)
        self.trigger_lemmas = patterns.verb_lemmas | patterns.noun_lemmas
        # lemmas of force ("airstrikes", "fighting", "shelled"): a town named with them is
        # enough (rule place_of_force_is_target makes its state the target)
        self.force_lemmas = force_lemmas(patterns) if place_force else frozenset()
        # protests by unnamed people ("farmers blocked highways"), with the placed sectors
        self.protest_patterns = (
            type_patterns(patterns, "PROTEST") if placed_sectors else frozenset()
        )
        self.anaphors = set(load_anaphors())
        self.pair_anaphors = set(load_anaphors(pairs=True))  # "the two neighbours"
        self.rules: list[tuple[str, str]] = []
        self.exceptions: dict[str, set[str]] = {}
        if lemma_tables is not None:
            for pos_rules in lemma_tables.get_table("lemma_rules").values():
                self.rules.extend((old, new) for old, new in pos_rules)
            for pos_exc in lemma_tables.get_table("lemma_exc").values():
                for form, lemmas in pos_exc.items():
                    self.exceptions.setdefault(form, set()).update(lemmas)
        self.rules = sorted(set(self.rules))
        self._cache: dict[str, frozenset[str]] = {}

    def lemmas(self, word: str) -> frozenset[str]:
        """Every lemma the model (or the coder's fallback) may give `word`."""
        low = word.lower()
        hit = self._cache.get(low)
        if hit is not None:
            return hit
        forms = {
            low,
            *lemma_guesses(low),
            *self.exceptions.get(low, ()),
            *prefixed_irregular(low, self.exceptions),
        }
        for old, new in self.rules:
            if low.endswith(old):
                forms.add(low[: len(low) - len(old)] + new)
        hit = frozenset(forms)
        self._cache[low] = hit
        return hit

    def has_trigger(
        self, sentence_words: list[str], among: frozenset | None = None, text: str | None = None
    ) -> bool:
        """Could any pattern match (its lemma, particles and object lemmas all there), or
        does a sentence rule's cue word appear? `among`: only these patterns, no cue words.
        `text`: the sentence, for cues asking for quotation marks (without it, any passes)."""
        lowered = {w.lower() for w in sentence_words}
        if among is None and not lowered.isdisjoint(self.cues):
            return True  # e.g. "X said Y must withdraw": a demand (a sentence rule)
        lemmas: set[str] = set()
        for w in set(sentence_words):  # each word once: the union is the same
            lemmas |= self.lemmas(w)
        if among is None and not lemmas.isdisjoint(self.cue_lemmas):
            return True  # e.g. "X said Y had misled them": an accusation (a sentence rule)
        if among is None and any(_cue_met(c, lowered, lemmas, text) for c in self.conditional_cues):
            return True  # e.g. "X said it was a mistake": a verdict word with a verb of saying
        for lemma in lemmas & self.trigger_lemmas:
            for pos in ("v", "n"):
                for p in self.patterns.candidates(pos, lemma):
                    if among is not None and p not in among:
                        continue
                    # an infinitive clause ("to-verb") shows as the word "to"
                    surface = {"to" if w == INFINITIVE else w for w in p.words}
                    if surface and not lowered.issuperset(surface):
                        continue
                    # any proper name, any object: no lemma to look for
                    named = bool(p.objects) and bool(
                        {NAMED_OBJECT, NAMED_PLACE, ANY_OBJECT} & p.objects
                    )
                    if p.objects and not named and lemmas.isdisjoint(p.object_lemmas):
                        continue
                    return True
        return False

    def could_hold_event(self, text: str, sentence_words: list[str]) -> bool:
        if text.rstrip().endswith("?"):
            return False
        if not self.has_trigger(sentence_words, text=text):
            return False
        lowered = {w.lower() for w in sentence_words}
        if self._refers_back(text, sentence_words, lowered):
            return True
        if self.authority_acts and not lowered.isdisjoint(PASSIVE_AUXILIARIES):
            participles = (w for w in lowered if w.endswith("ed"))
            if any(self.lemmas(w) & self.authority_acts for w in participles):
                return True
        mentions = find_mentions(text, self.dictionary)
        if any(
            m.entry.has_code
            or m.entry.sector in STANDALONE_SECTORS
            or m.entry.sector in self.group_sectors
            for m in mentions
        ):
            return True
        # "At least 12 people were killed in Idlib": people the sentence places in a town
        # the gazetteer knows, whose state a rule may make the event's party; so is force
        # used there ("Airstrikes on Idlib intensified")
        placed = any(m.entry.sector in self.placed_sectors for m in mentions)
        if placed and self.has_trigger(sentence_words, self.protest_patterns):
            return True  # "farmers blocked highways": people protesting, a rule gives them a state
        forceful = any(self.lemmas(w) & self.force_lemmas for w in lowered)
        return (placed or forceful) and bool(
            home_places(text, [(m.start, m.end) for m in mentions])
        )

    def _refers_back(self, text: str, sentence_words: list[str], lowered: set[str]) -> bool:
        """Words that may stand for a party named earlier in the story: a pronoun, a definite
        description ("the regime"), "the two sides", a quotation a rule may give its last
        speaker, an attack told again ("in the attack")."""
        if not lowered.isdisjoint(PERSONAL_PRONOUNS) or not lowered.isdisjoint(self.anaphors):
            return True
        if not lowered.isdisjoint(("two", "both")) and any(
            self.lemmas(w) & self.pair_anaphors for w in lowered
        ):
            return True
        if not lowered.isdisjoint(self.quote_cues) and quoted(text):
            return True
        return bool(self.told_again) and self._tells_force_again(sentence_words)

    def _tells_force_again(self, sentence_words: list[str]) -> bool:
        """ "in the attack", "in the blast": a definite noun of force that may tell again an
        act the story reported (rule force_told_again_is_by_its_doers)."""
        low = [w.lower() for w in sentence_words]
        return any(
            p == "in" and d in ("the", "this", "that") and self.lemmas(n) & self.told_again
            for p, d, n in zip(low, low[1:], low[2:], strict=False)
        )


@lru_cache(maxsize=4)
def load_prefilter(
    extra_patterns: tuple[str, ...] = (),
    disabled_rules: frozenset[str] = frozenset(),
    extra_actors: tuple[str, ...] = (),
) -> Prefilter:
    from polybius.nlp.pipeline import load_nlp

    lemmatizer = load_nlp().get_pipe("lemmatizer")
    home = "domestic_party_of_the_home" not in disabled_rules
    story = "authorities_of_the_story_state" not in disabled_rules
    placed = {"place_of_force_is_target", "protesters_of_the_place"} - disabled_rules
    return Prefilter(
        load_dictionary(extra_actors),
        load_patterns(extra_patterns),
        lemmatizer.lookups,
        cue_sets(disabled_rules),
        words("unnamed_group_sectors") if home else frozenset(),
        declared_cues(disabled_rules, only="quotation_of_the_last_speaker"),
        words("authority_acts") if story else frozenset(),
        words("placed_group_sectors") if placed else frozenset(),
        "place_of_force_is_target" in placed,
        words("force_nouns_told_again")
        if "force_told_again_is_by_its_doers" not in disabled_rules
        else frozenset(),
    )


def _cue_met(cues: CueSet, lowered: set[str], lemmas: set[str], text: str | None) -> bool:
    """A conditional cue set's words and one of its `with` words (or quotation marks)."""
    if lowered.isdisjoint(cues.words) and lemmas.isdisjoint(cues.lemmas):
        return False
    if not lowered.isdisjoint(cues.with_words) or not lemmas.isdisjoint(cues.with_lemmas):
        return True
    return cues.with_quote and (text is None or quoted(text))


def force_lemmas(patterns: PatternSet) -> frozenset[str]:
    """The lemmas of armed force (ASSAULT) that are triggers on their own, with no particle
    or object asked for ("shelled", "airstrikes"; not "step up" of "stepped up attacks")."""
    ontology = load_ontology()
    return frozenset(
        p.lemma
        for p in patterns.patterns
        if ontology.code(p.cameo).plover_type == "ASSAULT" and not p.words and not p.objects
    )


def type_patterns(patterns: PatternSet, plover_type: str) -> frozenset:
    """The patterns of one PLOVER type."""
    ontology = load_ontology()
    return frozenset(
        p for p in patterns.patterns if ontology.code(p.cameo).plover_type == plover_type
    )
