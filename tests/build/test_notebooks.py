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
from assess.edition import load_edition, open_chapter
from assess.present.glue import collect_figures, key
from conftest import DEFAULT_PARAMS, ROOT, project_scratch, single_force_params

pytestmark = pytest.mark.build


def _run(name: str, params: dict, tmp_path) -> dict:
    path = tmp_path / "edition.yml"
    path.write_text(yaml.safe_dump(params, sort_keys=False))
    target = execute_notebook(
        ROOT / "notebooks" / f"{name}.ipynb", tmp_path / f"{name}.ipynb", load_edition(path, ROOT)
    )
    outputs = [json.dumps(c.get("outputs", [])) for c in nbformat.read(str(target), as_version=4).cells]
    return {f["name"]: f for f in collect_figures(target)}, "\n".join(outputs)


def _single_force() -> tuple[dict, str, str]:
    """A single-force edition's parameters, its force and another force of its registry."""
    params = yaml.safe_load(single_force_params().read_text())
    force = params["forces"][0]
    other = next(
        f for f in load_edition(single_force_params(), ROOT).registry.alliance_members("Alliance") if f != force
    )
    return params, force, other


def test_capacity_for_one_force_with_a_new_year_of_hours(tmp_path):
    params, force, other = _single_force()
    hours = project_scratch(tmp_path) / "specials_duty_hours.csv"
    shutil.copy(ROOT / params["data"]["specials_duty_hours"], hours)
    last = [line for line in hours.read_text().splitlines() if line.startswith(f"{force},Jan-Sep,2016,")][0]
    before = int(last.split(",")[3])
    with hours.open("a") as f:
        f.write(f"{force},Jan-Sep,2017,45169,\n")  # a new year, invented for this test only
    params["data"]["specials_duty_hours"] = str(hours)
    params["periods"]["specials_duty_hours"] = {"start": "2013-01", "end": "2017-09"}
    figures, outputs = _run("capacity", params, tmp_path)

    assert figures[key("hours", force, "Jan-Sep", 2017)]["value"] == 45169
    assert figures[key("hours_change", force, "Jan-Sep", 2017)]["value"] == pytest.approx(
        round((45169 / before - 1) * 100, 2)
    )
    # The opening's January-to-September paragraph names the new year, its hours and its change.
    assert figures["ytd_hours_1"]["value"] == 45169 and figures["ytd_year_1"]["value"] == 2017
    assert figures["force_1"]["value"] == force
    # A single-force edition prints nothing of the other force.
    assert not [n for n in figures if key(other) in n]
    # (The documents cited may be the alliance's, so look for the force as a row or a subject.)
    assert f"<td>{other}</td>" not in outputs and f"{other}'s" not in outputs
    assert f"{other}: " not in outputs
    # The opening's headcount change names this force once and leaves the second slot empty.
    shown = [
        v
        for v in ("fewer", "more", "from_none", "same", "single", "uncounted")
        if figures[key("headcount", v, 1)]["value"]
    ]
    assert len(shown) == 1 and not any(
        f["value"] for n, f in figures.items() if n.startswith("headcount_") and n.endswith("_2")
    )
    # An empty slot's flags are glued for the prose's conditions, but not listed in the figures register.
    assert "backtest_close_2" not in figures and "backtest_wide_2" not in figures
    assert not [n for n in figures if n.startswith(("ytd_", "full_year_", "headcount_")) and n.endswith("_2")]


def test_capacity_opens_with_each_forces_headcount_change_and_says_how_far_the_projection_holds(tmp_path):
    params = yaml.safe_load(DEFAULT_PARAMS.read_text())
    # The counts the chapter may use: those of the edition's period, as the chapter reads them.
    edition = open_chapter(DEFAULT_PARAMS, ROOT, datasets=["workforce_tables", "specials_duty_hours"], parameters=[])
    figures, outputs = _run("capacity", params, tmp_path)
    counts = edition.read("workforce_tables")
    for slot, force in enumerate(edition.forces, 1):
        series = counts[counts["force"] == force].sort_values("as_at")["specials_headcount"]
        first, last = int(series.iloc[0]), int(series.iloc[-1])
        assert figures[key("force", slot)]["value"] == force
        counted = figures[key("headcount_first", slot)]["value"], figures[key("headcount_last", slot)]["value"]
        assert counted == (first, last)
        assert figures[key("headcount_change", slot)]["value"] == abs(last - first)
        assert figures[key("headcount_fewer", slot)]["value"] is (last < first)
        assert figures[key("headcount_more", slot)]["value"] is (last > first)
        assert figures[key("headcount_pct", slot)]["value"] == round(abs(last - first) / first * 100, 1)
        # A back-test that missed by more than the limit marks the projection illustrative only, and only then.
        miss, limit = figures[key("backtest_miss", slot)]["value"], figures["backtest_limit"]["value"]
        assert miss == abs(figures[key("backtest_pct", slot)]["value"])
        assert figures[key("backtest_wide", slot)]["value"] is (miss > limit)
        assert figures[key("backtest_close", slot)]["value"] is (miss <= limit)
    # A year whose hours the assessment did not print reads "not printed", never an empty row.
    hours = edition.read("specials_duty_hours")
    assert hours["duty_hours"].isna().any() and "<td>not printed</td>" in outputs
    shown = outputs.split("Special Constables&#x27; duty hours, with year-on-year change")[1].split("</table>")[0]
    assert "<td></td>" not in shown


