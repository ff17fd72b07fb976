"""Events in one line, for rule cases and quick comparisons: 'TYPE:CAMEO SRC>TGT status'."""

from __future__ import annotations

from polybius.models import Event


def compact(events: list[Event]) -> str:
    """Sorted '; '-joined 'TYPE:CAMEO SRC>TGT status' ('<>' for reciprocal); '-' for none."""
    if not events:
        return "-"
    parts = []
    for e in events:
        arrow = "<>" if e.reciprocal else ">"
        src, tgt = "+".join(sorted(e.source_codes)), "+".join(sorted(e.target_codes))
        parts.append(f"{e.plover_type}:{e.cameo_code} {src}{arrow}{tgt} {e.status}")
    return "; ".join(sorted(parts))
