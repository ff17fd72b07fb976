"""Polybius: turn news into political event data (CAMEO and PLOVER) with evidence."""

__version__ = "0.6.0"
CODER_VERSION = f"polybius-{__version__}"
