"""Which document URLs may become links: absolute http(s) URLs only.

A document's `url` comes from whoever wrote the input (a JSONL line, a WARC header, an API
client). The dashboard turns it into an "Original article" link, so a `javascript:`, `data:`
or `file:` URL would run or open something on a click. Readers and the API store anything else
as no URL at all (the document is kept), and the API checks again on the way out for stores
written before this check.
"""

from __future__ import annotations

from urllib.parse import urlsplit

MAX_URL_LENGTH = 2000
WEB_SCHEMES = frozenset({"http", "https"})


def web_url(value: object) -> str | None:
    """`value` when it is an absolute http(s) URL with a host, else None."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    # browsers drop tabs and newlines inside URLs and strip control characters around them,
    # which is how "java\tscript:" or "\x01javascript:" tricks pass naive checks
    if not url or len(url) > MAX_URL_LENGTH or any(c.isspace() or ord(c) < 32 for c in url):
        return None
    if "\\" in url or "\x7f" in url:
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # e.g. an invalid IPv6 literal or port
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not host or not parts.netloc:
        return None
    return url
