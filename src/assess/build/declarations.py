"""What a chapter declares it reads, for the build: the constants of its chapter module
(``assess.chapters``), read without running the notebook."""

from __future__ import annotations

from pathlib import Path

from ..chapters import Declaration, chapter_module, declaration


def read_declaration(notebook: Path) -> Declaration:
    """The datasets and parameter sections the chapter of ``notebooks/<name>.ipynb`` declares in
    its module ``assess.chapters.<name>``. Raises BuildError (one line) when the module is missing
    or its declaration is malformed."""
    return declaration(chapter_module(Path(notebook).stem))
