"""The command speaks in one line whatever happens: outside the project, a read-only or full
disk, Ctrl-C (status 130). A failed build leaves no stage folder or half-written cache file."""

from __future__ import annotations

import errno

import pytest

from assess.build import cli, pipeline
from assess.build.lock import LOCK_NAME
from conftest import ROOT


def _one_error_line(capsys) -> str:
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith("error: ") and "Traceback" not in err, err
    return err


def test_the_project_root_is_found_from_a_sub_folder():
    assert cli.project_root(ROOT / "notebooks") == ROOT and cli.project_root(ROOT) == ROOT


def test_outside_a_project_the_command_says_where_to_run_it(tmp_path, monkeypatch, capsys):
    (tmp_path / "pyproject.toml").write_text("[tool.other]\nx = 1\n")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build", "--out", str(tmp_path / "out")]) == 1
    assert "[tool.assess]" in _one_error_line(capsys)


def test_a_build_from_a_sub_folder_builds_the_project(monkeypatch):
    seen = {}
    monkeypatch.setattr(
        cli, "build", lambda params, out, root, jobs, log, verbose: seen.update(root=root, out=out) or (out, 0)
    )
    monkeypatch.chdir(ROOT / "notebooks")
    assert cli.main(["build"]) == 0
    assert seen == {"root": ROOT, "out": ROOT / "_build"}


@pytest.mark.parametrize(
    "error, status, fragment",
    [
        (OSError(errno.ENOSPC, "No space left on device", "/out/.cache/e/x.tmp.ipynb"), 1, "No space left"),
        (PermissionError(errno.EACCES, "Permission denied", "/out/.assess.lock"), 1, "/out/.assess.lock"),
        (KeyboardInterrupt(), 130, "interrupted"),
    ],
)
def test_system_failures_and_ctrl_c_are_one_line(monkeypatch, capsys, error, status, fragment):
    def fail(*args):
        raise error

    monkeypatch.setattr(cli, "build", fail)
    monkeypatch.chdir(ROOT)
    assert cli.main(["build", "--out", "/nonexistent/out"]) == status
    assert fragment in _one_error_line(capsys)


def test_a_read_only_output_folder_is_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    (tmp_path / "file").write_text("not a folder")
    assert cli.main(["build", "--out", str(tmp_path / "file" / "out")]) == 1
    assert "file" in _one_error_line(capsys)


def test_a_failed_build_leaves_no_stage_publishing_or_temporary_cache_file_and_releases_the_lock(tmp_path, monkeypatch):
    out = tmp_path / "out"

    def full_disk(params_file, out, root, jobs, log, verbose, printed):
        (out / ".stage-e").mkdir(parents=True)
        (out / ".publish-e").mkdir()
        (out / ".cache" / "e").mkdir(parents=True)
        (out / ".cache" / "e" / "intro.tmp.ipynb").write_text("{")
        (out / ".cache" / "e" / "intro.ipynb").write_text("{}")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pipeline, "_build", full_disk)
    with pytest.raises(OSError):
        pipeline.build("params.yml", out, tmp_path, 1, log=print)
    left = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    assert left == [LOCK_NAME, ".cache", ".cache/e", ".cache/e/intro.ipynb"]
    monkeypatch.setattr(pipeline, "_build", lambda *a: ("index", "summary"))
    assert pipeline.build("params.yml", out, tmp_path, 1, log=print, wait_seconds=0) == ("index", "summary")


def test_a_second_build_on_the_same_folder_waits_then_stops_with_one_line(tmp_path):
    from assess.build.lock import BuildLocked, output_lock

    said = []
    with output_lock(tmp_path, 0, said.append), pytest.raises(BuildLocked) as caught:
        pipeline.build("params.yml", tmp_path, tmp_path, 1, log=said.append, wait_seconds=0.2)
    assert "another build" in said[0] and "\n" not in str(caught.value)
