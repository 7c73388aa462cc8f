"""The figures register: glued values are what myst-nb expects, and they are read back whole."""

import json

import myst_nb.ext.glue as myst_glue
import nbformat
import numpy as np
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from assess.present import glue as figures
from assess.present import pages


def test_prefix_is_myst_nbs():
    assert figures.GLUE_PREFIX == myst_glue.GLUE_PREFIX


def test_glued_data_is_what_myst_nb_glue_emits(monkeypatch):
    emitted = []
    monkeypatch.setattr(myst_glue, "ipy_display", lambda data, raw, metadata: emitted.append((data, metadata)))
    myst_glue.glue("n", 1234, display=False)
    data, metadata = figures.glue_output("n", np.int64(1234), unit="crimes")
    assert data == emitted[0][0]
    assert metadata["scrapbook"] == emitted[0][1]["scrapbook"]


def test_numpy_scalars_become_plain_python():
    assert type(figures.plain(np.int64(3))) is int
    assert type(figures.plain(np.float64(0.5))) is float
    assert figures.plain(np.bool_(True)) is True


def _notebook_with(*outputs):
    nb = new_notebook()
    nb.cells = [new_markdown_cell("# Demand\n\nText."), new_code_cell("x", outputs=list(outputs))]
    return nb


def test_collect_reads_back_every_glued_value(tmp_path):
    outs = [
        new_output("display_data", data=d, metadata=m)
        for d, m in (
            figures.glue_output("crimes", np.int64(84350), unit="crimes", description="recorded crimes"),
            figures.glue_output("share", 0.125, unit="proportion"),
        )
    ]
    plain = new_output("display_data", data={"text/plain": "1"}, metadata={})
    path = tmp_path / "demand.ipynb"
    nbformat.write(_notebook_with(outs[0], plain, outs[1]), path)
    found = figures.collect_figures(path)
    assert found == [
        {"section": "Demand", "name": "crimes", "value": 84350, "unit": "crimes", "description": "recorded crimes"},
        {"section": "Demand", "name": "share", "value": 0.125, "unit": "proportion", "description": None},
    ]
    register = json.loads(pages.figures_json(found, "ed", "Title"))
    assert register["figures"][0]["value"] == 84350 and register["edition"] == "ed"


def test_a_value_glued_for_an_empty_slot_is_seen_by_the_prose_not_the_register(tmp_path):
    from assess.build.prose import ready_for_readers

    data, meta = figures.glue_output("more_2", False, description="no force 2", register=False)
    empty = new_output("display_data", data=data, metadata=meta)
    data, meta = figures.glue_output("more_1", True, description="Alpha")
    kept = new_output("display_data", data=data, metadata=meta)
    nb = _notebook_with(empty, kept)
    nb.cells += [new_markdown_cell("Beta more.", metadata={"tags": ["if:more_2"]})]
    nbformat.write(nb, tmp_path / "c.ipynb")
    assert [f["name"] for f in figures.collect_figures(tmp_path / "c.ipynb")] == ["more_1"]
    assert "register" not in figures.collect_figures(tmp_path / "c.ipynb")[0]
    ready_for_readers(nb, ())
    assert "remove-cell" in nb.cells[-1].metadata["tags"]


def test_format_value():
    assert figures.format_value(84350) == "84,350"
    assert figures.format_value(2018, "year") == "2018" and figures.format_value(2018) == "2,018"
    assert figures.format_value(7.0) == "7"
    assert figures.format_value(0.0031234) == "0.003123"
    assert figures.format_value("March 2012") == "March 2012"
    assert figures.format_value(True) == "yes" and figures.format_value(False) == "no"


def test_register_page_escapes_markup():
    page = pages.figures_markdown(
        [{"section": "S", "name": "n", "value": "<script>|{x}", "unit": None, "description": "a_b*"}]
    )
    assert "<script>" not in page and "\\<script\\>\\|\\{x\\}" in page and "a\\_b\\*" in page


def test_glue_names_from_parts():
    assert figures.key("hours", "West Mercia", "Jan-Sep", 2014) == "hours_west_mercia_jan_sep_2014"
    assert (
        figures.key("street_harm", "West Mercia", "Outside the force area")
        == "street_harm_west_mercia_outside_the_force_area"
    )
    assert figures.key("hate_total", "2012-13") == "hate_total_2012_13"
