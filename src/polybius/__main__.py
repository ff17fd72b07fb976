"""`python -m polybius`: the `polybius` command line."""

from polybius.cli import app

if __name__ == "__main__":
    app(prog_name="polybius")
