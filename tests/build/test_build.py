"""End to end: the default edition builds and publishes; a failed build leaves the site untouched."""

from __future__ import annotations

import csv
import json
import shutil

import pytest
import yaml

from assess.build.cli import main
from assess.build.project import toc_files
from assess.read.catalogue import read_catalogue
from conftest import DEFAULT_PARAMS, EDITIONS, ROOT, snapshot

pytestmark = [pytest.mark.build, EDITIONS]


@pytest.fixture(scope="module")
def site(default_site):
    """The default edition's published folder, built once per test run (``default_site``)."""
    assert default_site.name == DEFAULT_PARAMS.stem and (default_site / "index.html").is_file()
    return default_site


def test_every_page_of_the_table_of_contents_is_published(site):
    assert (site / "index.html").is_file()
    for entry in toc_files(ROOT / "_toc.yml"):
        assert (site / f"{entry}.html").is_file(), entry


def test_no_code_or_injected_parameters_reach_the_reader(site):
    page = (site / "sections" / "introduction.html").read_text()
    assert "load_edition" not in page and "project_root" not in page


def test_figures_register_holds_computed_values(site):
    register = json.loads((site / "figures.json").read_text())
    values = {f["name"]: f["value"] for f in register["figures"]}
    edition = yaml.safe_load(DEFAULT_PARAMS.read_text())
    catalogue = read_catalogue(ROOT)
    # Independent count of the data rows of every CSV file the edition reads; spreadsheets,
    # registers and pages are counted by test_catalogue and taken from the register here.
    total = 0
    for name, rel in edition["data"].items():
        path = ROOT / rel
        files = sorted(path.glob(catalogue[name].get("files", "*.csv"))) if path.is_dir() else [path]
        if not all(f.suffix == ".csv" for f in files):
            total += values[f"rows_{name}"]
            continue
        for f in files:
            with open(f, newline="", encoding="utf-8-sig") as handle:
                total += sum(1 for _ in csv.reader(handle)) - 1
    assert values["n_rows"] == total
    assert values["n_datasets"] == len(edition["data"])
    with open(ROOT / edition["data"]["hate_crime_monthly"], newline="", encoding="utf-8") as handle:
        assert values["rows_hate_crime_monthly"] == sum(1 for _ in csv.reader(handle)) - 1
    assert register["edition"] == edition["edition"]


def test_glued_numbers_appear_in_the_html(site):
    values = {f["name"]: f["value"] for f in json.loads((site / "figures.json").read_text())["figures"]}
    methods = (site / "sections" / "data-and-methods.html").read_text()
    assert f"{values['n_rows']:,}" in methods
    intro = (site / "sections" / "introduction.html").read_text()
    assert values["as_of_date"] in intro and values["alliance_start"] in intro
    register_page = (site / "sections" / "figures.html").read_text()
    assert "n_rows" in register_page and "as_of_date" in register_page


def test_bad_parameters_stop_the_build_and_keep_the_site(site, tmp_path, monkeypatch, capsys):
    before = snapshot(site)
    params = yaml.safe_load(DEFAULT_PARAMS.read_text())
    params["forces"] = ["Warwickshire", "Atlantis"]
    bad = tmp_path / "bad.yml"
    bad.write_text(yaml.safe_dump(params))
    monkeypatch.chdir(ROOT)
    assert main(["build", "--params", str(bad), "--out", str(site.parent)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "forces[1]" in err and "Atlantis" in err
    assert snapshot(site) == before


def test_bad_data_stops_the_build_and_keeps_the_site(site, tmp_path, monkeypatch, capsys, request):
    before = snapshot(site)
    # Dataset paths must lie inside the project: the broken copy goes in the (ignored) _build folder.
    folder = ROOT / "_build" / f"test-inputs-{tmp_path.name}"
    folder.mkdir(parents=True, exist_ok=True)
    request.addfinalizer(lambda: shutil.rmtree(folder, ignore_errors=True))
    broken = folder / "key_facts.csv"
    shutil.copy(ROOT / "data/raw/alliance_facts/key_facts.csv", broken)
    lines = broken.read_text().splitlines()
    assert ",2000," in lines[2]  # row 3 as an editor numbers it
    lines[2] = lines[2].replace(",2000,", ",two thousand,")
    broken.write_text("\n".join(lines) + "\n")
    params = yaml.safe_load(DEFAULT_PARAMS.read_text())
    params["data"]["key_facts"] = broken.relative_to(ROOT).as_posix()
    bad = tmp_path / "bad-data.yml"
    bad.write_text(yaml.safe_dump(params))
    monkeypatch.chdir(ROOT)
    assert main(["build", "--params", str(bad), "--out", str(site.parent)]) == 1
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(err) == 1
    # Every input is checked by its loader before any chapter runs, so the error names the file.
    assert str(broken) in err[0] and "row 3" in err[0] and "column 'value'" in err[0]
    assert snapshot(site) == before
