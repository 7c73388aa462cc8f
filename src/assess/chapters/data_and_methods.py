"""The data and methods chapter: what it reads."""

from __future__ import annotations

from . import ALL

DATASETS = ALL
PARAMETERS = ()
