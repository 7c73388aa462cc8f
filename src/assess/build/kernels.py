"""The kernel managers the build runs chapters with (and ``make test`` runs nbval with): the
project's ``python3`` kernel, quietly.

Jupyter's default manager connects to the kernel over local TCP, for which the kernel prints a
warning about unencrypted transport, and it interrupts the kernel (SIGINT) before asking it to shut
down, for which the kernel may log "KeyboardInterrupt caught in kernel". Neither says anything to a
reader of the build log. Here the kernel talks over IPC sockets (files of its own in Jupyter's
runtime folder, removed when it stops), and a kernel that has finished its notebook is asked to shut
down without being interrupted first. The kernel's own log (its stderr) is discarded.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import importlib
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager, KernelManager
from jupyter_core.paths import jupyter_runtime_dir
from traitlets import default


class QuietBlockingKernelManager(KernelManager):
    """A KernelManager (jupyter_client's blocking interface) that uses IPC transport, forks its
    kernel from the KernelServer named in SERVER_ENV when there is one, and shuts kernels down
    without SIGINT. ``make test`` gives it to nbval (tests/nbval_kernels.py)."""

    @default("transport")
    def _default_transport(self) -> str:
        return "ipc"

    @default("ip")
    def _default_ip(self) -> str:
        """A socket path prefix of this kernel's own in Jupyter's runtime folder (created private),
        so that kernels started at the same moment never pick the same sockets."""
        folder = jupyter_runtime_dir()
        os.makedirs(folder, mode=0o700, exist_ok=True)
        return os.path.join(folder, f"assess-{uuid.uuid4().hex[:12]}")

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw):
        """Start the kernel with its own log lines (e.g. "Parent appears to have exited" after
        Ctrl-C) kept out of the build log: a chapter's errors reach the build as messages. When the
        build runs a KernelServer (SERVER_ENV), the kernel is forked from it instead."""
        kw.setdefault("stderr", subprocess.DEVNULL)
        server = os.environ.get(SERVER_ENV)
        cwd, env = kw.get("cwd") or os.getcwd(), kw.get("env") or dict(os.environ)
        forked = await asyncio.to_thread(fork_kernel, server, kernel_cmd, cwd, env) if server else None
        if forked is None:
            return await super()._async_launch_kernel(kernel_cmd, **kw)
        provisioner = self.provisioner
        provisioner.process, provisioner.pid, provisioner.pgid, provisioner.cwd = forked, forked.pid, forked.pid, cwd
        self._reconcile_connection_info(provisioner.connection_info)

    async def _async_finish_shutdown(self, waittime=None, pollinterval: float = 0.1, restart: bool = False) -> None:
        """Wait for the kernel to stop, looking every hundredth of a second rather than every tenth:
        a build waits for eleven kernels to stop, one after another on each core."""
        await super()._async_finish_shutdown(waittime, min(pollinterval, 0.01), restart)

    async def _async_interrupt_kernel(self) -> None:
        """Interrupt the kernel, except while shutting it down (then it is asked to stop instead)."""
        if self.shutting_down:
            return
        await super()._async_interrupt_kernel()


class QuietKernelManager(QuietBlockingKernelManager, AsyncKernelManager):
    """The same as an AsyncKernelManager (its interface is asynchronous): the one the build runs
    chapters with (nbclient's ``kernel_manager_class``)."""


KERNEL_MANAGER = f"{QuietKernelManager.__module__}.{QuietKernelManager.__qualname__}"
"""The dotted name nbclient's ``kernel_manager_class`` option takes."""


# Kernels forked from a process that has done the chapters' heavy imports.
#
# Every chapter's kernel imports pandas, matplotlib, seaborn, SciPy, statsmodels and ``assess``
# before its first line runs: seconds of CPU per chapter, on a machine of two cores. A build
# therefore runs one KernelServer, a process that has imported all that and forks a kernel for
# each chapter on request: the forked kernel has the modules in memory already. A forked kernel
# runs ipykernel as ``python -m ipykernel_launcher`` would, in the working directory and
# environment the kernel manager gives it, with matplotlib's inline backend chosen before the
# import, as ipykernel would choose it; it stops when the server stops. When there is no server,
# or it cannot be reached, the kernel is started the ordinary way.
#
# The imports themselves (about three seconds of CPU) are done once per process, not once per
# build: the first KernelServer of a process starts a Zygote, a process that imports PRELOAD and
# then forks a KernelServer for each build that asks. A process that builds again and again
# (``assess build --all``, ``assess preview``, the tests) keeps its Zygote while the ``assess``
# package's source is unchanged; when the source changes (``cache.package_digest``), the next
# build starts a new one, so kernels never run code older than the package.

SERVER_ENV = "ASSESS_KERNEL_SERVER"
"""Environment variable holding the server's socket path, read by QuietKernelManager."""

PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",  # the kernel class, with the debugger it imports (a quarter second a kernel)
    "ipykernel.debugger",
    "numpy",
    "pandas",
    "scipy.stats",
    "statsmodels.stats.multitest",
    "statsmodels.stats.rates",
    "matplotlib.pyplot",
    "seaborn",
    "myst_nb",
    "assess.edition",
    "assess.present.glue",
    "assess.present.plots",
    "assess.present.tables",
    "assess.analysis.trend_models",
)
"""Modules the server imports once for every kernel; a module that fails to import is skipped."""

READY_SECONDS = 120.0
"""How long a kernel manager waits for the server (the zygote's imports, then the datasets) before
starting a kernel the ordinary way."""


class KernelServer:
    """The server of one build, as a context manager: ``with KernelServer() as path`` gives its
    socket path (to put in SERVER_ENV); leaving the block stops it, and with it any kernel it
    forked that is still running. The server is forked from this process's Zygote.

    With ``datasets``, the server waits for the datasets the build has read (``hand_over``) and
    takes them in before it forks any kernel, so that the chapters find them in memory
    (``assess.read.preloaded``) rather than each reading the same files again.
    """

    def __init__(self, datasets: bool = False) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="assess-kernels-"))  # private (0700): only this user connects
        self.path = self.folder / "server.sock"
        self.datasets = datasets
        self.channel: socket.socket | None = None
        """The connection to the server: closing it stops the server."""

    def hand_over(self, reads) -> None:
        """Give the server the datasets ``reads`` (an ``assess.read.preloaded.Reads``) holds."""
        if self.channel is not None and self.datasets:
            saved = reads.save(self.folder / "datasets.pickle")
            with contextlib.suppress(OSError):
                self.channel.sendall(f"{saved}\n".encode())

    def __enter__(self) -> str:
        self.channel = Zygote.current().fork_server(self.path, self.datasets)
        if self.channel is None:  # no server: kernels start the ordinary way, at once
            shutil.rmtree(self.folder, ignore_errors=True)
        return str(self.path)

    def __exit__(self, *exc) -> None:
        if self.channel is not None:
            serving = self.path.exists()
            with contextlib.suppress(OSError):
                self.channel.shutdown(socket.SHUT_WR)  # the server stops at the end of its input
                if serving:  # then waits until it has taken its kernels down (at most 10 s)
                    self.channel.settimeout(10)
                    while self.channel.recv(4096):
                        pass
            self.channel.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class Zygote:
    """This process's zygote: a process that has imported PRELOAD and forks a KernelServer for each
    build that asks. ``Zygote.current()`` gives it, starting one first when the process has none,
    when the one it has stopped, or when the ``assess`` package's source changed since it started.
    It stops when this process does (the end of its standard input)."""

    _current: Zygote | None = None
    _lock = threading.Lock()

    def __init__(self, digest: str) -> None:
        self.digest = digest
        self.folder = Path(tempfile.mkdtemp(prefix="assess-zygote-"))
        self.path = self.folder / "zygote.sock"
        env = {k: v for k, v in os.environ.items() if k not in ("JPY_PARENT_PID", SERVER_ENV)}
        env.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "assess.build.kernels", str(self.path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )

    @classmethod
    def current(cls) -> Zygote:
        """The zygote for this process and the package's source as it is now."""
        from .cache import package_digest

        digest = package_digest()
        with cls._lock:
            zygote = cls._current
            if zygote is None or zygote.digest != digest or zygote.process.poll() is not None:
                if zygote is not None:
                    zygote.stop()
                else:  # the first of this process: whichever is current then stops at exit
                    atexit.register(cls._stop_current)
                cls._current = zygote = cls(digest)
            return zygote

    @classmethod
    def _stop_current(cls) -> None:
        """Stop this process's current zygote, if it has one (at exit)."""
        if cls._current is not None:
            cls._current.stop()

    def fork_server(self, path: Path, datasets: bool) -> socket.socket | None:
        """Ask for a KernelServer listening at ``path`` (waiting for datasets first, with
        ``datasets``); returns the connection to it, or None when the zygote cannot be reached
        within READY_SECONDS. The zygote takes the request once its imports are done; this
        returns as soon as the request is sent."""
        deadline = time.monotonic() + READY_SECONDS
        request = json.dumps({"path": str(path), "datasets": datasets}).encode() + b"\n"
        while True:
            channel = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                channel.connect(str(self.path))
                channel.sendall(request)
                return channel
            except (FileNotFoundError, ConnectionRefusedError):
                channel.close()
                if time.monotonic() > deadline or self.process.poll() is not None:
                    return None
                time.sleep(0.02)
            except OSError:
                channel.close()
                return None

    def stop(self) -> None:
        """Stop the zygote (the servers it forked stop with their builds)."""
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


