"""Registers: validation with clear errors, MoRiLE arithmetic, direction of travel, and the
Control Strategy of the shipped data equal to the 2016/17 outcome."""

import pandas as pd
import pytest
import yaml

from assess.analysis import matrix, morile, registers_summary
from assess.errors import InputError
from assess.read import registers
from conftest import ROOT

REGISTERS = ROOT / "data" / "reference" / "registers"


def _edited(tmp_path, name, change):
    data = yaml.safe_load((REGISTERS / name).read_text())
    change(data)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_control_strategy_of_the_shipped_scores_is_the_2016_17_outcome():
    strategy = morile.scored_control_strategy(registers.read_morile(REGISTERS / "morile.yml"))
    by = strategy.groupby("category")["id"].apply(set).to_dict()
    # Strategic Assessment 2016/17, Section 4: alliance priorities and intelligence requirement.
    assert by["priority"] == {"cyber", "cse", "soc", "msht", "rape", "da"}
    assert by["intelligence requirement"] == {"fgm", "fno", "terrorism", "stalking"}


def test_morile_arithmetic_by_hand():
    template = {
        "harm_dimensions": {"a": {}, "b": {}},
        "modifiers": {"scope": {"local": 1.0, "national": 2.0}, "vuln": {"none": 1.0, "high": 1.5}},
        "organisational_position": {"capacity": {}, "capability": {}},
        "confidence": ["low", "medium", "high"],
        "control_strategy": {
            "priority_threshold": 50,
            "priority_min_confidence": "medium",
            "intelligence_threshold": 20,
        },
    }
    threats = pd.DataFrame(
        {
            "id": ["x", "y", "z"],
            "name": ["X", "Y", "Z"],
            "a": [4.0, 2.0, 1.0],
            "b": [3.0, 2.0, 1.0],
            "scope": ["national", "national", "local"],
            "vuln": ["high", "none", "none"],
            "likelihood": [2.0, 3.0, 4.0],
            "confidence": ["high", "low", "high"],
            "capacity": [1.0, 2.0, 3.0],
            "capability": [2.0, 2.0, 2.0],
            "last_year": ["priority", "none", "intelligence requirement"],
        }
    )
    scored = morile.score_threats(template, threats).set_index("id")
    # x: (4 + 3) × 2.0 × 1.5 × 2 = 42; y: (2 + 2) × 2.0 × 1.0 × 3 = 24; z: (1 + 1) × 1 × 1 × 4 = 8.
    assert scored["risk"].to_dict() == {"x": 42.0, "y": 24.0, "z": 8.0}
    assert scored["rank"].to_dict() == {"x": 1, "y": 2, "z": 3}
    assert scored.loc["x", "organisational"] == 3
    strategy = morile.control_strategy(template, scored.reset_index()).set_index("id")
    assert strategy["category"].to_dict() == {
        "x": "intelligence requirement",
        "y": "intelligence requirement",
        "z": "monitor",
    }
    assert strategy["change"].to_dict() == {"x": "was priority", "y": "new", "z": "was intelligence requirement"}


def test_direction_of_travel_from_a_two_year_example():
    issues = pd.DataFrame(
        {
            "id": [1, 2, 3],
            "name": ["A", "B", "C"],
            "last_probability": [2.0, 8.0, 5.0],
            "last_demand": [2.0, 8.0, 5.0],
            "probability": [7.0, 8.0, 5.0],
            "demand": [8.0, 3.0, 5.0],
        }
    )
    moves = matrix.movements(issues, {"min": 1, "max": 10}).set_index("id")
    assert moves["moved"].to_dict() == {1: True, 2: True, 3: False}
    assert moves.loc[1, ["d_probability", "d_demand"]].tolist() == [5.0, 6.0]
    assert moves["quadrant"].to_dict() == {
        1: "high demand, high probability",
        2: "low demand, high probability",
        3: "low demand, low probability",
    }


