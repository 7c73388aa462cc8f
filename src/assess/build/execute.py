"""Run chapter notebooks with Papermill, each in a worker process of its own, or carry a chapter's
new prose into its last run when only its Markdown changed."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import nbformat
import papermill

from ..edition import Edition
from ..errors import AssessError, BuildError
from ..read.paths import shown_path
from .kernels import SERVER_ENV, KernelServer, QuietKernelManager
from .prose import ready_for_readers

CELL_TIMEOUT_SECONDS = 600


def execute_notebook(source: Path, target: Path, edition: Edition, cwd: Path | None = None) -> Path:
    """Run the notebook ``source`` for ``edition`` into ``target``; returns ``target``.

    The kernel starts in ``cwd`` (default: ``target``'s folder), and the parameters give the
    project root relative to it, so the stored notebook re-runs where it is published (nbval).
    Papermill's injected-parameters cell is tagged ``remove-cell``; its timing metadata is
    dropped and its random cell id fixed, so that two runs store the same notebook. Raises
    BuildError naming the notebook and the cell.
    """
    cwd = Path(cwd or target.parent)
    params_file = (
        os.path.relpath(edition.source, edition.root)
        if edition.source.is_relative_to(edition.root)
        else str(edition.source)
    )
    parameters = {"params_file": params_file, "project_root": os.path.relpath(edition.root, cwd)}
    try:
        papermill.execute_notebook(
            str(source),
            str(target),
            parameters=parameters,
            kernel_name="python3",
            kernel_manager_class=QuietKernelManager,
            cwd=str(cwd),
            execution_timeout=CELL_TIMEOUT_SECONDS,
            progress_bar=False,
            log_output=False,
            report_mode=False,
        )
    except papermill.PapermillExecutionError as err:
        raise BuildError(
            f"{shown_path(source, edition.root)}, cell {err.exec_count}: {err.ename}: {err.evalue}"
        ) from None
    nb = nbformat.read(str(target), as_version=4)
    ready_for_readers(nb, edition.forces)
    _tidy(nb)
    nbformat.write(nb, str(target))
    return target


def reword(source: Path, executed: Path, target: Path, forces: tuple[str, ...]) -> Path:
    """Write to ``target`` the chapter ``source`` with the outputs of its earlier run ``executed``:
    every Markdown cell from ``source``, every code cell (and Papermill's parameters cell) from
    ``executed``. Valid when the two have the same code (``cache.code_digest``); returns ``target``.

    Its Markdown is made ready for the edition's ``forces`` (``assess.build.prose``). Raises
    BuildError when ``executed`` lacks one of ``source``'s code cells, and when a cell's
    ``if:``/``unless:`` condition or per-force name was never glued.
    """
    new = nbformat.read(str(source), as_version=4)
    old = nbformat.read(str(executed), as_version=4)
    ran = {cell.get("id"): cell for cell in old.cells if cell.cell_type == "code"}
    cells = []
    for cell in new.cells:
        if cell.cell_type != "code":
            cells.append(cell)
            continue
        if cell.get("id") not in ran:
            raise BuildError(f"{source.name}: code cell {cell.get('id')} has no earlier run to reuse")
        cells.append(ran[cell.get("id")])
        if "parameters" in cell.metadata.get("tags", []) and "injected-parameters" in ran:
            cells.append(ran["injected-parameters"])
    old.cells = cells
    ready_for_readers(old, forces)
    _tidy(old)
    nbformat.write(old, str(target))
    return target


def _tidy(nb) -> None:
    """Drop Papermill's timing metadata, fix its parameters cell's random id and hide that cell."""
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        tags = cell.metadata.setdefault("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"  # Papermill gives it a random id
            if "remove-cell" not in tags:
                tags.append("remove-cell")


def run_chapters(
    jobs: list[tuple[str, Path, Path]],
    edition: Edition,
    cwd: Path,
    workers: int,
    log,
    server: str | None = None,
    pool: ProcessPoolExecutor | None = None,
) -> tuple[dict[str, float], dict[str, AssessError]]:
    """Execute each (name, notebook, target) ``workers`` at a time, started in the order given;
    returns the seconds each chapter done took, by name in the order they finished, and the
    failures by name. After the
    first failure the jobs not yet started are cancelled. Logs one line per chapter as it
    finishes, from this process only (the workers print nothing), so that lines never run together.

    Papermill changes the working directory of the process it runs in, so each notebook runs in
    a worker process of its own, never in a thread beside another. The kernels are forked from
    one KernelServer, which has imported the chapters' heavy modules once: the one whose socket
    is ``server``, or else one started here. The worker processes are ``pool``'s (``start_workers``;
    the caller shuts it down), or else ``workers`` started here.
    """
    done, failures = {}, {}
    if not jobs:
        return done, failures
    width = max(len(name) for name, _, _ in jobs)
    with (
        contextlib.nullcontext(server) if server else KernelServer() as server,
        contextlib.nullcontext(pool) if pool else start_workers(min(workers, len(jobs))) as pool,
    ):
        futures = {pool.submit(_timed, source, target, edition, cwd, server): name for name, source, target in jobs}
        for count, future in enumerate(as_completed(futures), 1):
            name = futures[future]
            if future.cancelled():
                continue
            try:
                seconds = future.result()
            except AssessError as err:
                failures[name] = err
                for other in futures:
                    other.cancel()
                log(f"  [{count}/{len(jobs)}] {name:<{width}}  FAILED")
                continue
            done[name] = seconds
            log(f"  [{count}/{len(jobs)}] {name:<{width}}  {seconds:5.1f} s")
    return done, failures


def start_workers(count: int) -> ProcessPoolExecutor:
    """A pool of ``count`` (at least one) worker processes for ``run_chapters``, each already
    starting; shut it down (``with``) when done. A worker ignores Ctrl-C: the build stops the
    workers itself.

    Workers are never forked from the build's own process: a build runs inside other programs,
    such as the browser tests' process or ``assess preview``, whose threads and locks a forked
    copy would inherit, and a worker forked there hung. They are forked from multiprocessing's
    fork server instead, a fresh single-threaded Python that imports this module (and so
    Papermill and ``assess``) once, where spawning each worker imported it again (about a second
    of CPU each). A build overlaps that import with its input checks by starting the pool early.
    The fork server lives as long as the build's process; in ``assess preview`` workers therefore
    run the build code as it was when the preview started (chapter code runs in kernels, which
    are new every build)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    pool = ProcessPoolExecutor(max_workers=max(1, count), mp_context=context, initializer=_ignore_interrupts)
    for _ in range(max(1, count)):
        pool.submit(_started)  # starts the workers
    return pool


def _ignore_interrupts() -> None:
    """In a worker: leave Ctrl-C to the build, which stops its workers (no traceback of their own)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _started() -> None:
    """Nothing: run in a new worker, which imports this module to run it."""


def _timed(source: Path, target: Path, edition: Edition, cwd: Path, server: str) -> float:
    """Execute one notebook into ``target`` (in a worker process), its kernel forked by the
    KernelServer at ``server``; returns the seconds it took."""
    os.environ[SERVER_ENV] = server
    began = time.monotonic()
    execute_notebook(source, target, edition, cwd=cwd)
    return time.monotonic() - began
