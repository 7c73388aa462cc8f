"""Registers per force: every entry names its force (a force, an alliance or "all"), and an edition
sees only the entries of its forces, of "all", and of an alliance all of whose forces it covers."""

from __future__ import annotations

import dataclasses
import re
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
from assess.read.scope import check_rewordings, for_edition, named, scopes, shown_for, threats_for
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


def _concerns(entries: pd.DataFrame, forces) -> pd.Series:
    """Whether each entry names ``all`` or one of ``forces`` (alone or among several)."""
    return entries["force"].map(lambda f: bool(set(named(f)) & {"all", *forces}))


def _dated(entries: pd.DataFrame, as_of: str) -> pd.Series:
    """Whether each entry holds by ``as_of``: no ``since`` day, or one no later."""
    if "since" not in entries:
        return pd.Series(True, index=entries.index)
    return entries["since"].map(lambda day: not day or day <= as_of)


def _rewordings(entries: pd.DataFrame) -> pd.Series:
    """Whether each entry rewords another for one force."""
    if "rewords" not in entries:
        return pd.Series(False, index=entries.index)
    return entries["rewords"].map(lambda r: not (pd.isna(r) or r == ""))


@pytest.mark.wide
def test_shipped_registers_one_force_never_sees_the_other_or_the_alliance():
    """Each force of the shipped alliance on its own: the edition reads exactly the entries that
    concern its force (its own, ``all``, and those naming it among several), none of the other
    force or of the alliance (an alliance recommendation comes back as its rewording for the
    force); the whole alliance reads every entry but the rewordings. The CSE recommendation about
    the differences between the two forces is the alliance's. The ``force`` column reaches
    chapters only where they group by force (CSP)."""
    members = _alliance_forces()
    whole = _edition_of(members)
    for forces in ([force] for force in members):
        edition = _edition_of(forces)
        for name, reader in RAW_READERS.items():
            entries = reader(edition.path(name))
            entries = entries[-1] if isinstance(entries, tuple) else entries
            if name == "glossary":  # the terms in use at the edition's as-of date (test_glossary_dates)
                entries = entries[in_use(entries, edition.as_of)].drop(columns=["from", "until"])
            mine = entries[_concerns(entries, forces) & _dated(entries, edition.as_of)]
            shown = read_dataset(edition, name)
            shown = shown[-1] if isinstance(shown, tuple) else shown
            assert len(shown) == len(mine), name
            assert ("force" in shown) == (name.startswith("csp")), name
            everything = read_dataset(whole, name)
            everything = everything[-1] if isinstance(everything, tuple) else everything
            assert len(everything) == int((_dated(entries, whole.as_of) & ~_rewordings(entries)).sum()), name
        assert {t["force"] for t in read_dataset(edition, "threats")} <= {"all", *forces, "; ".join(members)}
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
    page.write_text(re.sub(r"^force: .*$", "force: Mercia", page.read_text(), count=1, flags=re.M))
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
    path.write_text("number,theme,recommendation,update,status,force,reviewed\n1,T,R,U,ongoing,,2016-11\n")
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


@pytest.mark.parametrize(
    "forces, kept",
    [
        (("Alpha",), ["a", "c"]),
        (("Gamma",), ["a", "c"]),  # an entry of several forces is each of theirs
        (("Beta",), ["b", "c"]),
        (("Alpha", "Beta"), ["a", "b", "c"]),
    ],
)
def test_an_entry_of_several_forces_is_shown_to_an_edition_of_any_of_them(forces, kept):
    table = pd.DataFrame({"id": ["a", "b", "c"], "force": ["Alpha; Gamma", "Beta", "all"]})
    table.attrs["lines"] = [2, 3, 4]
    assert for_edition(table, "r.csv", REGISTRY, forces)["id"].tolist() == kept


@pytest.mark.parametrize(
    "value, expected, found",
    [
        ("Alpha; Gama", "a force of data/reference/forces.csv (did you mean 'Gamma'?)", "Gama"),
        ("Alpha;", "'all', an alliance (Pact)", ""),
        ("all; Alpha", "'all' on its own", "all; Alpha"),
    ],
)
def test_a_bad_list_of_forces_is_refused_at_its_row_and_column(value, expected, found):
    table = pd.DataFrame({"id": ["a", "b"], "force": ["Alpha", value]})
    table.attrs["lines"] = [2, 5]
    with pytest.raises(InputError) as caught:
        for_edition(table, "data/reference/registers/r.csv", REGISTRY, ("Alpha",))
    message = str(caught.value)
    assert message.startswith("data/reference/registers/r.csv, row 5, column 'force': expected ")
    assert expected in message and f"found '{found}'" in message and "\n" not in message


def test_an_entry_since_a_day_is_shown_only_in_editions_written_from_that_day():
    table = pd.DataFrame({"id": ["old", "event"], "force": ["all", "all"], "since": ["", "2018-10-29"]})
    assert for_edition(table, "r.csv", REGISTRY, ("Alpha",), "2018-10-28")["id"].tolist() == ["old"]
    assert for_edition(table, "r.csv", REGISTRY, ("Alpha",), "2018-10-29")["id"].tolist() == ["old", "event"]


REWORDED = pd.DataFrame(
    {
        "number": pd.array([1, None, None, 2], dtype="Int64"),
        "rewords": pd.array([None, 1, 1, None], dtype="Int64"),
        "recommendation": ["Plan for the Pact", "Plan for Alpha", "Plan for Beta", "Train"],
        "force": ["Pact", "Alpha", "Beta", "Alpha; Beta"],
    }
)
REWORDED.attrs["lines"] = [2, 3, 4, 5]


