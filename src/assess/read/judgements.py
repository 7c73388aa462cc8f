"""The registers of the executive summary: the key judgements with the PHIA probability yardstick,
the recommendations for the year ahead, and the glossary.

A judgement's text may quote a number only as a figure name in double square brackets
(``[[hate_latest]]``); the build fills it from the figures register (``assess.present.summary``).
A judgement's text, a recommendation and a glossary definition are sentences the book shows as
Markdown: each is parsed and allowed (``assess.read.markdown.check_sentence``: text, emphasis,
links to the book's own pages). Every problem stops with one line naming the file, the entry (or
row) and the field.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pandas as pd

from ..errors import InputError
from .csvfile import Column, Count, Month, Printed, read_csv
from .entry_fields import csv_columns, yaml_fields
from .markdown import check_sentence
from .yamlfile import read_yaml_lines

PHRASES = (
    "remote chance",
    "highly unlikely",
    "unlikely",
    "realistic possibility",
    "likely",
    "highly likely",
    "almost certain",
)
"""The UK Professional Head of Intelligence Analysis (PHIA) probability yardstick, least likely first."""
SYNONYMS = {"probably": "likely"}
"""Other words the yardstick allows for one of its phrases."""
FIGURE = re.compile(r"\[\[([^\[\]]*)\]\]")
"""A figure name in a judgement's text: ``[[name]]``."""
FIGURE_NAME = re.compile(r"[a-z0-9_]+")
EVIDENCE = re.compile(r"(sections|threats)/[a-z0-9][a-z0-9-]*")
THREAT_ID = Printed(
    "threat", pattern=r"[a-z0-9][a-z0-9-]*", form="a threat id: the name of a file in threats/ without .md"
)
"""The ``threat`` column of the recommendations for the year ahead: an id, never a path."""
DIRECTIONS = ("increasing", "stable", "decreasing")
"""The directions a key judgement may expect (``direction``); it names none where it expects none."""
REQUIRED = ("id", "text", "likelihood", "evidence", "threats", "force", "reviewed")
"""The keys every key judgement has (``threats`` may be ``[]``)."""
OPTIONAL = ("direction", "rewords", "since", "drafted")
"""The keys a key judgement may leave out."""


def likelihood_phrase(value: object) -> str | None:
    """The yardstick phrase ``value`` names (a phrase or its synonym), or None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    value = SYNONYMS.get(value, value)
    return value if value in PHRASES else None


def read_judgements(path: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The yardstick and the key judgements: (yardstick, judgements).

    ``yardstick`` has ``phrase``, ``low`` and ``high`` (per cent), in the order of :data:`PHRASES`;
    ``judgements`` has ``id``, ``text`` (one sentence, figure names in ``[[…]]``), ``likelihood``
    (a yardstick phrase), ``evidence`` (``sections/<chapter>`` or ``threats/<id>``), ``figures``
    (the figure names the text quotes, in order), ``threats`` (the ids of the threats it concerns,
    a list, maybe empty), ``direction`` (increasing, stable or decreasing, or "" where it expects
    none), and the fields of ``entry_fields``: ``force`` (whose judgement it is,
    ``assess.read.scope``), ``reviewed`` (YYYY-MM), ``since`` (YYYY-MM-DD or "") and ``drafted``
    (the public document the project drafted it from, or ""), and ``rewords`` (the id of the
    alliance's judgement this one rewords for one force, or ""; it shares that judgement's
    likelihood, direction, threats and since, and an edition shows it in that judgement's place
    when it does not show the alliance's, ``scope.for_edition``). ``attrs["entry_lines"]`` holds each
    judgement's first line and ``attrs["threat_lines"]`` the line of its ``threats``, for messages.
    The threats it names are checked against the threat files by ``threats.check_judgements``.
    """
    data, lines = read_yaml_lines(path, what="a register file")
    if not isinstance(data, dict) or set(data) != {"yardstick", "judgements"}:
        found = sorted(data) if isinstance(data, dict) else type(data).__name__
        raise InputError(path, "the top-level keys judgements and yardstick only", found=found)
    return _yardstick(path, data["yardstick"]), _judgements(path, data["judgements"], lines)


