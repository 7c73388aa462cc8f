"""How long `make test` (or `make check`) takes from a fresh clone, and how fast the machine was.

Clones this checkout's last commit into a scratch folder, runs ``make test`` (or the target
named) there and prints: the wall time of the whole command and the moment each pytest step
ended; the busy and idle core-seconds of the machine meanwhile (``/proc/stat``, so Linux only);
and the machine's speed, sampled every 15 s: the CPU milliseconds one thread of this script
takes for a fixed piece of Python work. That is CPU time, not wall time, so what else runs on
the machine does not change it; the host does (this 2-core virtual machine has taken from 1.3 to
2.2 s for the same work minutes apart), and a run of the same code is slower when the probe is.

    .venv/bin/python benchmarks/make_test.py            # make test
    .venv/bin/python benchmarks/make_test.py check      # make check

The clone and the command's whole output (each line with its time) stay in the scratch folder,
named at the end. Run it with nothing else running on the machine. The first step listed is the
set-up: creating the environment and installing the pinned packages, which a fresh clone needs.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE_EVERY = 15
"""Seconds between two samples of the machine's speed and of its CPU counters."""
STEP_ENDED = re.compile(r"^(\[\w+\] )?(=+ )?\d+ (passed|failed|errors?)\b.* in [\d.]+s")
"""pytest's last line, the one giving its counts and time (each half's lines start with its label)."""


def core_seconds() -> tuple[float, float]:
    """(busy, idle) seconds of all cores together since the machine started, from ``/proc/stat``
    (idle counts time waiting on the disk)."""
    with open("/proc/stat") as stat:
        user, nice, system, idle, iowait, irq, softirq, steal = map(int, stat.readline().split()[1:9])
    per_second = os.sysconf("SC_CLK_TCK")
    return (user + nice + system + irq + softirq + steal) / per_second, (idle + iowait) / per_second


def probe() -> float:
    """CPU milliseconds this thread takes to sum the squares of the numbers below two million."""
    started = time.thread_time()
    sum(i * i for i in range(2_000_000))
    return (time.thread_time() - started) * 1000


def _sample(speeds: list[float], stop: threading.Event) -> None:
    """Append a ``probe`` to ``speeds`` every ``PROBE_EVERY`` seconds until ``stop`` is set."""
    while not stop.wait(PROBE_EVERY):
        speeds.append(probe())


def main(target: str = "test") -> int:
    """Run ``make target`` on a fresh clone and print what it took; returns make's exit status."""
    scratch = Path(tempfile.mkdtemp(prefix="assess-make-"))
    clone = scratch / "project"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    commit = subprocess.run(["git", "-C", str(clone), "log", "-1", "--format=%h %s"], capture_output=True, text=True)
    speeds, stop, ended = [probe()], threading.Event(), []
    sampler = threading.Thread(target=_sample, args=(speeds, stop), daemon=True)
    busy, idle = core_seconds()
    started, load, clock = time.monotonic(), os.getloadavg()[0], time.gmtime()
    sampler.start()
    with open(scratch / "output.log", "w") as log:
        output = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT, "text": True}
        make = subprocess.Popen(["make", target], cwd=clone, **output)
        for line in make.stdout:
            at = time.monotonic() - started
            log.write(f"{at:7.1f} {line}")
            if not ended and line.startswith(".venv/bin/ruff check"):  # set-up done, first check starts
                ended.append(f"{at:6.0f} s  set-up (.venv)")
            if STEP_ENDED.match(line):
                ended.append(f"{at:6.0f} s  {line.strip()}")
        status = make.wait()
    wall = time.monotonic() - started
    stop.set()
    sampler.join()
    now = core_seconds()
    busy, idle = now[0] - busy, now[1] - idle
    minutes, seconds = divmod(round(wall), 60)
    print(f"make {target} on a fresh clone of {commit.stdout.strip()}")
    print(f"  {time.strftime('%Y-%m-%d %H:%M UTC', clock)}, load average {load:.1f} at the start")
    print(f"  exit status {status}, {minutes} min {seconds} s")
    print(*(f"  step ended at {line}" for line in ended), sep="\n")
    print(f"  {busy:,.0f} core-seconds busy, {idle:,.0f} idle ({os.cpu_count()} cores)")
    print(
        f"  machine speed: {statistics.median(speeds):.0f} ms of CPU for the probe, median of {len(speeds)} "
        f"(from {min(speeds):.0f} to {max(speeds):.0f}; fewer is faster)"
    )
    print(f"  clone and output (each line with its time): {scratch}")
    return status


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