def test_shipped_issue_register_has_the_24_legend_issues():
    meta, issues = registers.read_issue_register(REGISTERS / "issues.yml")
    assert issues["id"].tolist() == list(range(1, 25)) and meta["example_scores"] is True
    assert issues.set_index("id").loc[24, "name"] == "Radicalisation"


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda d: d["issues"][4]["this_year"].update(demand=11), "issue 5.this_year.demand"),
        (lambda d: d["issues"][4]["this_year"].update(probability="high"), "issue 5.this_year.probability"),
        (lambda d: d["issues"][3].update(id=3), "issues[3].id"),
        (lambda d: d["issues"][0].update(id="one"), "issue one.id"),
        (lambda d: d.update(last_year_label=["2015/16"]), "last_year_label"),
        (lambda d: d.update(this_year_label=2017), "this_year_label"),
        (lambda d: d.update(example_scores="yes"), "example_scores"),
    ],
)
def test_issue_register_errors_name_the_entry_and_field(tmp_path, change, where):
    with pytest.raises(InputError) as caught:
        registers.read_issue_register(_edited(tmp_path, "issues.yml", change))
    assert caught.value.column == where and "issues.yml" in str(caught.value)


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda d: d["threats"][0].update(physical=5), "threat cyber.physical"),
        (lambda d: d["threats"][0].update(geographic_scope="galactic"), "threat cyber.geographic_scope"),
        (lambda d: d["threats"][0].update(confidence="certain"), "threat cyber.confidence"),
        (lambda d: d["threats"][1].update(id="cyber"), "threats[1].id"),
        (lambda d: d["threats"][0].update(last_year="top"), "threat cyber.last_year"),
        (lambda d: d.update(last_year_label={"a": 1}), "last_year_label"),
        (lambda d: d.update(example_scores=1), "example_scores"),
    ],
)
def test_morile_errors_name_the_threat_and_field(tmp_path, change, where):
    with pytest.raises(InputError) as caught:
        registers.read_morile(_edited(tmp_path, "morile.yml", change))
    assert caught.value.column == where


def test_a_force_template_changes_the_outcome(tmp_path):
    path = _edited(tmp_path, "morile.yml", lambda d: d["template"]["control_strategy"].update(priority_threshold=100))
    template, threats = registers.read_morile(path)
    strategy = morile.control_strategy(template, morile.score_threats(template, threats))
    assert set(strategy[strategy["category"] == "priority"]["id"]) == {"cyber"}


def test_risk_register_scores_and_errors(tmp_path):
    meta, entered = registers.read_risk_register(REGISTERS / "risks.yml")
    risks = registers_summary.score_risks(entered)
    assert (risks["score"] == risks["likelihood"] * risks["impact"]).all()
    assert risks["score"].is_monotonic_decreasing
    with pytest.raises(InputError) as caught:
        registers.read_risk_register(_edited(tmp_path, "risks.yml", lambda d: d["risks"][2].update(impact=0)))
    assert caught.value.column == "risk R3.impact"


def test_unknown_top_level_key_and_bad_yaml(tmp_path):
    with pytest.raises(InputError, match="only the keys"):
        registers.read_risk_register(_edited(tmp_path, "risks.yml", lambda d: d.update(colour="red")))
    broken = tmp_path / "broken.yml"
    broken.write_text("risks: [\n")
    with pytest.raises(InputError, match="valid YAML"):
        registers.read_risk_register(broken)


def test_recommendation_status_must_be_known(write_csv):
    path = write_csv("number,theme,recommendation,update,status,force,reviewed\n1,T,R,U,finished,all,2016-11\n")
    with pytest.raises(InputError) as caught:
        registers.read_recommendations(path)
    assert (caught.value.row, caught.value.column) == (2, "status")


def test_recommendation_counts():
    recs = registers.read_recommendations(REGISTERS / "recommendations.csv")
    counts = registers_summary.status_counts(recs).set_index("status")["recommendations"]
    assert counts.sum() == len(recs) and list(counts.index) == list(registers_summary.STATUSES)
    assert set(recs.loc[recs["status"] == "adopted", "number"].dropna().astype(int)) == {15, 16, 17, 21}


