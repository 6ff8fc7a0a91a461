"""Rules that need the target to be put in a state first: health checks, overrides, enroll-all.

Each script starts from the scenario (`POST /mgip/reset`), uses the control interface only for
what the API cannot do (sending metrics to a health check, reading who is whose subaccount), and
checks the rest through the generated client. A target without the interface gets them skipped.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from mailgun_ip_client import ApiError, MailgunIp
from mailgun_ip_client.models import OverrideForm

from contracts.target import Target, control_transport, shut

SETTLE_SECONDS = 10.0
POOR = {"bounce_rate": 0.5, "complaint_rate": 0.5, "processed_count": 100000}


@dataclass(slots=True)
class Context:
    client: MailgunIp
    control: httpx.Client
    account_id: str
    subaccounts: list[str]
    transport: httpx.BaseTransport
    headers: str = "public"


@dataclass(slots=True)
class ScriptOutcome:
    name: str
    rules: tuple[str, ...]
    problems: list[str] = field(default_factory=list)
    ran: bool = False
    skipped: str = ""


def _eventually(holds: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + SETTLE_SECONDS
    while not holds():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def _pools(ctx: Context) -> dict[str, str]:
    return {d.name: d.pool for d in ctx.client.dynamic_pools.list_domains().items}


def _own_enrolled(ctx: Context) -> list[Any]:
    items = ctx.client.dynamic_pools.list_domains().items
    return sorted((d for d in items if d.account_id == ctx.account_id), key=lambda d: d.name)


def _target_of(ctx: Context) -> Target:
    return Target(base_url=str(ctx.control.base_url).rstrip("/"), api_key="")


class NotApplicable(Exception):
    """The scenario lacks what a script needs; its rules are reported as skipped."""


def health_checks(ctx: Context) -> list[str]:
    for item in ctx.client.dynamic_pools.list_assignable_domains().items[:2]:
        ctx.client.dynamic_pools.enroll_domain(item.name)
    candidates = [d for d in _own_enrolled(ctx) if d.pool != "dynamic_poor" and not d.override]
    if len(candidates) < 2:
        raise NotApplicable("fewer than two enrolled domains to move")
    moved, frozen = candidates[0].name, candidates[1].name
    problems = []
    ctx.client.dynamic_pools.set_override(frozen, body=OverrideForm(pool=candidates[1].pool))
    answer = ctx.control.post("/mgip/health-checks", json={"metrics": {moved: POOR, frozen: POOR}})
    answer.raise_for_status()
    if not _eventually(lambda: _pools(ctx).get(moved) == "dynamic_poor"):
        problems.append(
            f"dynamic_pool_follows_health_checks: {moved} was not moved to dynamic_poor"
        )
    history = ctx.client.dynamic_pools.domain_history(moved)
    if not any(r.new_band == "dynamic_poor" for r in history):
        problems.append(f"dynamic_pool_follows_health_checks: no history record of {moved}'s move")
    if _pools(ctx).get(frozen) != candidates[1].pool:
        problems.append(f"dynamic_override_freezes_health_checks: {frozen} left its override pool")
    ctx.client.dynamic_pools.remove_override(frozen)
    expected = ctx.client.dynamic_pools.preview_domain(frozen).pool
    if not _eventually(lambda: _pools(ctx).get(frozen) == expected):
        problems.append(
            f"dynamic_override_removal_resumes_checks: {frozen} never went to {expected}"
        )
    return problems


def enroll_all(ctx: Context) -> list[str]:
    if not ctx.subaccounts:
        raise NotApplicable("the account has no subaccount")
    problems = []
    sub = ctx.subaccounts[0]
    before_sub = ctx.client.dynamic_pools.list_assignable_domains(subaccount_id=sub).items
    scope = [d.account_id for d in before_sub]
    if any(account != sub for account in scope):
        problems.append("dynamic_assignable_subaccount_scope: another account's domain is listed")
    ctx.client.dynamic_pools.enroll_all_domains()
    if not _eventually(lambda: not ctx.client.dynamic_pools.list_assignable_domains().items):
        problems.append(
            "dynamic_enroll_all_background_job: the account's domains were not enrolled"
        )
    left = {
        d.name for d in ctx.client.dynamic_pools.list_assignable_domains(subaccount_id=sub).items
    }
    if {d.name for d in before_sub} - left:
        problems.append("dynamic_enroll_all_default_parent_only: subaccount domains were enrolled")
    history = ctx.client.dynamic_pools.history().items
    strays = {r.account_id for r in history} - {ctx.account_id}
    if strays:
        problems.append(f"dynamic_history_across_accounts: events of {sorted(strays)} listed")
    if before_sub:
        ctx.client.dynamic_pools.enroll_all_domains(include_subaccounts=True)

        def sub_assignable() -> list[Any]:
            return list(ctx.client.dynamic_pools.list_assignable_domains(subaccount_id=sub).items)

        if not _eventually(lambda: not sub_assignable()):
            problems.append("dynamic_enroll_all_include_subaccounts: subaccount domains stayed out")
    return problems


def delegated_dipps(ctx: Context) -> list[str]:
    state = ctx.control.get("/mgip/state").json()
    names = {a["id"]: a["name"] for a in state["accounts"]}
    delegated = [
        p for p in state.get("dipps", []) if p.get("delegated_to") and p["id"] and not p["deleted"]
    ]
    delegated = [p for p in delegated if names.get(ctx.account_id) == p["account"]]
    if not delegated:
        raise NotApplicable("the account delegates no DIPP to a subaccount")
    pool = delegated[0]
    child = next(a for a in state["accounts"] if a["name"] == pool["delegated_to"][0])
    child_client = _client(
        child["keys"][0], child["id"], _target_of(ctx), ctx.transport, ctx.headers
    )
    in_dipps = {ip for p in state.get("dipps", []) for ip in p["ips"]}
    mine = names.get(ctx.account_id)
    free = [
        ip["address"]
        for ip in state.get("ips", [])
        if ip["account"] == mine and ip.get("dedicated", True) and ip["address"] not in in_dipps
    ]
    if not free:
        raise NotApplicable("no free dedicated IP to add to the delegated DIPP")
    problems = []
    ctx.client.dipps.add_ip(pool["id"], free[0])

    def child_sees_ip() -> bool:
        pools = {p.pool_id: p for p in child_client.dipps.list_all().ip_pools}
        return pool["id"] in pools and free[0] in pools[pool["id"]].ips

    if not _eventually(child_sees_ip):
        problems.append(f"dipp_add_ip_updates_subaccounts: {child['name']} never saw {free[0]}")
    ctx.client.dipps.delete(pool["id"], ip="shared")

    def child_lost_pool() -> bool:
        return pool["id"] not in {p.pool_id for p in child_client.dipps.list_all().ip_pools}

    if not _eventually(child_lost_pool):
        problems.append(f"dipp_delete_updates_subaccounts: {child['name']} still sees the DIPP")
    return problems


# An account not eligible for shared IPs whose domain keeps only warming dedicated IPs.
ALL_WARMING = """
version: 1
accounts:
  - {name: warm, keys: [key-mgip-warming-check], features: {shared_ips: false}}
