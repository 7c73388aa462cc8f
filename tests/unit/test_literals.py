"""No force name or colour is typed in the code: they come from the forces registry and
``present.colours``."""

import ast
import re

import nbformat
import pytest

from assess.edition import load_edition
from conftest import ROOT

SOURCES = sorted((ROOT / "src" / "assess").rglob("*.py"))
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
FORCES = load_edition(sorted((ROOT / "params").glob("*.yml"))[0], ROOT).registry.names
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def _strings(code: str) -> list[str]:
    """Every string constant of the code that is not a docstring."""
    tree = ast.parse(code)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def _code(path) -> str:
    if path.suffix == ".ipynb":
        return "\n".join(c.source for c in nbformat.read(str(path), as_version=4).cells if c.cell_type == "code")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SOURCES + NOTEBOOKS, ids=lambda p: p.name)
def test_no_force_name_in_code(path):
    names = re.compile(r"\b(" + "|".join(re.escape(f) for f in FORCES) + r")\b")
    assert [s for s in _strings(_code(path)) if names.search(s)] == []


@pytest.mark.parametrize("path", [p for p in SOURCES + NOTEBOOKS if p.name != "colours.py"], ids=lambda p: p.name)
def test_no_colour_outside_the_palette(path):
    assert [s for s in _strings(_code(path)) if HEX.search(s)] == []
