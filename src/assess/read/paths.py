"""Paths named in parameter files, kept inside the project."""

from __future__ import annotations

from pathlib import Path

from ..errors import ConfigError


def inside_project(root: str | Path, rel: object, key: str, source: str | Path) -> Path:
    """The resolved path of ``rel`` (from the project ``root``, or absolute) when it lies inside
    the resolved ``root``.

    Symbolic links and ``..`` are resolved first, so neither can lead outside. Raises a
    one-line :class:`~assess.errors.ConfigError` naming ``key`` of parameter file ``source``
    when ``rel`` is not non-empty text, cannot be resolved (a NUL byte, a symlink loop) or leads
    outside the project. Only ``rel`` itself is quoted, never anything read from a file. The
    path need not exist.
    """
    if not isinstance(rel, str) or not rel.strip():
        raise ConfigError(source, key, "a path from the project root, as text", found=rel)
    root = Path(root).resolve()
    try:
        path = (root / rel).resolve()
    except (OSError, RuntimeError, ValueError):
        raise ConfigError(source, key, "a path that can be resolved", found=rel) from None
    if not path.is_relative_to(root):
        raise ConfigError(source, key, "a path inside the project folder", found=rel)
    return path


def shown_path(path: str | Path, root: str | Path) -> str:
    """``path`` from the project ``root`` as posix text ("data/crime.csv"); for a path outside the
    root, its name alone, so that no page publishes where a file lies outside the project."""
    path, root = Path(path), Path(root)
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name


def project_path(path: str | Path) -> str:
    """``path`` from the nearest folder above it that holds a ``pyproject.toml`` (the project it
    belongs to, or a copy of it) as posix text ("data/reference/threats/cyber-crime.md"); its
    name alone when there is none. For messages and the notes of generated pages, which must
    not publish where the project lies on the machine that built it."""
    path = Path(path).absolute()
    root = next((folder for folder in path.parents if (folder / "pyproject.toml").is_file()), None)
    return path.relative_to(root).as_posix() if root is not None else path.name
