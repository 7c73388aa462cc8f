"""The output-folder lock: one build at a time, a one-line wait notice, a one-line refusal."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from assess.build.lock import LOCK_NAME, BuildLocked, output_lock
from assess.errors import AssessError

SRC = str(Path(__file__).resolve().parents[2] / "src")


def run_python(code: str, *, wait: bool = True) -> subprocess.Popen | subprocess.CompletedProcess:
    """Run ``code`` in a new Python process that can import assess; finished if ``wait``."""
    env = {**os.environ, "PYTHONPATH": SRC}
    if wait:
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30)
    return subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)


def test_the_lock_file_is_made_and_the_lock_released(tmp_path):
    folder, log = tmp_path / "out" / "edition", []
    with output_lock(folder, 1, log.append) as path:
        assert path == folder / LOCK_NAME and path.is_file()
    with output_lock(folder, 0, log.append):
        pass
    assert log == []


def test_a_second_holder_in_the_same_process_waits_then_gives_up(tmp_path):
    log = []
    with output_lock(tmp_path, 1, log.append):
        started = time.monotonic()
        with pytest.raises(BuildLocked) as caught, output_lock(tmp_path, 0.3, log.append):
            pass
    assert time.monotonic() - started >= 0.3
    assert log == [f"another build is writing {tmp_path}; waiting up to 0.3 s"]
    assert isinstance(caught.value, AssessError) and "\n" not in str(caught.value)


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_the_lock_is_released_when_the_build_fails(tmp_path, error):
    with pytest.raises(error), output_lock(tmp_path, 1, print):
        raise error("stop")
    log = []
    with output_lock(tmp_path, 0, log.append):
        pass
    assert log == []


@pytest.mark.slow
def test_another_process_waits_then_gives_up_with_one_line(tmp_path):
    code = textwrap.dedent(f"""
        import sys
        from assess.build.lock import BuildLocked, output_lock
        try:
            with output_lock({str(tmp_path)!r}, 0.5, print):
                print("should not get here")
        except BuildLocked as err:
            sys.exit(str(err))
    """)
    with output_lock(tmp_path, 1, print):
        started = time.monotonic()
        result = run_python(code)
    assert time.monotonic() - started >= 0.5
    assert result.returncode == 1
    assert result.stdout == f"another build is writing {tmp_path}; waiting up to 0.5 s\n"
    assert (
        result.stderr
        == f"{tmp_path}: another build is still writing here after 0.5 s; run again when it has finished\n"
    )


@pytest.mark.slow
def test_a_waiting_build_goes_ahead_when_the_other_finishes(tmp_path):
    holder = run_python(
        textwrap.dedent(f"""
        import time
        from assess.build.lock import output_lock
        with output_lock({str(tmp_path)!r}, 0, print):
            print("held", flush=True)
            time.sleep(0.5)
    """),
        wait=False,
    )
    try:
        assert holder.stdout.readline() == "held\n"
        log = []
        with output_lock(tmp_path, 10, log.append):
            assert holder.poll() is not None or holder.wait(5) == 0
        assert len(log) == 1
    finally:
        holder.wait(10)
        holder.stdout.close()


@pytest.mark.slow
def test_a_killed_holder_releases_the_lock(tmp_path):
    holder = run_python(
        textwrap.dedent(f"""
        import time
        from assess.build.lock import output_lock
        with output_lock({str(tmp_path)!r}, 0, print):
            print("held", flush=True)
            time.sleep(60)
    """),
        wait=False,
    )
    try:
        assert holder.stdout.readline() == "held\n"
        holder.kill()
        holder.wait(10)
        with output_lock(tmp_path, 5, print):
            pass
    finally:
        holder.stdout.close()
