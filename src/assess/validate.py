"""Check every input of an edition through its loader before any chapter runs.

A malformed file then stops the build at once with one line (file, row, column, what was
expected), instead of part-way through a chapter. Harmless oddities (an offence code with no
weight) are not errors here: the chapter that meets them lists them.
"""

from __future__ import annotations

from typing import Callable

from . import loaders, registers, workforce
from .catalogue import dataset_files, read_catalogue
from .config import Edition
from .street import load_street_crime

Validator = Callable[[Edition], object]

_SIMPLE = {
    "forces": loaders.load_forces,
    "policing_areas": loaders.load_policing_areas,
    "source_documents": loaders.load_source_documents,
    "key_facts": loaders.load_key_facts,
    "alliance_timeline": loaders.load_timeline,
    "specials_establishment": loaders.load_specials_establishment,
    "specials_duty_hours": loaders.load_specials_duty_hours,
    "specials_flows": loaders.load_specials_flows,
    "hate_crime_monthly": loaders.load_hate_crime_monthly,
    "hate_crime_totals_printed": loaders.load_hate_crime_totals_printed,
    "west_mercia_area_crime": loaders.load_west_mercia_area_crime,
    "west_mercia_area_total_printed": loaders.load_west_mercia_area_total_printed,
    "street_crime_monthly_counts": loaders.load_street_monthly_counts,
    "recorded_crime_force": loaders.load_recorded_crime,
    "offence_police_uk_map": loaders.load_offence_police_uk_map,
    "workforce_specials": loaders.load_workforce_tidy,
    "css_weights": loaders.load_css_join,
    "chi_weights": loaders.load_chi_raw,
    "chi_weights_by_category": loaders.load_chi_by_category,
    "offence_crosswalk": loaders.load_offence_crosswalk,
    "harm_weights_chi": loaders.load_weights_chi,
    "harm_weights_css": loaders.load_weights_css,
    "issue_register": registers.load_issue_register,
    "morile": registers.load_morile,
    "risk_register": registers.load_risk_register,
    "recommendations": registers.load_recommendations,
    "csp_priorities": registers.load_csp_priorities,
    "csp_partnerships": registers.load_csp_partnerships,
    "pcc_themes": registers.load_pcc_themes,
}


def _street(edition: Edition):
    return load_street_crime(edition.path("street_crime"), loaders.load_forces(edition.path("forces")),
                             edition.forces, edition.periods["street_crime"].months())


def _workforce_tables(edition: Edition):
    files = dataset_files(edition.path("workforce_tables"), read_catalogue(edition.root)["workforce_tables"])
    return workforce.specials_headcount(files, loaders.load_forces(edition.path("forces")))


VALIDATORS: dict[str, Validator] = {
    **{name: (lambda loader, name: lambda edition: loader(edition.path(name)))(loader, name)
       for name, loader in _SIMPLE.items()},
    "street_crime": _street,
    "workforce_tables": _workforce_tables,
}
"""Dataset name → a function that loads it for an edition, raising InputError when malformed."""


def validate_inputs(edition: Edition) -> list[str]:
    """Load every dataset the edition names; returns their names. Raises the first InputError."""
    for name in edition.data:
        VALIDATORS[name](edition)
    return list(edition.data)
