"""What a chapter declares it reads: the literal lists of its ``open_chapter`` call.

The build reads them from the notebook's code without running it, and the Chapter object the
call returns refuses anything else, so the two cannot disagree.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..errors import BuildError

CALL = "open_chapter"


@dataclass(frozen=True)
class Declaration:
    """``datasets``: names, or "all"; ``parameters``: parameter sections; ``optional``: datasets
    read only when the edition names them."""

    datasets: tuple[str, ...] | str
    parameters: tuple[str, ...]
    optional: tuple[str, ...] = ()

    def dataset_names(self, available) -> list[str]:
        """The declared datasets, with "all" standing for every name in ``available``, and the
        optional ones that are in ``available``; sorted."""
        named = set(available) if self.datasets == "all" else set(self.datasets)
        return sorted(named | (set(self.optional) & set(available)))


def notebook_code(path: Path) -> str:
    """All code of a notebook, cells joined by blank lines."""
    nb = nbformat.read(str(path), as_version=4)
    return "\n\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")


def read_declaration(path: Path) -> Declaration:
    """The datasets and parameter sections a chapter notebook declares.

    Raises BuildError when the notebook has no ``open_chapter`` call, more than one, or one whose
    ``datasets`` and ``parameters`` are not literal lists of names ("all" is allowed for datasets).
    """
    shown = f"notebooks/{path.name}"
    try:
        tree = ast.parse(notebook_code(path))
    except SyntaxError as err:
        raise BuildError(f"{shown}: expected Python code, found a syntax error at line {err.lineno}") from None
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and _name(node.func) == CALL]
    if len(calls) != 1:
        raise BuildError(
            f"{shown}: expected one {CALL}(..., datasets=[...], parameters=[...]) call, found {len(calls)}"
        )
    keywords = {k.arg: k.value for k in calls[0].keywords}
    try:
        datasets = ast.literal_eval(keywords["datasets"])
        parameters = ast.literal_eval(keywords["parameters"])
        optional = ast.literal_eval(keywords["optional"]) if "optional" in keywords else []
    except (KeyError, ValueError):
        raise BuildError(
            f"{shown}: expected {CALL} to name datasets=[...] and parameters=[...] as literal lists"
        ) from None
    if datasets != "all" and not _names(datasets) or not _names(parameters) or not _names(optional):
        raise BuildError(f"{shown}: expected {CALL}'s datasets and parameters to be lists of names")
    return Declaration(datasets if datasets == "all" else tuple(datasets), tuple(parameters), tuple(optional))


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def _names(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
