"""Readers of the national data: districts by force area and force-area populations (joined on
ONS codes), recorded crime by offence code in its three layouts, the ONS police force area table,
every force's monthly counts (missing cells flagged, never zero), the Police and Crime Plan
themes, and the policing areas an edition sees. Shipped totals are checked against the figures
the folders' SOURCES.md state; small made-up tables check each refusal."""

from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest
import yaml

from assess.edition import load_edition
from assess.errors import InputError
from assess.periods import Period
from assess.read.dating import by_financial_quarter, cut
from assess.read.districts import force_areas, read_district_area, read_district_lookup
from assess.read.forces import areas_of, read_forces, read_policing_areas
from assess.read.national_crime import read_national_recorded_crime
from assess.read.national_monthly import missing_runs, read_national_monthly_counts
from assess.read.ons_pfa_tables import read_ons_pfa_groups
from assess.read.period_cut import read_period
from assess.read.population import area_population, read_force_population
from assess.read.recorded_crime import FLOAT_CODE, read_offence_codes, read_recorded_crime
from assess.read.registers import read_pcc_themes, themes_side_by_side
from assess.read.registry import read_dataset
from conftest import ROOT, made_up_registry, project_scratch, single_force_params

RAW = ROOT / "data/raw"
REGISTRY = read_forces(ROOT / "data/reference/forces.csv")
HOME_OFFICE = REGISTRY.resolver("home_office_name")
PRC_SPELLINGS = {**HOME_OFFICE, **REGISTRY.resolver("prc_rds_name")}
PRC = RAW / "home_office_prc_pfa_2012_2023"
TWO_FORCES = PRC / "prc_pfa_warwickshire_westmercia_2012-13_2023-24Q1.csv"
COMPACT = PRC / "prc_pfa_43forces_2018-19_2023-24Q1_compact.csv"
OLD = RAW / "home_office_prc_pfa/prc-pfa-mar2013-onwards-tables201718.csv"
ONS = RAW / "ons_pfa_tables/ons_table_p1_forces_ye2018-03_to_ye2019-12.csv"


def _totals(table, year):
    rows = table[table["financial_year"] == year]
    return rows.groupby("force")["count"].sum().astype(int).to_dict()


# ---- districts and populations, joined on codes ----


def test_every_district_of_england_and_wales_in_one_force_area():
    districts = read_district_lookup(RAW / "ons_pfa_lookup/lad_to_pfa_2021geography.csv", HOME_OFFICE)
    assert len(districts) == 331 and districts["lad_code"].is_unique and districts["force"].nunique() == 43
    by_code = districts.set_index("lad_code")
    assert by_code.loc["E06000023", "lad_name"] == "Bristol, City of"
    assert by_code.loc["E06000023", "force"] == "Avon and Somerset"
    assert by_code.loc["E09000001", "force"] == "City of London"
    assert sorted(districts.loc[districts["force"] == "Warwickshire", "lad_code"]) == [
        f"E0700021{n}" for n in range(8, 10)
    ] + [f"E0700022{n}" for n in range(3)]


def test_a_district_lookup_naming_an_unknown_force_or_missing_one_is_refused(write_csv):
    header = "lad_code,lad_name,lad_type,pfa_name,region_code,region_name,county_code,county_name\n"
    alpha = "E07000001,A,Non-metropolitan District,Alpha,E12000001,North East,E10000001,C\n"
    beta = "E07000002,B,Non-metropolitan District,Beta,E12000001,North East,E10000001,C\n"
    spellings = {"Alpha": "Alpha", "Beta": "Beta"}
    assert list(read_district_lookup(write_csv(header + alpha + beta), spellings)["force"]) == ["Alpha", "Beta"]
    with pytest.raises(InputError, match="row 3, column 'pfa_name': expected a force area named as"):
        read_district_lookup(write_csv(header + alpha + beta.replace("Beta", "Bet")), spellings)
    with pytest.raises(InputError, match="expected at least one district of every force.*none of Beta"):
        read_district_lookup(write_csv(header + alpha), spellings)


