"""Scoring the coder against gold standards."""
