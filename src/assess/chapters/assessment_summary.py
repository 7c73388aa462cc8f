"""The assessment summary chapter: what it reads."""

from __future__ import annotations

DATASETS = ("issue_register", "glossary")
PARAMETERS = ()
