"""The national chapter: what it reads."""

from __future__ import annotations

DATASETS = ("national_recorded_crime", "workforce_specials", "harm_weights_chi")
PARAMETERS = ()
