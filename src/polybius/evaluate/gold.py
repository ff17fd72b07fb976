"""Gold-standard loaders: PLOVER gold-standard records, our own gold JSONL, PETRARCH XML.

All of them become GoldSentence records holding GoldEvent lists, so one scorer serves all.
"""

from __future__ import annotations

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


def load_gold(path: str | Path) -> list[GoldSentence]:
    """PLOVER gold-standard records (one event per record) or our JSONL (events per sentence)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    records: list[dict]
    stripped = text.lstrip()
    if stripped.startswith("["):
        records = json.loads(text)
    else:
        records = []
        for n, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise GoldFormatError(f"{path}:{n}: not JSON: {exc}") from None
    out: list[GoldSentence] = []
    for n, r in enumerate(records, start=1):
        if "text" not in r:
            raise GoldFormatError(f"{path}: record {n} has no 'text'")
        rid = str(r.get("id", n))
        day = parse_date(r.get("date"))
        if "events" in r:  # our format
            events = [
                GoldEvent(
                    event=RENAMED_TYPES.get(e["event"].upper(), e["event"].upper()),
                    source=_codes(e.get("source")),
                    target=_codes(e.get("target")),
                    reciprocal=bool(e.get("reciprocal")),
                    cameo_code=e.get("cameo_code"),
                    status=e.get("status"),
                )
                for e in r["events"]
            ]
        elif "event" in r:  # PLOVER gold-standard record
            source, target = _codes(r.get("source")), _codes(r.get("target"))
            events = [
                GoldEvent(
                    event=RENAMED_TYPES.get(r["event"].upper(), r["event"].upper()),
                    source=source,
                    target=target,
                    reciprocal=len(source) >= 2 and not target,
                )
            ]
        else:
            raise GoldFormatError(f"{path}: record {rid} has neither 'events' nor 'event'")
        out.append(GoldSentence(rid, r["text"], day, events, r.get("doc")))
    return out


def is_plover_gsr(sentences: list[GoldSentence], path: str | Path) -> bool:
    """PLOVER gold records annotate one event per sentence: only recall is meaningful."""
    first = Path(path).read_text(encoding="utf-8").lstrip()[:2000]
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
