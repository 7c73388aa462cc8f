"""The threats chapter: what it reads."""

from __future__ import annotations

DATASETS = (
    "threats",
    "threat_indicators",
    "street_crime_monthly_counts_archive",
    "street_crime_monthly_counts",
    "recorded_crime_force",
    "offence_crosswalk",
    "harm_weights_chi",
    "harm_weights_css",
)
PARAMETERS = ("harm", "periods")