def _yardstick(path, entries) -> pd.DataFrame:
    if not isinstance(entries, list) or [e.get("phrase") if isinstance(e, dict) else e for e in entries] != list(
        PHRASES
    ):
        raise InputError(path, "the yardstick's seven phrases, " + ", ".join(PHRASES), column="yardstick")
    rows, last = [], -1
    for entry in entries:
        where = f"yardstick.{entry['phrase']}"
        low, high = entry.get("low"), entry.get("high")
        if (
            not all(isinstance(v, int) and not isinstance(v, bool) for v in (low, high))
            or not last < low <= high <= 100
        ):
            raise InputError(
                path, "whole per cents rising from 0 to 100 (low <= high)", column=where, found=(low, high)
            )
        last = high
        rows.append({"phrase": entry["phrase"], "low": low, "high": high})
    return pd.DataFrame(rows)


def _judgements(path, entries, lines: dict[tuple, int]) -> pd.DataFrame:
    if not isinstance(entries, list) or not entries:
        raise InputError(path, "a list of judgements", column="judgements", found=entries)
    rows, seen = [], set()
    for i, entry in enumerate(entries):
        keys = set(entry) if isinstance(entry, dict) else set()
        if not isinstance(entry, dict) or not set(REQUIRED) <= keys or not keys <= {*REQUIRED, *OPTIONAL}:
            found = sorted(entry) if isinstance(entry, dict) else entry
            raise InputError(
                path,
                ", ".join(REQUIRED) + " (and, where they apply, " + ", ".join(OPTIONAL) + ")",
                row=lines.get(("judgements", i)),
                column=f"judgements[{i}]",
                found=found,
            )
        ident = entry["id"]
        if not isinstance(ident, str) or not re.fullmatch(r"[a-z0-9][a-z0-9-]*", ident) or ident in seen:
            raise InputError(
                path, "a new id of lower-case words and hyphens", column=f"judgements[{i}].id", found=ident
            )
        seen.add(ident)
        where = f"judgement {ident}"

        def line(key, i=i):
            return lines.get(("judgements", i, key))

        text = entry["text"]
        if not isinstance(text, str) or not text.strip() or "\n" in text.strip():
            raise InputError(path, "one sentence on one line", row=line("text"), column=f"{where}.text", found=text)
        names = FIGURE.findall(text)
        bad = [n for n in names if not FIGURE_NAME.fullmatch(n)]
        if bad or text.count("[[") != len(names) or text.count("]]") != len(names):
            raise InputError(
                path,
                "figure names as [[name]] (lower case, digits, _)",
                row=line("text"),
                column=f"{where}.text",
                found=bad[0] if bad else None,
            )
        check_sentence(text, path, row=line("text"), column=f"{where}.text")
        phrase = likelihood_phrase(entry["likelihood"])
        if phrase is None:
            raise InputError(
                path,
                "a phrase of the yardstick",
                row=line("likelihood"),
                column=f"{where}.likelihood",
                found=entry["likelihood"],
            )
        evidence = entry["evidence"]
        if not isinstance(evidence, str) or not EVIDENCE.fullmatch(evidence):
            raise InputError(
                path,
                "sections/<chapter> or threats/<id>",
                row=line("evidence"),
                column=f"{where}.evidence",
                found=evidence,
            )
        threats = entry["threats"]
        if not isinstance(threats, list) or not all(isinstance(t, str) and THREAT.fullmatch(t) for t in threats):
            raise InputError(
                path,
                "a list of the ids of the threats it concerns (names of files in threats/ without .md), or []",
                row=line("threats"),
                column=f"{where}.threats",
                found=threats,
            )
        if len(set(threats)) != len(threats):
            raise InputError(path, "each threat once", row=line("threats"), column=f"{where}.threats", found=threats)
        direction = entry.get("direction")
        if direction is not None and direction not in DIRECTIONS:
            raise InputError(
                path,
                "one of " + ", ".join(DIRECTIONS) + ", or no direction key where it expects none",
                row=line("direction"),
                column=f"{where}.direction",
                found=direction,
            )
        rows.append(
            {
                "id": ident,
                "text": text.strip(),
                "likelihood": phrase,
                "evidence": evidence,
                "figures": names,
                "threats": list(threats),
                "direction": direction or "",
                "rewords": entry.get("rewords") or "",
                **yaml_fields(path, where, entry, lines, ("judgements", i), dated=True),
            }
        )
    _check_judgement_rewordings(path, rows, lines)
    table = pd.DataFrame(rows)
    table.attrs["entries"] = tuple(f"judgement {row['id']}" for row in rows)
    table.attrs["entry_lines"] = tuple(lines.get(("judgements", i)) for i in range(len(rows)))
    table.attrs["threat_lines"] = tuple(lines.get(("judgements", i, "threats")) for i in range(len(rows)))
    return table


