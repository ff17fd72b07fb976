"""From mentions to events: duplicate documents, document tone and aggregated events."""

from polybius.aggregate.update import AggregateSummary, rebuild, update

__all__ = ["AggregateSummary", "rebuild", "update"]
