"""Edition parameters: the default is valid; each kind of mistake stops with one line naming the key."""

import pytest

from assess.edition import load_edition
from assess.errors import ConfigError
from conftest import DEFAULT_PARAMS, ROOT, shipped_editions
from project_checks import check_edition_loads_as_stated, check_edition_titled


@pytest.mark.parametrize("params_file", shipped_editions(), ids=lambda p: p.stem)
def test_every_edition_loads_as_its_file_states_it(params_file):
    check_edition_loads_as_stated(params_file, ROOT)


def _error(write_params, params) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_edition(write_params(params), ROOT)
    message = str(caught.value)
    assert "\n" not in message
    return caught.value


def test_unknown_key_is_named(write_params, default_params):
    default_params["colour"] = "blue"
    err = _error(write_params, default_params)
    assert err.key == "colour" and "unknown key" in str(err)


def test_missing_key_is_named(write_params, default_params):
    del default_params["title"]
    assert _error(write_params, default_params).key == "title"


def test_missing_data_file_is_named(write_params, default_params):
    default_params["data"]["hate_crime_monthly"] = "data/raw/sa2016-17/no-such-file.csv"
    err = _error(write_params, default_params)
    assert err.key == "data.hate_crime_monthly" and "no-such-file.csv" in str(err)


def test_unknown_dataset_is_named(write_params, default_params):
    default_params["data"]["weather"] = "data/raw"
    assert _error(write_params, default_params).key == "data.weather"


def test_wrong_type_is_named(write_params, default_params):
    default_params["forces"] = "West Mercia"
    err = _error(write_params, default_params)
    assert err.key == "forces" and "a list" in str(err)


def test_unknown_force_is_named(write_params, default_params):
    default_params["forces"] = ["Warwickshire", "Mercia West"]
    err = _error(write_params, default_params)
    assert err.key == "forces[1]" and "'Mercia West'" in str(err)


@pytest.mark.parametrize("year", ["2016/17", "2016-18", "16-17", 2016])
def test_year_in_the_wrong_format(write_params, default_params, year):
    default_params["assessment_year"] = year
    assert _error(write_params, default_params).key == "assessment_year"


def _stated_period(params: dict) -> str:
    """A dataset whose period the edition states by its months (the first such)."""
    return next(n for n, p in params["periods"].items() if n != "assessment" and "start" in p)


def test_bad_month_in_a_period(write_params, default_params):
    name = _stated_period(default_params)
    default_params["periods"][name]["end"] = "2019-13"
    assert _error(write_params, default_params).key == f"periods.{name}.end"


def test_period_that_ends_before_it_starts(write_params, default_params):
    name = _stated_period(default_params)
    default_params["periods"][name] = {"start": "2019-02", "end": "2018-10"}
    assert _error(write_params, default_params).key == f"periods.{name}"


@pytest.mark.parametrize("value", [-1, 2.5, "five", True])
def test_bad_threshold(write_params, default_params, value):
    default_params["thresholds"]["suppress_below"] = value
    assert _error(write_params, default_params).key == "thresholds.suppress_below"


def test_invalid_yaml_names_the_line(tmp_path):
    path = tmp_path / "broken.yml"
    path.write_text("edition: x\ntitle: [unclosed\n")
    with pytest.raises(ConfigError, match="line"):
        load_edition(path, ROOT)


def _single_force(params, force="West Mercia"):
    params["forces"] = [force]
    for rates in ("recruits_per_month", "leavers_per_month"):
        params["specials"]["projection"][rates] = {force: params["specials"]["projection"][rates][force]}
    return params


@pytest.mark.parametrize("params", sorted((ROOT / "params").glob("*.yml")), ids=lambda p: p.stem)
def test_every_shipped_edition_loads_and_a_single_force_one_is_titled_for_its_force(params):
    check_edition_titled(params, ROOT)


