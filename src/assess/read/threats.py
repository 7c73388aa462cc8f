"""Threat pages the analysts write (``data/reference/threats/<id>.md``) and the lookup of the
categories and offence codes that measure each threat (``data/reference/threat_indicators.csv``).

A threat file is YAML front matter between two ``---`` lines, then Markdown. Every front-matter
key must be there (see ``data/reference/threats/README.md``); a missing, unknown or malformed key
stops the build with one line naming the file, its line and the key. The body is the analysts'
own Markdown: it is parsed and held against a short allowlist (``assess.read.markdown``:
paragraphs, emphasis, lists, tables, headings from ``##``, links to the book's own pages), and
anything else (raw HTML, MyST roles and directives in any nesting, targets, maths, images,
reference definitions, links elsewhere) is refused with one line naming the file, the line and
what was found. So are the front matter's sentences (the key judgement, the intelligence gaps,
the data needed), read as one line of Markdown each. The one block the body may hold is a force
block, a passage about one force or an alliance that an edition keeps only when it covers them
(:func:`body_for`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..analysis.morile import CATEGORIES, scored_control_strategy
from ..errors import InputError
from .csvfile import Column, read_csv
from .entry_fields import FORCE_FORM, force_text
from .judgements import PHRASES, likelihood_phrase
from .markdown import FORCE_BLOCK, check_page, check_sentence, parse_page
from .paths import project_path
from .yamlfile import parse_yaml, value_lines

DIRECTIONS = ("increasing", "stable", "decreasing", "unknown")
SOURCES = {"police_uk": "police_uk", "home_office": "home_office_code"}
"""Indicator sources of the front matter → their name in ``threat_indicators.csv``."""
KEYS = (
    "id",
    "title",
    "force",
    "issue_id",
    "morile_id",
    "control_strategy",
    "direction",
    "likelihood",
    "key_judgement",
    "intelligence_gaps",
    "recommendations",
    "indicators",
    "data_needed",
    "source_section",
    "last_reviewed",
)
"""The front-matter keys of a threat file, every one required (empty as ``[]`` or ``null``)."""
FILES = "[a-z0-9]*.md"
"""The threat files of the folder (its README.md is not one)."""
SENTENCES = ("key_judgement", "intelligence_gaps", "data_needed")
"""Front-matter keys whose text the page shows as sentences: Markdown, checked as one line each."""
MAX_BYTES = 1_000_000
"""The largest threat file read (the longest shipped one is under 10,000 bytes)."""


def read_threats(folder: str | Path) -> list[dict]:
    """Every threat file of ``folder`` (files ``[a-z0-9]*.md``), in file-name order.

    Each threat is a dict of the front-matter keys (:data:`KEYS`; ``likelihood`` as its yardstick
    phrase, ``last_reviewed`` as YYYY-MM text, lists as lists; ``force`` whose threat it is,
    ``assess.read.scope``, as text: a list of scopes is parted by semicolons) plus ``body`` (the
    Markdown after the front matter), ``path`` and ``force_line`` (the file line of ``force``).
    Raises InputError naming the file, line and key.
    """
    folder = Path(folder)
    files = sorted(folder.glob(FILES))
    if not files:
        raise InputError(folder, f"threat files matching {FILES}", found="none")
    threats = [read_threat(path) for path in files]
    titles = [t["title"] for t in threats]
    for threat in threats:
        if titles.count(threat["title"]) > 1:
            raise InputError(threat["path"], "a title no other threat has", column="title", found=threat["title"])
    return threats


def read_threat(path: str | Path) -> dict:
    """One threat file: its front matter checked key by key, and its body checked for what a
    threat page may not hold. See :func:`read_threats`."""
    path = Path(path)
    if path.stat().st_size > MAX_BYTES:
        raise InputError(path, f"a threat file of at most {MAX_BYTES:,} bytes")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "a threat file in UTF-8 text") from None
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---" or "---" not in (line.strip() for line in lines[1:]):
        raise InputError(path, "front matter between two '---' lines at the start", row=1)
    end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    front = "\n".join(lines[1:end])
    data = parse_yaml(front, path, what="front matter", first_line=2)
    if not isinstance(data, dict):
        raise InputError(path, "front matter of key: value lines", row=2)
    places = value_lines(front, first_line=2)

    def fail(key, expected, found=None):
        row = next((i + 1 for i in range(1, end) if lines[i].startswith(f"{key}:")), 2)
        raise InputError(path, expected, row=row, column=key, found=found)

    for key in KEYS:
        if key not in data:
            fail(key, f"a front-matter key '{key}' (empty as [] or null if it does not apply)", "nothing")
    for key in data:
        if key not in KEYS:
            fail(key, "only the keys of data/reference/threats/README.md", key)

    threat = {"path": path}
    if data["id"] != path.stem:
        fail("id", f"the file's name without .md ('{path.stem}')", data["id"])
    for key in ("id", "title", "key_judgement", "source_section"):
        if not isinstance(data[key], str) or not data[key].strip() or "\n" in data[key].strip():
            fail(key, "some text on one line", data[key])
        threat[key] = data[key].strip()
    threat["force"] = force_text(data["force"], lambda found: fail("force", FORCE_FORM, found))
    for key in ("force", "control_strategy", "title", "recommendations"):
        threat[f"{key}_line"] = next((i + 1 for i in range(1, end) if lines[i].startswith(f"{key}:")), 2)
    if re.search(r"[<>&\"'`{}\\|]", threat["title"]):
        fail("title", "a title without < > & quotes backticks braces backslashes or |", threat["title"])
    if data["issue_id"] is not None and (isinstance(data["issue_id"], bool) or not isinstance(data["issue_id"], int)):
        fail("issue_id", "a whole number or null", data["issue_id"])
    if data["morile_id"] is not None and not isinstance(data["morile_id"], str):
        fail("morile_id", "a MoRiLE threat id or null", data["morile_id"])
    threat.update(issue_id=data["issue_id"], morile_id=data["morile_id"])
    for key, allowed in (("control_strategy", CATEGORIES), ("direction", DIRECTIONS)):
        if data[key] not in allowed:
            fail(key, "one of " + ", ".join(allowed), data[key])
        threat[key] = data[key]
    threat["likelihood"] = likelihood_phrase(data["likelihood"])
    if threat["likelihood"] is None:
        fail("likelihood", "a phrase of the PHIA yardstick: " + ", ".join(PHRASES), data["likelihood"])
    for key in ("intelligence_gaps", "data_needed"):
        items = data[key]
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            fail(key, "a list of short texts, or []", items)
        threat[key] = [i.strip() for i in items]
    numbers = data["recommendations"]
    if not isinstance(numbers, list) or not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
        fail("recommendations", "a list of recommendation numbers, or []", numbers)
    threat["recommendations"] = list(numbers)
    threat["indicators"] = _indicators(data["indicators"], fail)
    if not threat["indicators"] and not threat["data_needed"]:
        fail("data_needed", "the data that would measure a threat with no indicators", "[]")
    reviewed = data["last_reviewed"]
    if not isinstance(reviewed, str) or not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", reviewed):
        fail("last_reviewed", 'a month written as text, "YYYY-MM"', reviewed)
    threat["last_reviewed"] = reviewed
    for key in SENTENCES:
        for at, sentence in enumerate([threat[key]] if key == "key_judgement" else threat[key]):
            row = places.get((key,) if key == "key_judgement" else (key, at), places.get((key,), 2))
            check_sentence(sentence, path, row=row, column=key)
    body = lines[end + 1 :]
    first = next((i for i, line in enumerate(body) if line.strip()), len(body))
    last = max((i for i, line in enumerate(body) if line.strip()), default=first - 1)
    threat["body"] = "\n".join(body[first : last + 1]) + "\n"
    threat["body_lines"] = tuple(range(end + 2 + first, end + 3 + last))
    threat["source"] = project_path(path)
    blocks = check_page(threat["body"], path, first_line=end + 2 + first, force_blocks=True)
    threat["force_blocks"] = [(block.name, block.line) for block in blocks]
    return threat


def _indicators(items, fail) -> list[dict]:
    """The indicators as ``{"source": ..., "categories": [...]}`` with the source as the lookup names it."""
    if not isinstance(items, list):
        fail("indicators", "a list of {source, categories}, or []", items)
    out = []
    for item in items:
        if not isinstance(item, dict) or set(item) != {"source", "categories"} or item["source"] not in SOURCES:
            fail("indicators", "entries {source: police_uk or home_office, categories: [...]}", item)
        categories = item["categories"]
        if not isinstance(categories, list) or not categories or not all(isinstance(c, str) for c in categories):
            fail("indicators", "categories as a list of quoted texts (offence codes in quotes)", categories)
        out.append({"source": SOURCES[item["source"]], "categories": [c.strip() for c in categories]})
    return out


def body_for(threat: dict, shown) -> tuple[str, tuple[int, ...]]:
    """A threat's body (``read_threat``) as an edition of the forces ``shown`` gives it: every
    force block whose force is in ``shown`` kept without its fences, every other one dropped with
    its fences, no two blank lines in a row. Returns the text and the file line of each of its lines."""
    tree, _ = parse_page(threat["body"])
    numbers = threat.get("body_lines") or tuple(range(1, threat["body"].count("\n") + 2))
    dropped = set()
    for node in tree.children:
        match = FORCE_BLOCK.fullmatch(node.info.strip()) if node.type in ("fence", "colon_fence") else None
        if match:
            start, end = node.map
            inner = range(start + 1, end - 1) if match["name"] in shown else range(0)
            dropped |= set(range(start, end)) - set(inner)
    kept = [(line, numbers[i]) for i, line in enumerate(threat["body"].splitlines()) if i not in dropped]
    out: list[tuple[str, int]] = []
    for line, number in kept:
        if line.strip() or (out and out[-1][0].strip()):
            out.append((line, number))
    while out and not out[-1][0].strip():
        out.pop()
    return "\n".join(line for line, _ in out) + "\n", tuple(number for _, number in out)


def check_control_strategy(threats: list[dict], morile: tuple[dict, pd.DataFrame], morile_path: str | Path) -> None:
    """Raise InputError (one line) unless the threats' front matter says what the MoRiLE Control
    Strategy of the same edition says: a threat linked by ``morile_id`` has its MoRiLE threat's
    category, a threat with no link is ``monitor``, and every MoRiLE threat in the Control Strategy
    has a threat file. ``threats`` and ``morile`` (template, scores) are the edition's share of
    each. Titles may word a threat more fully than its MoRiLE name (a unit test keeps the shipped
    ones equal)."""
    strategy = scored_control_strategy(morile).set_index("id")
    for threat in threats:
        link = threat["morile_id"]
        if link is None:
            category = "monitor"
        elif link not in strategy.index:
            raise InputError(
                threat["path"], f"a MoRiLE id of {Path(morile_path).name} or null", column="morile_id", found=link
            )
        else:
            category = strategy.at[link, "category"]
        if threat["control_strategy"] != category:
            why = f"MoRiLE threat '{link}'" if link else "no MoRiLE threat (morile_id: null)"
            raise InputError(
                threat["path"],
                f"'{category}', the Control Strategy place of {why}",
                row=threat.get("control_strategy_line"),
                column="control_strategy",
                found=threat["control_strategy"],
            )
    linked = {t["morile_id"] for t in threats}
    for link, row in strategy.iterrows():
        if row["category"] != "monitor" and link not in linked:
            raise InputError(
                morile_path, f"a threat file whose morile_id is '{link}' (it is in the Control Strategy)", column=link
            )


def read_threat_indicators(path: str | Path) -> pd.DataFrame:
    """The lookup of threat → measurable category: ``threat``, ``source`` (``police_uk``: a
    data.police.uk crime type; ``home_office_code``: a Home Office offence code) and
    ``category``, one row per (threat, source, category)."""
    return read_csv(
        path,
        [Column("threat"), Column("source", allowed=tuple(SOURCES.values())), Column("category")],
        key=["threat", "source", "category"],
    )


def check_lookup(threats: list[dict], lookup: pd.DataFrame, lookup_path: str | Path) -> None:
    """Raise InputError unless ``lookup`` holds exactly the indicators of the threats' front matter."""
    fronts = {(t["id"], i["source"], c) for t in threats for i in t["indicators"] for c in i["categories"]}
    rows = set(lookup[["threat", "source", "category"]].itertuples(index=False, name=None))
    problems = [(f"only indicators that threats/{t}.md lists", f"{s} {c}") for t, s, c in sorted(rows - fronts)]
    problems += [(f"a row for every indicator of threats/{t}.md", f"no {s} {c}") for t, s, c in sorted(fronts - rows)]
    if problems:
        expected, found = problems[0]
        raise InputError(lookup_path, expected, column="category", found=found)