def test_force_populations_sum_to_england_and_wales_every_year():
    table = read_force_population(RAW / "ons_pfa_lookup/pfa_population_mid2011_mid2020.csv", HOME_OFFICE)
    # England and Wales, mid-2011 and mid-2020, as ONS sheet MYE 5 gives them (ons_pfa_lookup/SOURCES.md).
    totals = table.groupby("year")["population"].sum()
    assert int(totals[2011]) == 56_170_927 and int(totals[2020]) == 59_719_724
    assert len(table) == 430 and table["force"].nunique() == 43
    # The force totals equal the sum of the districts of the two-force table, read independently.
    with open(RAW / "ons_mye/lad_population_mid2015_mid2020_warwickshire_westmercia.csv", newline="") as f:
        districts = sum(int(r["population_mid_year"]) for r in csv.DictReader(f) if r["year"] == "2018")
    mid_2018 = table[table["year"] == 2018].set_index("force")["population"]
    assert int(mid_2018["Warwickshire"] + mid_2018["West Mercia"]) == districts == 571_010 + 1_282_237


def test_a_force_population_missing_a_year_is_refused(write_csv):
    text = "pfa_name,year,population\nAlpha,2019,10\nAlpha,2020,11\nBeta,2019,5\n"
    with pytest.raises(InputError, match="column 'year'.*found 'no row for 2020 \\(Beta\\)'"):
        read_force_population(write_csv(text), {"Alpha": "Alpha", "Beta": "Beta"})


def test_force_areas_sum_their_districts_to_england_and_wales():
    """Every force area's land is the sum of its districts', joined on codes: the 43 add up to
    England's and Wales's areas as sheet MYE 5 prints them (ons_pfa_lookup/SOURCES.md), and the
    mid-2021 file's areas of Warwickshire's districts, read independently, give Warwickshire's."""
    path = RAW / "ons_pfa_lookup/lad_area_2021geography.csv"
    districts = read_district_lookup(RAW / "ons_pfa_lookup/lad_to_pfa_2021geography.csv", HOME_OFFICE)
    areas = force_areas(districts, read_district_area(path), path)
    assert len(areas) == 43 and areas.sum() == pytest.approx(130_310.4928 + 20_736.5178, abs=0.01)
    with open(RAW / "ons_mye_mid2021/lad_population_mid2021_warwickshire_westmercia.csv", newline="") as f:
        warwickshire = sum(float(r["area_sq_km"]) for r in csv.DictReader(f) if r["force"] == "Warwickshire")
    assert areas["Warwickshire"] == pytest.approx(warwickshire, abs=0.01)


def test_a_district_area_missing_or_not_above_zero_is_refused(write_csv):
    header = "lad_code,lad_name,area_sq_km\n"
    with pytest.raises(InputError, match="row 3, column 'area_sq_km': expected an area of more than 0"):
        read_district_area(write_csv(header + "E07000001,A,12.5\nE07000002,B,0\n"))
    with pytest.raises(InputError, match="column 'area_sq_km'"):
        read_district_area(write_csv(header + "E07000001,A,wide\n"))
    lookup = pd.DataFrame({"lad_code": ["E07000001", "E07000002"], "lad_name": ["A", "B"], "force": ["X", "X"]})
    areas = read_district_area(write_csv(header + "E07000001,A,12.5\n"))
    with pytest.raises(InputError, match="expected an area for every district.*none for E07000002 \\(B\\)"):
        force_areas(lookup, areas, "areas.csv")


