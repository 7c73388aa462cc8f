"""Key judgements held to the threat pages they name (one word for one judgement: the same PHIA
likelihood, the same direction), reworded for one force where the alliance's does not fit, and
dated events drafted from public documents entering the editions written after them."""

from __future__ import annotations

import dataclasses
import functools

import pandas as pd
import pytest
import yaml

from assess.edition import load_edition
from assess.errors import InputError
from assess.periods import day_label, shift_month
from assess.read.facts import read_timeline
from assess.read.judgements import read_judgements, read_recommendations_ahead
from assess.read.registers import read_risk_register
from assess.read.registry import read_dataset
from assess.read.scope import concerns, named
from assess.read.threats import check_judgements
from conftest import ROOT, checked_editions, project_scratch, shipped_editions, shipped_reads, shipped_threats


@functools.cache
def _editions():
    """Every shipped edition, loaded once per test process (the tests change copies only)."""
    return tuple(load_edition(p, ROOT) for p in shipped_editions())


@pytest.mark.parametrize("params", checked_editions(), ids=lambda p: p.stem)
def test_every_judgement_says_what_the_threat_pages_it_names_say(params):
    edition = load_edition(params, ROOT)
    if "judgements" not in edition.data or "threats" not in edition.data:
        pytest.skip("the edition has no key judgements or no threat pages")
    _, judgements = shipped_reads(params)("judgements")
    pages = {t["id"]: t for t in shipped_reads(params)("threats")}
    named_pages = [(row, pages[t]) for row in judgements.itertuples() for t in row.threats]
    assert named_pages
    for row, page in named_pages:
        assert page["likelihood"] == row.likelihood, (row.id, page["id"])
        assert not row.direction or page["direction"] in ("unknown", row.direction), (row.id, page["id"])


def _table(**changes) -> pd.DataFrame:
    """One judgement naming the cyber crime page, as it says (then changed by ``changes``)."""
    page = next(t for t in shipped_threats() if t["id"] == "cyber-crime")
    row = {"id": "j", "likelihood": page["likelihood"], "direction": "", "threats": ["cyber-crime"], **changes}
    table = pd.DataFrame([row])
    table.attrs["threat_lines"] = (12,)
    return table


@pytest.mark.parametrize(
    "changes, said",
    [
        ({"likelihood": "realistic possibility"}, "threats/cyber-crime.md says '"),
        ({"direction": "decreasing"}, "judges the direction 'decreasing'"),
        ({"threats": ["cyber-crime", "cyber-crimes"]}, "found 'cyber-crimes'"),
    ],
)
def test_a_judgement_disagreeing_with_a_page_it_names_is_refused_in_one_line(changes, said):
    threats = shipped_threats()
    check_judgements(threats, _table(), "judgements.yml")  # as the page says: passes
    with pytest.raises(InputError) as caught:
        check_judgements(threats, _table(**changes), "judgements.yml")
    message = str(caught.value)
    assert message.startswith("judgements.yml, row 12, column 'judgement j.threats': expected ")
    assert said in message and "\n" not in message


def test_a_judgement_may_not_name_a_page_its_edition_lacks(tmp_path):
    """A judgement for several forces naming the page of one of them would point an edition of
    another to a page it does not have: refused at the judgement's ``threats`` line."""
    threats = shipped_threats()
    edition = next(e for e in _editions() if "judgements" in e.data and "threats" in e.data)
    registry = edition.registry
    page = next(t for t in threats if len(named(t["force"])) == 1 and t["force"] in registry.names)
    other = next(f for f in registry.names if f != page["force"] and registry.alliance(f))
    path = project_scratch(tmp_path) / "judgements.yml"
    data = yaml.safe_load(edition.path("judgements").read_text())
    judged = next(j for j in data["judgements"] if j["threats"] and not j.get("rewords"))
    judged.update(threats=[page["id"]], likelihood=page["likelihood"], force=[page["force"], other])
    judged.pop("direction", None)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    alone = _moved(edition, [other], edition.as_of)
    other_edition = dataclasses.replace(alone, data={**alone.data, "judgements": path})
    with pytest.raises(InputError) as caught:
        read_dataset(other_edition, "judgements")
    assert f"column 'judgement {judged['id']}.threats'" in str(caught.value)
    assert f"found '{page['id']}'" in str(caught.value)


def _alliance_end(timeline: pd.DataFrame) -> pd.Series:
    """The timeline's milestones (``notice``, ``end``) by milestone, as dated there."""
    return timeline[timeline["milestone"] != ""].set_index("milestone")["date"]


