"""The logic behind CLI commands that have more to do than parse options (cli.py stays thin)."""
