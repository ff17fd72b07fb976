"""polybius.toml: defaults for every command-line option, from a file.

The file is the first found of: `polybius --config FILE`, `$POLYBIUS_CONFIG`,
`./polybius.toml`, `$XDG_CONFIG_HOME/polybius/polybius.toml` (else
`~/.config/polybius/polybius.toml`). Its keys are option names (`batch-size` or
`batch_size`):

    db = "news.duckdb"            # every command that has --db
    workers = 2                   # top-level keys go to every command with that option
    actors = ["my_actors.tsv"]    # repeatable options take a list
    patterns = ["my_patterns.tsv"]

    [serve]                       # a table per command: only that command's options
    host = "0.0.0.0"
    port = 8080
    token-file = "tokens.txt"

    [patterns.check]              # a command of a command group

Values become the options' defaults (click's `default_map`): an option given on the command
line wins, then its environment variable (POLYBIUS_DB, ...), then the file, then the built-in
default. Relative paths are read from the file's folder. A key that is no option of any
command is an error naming the file, with a did-you-mean.
"""

from __future__ import annotations

import difflib
import os
import tomllib
import typing
from pathlib import Path
from typing import Any

CONFIG_NAME = "polybius.toml"
CONFIG_ENV = "POLYBIUS_CONFIG"


class ConfigError(ValueError):
    """A config file that cannot be read or names an unknown option."""


def user_config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "polybius"


def find_config(explicit: Path | None = None) -> Path | None:
    """The config file to read (see the module's docstring for the order), or None."""
    named = explicit or (Path(os.environ[CONFIG_ENV]) if os.environ.get(CONFIG_ENV) else None)
    if named is not None:
        if not named.is_file():
            raise ConfigError(f"no config file {named}")
        return named
    for candidate in (Path.cwd() / CONFIG_NAME, user_config_dir() / CONFIG_NAME):
        if candidate.is_file():
            return candidate
    return None


def read_config(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror}") from None


def _options(command: Any) -> dict[str, Any]:
    """A command's options by their flag (`--batch-size`: batch_size) and by their parameter
    name (arguments are not options)."""
    found: dict[str, Any] = {}
    for p in command.params:
        if p.param_type_name != "option" or not p.name:
            continue
        found[p.name] = p
        for flag in p.opts:
            if flag.startswith("--"):
                found[flag[2:].replace("-", "_")] = p
    return found


def _subcommands(command: Any) -> dict[str, Any]:
    return dict(getattr(command, "commands", None) or {})


def _is_path(param: Any) -> bool:
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    return annotation is Path or typing.get_args(annotation) == (Path,)


def _value(param: Any, value: Any, base: Path, where: str) -> Any:
    """The option's default from the file: a list for a repeatable option, paths resolved."""
    if param.multiple and not isinstance(value, list):
        value = [value]
    if not param.multiple and isinstance(value, list | dict):
        raise ConfigError(f"{where}: takes one value, got {value!r}")
    if _is_path(param):
        paths = value if param.multiple else [value]
        if not all(isinstance(v, str) for v in paths):
            raise ConfigError(f"{where}: expects a path (a string), got {value!r}")
        value = [str(base / v) for v in value] if param.multiple else str(base / value)
    return value


def _unknown(where: str, key: str, known: list[str]) -> ConfigError:
    close = difflib.get_close_matches(key, known, n=2, cutoff=0.6)
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    return ConfigError(f"{where}: unknown option {key!r}{hint}")


def default_map(group: Any, data: dict[str, Any], path: Path) -> dict[str, Any]:
    """click's default_map for `group` (the `polybius` command) from the file's `data`."""
    shared, tables = _split(data)
    # the root's own options (--config, --verbose) are parsed before the file is read
    _check_keys(group, shared, str(path), own=False)
    return _command_map(group, shared, tables, path.parent, str(path))


def _split(table: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(option values, sub-tables) of a TOML table; option names with dashes or underscores."""
    values = {k.replace("-", "_"): v for k, v in table.items() if not isinstance(v, dict)}
    tables = {k: v for k, v in table.items() if isinstance(v, dict)}
    return values, tables


def _check_keys(command: Any, keys: dict[str, Any], where: str, own: bool = True) -> None:
    """Each key is an option of `command` or of one of its subcommands."""
    every_option = _all_option_names(command, own)
    for key in keys:
        if key not in every_option:
            raise _unknown(where, key, sorted(every_option))


def _all_option_names(command: Any, own: bool = True) -> set[str]:
    names = set(_options(command)) if own else set()
    for sub in _subcommands(command).values():
        names |= _all_option_names(sub)
    return names


def _command_map(
    command: Any, given: dict[str, Any], tables: dict[str, Any], base: Path, where: str
) -> dict[str, Any]:
    """The default_map of one command: its options among `given`, then one entry per
    subcommand (from `given` and the subcommand's own table)."""
    options = _options(command)
    out = {
        options[k].name: _value(options[k], v, base, f"{where} {k}")
        for k, v in given.items()
        if k in options
    }
    subcommands = _subcommands(command)
    for name, sub in subcommands.items():
        values, nested = _split(tables.get(name, {}))
        _check_keys(sub, values, f"{where} [{name}]")
        out[name] = _command_map(sub, given | values, nested, base, f"{where} [{name}]")
    for name in tables:
        if name not in subcommands:
            known = [f"[{n}]" for n in sorted(subcommands)]
            raise _unknown(where, f"[{name}]", known)
    return out
