"""Named rules: registered with `@rule(NAME, STAGE)`, ordered and explained by `rules.tsv`.

A rule is a small function a stage runs in the order the rules table gives. Its kind follows
from its stage:

- `parse`: `(sent) -> iterator of (token index, former head index, former label)`, repairs
  of the parser's tree made in place before anything reads it (the coder puts the heads and
  labels back afterwards, last moved first);
- draft stages (`gate`, `modality`, `recode`, `actors`): `(draft, ctx) -> draft | None`;
  None drops the draft, a changed draft is noted in its trace;
- `sentence`: `(ctx, coder) -> list[EventDraft]`, new drafts the sentence itself makes;
- `merge`: `(coded, ctx) -> coded`, over the sentence's built events.

Every rule can be switched off by name (`polybius code --disable-rule NAME`, `Coder(disabled=)`),
and declares the cue words it needs (`cues` column) so the prefilter passes their sentences.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import import_module

from polybius.tsv import package_data, read_tsv, split_values

STAGES = ("parse", "sentence", "gate", "modality", "recode", "actors", "merge")
_FUNCTIONS: dict[str, tuple[str, Callable]] = {}


class RuleError(ValueError):
    """A rule that is not registered, not in the table, or named twice."""


def rule(name: str, stage: str) -> Callable[[Callable], Callable]:
    """Register `fn` as the rule NAME of STAGE (its order and reason come from rules.tsv)."""
    if stage not in STAGES:
        raise RuleError(f"rule {name}: unknown stage {stage!r} (one of {', '.join(STAGES)})")

    def register(fn: Callable) -> Callable:
        if name in _FUNCTIONS and _FUNCTIONS[name][1] is not fn:
            raise RuleError(f"rule {name} registered twice")
        _FUNCTIONS[name] = (stage, fn)
        return fn

    return register


@dataclass(frozen=True)
class Rule:
    name: str
    stage: str
    reason: str
    cues: frozenset[str]
    func: Callable
    # cues of which one must also be in the sentence for `cues` to pass it (`with` column)
    with_cues: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CueSet:
    """What lets the prefilter pass a sentence for one rule: one of `words` (surface forms,
    lowercase) or of `lemmas`, and, for a rule with a `with` column, also one of
    `with_words` or `with_lemmas`, or (`with_quote`) quotation marks."""

    words: frozenset[str]
    lemmas: frozenset[str]
    with_words: frozenset[str] = frozenset()
    with_lemmas: frozenset[str] = frozenset()
    with_quote: bool = False

    @property
    def conditional(self) -> bool:
        return bool(self.with_words or self.with_lemmas or self.with_quote)


# the modules of coding/rules that register rules (on import)
RULE_MODULES = (
    "actor_rules",
    "attribution",
    "background",
    "concern",
    "denials",
    "descriptions",
    "domestic",
    "gates",
    "governors",
    "laws",
    "lead",
    "learned",
    "meetings",
    "merging",
    "modality",
    "no_act",
    "not_force",
    "one_state_story",
    "orders",
    "parse_repairs",
    "peoples",
    "plans",
    "politics",
    "pronouns",
    "reactions",
    "recode",
    "refusals",
    "removal",
    "restrictions",
    "sentence",
    "sides",
    "speakers",
    "time_clauses",
    "verdicts",
    "warnings",
)


def _import_rule_modules() -> None:
    for name in RULE_MODULES:
        import_module(f"polybius.coding.rules.{name}")


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every rule in table order; the table and the registered functions must agree."""
    _import_rule_modules()
    out: list[Rule] = []
    for row in read_tsv(package_data("coding", "data", "rules.tsv")):
        name, where = row["name"], f"rules.tsv:{row['_line']}"
        if name not in _FUNCTIONS:
            raise RuleError(f"{where}: no function registered as rule {name!r}")
        stage, fn = _FUNCTIONS[name]
        if stage != row["stage"]:
            raise RuleError(f"{where}: {name} is registered for stage {stage}, not {row['stage']}")
        if any(r.name == name for r in out):
            raise RuleError(f"{where}: rule {name} listed twice")
        cues, with_cues = (frozenset(split_values(row[c])) for c in ("cues", "with"))
        if with_cues and not cues:
            raise RuleError(f"{where}: {name} has cues in 'with' but none in 'cues'")
        out.append(Rule(name, stage, row["reason"], cues, fn, with_cues))
    missing = set(_FUNCTIONS) - {r.name for r in out}
    if missing:
        raise RuleError(f"rules registered but not in rules.tsv: {', '.join(sorted(missing))}")
    return tuple(out)


