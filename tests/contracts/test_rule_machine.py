"""Layer 3: the state machine over the generated client, and the invariant checks it runs."""

from __future__ import annotations

from typing import Any

import pytest
from mailgun_ip_client.rules import Rule

from mgip.contracts import invariants, machine
from mgip.contracts.target import Target
from mgip.core import catalogue
from mgip.server.operations import dipps


def test_every_check_names_rules_of_the_catalogue(rules: catalogue.Catalogue) -> None:
    known = {rule.id for rule in rules.rules}
    assert invariants.CHECKS
    for check in invariants.CHECKS:
        assert check.rules or check.name in invariants.SPEC_CHECKS, check.name
        assert set(check.rules) <= known, check.name


def test_the_reference_server_keeps_every_checked_rule() -> None:
    result = machine.run(Target.embedded(), seed=21, max_examples=8, steps=8)
    assert result.error is None
    assert result.steps > 20
    assert all(outcome.problems == [] for outcome in result.checks.values())
    for check in invariants.CHECKS:
        assert result.checks[check.name].runs > 0, check.name
    assert sum(result.checks[name].runs for name in machine.STEP_CHECKS) > 0


def test_a_server_that_lets_an_ip_into_two_dipps_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    def lax(call: Any, dipp: Any, addresses: list[str]) -> list[str]:
        # The membership check of dipp_ip_in_one_pool is gone.
        return [a for a in dict.fromkeys(addresses) if dipp is None or a not in dipp.ips]

    monkeypatch.setattr(dipps, "check_addable", lax)
    result = machine.run(Target.embedded(), seed=1, max_examples=100, steps=2)
    failed = [o for o in result.checks.values() if o.problems]
    # Caught by the write's own check (the add should have been refused) or by the invariant.
    assert failed
    assert {o.name for o in failed} <= {
        "DIPPs hold dedicated IPs, each in one pool",
        "adding an IP to a DIPP",
    }
    problems = [p for o in failed for p in o.problems]
    assert all(
        "is in DIPPs" in p or p.startswith("dipp_add_ip_not_in_other_dipp") for p in problems
    )
    # Hypothesis shrinks the sequence to the one step that broke the rule.
    assert min(len(o.steps) for o in failed) == 1


def test_a_read_only_target_is_only_read() -> None:
    target = Target.embedded()
    target.read_only = True
    before = dict(target.app.world.dipps)
    result = machine.run(target, seed=2, max_examples=5, steps=8)
    assert result.writes == 0
    assert result.steps > 0  # it read at every step
    assert target.app.world.dipps == before
    assert all(result.checks[check.name].runs > 0 for check in invariants.CHECKS)
    assert all(result.checks[name].runs == 0 for name in machine.STEP_CHECKS)


def test_a_server_that_ignores_a_refusal_rule_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    from mgip.server.operations import dynamic_pools

    # Every pool then counts as having a ready IP: dynamic_set_all_ready_ip_per_pool is gone.
    monkeypatch.setattr(dynamic_pools, "ready", lambda call, addresses: True)
    target = Target.embedded("all_ips_warming")
    result = machine.run(target, seed=3, max_examples=40, steps=4, shrink=False)
    failed = {o.name: o for o in result.checks.values() if o.problems}
    assert failed, "the broken rule went unnoticed"
    problems = " ".join(p for o in failed.values() for p in o.problems)
    assert "ready_ip" in problems or "keeps_ready_ip" in problems, problems


def test_the_machine_covers_input_rules_and_effects_too() -> None:
    covered = machine.covered_rules()
    assert {"dipp_add_ip_not_in_other_dipp", "warmup_cancel_ends_plan"} <= covered
    assert len(covered) >= 40


