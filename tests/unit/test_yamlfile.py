"""The strict YAML reader: repeated keys, anchors, sizes, encodings and what its messages show."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.errors import InputError
from assess.read.yamlfile import MAX_DEPTH, read_yaml
from conftest import examples

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


@pytest.fixture
def write(tmp_path):
    """Write bytes or text to ``edition.yml`` in a temporary folder; returns its path."""

    def write(content: str | bytes, name: str = "edition.yml"):
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path

    return write


def refusal(path, **kwargs) -> InputError:
    """The InputError read_yaml raises for ``path``, checked to be one line naming the file."""
    with pytest.raises(InputError) as caught:
        read_yaml(path, **kwargs)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(str(path))
    return caught.value


def test_reads_a_plain_file(write):
    assert read_yaml(write("a: 1\nb: [x, y]\nc: {d: 2020-01-31}\n")) == {
        "a": 1,
        "b": ["x", "y"],
        "c": {"d": __import__("datetime").date(2020, 1, 31)},
    }


def test_an_empty_file_is_none(write):
    assert read_yaml(write("")) is None


@pytest.mark.parametrize(
    ("text", "row", "key"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, "a"),
        ("a: 1\nb:\n  c: 2\n  d: 3\n  c: 4\n", 5, "c"),
        ("items:\n  - id: 1\n    id: 2\n", 3, "id"),
        ("{x: 1, y: 2, x: 3}\n", 1, "x"),
        ("1: one\n1.0: again\n", 2, "1.0"),
        ('"quoted": 1\nquoted: 2\n', 2, "quoted"),
    ],
)
def test_a_repeated_key_is_refused_with_its_line(write, text, row, key):
    err = refusal(write(text))
    assert err.row == row
    assert f"'{key}'" in str(err) or f" {key} " in str(err)
    assert "only once" in str(err)


def test_a_repeated_key_message_shows_the_key_not_the_values(write):
    message = str(refusal(write("password: hunter2\npassword: swordfish\n")))
    assert "'password'" in message and "hunter2" not in message and "swordfish" not in message


@pytest.mark.parametrize(
    ("text", "row"), [("a: &x 1\nb: *x\n", 1), ("a: 1\nb: &anchor\n  c: 2\n", 2), ("- *undefined\n", 1)]
)
def test_anchors_and_aliases_are_refused(write, text, row):
    err = refusal(write(text))
    assert err.row == row and "no YAML anchors or aliases" in str(err)


def test_a_billion_laughs_is_refused_at_once(write):
    started = time.perf_counter()
    err = refusal(write(BILLION_LAUGHS))
    assert time.perf_counter() - started < 1
    assert err.row == 1 and "no YAML anchors or aliases" in str(err)


def test_merge_keys_are_refused(write):
    assert "merge keys" in str(refusal(write("a:\n  <<: {b: 1}\n  c: 2\n")))


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_deep_nesting_is_refused_not_a_recursion_error(write, opening):
    closing = "]" if opening == "[" else "}"
    err = refusal(write(opening * 5000 + "1" + closing * 5000))
    assert f"at most {MAX_DEPTH} levels" in str(err)


def test_nesting_up_to_the_limit_is_read(write):
    value = read_yaml(write("[" * MAX_DEPTH + "]" * MAX_DEPTH))
    for _ in range(MAX_DEPTH - 1):
        value = value[0]
    assert value == []


def test_an_oversize_file_is_refused(write):
    assert read_yaml(write("a: 12345\n"), max_bytes=9) == {"a": 12345}
    assert "at most 8 bytes" in str(refusal(write("a: 12345\n"), max_bytes=8))


@pytest.mark.parametrize(
    ("content", "row"),
    [
        (b"a: 1\nb: \xff\n", 2),
        ("name: café\n".encode("latin-1"), 1),
        ("a: 1\n".encode("utf-16"), 1),
        (b"a: \xc3\x28\n", 1),
    ],
)
def test_bytes_that_are_not_utf8_are_refused(write, content, row):
    err = refusal(write(content), what="a register file")
    assert err.row == row and "a register file in UTF-8" in str(err)


def test_a_utf8_byte_order_mark_is_accepted(write):
    assert read_yaml(write("\ufeffa: 1\n")) == {"a": 1}


@pytest.mark.parametrize(
    ("text", "row"),
    [("a: [1, 2\nb: 3\n", 2), ("a: b: c\n", 1), ("a:\n\t- 1\n", 2), ("--- 1\n--- 2\n", 2), ('a: "\\q"\n', 1)],
)
def test_invalid_yaml_is_refused_with_its_line(write, text, row):
    err = refusal(write(text))
    assert err.row == row and "valid YAML" in str(err)


@pytest.mark.parametrize(
    "text", ["a: !!python/object/apply:os.system ['echo pwned']\n", "a: !!python/name:os.system\n"]
)
def test_python_tags_are_refused(write, text):
    assert "valid YAML" in str(refusal(write(text)))


@pytest.mark.parametrize("text", ["day: 2001-02-30\n", "n: " + "1" * 5000 + "\n"])
def test_values_python_cannot_hold_are_refused(write, text):
    assert refusal(write(text)).row == 1


def test_control_characters_are_refused(write):
    assert refusal(write("a: 1\nb: \x07\n")).row == 2


@pytest.mark.parametrize(
    "text",
    [
        "root:x:0:0:SECRET-first-line:/root:/bin/bash\n  - bad: [\n",
        "token: !SECRET-tag-text 1\n",
        "key: SECRET-value\n\t- x\n",
    ],
)
def test_messages_do_not_copy_text_from_the_file(write, text):
    assert "SECRET" not in str(refusal(write(text)))


def test_a_missing_path_or_a_folder_is_refused(tmp_path):
    assert "nothing" in str(refusal(tmp_path / "absent.yml", what="a parameter file"))
    assert "a parameter file at this path" in str(refusal(tmp_path, what="a parameter file"))


YAML_PIECES = list(":-[]{},&*!|>'\"#%@`?~=<. \n\t\\") + [
    "a",
    "b",
    "1",
    "0x1F",
    "1e999",
    "2001-02-30",
    "é",
    "\ufeff",
    "\0",
    "---",
    "...",
    "<<",
    "&a",
    "*a",
    "!!str",
    "!!python/name:os.system",
    "? ",
    "  ",
    "\n  - ",
    ": ",
    "%YAML 1.1\n",
]
YAMLISH = st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """One file, rewritten by every example of the property tests."""
    return tmp_path_factory.mktemp("prop") / "example.yml"


@settings(max_examples=examples(2000), deadline=None)
@given(st.one_of(st.binary(max_size=200), YAMLISH.map(str.encode)))
def test_property_any_bytes_give_a_value_or_an_input_error(scratch, content):
    scratch.write_bytes(content)
    try:
        read_yaml(scratch)
    except InputError as err:
        assert "\n" not in str(err)
