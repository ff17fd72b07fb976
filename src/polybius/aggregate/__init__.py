"""From mentions to events: duplicate documents, document tone and aggregated events."""

from polybius.aggregate.update import AggregateSummary, Deduplicator, rebuild, update

__all__ = ["AggregateSummary", "Deduplicator", "rebuild", "update"]
