"""Feature gates and eligibility: an account without a feature is refused, and nothing changes.

Which account lacks which feature is not visible through the API. A target that offers mgip's
control interface tells it (`GET /mgip/state`); for any other target these rules are reported as
skipped, with that reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from mailgun_ip_client import ApiError, MailgunIp
from mailgun_ip_client.models import CreateDippForm, EditDippForm, IpBandForm
from mailgun_ip_client.rules import RULES, Rule

from contracts.target import Target

NO_POOL = "0" * 23 + "1"


@dataclass(frozen=True, slots=True)
class Account:
    id: str
    name: str
    key: str
    parent: str | None
    features: dict[str, Any]
    domains: list[str]
    dedicated: list[str]


@dataclass(frozen=True, slots=True)
class Gate:
    rule: str
    applies: Callable[[Account], bool]
    call: Callable[[MailgunIp, Account], Any]


def _first(items: list[str], default: str) -> str:
    return items[0] if items else default


GATES = [
    Gate(
        "dipp_create_needs_feature",
        lambda a: not a.features.get("dipps", True),
        lambda mg, a: mg.dipps.create(body=CreateDippForm(name="gated", description="gated")),
    ),
    Gate(
        "dipp_edit_needs_feature",
        lambda a: not a.features.get("dipps", True),
        lambda mg, a: mg.dipps.edit(NO_POOL, body=EditDippForm(name="gated")),
    ),
    Gate(
        "dipp_delete_needs_feature",
        lambda a: not a.features.get("dipps", True),
        lambda mg, a: mg.dipps.delete(NO_POOL),
    ),
    Gate(
        "dipp_add_ip_needs_feature",
        lambda a: not a.features.get("dipps", True),
        lambda mg, a: mg.dipps.add_ip(NO_POOL, _first(a.dedicated, "192.0.2.1")),
    ),
    Gate(
        "dipp_remove_ip_needs_feature",
        lambda a: not a.features.get("dipps", True),
        lambda mg, a: mg.dipps.remove_ip(NO_POOL, _first(a.dedicated, "192.0.2.1")),
    ),
    Gate(
        "domain_ips_unlink_needs_dipps",
        lambda a: not a.features.get("dipps", True) and bool(a.domains),
        lambda mg, a: mg.ips.remove_domain_ip(a.domains[0], "ip_pool", ip_query="shared"),
    ),
    Gate(
        "dynamic_enroll_needs_feature",
        lambda a: not a.features.get("dynamic_pools", True) and bool(a.domains),
        lambda mg, a: mg.dynamic_pools.enroll_domain(a.domains[0]),
    ),
    Gate(
        "dynamic_enroll_all_needs_feature",
        lambda a: not a.features.get("dynamic_pools", True),
        lambda mg, a: mg.dynamic_pools.enroll_all_domains(),
    ),
    Gate(
        "dynamic_enroll_all_parent_only",
        lambda a: a.parent is not None,
        lambda mg, a: mg.dynamic_pools.enroll_all_domains(),
    ),
    Gate(
        "ips_band_needs_feature",
        lambda a: not a.features.get("ip_bands", True) and bool(a.dedicated),
        lambda mg, a: mg.ips.set_band(a.dedicated[0], body=IpBandForm(ip_band="gated")),
    ),
    Gate(
        "ips_new_ip_within_billing_limits",
        lambda a: len(a.dedicated) >= a.features.get("dedicated_ip_limit", 10**6),
        lambda mg, a: mg.ips.request_new(),
    ),
]


@dataclass(slots=True)
class GateOutcome:
    rule: str
    checked: int = 0
    problems: list[str] = field(default_factory=list)


def _accounts(state: dict[str, Any]) -> list[Account]:
    accounts = []
    for raw in state.get("accounts", []):
        name = raw["name"]
        accounts.append(
            Account(
                id=raw["id"],
                name=name,
                key=raw["keys"][0],
                parent=raw.get("parent"),
                features=raw.get("features", {}),
                domains=[d["name"] for d in state.get("domains", []) if d["account"] == name],
                dedicated=[
                    ip["address"]
                    for ip in state.get("ips", [])
                    if ip["account"] == name and ip.get("dedicated", True)
                ],
            )
        )
    return accounts


def run(target: Target) -> dict[str, GateOutcome] | str:
    """Each gate's outcome, or why the gates could not be checked on this target."""
    transport: httpx.BaseTransport
    if target.app is not None:
        from reference_server.testing import SyncASGITransport

        transport = SyncASGITransport(target.app)
    elif target.control and not target.read_only and target.scope is None:
        transport = httpx.HTTPTransport()
    else:
        return "which account lacks a feature is only known from a mock's control interface"
    outcomes = {gate.rule: GateOutcome(gate.rule) for gate in GATES}
    with httpx.Client(transport=transport, base_url=target.base_url, timeout=10) as control:
        # From the scenario's start: earlier layers may have given an account what it lacked.
        control.post("/mgip/reset").raise_for_status()
        state = control.get("/mgip/state").json()
        for account in _accounts(state):
            client = MailgunIp(
                account.key, base_url=target.base_url, httpx_args={"transport": transport}
            )
            for gate in GATES:
                if gate.applies(account):
                    _check(gate, account, client, control, outcomes[gate.rule])
    _shut(transport)
    return outcomes


def _shut(transport: httpx.BaseTransport) -> None:
    # The in-process transport keeps an event loop that closing a client leaves open.
    shutdown = getattr(transport, "shutdown", None)
    if shutdown is not None:
        shutdown()


def _check(
    gate: Gate, account: Account, client: MailgunIp, control: httpx.Client, outcome: GateOutcome
) -> None:
    expected = RULES[Rule(gate.rule)].status
    before = control.get("/mgip/state").json()
    try:
        gate.call(client, account)
        got = 200
    except ApiError as error:
        got = error.status_code
    after = control.get("/mgip/state").json()
    outcome.checked += 1
    if got != expected:
        outcome.problems.append(f"{account.name}: expected HTTP {expected}, got {got}")
    elif _without_serial(before) != _without_serial(after):
        outcome.problems.append(f"{account.name}: refused, but the state changed")


def _without_serial(state: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in state.items() if k != "serial"}


def covered_rules() -> set[str]:
    return {gate.rule for gate in GATES}
