"""Event ontology (CAMEO, PLOVER), trigger patterns and the coder."""
