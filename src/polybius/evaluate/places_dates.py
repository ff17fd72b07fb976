"""Scoring where and when (issue 17): the coder's place and date of each gold event against
the place and date gold (`evaluate/data/place_date_gold.tsv`, annotated by readers who never
saw the coder's output, following docs/gold/PLACE_DATE_GUIDE.md).

A gold event is compared with the predicted event of the same sentence paired with it at type
level (evaluate/score.py); events the coder misses are counted apart, since their place and
date cannot be judged. Figures:

- place, country level: precision over matched events the coder gives a country, recall over
  matched events the gold gives one;
- place, city/admin-1 level: a predicted town or unit is right when it names the gold place
  (same name, or the same gazetteer place under another spelling) or its admin-1 unit;
  precision over predicted towns and units, recall over gold places finer than a country;
- share of matched events with a place, in the coder's output and in the gold;
- date: exact (same precision and the same day, month or year; an undated event is the
  publication date for both) and within precision (one period holds the other: "March"
  holds 3 March);
- occurred events the coder dates after their publication (must be 0).
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from polybius.evaluate.gold import GoldSentence
from polybius.evaluate.score import score_sentence
from polybius.models import Event
from polybius.when.precision import bin_start, next_bin

DEFAULT_GOLD = Path(__file__).parent / "data" / "place_date_gold.tsv"
HEADER = [
    "id",
    "n",
    "place",
    "country",
    "admin1",
    "geo_precision",
    "when_text",
    "date",
    "date_precision",
]
FINE = ("city", "admin1", "exact")
PUBLICATION_SOURCES = ("publication", "publication-not-after")
_DROP_WORDS = {"province", "governorate", "region", "oblast", "state", "city", "the", "of"}


class PlaceDateGoldError(ValueError):
    """A place/date gold file that does not follow the guide's format."""


@dataclass(frozen=True)
class GoldPlaceDate:
    id: str
    n: int
    place: str
    country: str
    admin1: str
    geo_precision: str
    date: str
    date_precision: str


