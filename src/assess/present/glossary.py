"""The glossary page, and acronyms spelt out at their first use on a page the build writes."""

from __future__ import annotations

import re

import pandas as pd

from .escape import myst_inline
from .markdown import sentence_markdown


def is_acronym(term: str, expansion: str) -> bool:
    """Whether ``term`` is an abbreviation to spell out: one word, at least two capitals, and an
    expansion that is more than the term in other letters ("PREVENT" → "Prevent" is not)."""
    return " " not in term and sum(c.isupper() for c in term) >= 2 and term.casefold() != expansion.casefold()


class Acronyms:
    """Spells out each acronym of the glossary the first time a page uses it: "CSE" becomes
    "CSE (Child sexual exploitation)", unless the page has already written the expansion out. An
    acronym with a lower-case "s" is its plural, spelt out in the plural: "PCSOs" becomes "PCSOs
    (Police Community Support Officers)".

    One object per page: :meth:`expand` remembers what the page has shown so far.
    """

    def __init__(self, glossary: pd.DataFrame):
        rows = [(t, e) for t, e in zip(glossary["term"], glossary["expansion"], strict=True) if is_acronym(t, e)]
        self._expansions = dict(rows)
        self._pattern = (
            re.compile(
                r"(?<![\w&])("
                + "|".join(re.escape(t) for t, _ in sorted(rows, key=lambda r: -len(r[0])))
                + r")(s?)(?![\w&])"
            )
            if rows
            else None
        )
        self._seen: set[str] = set()
        self._page = ""

    def expand(self, text: str, markdown: bool = False) -> str:
        """``text`` with each acronym the page has not used before followed by its expansion in
        brackets. ``markdown``: ``text`` is Markdown and the expansion is escaped for it; otherwise
        the caller escapes the whole result."""
        out, last = [], 0
        for match in self._pattern.finditer(text) if self._pattern else ():
            term = match[1]
            if term in self._seen:
                continue
            self._seen.add(term)
            expansion = self._expansions[term]
            if expansion.casefold() in (self._page + text[: match.start()]).casefold():
                continue
            expansion += match[2]
            out += [text[last : match.end()], " (", myst_inline(expansion) if markdown else expansion, ")"]
            last = match.end()
        result = "".join(out) + text[last:]
        self._page += text + "\n"
        return result


def spelt_out(frame: pd.DataFrame, columns: list[str], acronyms: Acronyms) -> pd.DataFrame:
    """A copy of ``frame`` whose text in ``columns`` has each acronym spelt out at its first use
    on the page (``acronyms``, the page's :class:`Acronyms`), reading the table row by row and,
    in a row, in the order of ``columns``. The text is not escaped: the table helper escapes it."""
    shown = frame.copy()
    for index in shown.index:
        for column in columns:
            shown.at[index, column] = acronyms.expand(str(shown.at[index, column]))
    return shown


def glossary_markdown(glossary: pd.DataFrame) -> str:
    """The glossary page as MyST Markdown: every term with what it stands for and means, by term."""
    lines = [
        "# Glossary",
        "",
        "The abbreviations and terms of this assessment, and what they mean.",
        "",
        "```{table} Abbreviations and terms",
        "| Term | Stands for | Meaning |",
        "|---|---|---|",
    ]
    for row in glossary.sort_values("term", key=lambda s: s.str.casefold()).itertuples():
        stands = "" if row.expansion.casefold() == row.term.casefold() else myst_inline(row.expansion)
        lines.append(f"| {myst_inline(row.term)} | {stands} | {sentence_markdown(row.definition)} |")
    return "\n".join(lines + ["```", ""])
