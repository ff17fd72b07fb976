"""robots.txt, read once per site and run, with the standard library's parser.

A site whose robots.txt is missing (4xx) allows everything; one whose robots.txt cannot be
fetched (a network error, 5xx) is treated as allowing nothing for this run, as the robots
exclusion standard (RFC 9309) asks: a crawler must not take an outage for permission.
"""

from __future__ import annotations

import threading
import urllib.robotparser
from collections.abc import Callable
from urllib.parse import urlsplit

# (status, body) of GET url; status 0 when the request failed
Getter = Callable[[str], tuple[int, bytes]]


class RobotsRules:
    """The robots.txt rules of every site seen, for one user agent."""

    def __init__(self, user_agent: str, get: Getter):
        self.user_agent = user_agent
        self._get = get
        self._sites: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._lock = threading.Lock()
        self._site_locks: dict[str, threading.Lock] = {}

    def allowed(self, url: str) -> bool:
        return self._rules(url).can_fetch(self.user_agent, url)

    def crawl_delay(self, url: str) -> float:
        """The site's Crawl-delay for us in seconds (0 when it sets none)."""
        delay = self._rules(url).crawl_delay(self.user_agent)
        try:
            return float(delay or 0)
        except (TypeError, ValueError):
            return 0.0

    def _rules(self, url: str) -> urllib.robotparser.RobotFileParser:
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            site_lock = self._site_locks.setdefault(site, threading.Lock())
        with site_lock:  # one fetch of robots.txt per site, however many threads ask
            if site not in self._sites:
                self._sites[site] = self._load(site)
            return self._sites[site]

    def _load(self, site: str) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser(site + "/robots.txt")
        status, body = self._get(site + "/robots.txt")
        if status == 0 or status >= 500:
            parser.disallow_all = True
        elif status >= 400:
            parser.allow_all = True
        else:
            parser.parse(body.decode("utf-8", "replace").splitlines())
        return parser
