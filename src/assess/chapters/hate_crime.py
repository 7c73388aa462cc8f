"""The hate crime chapter: what it reads."""

from __future__ import annotations

DATASETS = ("hate_crime_by_force",)
OPTIONAL = ("hate_crime_monthly", "hate_crime_totals_printed")
PARAMETERS = ("hate_crime", "thresholds")
