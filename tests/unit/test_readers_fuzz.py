"""Property-based tests of every reader of a file: any bytes, and any small corruption of the
shipped file, either load to a frame with the shipped file's columns and types or raise the
one-line InputError, never another exception.

``ASSESS_FUZZ_EXAMPLES`` sets the examples per reader and strategy (default 25 under ``make test``,
5 under ``make check``, to keep it quick); the issue's closing note records a longer run.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assess.edition import load_edition
from assess.errors import InputError
from assess.read.registry import READERS, read_dataset
from conftest import DEFAULT_PARAMS, ROOT, examples

EDITION = load_edition(DEFAULT_PARAMS, ROOT)
FILE_READERS = sorted(name for name in READERS if name in EDITION.data and EDITION.path(name).is_file())
EXAMPLES = int(os.environ.get("ASSESS_FUZZ_EXAMPLES") or examples(25, quick=5))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


class _Swapped:
    """The default edition, with one dataset's path swapped for another file."""

    def __init__(self, name: str, path: Path):
        self._name, self._path = name, path

    def path(self, name: str) -> Path:
        return self._path if name == self._name else EDITION.path(name)

    def __getattr__(self, attribute):
        return getattr(EDITION, attribute)


def _frame(result) -> pd.DataFrame:
    """The table a reader returns: the frame itself, the second item of (meta, frame), or a registry's table."""
    if isinstance(result, tuple):
        result = result[-1]
    return getattr(result, "table", result)


def _schema(result) -> dict[str, str]:
    return {column: str(dtype) for column, dtype in _frame(result).dtypes.items()}


@functools.cache
def shipped_schema(name: str) -> dict[str, str]:
    """The column types the reader of dataset ``name`` gives for the shipped file (read when a
    test first asks, not when the module is collected)."""
    return _schema(read_dataset(EDITION, name))


def _check(name: str, data: bytes, tmp_path: Path) -> None:
    path = tmp_path / EDITION.path(name).name
    path.write_bytes(data)
    try:
        result = READERS[name].read(_Swapped(name, path), name)
    except InputError as err:
        assert "\n" not in str(err) and str(path) in str(err)
        return
    assert _schema(result) == shipped_schema(name)


@st.composite
def corrupted(draw, original: bytes) -> bytes:
    """``original`` with one to three edits: a slice deleted, repeated or replaced by arbitrary bytes."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, len(data)))
        end = draw(st.integers(start, min(len(data), start + 40)))
        edit = draw(st.sampled_from(["delete", "repeat", "replace"]))
        patch = {"delete": b"", "repeat": bytes(data[start:end]) * 2, "replace": draw(st.binary(max_size=12))}[edit]
        data[start:end] = patch
    return bytes(data)


@pytest.mark.parametrize("name", FILE_READERS)
def test_any_bytes_give_the_schema_or_one_line(name, tmp_path):
    @SETTINGS
    @given(st.binary(max_size=300) | st.text(max_size=200).map(str.encode))
    def property_(data):
        _check(name, data, tmp_path)

    property_()


@pytest.mark.parametrize("name", FILE_READERS)
def test_a_corrupted_shipped_file_gives_the_schema_or_one_line(name, tmp_path):
    original = EDITION.path(name).read_bytes()

    @SETTINGS
    @given(corrupted(original))
    def property_(data):
        _check(name, data, tmp_path)

    property_()


def test_every_reader_of_a_file_is_covered():
    assert len(FILE_READERS) >= 20 and {"morile", "issue_register", "recommendations", "forces"} <= set(FILE_READERS)