def load_place_date_gold(path: Path = DEFAULT_GOLD) -> dict[tuple[str, int], GoldPlaceDate]:
    """(sentence id, event number) -> annotation; raises PlaceDateGoldError on a bad row."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or rows[0] != HEADER:
        raise PlaceDateGoldError(f"{path}: the header must be {' '.join(HEADER)}")
    out = {}
    for number, cells in enumerate(rows[1:], 2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(HEADER) or not cells[1].isdigit():
            raise PlaceDateGoldError(f"{path}:{number}: expected {len(HEADER)} cells, n a number")
        sid, n, place, country, admin1, geo, _when, day, precision = (c.strip() for c in cells)
        g = GoldPlaceDate(sid, int(n), place, country, admin1, geo, day, precision)
        out[(g.id, g.n)] = g
    return out


@dataclass
class Rate:
    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def add(self, hit: bool) -> None:
        self.total += 1
        self.hits += int(hit)

    def as_dict(self) -> dict:
        return {"value": round(self.value, 3), "hits": self.hits, "total": self.total}


@dataclass
class PlaceDateReport:
    gold_events: int = 0
    matched: int = 0
    country_precision: Rate = field(default_factory=Rate)
    country_recall: Rate = field(default_factory=Rate)
    fine_precision: Rate = field(default_factory=Rate)
    fine_recall: Rate = field(default_factory=Rate)
    predicted_with_place: Rate = field(default_factory=Rate)
    gold_with_place: Rate = field(default_factory=Rate)
    date_exact: Rate = field(default_factory=Rate)
    date_within: Rate = field(default_factory=Rate)
    after_publication: int = 0
    # one row per matched event: the gold place and date beside the coder's, and the verdicts
    events: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        out: dict = {"gold_events": self.gold_events, "matched_events": self.matched}
        for name, value in vars(self).items():
            if isinstance(value, Rate):
                out[name] = value.as_dict()
        out["occurred_after_publication"] = self.after_publication
        out["events"] = self.events
        return out


def score_places_dates(
    sentences: Iterable[GoldSentence],
    predictions: dict[str, list[Event]],
    gold: dict[tuple[str, int], GoldPlaceDate],
) -> PlaceDateReport:
    from polybius.evaluate.runner import as_gold_event

    report = PlaceDateReport()
    for gs in sentences:
        events = predictions.get(gs.id, [])
        for e in events:
            if e.status != "intended" and gs.date and e.event_date and e.event_date > gs.date:
                report.after_publication += 1
        annotated = [(n, g) for n, g in enumerate(gs.events) if (gs.id, n) in gold]
        if not annotated:
            continue
        pred = [as_gold_event(e) for e in events]
        by_pred = {id(p): e for p, e in zip(pred, events, strict=True)}
        pairs = {id(g): p for g, p in score_sentence(gs.id, gs.events, pred).type_pairs}
        for n, g in annotated:
            report.gold_events += 1
            p = pairs.get(id(g))
            if p is None:
                continue
            report.matched += 1
            _score_event(report, gold[(gs.id, n)], by_pred[id(p)], gs.date)
    return report


def _score_event(report: PlaceDateReport, g: GoldPlaceDate, e: Event, published) -> None:
    if e.location_country:
        report.country_precision.add(e.location_country == g.country)
    if g.country:
        report.country_recall.add(e.location_country == g.country)
    report.predicted_with_place.add(bool(e.location_country))
    report.gold_with_place.add(bool(g.country))
    fine = e.geo_precision in FINE and e.location_name
    if fine:
        report.fine_precision.add(same_place(g, e))
    if g.geo_precision in FINE and g.place:
        report.fine_recall.add(bool(fine) and same_place(g, e))
    exact, within = compare_dates(g, e, published)
    report.date_exact.add(exact)
    report.date_within.add(exact or within)
    report.events.append(
        {
            "id": g.id,
            "n": g.n,
            "type": e.plover_type,
            "trigger": e.trigger_text,
            "gold_place": g.place,
            "gold_country": g.country,
            "gold_date": g.date,
            "gold_date_precision": g.date_precision,
            "place": e.location_name,
            "country": e.location_country,
            "date": e.event_date.isoformat() if e.event_date else None,
            "date_precision": e.date_precision,
            "date_source": e.date_source,
            "country_right": bool(g.country) and e.location_country == g.country,
            "date_exact": exact,
            "date_within": exact or within,
        }
    )


def normalise(name: str | None) -> str:
    """Lower-case ASCII words without place nouns or articles: "Idlib province" -> "idlib"."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in text).split()
    return " ".join(w for w in words if w not in _DROP_WORDS)


def same_place(g: GoldPlaceDate, e: Event) -> bool:
    """The predicted town or unit is the gold place or the gold place's admin-1 unit."""
    if e.location_country and g.country and e.location_country != g.country:
        return False
    pred = {normalise(e.location_name)}
    if e.geo_precision == "admin1":
        pred |= _spellings(e.location_admin1)
    gold = {normalise(g.place)} | (_spellings(g.admin1) if g.geo_precision == "admin1" else set())
    if pred & gold:
        return True
    if g.geo_precision == "exact" and e.geo_precision == "city":  # the town of a named site
        site = normalise(g.place).split()
        if normalise(e.location_name).split() == site[: len(normalise(e.location_name).split())]:
            return True
    if e.geo_precision == "admin1" and _spellings(e.location_admin1) & _spellings(g.admin1):
        return True
    return _gazetteer_same(g.place, e.location_name or "")


def _spellings(admin1: str | None) -> set[str]:
    """The names of an admin-1 unit (its ISO name and English spellings)."""
    if not admin1:
        return set()
    key = normalise(admin1)
    return {key} | _unit_spellings().get(key, set())


