"""Exports of the aggregated events: GDELT 2.0 Events and Mentions, POLECAT-style JSON
lines, and the clusters table as CSV, JSON lines or a Parquet dataset."""
