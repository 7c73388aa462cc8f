"""Turn the executed chapters into HTML with Jupyter Book, and publish a site atomically."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import shutil
from importlib import resources
from pathlib import Path

import yaml

from ..edition import Edition
from ..errors import BuildError, InputError, Said
from ..periods import day_label
from ..present.escape import myst_inline, title_text
from ..present.markdown import analyst_line
from ..read.yamlfile import read_yaml
from .project import Project


def edition_config(project: Project, edition: Edition) -> str:
    """The project's ``_config.yml`` with the edition's title and author, as YAML text, and its
    protective marking and PDF's name for the page templates (``book/_templates``), and the
    edition's title, publisher and as-of date as MyST substitutions for the landing page
    (``book/index.md``), escaped with ``myst_inline`` so that they render as text.

    Title and author are escaped with ``title_text``: the theme writes them into every page
    unescaped (the templates escape the marking themselves).
    """
    config = read_yaml(project.config, what="the Jupyter Book configuration")
    config["title"] = title_text(edition.title)
    config["author"] = title_text(edition.organisation)
    config.setdefault("parse", {})["myst_substitutions"] = {
        "edition_title": myst_inline(edition.title),
        "edition_organisation": myst_inline(edition.organisation),
        "as_of_date": myst_inline(day_label(edition.as_of)),
    }
    context = config["sphinx"]["config"].setdefault("html_context", {})
    context.update(assess_marking=edition.marking, assess_pdf=f"{edition.edition}.pdf")
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


def edition_toc(project: Project) -> str:
    """The project's table of contents as this build renders it, as YAML text: an entry that globs
    pages (``sections/threats/*``) is left out when no page matches it (an edition with no threat
    register has no threat pages), and a chapter left with no sections loses its ``sections``."""
    toc = read_yaml(project.toc, what="the table of contents")

    def keep(entry) -> bool:
        return not (isinstance(entry, dict) and "glob" in entry and not any(project.book.glob(entry["glob"] + ".md")))

    def walk(node):
        if isinstance(node, dict):
            for key in ("parts", "chapters", "sections"):
                if key in node:
                    node[key] = [walk(child) for child in node[key] if keep(child)]
                    if not node[key] and key == "sections":
                        del node[key]
        return node

    return yaml.safe_dump(walk(toc), sort_keys=False, allow_unicode=True)


def jupyter_book(project: Project, config: Path, toc: Path, stage: Path, log=None) -> Path:
    """Build the book into ``stage`` with ``config`` and the table of contents ``toc`` (warnings are
    errors); returns the HTML folder.

    The build is incremental: Sphinx keeps its environment in ``stage`` and re-reads and re-writes
    only the pages whose source changed since the last build there, so ``stage`` must be one that
    last built successfully with the same ``config`` (``pipeline`` sees to it), or empty. Jupyter
    Book runs in this process (what ``jupyter-book build`` runs), so a process that builds again
    and again, like ``assess preview``, imports Sphinx and its extensions once; a later build in
    the same process re-writes only the changed pages too. ``log``, when
    given, receives Jupyter Book's own output line by line (``--verbose``). Raises BuildError with
    the first warning or error Jupyter Book reported.
    """
    from jupyter_book.sphinx import build_sphinx  # heavy: imported only when a site is built

    html = stage / "_build" / "html"
    # Sphinx compares a hash of its configuration with the one in .buildinfo and rewrites every page
    # when they differ; the theme and sphinx-thebe change configuration values while pages are
    # written, so a second build in the same process (``assess preview``, the benchmark) always
    # differed and rewrote all the pages after a one-page edit. Without the file Sphinx goes by the
    # pages' time stamps alone, which is safe because ``pipeline`` empties the stage whenever the
    # configuration, the table of contents or the Sphinx packages changed.
    (html / ".buildinfo").unlink(missing_ok=True)
    _seed_mystnb_css(html)
    overrides = {"external_toc_path": toc.as_posix(), "nitpicky": True, "latex_individualpages": False}
    output = io.StringIO()
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "0"  # no build time in the pages
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            result = build_sphinx(
                project.book,
                html,
                noconfig=True,
                path_config=str(config),
                confoverrides=overrides,
                builder="html",
                warningiserror=True,
                keep_going=True,
                quiet=log is None,
            )
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    plain = re.sub(r"\x1b\[[0-9;]*m", "", output.getvalue())  # drop terminal colours
    if log is not None:
        for line in plain.splitlines():
            log(f"    jupyter-book: {line}")
    if result != 0:
        problems = [line for line in plain.splitlines() if "WARNING" in line or "ERROR" in line or "Error" in line]
        detail = problems[0] if problems else (plain.strip().splitlines() or [repr(result)])[-1]
        analyst = _analyst_problem(project, detail)
        if analyst is not None:
            raise analyst
        raise BuildError(f"jupyter-book build failed ({len(problems)} problems); first: {_shortened(detail)}")
    return html


_WARNING = re.compile(r"(?P<file>.+?\.(?:md|ipynb|rst)):(?P<line>\d+): (?:WARNING|ERROR|SEVERE|CRITICAL): (?P<what>.*)")
"""A problem Sphinx reports in a page: ``<file>:<line>: WARNING: <what>``."""
DETAIL_LIMIT = 240
"""Characters of a message from underneath (Sphinx, the file system) kept in a one-line error."""


def _analyst_problem(project: Project, detail: str) -> InputError | None:
    """The problem Sphinx reported in ``detail``, as an InputError at the analyst's own file and
    line when the page it names was made from one (``present.markdown.analyst_line``); None otherwise."""
    found = _WARNING.fullmatch(detail.strip())
    if not found:
        return None
    page = Path(found["file"])
    page = page if page.is_absolute() else project.book / page
    origin = analyst_line(page, int(found["line"]))
    if origin is None:
        return None
    path, line = origin
    return InputError(path, "text the book can render", row=line, found=Said(_shortened(found["what"])))


def _shortened(text: str, limit: int = DETAIL_LIMIT) -> str:
    """``text`` on one line, cut to at most ``limit`` characters (the last one "…" when cut)."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _seed_mystnb_css(html: Path) -> None:
    """Put myst-nb's style sheet where it will be: myst-nb copies it into ``_static`` only once
    the pages are written, and Sphinx adds a ``?v=`` checksum to a page's link to a style sheet
    only when the file is already there. Without this, pages written by a cold build would link it
    without the checksum and pages re-written later with it, so an incremental build would differ
    from a cold one."""
    css = resources.files("myst_nb.static").joinpath("mystnb.css").read_bytes()
    target = html / "_static" / f"mystnb.{hashlib.sha256(css).hexdigest()}.css"
    if not (target.is_file() and target.read_bytes() == css):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(css)


def copy_for_readers(html: Path, folder: Path) -> Path:
    """Copy the built site ``html`` to ``folder`` (replacing it) without Sphinx's rebuild record
    ``.buildinfo``, which is not for readers; returns ``folder``. A copy that fails (a full disk)
    is removed and raises BuildError in one line: the reason, and how many files were not copied."""
    shutil.rmtree(folder, ignore_errors=True)
    try:
        shutil.copytree(html, folder, ignore=shutil.ignore_patterns(".buildinfo"))
    except OSError as err:
        shutil.rmtree(folder, ignore_errors=True)
        raise BuildError(f"{folder}: the site could not be copied there ({os_reason(err)})") from None
    return folder


def os_reason(err: OSError) -> str:
    """Why an operating-system error happened, in one short line: its reason ("No space left on
    device"), and for a copy of many files (``shutil.Error``) how many failed."""
    if isinstance(err, shutil.Error) and err.args and isinstance(err.args[0], list):
        failures = err.args[0]
        reasons = [str(why) for *_, why in failures if isinstance(why, (str, OSError))]
        first = reasons[0] if reasons else "unknown"
        reason = re.sub(r"^\[Errno \d+\] ", "", first).split(": '", 1)[0]
        return _shortened(f"{reason}; {len(failures)} files not copied")
    return _shortened(err.strerror or str(err))


def publish(new: Path, target: Path) -> Path:
    """Move the freshly built site ``new`` into place at ``target``, replacing the old one.

    The old site is renamed aside first and removed only once the new one is in place, so a
    reader never finds ``target`` half-written.
    """
    previous = target.with_name(target.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        os.replace(target, previous)
    os.replace(new, target)
    shutil.rmtree(previous, ignore_errors=True)
    return target