@pytest.mark.parametrize(
    "forces, shown",
    [
        (("Alpha", "Beta"), [(1, "Plan for the Pact"), (2, "Train")]),  # the alliance's own row; no rewording
        (("Alpha",), [(1, "Plan for Alpha"), (2, "Train")]),  # the force's rewording, under the alliance's number
        (("Beta", "Gamma"), [(1, "Plan for Beta"), (2, "Train")]),  # half the alliance with another force
        (("Gamma",), []),
    ],
)
def test_a_rewording_stands_in_for_the_alliance_recommendation_where_the_edition_lacks_it(forces, shown):
    kept = for_edition(REWORDED, "r.csv", REGISTRY, forces)
    assert list(zip(kept["number"].astype(int), kept["recommendation"], strict=True)) == shown
    assert list(kept.attrs["lines"]) == [
        REWORDED.attrs["lines"][REWORDED["recommendation"].tolist().index(text)] for _, text in shown
    ]


@pytest.mark.parametrize(
    "change, row, column, said",
    [
        (lambda t: t.assign(rewords=t["rewords"].where(t.index != 1, 2)), 3, "rewords", "whose force is an alliance"),
        (lambda t: t.assign(force=["Pact", "Gamma", "Beta", "Alpha; Beta"]), 3, "force", "one force of Pact"),
        (lambda t: t.drop(index=2), 2, "number", "found 'none for Beta'"),
    ],
)
def test_every_alliance_recommendation_is_reworded_for_each_of_its_forces(change, row, column, said):
    table = change(REWORDED).reset_index(drop=True)
    table.attrs["lines"] = [line for i, line in enumerate(REWORDED.attrs["lines"]) if i in change(REWORDED).index]
    with pytest.raises(InputError) as caught:
        check_rewordings(table, "recommendations_ahead.csv", REGISTRY)
    message = str(caught.value)
    assert message.startswith(f"recommendations_ahead.csv, row {row}, column '{column}'") and said in message
    check_rewordings(REWORDED, "recommendations_ahead.csv", REGISTRY)  # the whole table passes


def _never_shipped_force() -> str:
    """A force of the registry that no shipped edition covers and no alliance has."""
    registry = read_forces(ROOT / "data" / "reference" / "forces.csv")
    covered = {f for p in shipped_editions() for f in yaml.safe_load(p.read_text())["forces"]}
    return next(f for f in registry.names if f not in covered and not registry.alliance(f))


def test_a_force_the_project_never_shipped_gets_none_of_the_alliances_entries():
    """An edition of a force with no register entries of its own (issue 28: Staffordshire got the
    alliance's Control Strategy, recommendations and judgements) reads every register empty and
    no threat page; only the glossary's terms for every force reach it."""
    force = _never_shipped_force()
    edition = _edition_of([force])
    for name in RAW_READERS:
        shown = read_dataset(edition, name)
        shown = shown[-1] if isinstance(shown, tuple) else shown
        if name == "glossary":
            every_force = RAW_READERS[name](edition.path(name))
            assert len(shown) > 0 and set(shown["term"]) <= set(every_force.loc[every_force["force"] == "all", "term"])
            continue
        assert shown.empty, name
    assert read_dataset(edition, "threats") == []


def _alliance_recommendation_pairs():
    """(alliance edition, one of its forces alone, as of the same day): from every shipped edition
    that covers an alliance, with its parameters' forces narrowed to each member."""
    for params in shipped_editions():
        edition = load_edition(params, ROOT)
        if "recommendations_ahead" not in edition.data:
            continue
        for alliance in edition.registry.alliances_covered(edition.forces):
            for force in edition.registry.alliance_members(alliance):
                yield pytest.param(params, force, id=f"{params.stem}-{force}")


@pytest.mark.parametrize("params, force", list(_alliance_recommendation_pairs()))
def test_a_single_force_edition_carries_every_alliance_recommendation_that_concerns_its_force(params, force):
    """Issue 27: a single-force edition never silently drops an alliance recommendation. Every
    recommendation the alliance edition shows that concerns the force (its own, every force's, or
    the alliance's) is shown under the same number in the force's own edition, the alliance's
    reworded for it without naming the alliance."""
    whole = load_edition(params, ROOT)
    alone = _edition_of_params(params, [force])
    raw = read_recommendations_ahead(whole.path("recommendations_ahead"))
    everyone = read_dataset(whole, "recommendations_ahead")
    numbered = raw[raw["number"].notna()].set_index(raw["number"][raw["number"].notna()].astype(int))
    concerns = [
        int(n)
        for n in everyone["number"]
        if set(named(numbered.at[int(n), "force"])) & {"all", force, whole.registry.alliance(force)}
    ]
    mine = read_dataset(alone, "recommendations_ahead").set_index("number")
    assert concerns and set(concerns) <= set(mine.index.astype(int))
    alliance_rows = [n for n in concerns if numbered.at[n, "force"] == whole.registry.alliance(force)]
    assert alliance_rows, "the shipped alliance has recommendations of its own"
    for number in alliance_rows:
        text = mine.at[number, "recommendation"]
        assert text != numbered.at[number, "recommendation"] and "alliance" not in text.lower(), number


def _edition_of_params(params, forces: list[str]):
    """The edition of ``params`` with ``forces`` instead of its own (same as-of date and files)."""
    data = yaml.safe_load(params.read_text())
    data["forces"] = forces
    projection = data.get("specials", {}).get("projection", {})
    for key in ("recruits_per_month", "leavers_per_month"):
        if key in projection:
            projection[key] = {f: v for f, v in projection[key].items() if f in forces} or {
                forces[0]: next(iter(projection[key].values()))
            }
    path = ROOT / "_build" / "test-data" / f"alone-{params.stem}-{forces[0].lower().replace(' ', '')}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return load_edition(path, ROOT)
