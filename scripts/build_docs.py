"""Write the pages of the documentation site (MkDocs) from the repository's own texts.

    .venv/bin/python scripts/build_docs.py build/docs      # then: mkdocs build --strict

`make docs` runs both. The pages are made, not kept: README.md gives one page per `##`
section (the text before the first one is the home page), ACCURACY.md and BENCHMARKS.md
their own pages, the store's schema page comes from store/data/tables.tsv,
store/data/columns.tsv and the GDELT column list, and docs/*.md (the Python API reference,
filled in from the docstrings by mkdocstrings) are copied. A file name starts with a number so
the site's navigation keeps the README's order.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from polybius.export.gdelt import columns as gdelt_columns  # noqa: E402
from polybius.store import schema  # noqa: E402
from polybius.tsv import package_data, read_tsv  # noqa: E402

FENCE = re.compile(r"^\s*(```|~~~)")
LINK = re.compile(r"\[([^\]]+)\]\(([^)#\s]+)(#[^)\s]*)?\)")
# repository files that have a page of their own on the site
PAGES_OF_FILES = {"ACCURACY.md": "80-accuracy.md", "BENCHMARKS.md": "81-benchmarks.md"}


def _slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words[:4]) or "section"


def split_sections(text: str) -> list[tuple[str, list[str]]]:
    """(title, lines) of each `## ` section, fences respected; the intro has title ''."""
    sections: list[tuple[str, list[str]]] = [("", [])]
    in_fence = False
    for line in text.splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and line.startswith("## "):
            sections.append((line[3:].strip(), []))
            continue
        sections[-1][1].append(line)
    return sections


def promote(lines: list[str]) -> list[str]:
    """Headings one level up (### -> ##), outside code fences."""
    out, in_fence = [], False
    for line in lines:
        if FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and re.match(r"^#{3,6} ", line):
            line = line[1:]
        out.append(line)
    return out


def fix_links(text: str) -> str:
    """Links to repository files: to their page when they have one, else plain text (the
    site has no copy of the file)."""

    def replace(match: re.Match) -> str:
        label, target, anchor = match.group(1), match.group(2), match.group(3) or ""
        if re.match(r"^[a-z]+://", target):
            return match.group(0)
        page = PAGES_OF_FILES.get(Path(target).name)
        return f"[{label}]({page}{anchor})" if page else label

    return LINK.sub(replace, text)


def readme_pages(readme: str) -> dict[str, str]:
    """File name -> page text, one page per `##` section of the README."""
    pages: dict[str, str] = {}
    sections = split_sections(readme)
    intro_title, intro = sections[0]
    pages["index.md"] = "\n".join(intro)
    for n, (title, lines) in enumerate(sections[1:], start=10):
        body = "\n".join(promote(lines))
        pages[f"{n}-{_slug(title)}.md"] = f"# {title}\n{body}"
    return {name: fix_links(text).rstrip() + "\n" for name, text in pages.items()}


def _described() -> dict[str, dict[str, str]]:
    """table -> column ('' for the table) -> description, from store/data/tables.tsv."""
    out: dict[str, dict[str, str]] = {}
    for row in read_tsv(package_data("store", "data", "tables.tsv")):
        out.setdefault(row["table"], {})[row["column"] or ""] = row["description"]
    return out


def _table(rows: list[tuple[str, str, str]]) -> str:
    lines = ["| column | type | meaning |", "|---|---|---|"]
    lines += [f"| `{name}` | {kind} | {meaning} |" for name, kind, meaning in rows]
    return "\n".join(lines)


def schema_page(store_columns: dict[str, list[tuple[str, str]]]) -> str:
    """The schema page: every table of a new store (`store_columns`: table -> (column, type))
    with its columns' meanings, then gdelt_events. Raises SystemExit naming any table or
    column without a description."""
    described = _described()
    missing = []
    for table, cols in store_columns.items():
        known = described.get(table, {})
        if "" not in known:
            missing.append(table)
        if table not in schema.TABLES:  # events and clusters: described in columns.tsv
            missing += [f"{table}.{c}" for c, _ in cols if c not in known]
    if missing:
        raise SystemExit(
            "describe these in src/polybius/store/data/tables.tsv: " + ", ".join(missing)
        )
    parts = [
        "# The store's schema",
        "",
        f"A store is one DuckDB file (schema version {schema.schema_version()}; it needs "
        "DuckDB >= 2.0 to read). These are its tables and what each column means. The "
        "columns of `events` and `clusters` are defined once, in "
        "`src/polybius/store/data/columns.tsv`; the other tables' meanings are in "
        "`src/polybius/store/data/tables.tsv`.",
    ]
    for table, cols in store_columns.items():
        parts += ["", f"## `{table}`", "", described[table][""] + ".", ""]
        if table in schema.TABLES:
            parts.append(schema.markdown_table(table))
        else:
            parts.append(_table([(c, kind, described[table][c]) for c, kind in cols]))
    gdelt = [(c.name, c.type, "") for c in gdelt_columns("events")]
    meanings = {
        r["name"]: r["description"]
        for r in read_tsv(package_data("export", "data", "gdelt_events_columns.tsv"))
    }
    gdelt = [(name, kind, meanings[name]) for name, kind, _ in gdelt]
    gdelt.append(("imported_from", "VARCHAR", "the file the row was read from"))
    parts += [
        "",
        "## `gdelt_events`",
        "",
        described["gdelt_events"][""] + " (only in stores that imported GDELT files).",
        "",
        _table(gdelt),
    ]
    return "\n".join(parts) + "\n"


def new_store_columns() -> dict[str, list[tuple[str, str]]]:
    """table -> [(column, type)] of a store created now, in table order."""
    from polybius.store.db import Store

    with tempfile.TemporaryDirectory() as scratch, Store(Path(scratch) / "s.duckdb") as store:
        rows = store.con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"
        ).fetchall()
    order = ["meta", "documents", "sentences", "events", "event_actors", "clusters"]
    out: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in rows:
        out.setdefault(table, []).append((column, kind))
    return {t: out[t] for t in sorted(out, key=lambda t: (order + [t]).index(t))}


def build(target: Path) -> list[str]:
    """Write every page under `target` (emptied first); returns the file names."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    pages = readme_pages((REPO / "README.md").read_text("utf-8"))
    for name, page in PAGES_OF_FILES.items():
        pages[page] = fix_links((REPO / name).read_text("utf-8"))
    pages["70-store-schema.md"] = schema_page(new_store_columns())
    for source in sorted((REPO / "docs").glob("*.md")):
        pages[source.name] = source.read_text("utf-8")
    for name, text in pages.items():
        (target / name).write_text(text, "utf-8")
    return sorted(pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path, nargs="?", default=REPO / "build" / "docs")
    args = parser.parse_args()
    names = build(args.target)
    print(f"{len(names)} pages in {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
