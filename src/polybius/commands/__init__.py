"""The logic behind CLI commands that have more to do than parse options (cli.py stays thin).

Each module takes an open Store (or paths) and the Console to print to; a user error is raised
as CommandError, whose message says what to do next, and cli.py turns it into exit code 2.
"""

from rich.console import Console
from rich.markup import escape


class CommandError(Exception):
    """A user error: the message says what to do next."""


def say_error(console: Console, message: object) -> None:
    """One user error, never wrapped (a path in it stays whole, to copy) and never read as
    markup."""
    console.print(f"[red]error:[/] {escape(str(message))}", soft_wrap=True, highlight=False)
