"""Paths as readers of the book see them."""

from __future__ import annotations

from pathlib import Path


def shown_path(path: Path, root: Path) -> str:
    """``path`` from the project root (posix text) when it lies inside it, else its name alone,
    so that no page publishes where a file lies outside the project."""
    path = Path(path)
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
