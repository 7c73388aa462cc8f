"""A book of forces that make up no alliance reads as its own: the key judgements, the
recommendations for the year ahead and the catalogue titles of the datasets it reads say nothing
of an alliance or of "the forces" (the threat pages: ``test_threat_force_blocks``)."""

from __future__ import annotations

import re

import pytest

from assess.edition import load_edition
from assess.read.catalogue import read_catalogue
from conftest import ROOT, checked_editions, shipped_editions, shipped_reads

WORDS = re.compile(r"\b(alliance|the forces|both forces|two forces|two commissioners)\b", re.I)
HISTORY = {"alliance_timeline"}
"""Datasets about the alliance itself: its history is each of its forces' own."""


def _one_force_editions():
    """The parameter files of the shipped editions that cover no alliance."""
    editions = {p: load_edition(p, ROOT) for p in shipped_editions()}
    return [p for p, e in editions.items() if not e.registry.alliances_covered(e.forces)]


def test_a_shipped_edition_covers_no_alliance():
    assert _one_force_editions()


@pytest.mark.parametrize(
    "params",
    checked_editions(_one_force_editions(), naming=("judgements", "recommendations_ahead")),
    ids=lambda p: p.stem,
)
def test_registers_and_titles_of_a_one_force_edition_name_no_alliance(params):
    edition = load_edition(params, ROOT)
    read = shipped_reads(params)
    _, judgements = read("judgements")
    texts = {f"judgement {i}": t for i, t in zip(judgements["id"], judgements["text"], strict=True)}
    ahead = read("recommendations_ahead")
    texts |= {f"recommendation {n}": t for n, t in zip(ahead["number"], ahead["recommendation"], strict=True)}
    catalogue = read_catalogue(ROOT)
    texts |= {
        f"catalogue {name}": catalogue[name]["title"]
        for name in edition.data
        if name in catalogue and name not in HISTORY
    }
    wrong = [f"{where}: {text}" for where, text in texts.items() if WORDS.search(text)]
    assert not wrong, f"{edition.edition} is one force's book:\n" + "\n".join(wrong)


def test_the_check_finds_what_it_looks_for():
    assert WORDS.search("the crimes the forces record") and WORDS.search("into the Alliance")
    assert not WORDS.search("the police forces of England and Wales")
