"""The rule layer on a server without mgip's control interface, set up through the public API.

The reference server is served over loopback with its control interface hidden (`/mgip/` is
unknown), as any other URL target: the gates and set-up scripts learn what they can from its
answers, set their states up inside the write scope of tests/fixtures/public_scope.yaml (the
demo scenario, account acme) and put everything back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mgip.contracts import gates, machine, scripted, unknown_fields
from mgip.contracts.run import gate_outcomes, script_outcomes
from mgip.contracts.scope import Scope
from mgip.contracts.target import Target
from mgip.core import catalogue
from mgip.server import scenario
from mgip.server.app import build_app
from mgip.server.testing import serve

SCOPE = Path(__file__).parents[1] / "fixtures" / "public_scope.yaml"
KEY = "key-acme-demo-0001"  # acme, the demo's account with every feature
SEED = 7


@contextmanager
def public_target(mutant: str | None = None) -> Iterator[tuple[Target, Any]]:
    """A URL target on the reference server without its control interface, and the app (which
    the test, not the contracts, reads to compare states)."""
    app = build_app(mutant=mutant, control=False)
    with serve(app) as running:
        target = Target(
            base_url=running.url,
            api_key=KEY,
            label=running.url,
            control=False,
            read_only=False,
            scope=Scope.load(SCOPE),
        )
        yield target, app


def comparable(app: Any) -> dict[str, Any]:
    """The server's whole state, less what a run through the API changes without changing any
    object a client could ask to have back:

    - `serial`, the id counter: every DIPP the run creates (and deletes) advances it;
    - `history`: enrolling a domain again, or moving it, appends records; history only grows,
      and its records carry the time they were written;
    - the ids of the dynamic pools: removing the pools and setting them again (the script
      'removing the dynamic pools') gives them new ids, which no request can choose;
    - `jobs`: background jobs run right after each answer in the demo, none is left pending.
    """
    state = scenario.export(app.world)
    for key in ("serial", "history", "jobs"):
        state.pop(key, None)
    for pools in state.get("dynamic_pools", []):
        pools.pop("ids", None)
    return state


@dataclass(slots=True)
class Layers:
    gates: dict[str, gates.GateOutcome] | str
    scripts: list[scripted.ScriptOutcome] | str
    machine: machine.MachineResult | None
    before: dict[str, Any]
    after: dict[str, Any]
    unknown: unknown_fields.Outcome | None = None


def exercised(layers: Layers) -> set[str]:
    """Rules named by a check that ran and judged something (not skipped)."""
    found: set[str] = set()
    if not isinstance(layers.gates, str):
        found |= {o.rule for o in layers.gates.values() if o.checked}
    if not isinstance(layers.scripts, str):
        found |= {rule for o in layers.scripts if o.ran for rule in o.rules}
    if layers.machine is not None:
        found |= {rule for o in layers.machine.checks.values() if o.runs for rule in o.rules}
    if layers.unknown is not None and layers.unknown.checked:
        found.add(unknown_fields.RULE)
    return found


def failures(layers: Layers) -> list[str]:
    found = []
    if not isinstance(layers.gates, str):
        found += [p for o in layers.gates.values() for p in o.problems]
    if not isinstance(layers.scripts, str):
        found += [f"{o.name}: {p}" for o in layers.scripts for p in o.problems]
    if layers.machine is not None:
        found += [p for o in layers.machine.checks.values() for p in o.problems]
        found += [layers.machine.error] if layers.machine.error else []
    return found


def run_layers(mutant: str | None = None, *, with_machine: bool) -> Layers:
    with public_target(mutant) as (target, app):
        before = comparable(app)
        gated = gate_outcomes(target)
        scripts = script_outcomes(target)
        unknown = unknown_fields.run(target)
        after = comparable(app)
        # The state machine puts nothing back yet (contracts/restore.py will), so the states
        # are compared before it runs.
        result = None
        if with_machine:
            result = machine.run(target, seed=SEED, max_examples=3, steps=5, shrink=False)
        return Layers(gated, scripts, result, before, after, unknown)


@pytest.fixture(scope="module")
def correct() -> Layers:
    return run_layers(with_machine=True)


def test_most_rules_are_exercised_without_a_control_interface(correct: Layers) -> None:
    every = {rule.id for rule in catalogue.load().rules}
    done = exercised(correct) & every
    # 69 by the gates and scripts alone; the state machine adds its invariants and steps.
    assert len(done) / len(every) >= 0.70, sorted(every - done)


def test_nothing_fails_on_the_correct_server(correct: Layers) -> None:
    assert failures(correct) == []


def test_every_scoped_object_is_put_back(correct: Layers) -> None:
    assert correct.after == correct.before


def test_every_skip_says_why(correct: Layers) -> None:
    assert not isinstance(correct.gates, str) and not isinstance(correct.scripts, str)
    unchecked = [o for o in correct.gates.values() if not o.checked]
    assert unchecked and all(o.skipped for o in unchecked)
    assert all(o.skipped for o in correct.scripts if not o.ran)
    reasons = {o.rule: o.skipped for o in unchecked}
    assert "assignable_to_pools" in reasons["dipp_create_needs_feature"]
    assert "never in scope" in reasons["ips_new_ip_within_billing_limits"]
    assert "eligible for shared IPs" in reasons["domain_ips_shared_needs_eligibility"]


@pytest.mark.parametrize(
    ("mutant", "rule"),
    [
        ("dynamic_unenroll_ip_not_in_dipp.unenforced", "dynamic_unenroll_ip_not_in_dipp"),
        (
            "dynamic_unenroll_replacement_pool_linked.ips_copied_not_linked",
            "dynamic_unenroll_replacement_pool_linked",
        ),
        (
            "dipp_remove_ip_updates_linked_domains.no_sync",
            "dipp_remove_ip_updates_linked_domains",
        ),
        ("dynamic_add_ip_owned.unenforced", "dynamic_add_ip_owned"),
    ],
)
def test_a_broken_server_is_caught_through_the_api(mutant: str, rule: str) -> None:
    layers = run_layers(mutant, with_machine=False)
    assert any(p.startswith(f"{rule}:") or f": {rule}:" in p for p in failures(layers)), failures(
        layers
    )


def test_without_writes_the_rules_say_why() -> None:
    target = Target(
        base_url="http://127.0.0.1:9", api_key=KEY, scope=Scope.load(SCOPE), dry_run=True
    )
    assert "dry run" in str(gate_outcomes(target)) and "dry run" in str(script_outcomes(target))
    bare = Target(base_url="http://127.0.0.1:9", api_key=KEY)
    assert "--scope" in str(gate_outcomes(bare)) and "--scope" in str(script_outcomes(bare))
