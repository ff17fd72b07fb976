"""The spaCy pipeline and text chunking."""