THREAT = re.compile(r"[a-z0-9][a-z0-9-]*")
"""A threat id: the name of a threat file without ``.md``."""
SHARED = ("likelihood", "direction", "threats", "since")
"""What a judgement rewording another for one force must say as the other does."""


def _check_judgement_rewordings(path, rows: list[dict], lines: dict[tuple, int]) -> None:
    """Raise InputError unless each judgement that ``rewords`` another names one of the file's
    judgements that rewords none, and says what it says in :data:`SHARED`."""
    by_id = {row["id"]: row for row in rows}
    for i, row in enumerate(rows):
        original = row["rewords"]
        if not original:
            continue
        where, place = f"judgement {row['id']}", ("judgements", i)
        target = by_id.get(original)
        if not isinstance(original, str) or target is None or target["rewords"] or original == row["id"]:
            raise InputError(
                path,
                "the id of another judgement of this file, which rewords none",
                row=lines.get((*place, "rewords")),
                column=f"{where}.rewords",
                found=original,
            )
        for key in SHARED:
            if row[key] != target[key]:
                raise InputError(
                    path,
                    f"the {key} of judgement {original}, which it rewords ({target[key] or 'none'})",
                    row=lines.get((*place, key), lines.get(place)),
                    column=f"{where}.{key}",
                    found=row[key] or "none",
                )


def read_recommendations_ahead(path: str | Path) -> pd.DataFrame:
    """The recommendations for the year ahead: ``number`` (the id threat files list),
    ``recommendation`` (a sentence, ``check_sentence``), ``owner`` (a role), ``due`` (YYYY-MM),
    ``threat`` (a threat id, :data:`THREAT_ID`, or "" for a recommendation that addresses no
    threat page), ``rewords`` and the fields of ``entry_fields``: ``force`` (whose recommendation
    it is, ``assess.read.scope``), ``reviewed`` (YYYY-MM), ``since`` (YYYY-MM-DD or "") and
    ``drafted`` (the public document the project drafted it from, or "").

    A row either has a ``number`` of its own or ``rewords`` an alliance's recommendation for one
    force: then ``number`` is empty and ``rewords`` holds the number of the row it rewords, whose
    ``threat`` and ``since`` it shares; an edition shows it in place of that row where it does not
    show the alliance's (``scope.for_edition``; ``scope.check_rewordings`` checks the forces).
    InputError names the file, the row and the column of the first problem.
    """
    table = read_csv(
        path,
        [
            Count("number", required=False),
            Column("recommendation"),
            Column("owner"),
            Month("due"),
            dataclasses.replace(THREAT_ID, required=False),
            Count("rewords", required=False),
            *csv_columns(dated=True),
        ],
    )
    _sentences(table, path, "recommendation")
    lines = table.attrs["lines"]
    numbered: dict[int, int] = {}
    for i, (number, rewords) in enumerate(zip(table["number"], table["rewords"], strict=True)):
        if pd.isna(number) == pd.isna(rewords):
            column = "number" if pd.isna(number) else "rewords"
            expected = (
                "a number, or the number of the alliance recommendation this row rewords in column rewords"
                if pd.isna(number)
                else "an empty rewords where the row has a number of its own"
            )
            raise InputError(path, expected, row=lines[i], column=column, found="" if pd.isna(number) else int(rewords))
        if pd.notna(number):
            if int(number) in numbered:
                raise InputError(path, "each number once", row=lines[i], column="number", found=int(number))
            numbered[int(number)] = i
    seen = set()
    for i, rewords in enumerate(table["rewords"]):
        if pd.isna(rewords):
            continue
        if int(rewords) not in numbered:
            raise InputError(
                path,
                "the number of a recommendation of this register",
                row=lines[i],
                column="rewords",
                found=int(rewords),
            )
        if (int(rewords), table["force"][i]) in seen:
            raise InputError(
                path,
                "one rewording of a recommendation for each force",
                row=lines[i],
                column="force",
                found=table["force"][i],
            )
        seen.add((int(rewords), table["force"][i]))
        original = numbered[int(rewords)]
        for column in ("threat", "since"):
            if table[column][i] != table[column][original]:
                raise InputError(
                    path,
                    f"the {column} of recommendation {int(rewords)}, which it rewords ('{table[column][original]}')",
                    row=lines[i],
                    column=column,
                    found=table[column][i],
                )
    return table