def check_recommendations(threats: list[dict], ahead: pd.DataFrame, ahead_path: str | Path) -> None:
    """Raise InputError unless every row of the register that names a threat names one that has a
    file (the error names the register, the row and its column ``threat``), and every
    recommendation a threat lists is a numbered row of the register that names that threat (the
    error names the threat file). A row rewording another for one force (``rewords``) shares its
    number in the editions that show it, so a threat lists only the number."""
    ids = {t["id"] for t in threats}
    lines = ahead.attrs.get("lines") or range(2, len(ahead) + 2)
    for row, threat in zip(lines, ahead["threat"], strict=True):
        if threat and threat not in ids:
            raise InputError(
                ahead_path, "the id of a threat with a file in threats/", row=row, column="threat", found=threat
            )
    numbered = ahead[ahead["number"].notna()]
    named = dict(zip(numbered["number"].astype(int), numbered["threat"], strict=True))
    for threat in threats:
        for number in threat["recommendations"]:
            if named.get(number) != threat["id"]:
                raise InputError(
                    threat["path"],
                    f"recommendation numbers whose row in {Path(ahead_path).name} names this threat",
                    row=threat.get("recommendations_line"),
                    column="recommendations",
                    found=number,
                )


def check_judgements(threats: list[dict], judgements: pd.DataFrame, path: str | Path) -> None:
    """Raise InputError (one line: the register ``path``, the judgement's line of ``threats``, the
    column) unless every threat a key judgement names has a file, and the judgement says what each
    threat page says: the same likelihood in the words of the yardstick, and, where the judgement
    expects a direction, the direction of each page that judged one (one word for one judgement:
    the summary and the threat page cannot disagree). ``judgements``: ``read_judgements``' table."""
    pages = {t["id"]: t for t in threats}
    places = judgements.attrs.get("threat_lines") or (None,) * len(judgements)
    for row, line in zip(judgements.itertuples(), places, strict=True):
        column = f"judgement {row.id}.threats"
        for ident in row.threats:
            page = pages.get(ident)
            if page is None:
                raise InputError(
                    path, "the id of a threat with a file in threats/", row=line, column=column, found=ident
                )
            if page["likelihood"] != row.likelihood:
                raise InputError(
                    path,
                    f"threats whose page says '{row.likelihood}' as the judgement does (threats/{ident}.md says "
                    f"'{page['likelihood']}'): split the judgement or change one of them",
                    row=line,
                    column=column,
                    found=ident,
                )
            if row.direction and page["direction"] not in ("unknown", row.direction):
                raise InputError(
                    path,
                    f"threats whose page judges the direction '{row.direction}' as the judgement does "
                    f"(threats/{ident}.md says '{page['direction']}')",
                    row=line,
                    column=column,
                    found=ident,
                )
