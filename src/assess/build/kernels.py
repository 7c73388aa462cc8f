"""The kernel manager the build runs chapters with: the project's ``python3`` kernel, quietly.

Jupyter's default manager connects to the kernel over local TCP, for which the kernel prints a
warning about unencrypted transport, and it interrupts the kernel (SIGINT) before asking it to shut
down, for which the kernel may log "KeyboardInterrupt caught in kernel". Neither says anything to a
reader of the build log. Here the kernel talks over IPC sockets (files of its own in Jupyter's
runtime folder, removed when it stops), and a kernel that has finished its notebook is asked to shut
down without being interrupted first. The kernel's own log (its stderr) is discarded.
"""

from __future__ import annotations

import os
import subprocess
import uuid

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.paths import jupyter_runtime_dir
from traitlets import default


class QuietKernelManager(AsyncKernelManager):
    """An AsyncKernelManager that uses IPC transport and shuts kernels down without SIGINT."""

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
        Ctrl-C) kept out of the build log: a chapter's errors reach the build as messages."""
        kw.setdefault("stderr", subprocess.DEVNULL)
        return await super()._async_launch_kernel(kernel_cmd, **kw)

    async def _async_interrupt_kernel(self) -> None:
        """Interrupt the kernel, except while shutting it down (then it is asked to stop instead)."""
        if self.shutting_down:
            return
        await super()._async_interrupt_kernel()


KERNEL_MANAGER = f"{QuietKernelManager.__module__}.{QuietKernelManager.__qualname__}"
"""The dotted name nbclient's ``kernel_manager_class`` option takes."""
