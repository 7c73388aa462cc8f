"""Read a YAML file (parameters, registers, the catalogue) as plain data, or raise one InputError line."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import InputError


def read_yaml(path: str | Path, *, what: str = "a YAML file") -> object:
    """The data of the YAML file at ``path`` (safe loading: plain mappings, lists and scalars).

    Raises InputError naming the file and the line of the first problem: no file, bytes that
    are not UTF-8, or text that is not valid YAML.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(path, f"{what} at this path", found="nothing")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(path, "UTF-8 text", found=f"a byte that is not UTF-8 at position {err.start}") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise InputError(path, "valid YAML", row=mark.line + 1 if mark else None,
                         found=getattr(err, "problem", None) or "unreadable YAML") from None