def test_a_mistyped_key_is_named_with_the_closest_one(write_params, default_params):
    default_params["data"]["hate_crime_montly"] = default_params["data"].pop("hate_crime_monthly")
    assert "did you mean 'hate_crime_monthly'?" in str(_error(write_params, default_params))
    default_params["data"]["hate_crime_monthly"] = default_params["data"].pop("hate_crime_montly")
    default_params["as_off"] = default_params.pop("as_of")
    assert "did you mean 'as_of'?" in str(_error(write_params, default_params))


def test_a_period_after_the_as_of_date_is_refused_unless_the_edition_looks_back(write_params, default_params):
    default_params["periods"]["hate_crime_monthly"] = {"start": "2012-04", "end": "2016-12"}
    assert _error(write_params, default_params).key == "periods.hate_crime_monthly.end"
    default_params["look_back"] = True
    assert load_edition(write_params(default_params), ROOT).periods["hate_crime_monthly"].end == "2016-12"


def test_single_force_edition_is_not_an_alliance(write_params, default_params):
    edition = load_edition(write_params(_single_force(default_params)), ROOT)
    assert edition.forces == ("West Mercia",) and not edition.has_several_forces
    assert edition.specials.recruits_per_month == {"West Mercia": 9.33}


def test_rates_for_a_force_outside_the_edition_are_refused(write_params, default_params):
    default_params["forces"] = ["West Mercia"]
    err = _error(write_params, default_params)
    assert err.key == "specials.projection.recruits_per_month.Warwickshire"


def test_negative_rate_is_refused(write_params, default_params):
    default_params["specials"]["projection"]["leavers_per_month"]["Warwickshire"] = -3
    assert _error(write_params, default_params).key == "specials.projection.leavers_per_month.Warwickshire"


@pytest.mark.parametrize("scheme", ["cchi", "", None])
def test_unknown_harm_scheme(write_params, default_params, scheme):
    default_params["harm"]["scheme"] = scheme
    assert _error(write_params, default_params).key == "harm.scheme"


def test_harm_takes_no_population_of_its_own(write_params, default_params):
    default_params["harm"]["population"] = {"West Mercia": 1200000}
    assert _error(write_params, default_params).key == "harm.population"


def test_marking_defaults_to_official_and_takes_each_known_marking(write_params, default_params):
    default_params.pop("marking", None)
    assert load_edition(write_params(default_params), ROOT).marking == "OFFICIAL"
    for marking in ("OFFICIAL-SENSITIVE", "NOT PROTECTIVELY MARKED"):
        default_params["marking"] = marking
        assert load_edition(write_params(default_params), ROOT).marking == marking


@pytest.mark.parametrize("marking", ["official", "RESTRICTED", "", 3, "OFFICIAL <b>"])
def test_unknown_marking_is_named(write_params, default_params, marking):
    default_params["marking"] = marking
    err = _error(write_params, default_params)
    assert err.key == "marking" and "NOT PROTECTIVELY MARKED" in str(err)


def test_previous_edition_names_a_parameter_file_beside_this_one_or_in_params(write_params, default_params):
    earlier = write_params({**default_params, "edition": "earlier"}, "earlier.yml")
    default_params["edition"] = "later"
    default_params["previous_edition"] = "earlier"
    assert load_edition(write_params(default_params), ROOT).previous_edition == earlier
    default_params["previous_edition"] = DEFAULT_PARAMS.stem
    assert load_edition(write_params(default_params), ROOT).previous_edition == DEFAULT_PARAMS
    for wrong in ("no-such-edition", "edition", "../earlier", 2016):
        default_params["previous_edition"] = wrong
        assert _error(write_params, default_params).key == "previous_edition"


def test_previous_edition_is_never_the_edition_itself(write_params, default_params):
    """By id (a copy kept outside params/ naming its own edition, found in params/), by a file of
    another name holding the same edition, or by the file's own name."""
    own = default_params["edition"]
    default_params["previous_edition"] = own
    err = _error(lambda params: write_params(params, f"{own}.yml"), default_params)
    assert err.key == "previous_edition" and "other than this one" in str(err)
    write_params(default_params | {"previous_edition": None}, "copy.yml")
    default_params["previous_edition"] = "copy"
    err = _error(write_params, default_params)
    assert err.key == "previous_edition" and "copy.yml is edition" in str(err)
