"""`make lab` starts Jupyter Lab on notebooks/ with the project's kernel, also as root (as CI runs)."""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from conftest import ROOT

pytestmark = pytest.mark.build


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> dict | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return json.load(response)
    except OSError:
        return None


def test_make_lab_serves_the_notebooks_with_the_projects_kernel():
    port, token = _free_port(), "assess-test"
    lab = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"LAB_PORT={port}"],
        cwd=ROOT,
        env={**os.environ, "CI": "1", "JUPYTER_TOKEN": token},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        # The first `make lab` of a clone sets up Lab's environment before starting it.
        specs, deadline = None, time.monotonic() + 240
        while time.monotonic() < deadline:
            specs = _get(f"http://127.0.0.1:{port}/api/kernelspecs?token={token}")
            if specs is not None or lab.poll() is not None:
                break
            time.sleep(0.5)
        assert specs is not None, lab.stdout.read().decode()[-2000:] if lab.poll() is not None else "no answer"
        assert specs["default"] == "python3"
        assert specs["kernelspecs"]["python3"]["spec"]["argv"][0] == str(ROOT / ".venv" / "bin" / "python")
        contents = _get(f"http://127.0.0.1:{port}/api/contents?token={token}")
        names = {item["name"] for item in contents["content"]}
        assert names and names == {p.name for p in (ROOT / "notebooks").iterdir() if not p.name.startswith(".")}
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        lab.wait(timeout=30)