def test_policing_area_population_joins_on_codes_whatever_the_names():
    population = pd.DataFrame(
        {
            "lad_code": ["E06000019", "E07000237", "E07000235", "E07000237"],
            "lad_name": ["Herefordshire, County of", "City of Worcester", "Malvern Hills", "Worcester"],
            "year": [2017, 2017, 2017, 2016],
            "population": [190000, 100000, 75000, 1],
        }
    )
    areas = pd.DataFrame(
        {
            "force": ["W"] * 3,
            "policing_area": ["Herefordshire", "South", "South"],
            "local_authority": ["Herefordshire", "Worcester", "Malvern Hills"],
            "lad_code": ["E06000019", "E07000237", "E07000235"],
        }
    )
    out = area_population(population, areas, 2017).set_index("policing_area")
    assert out.loc["South", "population"] == 175000 and out.loc["Herefordshire", "population"] == 190000
    assert out.loc["South", "districts"] == 2
    with pytest.raises(InputError, match="mid-2016 population.*none for E06000019 \\(Herefordshire\\)"):
        area_population(population, areas, 2016)


def test_an_edition_sees_its_own_policing_areas_whatever_else_the_lookup_holds(tmp_path):
    """A lookup with another force's districts (Staffordshire's, made up: no population ships for
    them) leaves a one-force edition's areas, and their populations, as they were."""
    scratch = project_scratch(tmp_path)
    lookup = scratch / "policing_areas.csv"
    shutil.copyfile(ROOT / "data/reference/policing_areas.csv", lookup)
    with open(lookup, "a", encoding="utf-8") as f:
        f.write("Staffordshire,Synthetic area,Cannock Chase,E07000192,Staffordshire\n")
    params = yaml.safe_load(single_force_params().read_text())
    params["data"]["policing_areas"] = lookup.relative_to(ROOT).as_posix()
    path = tmp_path / "edition.yml"
    path.write_text(yaml.safe_dump(params, sort_keys=False))
    edition = load_edition(path, ROOT)
    areas = read_dataset(edition, "policing_areas")
    assert set(areas["force"]) == set(edition.forces)
    population = read_period(edition, "district_population")
    people = area_population(population, areas, int(population["year"].iloc[0]))
    assert people["districts"].sum() == len(areas)


def test_a_district_in_another_forces_area_is_refused_by_its_code(tmp_path):
    scratch = project_scratch(tmp_path)
    lookup = scratch / "policing_areas.csv"
    text = (ROOT / "data/reference/policing_areas.csv").read_text(encoding="utf-8")
    lookup.write_text(text.replace("Rugby,E07000220", "Rugby,E07000192"), encoding="utf-8")  # Cannock Chase's code
    params = yaml.safe_load(single_force_params().read_text())
    params["data"]["policing_areas"] = lookup.relative_to(ROOT).as_posix()
    params["data"]["district_lookup"] = "data/raw/ons_pfa_lookup/lad_to_pfa_2021geography.csv"
    path = tmp_path / "edition.yml"
    path.write_text(yaml.safe_dump(params, sort_keys=False))
    with pytest.raises(
        InputError, match="row 4, column 'lad_code'.*found 'E07000192 \\(Rugby\\), a district of Staffordshire'"
    ):
        read_dataset(load_edition(path, ROOT), "policing_areas")


def test_areas_of_keeps_the_forces_asked_for():
    areas = read_policing_areas(ROOT / "data/reference/policing_areas.csv")
    assert set(areas_of(areas, ["West Mercia"])["force"]) == {"West Mercia"}
    assert areas_of(areas, ["Kent"]).empty and len(areas_of(areas, REGISTRY.names)) == len(areas)


# ---- recorded crime by offence code, three layouts ----


def test_the_later_edition_revises_the_earlier_and_both_read_alike():
    old = read_recorded_crime(OLD, PRC_SPELLINGS)
    new = read_recorded_crime(TWO_FORCES, PRC_SPELLINGS)
    assert list(old.columns) == list(new.columns)
    # Totals as home_office_prc_pfa_2012_2023/SOURCES.md states them: the later edition revises 2017/18.
    assert {f: _totals(old, "2017/18")[f] for f in ("Warwickshire", "West Mercia")} == {
        "Warwickshire": 41_411,
        "West Mercia": 84_350,
    }
    assert _totals(new, "2017/18") == {"Warwickshire": 41_604, "West Mercia": 84_495}
    assert _totals(new, "2018/19") == {"Warwickshire": 42_171, "West Mercia": 87_075}
    assert round(100 * (41_604 / 41_411 - 1), 2) == 0.47 and round(100 * (84_495 / 84_350 - 1), 2) == 0.17
    assert new["force"].notna().all() and set(new["force_name"]) == {"Warwickshire", "West Mercia"}