ips:
  - {address: 192.0.2.80, account: warm, warmup: {stage: 1}}
  - {address: 192.0.2.81, account: warm, warmup: {stage: 2}}
  - {address: 192.0.2.82, account: warm}
  - {address: 192.0.2.83, account: warm}
  - {address: 192.0.2.84, account: warm}
  - {address: 192.0.2.89, account: warm}
domains:
  - {name: warming.test, account: warm, ips: [192.0.2.80, 192.0.2.81, 192.0.2.82]}
  - {name: ready.test, account: warm, ips: [192.0.2.83, 192.0.2.84]}
"""
ADDRESSES = [f"192.0.2.{n}" for n in (80, 81, 82, 83, 84, 89)]


def all_warming(ctx: Context) -> list[str]:
    original = ctx.control.get("/mgip/state").json()
    loaded = ctx.control.put("/mgip/state", content=ALL_WARMING.encode())
    if loaded.status_code != 200:
        raise NotApplicable("the target did not take a scenario through PUT /mgip/state")
    try:
        warm = ctx.control.get("/mgip/accounts").json()["items"][0]["id"]
        client = _client(
            "key-mgip-warming-check", warm, _target_of(ctx), ctx.transport, ctx.headers
        )

        def ips_of(domain: str) -> set[str]:
            return {
                ip
                for ip in ADDRESSES
                if domain in {d.domain for d in client.ips.list_domains(ip).items}
            }

        problems = []
        # Every IP the domain keeps is warming: one extra IP may be added, no more.
        client.ips.remove_domain_ip("warming.test", "192.0.2.82")
        kept, warming = ips_of("warming.test"), {"192.0.2.80", "192.0.2.81"}
        if not warming <= kept or "192.0.2.82" in kept or len(kept - warming) > 1:
            problems.append(
                f"domain_ips_extra_ip_when_all_warming: warming.test has {sorted(kept)}"
            )
        # A ready IP is kept: nothing may be added.
        client.ips.remove_domain_ip("ready.test", "192.0.2.83")
        ready = sorted(ips_of("ready.test"))
        if ready != ["192.0.2.84"]:
            problems.append(f"domain_ips_extra_ip_when_all_warming: ready.test has {ready}")
        return problems
    finally:
        ctx.control.put("/mgip/state", json=original).raise_for_status()


SCRIPTS: list[tuple[str, tuple[str, ...], Callable[[Context], list[str]]]] = [
    (
        "delegated DIPPs",
        ("dipp_add_ip_updates_subaccounts", "dipp_delete_updates_subaccounts"),
        delegated_dipps,
    ),
    (
        "a domain left with warming IPs",
        ("domain_ips_extra_ip_when_all_warming",),
        all_warming,
    ),
    (
        "health checks and overrides",
        (
            "dynamic_pool_follows_health_checks",
            "dynamic_override_freezes_health_checks",
            "dynamic_override_removal_resumes_checks",
        ),
        health_checks,
    ),
    (
        "enrolling every domain",
        (
            "dynamic_enroll_all_background_job",
            "dynamic_enroll_all_default_parent_only",
            "dynamic_enroll_all_include_subaccounts",
            "dynamic_assignable_subaccount_scope",
            "dynamic_history_across_accounts",
        ),
        enroll_all,
    ),
]


def covered_rules() -> set[str]:
    return {rule for _, rules, _ in SCRIPTS for rule in rules}


def _client(key: str, account_id: str, target: Target, transport: Any, headers: str) -> MailgunIp:
    from contracts import profiles

    extra = profiles.client_options(headers, account_id)
    return MailgunIp(key, base_url=target.base_url, httpx_args={"transport": transport}, **extra)


def run(target: Target, headers: str = "public") -> list[ScriptOutcome] | str:
    transport = control_transport(target)
    if transport is None:
        return "these rules need a mock's control interface to set the state up"
    outcomes = []
    with httpx.Client(transport=transport, base_url=target.base_url, timeout=10) as control:
        for name, rules, script in SCRIPTS:
            control.post("/mgip/reset").raise_for_status()
            state = control.get("/mgip/state").json()
            mine = [a for a in state["accounts"] if target.api_key in a["keys"]]
            account_id = mine[0]["id"] if mine else target.account_id
            subs = [a["id"] for a in state["accounts"] if a.get("parent") == account_id]
            client = _client(target.api_key, account_id, target, transport, headers)
            ctx = Context(client, control, account_id, subs, transport)
            ctx.headers = headers
            outcome = ScriptOutcome(name, rules)
            try:
                outcome.problems = script(ctx)
                outcome.ran = True
            except NotApplicable as reason:
                outcome.problems, outcome.skipped = [], str(reason)
            except (ApiError, httpx.HTTPError, KeyError, ValueError) as exc:
                outcome.problems = [target.redact(f"the script could not run: {exc}")]
            outcomes.append(outcome)
        control.post("/mgip/reset").raise_for_status()
    shut(transport)
    return outcomes
