"""Gold-standard loaders: PLOVER gold-standard records, our own gold JSONL, PETRARCH XML.

All of them become GoldSentence records holding GoldEvent lists, so one scorer serves all.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from polybius.ingest.dates import parse_date

# Organisation codes that the PLOVER records code as plain IGO.
IGO_CODES = {"UN", "NATO", "EU", "AU", "ARL", "OSCE", "ICC", "IAEA", "OPCW", "WHO", "RCS", "IGO"}

# older PLOVER type names and their current equivalents
RENAMED_TYPES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}


@dataclass
class GoldEvent:
    event: str  # PLOVER type
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    reciprocal: bool = False
    cameo_code: str | None = None
    status: str | None = None


@dataclass
class GoldSentence:
    id: str
    text: str
    date: date | None
    events: list[GoldEvent]
    doc: str | None = None  # sentences of one document share coreference context


class GoldFormatError(ValueError):
    pass


def _codes(value) -> list[str]:
    """Codes from a list of strings or of {"code": ...} objects (or an empty string)."""
    if not value:
        return []
    if isinstance(value, str):
        return [value.strip().upper()] if value.strip() else []
    if isinstance(value, dict):
        value = [value]
    out = []
    for v in value:
        code = v.get("code") if isinstance(v, dict) else v
        if code and str(code).strip():
            out.append(str(code).strip().upper())
    return out


def read_gold_text(path: Path) -> str:
    """The file's text; a gzip file (".gz") is read uncompressed (a blind set is stored
    compressed so a diff or a pager does not show its sentences)."""
    if path.suffix == ".gz":
        try:
            return gzip.decompress(path.read_bytes()).decode("utf-8")
        except (OSError, EOFError) as exc:
            raise GoldFormatError(f"{path}: not a readable gzip file: {exc}") from None
    return path.read_text(encoding="utf-8")


def load_gold(path: str | Path) -> list[GoldSentence]:
    """PLOVER gold-standard records (one event per record) or our JSONL (events per sentence).

    A malformed record is reported with its line (JSONL) or its position (a JSON array), all
    of them (up to 20) in one GoldFormatError, instead of failing on the first with a
    traceback.
    """
    path = Path(path)
    text = read_gold_text(path)
    located: list[tuple[str, object]] = []  # (where, record)
    errors: list[str] = []
    if text.lstrip().startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            raise GoldFormatError(f"{path}: not JSON: {exc}") from None
        located = [(f"{path}: record {n}", r) for n, r in enumerate(records, start=1)]
    else:
        for n, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    located.append((f"{path}:{n}", json.loads(line)))
                except json.JSONDecodeError as exc:
                    errors.append(f"{path}:{n}: not JSON: {exc}")
    out: list[GoldSentence] = []
    for n, (where, record) in enumerate(located, start=1):
        try:
            out.append(_gold_sentence(record, n))
        except GoldFormatError as exc:
            errors.append(f"{where}: {exc}")
    if errors:
        more = f"\n... {len(errors) - 20} more" if len(errors) > 20 else ""
        raise GoldFormatError("\n".join(errors[:20]) + more)
    return out


def _gold_event(e: object, event_type: object, source: object, target: object) -> GoldEvent:
    if not isinstance(event_type, str) or not event_type.strip():
        raise GoldFormatError(f"an event has no PLOVER type ('event'): {e!r}")
    source, target = _codes(source), _codes(target)
    return GoldEvent(
        event=RENAMED_TYPES.get(event_type.upper(), event_type.upper()),
        source=source,
        target=target,
        reciprocal=bool(e.get("reciprocal")) if isinstance(e, dict) else False,
        cameo_code=e.get("cameo_code") if isinstance(e, dict) else None,
        status=e.get("status") if isinstance(e, dict) else None,
    )


def _gold_sentence(r: object, n: int) -> GoldSentence:
    """One gold record (our format: 'events', a list; PLOVER's: one 'event')."""
    if not isinstance(r, dict):
        raise GoldFormatError(f"a record must be a JSON object, got {type(r).__name__}")
    if not isinstance(r.get("text"), str):
        raise GoldFormatError("the record has no 'text' (the sentence, a string)")
    rid = str(r.get("id", n))
    if "events" in r:  # our format
        if not isinstance(r["events"], list):
            raise GoldFormatError(f"record {rid}: 'events' must be a list (empty: no event)")
        bad = [e for e in r["events"] if not isinstance(e, dict)]
        if bad:
            raise GoldFormatError(f"record {rid}: each event must be an object, got {bad[0]!r}")
        events = [
            _gold_event(e, e.get("event"), e.get("source"), e.get("target")) for e in r["events"]
        ]
    elif "event" in r:  # PLOVER gold-standard record
        event = _gold_event(r, r["event"], r.get("source"), r.get("target"))
        event.reciprocal = len(event.source) >= 2 and not event.target
        event.cameo_code = event.status = None
        events = [event]
    else:
        raise GoldFormatError(
            f"record {rid} has neither 'events' (our format; write \"events\": [] for a "
            "sentence without events) nor 'event' (a PLOVER gold record)"
        )
    return GoldSentence(rid, r["text"], parse_date(r.get("date")), events, r.get("doc"))


def is_plover_gsr(sentences: list[GoldSentence], path: str | Path) -> bool:
    """PLOVER gold records annotate one event per sentence: only recall is meaningful."""
    first = read_gold_text(Path(path)).lstrip()[:2000]
    return '"events"' not in first.split("\n", 1)[0] and all(len(s.events) == 1 for s in sentences)


_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>(.*?)(?=<Sentence\b|</Sentences>|\Z)", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*?)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


def load_petrarch_xml(path: str | Path) -> list[GoldSentence]:
    """PETRARCH validation records: <Sentence id date> + <EventCoding ...> + <Text>.

    The files are not well-formed XML (a self-closed <Sentence/> is later closed again), so
    records are read with patterns rather than an XML parser.
    """
    raw = Path(path).read_text(encoding="utf-8")
    start = raw.find("<Sentences>")
    if start < 0:
        raise GoldFormatError(f"{path}: no <Sentences> element")
    out = []
    for m in _SENTENCE.finditer(raw, start):
        body = m.group(2)
        text = _TEXT.search(body)
        if not text:
            continue
        rec = {
            "attrs": dict(_ATTR.findall(m.group(1))),
            "codings": [dict(_ATTR.findall(c)) for c in _CODING.findall(body)],
            "text": html.unescape(text.group(1)),
        }
        out.append(_petr_sentence(rec))
    return [s for s in out if s.text]


def _petr_sentence(rec: dict) -> GoldSentence:
    attrs = rec["attrs"]
    events = []
    for c in rec["codings"]:
        if c.get("noevents") or not c.get("eventcode"):
            continue
        events.append(
            GoldEvent(
                event="",
                source=[c.get("sourcecode", "")[:3]] if c.get("sourcecode") else [],
                target=[c.get("targetcode", "")[:3]] if c.get("targetcode") else [],
                cameo_code=c.get("eventcode"),
            )
        )
    raw_date = attrs.get("date", "")
    day = None
    if len(raw_date) == 8 and raw_date.isdigit():
        day = date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:]))
    text = " ".join((rec["text"] or "").split())
    return GoldSentence(attrs.get("id", ""), text, day, events)
