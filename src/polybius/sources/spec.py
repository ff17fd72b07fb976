"""What a SOURCE argument names: files and folders, a feed, a sitemap, a page or a list of URLs.

https://example.org/rss.xml         fetched, then read as a feed, a sitemap or a page
                                    according to what it holds
feed:URL  sitemap:URL  page:URL     the same, with the kind stated
urls:FILE                           a text file of page URLs, one per line (# comments)
FOLDER, FILE, GLOB, -               files, as `polybius code` reads them; a file whose
                                    path, size and mtime are unchanged is not read again
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

AUTO, FEED, SITEMAP, PAGE, URLS, FILES = "auto", "feed", "sitemap", "page", "urls", "files"
_PREFIXES = (FEED, SITEMAP, PAGE)


class SourceError(ValueError):
    """A SOURCE argument that names nothing usable (the message says what to give)."""


@dataclass(frozen=True)
class Source:
    """One source: `name` is the argument as given (the key of its rows in source_state)."""

    name: str
    kind: str
    target: str  # the URL, the URL-list file, or the file/folder/glob

    @property
    def fetched(self) -> bool:
        return self.kind not in (FILES,)


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def parse_source(text: str) -> Source:
    """The Source an argument names (files are checked later, when they are listed)."""
    text = text.strip()
    if is_url(text):
        return Source(text, AUTO, text)
    kind, sep, rest = text.partition(":")
    if sep and kind in _PREFIXES:
        if not is_url(rest):
            raise SourceError(f"{text!r}: after '{kind}:' give an http:// or https:// URL")
        return Source(text, kind, rest)
    if sep and kind == URLS:
        if not Path(rest).is_file():
            raise SourceError(f"{text!r}: no file {rest!r} (give a text file of URLs)")
        return Source(text, URLS, rest)
    return Source(text, FILES, text)


def read_url_list(path: str) -> list[str]:
    """The http(s) URLs of a URL-list file, each once; blank lines and # comments skipped."""
    urls = []
    for line in Path(path).read_text("utf-8", errors="replace").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and is_url(line):
            urls.append(line)
    return list(dict.fromkeys(urls))
