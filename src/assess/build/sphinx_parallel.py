"""A Sphinx extension that lets the book's HTML be read and written by several processes at once.

Sphinx reads and writes pages in parallel only when every extension declares it safe, and two
that Jupyter Book loads declare nothing, so Sphinx assumes they are not (and, as the build treats
warnings as errors, says so and fails when asked for parallel work):

- ``sphinx_multitoc_numbering`` replaces how section numbers are assigned; that runs once, in the
  main process, on the environment merged after reading, so how the pages were read is
  irrelevant to it, and it has no part in writing;
- ``sphinx_jupyterbook_latex`` adds transforms that each change only the page they run on, and
  post-transforms that act only for the LaTeX builder.

This extension declares both safe, once every extension is loaded (``builder-inited``). The
pages come out byte for byte the same as from one process. ``site.edition_config`` loads it.
"""

from __future__ import annotations

SAFE_UNDECLARED = ("sphinx_multitoc_numbering", "sphinx_jupyterbook_latex")
"""Extensions read and found parallel-safe for reading and writing, though they do not say so."""


def _declare_safe(app) -> None:
    for name in SAFE_UNDECLARED:
        extension = app.extensions.get(name)
        if extension is not None:
            extension.parallel_read_safe = True
            extension.parallel_write_safe = True


def setup(app) -> dict:
    """Sphinx's entry point: declares SAFE_UNDECLARED safe once the builder starts."""
    app.connect("builder-inited", _declare_safe)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
