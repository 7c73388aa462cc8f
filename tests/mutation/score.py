"""Mutation score per module from `mutmut results --all true`, read on stdin.

Prints killed/total per module and overall; mutants listed in equivalent.txt (beside this
file: one mutant name a line, then a reason after '#') are left out of the totals and listed, and
so are mutants not checked (a run limited to some modules, `make mutants MUTANTS=...`).
Exit status 1 when the analysis modules score below the floor given as the first argument.
"""

import collections
import re
import sys
from pathlib import Path

LINE = re.compile(r"^\s*(?P<name>\S+?)__mutmut_\d+:\s*(?P<status>.+?)\s*$")
FULL = re.compile(r"^\s*(?P<mutant>\S+__mutmut_\d+):")


def module_of(name: str) -> str:
    parts = name.split(".")
    return ".".join(p for p in parts if not p.startswith("x"))  # drop the function part (x_name, xǁClassǁname)


def main() -> int:
    floor = float(sys.argv[1]) if len(sys.argv) > 1 else 0.0
    listed = Path(__file__).with_name("equivalent.txt")
    equivalent = {}
    if listed.exists():
        for line in listed.read_text().splitlines():
            name, _, why = line.partition("#")
            if name.strip():
                equivalent[name.strip()] = why.strip()
    tally = collections.defaultdict(collections.Counter)
    for line in sys.stdin:
        full, match = FULL.match(line), LINE.match(line)
        if not match:
            continue
        if full["mutant"] in equivalent:
            tally[module_of(match["name"])]["equivalent"] += 1
            continue
        tally[module_of(match["name"])][match["status"]] += 1
    analysis = collections.Counter()
    print(f"{'module':40} {'killed':>7} {'total':>6} {'score':>7}  other")
    for module in sorted(tally):
        counts = tally[module]
        total = sum(n for s, n in counts.items() if s not in ("equivalent", "not checked"))
        killed = counts["killed"] + counts["timeout"]
        other = ", ".join(f"{s} {n}" for s, n in sorted(counts.items()) if s not in ("killed", "timeout"))
        if total:
            print(f"{module:40} {killed:7d} {total:6d} {100 * killed / total:6.1f}%  {other}")
        if ".analysis." in module:
            analysis["killed"] += killed
            analysis["total"] += total
    if analysis["total"]:
        score = 100 * analysis["killed"] / analysis["total"]
        print(f"{'analysis modules':40} {analysis['killed']:7d} {analysis['total']:6d} {score:6.1f}%")
        if score < floor:
            print(f"below the floor of {floor}%")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
