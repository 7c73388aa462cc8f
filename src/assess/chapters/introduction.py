"""The introduction chapter: what it reads."""

from __future__ import annotations

DATASETS = ("policing_areas", "key_facts", "source_documents", "alliance_timeline", "glossary")
PARAMETERS = ("periods",)
