"""User actor dictionaries (`--actors FILE`): TSV files in the format of a shipped one.

The header line says which shipped file a user file extends (countries, regions, igos,
groups, parties, agents, people, peoples); every row is checked before anything is loaded, and each
problem is reported as `file:line: what is wrong`, so a user can fix the whole file in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from polybius.actors.dictionary import BUILDERS, Entry
from polybius.tsv import split_values

# header columns of each kind of dictionary file, and those a row cannot do without
FORMATS: dict[str, tuple[str, ...]] = {
    "countries": ("code", "kind", "names", "adjectives", "capitals", "metonyms"),
    "regions": ("code", "region", "aliases", "note"),
    "igos": ("code", "sector", "names"),
    "groups": ("code", "sector", "names", "note"),
    "agents": ("term", "sector", "kind", "plural"),
    "people": ("name", "aliases", "code", "sector", "role", "start", "end"),
    "peoples": ("names", "homes", "note"),
    "parties": ("names", "homes", "sector", "note"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "countries": ("code", "names"),
    "regions": ("code", "region"),
    "igos": ("code", "sector", "names"),
    "groups": ("code", "sector", "names"),
    "agents": ("term", "sector", "kind"),
    "people": ("name", "code", "sector", "start"),
    "peoples": ("names", "homes"),
    "parties": ("names", "homes"),
}
COUNTRY_KINDS = ("state", "observer", "territory")
AGENT_KINDS = ("group", "title")
# the sector codes of the shipped dictionaries
SECTORS = frozenset(
    [
        "BUS",
        "COP",
        "CRM",
        "CVL",
        "EDU",
        "GOV",
        "HLH",
        "IGO",
        "JRN",
        "JUD",
        "LAB",
        "LEG",
        "MED",
        "MIL",
        "NGO",
        "OPP",
        "PTY",
        "REB",
        "REF",
        "REL",
        "SPY",
    ]
)
_COUNTRY_CODE = re.compile(r"[A-Z]{3}")
_ACTOR_CODE = re.compile(r"[A-Z][A-Z0-9]{1,9}")
_MAX_ERRORS = 50  # per file: enough to fix a file, not a screenful per row of a wrong format


class ActorFileError(ValueError):
    """One or more problems in user actor files, each `file:line: what is wrong`."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def detect_kind(header: list[str]) -> str | None:
    """The format whose columns the header shares most (ties: the one with fewest others)."""
    columns = set(header)
    score, kind = max(
        ((len(columns & set(cols)), -len(set(cols) - columns)), kind)
        for kind, cols in FORMATS.items()
    )
    return kind if score[0] else None


def _describe_formats() -> str:
    return "; ".join(f"{kind}: {', '.join(cols)}" for kind, cols in FORMATS.items())


