"""Checking the filters of the read commands (`events`, `trend`, `export`, `compare-gdelt`).

A filter value no event can have (`--status confirmed`, `--source Russia`, `--since` after
`--until`) is a user error with a "did you mean" hint, not an empty "no events match".
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from datetime import date

from polybius.commands import CommandError
from polybius.store.db import Store

STATUSES = ("occurred", "intended", "claimed", "denied")


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """' (did you mean X?)' for the closest choices, or ''."""
    close = difflib.get_close_matches(value, sorted(choices), n=3, cutoff=0.5)
    return f" (did you mean {' or '.join(close)}?)" if close else ""


def check_choice(option: str, value: str, choices: Iterable[str], *, upper: bool) -> None:
    """`value` (compared upper- or lower-cased, as the store's query does) is one of `choices`."""
    choices = tuple(choices)
    normalised = value.upper() if upper else value.lower()
    if normalised not in choices:
        raise CommandError(
            f"{option} {value!r} is not one of {', '.join(choices)}"
            + did_you_mean(normalised, choices)
        )


def check_status(status: str | None) -> None:
    """The store holds statuses lower case and matches them exactly."""
    if status is not None and status not in STATUSES:
        raise CommandError(
            f"--status {status!r} is not one of {', '.join(STATUSES)}"
            + did_you_mean(status.lower(), STATUSES)
        )


def check_type(plover_type: str | None) -> None:
    from polybius.events.ontology import PLOVER_TYPES

    if plover_type is not None:
        check_choice("--type", plover_type, PLOVER_TYPES, upper=True)


def check_dates(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise CommandError(f"--since {since} is after --until {until}: no day is in between")


def store_codes(store: Store) -> set[str]:
    """The actor codes of the store's events (sources and targets)."""
    rows = store.con.execute(
        "SELECT DISTINCT code FROM (SELECT unnest(source_codes) AS code FROM events "
        "UNION ALL SELECT unnest(target_codes) FROM events) WHERE code IS NOT NULL"
    ).fetchall()
    return {r[0] for r in rows}


def dictionary_codes() -> tuple[set[str], dict[str, str]]:
    """The codes the shipped dictionaries can give, and the code of each (lower-cased) name,
    read from the TSV columns (cheaper than building the dictionary's automaton for a check)."""
    from polybius.tsv import package_data, read_tsv, split_values

    codes: set[str] = set()
    names: dict[str, str] = {}
    for name in ("countries", "igos", "groups", "people"):
        path = package_data("actors", "data", f"{name}.tsv")
        if not path.exists():
            continue
        for row in read_tsv(path):
            if not row.get("code"):
                continue
            codes.add(row["code"])
            for alias in split_values(row.get("names", "")) + [row.get("name", "")]:
                names.setdefault(alias.lower(), row["code"])
    return codes, names


def check_actor_codes(store: Store, **options: str | None) -> None:
    """Each given code (`source=..., target=...`) is in the store or the dictionaries; a name
    given for a code ("Russia") is answered with its code."""
    given = {name: code for name, code in options.items() if code}
    if not given:
        return
    known = store_codes(store)
    if all(code.upper() in known for code in given.values()):
        return
    codes, names = dictionary_codes()
    known |= codes
    for option, code in given.items():
        if code.upper() in known:
            continue
        named = names.get(code.lower())
        hint = f" (did you mean {named}?)" if named else did_you_mean(code.upper(), known)
        raise CommandError(
            f"--{option} {code!r} is not an actor code of the store or the dictionaries"
            + hint
            + " (`polybius actors TEXT` shows the code of a name)"
        )