def test_shared_priorities_by_hand():
    priorities = pd.DataFrame(
        {"force": ["A", "A", "B"], "priority": ["P", "Q", "P"], "partnerships_listing": [2, 1, 3]}
    )
    partnerships = pd.DataFrame({"force": ["A", "A", "B", "B", "B"], "partnership": list("vwxyz")})
    shared = registers_summary.shared_priorities(priorities, partnerships, ("A", "B")).set_index("priority")
    assert shared.loc["P", "share"] == pytest.approx(100 * 5 / 5) and shared.loc["Q", "share"] == pytest.approx(20)
    too_many = priorities.assign(partnerships_listing=[3, 1, 3])
    with pytest.raises(InputError, match="at most 2 partnerships for A"):
        registers_summary.shared_priorities(too_many, partnerships, ("A", "B"))


def _strategy_template(priority=50, intelligence=20, min_confidence="medium"):
    return {
        "harm_dimensions": {"a": {}},
        "modifiers": {"scope": {"local": 1.0}},
        "organisational_position": {"capacity": {}},
        "confidence": ["low", "medium", "high"],
        "control_strategy": {
            "priority_threshold": priority,
            "priority_min_confidence": min_confidence,
            "intelligence_threshold": intelligence,
        },
    }


def test_control_strategy_thresholds_confidence_and_change_by_hand():
    template = _strategy_template()
    # risk = a × 1 × likelihood(1) = a. Thresholds are inclusive: 50 and 20 reach their category.
    scored = pd.DataFrame(
        {
            "id": list("pqrstuvw"),
            "risk": [50.0, 49.0, 20.0, 19.0, 80.0, 80.0, 5.0, 60.0],
            "confidence": ["medium", "high", "low", "high", "low", "high", "low", "high"],
            "last_year": [
                "priority",
                "none",
                "none",
                "none",
                "priority",
                "intelligence requirement",
                "monitor",
                "monitor",
            ],
        }
    )
    strategy = morile.control_strategy(template, scored).set_index("id")
    assert strategy["category"].to_dict() == {
        "p": "priority",  # at the threshold, confident enough
        "q": "intelligence requirement",  # just below the priority threshold
        "r": "intelligence requirement",  # at the intelligence threshold
        "s": "monitor",  # just below it
        "t": "intelligence requirement",  # high risk, confidence too low for a priority
        "u": "priority",
        "v": "monitor",
        "w": "priority",
    }
    assert strategy["change"].to_dict() == {
        "p": "same",
        "q": "new",  # none last year, on the strategy now
        "r": "new",
        "s": "same",  # none last year and only monitored now: no change
        "t": "was priority",
        "u": "was intelligence requirement",
        "v": "same",
        "w": "was monitor",
    }
    assert list(strategy.columns[-2:]) == ["category", "change"]
    assert set(strategy["category"]) <= set(morile.CATEGORIES)


def test_control_strategy_minimum_confidence_is_inclusive_and_follows_the_template():
    scored = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "risk": [90.0, 90.0, 90.0],
            "confidence": ["low", "medium", "high"],
            "last_year": ["none"] * 3,
        }
    )
    by_medium = morile.control_strategy(_strategy_template(), scored)["category"].tolist()
    assert by_medium == ["intelligence requirement", "priority", "priority"]
    by_high = morile.control_strategy(_strategy_template(min_confidence="high"), scored)["category"].tolist()
    assert by_high == ["intelligence requirement", "intelligence requirement", "priority"]
    by_low = morile.control_strategy(_strategy_template(min_confidence="low"), scored)["category"].tolist()
    assert by_low == ["priority", "priority", "priority"]


