"""How large a file the readers take: each file is checked by its size before a byte of it is
read, so that a huge or sparse file is refused in one line instead of filling the memory."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError

MAX_FILE_BYTES = 128 * 2**20
"""The largest data file read, in bytes (128 MiB; the largest file the book ships is under 3 MB).
A reader holds a file's cells in memory, at some ten times its size."""


def within_budget(path: str | Path, limit: int = MAX_FILE_BYTES) -> int:
    """The size in bytes of the file at ``path``; InputError when there is no file there or it is
    larger than ``limit`` bytes (checked from the file system, before anything is read)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "a file at this path", found="nothing")
    size = path.stat().st_size
    if size > limit:
        raise InputError(path, f"a data file of at most {limit / 2**20:,.0f} MiB", found=f"{size:,} bytes")
    return size
