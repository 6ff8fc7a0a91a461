"""`mgip generate` is deterministic, matches what is committed and produces strictly typed code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mailgun_ip_client.rules import RULES, Rule

from mgip.checkout import generate
from mgip.core import catalogue, resources


def test_two_builds_are_byte_identical_and_match_the_committed_output(tmp_path: Path) -> None:
    first_dir = tmp_path / "one"
    first_dir.mkdir()
    first = generate.build(first_dir)
    second_dir = tmp_path / "two"
    second_dir.mkdir()
    second = generate.build(second_dir)
    assert generate.differences(first.root, second.root) == []
    assert generate.differences(first.root, resources.GENERATED_DIR) == []
    assert (first.root / resources.CLIENT_PACKAGE / "py.typed").is_file()


def test_a_stale_file_is_reported(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    committed = tmp_path / "committed"
    for root in (fresh, committed):
        (root / "pkg").mkdir(parents=True)
    (fresh / "pkg" / "a.py").write_text("x = 1\n")
    (committed / "pkg" / "a.py").write_text("x = 2\n")
    (committed / "pkg" / "hand_written.py").write_text("")
    (fresh / "pkg" / "new.py").write_text("")
    assert generate.differences(fresh, committed) == [
        "missing from generated/: pkg/new.py",
        "not produced by the generator: pkg/hand_written.py",
        "differs: pkg/a.py",
    ]


def test_generated_code_passes_mypy_strict() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            str(resources.GENERATED_DIR / resources.CLIENT_PACKAGE),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=resources.ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_rule_module_mirrors_the_catalogue() -> None:
    rules = catalogue.load()
    assert [rule.value for rule in Rule] == [rule.id for rule in rules.rules]
    for rule in rules.rules:
        info = RULES[Rule(rule.id)]
        assert (info.kind, info.statement, info.operations, info.status) == (
            rule.kind,
            rule.statement,
            rule.operations,
            rule.status,
        )


def test_reference_lists_every_operation_and_rule() -> None:
    reference = (resources.GENERATED_DIR / generate.REFERENCE).read_text()
    rules = catalogue.load()
    for rule in rules.rules:
        assert f"`{rule.id}`" in reference
    assert reference.count("### `") == 38
