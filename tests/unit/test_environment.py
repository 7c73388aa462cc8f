"""pyproject.toml, environment.yml and constraints.txt name the same packages at the same versions."""

import re
import tomllib

import yaml

from conftest import ROOT


def _pins(lines) -> dict[str, str]:
    pins = {}
    for line in lines:
        match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)==([^\s;#]+)\s*", line)
        if match:
            pins[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[2]
    return pins


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lines = project["dependencies"] + [d for deps in project["optional-dependencies"].values() for d in deps]
    assert len(_pins(lines)) == len(lines), "every dependency in pyproject.toml is pinned with =="
    return _pins(lines)


def test_environment_yml_lists_the_same_packages_as_pyproject():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert _pins(pip_section) == _pyproject()


def test_constraints_pin_every_direct_dependency_at_the_same_version():
    locked = _pins((ROOT / "constraints.txt").read_text().splitlines())
    for name, version in _pyproject().items():
        assert locked.get(name) == version, name