def test_hate_crime_for_a_single_force_uses_its_own_series(tmp_path):
    params, force, other = _single_force()
    declared = read_declaration(ROOT / "notebooks" / "hate-crime.ipynb")
    # The printed series counts both forces together: optional, so a single-force edition still runs.
    assert missing_datasets(declared, load_edition(single_force_params(), ROOT)) == []
    figures, outputs = _run("hate-crime", params, tmp_path)
    words = figures["hate_forces"]["value"]
    assert figures["printed_used"]["value"] is False and figures["hate_several_forces"]["value"] is False
    assert force in words and other not in words
    assert figures["hate_step_before"]["value"] == "June 2016" and "n_compared" not in figures
    # A yearly change is called a rise or fall exactly when its 95% interval excludes no change.
    flags = {
        n.removesuffix("_beyond_chance"): f["value"]
        for n, f in figures.items()
        if n.startswith("hate_slope_") and n.endswith("_beyond_chance")
    }
    shown = [s for s in flags if f"{s}_pct" in figures]
    assert shown and all(
        flags[s] == (figures[f"{s}_low"]["value"] > 0 or figures[f"{s}_high"]["value"] < 0) for s in shown
    )
    assert not any(flags[s] for s in flags if s not in shown)


def test_performance_for_a_single_force_names_only_that_force(tmp_path):
    params, force, other = _single_force()
    figures, outputs = _run("performance", params, tmp_path)
    assert key("n_higher", force) in figures and not [n for n in figures if key(other) in n]
    # The prose's force slots: the first is the edition's force; the second is empty, and its flags
    # (glued for the prose's conditions, False) are left out of the figures register.
    assert figures["force_1"]["value"] == force and figures["several_forces"]["value"] is False
    assert "force_2" not in figures
    assert not [n for n in figures if n.endswith("_2") and n.startswith(("any_", "n_", "higher_", "lower_"))]
    assert key("any", "higher", 1) in figures
    assert f"<td>{other}</td>" not in outputs
    assert figures["area_table_shown"]["value"] is False and "n_printed_months" not in figures


def test_register_text_is_shown_as_text_not_run(tmp_path):
    params = yaml.safe_load(DEFAULT_PARAMS.read_text())
    recs = project_scratch(tmp_path) / "recommendations.csv"
    shutil.copy(ROOT / params["data"]["recommendations"], recs)
    with recs.open("a") as f:
        f.write(',Test,"<script>alert(1)</script> and **bold** {glue:text}`n_risks`",Update,ongoing,all\n')
    params["data"]["recommendations"] = str(recs)
    figures, outputs = _run("control-strategy", params, tmp_path)
    assert "<script>alert(1)" not in outputs
    # Escaped for HTML, and the Markdown and MyST syntax left as the characters typed (long
    # tokens may carry <wbr> break points, which show nothing).
    shown = outputs.replace("<wbr>", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; and **bold** {glue:text}`n_risks`" in shown


def test_a_chapter_that_fails_names_its_notebook_and_cell(tmp_path):
    from assess.errors import BuildError

    params = yaml.safe_load(DEFAULT_PARAMS.read_text())
    # A folder holding none of the FOI files: reading the dataset inside the chapter fails.
    params["data"]["hate_crime_by_force"] = str(project_scratch(tmp_path))
    with pytest.raises(BuildError) as caught:
        _run("hate-crime", params, tmp_path)
    message = str(caught.value)
    assert message.startswith("notebooks/hate-crime.ipynb, cell ") and "ValueError" in message
    assert "\n" not in message


def test_key_facts_of_one_force_spell_out_raw_labels_and_name_the_force(tmp_path):
    """The key facts' raw label "PCSOs" is spelt out at its first use on both pages that show them,
    and their captions and prose name the edition's force, never "the forces"."""
    params, force, other = _single_force()
    full = load_edition(single_force_params(), ROOT).registry.full_name(force)
    for chapter, caption in (("introduction", f"Key facts on {force}, as stated"),
                             ("capacity", f"Workforce of {force}, as stated")):  # fmt: skip
        figures, outputs = _run(chapter, params, tmp_path)
        assert "PCSOs (Police Community Support Officers)" in outputs, chapter
        assert outputs.count("Police Community Support Officers") == 1, chapter  # the first use only
        assert caption in outputs and "the forces" not in outputs, chapter
        cells = nbformat.read(ROOT / "notebooks" / f"{chapter}.ipynb", as_version=4).cells
        shown_always = [c.source for c in cells if c.cell_type == "markdown" and not c.metadata.get("tags")]
        assert not [s for s in shown_always if "the forces" in s], chapter
    assert figures["forces_full"]["value"] == full and other not in full
