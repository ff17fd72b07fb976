"""Where documents come from besides files named on the command line: feeds, sitemaps, URL
lists and single pages fetched politely over HTTP, and folders read incrementally.

`spec` parses SOURCE arguments, `fetch` downloads (robots.txt, rate limits, retries,
conditional requests), `listings` reads feeds and sitemaps, `poll` turns one round over the
sources into the engine's read tasks and records what was committed (store/state.py),
`archive` keeps raw responses as WARC, `folder` skips files coded before.
"""
