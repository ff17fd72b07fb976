"""What a fetched listing points to: the article URLs of a feed, a sitemap or a news sitemap.

`kind_of` tells a feed from a sitemap from a page by the body's first tags, so a source given
as a bare URL needs no prefix. Feeds are read with feedparser (RSS 0.9x-2.0, RSS 1.0, Atom);
sitemaps (`urlset`, `sitemapindex`, gzipped or not, news sitemaps included) with lxml, with
entities and network access switched off.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from lxml import etree

FEED, SITEMAP, PAGE = "feed", "sitemap", "page"
MAX_ITEMS = 50_000  # URLs taken from one listing (the sitemap protocol's own limit)
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass(frozen=True)
class Listing:
    """The URLs a listing names: articles, and (for a sitemap index) more sitemaps."""

    articles: list[str]
    sitemaps: list[str]


def unpack(body: bytes, limit: int) -> bytes:
    """A gzipped body (sitemap.xml.gz) unpacked, at most `limit` bytes; others unchanged."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        out = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, limit)
    except zlib.error:
        return body
    return out


def kind_of(body: bytes) -> str:
    """feed, sitemap or page, from the first tags of the body."""
    head = body[:4096].lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return SITEMAP
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return FEED
    return PAGE


def read_listing(body: bytes, kind: str) -> Listing:
    """The URLs of a feed or sitemap body (an unreadable body lists nothing)."""
    if kind == FEED:
        return Listing(feed_links(body), [])
    return sitemap_links(body)


def feed_links(body: bytes) -> list[str]:
    """The article links of an RSS or Atom feed, in feed order, each once."""
    import feedparser

    parsed = feedparser.parse(body)
    links = []
    for entry in parsed.entries[:MAX_ITEMS]:
        link = entry.get("link") or ""
        if not link:
            for alternate in entry.get("links", []):
                if alternate.get("rel", "alternate") == "alternate" and alternate.get("href"):
                    link = alternate["href"]
                    break
        if link.startswith(("http://", "https://")):
            links.append(link.strip())
    return list(dict.fromkeys(links))


def sitemap_links(body: bytes) -> Listing:
    """The <loc> URLs of a urlset (articles) or a sitemapindex (more sitemaps)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError:
        return Listing([], [])
    if root is None:
        return Listing([], [])
    locs = [
        (loc.text or "").strip()
        for loc in root.iter(f"{_SITEMAP_NS}loc", "loc")
        if loc.getparent() is not None and loc.getparent().getparent() is root
    ]
    locs = [u for u in dict.fromkeys(locs) if u.startswith(("http://", "https://"))][:MAX_ITEMS]
    if etree.QName(root).localname == "sitemapindex":
        return Listing([], locs)
    return Listing(locs, [])
