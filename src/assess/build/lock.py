"""One build at a time per output folder: an exclusive ``flock`` on ``<folder>/.assess.lock``.

The lock belongs to the open file, so the operating system releases it when the build's process
ends, however it ends; the lock file itself stays, empty, and is reused by the next build.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import AssessError

LOCK_NAME = ".assess.lock"
_POLL_SECONDS = 0.1


class BuildLocked(AssessError):
    """Another build still held an output folder's lock when this one stopped waiting."""


@contextmanager
def output_lock(folder: str | Path, wait_seconds: float, log: Callable[[str], object]) -> Iterator[Path]:
    """Hold the exclusive lock of output ``folder`` (created if missing) for the ``with`` block;
    yields the lock file's path.

    When another build holds it, logs one line through ``log`` and waits up to ``wait_seconds``,
    then raises :class:`BuildLocked`. The lock is released when the block ends, by an exception
    or KeyboardInterrupt too; it is released explicitly, not only by closing, so a child process
    forked during the build cannot keep it.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(handle, folder, wait_seconds, log)
        try:
            yield path
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)


def _acquire(handle: int, folder: Path, wait_seconds: float, log: Callable[[str], object]) -> None:
    """Take the lock on ``handle``, waiting up to ``wait_seconds``; raises BuildLocked if it stays held."""
    if _try_lock(handle):
        return
    log(f"another build is writing {folder}; waiting up to {wait_seconds:g} s")
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        time.sleep(min(_POLL_SECONDS, max(0.0, deadline - time.monotonic())))
        if _try_lock(handle):
            return
    raise BuildLocked(
        f"{folder}: another build is still writing here after {wait_seconds:g} s; run again when it has finished"
    )


def _try_lock(handle: int) -> bool:
    """True if the exclusive lock on ``handle`` was taken now, False if another holder has it."""
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
