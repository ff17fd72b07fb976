"""Plain words for rejected parameters (instead of pydantic's own messages)."""

from __future__ import annotations

CODE_PATTERN_HINT = "an actor code is 2 to 12 letters or digits, such as RUS, UN or NATO"


def _shown(value: object) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def plain_message(err: dict) -> str:
    """What is wrong with one parameter and how to write it."""
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    value = err.get("input")
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        return f"{_shown(value)} is not a date; write it as YYYY-MM-DD (2026-03-31)"
    if kind == "missing":
        return "is required"
    if kind == "int_parsing":
        return f"{_shown(value)} is not a whole number"
    if kind == "bool_parsing":
        return f"{_shown(value)} is not true or false"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{_shown(value)} is too small; the least is {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"{_shown(value)} is too large; the most is {ctx.get('le', ctx.get('lt'))}"
    if kind in ("enum", "literal_error"):
        return f"{_shown(value)} is not one of {ctx.get('expected', 'the listed values')}"
    if kind == "string_pattern_mismatch":
        if "[A-Za-z0-9]" in str(ctx.get("pattern", "")):
            return f"{_shown(value)} is not an actor code; {CODE_PATTERN_HINT}"
        return f"{_shown(value)} does not have the expected form ({ctx.get('pattern')})"
    if kind in ("string_too_short", "string_too_long"):
        return f"{_shown(value)} is too {'short' if kind.endswith('short') else 'long'}"
    return err.get("msg", "invalid")
