"""Glued figures: numbers a chapter puts into its prose, each recorded with its unit.

``glue`` stores a value exactly as ``myst_nb.glue(name, value, display=False)`` does (so
``{glue:text}`` finds it) and adds the unit and a description to the output's metadata.
``collect_figures`` reads them back from an executed notebook for ``figures.json`` and the
"Figures in this book" appendix.
"""

from __future__ import annotations

import numbers
import re
from pathlib import Path

import nbformat
import numpy as np
from IPython.core.formatters import format_display_data
from IPython.display import display

from .suppression import protect

GLUE_PREFIX = "application/papermill.record/"
"""The mime prefix myst-nb (and scrapbook) use for glued values that are not displayed."""


def plain(value):
    """``value`` as a plain Python int, float or str (NumPy and pandas scalars converted; a
    Suppressed count as its text, "<5")."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return value if isinstance(value, str) else str(value)


def glue_output(
    name: str,
    value,
    unit: str | None = None,
    description: str | None = None,
    suppress_below: int | None = None,
    register: bool = True,
) -> tuple[dict, dict]:
    """The (data, metadata) of the display output that ``glue`` emits.

    ``data`` is what ``myst_nb.glue(name, value, display=False)`` emits; ``metadata`` adds an
    ``assess`` entry holding the plain value, its unit and description. With ``suppress_below``
    (a count's threshold), a count from 1 to ``suppress_below`` − 1 is glued, and recorded, as
    the text "<suppress_below"; so is a value already Suppressed. With ``register`` False the
    entry is marked ``"register": False`` and left out of the figures register
    (``collect_figures``), though the prose and its ``if:`` conditions still see it.
    """
    if suppress_below is not None:
        value = protect(value, suppress_below)
    value = plain(value)
    bundle, metadata = format_display_data(value)
    metadata["scrapbook"] = {"name": name, "mime_prefix": GLUE_PREFIX}
    metadata["assess"] = {"value": value, "unit": unit, "description": description}
    if not register:
        metadata["assess"]["register"] = False
    return {GLUE_PREFIX + k: v for k, v in bundle.items()}, metadata


def glue(
    name: str,
    value,
    unit: str | None = None,
    description: str | None = None,
    suppress_below: int | None = None,
    register: bool = True,
) -> None:
    """Glue ``value`` under ``name`` for the prose, and record it in the figures register.

    Pass ``suppress_below`` (the edition's ``thresholds.suppress_below``) for every count of
    people or crimes: a small one is then published as "<N" in the prose, the figures
    appendix and ``figures.json`` alike (see ``glue_output``). Pass ``register=False`` for a
    condition about a prose slot the edition leaves empty (no second force in a one-force
    edition): the prose needs it, the figures register has nothing to say about it.
    """
    data, metadata = glue_output(name, value, unit, description, suppress_below, register)
    display(data, raw=True, metadata=metadata)


def glue_each(
    name: str,
    values: dict,
    unit: str | None = None,
    description: str | None = None,
    suppress_below: int | None = None,
) -> None:
    """Glue one value for each force: ``values`` maps a force's name to its value, glued as
    ``each_name(name, force)`` with the force named in its description. A Markdown cell tagged
    ``each:force`` refers to ``name`` and is shown once per force with that force's value
    (``assess.build.prose``)."""
    for force, value in values.items():
        glue(each_name(name, force), value, unit, f"{force}: {description}" if description else force, suppress_below)


def each_name(name: str, force: str) -> str:
    """The glued name of ``name`` for one force: ``name__<force key>`` (``each_name("hours",
    "West Mercia")`` is ``"hours__west_mercia"``)."""
    return f"{name}__{key(force)}"


def key(*parts) -> str:
    """A glue name from parts: lower case, words joined by underscores.

    ``key("hours", "West Mercia", "Jan-Sep", 2014)`` is ``"hours_west_mercia_jan_sep_2014"``.
    """
    return "_".join(re.sub(r"[^a-z0-9]+", "_", str(part).lower()).strip("_") for part in parts)


def collect_figures(notebook: str | Path) -> list[dict]:
    """Every value glued with ``glue`` in an executed notebook, in cell order.

    Returns dicts with ``section`` (the notebook's first heading), ``name``, ``value``,
    ``unit`` and ``description``; a value glued with ``register=False`` is left out.
    """
    nb = nbformat.read(str(notebook), as_version=4)
    section = section_title(nb) or Path(notebook).stem
    found = [{"section": section, **figure} for figure in figures_in(nb)]
    return [{k: v for k, v in f.items() if k != "register"} for f in found if f.get("register", True)]


def figures_in(nb) -> list[dict]:
    """Every value glued with ``glue`` in an executed notebook object: ``name``, ``value``,
    ``unit``, ``description``, in cell order."""
    found = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {})
            if "assess" in meta and "scrapbook" in meta:
                found.append({"name": meta["scrapbook"]["name"], **meta["assess"]})
    return found


def section_title(nb) -> str | None:
    """The text of the first level-1 Markdown heading of a notebook, or None."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return None


def format_value(value, unit: str | None = None) -> str:
    """A value as the register prints it: whole numbers with thousands separators (a calendar year,
    ``unit`` "year", without: 2018), others to 4 significant figures, True and False (the
    conditions prose depends on) as "yes" and "no"."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, numbers.Real):
        return str(value)
    if unit == "year" and float(value).is_integer():
        return str(int(value))
    if isinstance(value, numbers.Integral) or float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4g}"
