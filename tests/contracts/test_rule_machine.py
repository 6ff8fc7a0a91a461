"""Layer 3: the state machine over the generated client, and the invariant checks it runs."""

from __future__ import annotations

from typing import Any

import pytest

from contracts import invariants, machine
from contracts.target import Target
from mgip import catalogue
from reference_server.operations import dipps


def test_every_check_names_rules_of_the_catalogue(rules: catalogue.Catalogue) -> None:
    known = {rule.id for rule in rules.rules}
    assert invariants.CHECKS
    for check in invariants.CHECKS:
        assert check.rules and set(check.rules) <= known, check.name


def test_the_reference_server_keeps_every_checked_rule() -> None:
    result = machine.run(Target.embedded(), seed=21, max_examples=8, steps=8)
    assert result.error is None
    assert result.steps > 20
    for outcome in result.checks.values():
        assert outcome.runs > 0 and outcome.problems == [], outcome.name


def test_a_server_that_lets_an_ip_into_two_dipps_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    def lax(call: Any, dipp: Any, addresses: list[str]) -> list[str]:
        # The membership check of dipp_ip_in_one_pool is gone.
        return [a for a in dict.fromkeys(addresses) if dipp is None or a not in dipp.ips]

    monkeypatch.setattr(dipps, "check_addable", lax)
    result = machine.run(Target.embedded(), seed=1, max_examples=40, steps=4)
    outcome = result.checks["DIPPs hold dedicated IPs, each in one pool"]
    assert "dipp_ip_in_one_pool" in outcome.rules
    assert any("is in DIPPs" in problem for problem in outcome.problems)
    # Hypothesis shrinks the sequence to the step that broke the rule.
    assert outcome.steps and all("add" in step or "create" in step for step in outcome.steps)


def test_a_read_only_target_is_only_read() -> None:
    target = Target.embedded()
    target.read_only = True
    before = dict(target.app.world.dipps)
    result = machine.run(target, seed=2, max_examples=5, steps=8)
    assert result.steps == 0
    assert target.app.world.dipps == before
    assert all(outcome.runs > 0 for outcome in result.checks.values())
