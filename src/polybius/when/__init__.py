"""Event date resolution."""
