"""Registers per force: every entry names its force (a force, an alliance or "all"), and an edition
sees only the entries of its forces, of "all", and of an alliance all of whose forces it covers."""

from __future__ import annotations

import dataclasses
import shutil

import pandas as pd
import pytest
import yaml

from assess.edition import load_edition
from assess.errors import InputError
from assess.read.forces import read_forces
from assess.read.judgements import in_use, read_glossary, read_judgements, read_recommendations_ahead
from assess.read.registers import (
    read_csp_partnerships,
    read_csp_priorities,
    read_issue_register,
    read_morile,
    read_recommendations,
    read_risk_register,
)
from assess.read.registry import read_dataset
from assess.read.scope import for_edition, scopes, shown_for, threats_for
from assess.read.threats import read_threats
from conftest import ROOT, made_up_registry, project_scratch, shipped_editions

REGISTRY = made_up_registry()
TABLE = pd.DataFrame({"id": ["a", "b", "c", "d", "e"], "force": ["Alpha", "Beta", "Pact", "all", "Gamma"]})
TABLE.attrs["lines"] = [2, 3, 5, 6, 7]


def test_values_a_force_field_may_hold():
    assert scopes(REGISTRY) == ["all", "Pact", "Alpha", "Beta", "Gamma"]


@pytest.mark.parametrize(
    "forces, kept",
    [
        (("Alpha",), ["a", "d"]),  # the other force's entry and the alliance's are dropped, "all" kept
        (("Beta",), ["b", "d"]),
        (("Alpha", "Beta"), ["a", "b", "c", "d"]),  # the whole alliance: its entries come back
        (("Gamma",), ["d", "e"]),
        (("Alpha", "Gamma"), ["a", "d", "e"]),  # half an alliance is not the alliance
    ],
)
def test_an_edition_sees_its_forces_all_and_alliances_it_covers(forces, kept):
    shown = for_edition(TABLE, "r.csv", REGISTRY, forces)
    assert shown["id"].tolist() == kept
    assert list(shown.attrs["lines"]) == [TABLE.attrs["lines"][TABLE["id"].tolist().index(k)] for k in kept]
    assert shown_for(REGISTRY, forces) >= {"all", *forces}


def test_an_unknown_force_in_a_csv_register_names_file_row_column_and_suggests():
    table = TABLE.assign(force=["Alpha", "Betta", "all", "all", "all"])
    table.attrs["lines"] = TABLE.attrs["lines"]
    with pytest.raises(InputError) as caught:
        for_edition(table, "data/reference/registers/r.csv", REGISTRY, ("Alpha",))
    assert str(caught.value) == (
        "data/reference/registers/r.csv, row 3, column 'force': expected 'all', an alliance (Pact) or a force "
        "of data/reference/forces.csv (did you mean 'Beta'?), found 'Betta'"
    )


def test_an_unknown_force_in_a_yaml_register_names_the_entry():
    table = pd.DataFrame({"id": ["R1", "R2"], "force": ["all", "Everyone"]})
    table.attrs["entries"] = ["risk R1", "risk R2"]
    with pytest.raises(InputError) as caught:
        for_edition(table, "risks.yml", REGISTRY, ("Alpha",))
    assert str(caught.value) == (
        "risks.yml, column 'risk R2.force': expected 'all', an alliance (Pact) or a force of "
        "data/reference/forces.csv, found 'Everyone'"
    )


def _edition_of(forces: list[str]):
    """A shipped edition's parameters with ``forces`` instead of its own, loaded."""
    registers = {"recommendations", "recommendations_ahead", "csp_priorities", "csp_partnerships", "issue_register",
                 "morile", "risk_register", "judgements", "threats", "glossary"}  # fmt: skip
    source = next(p for p in shipped_editions() if registers <= set(yaml.safe_load(p.read_text())["data"]))
    params = yaml.safe_load(source.read_text())
    params["forces"] = forces
    for section in ("specials",):
        projection = params.get(section, {}).get("projection", {})
        for key in ("recruits_per_month", "leavers_per_month"):
            if key in projection:
                projection[key] = {f: v for f, v in projection[key].items() if f in forces} or {
                    forces[0]: next(iter(projection[key].values()))
                }
    path = ROOT / "_build" / "test-data" / f"scope-{'-'.join(f.lower().replace(' ', '') for f in forces)}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(params, sort_keys=False))
    return load_edition(path, ROOT)


def _alliance_forces() -> list[str]:
    registry = read_forces(ROOT / "data" / "reference" / "forces.csv")
    alliance = next(a for a in registry.table["alliance"] if a)
    return list(registry.alliance_members(alliance))


RAW_READERS = {
    "recommendations": read_recommendations,
    "recommendations_ahead": read_recommendations_ahead,
    "issue_register": read_issue_register,
    "morile": read_morile,
    "risk_register": read_risk_register,
    "judgements": read_judgements,
    "csp_priorities": read_csp_priorities,
    "csp_partnerships": read_csp_partnerships,
    "glossary": read_glossary,
}
"""Each register's own reader: every entry, with its ``force``."""


