"""The Control Strategy chapter as readers see it: its figures and sentences glued for the prose,
the tables of the Control Strategy and of last year's recommendations.

Scores the force never gave are not ranked: where the MoRiLE register is marked
``example_scores``, the page gives each threat's place in the Control Strategy and says the scores
are illustrative, without a risk score or a rank.
"""

from __future__ import annotations

import pandas as pd

from ...analysis import evidence
from ...analysis.morile import CATEGORIES
from ...analysis.registers_summary import STATUSES
from ...chapters.control_strategy import AgainstData, ControlStrategy, Progress, Strategy
from ..crime_findings import EARLIER
from ..evidence import FOUND_WORDS, VERDICT_WORDS, ordinal
from ..glossary import Acronyms
from ..glue import glue, key
from ..tables import table
from ..wording import counted, join_words
from .registers import glue_carried_forward, not_entered

PRIORITY, REQUIREMENT = CATEGORIES[:2]
STATUS_WORDS = {
    "adopted": "adopted",
    "ongoing": "ongoing",
    "business as usual": "now business as usual",
    "closed": "closed",
}
"""How the tracker's statuses read in a sentence ("3 as now business as usual")."""
MORILE = "MoRiLE (Management of Risk in Law Enforcement)"
"""The scoring method, spelt out at its first use on the page (the sentences glued first)."""


def glue_findings(found: ControlStrategy, forces: tuple[str, ...]) -> None:
    """Glue every figure and sentence the chapter's prose names."""
    glue_carried_forward(found.review)
    glue_against_data(found)
    glue("strategy_summary", strategy_summary(found.strategy, forces), description="the Control Strategy in words")
    glue("strategy_rule", strategy_rule(found.strategy), description="the Control Strategy's rule in words")
    glue("progress_summary", progress_summary(found.progress, forces), description="last year's recommendations")
    strategy, progress = found.strategy, found.progress
    if strategy is not None:
        rule = strategy.rule
        glue("example_scores", strategy.example, description="whether the MoRiLE scores are illustrative")
        glue(
            "priority_threshold",
            rule["priority_threshold"],
            unit="risk score",
            description="lowest risk score of a priority",
        )
        glue(
            "priority_min_confidence", rule["priority_min_confidence"], description="least confidence a priority needs"
        )
        glue(
            "intelligence_threshold",
            rule["intelligence_threshold"],
            unit="risk score",
            description="lowest risk score of an intelligence requirement",
        )
        for category in CATEGORIES[:2]:
            glue(
                key("n", category),
                len(strategy.named(category)),
                unit="threats",
                description=f"threats in the Control Strategy as {category}",
            )
        glue(
            "n_changed",
            len(strategy.moved),
            unit="threats",
            description=f"threats whose Control Strategy place changed since the {strategy.last_year_label}",
        )
    if progress is not None:
        glue(
            "n_recommendations", len(progress.table), unit="recommendations", description="last year's recommendations"
        )
        for row in progress.by_status.itertuples():
            glue(
                key("recommendations", row.status),
                int(row.recommendations),
                unit="recommendations",
                description=f"last year's recommendations now {row.status}",
            )


def strategy_summary(strategy: Strategy | None, forces) -> str:
    """What the Control Strategy names, what changed since last year's, and whether its scores are
    the force's own; or that no MoRiLE register was entered for ``forces``."""
    if strategy is None:
        what = f"{MORILE} register"
        return f"{not_entered(what, forces)}, so this edition sets out no Control Strategy."
    names = (
        f"This year's Control Strategy names {counted(len(strategy.named(PRIORITY)), PRIORITY)}, the threats given "
        f"priority when resources are allocated, and {counted(len(strategy.named(REQUIREMENT)), REQUIREMENT)}, "
        "the threats we need to know more about."
    )
    moved = len(strategy.moved)
    since = (
        f"Since the {strategy.last_year_label}, {counted(moved, 'threat')} changed place."
        if moved
        else f"No threat changed its place since the {strategy.last_year_label}."
    )
    scores = (
        f"The scores behind it, from {MORILE}, are illustrative, not scores the force itself gave, so the "
        "tables below give each threat's place but not its score or rank."
        if strategy.example
        else f"The tables below name them, with each threat's scores from {MORILE}."
    )
    return " ".join((names, since, scores))


def strategy_rule(strategy: Strategy | None) -> str:
    """The register's rule in words ("A threat becomes a priority when its risk score is 60 or
    more ..."); empty when there is no register."""
    if strategy is None:
        return ""
    rule = strategy.rule
    return (
        f"A threat becomes a priority when its risk score is {rule['priority_threshold']:g} or more and it is "
        f"scored with at least {rule['priority_min_confidence']} confidence; an intelligence requirement when "
        f"its score is {rule['intelligence_threshold']:g} or more but it is not a priority; otherwise it is "
        "monitored through daily business."
    )


