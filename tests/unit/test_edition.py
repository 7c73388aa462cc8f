"""Edition parameters: the default is valid; each kind of mistake stops with one line naming the key."""

import pytest

from assess.edition import load_edition
from assess.errors import ConfigError
from conftest import DEFAULT_PARAMS, ROOT


def test_default_edition_loads_with_absolute_paths():
    edition = load_edition(DEFAULT_PARAMS, ROOT)
    assert edition.edition == "alliance-2016-17"
    assert edition.forces == ("Warwickshire", "West Mercia")
    assert edition.has_several_forces
    assert all(p.is_absolute() and p.exists() for p in edition.data.values())
    assert edition.periods["street_crime"].months() == ["2018-10", "2018-11", "2018-12", "2019-01", "2019-02"]


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


def test_bad_month_in_a_period(write_params, default_params):
    default_params["periods"]["street_crime"]["end"] = "2019-13"
    assert _error(write_params, default_params).key == "periods.street_crime.end"


def test_period_that_ends_before_it_starts(write_params, default_params):
    default_params["periods"]["street_crime"] = {"start": "2019-02", "end": "2018-10"}
    assert _error(write_params, default_params).key == "periods.street_crime"


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
    params["harm"]["population"] = {force: params["harm"]["population"][force]}
    return params


def test_shipped_single_force_editions_load():
    for name in ("warwickshire-2016-17", "west-mercia-2016-17"):
        edition = load_edition(ROOT / "params" / f"{name}.yml", ROOT)
        assert len(edition.forces) == 1 and edition.edition == name


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


def test_population_must_be_positive(write_params, default_params):
    default_params["harm"]["population"]["West Mercia"] = 0
    assert _error(write_params, default_params).key == "harm.population.West Mercia"
