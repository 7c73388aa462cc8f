"""Dataset paths from parameter files stay inside the project, however they are spelled."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assess.errors import ConfigError
from assess.read.paths import inside_project, shown_path


@pytest.fixture
def project(tmp_path) -> Path:
    """A project folder with data/crime.csv, beside a folder outside it holding secret.txt."""
    root = tmp_path / "proj"
    (root / "data").mkdir(parents=True)
    (root / "data" / "crime.csv").write_text("month,count\n")
    (tmp_path / "proj-evil").mkdir()
    (tmp_path / "proj-evil" / "secret.txt").write_text("SECRET first line\n")
    return root


def refusal(root, rel) -> str:
    """The one-line ConfigError message for ``rel``, checked to name the key and file."""
    with pytest.raises(ConfigError) as caught:
        inside_project(root, rel, "data.crime", "params/edition.yml")
    message = str(caught.value)
    assert message.startswith("params/edition.yml: key 'data.crime': expected ") and "\n" not in message
    assert "SECRET" not in message
    return message


@pytest.mark.parametrize("rel", ["data/crime.csv", "data/../data/crime.csv", "./data//crime.csv", "data/absent.csv"])
def test_a_path_inside_the_project_is_resolved(project, rel):
    assert inside_project(project, rel, "data.crime", "p.yml") == (project / rel).resolve()


def test_an_absolute_path_inside_the_project_is_accepted(project):
    target = project / "data" / "crime.csv"
    assert inside_project(project, str(target), "data.crime", "p.yml") == target.resolve()


@pytest.mark.parametrize(
    "rel", ["..", "../proj-evil/secret.txt", "data/../../proj-evil/secret.txt", "/etc/passwd", "/", "//etc/passwd"]
)
def test_a_path_leading_outside_is_refused(project, rel):
    assert "a path inside the project folder" in refusal(project, rel)


def test_a_symlink_leading_outside_is_refused(project):
    (project / "data" / "link.txt").symlink_to(project.parent / "proj-evil" / "secret.txt")
    (project / "data" / "outside").symlink_to(project.parent / "proj-evil")
    assert "inside the project" in refusal(project, "data/link.txt")
    assert "inside the project" in refusal(project, "data/outside/secret.txt")


def test_a_symlink_within_the_project_is_followed(project):
    (project / "current.csv").symlink_to(project / "data" / "crime.csv")
    assert inside_project(project, "current.csv", "k", "p.yml") == project / "data" / "crime.csv"


def test_a_root_given_through_a_symlink_works(project, tmp_path):
    (tmp_path / "alias").symlink_to(project)
    assert inside_project(tmp_path / "alias", "data/crime.csv", "k", "p.yml") == project / "data" / "crime.csv"


@pytest.mark.parametrize("rel", [None, 3, ["data/crime.csv"], {"path": "x"}, "", "   "])
def test_a_path_must_be_text(project, rel):
    assert "a path from the project root, as text" in refusal(project, rel)


def test_a_nul_byte_is_refused(project):
    assert "a path that can be resolved" in refusal(project, "data/crime.csv\0.txt")


def test_a_symlink_loop_is_refused(project):
    (project / "loop").symlink_to(project / "loop")
    assert "a path that can be resolved" in refusal(project, "loop/x.csv")


def test_shown_path_is_posix_from_the_root(project):
    assert shown_path(project / "data" / "crime.csv", project) == "data/crime.csv"
    assert shown_path(Path(os.sep) / "etc" / "passwd", project) == "passwd"  # never where it lies