@pytest.mark.parametrize("params", checked_editions(), ids=lambda p: p.stem)
def test_an_edition_written_after_the_notice_judges_the_alliances_end(params):
    """Dated events enter the judgement layer: an edition of an alliance's force (or of the
    alliance) written after the notice to end it holds a key judgement, drafted from a public
    document, that names the day the alliance ends; one written before holds none."""
    edition = load_edition(params, ROOT)
    if "alliance_timeline" not in edition.data or "judgements" not in edition.data:
        pytest.skip("the edition has no timeline or no key judgements")
    milestones = _alliance_end(read_timeline(edition.path("alliance_timeline")))
    if not {"notice", "end"} <= set(milestones.index):
        pytest.skip("the timeline dates no notice and end")
    if not any(edition.registry.alliance(f) for f in edition.forces):
        pytest.skip("no force of the edition is in an alliance")
    _, judgements = shipped_reads(params)("judgements")
    drafted = judgements[judgements["drafted"] != ""]
    ending = drafted[drafted["text"].str.contains(day_label(milestones["end"]), regex=False)]
    assert (len(ending) == 1) == (edition.as_of >= milestones["notice"]), edition.edition
    if len(ending):
        assert ending.iloc[0]["since"] <= edition.as_of


def _drafted_entries():
    """Every drafted entry of the shipped registers: (register, entry id or number, force, since)."""
    registers = ROOT / "data" / "reference" / "registers"
    _, judgements = read_judgements(registers / "judgements.yml")
    _, risks = read_risk_register(registers / "risks.yml")
    ahead = read_recommendations_ahead(registers / "recommendations_ahead.csv")
    ahead = ahead.assign(id=ahead["number"].fillna(ahead["rewords"]).astype(int))
    for register, table in (("judgements", judgements), ("risk_register", risks), ("recommendations_ahead", ahead)):
        for row in table[table["drafted"] != ""].itertuples():
            yield pytest.param(register, row.id, row.force, row.since, id=f"{register}-{row.id}-{row.force}")


def test_the_registers_hold_drafted_entries():
    assert {p.values[0] for p in _drafted_entries()} == {"judgements", "risk_register", "recommendations_ahead"}


@pytest.mark.parametrize("register, ident, force, since", list(_drafted_entries()))
def test_a_drafted_entry_is_shown_from_its_day_and_not_before(register, ident, force, since):
    """Each drafted entry is shown in an edition of the forces it concerns written as of its
    ``since`` day (a rewording in an edition of its force alone), and in none written the day
    before. The edition is a shipped one with its as-of date (and forces) changed."""
    edition = next(e for e in _editions() if register in e.data)
    forces = [f for f in named(force) if f in edition.registry.names] or list(
        edition.registry.alliance_members(force) if force in set(edition.registry.table["alliance"]) else []
    )
    assert forces and concerns(edition.registry, force, forces)
    day_before = str((pd.Timestamp(since) - pd.Timedelta(days=1)).date())
    for as_of, shown in ((since, True), (day_before, False)):
        moved = _moved(edition, forces, as_of)
        entries = read_dataset(moved, register)
        entries = entries[-1] if isinstance(entries, tuple) else entries
        key = "number" if register == "recommendations_ahead" else "id"
        assert (ident in set(entries[key])) == shown, (as_of, ident)


def _moved(edition, forces: list[str], as_of: str):
    """``edition`` with ``forces`` and written as of ``as_of``: its registers only (no period
    reaches past the new as-of date, so every other dataset is left out)."""
    params = yaml.safe_load(edition.source.read_text())
    keep = {"forces", "judgements", "risk_register", "recommendations_ahead", "threats", "threat_indicators"}
    params["data"] = {k: v for k, v in params["data"].items() if k in keep}
    params["forces"], params["as_of"] = forces, as_of
    year = int(as_of[:4]) - (1 if as_of[5:7] < "04" else 0)
    params["assessment_year"] = f"{year}-{(year + 1) % 100:02d}"
    params["periods"] = {"assessment": {"start": f"{year}-04", "end": shift_month(f"{year}-04", 11)}}
    params.pop("previous_edition", None)
    params["specials"]["projection"] = {
        "start": shift_month(as_of[:7], -1),
        "end": as_of[:7],
        "recruits_per_month": dict.fromkeys(forces, 1.0),
        "leavers_per_month": dict.fromkeys(forces, 1.0),
    }
    path = ROOT / "_build" / "test-data" / f"dated-{'-'.join(f.lower().replace(' ', '') for f in forces)}-{as_of}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(params, sort_keys=False))
    return load_edition(path, ROOT)