def progress_summary(progress: Progress | None, forces) -> str:
    """How many of last year's recommendations the tracker records in each status; or that no
    tracker was entered for ``forces``."""
    if progress is None:
        return f"{not_entered('recommendations tracker', forces)}."
    counts = progress.by_status.set_index("status")["recommendations"]
    held = join_words(f"{int(counts[s]):,} as {STATUS_WORDS[s]}" for s in STATUSES if counts[s])
    return f"Of last year's {counted(len(progress.table), 'recommendation')}, the tracker records {held}."


def strategy_tables(found: ControlStrategy) -> list:
    """The Control Strategy's tables: the threats of each category; then, with the force's own
    scores, the scores and the places they give, ranked by risk, or, with illustrative scores,
    each threat's place by category without score or rank; then the threats whose place changed.
    Empty when there is no register."""
    strategy = found.strategy
    if strategy is None:
        return []
    source = _strategy_source(strategy)
    shown = [
        table(
            pd.DataFrame(
                [{"Control Strategy": c.capitalize(), "Threats": "; ".join(strategy.named(c))} for c in CATEGORIES[:2]]
            ),
            caption="This year's Control Strategy",
            source=f"{source} and the rule above",
        )
    ]
    shown += _places(strategy, source) if strategy.example else _scores(strategy, source)
    moved = strategy.moved
    if len(moved):
        label = strategy.last_year_label
        changes = moved.assign(
            last_year=moved["last_year"].replace({"none": "not in it"}).str.capitalize(),
            category=moved["category"].str.capitalize(),
        )[["name", "last_year", "category"]]
        shown.append(
            table(
                changes.rename(columns={"name": "Threat", "last_year": label, "category": "This year"}),
                caption=f"Threats whose Control Strategy place changed since the {label}",
                source="the MoRiLE register",
            )
        )
    return shown


def _strategy_source(strategy: Strategy) -> str:
    printed = strategy.entry.get("printed_in")
    return (
        "the MoRiLE register"
        + (f"; threats and outcome from the {printed}" if printed else "")
        + ("; illustrative scores" if strategy.example else "")
    )


def _change_column(strategy: Strategy) -> str:
    return f"Change from {strategy.last_year_label}"


def _scores(strategy: Strategy, source: str) -> list:
    """The force's own scores, ranked by risk, in two tables narrow enough for the text column."""
    scored = strategy.table
    modifiers = {m: m.replace("_", " ").capitalize() for m in strategy.modifiers}
    shown = scored.assign(
        harm=scored["harm"].astype(int),
        likelihood=scored["likelihood"].astype(int),
        organisational=scored["organisational"].astype(int),
    ).rename(
        columns={
            "rank": "Rank",
            "name": "Threat",
            "harm": "Harm (sum)",
            **modifiers,
            "likelihood": "Likelihood",
            "risk": "Risk score",
            "confidence": "Confidence",
            "organisational": "Organisational position (capacity + capability)",
            "category": "Control Strategy",
            "change": _change_column(strategy),
        }
    )
    scores = ["Rank", "Threat", "Harm (sum)", *modifiers.values(), "Likelihood", "Risk score"]
    places = ["Rank", "Threat", "Risk score", "Organisational position (capacity + capability)", "Control Strategy"]
    return [
        table(
            shown[[*scores, "Confidence"]],
            caption="MoRiLE scores, sorted by risk",
            source=source,
            formats={"Risk score": "{:.1f}"},
        ),
        table(
            shown[[*places, _change_column(strategy)]],
            caption="The Control Strategy the MoRiLE scores give",
            source=source,
            formats={"Risk score": "{:.1f}"},
        ),
    ]


def _places(strategy: Strategy, source: str) -> list:
    """Each threat's place, by category and then by name: illustrative scores are neither shown
    nor ranked."""
    order = {c: i for i, c in enumerate(CATEGORIES)}
    placed = strategy.table.assign(order=strategy.table["category"].map(order)).sort_values(["order", "name"])
    shown = placed.assign(category=placed["category"].str.capitalize())[["name", "category", "change"]]
    return [
        table(
            shown.rename(
                columns={"name": "Threat", "category": "Control Strategy", "change": _change_column(strategy)}
            ),
            caption="Each threat's place in the Control Strategy (illustrative scores, not shown)",
            source=source,
        )
    ]