def test_score_threats_ranks_ties_together_and_sorts_by_name():
    template = {
        "harm_dimensions": {"a": {}, "b": {}},
        "modifiers": {"scope": {"local": 1.0, "national": 2.0}},
        "organisational_position": {"capacity": {}, "capability": {}},
    }
    threats = pd.DataFrame(
        {
            "id": ["x", "y", "z", "w"],
            "name": ["Zed", "Alpha", "Mid", "Low"],
            "a": [1.0, 2.0, 1.0, 0.0],
            "b": [1.0, 0.0, 1.0, 1.0],
            "scope": ["national", "national", "national", "local"],
            "likelihood": [3.0, 3.0, 1.0, 1.0],
            "capacity": [1.0, 2.0, 3.0, 4.0],
            "capability": [4.0, 4.0, 4.0, 4.0],
        }
    )
    scored = morile.score_threats(template, threats)
    # x and y: 2 × 2 × 3 = 12 (tied first, alphabetical by name); z: 2 × 2 × 1 = 4; w: 1 × 1 × 1 = 1.
    assert scored["id"].tolist() == ["y", "x", "z", "w"]
    assert scored["rank"].tolist() == [1, 1, 3, 4]
    assert scored["harm"].tolist() == [2.0, 2.0, 2.0, 1.0]
    assert scored["scope_factor"].tolist() == [2.0, 2.0, 2.0, 1.0]
    assert scored["risk"].tolist() == [12.0, 12.0, 4.0, 1.0]
    assert scored["organisational"].tolist() == [6.0, 5.0, 7.0, 8.0]
    assert scored.index.tolist() == [0, 1, 2, 3]
    assert "scope_factor" not in threats.columns  # the input is not changed


def test_an_empty_register_gives_an_empty_control_strategy():
    template, threats = registers.read_morile(REGISTERS / "morile.yml")
    strategy = morile.scored_control_strategy((template, threats.iloc[:0]))
    assert strategy.empty and {"risk", "rank", "category", "change"} <= set(strategy.columns)


def test_the_control_strategy_is_computed_in_one_place():
    """Only ``morile.scored_control_strategy`` scores and places the threats: every page that states
    the Control Strategy (the chapter, the executive summary, the check of the threat pages) calls it."""
    import nbformat

    sources = {p: p.read_text(encoding="utf-8") for p in sorted((ROOT / "src" / "assess").rglob("*.py"))}
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = nbformat.read(str(notebook), as_version=4).cells
        sources[notebook] = "\n".join(c.source for c in cells if c.cell_type == "code")
    calls = [
        path.relative_to(ROOT).as_posix()
        for path, text in sources.items()
        if ("score_threats(" in text or "control_strategy(template" in text) and path.name != "morile.py"
    ]
    assert calls == []
    assert "scored_control_strategy(" in sources[ROOT / "src" / "assess" / "read" / "threats.py"]
    assert "scored_control_strategy(" in sources[ROOT / "src" / "assess" / "build" / "generated.py"]


def test_owners_of_a_threat_come_from_its_recommendations_in_number_order():
    ahead = pd.DataFrame(
        {
            "number": [3, 1, 2, 4],
            "owner": ["Head of Crime", "Head of Intelligence", "Head of Crime", "Head of Roads Policing"],
            "threat": ["cyber-crime", "cyber-crime", "cyber-crime", "killed-seriously-injured-collisions"],
        }
    )
    assert registers_summary.owners("cyber-crime", ahead) == ["Head of Intelligence", "Head of Crime"]
    assert registers_summary.owners("rural-crime", ahead) == []
    assert registers_summary.owners("cyber-crime", None) == []


def test_no_threat_page_names_an_owner_of_its_own():
    """The recommendations for the year ahead are the one register of owners: the threat files
    have no owner key, and every owner a shipped threat page shows is a recommendation's."""
    from assess.read.judgements import read_recommendations_ahead
    from assess.read.threats import KEYS, read_threats

    assert "owner" not in KEYS
    ahead = read_recommendations_ahead(REGISTERS / "recommendations_ahead.csv")
    for threat in read_threats(REGISTERS.parent / "threats"):
        shown = registers_summary.owners(threat["id"], ahead)
        assert set(shown) == set(ahead.loc[ahead["threat"] == threat["id"], "owner"]), threat["id"]
        assert bool(shown) == bool(threat["recommendations"]), threat["id"]