class ForkedKernel:
    """A kernel forked by the server, with the part of ``subprocess.Popen`` that jupyter_client's
    provisioner uses. The server reaps it; ``poll`` returns 0 once it has gone."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int) -> None:
        self.pid = pid

    def poll(self) -> int | None:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return 0
        return None

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("kernel", timeout)
            time.sleep(0.05)
        return 0

    def send_signal(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def fork_kernel(server: str, kernel_cmd: list[str], cwd: str, env: dict[str, str]) -> ForkedKernel | None:
    """Ask the server at ``server`` to fork a kernel for ``kernel_cmd`` (an ``ipykernel_launcher``
    command); returns it, or None when the command is another one, the server's folder is gone or
    the server does not answer within READY_SECONDS."""
    if "ipykernel_launcher" not in kernel_cmd or not Path(server).parent.is_dir():
        return None
    request = {
        "argv": kernel_cmd[kernel_cmd.index("ipykernel_launcher") + 1 :],
        "cwd": str(cwd),
        "env": {k: v for k, v in env.items() if k not in ("JPY_PARENT_PID", SERVER_ENV)},
    }
    deadline = time.monotonic() + READY_SECONDS
    while True:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.connect(server)
                sock.sendall(json.dumps(request).encode() + b"\n")
                answer = sock.makefile().readline()
            return ForkedKernel(int(answer)) if answer.strip().isdigit() else None
        except (FileNotFoundError, ConnectionRefusedError):
            if time.monotonic() > deadline:
                return None
            time.sleep(0.05)
        except OSError:
            return None


def zygote(path: str) -> None:
    """The zygote: listen on the Unix socket ``path`` at once (requests wait there meanwhile),
    import PRELOAD, then fork a KernelServer for each request (one JSON line: the server's socket
    path and whether it waits for datasets), which keeps the request's connection as its input;
    stop at the end of standard input."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(8)
    for name in PRELOAD:
        with contextlib.suppress(Exception):
            importlib.import_module(name)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # servers, and the kernels they fork, are reaped as they stop
    while True:
        ready, _, _ = select.select([listener, sys.stdin], [], [])
        if sys.stdin in ready and not sys.stdin.buffer.read1(1):
            return
        if listener in ready:
            connection, _ = listener.accept()
            reader = connection.makefile("rb")
            with contextlib.suppress(ValueError, OSError):
                request = json.loads(reader.readline() or b"null")
                if isinstance(request, dict) and os.fork() == 0:
                    status = 1
                    try:
                        listener.close()
                        os.setsid()
                        _serve(request["path"], bool(request.get("datasets")), connection, reader)
                        status = 0
                    finally:
                        os._exit(status)
            reader.close()
            connection.close()


