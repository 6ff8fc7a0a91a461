"""Reading YAML: the fast reader agrees with the round-trip one and knows every node's line."""

from __future__ import annotations

from pathlib import Path

import pytest

from mgip.core import documents, resources
from mgip.core.problems import InputError

TRICKY = """\
yes_word: yes
on_word: on
octal: 0o17
leading_zero: 012
underscored: 1_000
colon: 1:20
day: 2026-12-03
moment: 2026-12-03T10:00:00Z
infinite: .inf
tilde: ~
null_word: Null
hex: 0x1F
exponent: 1e3
signed: +12
shouted: TRUE
fraction: -.5
trailing_dot: 1.
letter: n
empty:
binary: -0b101
nested:
  - 1
  - {inner: 2}
"""


def test_the_fast_reader_reads_yaml_1_2_as_the_round_trip_reader_does(tmp_path: Path) -> None:
    path = tmp_path / "tricky.yaml"
    path.write_text(TRICKY)
    fast, _ = documents.load_fast(path)
    strict = documents.plain(documents.load(path))
    assert fast == strict
    assert fast["yes_word"] == "yes" and fast["on_word"] == "on"
    assert fast["leading_zero"] == 12 and fast["colon"] == "1:20"


@pytest.mark.parametrize("path", [resources.SPEC, resources.RULES], ids=["spec", "catalogue"])
def test_the_projects_documents_read_the_same_both_ways(path: Path) -> None:
    assert documents.load_fast(path)[0] == documents.plain(documents.load(path))


def test_lines_name_keys_items_and_the_nearest_known_node(tmp_path: Path) -> None:
    path = tmp_path / "lines.yaml"
    path.write_text("a:\n  b: 1\n  c:\n    - x\n    - y\n")
    _, lines = documents.load_fast(path)
    assert lines.of("a") == 1
    assert lines.of("a", "c", 1) == 5
    assert lines.of("a", "b", "nothing", "here") == 2


def test_invalid_yaml_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("a: 1\nb: [2\n")
    with pytest.raises(InputError) as caught:
        documents.load_fast(path)
    assert "not valid YAML" in str(caught.value)
    assert caught.value.line is not None