class _FileCheck:
    """Reads one user file into rows (with `_line`) and the problems found in it."""

    def __init__(self, path: str, known_codes: set[str]):
        self.path = path
        self.known = known_codes
        self.problems: list[str] = []

    def problem(self, line: int, message: str) -> None:
        if len(self.problems) < _MAX_ERRORS:
            self.problems.append(f"{self.path}:{line}: {message}")

    def read(self) -> tuple[str | None, list[dict[str, str]]]:
        try:
            text = Path(self.path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.problems.append(f"{self.path}: cannot read: {exc}")
            return None, []
        kind: str | None = None
        header: list[str] = []
        rows: list[dict[str, str]] = []
        for lineno, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in raw.split("\t")]
            if kind is None and not header:
                header = cells
                kind = self._check_header(lineno, header)
                if kind is None:
                    return None, []
                continue
            assert kind is not None
            if len(cells) > len(header):
                self.problem(lineno, f"{len(cells)} columns, the header has {len(header)}")
                continue
            row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
            row["_line"] = str(lineno)
            if self._check_row(kind, lineno, row):
                rows.append(row)
        if kind is None:
            self.problems.append(f"{self.path}: no header line (expected {_describe_formats()})")
        return kind, rows

    def _check_header(self, lineno: int, header: list[str]) -> str | None:
        kind = detect_kind(header)
        if kind is None:
            self.problem(
                lineno,
                f"header {' '.join(header)!r} matches no actor dictionary format "
                f"(expected {_describe_formats()})",
            )
            return None
        unknown = [c for c in header if c not in FORMATS[kind]]
        missing = [c for c in REQUIRED[kind] if c not in header]
        for column in unknown:
            self.problem(
                lineno,
                f"unknown column {column!r} in a {kind} file (columns: {', '.join(FORMATS[kind])})",
            )
        for column in missing:
            self.problem(lineno, f"a {kind} file needs the column {column!r}")
        return None if unknown or missing else kind

    def _check_row(self, kind: str, line: int, row: dict[str, str]) -> bool:
        before = len(self.problems)
        for column in REQUIRED[kind]:
            if not row[column]:
                self.problem(line, f"empty {column!r}")
        if self.problems[before:]:
            return False
        code = row.get("code", "")
        if kind in ("countries", "regions"):
            if not _COUNTRY_CODE.fullmatch(code):
                self.problem(line, f"bad country code {code!r}: three capital letters, e.g. CHL")
            if row.get("kind") and row["kind"] not in COUNTRY_KINDS:
                self.problem(line, f"bad kind {row['kind']!r}: one of {', '.join(COUNTRY_KINDS)}")
        elif kind in ("igos", "groups"):
            if not _ACTOR_CODE.fullmatch(code):
                self.problem(line, f"bad code {code!r}: 2-10 capital letters or digits, e.g. FARC")
        elif kind == "people" and code not in self.known:
            self.problem(line, f"unknown actor code {code!r}{_did_you_mean(code, self.known)}")
        if kind == "agents" and row["kind"] not in AGENT_KINDS:
            self.problem(line, f"bad kind {row['kind']!r}: one of {', '.join(AGENT_KINDS)}")
        if kind in ("peoples", "parties"):
            for home in split_values(row["homes"]):
                if home not in self.known:
                    self.problem(
                        line, f"unknown home code {home!r}{_did_you_mean(home, self.known)}"
                    )
        sector = row.get("sector", "")
        if sector and sector not in SECTORS:
            self.problem(
                line,
                f"unknown sector {sector!r}{_did_you_mean(sector, SECTORS)}"
                f" (sectors: {' '.join(sorted(SECTORS))})",
            )
        if kind == "people":
            self._check_dates(line, row)
        return not self.problems[before:]

    def _check_dates(self, line: int, row: dict[str, str]) -> None:
        days: dict[str, date] = {}
        for column in ("start", "end"):
            value = row.get(column, "")
            if not value:
                continue
            try:
                days[column] = date.fromisoformat(value)
            except ValueError:
                self.problem(line, f"bad {column} date {value!r}: YYYY-MM-DD")
        if "start" in days and "end" in days and days["end"] < days["start"]:
            self.problem(line, f"end {row['end']} is before start {row['start']}")


def check_file(path: str, known_codes: set[str]) -> tuple[str | None, list[str]]:
    """The kind of the actor file at `path` and its problems (empty: it would load)."""
    check = _FileCheck(path, known_codes)
    kind, _ = check.read()
    return kind, check.problems


def _did_you_mean(value: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(value.upper(), sorted(choices), n=3)
    return f" (did you mean {' or '.join(close)}?)" if close else ""


def read_user_files(paths: tuple[str, ...], known_codes: set[str]) -> list[tuple[str, list[Entry]]]:
    """Each user file's kind and entries, in order; raises ActorFileError listing every
    problem of every file. Codes a file defines (countries, igos, groups) may be used by the
    files after it."""
    known = set(known_codes)
    problems: list[str] = []
    loaded: list[tuple[str, list[Entry]]] = []
    for path in paths:
        check = _FileCheck(path, known)
        kind, rows = check.read()
        problems += check.problems
        if kind is None or check.problems:
            continue
        entries = BUILDERS[kind](rows, f"user:{Path(path).name}")
        known.update(e.code for e in entries if e.code)
        loaded.append((kind, entries))
    if problems:
        raise ActorFileError(problems)
    return loaded
