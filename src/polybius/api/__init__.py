"""HTTP API and web dashboard over a Polybius store (`polybius serve`)."""