def rule_names() -> list[str]:
    return [r.name for r in all_rules()]


def check_names(names: tuple[str, ...] | frozenset[str]) -> frozenset[str]:
    """The names, or a RuleError naming the unknown ones and where to find the known ones."""
    unknown = sorted(set(names) - set(rule_names()))
    if unknown:
        raise RuleError(f"unknown rule(s): {', '.join(unknown)} (list them with `polybius rules`)")
    return frozenset(names)


@dataclass(frozen=True)
class RuleSet:
    """The enabled rules, grouped by stage in table order."""

    by_stage: dict[str, tuple[Rule, ...]]
    disabled: frozenset[str]

    def stage(self, stage: str) -> tuple[Rule, ...]:
        return self.by_stage.get(stage, ())

    def enabled(self, name: str) -> bool:
        return name not in self.disabled


@lru_cache(maxsize=16)
def load_rules(disabled: frozenset[str] = frozenset()) -> RuleSet:
    check_names(disabled)
    by_stage: dict[str, list[Rule]] = {s: [] for s in STAGES}
    for r in all_rules():
        if r.name not in disabled:
            by_stage[r.stage].append(r)
    return RuleSet({s: tuple(v) for s, v in by_stage.items()}, disabled)


def declared_cues(
    disabled: frozenset[str] = frozenset(), only: str | None = None
) -> frozenset[str]:
    """The cue words of the enabled rules (or of the rule `only`), their `with` column left
    out: surface words, and lemmas as '~lemma' (see cue_sets)."""
    out: set[str] = set()
    for cue_set in cue_sets(disabled, only):
        out.update(cue_set.words)
        out.update("~" + lemma for lemma in cue_set.lemmas)
    return frozenset(out)


def cue_sets(disabled: frozenset[str] = frozenset(), only: str | None = None) -> tuple[CueSet, ...]:
    """What the enabled rules (or the rule `only`) need in a sentence, for the prefilter. A cue
    '@NAME' stands for every word of the lexicon NAME and its plural in -s; '~NAME' for every
    lemma of the lexicon NAME (matched against the lemmas a sentence's words may have:
    "misled", "rigging"), or of the status cue NAME (events/data/cues.tsv: '~speech');
    '%quoted' (in `with` only) for a sentence in quotation marks (coding/quotes.quoted)."""
    out: list[CueSet] = []
    for r in all_rules():
        if r.name in disabled or only not in (None, r.name) or not r.cues:
            continue
        words, lemmas, _ = _expand(r.cues)
        with_words, with_lemmas, with_quote = _expand(r.with_cues)
        out.append(CueSet(words, lemmas, with_words, with_lemmas, with_quote))
    return tuple(out)


def _expand(cues: frozenset[str]) -> tuple[frozenset[str], frozenset[str], bool]:
    """(surface words, lemmas, quotation asked for) of a rule's cue cell."""
    words: set[str] = set()
    lemmas: set[str] = set()
    for cue in cues:
        if cue.startswith("@"):
            words.update(w for lemma in _cue_list(cue[1:]) for w in (lemma, lemma + "s"))
        elif cue.startswith("~"):
            lemmas.update(_cue_list(cue[1:]))
        elif cue != "%quoted":
            words.add(cue)
    return frozenset(words), frozenset(lemmas), "%quoted" in cues


def _cue_list(name: str) -> frozenset[str]:
    """The words of the lexicon NAME (coding/data/lexicons.tsv), or of the status cue NAME."""
    from polybius.coding.lexicon import UnknownLexicon, load_cues, words

    try:
        return words(name)
    except UnknownLexicon:
        cue = load_cues().words.get(name)
        if cue is None:
            raise
        return cue