def test_the_compact_layout_takes_its_descriptions_from_the_code_table():
    codes = read_offence_codes(PRC / "offence_codes.csv")
    compact = read_recorded_crime(COMPACT, PRC_SPELLINGS, codes)
    two = read_recorded_crime(TWO_FORCES, PRC_SPELLINGS)
    assert compact["force"].nunique() == 43 and compact["force"].notna().all()
    assert set(compact.loc[compact["force"] == "Devon and Cornwall", "force_name"]) == {"Devon & Cornwall"}
    key = ["financial_year", "quarter", "force", "offence_code", "offence_group", "offence_subgroup"]
    mine = compact[compact["force"].isin(["Warwickshire", "West Mercia"]) & (compact["financial_year"] >= "2018/19")]
    theirs = two[two["financial_year"] >= "2018/19"]
    merged = mine.groupby(key)["count"].sum().sort_index()
    assert merged.equals(theirs.groupby(key)["count"].sum().sort_index())
    with pytest.raises(InputError, match="row 1: expected the columns Offence Description.*prc_offence_codes"):
        read_recorded_crime(COMPACT, PRC_SPELLINGS)


def test_a_code_stored_as_a_binary_number_is_read_as_its_decimal():
    new = read_recorded_crime(TWO_FORCES, PRC_SPELLINGS)
    codes = set(new.loc[new["financial_year"] == "2012/13", "offence_code"])
    assert {"37.2", "4.4", "4.6", "4.9"} <= codes and not any(FLOAT_CODE.fullmatch(c) for c in codes)
    assert "4.10" in set(new["offence_code"])  # a code that only looks like a number stays as written


def test_unknown_forces_and_codes_are_refused(write_csv):
    header = "Financial Year,Financial Quarter,Force Name,Offence Code,Number of Offences\n"
    codes = pd.DataFrame(
        {
            "offence_code": ["46"],
            "offence_description": ["Shoplifting"],
            "offence_group": ["Theft offences"],
            "offence_subgroup": ["Shoplifting"],
        }
    )
    spellings = {"Alpha": "Alpha"}
    good = read_recorded_crime(
        write_csv(header + "2018/19,1,Alpha,46,7\n2018/19,2,Action Fraud,46,1\n"), spellings, codes
    )
    assert good["force"].tolist()[0] == "Alpha" and pd.isna(good["force"].iloc[1])
    with pytest.raises(InputError, match="row 2, column 'Force Name': expected one of 'Alpha'"):
        read_recorded_crime(write_csv(header + "2018/19,1,Alhpa,46,7\n"), spellings, codes)
    with pytest.raises(
        InputError, match="row 2, column 'Offence Code': expected an offence code of the prc_offence_codes"
    ):
        read_recorded_crime(write_csv(header + "2018/19,1,Alpha,99Z,7\n"), spellings, codes)


def test_a_year_held_for_one_quarter_does_not_cover_the_year():
    table = pd.DataFrame({"financial_year": ["2022/23"] * 4 + ["2023/24"], "quarter": [1, 2, 3, 4, 1]})
    dating = by_financial_quarter("financial_year", "quarter")
    assert cut(table, dating, Period("2022-04", "2023-03")).covered
    partial = cut(table, dating, Period("2023-04", "2024-03"))
    assert not partial.covered and partial.holds == Period("2022-04", "2023-06")


# ---- the ONS police force area table ----


