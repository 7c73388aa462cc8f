"""Kernels forked from the build's KernelServer run code like ordinary ones, stop with it, and the
build falls back to ordinary kernels when there is no server; the servers of one process are
forked from one zygote while the package's source is unchanged."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import pytest
from jupyter_client import AsyncKernelClient

from assess.build import cache
from assess.build.kernels import (
    SERVER_ENV,
    ForkedKernel,
    KernelServer,
    QuietBlockingKernelManager,
    QuietKernelManager,
    Zygote,
    fork_kernel,
)

pytestmark = pytest.mark.build


def run(code: str) -> str:
    """Start a kernel with QuietKernelManager, run ``code``, return its text output and stop it."""

    async def session() -> str:
        manager = QuietKernelManager(kernel_name="python3")
        await manager.start_kernel()
        client: AsyncKernelClient = manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=120)
            reply = await client.execute_interactive(code, timeout=120, output_hook=outputs.append)
            assert reply["content"]["status"] == "ok"
        finally:
            client.stop_channels()
            await manager.shutdown_kernel()
        return "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")

    outputs: list[dict] = []
    return asyncio.run(session())


def test_a_kernel_is_forked_from_the_server_and_stops_with_it(monkeypatch, tmp_path):
    code = "import os, sys; print(os.getppid(), 'pandas' in sys.modules, os.environ['MPLBACKEND'])"
    with KernelServer() as path:
        monkeypatch.setenv(SERVER_ENV, path)
        parent, preloaded, backend = run(code).split()
        server = subprocess.run(["ps", "-o", "args=", "-p", parent], capture_output=True, text=True).stdout
        assert "assess.build.kernels" in server and preloaded == "True"
        assert backend == "module://matplotlib_inline.backend_inline"
        command = [sys.executable, "-m", "ipykernel_launcher", "-f", str(tmp_path / "kernel.json")]
        kernel = fork_kernel(path, command, str(tmp_path), dict(os.environ))
        assert kernel is not None and kernel.poll() is None
    kernel.wait(timeout=30)  # the server took its kernels with it
    assert not os.path.exists(path)


def test_the_blocking_manager_nbval_is_given_forks_its_kernel_too_and_talks_over_ipc(monkeypatch):
    """``make test`` gives nbval QuietBlockingKernelManager (tests/nbval_kernels.py)."""
    with KernelServer() as path:
        monkeypatch.setenv(SERVER_ENV, path)
        manager = QuietBlockingKernelManager(kernel_name="python3")
        manager.start_kernel()
        client = manager.client()
        client.start_channels()
        outputs: list[dict] = []
        try:
            client.wait_for_ready(timeout=120)
            reply = client.execute_interactive(
                "import os; print(os.getppid())", timeout=120, output_hook=outputs.append
            )
            assert reply["content"]["status"] == "ok"
        finally:
            client.stop_channels()
            manager.shutdown_kernel()
        parent = "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream").strip()
        server = subprocess.run(["ps", "-o", "args=", "-p", parent], capture_output=True, text=True).stdout
        assert "assess.build.kernels" in server
        assert manager.transport == "ipc"
        assert not manager.is_alive()


def test_the_servers_of_one_process_are_forked_from_one_zygote_until_the_package_changes(monkeypatch):
    def zygote_of_kernel(path: str) -> int:
        """The process that forked the server that forked the kernel."""
        monkeypatch.setenv(SERVER_ENV, path)
        server = run("import os; print(os.getppid())").strip()
        return int(subprocess.run(["ps", "-o", "ppid=", "-p", server], capture_output=True, text=True).stdout)

    with KernelServer() as path:
        first = zygote_of_kernel(path)
    with KernelServer() as path:
        second = zygote_of_kernel(path)
    old = Zygote.current()
    assert first == second == old.process.pid
    monkeypatch.setattr(cache, "package_digest", lambda: "the package's source changed")
    with KernelServer() as path:
        third = zygote_of_kernel(path)
    assert third != first and third == Zygote.current().process.pid
    assert old.process.poll() is not None  # the old zygote has stopped


def test_without_a_server_the_kernel_starts_the_ordinary_way(monkeypatch):
    monkeypatch.delenv(SERVER_ENV, raising=False)
    parent = run("import os; print(os.getppid())").strip()
    assert int(parent) == os.getpid()


def test_a_server_that_is_gone_or_a_foreign_command_gives_no_forked_kernel(tmp_path):
    assert fork_kernel(str(tmp_path / "gone" / "server.sock"), ["python", "-m", "ipykernel_launcher"], "/", {}) is None
    assert fork_kernel(str(tmp_path / "server.sock"), ["julia", "kernel.jl"], "/", {}) is None


def test_a_forked_kernel_that_has_stopped_polls_as_finished():
    finished = subprocess.Popen([sys.executable, "-c", "pass"])
    finished.wait()
    assert ForkedKernel(finished.pid).poll() == 0 and ForkedKernel(finished.pid).wait(timeout=1) == 0
