"""The bad-input corpus (tests/bad_inputs/cases.yml), checked where the input is read: each
malformed input is refused where the build's input check meets it (the edition's parameters, or
the dataset's reader, which ``assess build`` runs on every dataset before any chapter) with one
line naming the file, row and column, and writes nothing into data/raw; harmless ones pass. A few
cases also run through the whole build (tests/build/test_bad_inputs.py)."""

from __future__ import annotations

import os

import pytest

from assess.analysis import harm
from assess.build.cli import MESSAGE_LIMIT
from assess.edition import load_edition
from assess.errors import AssessError
from assess.read.registry import read_dataset
from conftest import BAD_INPUTS, ROOT, bad_input_params, project_scratch, stamps

CASES = BAD_INPUTS


def test_the_raw_data_check_sees_a_file_written_again_with_its_own_bytes(tmp_path):
    raw = tmp_path / "raw"
    (raw / "source").mkdir(parents=True)
    kept = raw / "source" / "counts.csv"
    kept.write_text("month,count\n2019-01,3\n")
    os.utime(kept, ns=(10**18, 10**18))  # last written long before the test, as a clone's files
    before = stamps(raw)
    assert stamps(raw) == before
    kept.write_text(kept.read_text())
    assert stamps(raw) != before


def test_the_corpus_is_large_enough():
    assert len(CASES["data"]) + len(CASES["params"]) >= 60


@pytest.mark.parametrize(
    "case", [c for c in CASES["data"] if c["expect"] == "error"] + CASES["params"], ids=lambda c: c["case"]
)
def test_bad_input_is_refused_where_it_is_read_in_one_line(case, tmp_path):
    raw = stamps(ROOT / "data" / "raw")
    params = bad_input_params(case, tmp_path, project_scratch(tmp_path))
    with pytest.raises(AssessError) as caught:
        edition = load_edition(params, ROOT)
        if "dataset" in case:
            read_dataset(edition, case["dataset"])
    message = str(caught.value)
    assert "\n" not in message and len(message) < MESSAGE_LIMIT, message
    for fragment in case["message_has"] + ([case["file"]] if "." in case.get("file", "") else []):
        assert fragment in message, (fragment, message)
    assert stamps(ROOT / "data" / "raw") == raw


@pytest.mark.parametrize("case", [c for c in CASES["data"] if c["expect"] != "error"], ids=lambda c: c["case"])
def test_harmless_input_passes(case, tmp_path):
    edition = load_edition(bad_input_params(case, tmp_path, project_scratch(tmp_path)), ROOT)
    assert read_dataset(edition, case["dataset"]) is not None
    if case["expect"] == "warning":
        crosswalk = read_dataset(edition, "offence_crosswalk")
        weights = harm.offence_weights(
            crosswalk, read_dataset(edition, "harm_weights_chi"), read_dataset(edition, "harm_weights_css")
        ).set_index("offence_code")
        weighed = harm.weigh(read_dataset(edition, "recorded_crime_force"), weights["chi"], "offence_code")
        assert harm.unweighted(weighed, "offence_code")["offence_code"].tolist() == case["message_has"]
