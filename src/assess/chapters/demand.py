"""The demand chapter: what it reads."""

from __future__ import annotations

DATASETS = (
    "offence_crosswalk",
    "harm_weights_chi",
    "harm_weights_css",
    "recorded_crime_force",
    "street_crime",
    "policing_areas",
    "key_facts",
    "source_documents",
    "district_population",
)
PARAMETERS = ("harm", "periods")