def test_the_ons_table_gives_the_totals_its_sources_state():
    codes = REGISTRY.resolver("ons_pfa_code")
    regions = dict(zip(REGISTRY.table["force"], REGISTRY.table["region"], strict=True))
    table = read_ons_pfa_groups(ONS, codes, regions)
    totals = table.groupby(["force", "period_end"])["count"].sum(min_count=1)
    # ons_pfa_tables/SOURCES.md: total recorded crime excluding fraud.
    assert int(totals[("Warwickshire", pd.Timestamp("2019-03-31"))]) == 41_962
    assert int(totals[("West Mercia", pd.Timestamp("2019-03-31"))]) == 86_782
    assert int(totals[("West Mercia", pd.Timestamp("2019-12-31"))]) == 88_499
    unavailable = table[table["count"].isna()]
    assert set(unavailable["force"]) == {"Greater Manchester"}
    assert set(unavailable["period_end"]) == {pd.Timestamp("2019-09-30"), pd.Timestamp("2019-12-31")}
    assert not (table["count"] == 0).all()  # a count not printed is missing, never zero
    assert set(table["region"]) == set(REGISTRY.table["region"])


def test_ons_groups_that_do_not_sum_to_the_total_are_refused(write_csv):
    header = (
        "twelve_months_ending,source_file,area_code,area_name,offence_group_as_published,offence_group_clean,offences\n"
    )
    rows = (
        "2019-03-31,f.xlsx,E23000017,Warwickshire,t,Total recorded crime (excluding fraud),10\n"
        "2019-03-31,f.xlsx,E23000017,Warwickshire,r,Robbery,4\n"
        "2019-03-31,f.xlsx,E23000017,Warwickshire,s,Shoplifting,5\n"
    )
    with pytest.raises(InputError, match="offence groups that sum to .*Warwickshire.*found '9 against 10'"):
        read_ons_pfa_groups(write_csv(header + rows), {"E23000017": "Warwickshire"}, {"Warwickshire": "West Midlands"})
    fixed = read_ons_pfa_groups(write_csv(header + rows.replace(",5\n", ",6\n")), {"E23000017": "Warwickshire"}, {})
    assert fixed["financial_year"].tolist() == ["2018-19", "2018-19"]


def test_national_financial_years_from_the_ons_table():
    table = read_national_recorded_crime(ONS, REGISTRY)
    assert sorted(table["financial_year"].unique()) == ["2017-18", "2018-19"]
    assert table.groupby("financial_year")["force"].nunique().tolist() == [43, 43]
    assert _totals(table, "2018-19")["Warwickshire"] == 41_962


# ---- every force's monthly counts ----


def test_missing_cells_are_flagged_never_zero():
    counts = read_national_monthly_counts(
        RAW / "salah_replication/monthly_counts_all_forces_2015-01_2018-09.csv", REGISTRY.resolver("salah_name")
    )
    assert counts["force"].nunique() == 43 and (counts["month"].min(), counts["month"].max()) == ("2015-01", "2018-09")
    flagged = counts[~counts["held"]]
    assert flagged["count"].isna().all() and counts.loc[counts["held"], "count"].notna().all()
    met = counts[counts["force"] == "Metropolitan Police"]
    assert "2018-09" not in set(met["month"])  # nothing held that month: a gap, not a row of zeros
    thames = flagged[(flagged["force"] == "Thames Valley") & (flagged["month"] == "2018-09")]
    assert len(thames) == 13
    gaps = missing_runs(counts).set_index(["force", "crime_type"])["months"]
    assert gaps[("Cheshire", "Anti-social behaviour")] == "2018-03 to 2018-09"
    assert gaps[("Metropolitan Police", "Burglary")] == "2018-09"
    # The two forces' rows equal the project's two-force file, read independently.
    with open(RAW / "salah_replication/monthly_counts_by_force_crime_type_2015-01_2018-09.csv", newline="") as f:
        two = {
            (r["month"], r["force"].removesuffix(" Police"), r["crime_type"]): int(r["count"])
            for r in csv.DictReader(f)
        }
    mine = counts[counts["force"].isin(["Warwickshire", "West Mercia"])]
    assert (
        dict(zip(zip(mine["month"], mine["force"], mine["crime_type"], strict=True), mine["count"], strict=True)) == two
    )