def _sentences(table: pd.DataFrame, path: str | Path, column: str) -> None:
    """Check each cell of ``column`` of a table ``read_csv`` returned as a sentence."""
    for line, text in zip(table.attrs["lines"], table[column], strict=True):
        check_sentence(text, path, row=line, column=column)


def read_glossary(path: str | Path) -> pd.DataFrame:
    """The glossary: ``term``, ``expansion`` (the words an acronym stands for, or the term itself),
    ``definition`` (a sentence, ``check_sentence``), ``force`` (whose term it is,
    ``assess.read.scope``: an edition lists only the terms of its forces) and ``from`` and
    ``until`` (YYYY-MM, empty for no limit: the term, in this meaning, is in use from that month
    and no longer from ``until``; see :func:`glossary_at`).

    A term may have several rows, one for each meaning it had over time, as long as their months
    do not overlap; otherwise InputError names the file, the row and the column.
    """
    table = read_csv(
        path,
        [
            Column("term"),
            Column("expansion"),
            Column("definition"),
            Column("force"),
            Month("from", required=False),
            Month("until", required=False),
        ],
        key=["term", "from"],
    )
    _sentences(table, path, "definition")
    lines = table.attrs["lines"]
    for i, (start, end) in enumerate(zip(table["from"], table["until"], strict=True)):
        if start and end and end <= start:
            raise InputError(path, f"a month after from ({start})", row=lines[i], column="until", found=end)
    for _, rows in table.groupby("term", sort=False):
        spans = sorted(((r["from"], r["until"], i) for i, r in rows.iterrows()), key=lambda s: s[0])
        for (_, until, _), (start, _, i) in zip(spans, spans[1:], strict=False):
            if not until or until > start:
                raise InputError(
                    path,
                    f"a month no earlier than the until of the term's earlier row ({until or 'empty'})",
                    row=lines[i],
                    column="from",
                    found=start,
                )
    return table


def in_use(table: pd.DataFrame, as_of: str) -> pd.Series:
    """For each row of a glossary (:func:`read_glossary`), whether its term was in use, in that
    meaning, in the month of ``as_of`` (YYYY-MM or YYYY-MM-DD): ``from`` empty or no later than
    that month, and ``until`` empty or later than it."""
    month = as_of[:7]
    return ((table["from"] == "") | (table["from"] <= month)) & ((table["until"] == "") | (table["until"] > month))


def glossary_at(table: pd.DataFrame, as_of: str) -> pd.DataFrame:
    """The rows of a glossary in use at ``as_of`` (:func:`in_use`), in their order, without the
    ``from`` and ``until`` columns: what an edition written as of that day may say."""
    kept = table[in_use(table, as_of).to_numpy()].drop(columns=["from", "until"]).reset_index(drop=True)
    kept.attrs = {}
    return kept
