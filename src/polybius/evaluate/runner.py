"""Code gold sentences with the current coder and build the evaluation report."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from polybius import CODER_VERSION
from polybius.actors.resolver import DocumentContext
from polybius.coding.coder import Coder
from polybius.engine.stages import code_text
from polybius.evaluate.folds import FoldSelection
from polybius.evaluate.gold import (
    GoldEvent,
    GoldSentence,
    is_plover_gsr,
    load_gold,
    load_petrarch_xml,
)
from polybius.evaluate.intervals import score_intervals
from polybius.evaluate.score import SentenceScore, aggregate, score_sentence
from polybius.events.ontology import load_ontology
from polybius.models import Event
from polybius.nlp.pipeline import load_nlp

REPORT_VERSION = 1


class BlindCodingError(RuntimeError):
    """The coder failed on a sentence of a blind fold (the message names no sentence)."""


def predict(
    sentences: list[GoldSentence], coder: Coder, progress=None, prefilter: bool = True
) -> dict[str, list[Event]]:
    """The coder's events for each gold sentence, coded exactly as `polybius code` codes text.

    Consecutive sentences of one document share coreference context, as they do when the
    whole article is coded, and know the places the whole document names; records without a
    document stand alone.
    """
    nlp = load_nlp()
    out: dict[str, list[Event]] = {}
    for gs, context in document_contexts(sentences, coder):
        _, events = code_text(gs.text, gs.id, gs.date, coder, prefilter, nlp, context)
        out[gs.id] = events
        if progress:
            progress()
    return out


def document_contexts(
    sentences: list[GoldSentence], coder: Coder
) -> Iterator[tuple[GoldSentence, DocumentContext]]:
    """Each gold sentence with the context it is coded in: one per document, shared by its
    consecutive sentences and primed with the places the whole document names (as `polybius
    code` reads a whole article first); a record without a document has one of its own."""
    stories = story_texts(sentences)
    context, previous_doc = DocumentContext(), None
    for gs in sentences:
        if gs.doc is None or gs.doc != previous_doc:
            context = DocumentContext()
            if gs.doc is not None:
                coder.prime_story(stories[gs.doc], context)
        previous_doc = gs.doc
        yield gs, context


def story_texts(sentences: list[GoldSentence]) -> dict[str, str]:
    """Each document's text, its gold sentences in order, one per line (a headline is a line
    of its own on a page, and a dateline opens its line: where/dateline.py)."""
    texts: dict[str, list[str]] = {}
    for gs in sentences:
        if gs.doc is not None:
            texts.setdefault(gs.doc, []).append(gs.text)
    return {doc: "\n".join(parts) for doc, parts in texts.items()}


def as_gold_event(e: Event) -> GoldEvent:
    return GoldEvent(
        event=e.plover_type,
        source=e.source_codes,
        target=e.target_codes,
        reciprocal=e.reciprocal,
        cameo_code=e.cameo_code,
        status=e.status,
    )


def score_all(
    sentences: list[GoldSentence], predictions: dict[str, list[Event]], key: str = "plover"
) -> list[SentenceScore]:
    """Score every sentence. key: 'plover' (types), 'cameo' (full code) or 'root' (CAMEO root)."""
    scores = []
    for gs in sentences:
        pred = [as_gold_event(e) for e in predictions.get(gs.id, [])]
        gold = gs.events
        if key != "plover":
            gold = [_keyed(g, key) for g in gold]
            pred = [_keyed(p, key) for p in pred]
        scores.append(score_sentence(gs.id, gold, pred))
    return scores


def _keyed(e: GoldEvent, key: str) -> GoldEvent:
    code = e.cameo_code or ""
    if key == "root":
        return replace(e, event=code[:2])
    if key == "cameo":
        return replace(e, event=code)
    if key == "plover-from-cameo":
        entry = load_ontology().cameo.get(code) if code else None
        return replace(e, event=(entry.plover_type or "") if entry else e.event)
    raise ValueError(key)


def _predict_all(sentences, coder, progress_factory, prefilter) -> dict[str, list[Event]]:
    tick = progress_factory(len(sentences)) if progress_factory else None
    return predict(sentences, coder, tick, prefilter)


def _header(path: str | Path, fmt: str, recall_only: bool) -> dict:
    return {
        "report_version": REPORT_VERSION,
        "coder_version": CODER_VERSION,
        "gold": Path(path).name,
        "format": fmt,
        "recall_only": recall_only,
    }


def evaluate_file(
    gold_path: str | Path,
    coder: Coder,
    progress_factory=None,
    prefilter: bool = True,
    selection: FoldSelection | None = None,
) -> tuple[dict, list]:
    """(report, per-sentence details) for a PLOVER/our-JSONL gold file.

    With a fold selection only its sentences are coded and scored; a blind selection returns
    no details at all (only the aggregate report leaves this function).
    """
    sentences = selection.sentences if selection is not None else load_gold(gold_path)
    if selection is not None and selection.blind:
        failure, predictions = "", {}
        try:
            predictions = _predict_all(sentences, coder, progress_factory, prefilter)
        except Exception as exc:  # its message could quote a blind sentence: drop it
            failure = type(exc).__name__
        if failure:  # raised outside the handler, so no chained exception carries the text
            raise BlindCodingError(
                f"coding failed on a blind sentence ({failure}; the message is withheld in "
                "blind mode: reproduce on folds 1-4)"
            )
    else:
        predictions = _predict_all(sentences, coder, progress_factory, prefilter)
    scores = score_all(sentences, predictions)
    recall_only = is_plover_gsr(sentences, gold_path)
    report = _header(gold_path, "plover-gsr" if recall_only else "polybius-jsonl", recall_only)
    report["overall"] = aggregate(scores).as_dict()
    report["intervals"] = score_intervals(sentences, scores)
    if selection is not None and (selection.folds is not None or selection.blind):
        report["selection"] = selection.report_fields()
    if selection is not None and selection.blind:
        return report, []
    return report, _details(sentences, predictions, scores)


def evaluate_petrarch(
    xml_path: str | Path, coder: Coder, progress_factory=None, prefilter: bool = True
) -> tuple[dict, list]:
    """CAMEO scoring at root and full-code level on PETRARCH validation records."""
    sentences = load_petrarch_xml(xml_path)
    predictions = _predict_all(sentences, coder, progress_factory, prefilter)
    gold_plover = [
        GoldSentence(s.id, s.text, s.date, [_keyed(g, "plover-from-cameo") for g in s.events])
        for s in sentences
    ]
    report = {
        **_header(xml_path, "petrarch-xml", False),
        "overall": aggregate(score_all(gold_plover, predictions)).as_dict(),
        "cameo_root": aggregate(score_all(sentences, predictions, "root")).as_dict(),
        "cameo_code": aggregate(score_all(sentences, predictions, "cameo")).as_dict(),
    }
    return report, _details(gold_plover, predictions, score_all(gold_plover, predictions))


def _details(sentences, predictions, scores) -> list[dict]:
    out = []
    for gs, sc in zip(sentences, scores, strict=True):
        matched_gold = {id(g) for g, _ in sc.full_pairs}
        matched_pred = {id(p) for _, p in sc.full_pairs}
        out.append(
            {
                "id": gs.id,
                "text": gs.text,
                "gold": sc.gold,
                "pred": sc.pred,
                "events": predictions.get(gs.id, []),
                "misses": [g for g in sc.gold if id(g) not in matched_gold],
                "false_alarms": [p for p in sc.pred if id(p) not in matched_pred],
            }
        )
    return out


def write_predictions(details: list[dict], path: str | Path) -> None:
    """One line per gold id, in the gold JSONL format, so any scorer can check the coder."""
    with open(path, "w", encoding="utf-8") as fh:
        for d in details:
            events = [
                {
                    "event": e.plover_type,
                    "source": e.source_codes,
                    "target": e.target_codes,
                    "reciprocal": e.reciprocal,
                    "cameo_code": e.cameo_code,
                    "status": e.status,
                    "trigger": e.trigger_text,
                }
                for e in d["events"]
            ]
            fh.write(json.dumps({"id": d["id"], "text": d["text"], "events": events}) + "\n")


def compare(new: dict, old: dict) -> list[tuple[str, float, float]]:
    """(metric, old, new) for the headline figures of two reports."""
    rows = []
    sections = [("overall", "PLOVER")]
    if "cameo_root" in new and "cameo_root" in old:
        sections += [("cameo_root", "CAMEO root"), ("cameo_code", "CAMEO code")]
    for section, label in sections:
        for level in ("type_level", "full_event"):
            for metric in ("precision", "recall", "f1"):
                rows.append(
                    (
                        f"{label} {level.replace('_', '-')} {metric}",
                        old[section][level][metric],
                        new[section][level][metric],
                    )
                )
        for metric in ("source_accuracy", "target_accuracy", "status_accuracy"):
            if (
                old[section]["actors"].get(metric) is None
                or new[section]["actors"].get(metric) is None
            ):
                continue  # an older report, or a gold without statuses
            rows.append(
                (
                    f"{label} {metric.replace('_', ' ')}",
                    old[section]["actors"][metric],
                    new[section]["actors"][metric],
                )
            )
    return rows
