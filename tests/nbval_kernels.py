"""A pytest plugin for ``make test``'s nbval step (``-p tests.nbval_kernels``): nbval's kernels are
started as the build starts its chapters' kernels (``assess.build.kernels``).

- They talk over IPC sockets of their own. nbval's own kernel manager picks TCP ports, and two
  kernels started at the same moment in two worker processes can pick the same ones: one run
  lost every cell of a notebook that way. With sockets of their own, the notebooks are checked two
  at a time.
- They are forked from one KernelServer per process, which has imported pandas, matplotlib,
  statsmodels and ``assess`` once, as the build's kernels are. What nbval checks is unchanged: each
  notebook runs from its first cell in a kernel of its own, and every output is compared with the
  one the build stored."""

from __future__ import annotations

import os

import nbval.kernel
import pytest

from assess.build.kernels import SERVER_ENV, KernelServer, QuietBlockingKernelManager

SERVER = pytest.StashKey[KernelServer]()


def pytest_configure(config: pytest.Config) -> None:
    nbval.kernel.KernelManager = QuietBlockingKernelManager  # nbval starts every kernel with this name
    distributing = getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput")
    if not distributing:  # pytest-xdist's controller runs no notebook: only its workers need a server
        server = config.stash[SERVER] = KernelServer()
        os.environ[SERVER_ENV] = server.__enter__()


def pytest_unconfigure(config: pytest.Config) -> None:
    server = config.stash.get(SERVER, None)
    if server is not None:
        server.__exit__(None, None, None)
        os.environ.pop(SERVER_ENV, None)
