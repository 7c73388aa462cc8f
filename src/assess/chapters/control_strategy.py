"""The control strategy chapter: what it reads."""

from __future__ import annotations

DATASETS = ("morile", "recommendations", "glossary")
PARAMETERS = ()
