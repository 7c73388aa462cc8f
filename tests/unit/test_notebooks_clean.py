"""Notebooks are stored clean: no outputs, no execution counts, and the project's kernel.

Jupyter Lab saves outputs into the notebook it edits; `make setup` installs nbstripout as this
clone's git filter so they never reach a commit, and this test catches any that did.
"""

import json

import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
KERNEL = "python3"  # the kernel the build runs chapters with (assess.build.execute)


def test_there_are_notebooks_to_check():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs_and_with_the_projects_kernel(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [
        i
        for i, cell in enumerate(nb["cells"])
        if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]
    assert dirty == [], f"{path.name}: cells {dirty} hold outputs or execution counts (run `make setup`)"
    assert nb["metadata"].get("kernelspec", {}).get("name") == KERNEL, f"{path.name}: kernel is not {KERNEL}"


def test_the_check_notices_an_output(tmp_path):
    """The test above would fail on a notebook saved with an output: shown on a real chapter."""
    nb = json.loads(NOTEBOOKS[0].read_text(encoding="utf-8"))
    code = next(cell for cell in nb["cells"] if cell["cell_type"] == "code")
    code["outputs"], code["execution_count"] = [{"output_type": "stream", "name": "stdout", "text": "1"}], 1
    (tmp_path / NOTEBOOKS[0].name).write_text(json.dumps(nb))
    with pytest.raises(AssertionError):
        test_notebook_is_stored_without_outputs_and_with_the_projects_kernel(tmp_path / NOTEBOOKS[0].name)
