"""Command line.

``assess build [--params FILE | --all] [--out DIR] [--jobs N] [--verbose]`` builds one edition, or every
edition of ``params/``; ``assess new-year PARAMS --year YYYY-YY`` scaffolds next year's
parameters. Run it from the project root.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..edition import default_params
from ..errors import AssessError
from .newyear import scaffold
from .pipeline import build, build_all


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit status (0 success, 1 a build or input error)."""
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
        "--out", default="_build", help="output folder; an edition lands in OUT/<edition>/ (default _build)"
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
    args = parser.parse_args(argv)

    say = lambda message: print(message, flush=True)  # noqa: E731
    root = Path.cwd()
    try:
        if args.command == "new-year":
            written, needed = scaffold(args.params, args.year, root)
            say(f"wrote {written}")
            if needed:
                say("the new year still needs these data files (add them, then their paths under data:):")
                for name, path in needed.items():
                    say(f"  {name}: {path}")
            return 0
        if args.all:
            for index in build_all(root / "params", args.out, root, args.jobs, say, args.verbose):
                say(str(index))
        else:
            index, _ = build(args.params or default_params(root), args.out, root, args.jobs, say, args.verbose)
            say(str(index))
    except AssessError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