def _serve(path: str, datasets: bool, control: socket.socket, reader) -> None:
    """A KernelServer, forked by the zygote: with ``datasets``, read a line from ``control``
    (through ``reader``, which may hold it already) naming the file of the datasets the build read
    and load them (``assess.read.preloaded.load``); then listen on the Unix socket ``path`` and
    fork a kernel for each request (one JSON line: argv after ``-m ipykernel_launcher``, cwd,
    env), answering its process id; stop at the end of ``control``'s input, taking the kernels it
    forked with it."""
    line = reader.readline() if datasets else b""
    reader.close()  # the kernels forked below must not hold the connection open
    if datasets and not line:
        return
    if line:
        from assess.read.preloaded import load

        with contextlib.suppress(Exception):
            load(line.decode().strip())
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path + ".tmp")
    os.replace(path + ".tmp", path)  # clients connect only once the datasets are in
    listener.listen(8)
    children = []
    try:
        while True:
            ready, _, _ = select.select([listener, control], [], [])
            if control in ready and not control.recv(1):
                return
            if listener in ready:
                connection, _ = listener.accept()
                with connection:
                    request = json.loads(connection.makefile().readline())
                    pid = os.fork()
                    if pid == 0:
                        listener.close()
                        connection.close()
                        control.close()
                        _become_kernel(request)
                    # The child makes itself a process group first thing; made here too, so the
                    # group exists even if the server stops before the child has run at all
                    # (on a busy machine), and killpg below takes the child with it.
                    with contextlib.suppress(OSError):
                        os.setpgid(pid, pid)
                    children.append(pid)
                    connection.sendall(f"{pid}\n".encode())
    finally:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        # Stop only once they have gone: a kernel still dying when its server has stopped would be
        # left to whatever adopts it, which may never reap it (this machine's first process does
        # not), and would be seen as still running. With SIGCHLD ignored, waitpid returns (with
        # ECHILD) once the child has gone.
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def _become_kernel(request: dict) -> None:
    """In the forked child: run ipykernel with the request's arguments, directory and environment;
    never returns."""
    status = 1
    try:
        os.setpgid(0, 0)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        sys.path[0] = os.getcwd()  # as ``python -m ipykernel_launcher`` leaves it
        sys.argv = ["ipykernel_launcher", *request["argv"]]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance(argv=[*request["argv"], f"--IPKernelApp.parent_handle={os.getppid()}"])
        status = 0
    finally:
        os._exit(status)


if __name__ == "__main__":
    zygote(sys.argv[1])
    os._exit(0)  # at once: tearing down an interpreter that imported so much takes a second of the build
