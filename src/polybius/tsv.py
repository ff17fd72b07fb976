"""Reading the package's reviewable TSV data files (comment lines start with '#')."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path


def read_tsv(path: str | Path) -> Iterator[dict[str, str]]:
    """Rows of a TSV file with a header line, skipping comments and blank lines."""
    with open(path, encoding="utf-8") as fh:
        header: list[str] | None = None
        for lineno, raw in enumerate(fh, start=1):
            line = raw.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if len(cells) > len(header):
                raise ValueError(f"{path}:{lineno}: {len(cells)} columns, header has {len(header)}")
            cells += [""] * (len(header) - len(cells))
            row = {h: c.strip() for h, c in zip(header, cells, strict=True)}
            row["_line"] = str(lineno)
            yield row


def package_data(*parts: str) -> Path:
    """Path of a data file shipped inside the polybius package."""
    return Path(str(resources.files("polybius").joinpath(*parts)))


def split_values(cell: str) -> list[str]:
    """A '|'-separated cell as a list of non-empty values."""
    return [v.strip() for v in cell.split("|") if v.strip()]


@lru_cache(maxsize=8)
def load_lexicons(*parts: str) -> dict[str, frozenset[str]]:
    """A package lexicon file (columns name, words, meaning): name -> words. A name given
    twice is an error: the second row would silently replace the first one's words."""
    lexicons: dict[str, frozenset[str]] = {}
    for row in read_tsv(package_data(*parts)):
        if row["name"] in lexicons:
            where = f"{'/'.join(parts)}:{row['_line']}"
            raise ValueError(f"{where}: lexicon {row['name']!r} named twice")
        lexicons[row["name"]] = frozenset(split_values(row["words"]))
    return lexicons
