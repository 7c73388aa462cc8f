"""Errors that speak to an analyst: one line naming the file, row, column and what was expected."""

from __future__ import annotations

from pathlib import Path


class AssessError(Exception):
    """Base of every error the build reports to a user as one line (and a non-zero exit)."""


class InputError(AssessError):
    """A data or register file is not as expected.

    ``row`` is the line number in the file as an editor shows it (the header is line 1), or
    None when the problem concerns the whole file or column.
    """

    def __init__(
        self,
        path: str | Path,
        expected: str,
        *,
        row: int | None = None,
        column: str | None = None,
        found: object = None,
    ):
        self.path, self.row, self.column = str(path), row, column
        self.expected, self.found = expected, found
        where = [self.path]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        message = f"{', '.join(where)}: expected {expected}"
        if found is not None:
            message += f", found {_short(found)}"
        super().__init__(message)


class ConfigError(AssessError):
    """An edition's parameter file is not valid; the message names the key."""

    def __init__(self, path: str | Path, key: str, expected: str, found: object = None):
        self.path, self.key = str(path), key
        message = f"{path}: key '{key}': expected {expected}"
        if found is not None:
            message += f", found {_short(found)}"
        super().__init__(message)


class Said(str):
    """Words to show as ``found`` in a message as they are, not quoted: what a check found,
    described ("raw HTML", "a MyST directive ({include})")."""

    def __repr__(self) -> str:
        return str(self)


def _short(value: object, limit: int = 60) -> str:
    """``value`` for a message: its repr, cut to ``limit`` characters (160 for :class:`Said` words)."""
    limit = max(limit, 160) if isinstance(value, Said) else limit
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class BuildError(AssessError):
    """A step of the build failed; the message names the step, notebook and cell."""
