"""Every rule of the catalogue is driven against the reference server by a test named after it."""

from __future__ import annotations

import ast
from pathlib import Path

from mgip.core import catalogue

RULE_TESTS = Path(__file__).parent / "rules"


def rule_test_names() -> dict[str, Path]:
    names: dict[str, Path] = {}
    for path in sorted(RULE_TESTS.glob("test_*.py")):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                names[node.name.removeprefix("test_")] = path
    return names


def test_every_rule_has_a_test_named_after_it(rules: catalogue.Catalogue) -> None:
    tested = rule_test_names()
    missing = [rule.id for rule in rules.rules if rule.id not in tested]
    assert missing == [], f"{len(missing)} rules without a test_<rule_id> in {RULE_TESTS}"


def test_no_rule_test_names_a_rule_that_does_not_exist(rules: catalogue.Catalogue) -> None:
    known = {rule.id for rule in rules.rules}
    strays = {name: str(path.name) for name, path in rule_test_names().items() if name not in known}
    assert strays == {}