@lru_cache(maxsize=1)
def _unit_spellings() -> dict[str, set[str]]:
    """Each normalised name of an admin-1 unit -> every name of the units it names."""
    from polybius.where.places import admin1_units

    out: dict[str, set[str]] = {}
    for unit in admin1_units().values():
        spelled = {normalise(n) for n in unit.names}
        for name in spelled:
            out.setdefault(name, set()).update(spelled)
    return out


def _gazetteer_same(a: str, b: str) -> bool:
    """Two names the gazetteer knows as one place ("Raqqa" and "Ar-Raqqah")."""
    from polybius.where.places import candidates

    if not a or not b:
        return False
    return bool(set(candidates(a)) & set(candidates(b)))


def period(day: date, precision: str) -> tuple[date, date]:
    """The first and last day of the period a date stands for."""
    kind = precision if precision in ("week", "month", "year") else "day"
    start = bin_start(day, kind)
    return start, date.fromordinal(next_bin(start, kind).toordinal() - 1)


def gold_date(g: GoldPlaceDate, published: date | None) -> tuple[date, str] | None:
    text, precision = g.date, g.date_precision
    try:
        if precision == "reported" or (not text and published):
            return (published, "reported") if published else None
        if precision == "day":
            return date.fromisoformat(text), "day"
        if precision == "month":
            return date.fromisoformat(text[:7] + "-01"), "month"
        if precision == "year":
            return date(int(text[:4]), 1, 1), "year"
    except ValueError:
        return None
    return None


def compare_dates(g: GoldPlaceDate, e: Event, published: date | None) -> tuple[bool, bool]:
    """(exact, within precision) of the predicted date against the gold one."""
    gd = gold_date(g, published)
    if gd is None or e.event_date is None:
        return False, False
    g_day, g_precision = gd
    p_precision = "reported" if e.date_source in PUBLICATION_SOURCES else e.date_precision
    # an undated event is its publication day: exact only against another undated one, within
    # precision when the other side's period holds that day ("this month" holds it)
    g_start, g_end = period(g_day, "day" if g_precision == "reported" else g_precision)
    p_start, p_end = period(
        e.event_date, "day" if p_precision == "reported" else p_precision or "day"
    )
    if g_precision == "reported" or p_precision == "reported":
        exact = g_precision == p_precision and g_day == e.event_date
    else:
        exact = g_precision == p_precision and (g_start, g_end) == (p_start, p_end)
    within = (g_start <= p_start and p_end <= g_end) or (p_start <= g_start and g_end <= p_end)
    return exact, within


def evaluate_places_dates(
    train_path: Path,
    gold_path: Path = DEFAULT_GOLD,
    coder=None,
    progress_factory=None,
) -> dict:
    """Code the articles the place/date gold annotates (every sentence, in order, so the
    story context is the one a whole article gives) and score them. Refuses gold rows of a
    blind fold."""
    from polybius.coding.coder import Coder
    from polybius.evaluate.folds import load_folds
    from polybius.evaluate.gold import load_gold
    from polybius.evaluate.runner import predict

    gold = load_place_date_gold(gold_path)
    train = load_gold(train_path)
    doc_of = {s.id: s.doc for s in train}
    folds = load_folds()
    missing = sorted({sid for sid, _ in gold if sid not in doc_of})
    if missing:
        raise PlaceDateGoldError(f"{len(missing)} gold ids are not in {train_path.name}")
    docs = {doc_of[sid] for sid, _ in gold}
    if any(folds.get(d) == 5 for d in docs):
        raise PlaceDateGoldError("the place/date gold must not hold sentences of fold 5 (blind)")
    sentences = [s for s in train if s.doc in docs]
    tick = progress_factory(len(sentences)) if progress_factory else None
    predictions = predict(sentences, coder or Coder(), tick)
    report = score_places_dates(sentences, predictions, gold).as_dict()
    report["articles"] = len(docs)
    report["folds"] = sorted({folds.get(d, 0) for d in docs})
    return report