def test_the_invariant_checks_see_a_broken_state() -> None:
    from mailgun_ip_client import MailgunIp

    from mgip.server.app import build_app
    from mgip.server.testing import DirectTransport

    app = build_app()
    # A state no correct server reaches: one IP in two DIPPs, a linked pool that says it is not.
    app.world.dipps["64f0b0b0b0b0b0b0b0b0b002"].ips.append("192.0.2.10")
    transport = DirectTransport(app)
    client = MailgunIp(
        "key-acme-demo-0001", base_url="http://mgip.test", httpx_args={"transport": transport}
    )
    view = invariants.View(client)
    found = {check.name: check.run(view) for check in invariants.CHECKS}
    transport.shutdown()
    assert found["DIPPs hold dedicated IPs, each in one pool"] == [
        "192.0.2.10 is in DIPPs 64f0b0b0b0b0b0b0b0b0b001 and 64f0b0b0b0b0b0b0b0b0b002"
    ]
    assert found["assignable IPs can join a DIPP"] == []
    assert sum(1 for problems in found.values() if problems) == 1


def _run_check(name: str) -> list[str]:
    from mailgun_ip_client import MailgunIp

    from mgip.server.app import build_app
    from mgip.server.testing import DirectTransport

    transport = DirectTransport(build_app())
    client = MailgunIp(
        "key-acme-demo-0001", base_url="http://mgip.test", httpx_args={"transport": transport}
    )
    try:
        (check,) = [c for c in invariants.CHECKS if c.name == name]
        return check.run(invariants.View(client))
    finally:
        transport.shutdown()


@pytest.mark.parametrize(
    ("handler", "replacement", "check_name", "needle"),
    [
        (
            "previewDomainPool",
            "enrolls",
            "preview: names a pool, enrolls nothing, moves nothing",
            "previews changed the enrolled domains",
        ),
        (
            "listIpDomains",
            "ignores_skip",
            "an IP's domains: only where assigned, in id order, limit and skip",
            "skip=1",
        ),
    ],
)
def test_read_side_checks_catch_a_broken_server(
    monkeypatch: pytest.MonkeyPatch, handler: str, replacement: str, check_name: str, needle: str
) -> None:
    from mgip.server.operations import HANDLERS, dynamic_domains, ips

    original = HANDLERS[handler]

    def broken(call: Any) -> Any:
        if replacement == "enrolls":
            domain = call.domain(Rule.DYNAMIC_OBJECTS_EXIST)
            domain.pool = "dynamic_new"  # the preview sets the band
            return dynamic_domains.preview_domain_pool(call)
        call.query.pop("skip", None)
        return ips.list_ip_domains(call)

    monkeypatch.setitem(HANDLERS, handler, broken)
    assert original is not broken
    problems = _run_check(check_name)
    assert any(needle in p for p in problems), problems


def test_a_server_that_never_settles_fails_with_a_clear_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mgip.server import jobs

    # Domains linked to a DIPP no longer follow its IPs: the background job does nothing.
    monkeypatch.setitem(jobs.EFFECTS, "sync_dipp_domains", lambda world, args: None)
    monkeypatch.setattr(machine.base, "SETTLE_SECONDS", 0.3)
    result = machine.run(Target.embedded(), seed=4, max_examples=60, steps=6, shrink=False)
    problems = [p for o in result.checks.values() for p in o.problems]
    assert any("not settled within" in p and "linked domains" in p for p in problems), problems


