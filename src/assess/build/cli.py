"""Command line.

``assess build [--params FILE | --all] [--out DIR] [--jobs N] [--verbose]`` builds one edition, or every
edition of ``params/``; ``assess new-year PARAMS --year YYYY-YY [--wait-for-data]`` scaffolds next year's
parameters; ``assess new-edition --force NAME [--force NAME ...] --as-of YYYY-MM-DD`` writes a first
edition of any force(s) from the national data. It runs from the project folder or any folder
inside it: the project root is the nearest folder upwards whose ``pyproject.toml`` has a ``[tool.assess]`` table.

Every failure is one line on stderr, never a traceback: exit status 1 for a build, input or
system error (a read-only or full disk), 130 for Ctrl-C.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import signal
import sys
import tomllib
from pathlib import Path

from ..edition import PROJECT_FILE, default_params
from ..errors import AssessError
from .newedition import new_edition
from .newyear import KEPT_WHY, Scaffolded, scaffold
from .pipeline import build, build_all
from .site import os_reason

INTERRUPTED = 130
"""Exit status after Ctrl-C, as shells report a process ended by SIGINT."""

if getattr(multiprocessing.current_process(), "_inheriting", False):
    # A chapter worker of the build (it imports this module as its main module): Ctrl-C
    # goes to the whole terminal's process group, and the build itself stops the workers, so a
    # worker ignores it rather than print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class NotInProject(AssessError):
    """The command ran outside any project folder."""


def project_root(start: Path) -> Path:
    """The nearest folder from ``start`` upwards whose pyproject.toml has a ``[tool.assess]`` table.

    Raises NotInProject (one line, saying where to run) when there is none.
    """
    for folder in (start, *start.parents):
        try:
            if "assess" in tomllib.loads((folder / PROJECT_FILE).read_text(encoding="utf-8")).get("tool", {}):
                return folder
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
    raise NotInProject(
        f"{start}: not inside an assess project; run assess from the project folder "
        f"(the one whose {PROJECT_FILE} has a [tool.assess] table) or a folder inside it"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit status (0 success, 1 an error, 130 interrupted)."""
    parser = argparse.ArgumentParser(prog="assess", description="Build the Strategic Assessment book.")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="execute the section notebooks and publish the HTML book")
    which = build_cmd.add_mutually_exclusive_group()
    which.add_argument(
        "--params",
        help="edition parameter file (default: the project's default edition, "
        "[tool.assess] default_params in pyproject.toml)",
    )
    which.add_argument("--all", action="store_true", help="build every edition in params/")
    build_cmd.add_argument(
        "--out", help="output folder; an edition lands in OUT/<edition>/ (default: _build in the project folder)"
    )
    build_cmd.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="notebooks executed at once (default: all cores)"
    )
    build_cmd.add_argument(
        "--verbose", action="store_true", help="also log each chapter's cache decision and Jupyter Book's output"
    )
    year_cmd = commands.add_parser("new-year", help="write next year's parameter file from this year's")
    year_cmd.add_argument("params", help="this year's edition parameter file")
    year_cmd.add_argument("--year", required=True, help="the new financial year, YYYY-YY")
    year_cmd.add_argument(
        "--wait-for-data",
        action="store_true",
        help="comment out the lines of the datasets still to supply and list the chapters reading them under "
        "wait_for_data, to build while the data comes in (default: the build stops until each file is there)",
    )
    edition_cmd = commands.add_parser(
        "new-edition", help="write a first edition's parameter file for any force(s) from the national data"
    )
    edition_cmd.add_argument(
        "--force", action="append", required=True, help="a force of England and Wales (repeat for several)"
    )
    edition_cmd.add_argument("--as-of", required=True, help="the day the edition is written as of, YYYY-MM-DD")
    edition_cmd.add_argument("--edition", help="the edition's identifier (default: the forces' names and the year)")
    args = parser.parse_args(argv)

    say = lambda message: print(message, flush=True)  # noqa: E731
    previous = signal.signal(signal.SIGINT, _stop_workers_then_interrupt)
    try:
        return _run(args, project_root(Path.cwd().resolve()), say)
    except AssessError as err:
        _error(str(err))
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        _error(f"{where}{os_reason(err)}; the published site is unchanged")
    except MemoryError:
        _error("the build ran out of memory; the published site is unchanged")
    except KeyboardInterrupt:
        _error("interrupted; the published site is unchanged")
        return INTERRUPTED
    finally:
        signal.signal(signal.SIGINT, previous)
    return 1


def _run(args: argparse.Namespace, root: Path, say) -> int:
    """The command itself, from the project ``root``; returns 0."""
    if args.command == "new-edition":
        written, found, waiting = new_edition(args.force, args.as_of, root, args.edition)
        say(f"wrote {written.relative_to(root)}")
        for name, words in found.items():
            say(f"  {name}: {words}")
        if waiting:
            say(f"chapters waiting for data no national file holds: {', '.join(waiting)}")
        say(f"build it with: assess build --params {written.relative_to(root)}")
        return 0
    if args.command == "new-year":
        _say_scaffolded(scaffold(args.params, args.year, root, args.wait_for_data), root, say)
        return 0
    out = Path(args.out) if args.out else root / "_build"
    if args.all:
        for index in build_all(root / "params", out, root, args.jobs, say, args.verbose):
            say(str(index))
    else:
        index, _ = build(args.params or default_params(root), out, root, args.jobs, say, args.verbose)
        say(str(index))
    return 0


def _say_scaffolded(done: Scaffolded, root: Path, say) -> None:
    """What ``assess new-year`` wrote and what is still to supply, a line each."""
    written = done.path
    say(f"wrote {written.relative_to(root) if written.is_relative_to(root) else written}")
    if done.needed and done.commented:
        say(
            "supply these (new files or folders, each folder with its SOURCES.md), then remove the '# ' before "
            "each one's line under data:" + (" and its chapters from wait_for_data:" if done.waiting else "")
        )
    elif done.needed:
        say(
            "supply these (new files or folders, each folder with its SOURCES.md; each one's line under data: "
            "points there already, and the build stops naming the first file not there):"
        )
    else:
        say("every dataset the chapters read is in place")
    for item in done.needed:
        say(f"  {item.line()}")
    if done.waiting:
        say(f"waiting for data until then: {', '.join(done.waiting)}")
    if done.started:
        say("stated from the first month their series holds:")
        for item in done.started:
            say(f"  {item.line()}")
    if done.dropped:
        say("later files not needed this year (their lines under data: commented out):")
        for item in done.dropped:
            say(f"  {item.line()}")
    if done.kept:
        say(f"kept as printed, each with its own period ({KEPT_WHY}):")
        for item in done.kept:
            say(f"  {item.line()}")


def _stop_workers_then_interrupt(signum, frame) -> None:
    """On Ctrl-C: kill the build's worker processes (they ignore it), then interrupt the build."""
    for child in multiprocessing.active_children():
        child.kill()
    raise KeyboardInterrupt


MESSAGE_LIMIT = 400
"""The longest error line printed, in characters: whatever fails underneath, one short line."""


def _error(message: str) -> None:
    line = " ".join(message.split())
    if len(line) > MESSAGE_LIMIT:
        line = line[: MESSAGE_LIMIT - 1] + "…"
    print(f"error: {line}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
