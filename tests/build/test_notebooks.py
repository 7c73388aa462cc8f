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
from assess.chapters import Chapter, capacity, declaration
from assess.edition import load_edition
from assess.periods import month_label
from assess.present.glue import collect_figures, each_name, key
from conftest import DEFAULT_PARAMS, ROOT, project_scratch, single_force_params

pytestmark = [pytest.mark.build, pytest.mark.usefixtures("forked_kernels")]


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
    change = round((45169 / before - 1) * 100, 2)
    assert figures[key("hours_change", force, "Jan-Sep", 2017)]["value"] == pytest.approx(change)
    # The force's opening sentence on hours names the new year, its hours and its change.
    said = figures[each_name("hours_sentence", force)]["value"]
    assert said.startswith(f"{force}'s Specials logged 45,169 hours in January to September 2017, {abs(change):.1f}% ")
    # A single-force edition prints nothing of the other force, and no sentence is glued for it.
    assert not [n for n in figures if key(other) in n]
    # (The documents cited may be the alliance's, so look for the force as a row or a subject.)
    assert f"<td>{other}</td>" not in outputs and f"{other}'s" not in outputs
    assert f"{other}: " not in outputs
    # One headcount sentence, the force's own; no prose slot for a second force.
    assert [n for n in figures if n.startswith("headcount_sentence")] == [each_name("headcount_sentence", force)]
    assert not [n for n in figures if n.endswith(("_1", "_2"))]


def test_capacity_opens_with_each_forces_headcount_change_and_says_how_far_the_projection_holds(tmp_path):
    params = yaml.safe_load(DEFAULT_PARAMS.read_text())
    # The counts the chapter may use: those of the edition's period, as the chapter reads them.
    edition = Chapter(load_edition(DEFAULT_PARAMS, ROOT), declaration(capacity))
    figures, outputs = _run("capacity", params, tmp_path)
    counts = edition.read("workforce_tables")
    for force in edition.forces:
        series = counts[counts["force"] == force].sort_values("as_at")["specials_headcount"]
        first, last = int(series.iloc[0]), int(series.iloc[-1])
        counted = figures[key("headcount_first", force)]["value"], figures[key("headcount_last", force)]["value"]
        assert counted == (first, last) and figures[key("headcount_change", force)]["value"] == last - first
        assert figures[key("headcount_change_pct", force)]["value"] == round((last - first) / first * 100, 1)
        said = figures[each_name("headcount_sentence", force)]["value"]
        assert f"{force} had {last:,} Special Constables" in said and f"{abs(last - first):,} " in said
        assert ("fewer" in said) is (last < first) and ("more" in said) is (last > first)
        # A projection whose later count lies outside its interval is never called a fair guide.
        said = figures[each_name("projection_sentence", force)]["value"]
        if key("projection_within", force) in figures:
            within = figures[key("projection_within", force)]["value"]
            low, high = (
                figures[key("projected_specials_low", force)]["value"],
                figures[key("projected_specials_high", force)]["value"],
            )
            assert within is (low <= figures[key("actual_specials", force)]["value"] <= high)
            assert said.endswith(": within the interval.") is within and ("not a fair guide" in said) is not within
        else:
            assert said.endswith("no later Home Office count to test it against: read it as illustrative only.")
        start = month_label(edition.specials.projection.start, "long")
        assert said.startswith(f"Run forward from the Home Office count of {start}")
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
    words = figures["series_words"]["value"]
    assert figures["hate_forces"]["value"] == force and "released under the Freedom of Information" in words
    assert force in words and other not in words and "added together" not in words
    assert figures["sources_compared"]["value"] is False and "n_compared" not in figures
    event = f"the recorded daily rate in {month_label(params['hate_crime']['step_at'], 'long')}, the first month after"
    assert event in figures["event_sentence"]["value"] and "hate_event_level_ratio" in figures
    # A yearly change is called a rise or fall exactly when its interval excludes no change.
    segments = [n.removesuffix("_low") for n in figures if n.startswith("hate_slope_") and n.endswith("_low")]
    beyond = [s for s in segments if figures[f"{s}_low"]["value"] > 0 or figures[f"{s}_high"]["value"] < 0]
    said = figures["slope_sentences"]["value"]
    assert segments and said.count(" rose by ") + said.count(" fell by ") == len(beyond)
    assert said.count("within what chance would give") == len(segments) - len(beyond)
    assert figures[each_name("returns_sentence", force)]["value"].startswith(f"{force}'s own returns count ")


def test_performance_for_a_single_force_names_only_that_force(tmp_path):
    params, force, other = _single_force()
    figures, outputs = _run("performance", params, tmp_path)
    assert each_name("n_higher", force) in figures and not [n for n in figures if key(other) in n]
    # Each force's prose is glued under its own name; a single-force edition has no other force's.
    assert figures[each_name("force", force)]["value"] == force
    assert [n for n in figures if n.startswith("crime_summary")] == [each_name("crime_summary", force)]
    assert other not in figures[each_name("crime_summary", force)]["value"]
    assert f"<td>{other}</td>" not in outputs
    assert figures["area_table_shown"]["value"] is False and "n_printed_months" not in figures


def test_register_text_is_shown_as_text_not_run(tmp_path):
    params = yaml.safe_load(DEFAULT_PARAMS.read_text())
    recs = project_scratch(tmp_path) / "recommendations.csv"
    shutil.copy(ROOT / params["data"]["recommendations"], recs)
    reviewed = recs.read_text().splitlines()[-1].rsplit(",", 1)[1]  # the register's own review month
    with recs.open("a") as f:
        text = '"<script>alert(1)</script> and **bold** {glue:text}`n_risks`"'
        f.write(f",Test,{text},Update,ongoing,all,{reviewed}\n")
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