def test_a_server_that_unenrolls_without_a_replacement_is_caught(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mgip.server.operations import HANDLERS

    def lenient(call: Any) -> dict[str, str]:
        domain = call.domain(Rule.DYNAMIC_OBJECTS_EXIST)
        domain.pool, domain.override = None, False
        return {"message": "left"}

    monkeypatch.setitem(HANDLERS, "unenrollDomain", lenient)
    result = machine.run(Target.embedded(), seed=8, max_examples=60, steps=6, shrink=False)
    problems = [p for o in result.checks.values() for p in o.problems]
    assert problems and all(p.startswith("dynamic_unenroll_") for p in problems), problems


def test_feature_gates_are_checked_where_the_control_interface_tells_who_lacks_what(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mgip.contracts import gates
    from mgip.server.operations import dipps as dipp_handlers

    target = Target.embedded()
    result = gates.run(target)
    assert not isinstance(result, str)
    assert all(o.checked > 0 and o.problems == [] for o in result.values())
    # A server that forgets the gate is caught, and the state it changed is noticed.
    monkeypatch.setattr(dipp_handlers, "require_feature", lambda call, rule: None)
    broken = gates.run(target)
    assert not isinstance(broken, str)
    assert broken["dipp_create_needs_feature"].problems == [
        "initech: expected HTTP 403 (mgip's convention; --strictness strict), got 200 (accepted)"
    ]


def test_feature_gates_are_skipped_without_a_control_interface() -> None:
    from mgip.contracts import gates

    target = Target(base_url="https://api.example.test", api_key="key-x", read_only=True)
    assert isinstance(gates.run(target), str)


def test_a_server_that_keeps_an_ip_on_a_domain_it_was_removed_from_is_caught(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mgip.server.operations import HANDLERS

    def forgetful(call: Any) -> dict[str, str]:
        call.domain(Rule.DYNAMIC_OBJECTS_EXIST)
        return {"message": "removed"}  # answers success, changes nothing

    monkeypatch.setitem(HANDLERS, "removeDomainIp", forgetful)
    result = machine.run(Target.embedded(), seed=2, max_examples=60, steps=6, shrink=False)
    outcome = result.checks["removing a domain's IP"]
    assert outcome.problems, outcome
    assert outcome.problems[0].split(":")[0] in {
        "domain_ips_remove_single_ip",
        "domain_ips_all_removes_domain_pool",
        "domain_ips_no_ip_change_while_dipp_linked",
        "domain_ips_path_value_kinds",
    }


def test_most_of_the_catalogue_has_a_contract_check(rules: catalogue.Catalogue) -> None:
    from mgip.contracts import gates, scripted, unknown_fields

    covered = (
        machine.covered_rules()
        | gates.covered_rules()
        | scripted.covered_rules()
        | unknown_fields.covered_rules()
    )
    assert covered <= {rule.id for rule in rules.rules}
    assert covered == {rule.id for rule in rules.rules}


def test_set_up_scenarios_pass_on_the_reference_server_and_catch_a_frozen_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mgip.contracts import scripted
    from mgip.server import health

    target = Target.embedded()
    outcomes = scripted.run(target)
    assert not isinstance(outcomes, str)
    assert [(o.ran, o.problems) for o in outcomes] == [(True, [])] * len(outcomes)
    # Health checks that never move anything.
    monkeypatch.setattr(health, "run", lambda world, domains, initiated_by="": [])
    monkeypatch.setattr(scripted.base, "SETTLE_SECONDS", 0.3)
    broken = scripted.run(target)
    assert not isinstance(broken, str)
    problems = [p for o in broken for p in o.problems]
    assert any(p.startswith("dynamic_pool_follows_health_checks") for p in problems), problems


def test_set_up_scenarios_are_skipped_without_a_control_interface() -> None:
    from mgip.contracts import scripted

    target = Target(base_url="https://api.example.test", api_key="key-x", read_only=True)
    assert "control interface" in str(scripted.run(target))


def test_a_server_that_adds_an_ip_when_a_ready_one_is_kept_is_caught(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mgip.contracts import scripted
    from mgip.server.operations import domain_ips

    monkeypatch.setattr(
        domain_ips, "extra_ip_if_all_warming", lambda call, remaining, removed: "192.0.2.89"
    )
    outcomes = scripted.run(Target.embedded())
    assert not isinstance(outcomes, str)
    problems = [p for o in outcomes for p in o.problems]
    assert problems == [
        "domain_ips_extra_ip_when_all_warming: ready.test has ['192.0.2.84', '192.0.2.89']"
    ]