def progress_tables(found: ControlStrategy) -> list:
    """Last year's recommendations counted by status, then each with its update (abbreviations
    spelt out at their first use); none when there is no tracker."""
    progress = found.progress
    if progress is None:
        return []
    printed = progress.entry.get("printed_in")
    recommendations = progress.table
    acronyms = Acronyms(found.glossary) if found.glossary is not None else None
    spelt = [
        (acronyms.expand(r), acronyms.expand(u)) if acronyms else (r, u)
        for r, u in zip(recommendations["recommendation"], recommendations["update"], strict=True)
    ]
    listed = recommendations.assign(
        number=recommendations["number"].map(lambda n: "" if pd.isna(n) else str(n)),
        recommendation=[r for r, _ in spelt],
        update=[u for _, u in spelt],
    )[["number", "theme", "recommendation", "update", "status"]]
    return [
        table(
            progress.by_status.rename(columns={"status": "Status", "recommendations": "Recommendations"}),
            caption="Last year's recommendations by status",
            source="the recommendations tracker"
            + (f", from the {printed}" if printed else "")
            + "; status is the project's reading of each update",
        ),
        table(
            listed.rename(
                columns={
                    "number": "No.",
                    "theme": "Theme",
                    "recommendation": "Recommendation",
                    "update": "Update",
                    "status": "Status",
                }
            ),
            caption="Last year's recommendations and their progress",
            source=(printed or "the recommendations tracker") + " (recommendations condensed; updates summarised)",
        ),
    ]


def glue_against_data(found: ControlStrategy) -> None:
    """Glue whether the Control Strategy is held against the data, and what that shows in words."""
    against = found.against_data
    glue("against_data_shown", against is not None, description="whether the data measures the threats")
    if against is not None:
        glue("against_data_summary", against_data_summary(against), description="the Control Strategy against the data")
        glue("against_data_year", against.recorded_year, description="financial year of the harm set beside the places")


def against_data_summary(against: AgainstData) -> str:
    """In words: each threat whose place the data points away from, with its harm in each force."""
    table = against.table
    lines = []
    for place, words in (
        ("monitor", "is monitored through daily business, yet carries more harm than most of the measured priorities"),
        ("priority", "is a priority whose recorded crime fell beyond chance while it carries less harm than most"),
    ):
        chosen = table[(table["verdict"] == evidence.AGAINST) & (table["place"] == place)]
        order = chosen.groupby("threat")["harm_share"].max().sort_values(ascending=False).index
        for threat in order:
            rows = chosen[chosen["threat"] == threat]
            shares = join_words(
                f"{r.harm_share:.1f}% of the harm in {r.force}, {ordinal(int(r.harm_rank))} of {int(r.measured)}"
                + (f", its recorded crime {FOUND_WORDS[r.found]}" if isinstance(r.found, str) else "")
                for r in rows.itertuples()
            )
            lines.append(f"{against.titles[threat]} {words} ({shares}).")
    if not lines:
        return "The data points away from no threat's place in the Control Strategy."
    return " ".join(lines)


def against_data_tables(found: ControlStrategy) -> list:
    """One table a force: every measured threat, its place, harm, direction and the verdict on its place."""
    against = found.against_data
    if against is None:
        return []
    tables = []
    for force, mine in against.table.groupby("force", sort=False):
        mine = mine[mine["harm_share"].notna() | mine["found"].notna()].sort_values("harm_rank")
        shown = pd.DataFrame(
            {
                "Threat": mine["threat"].map(against.titles),
                "Place in the Control Strategy": mine["place"].map(PLACES),
                f"Share of the force's harm, {against.recorded_year} (%)": mine["harm_share"].round(1),
                "Rank by harm": mine.apply(
                    lambda r: f"{int(r['harm_rank'])} of {int(r['measured'])}" if pd.notna(r["harm_rank"]) else "",
                    axis=1,
                ),
                f"Recorded crimes, {against.recorded_year}": mine["crimes"].astype("Int64"),
                f"Recorded crime a day, latest months against {EARLIER}": mine["found"].map(
                    lambda f: FOUND_WORDS.get(f, "") if isinstance(f, str) else ""
                ),
                "Against its place": mine["verdict"].map(VERDICT_WORDS),
            }
        )
        tables.append(
            table(
                shown,
                caption=f"The Control Strategy against the data: {force}",
                source=f"the threat register and its lookup of offence codes and crime types; Home Office recorded "
                f"crime, {against.recorded_year}, weighted for harm; data.police.uk crimes a day, latest months "
                f"against {EARLIER} (the crime findings)",
            )
        )
    return tables


PLACES = {
    "priority": "Priority",
    "intelligence requirement": "Intelligence requirement",
    "monitor": "Monitored through daily business",
}
