"""Helpers shared by the escaping tests: the hostile-string corpus (tests/hostile/strings.yml) and
MyST parsed with Jupyter Book's own extensions into a docutils tree, to see what a text becomes."""

from __future__ import annotations

from pathlib import Path

import jupyter_book
import yaml
from docutils import nodes
from docutils.core import publish_doctree
from myst_parser.parsers.docutils_ import Parser

from assess.read.yamlfile import read_yaml

CORPUS = Path(__file__).resolve().parents[1] / "hostile" / "strings.yml"
# Jupyter Book's own MyST defaults (colon_fence, dollarmath, linkify, substitution, tasklist, ...).
BOOK_PARSE = yaml.safe_load((Path(jupyter_book.__file__).parent / "default_config.yml").read_text())["parse"]
# Sphinx's MyST parser has no line-length limit; the docutils one drops a page with a line over 10,000.
SETTINGS = {**BOOK_PARSE, "report_level": 5, "halt_level": 5, "line_length_limit": 1_000_000}


def corpus() -> list[tuple[str, str]]:
    """(label, text) of every hostile string, long ones expanded."""
    return [(e["label"], e["text"] * e.get("repeat", 1)) for e in read_yaml(CORPUS)["strings"]]


HOSTILE = corpus()
"""(label, text) of every hostile string of the corpus."""


def doctree(source: str) -> nodes.document:
    """``source`` parsed as MyST with the book's extensions."""
    return publish_doctree(source, parser=Parser(), settings_overrides=SETTINGS)


def node_kinds(tree: nodes.Node) -> set[str]:
    """Class names of every node in ``tree``."""
    return {type(node).__name__ for node in tree.findall()}