def test_a_made_up_missing_cell_is_flagged(write_csv):
    text = (
        "month,county,crime_type,count\n2019-01,alpha,Burglary,3\n2019-01,alpha,Robbery,1\n2019-02,alpha,Burglary,0\n"
    )
    counts = read_national_monthly_counts(write_csv(text), made_up_registry().resolver("salah_name"))
    row = counts[(counts["month"] == "2019-02") & (counts["crime_type"] == "Robbery")].iloc[0]
    assert not row["held"] and pd.isna(row["count"])
    zero = counts[(counts["month"] == "2019-02") & (counts["crime_type"] == "Burglary")].iloc[0]
    assert zero["held"] and zero["count"] == 0  # a zero the file gives is a zero
    with pytest.raises(InputError, match="row 2, column 'county': expected one of"):
        read_national_monthly_counts(
            write_csv(text.replace("alpha", "omega", 1)), made_up_registry().resolver("salah_name")
        )


# ---- registers and the hate crime series, resolved through the registry ----


def test_plan_themes_are_long_and_set_side_by_side(write_csv):
    themes = read_pcc_themes(ROOT / "data/reference/registers/pcc_themes.csv")
    assert list(themes.columns) == ["force", "pair", "theme", "reviewed"] and len(themes) == 8
    wide = themes_side_by_side(themes, ["Warwickshire", "West Mercia", "Kent"])
    assert list(wide.columns) == ["Warwickshire", "West Mercia"] and list(wide.index) == [1, 2, 3, 4]
    assert wide.loc[1, "West Mercia"] == "Putting victims first"
    text = "force,pair,theme,reviewed\nA,1,x,2016-11\nA,2,y,2016-11\nB,2,z,2016-11\n"
    one = themes_side_by_side(read_pcc_themes(write_csv(text)), ["A", "B"])
    assert one.loc[1, "B"] == "" and one.loc[2, "B"] == "z"


def test_a_force_given_in_two_hate_crime_files_is_refused(tmp_path):
    from assess.read.hate_crime_foi import read_hate_crime_by_force

    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    for path in (first, second):
        path.write_text("date,hate_crimes,muslim_crimes,county\n2019-01-01,3,NA,alpha\n")
    counties = made_up_registry().resolver("salah_name")
    assert read_hate_crime_by_force([first], counties)["force"].tolist() == ["Alpha"]
    with pytest.raises(
        InputError, match="b.csv: expected each force's series in one file only \\(Alpha is in a.csv\\)"
    ):
        read_hate_crime_by_force([first, second], counties)


def test_workforce_rows_of_every_force_resolve_through_the_registry():
    from assess.read.workforce import read_workforce_tidy

    table = read_workforce_tidy(
        RAW / "home_office_police_workforce/workforce_specials_officers_2014_2019.csv",
        REGISTRY.resolver("workforce_name"),
    )
    assert table.loc[table["level"] == "force", "force"].nunique() == 43
    assert table.loc[table["level"] != "force", "force"].isna().all()


# ---- which edition of a series each edition reads ----


def test_every_file_of_a_series_in_several_editions_says_which_it_is():
    from assess.read.catalogue import published_after, read_catalogue, version_of

    catalogue = read_catalogue(ROOT)
    named = 0
    for params in sorted((ROOT / "params").glob("*.yml")):
        edition = load_edition(params, ROOT)
        for name, path in edition.data.items():
            if "versions" in catalogue[name]:
                assert version_of(catalogue[name], path).get("version"), (params.name, name)
                named += 1
    assert named >= 6
    entry = catalogue["recorded_crime_force"]
    assert version_of(entry, TWO_FORCES)["version"] == version_of(entry, COMPACT)["version"]
    assert "October 2023" in version_of(entry, COMPACT)["version"] and version_of(entry, OLD)
    # A year published in July 2019, held only in the tables of October 2023: later than an
    # edition of September 2019, and said so; the same year from the earlier file is not.
    period = Period("2018-04", "2019-03")
    assert published_after(entry, period, "2019-09-30", COMPACT) == "October 2023"
    assert published_after(entry, period, "2019-09-30", OLD) is None
    assert published_after(entry, period, "2019-09-30") is None  # no file named: the series' own lag
