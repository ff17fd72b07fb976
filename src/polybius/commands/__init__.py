"""The logic behind CLI commands that have more to do than parse options (cli.py stays thin).

Each module takes an open Store (or paths) and the Console to print to; a user error is raised
as CommandError, whose message says what to do next, and cli.py turns it into exit code 2.
"""


class CommandError(Exception):
    """A user error: the message says what to do next."""
