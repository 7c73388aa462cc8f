"""The bad-input corpus (tests/bad_inputs/cases.yml): each malformed input stops the build with one
line naming the file, row and column, exits non-zero, writes nothing into data/raw and leaves the
published site byte for byte; harmless ones pass. Killing a build half-way also keeps the site."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from test_editions import make_project

from assess.analysis import harm
from assess.build import build
from assess.build.cli import main
from assess.edition import load_edition
from assess.read.registry import check_inputs as validate_inputs
from assess.read.registry import read_dataset
from conftest import DEFAULT_PARAMS, ROOT, snapshot

pytestmark = pytest.mark.build
CORPUS = ROOT / "tests" / "bad_inputs"
CASES = yaml.safe_load((CORPUS / "cases.yml").read_text())


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A small project with a published default edition."""
    project = make_project(tmp_path_factory.mktemp("bad") / "project", sections=["introduction", "data-and-methods"])
    out = project / "_build"
    build(project / "params" / DEFAULT_PARAMS.name, out, project, jobs=2, log=lambda m: None)
    return project, out


def _params(project: Path, case: dict, tmp_path: Path) -> Path:
    """A parameter file for ``case``: its bad file is copied into the project (dataset paths must
    lie inside it) and named in place of the dataset's own."""
    params = yaml.safe_load((project / "params" / DEFAULT_PARAMS.name).read_text())
    if "dataset" in case:
        copy = project / "data" / "bad_inputs" / case["file"]
        copy.parent.mkdir(parents=True, exist_ok=True)
        if (CORPUS / case["file"]).is_dir():
            shutil.copytree(CORPUS / case["file"], copy, dirs_exist_ok=True)
        else:
            shutil.copyfile(CORPUS / case["file"], copy)
        params["data"][case["dataset"]] = copy.relative_to(project).as_posix()
        params["periods"].update(case.get("periods", {}))
    params.update(case.get("change", {}))
    params["data"].update(case.get("data_change", {}))
    path = tmp_path / f"{case['case']}.yml"
    path.write_text(yaml.safe_dump(params, sort_keys=False) + case.get("append", ""))
    return path


def test_the_corpus_is_large_enough():
    assert len(CASES["data"]) + len(CASES["params"]) >= 50


@pytest.mark.parametrize(
    "case", [c for c in CASES["data"] if c["expect"] == "error"] + CASES["params"], ids=lambda c: c["case"]
)
def test_bad_input_stops_the_build_with_one_clear_line(published, case, tmp_path, monkeypatch, capsys):
    project, out = published
    site, raw = snapshot(out / DEFAULT_PARAMS.stem), snapshot(project / "data" / "raw")
    monkeypatch.chdir(project)
    assert main(["build", "--params", str(_params(project, case, tmp_path)), "--out", str(out)]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, errors
    for fragment in case["message_has"] + ([case["file"]] if "file" in case and "." in case["file"] else []):
        assert fragment in errors[0], (fragment, errors[0])
    assert snapshot(out / DEFAULT_PARAMS.stem) == site
    assert snapshot(project / "data" / "raw") == raw


@pytest.mark.parametrize("case", [c for c in CASES["data"] if c["expect"] != "error"], ids=lambda c: c["case"])
def test_harmless_input_passes(published, case, tmp_path):
    project, _ = published
    edition = load_edition(_params(project, case, tmp_path), project)
    assert case["dataset"] in validate_inputs(edition)
    if case["expect"] == "warning":
        crosswalk = read_dataset(edition, "offence_crosswalk")
        weights = harm.offence_weights(
            crosswalk, read_dataset(edition, "harm_weights_chi"), read_dataset(edition, "harm_weights_css")
        ).set_index("offence_code")
        weighed = harm.weigh(read_dataset(edition, "recorded_crime_force"), weights["chi"], "offence_code")
        assert harm.unweighted(weighed, "offence_code")["offence_code"].tolist() == case["message_has"]


def test_killing_a_build_half_way_keeps_the_last_good_site(published, tmp_path):
    project, out = published
    site = snapshot(out / DEFAULT_PARAMS.stem)
    params = tmp_path / "changed.yml"
    # A new title is part of every chapter's identity, so every chapter re-runs.
    text = (project / "params" / DEFAULT_PARAMS.name).read_text()
    params.write_text(text.replace("title: Strategic Assessment", "title: Changed Strategic Assessment"))
    command = [str(Path(sys.executable).with_name("assess")), "build", "--params", str(params), "--out", str(out)]
    process = subprocess.Popen(
        command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True
    )
    for line in process.stdout:  # wait until the notebooks are running, then kill everything
        if "executing" in line:
            time.sleep(1.5)
            break
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert snapshot(out / DEFAULT_PARAMS.stem) == site
    index, _ = build(project / "params" / DEFAULT_PARAMS.name, out, project, jobs=2, log=lambda m: None)
    assert index.is_file()
