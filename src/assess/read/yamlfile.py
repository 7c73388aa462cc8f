"""Reading a YAML file strictly: one-line errors with a line number, and nothing surprising.

:func:`read_yaml` refuses what PyYAML's ``safe_load`` quietly accepts: a key given twice in one
mapping (the last one would win unseen), anchors and aliases (which let a small file expand to
billions of nodes), merge keys, nesting deeper than :data:`MAX_DEPTH`, files over a size limit
and bytes that are not UTF-8. Messages name the file, the line and at most the offending key:
never other text from the file, so a path pointing at a private file does not leak it.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import yaml

from ..errors import InputError, _short

MAX_DEPTH = 100
_MERGE_TAG = "tag:yaml.org,2002:merge"
_QUOTED = re.compile(r"'(?:\\.|[^'\\])*'" + r'|"(?:\\.|[^"\\])*"')


class _Refused(yaml.YAMLError):
    """A construct the strict loader refuses: ``expected`` says what was wanted, at ``mark``."""

    def __init__(self, mark: yaml.Mark, expected: str):
        super().__init__(expected)
        self.problem_mark, self.expected = mark, expected


class _StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing anchors, aliases, merge keys, repeated keys and deep nesting."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent, index):
        """Compose one node as PyYAML does, after refusing an alias or anchor and deep nesting."""
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(event.start_mark, "no YAML anchors or aliases")
        if self._depth >= MAX_DEPTH:
            raise _Refused(event.start_mark, f"at most {MAX_DEPTH} levels of nesting")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_object(self, node, deep=False):
        """Construct a node as PyYAML does; a value Python cannot hold (a 30 February, an
        integer of 5,000 digits) is refused with the node's line instead of a ValueError."""
        try:
            return super().construct_object(node, deep)
        except ValueError:
            raise _Refused(node.start_mark, "a value that can be read (a valid date, number or text)") from None

    def construct_mapping(self, node, deep=False):
        """The mapping of ``node``, after refusing merge keys and any key given twice."""
        seen = set()
        for key_node, _ in node.value:
            if key_node.tag == _MERGE_TAG:
                raise _Refused(key_node.start_mark, "no YAML merge keys ('<<')")
            key = self.construct_object(key_node, deep=True)
            try:
                repeated = key in seen
                seen.add(key)
            except TypeError:
                continue  # an unhashable key: PyYAML's own construct_mapping reports it
            if repeated:
                raise _Refused(key_node.start_mark, f"the key {_short(key)} only once in its mapping")
        return super().construct_mapping(node, deep)


def read_yaml(path: str | Path, *, what: str = "a YAML file", max_bytes: int = 1_000_000) -> object:
    """The value in the YAML file at ``path`` (None when it is empty), read strictly.

    ``what`` names the file in messages ("a register file"). Raises a one-line
    :class:`~assess.errors.InputError` naming the file and, where there is one, the line when
    the file is missing, larger than ``max_bytes``, not UTF-8, not valid YAML, or uses what the
    module docstring lists as refused.
    """
    path = Path(path)
    return parse_yaml(_read_text(path, what, max_bytes), path, what=what)


def read_yaml_lines(
    path: str | Path, *, what: str = "a YAML file", max_bytes: int = 1_000_000
) -> tuple[object, dict[tuple, int]]:
    """:func:`read_yaml` and the file line of each value in it (:func:`value_lines`)."""
    path = Path(path)
    text = _read_text(path, what, max_bytes)
    return parse_yaml(text, path, what=what), value_lines(text)


def parse_yaml(text: str, path: str | Path, *, what: str = "a YAML file", first_line: int = 1) -> object:
    """The value of YAML ``text`` taken from the file at ``path``, read as strictly as :func:`read_yaml`.

    ``first_line`` is the line of the file on which ``text`` starts (for YAML front matter), so
    that messages name the file's own line.
    """
    offset = first_line - 1
    try:
        return copy.deepcopy(_parsed(text))
    except _Refused as err:
        raise InputError(path, err.expected, row=err.problem_mark.line + 1 + offset) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        raise InputError(path, f"valid YAML ({_problem(err)})", row=mark.line + 1 + offset if mark else None) from None
    except yaml.reader.ReaderError as err:
        raise InputError(
            path, f"{what} of printable characters only", row=text.count("\n", 0, err.position) + 1 + offset
        ) from None


MEMO_TEXTS = 64
"""How many parsed YAML texts are kept: the catalogue and the parameter files are read by every
edition loaded, so each is parsed once (and its lines found once)."""
_PARSED: dict[str, object] = {}
_LINES: dict[str, dict[tuple, int]] = {}


def _kept(memo: dict, text: str, work):
    """``work(text)``, worked out once for as long as ``text`` stays among the last
    ``MEMO_TEXTS`` texts held in ``memo`` (the first one in is the first one out)."""
    if text not in memo:
        memo[text] = work(text)
        while len(memo) > MEMO_TEXTS:
            del memo[next(iter(memo))]
    return memo[text]


def _parsed(text: str) -> object:
    """The value of YAML ``text``, parsed once while it is kept (callers get a deep copy, which
    they may change)."""
    return _kept(_PARSED, text, _load)


def value_lines(text: str, first_line: int = 1) -> dict[tuple, int]:
    """The file line of every value in the YAML ``text`` (already read by :func:`parse_yaml`), by
    its place: ``("judgements", 2, "text")`` is the ``text`` of the third entry of ``judgements``.
    ``first_line`` is the file line ``text`` starts on. Empty for text that does not parse.
    Worked out once for as long as ``text`` stays among the last ``MEMO_TEXTS`` texts (callers
    get a copy)."""
    return {place: line + first_line - 1 for place, line in _kept(_LINES, text, _node_lines).items()}


def _node_lines(text: str) -> dict[tuple, int]:
    """The line (counted from 1) of every value in the YAML ``text``, by its place; empty for
    text that does not parse."""
    loader = _StrictLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return {}
    finally:
        loader.dispose()
    lines: dict[tuple, int] = {}

    def visit(node, place: tuple) -> None:
        lines[place] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    visit(value, (*place, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                visit(value, (*place, index))

    if root is not None:
        visit(root, ())
    return lines


def _load(text: str) -> object:
    """The single document in ``text``, through the strict loader."""
    loader = _StrictLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _read_text(path: Path, what: str, max_bytes: int) -> str:
    """The file's text, after checking it is a regular file of at most ``max_bytes`` UTF-8 bytes."""
    if not path.is_file():
        raise InputError(path, f"{what} at this path", found="nothing")
    with path.open("rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(path, f"{what} of at most {max_bytes:,} bytes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(path, f"{what} in UTF-8 text", row=data.count(b"\n", 0, err.start) + 1) from None


def _problem(err: yaml.MarkedYAMLError) -> str:
    """PyYAML's description of the problem; a quoted fragment longer than one character (a tag,
    a tag handle, which may be copied from the file) is shown as "…"."""
    text = str(err.problem or err.context or "unreadable")
    return _QUOTED.sub(lambda m: m[0] if len(m[0]) <= 4 else "…", text)
