"""The bad-input corpus through the whole build, for a few cases (every case is checked where
its input is read, in tests/unit/test_bad_inputs.py): the build stops with one line naming the
file, row and column, exits non-zero, writes nothing into data/raw and leaves the published site
byte for byte. Killing a build half-way also keeps the site."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from projects import make_project

from assess.build import build
from assess.build.cli import main
from conftest import BAD_INPUTS, DEFAULT_PARAMS, bad_input_params, snapshot, stamps

pytestmark = pytest.mark.build
END_TO_END = ("threats_include_in_quote", "recommendations_ahead_threat_path", "params_previous_edition_itself")
"""The cases run through the whole build: a threat page's directive, a register's path where an
id belongs, and an edition's parameters."""


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A small project with a published default edition."""
    project = make_project(tmp_path_factory.mktemp("bad") / "project", sections=["introduction", "data-and-methods"])
    out = project / "_build"
    build(project / "params" / DEFAULT_PARAMS.name, out, project, jobs=2, log=lambda m: None)
    return project, out


@pytest.mark.parametrize(
    "case", [c for c in BAD_INPUTS["data"] + BAD_INPUTS["params"] if c["case"] in END_TO_END], ids=lambda c: c["case"]
)
def test_bad_input_stops_the_build_with_one_clear_line(published, case, tmp_path, monkeypatch, capsys):
    project, out = published
    site, raw = snapshot(out / DEFAULT_PARAMS.stem), stamps(project / "data" / "raw")
    data = project / "data" / "bad_inputs"
    data.mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(project)
    params = bad_input_params(case, tmp_path, data, project)
    assert main(["build", "--params", str(params), "--out", str(out)]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, errors
    for fragment in case["message_has"] + ([case["file"]] if "." in case.get("file", "") else []):
        assert fragment in errors[0], (fragment, errors[0])
    assert snapshot(out / DEFAULT_PARAMS.stem) == site
    assert stamps(project / "data" / "raw") == raw


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
