"""The event coder: stages over plain records and named rules (see coding/coder.py)."""
