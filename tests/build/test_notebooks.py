"""Chapters run for any edition: a single-force edition names only its force, and new data flows
through to every glued number without touching the notebook."""

from __future__ import annotations

import json
import shutil

import nbformat
import pytest
import yaml

from assess.build.cache import missing_datasets
from assess.build.declarations import read_declaration
from assess.build.execute import execute_notebook
from assess.edition import load_edition
from assess.present.glue import collect_figures
from conftest import ROOT

pytestmark = pytest.mark.build


def _run(name: str, params: dict, tmp_path) -> dict:
    path = tmp_path / "edition.yml"
    path.write_text(yaml.safe_dump(params, sort_keys=False))
    target = execute_notebook(
        ROOT / "notebooks" / f"{name}.ipynb", tmp_path / f"{name}.ipynb", load_edition(path, ROOT)
    )
    outputs = [json.dumps(c.get("outputs", [])) for c in nbformat.read(str(target), as_version=4).cells]
    return {f["name"]: f for f in collect_figures(target)}, "\n".join(outputs)


def test_capacity_for_west_mercia_with_a_new_year_of_hours(tmp_path):
    params = yaml.safe_load((ROOT / "params" / "west-mercia-2016-17.yml").read_text())
    hours = tmp_path / "specials_duty_hours.csv"
    shutil.copy(ROOT / params["data"]["specials_duty_hours"], hours)
    with hours.open("a") as f:
        f.write("West Mercia,Jan-Sep,2017,45169,\n")  # a new year, invented for this test only
    params["data"]["specials_duty_hours"] = str(hours)
    figures, outputs = _run("capacity", params, tmp_path)

    assert figures["hours_west_mercia_jan_sep_2017"]["value"] == 45169
    assert figures["hours_change_west_mercia_jan_sep_2017"]["value"] == pytest.approx(
        round((45169 / 50188 - 1) * 100, 2)
    )
    assert "45,169 hours in January to September 2017" in figures["ytd_sentence"]["value"]
    # A single-force edition prints nothing of the other force.
    assert not [n for n in figures if "warwickshire" in n]
    # (The documents cited may be the alliance's, so look for the force as a row or a subject.)
    assert "<td>Warwickshire</td>" not in outputs and "Warwickshire's" not in outputs
    assert "Warwickshire: " not in outputs


def test_hate_crime_for_a_single_force_waits_for_its_own_series():
    edition = load_edition(ROOT / "params" / "warwickshire-2016-17.yml", ROOT)
    declared = read_declaration(ROOT / "notebooks" / "hate-crime.ipynb")
    # The shipped series counts both forces together, so a single-force edition does not name it.
    assert missing_datasets(declared, edition) == ["hate_crime_monthly", "hate_crime_totals_printed"]


def test_performance_for_a_single_force_names_only_that_force(tmp_path):
    params = yaml.safe_load((ROOT / "params" / "warwickshire-2016-17.yml").read_text())
    figures, outputs = _run("performance", params, tmp_path)
    assert "n_increasing_warwickshire" in figures and not [n for n in figures if "west_mercia" in n]
    assert "<td>West Mercia</td>" not in outputs
    assert figures["area_table_shown"]["value"] is False and "n_printed_months" not in figures


def test_register_text_is_shown_as_text_not_run(tmp_path):
    params = yaml.safe_load((ROOT / "params" / "alliance-2016-17.yml").read_text())
    recs = tmp_path / "recommendations.csv"
    shutil.copy(ROOT / params["data"]["recommendations"], recs)
    with recs.open("a") as f:
        f.write(',Test,"<script>alert(1)</script> and **bold** {glue:text}`n_risks`",Update,ongoing\n')
    params["data"]["recommendations"] = str(recs)
    figures, outputs = _run("control-strategy", params, tmp_path)
    assert "<script>alert(1)" not in outputs
    # Escaped for HTML, and the Markdown and MyST syntax left as the characters typed.
    assert "&lt;script&gt;alert(1)&lt;/script&gt; and **bold** {glue:text}`n_risks`" in outputs


def test_a_chapter_that_fails_names_its_notebook_and_cell(tmp_path):
    from assess.errors import BuildError

    params = yaml.safe_load((ROOT / "params" / "alliance-2016-17.yml").read_text())
    params["hate_crime"]["step_at"] = "2020-01"  # after the series ends: the step test cannot run
    with pytest.raises(BuildError) as caught:
        _run("hate-crime", params, tmp_path)
    message = str(caught.value)
    assert message.startswith("notebooks/hate-crime.ipynb, cell ") and "ValueError" in message
    assert "2020-01 must fall inside the series" in message and "\n" not in message
