"""The capacity chapter: what it reads."""

from __future__ import annotations

DATASETS = (
    "specials_duty_hours",
    "workforce_tables",
    "specials_flows",
    "specials_establishment",
    "key_facts",
    "source_documents",
    "glossary",
)
PARAMETERS = ("specials",)