def test_shipped_registers_one_force_never_sees_the_other_or_the_alliance():
    """Each force of the shipped alliance on its own: the edition reads exactly the entries of its
    force and of "all", none of the other force or of the alliance; the whole alliance reads
    every entry. The CSE recommendation about the differences between the two forces is the
    alliance's. The ``force`` column reaches chapters only where they group by force (CSP)."""
    members = _alliance_forces()
    whole = _edition_of(members)
    for forces in ([force] for force in members):
        edition = _edition_of(forces)
        for name, reader in RAW_READERS.items():
            entries = reader(edition.path(name))
            entries = entries[-1] if isinstance(entries, tuple) else entries
            if name == "glossary":  # the terms in use at the edition's as-of date (test_glossary_dates)
                entries = entries[in_use(entries, edition.as_of)].drop(columns=["from", "until"])
            shown = read_dataset(edition, name)
            shown = shown[-1] if isinstance(shown, tuple) else shown
            mine = entries[entries["force"].isin(["all", *forces])].reset_index(drop=True)
            assert shown.equals(mine if "force" in shown else mine.drop(columns="force")), name
            everything = read_dataset(whole, name)
            assert len(everything[-1] if isinstance(everything, tuple) else everything) == len(entries), name
        assert {t["force"] for t in read_dataset(edition, "threats")} <= {"all", *forces}
        texts = " ".join(read_dataset(edition, "recommendations")["recommendation"])
        assert "Address differences between" not in texts and "across the alliance" not in texts
        terms = set(read_dataset(edition, "glossary")["term"])
        assert not terms & {"StraDA", "WWMTCG"}, forces  # the alliance's change programme and meeting
    assert {"StraDA", "WWMTCG"} <= set(read_dataset(whole, "glossary")["term"])
    assert "Address differences between" in " ".join(read_dataset(whole, "recommendations")["recommendation"])
    assert "force" not in read_dataset(whole, "recommendations")
    assert "force" in read_dataset(whole, "csp_priorities")


def test_a_threat_page_of_an_unknown_force_names_the_file_and_line(tmp_path):
    folder = project_scratch(tmp_path) / "threats"
    shutil.copytree(ROOT / "data" / "reference" / "threats", folder, dirs_exist_ok=True)
    page = folder / "cyber-crime.md"
    page.write_text(page.read_text().replace("force: all", "force: Mercia", 1))
    threats = read_threats(folder)
    with pytest.raises(InputError) as caught:
        threats_for(threats, read_forces(ROOT / "data" / "reference" / "forces.csv"), ("West Mercia",))
    line = page.read_text().splitlines().index("force: Mercia") + 1
    assert f"cyber-crime.md, row {line}, column 'force': expected 'all'" in str(caught.value)
    assert "found 'Mercia'" in str(caught.value)


def test_register_readers_keep_the_force_column(tmp_path):
    meta, risks = read_risk_register(ROOT / "data" / "reference" / "registers" / "risks.yml")
    assert "force" in risks and risks.attrs["entries"][0] == f"risk {risks['id'][0]}"
    path = tmp_path / "r.csv"
    path.write_text("number,theme,recommendation,update,status,force\n1,T,R,U,ongoing,\n")
    with pytest.raises(InputError) as caught:
        read_recommendations(path)
    assert (caught.value.row, caught.value.column) == (2, "force")


def test_the_timeline_keeps_only_events_of_the_editions_forces():
    """The timeline is the forces' own transcription in data/raw (never written), so it carries no
    force column: an event that names only other forces of the registry is another force's."""
    from assess.read.facts import concerning

    timeline = pd.DataFrame(
        {
            "date": ["2012-03", "2018-10-09", "2021-04", "2011-06"],
            "event": [
                "The alliance is set up",
                "West Mercia gives notice to leave the alliance",
                "West Midlands Police begins delivering shared services for Warwickshire",
                "Both Police Authorities agree",
            ],
            "milestone": ["start", "notice", "", ""],
        }
    )
    names = ["Warwickshire", "West Mercia", "West Midlands"]
    assert concerning(timeline, ("West Mercia",), names)["date"].tolist() == ["2012-03", "2018-10-09", "2011-06"]
    assert concerning(timeline, ("Warwickshire",), names)["date"].tolist() == timeline["date"].tolist()


def test_a_glossary_term_of_an_unknown_force_names_the_file_row_and_column(tmp_path):
    """The glossary's ``force`` column means what a register's does, with the same one-line error."""
    folder = project_scratch(tmp_path)
    glossary = folder / "glossary.csv"
    lines = (ROOT / "data" / "reference" / "glossary.csv").read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("StraDA,"))
    lines[row] = lines[row].replace(",Alliance,", ",Aliance,")
    glossary.write_text("\n".join(lines) + "\n", encoding="utf-8")
    edition = _edition_of(_alliance_forces()[:1])
    edition = dataclasses.replace(edition, data={**edition.data, "glossary": glossary})
    with pytest.raises(InputError) as caught:
        read_dataset(edition, "glossary")
    message = str(caught.value)
    assert f"glossary.csv, row {row + 1}, column 'force': expected 'all', an alliance (Alliance)" in message
    assert "(did you mean 'Alliance'?), found 'Aliance'" in message and "\n" not in message
