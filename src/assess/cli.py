"""Command line: ``assess build [--params FILE] [--out DIR]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import build
from .errors import AssessError

DEFAULT_PARAMS = "params/alliance-2016-17.yml"


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit status (0 success, 1 a build or input error)."""
    parser = argparse.ArgumentParser(prog="assess", description="Build the Strategic Assessment book.")
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help="execute every section notebook and publish the HTML book")
    build_cmd.add_argument("--params", default=DEFAULT_PARAMS, help=f"edition parameter file (default {DEFAULT_PARAMS})")
    build_cmd.add_argument("--out", default="_build", help="output folder; the site lands in OUT/html (default _build)")
    args = parser.parse_args(argv)

    try:
        index = build(args.params, args.out, root=Path.cwd(), log=lambda m: print(m, flush=True))
    except AssessError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(index)
    return 0


if __name__ == "__main__":
    sys.exit(main())
