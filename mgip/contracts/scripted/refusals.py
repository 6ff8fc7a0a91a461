"""Refusals the documentation predicts, set up from the scenario's accounts and tried one at a
time from the scenario's start: the input rules of DIPPs, domain IPs, dynamic pools and
warm-ups, what a subaccount may not do to the DIPP it inherits, and 'shared' asked by an account
not eligible for shared IPs."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from mailgun_ip_client import ApiError
from mailgun_ip_client.models import (
    EditDippForm,
    OverrideForm,
    SetDynamicPoolsForm,
    UpdateDynamicPoolForm,
)

from mgip.contracts.public_setup import NotApplicable
from mgip.contracts.scripted.base import Context, _client, _scenario, _target_of
from mgip.contracts.strictness import refusal_holds
from mgip.contracts.target import comparable_state

Attempt = tuple[str, Callable[[], Any]]  # the rule, and the request it must refuse


def _refuses_each(ctx: Context, attempts: list[Attempt], *, reset: bool = True) -> list[str]:
    """Each request must be refused with its rule's status, and change nothing. With `reset`,
    each starts from the scenario, so that one broken refusal cannot hide the next."""
    problems = []
    for rule, attempt in attempts:
        if reset:
            ctx.control.post("/mgip/reset").raise_for_status()
        before = comparable_state(ctx.control)
        named, status = rule, None
        try:
            attempt()
        except ApiError as error:
            status, named = error.status_code, _named_rule(error) or rule
        holds, expected = refusal_holds(rule, status, ctx.strictness)
        if holds is None:  # accepted, and only mgip's convention refuses it: not judged
            ctx.unjudged.append(rule)
            continue
        if not holds:
            got = "200 (accepted)" if status is None else str(status)
            problems.append(f"{rule}: {expected}, got {got}")
        elif named != rule:  # a mock that names the rule it enforces must name the right one
            problems.append(f"{rule}: refused, but as {named}")
        elif comparable_state(ctx.control) != before:
            problems.append(f"{rule}: refused, but the state changed")
    return problems


def _named_rule(error: ApiError) -> str | None:
    """The rule id a refusal's body names (mgip's reference server does), if any."""
    try:
        body = json.loads(error.content)
    except ValueError:
        return None
    rule = body.get("rule") if isinstance(body, dict) else None
    return rule if isinstance(rule, str) else None


def predicted_refusals(ctx: Context) -> list[str]:
    """The input rules of DIPPs, domain IPs and dynamic pools, each broken once on purpose with
    objects found in the scenario: IPs held by another DIPP, shared IPs, empty pools, a linked
    domain, an enrolled domain, a subaccount's inherited DIPP."""
    state = ctx.control.get("/mgip/state").json()
    names = {a["id"]: a["name"] for a in state["accounts"]}
    me = names.get(ctx.account_id)
    family = {me, *(names.get(sub) for sub in ctx.subaccounts)}
    pools = [p for p in state.get("dipps", []) if p["account"] == me and not p.get("deleted")]
    full = [p for p in pools if p["ips"]]
    empty = [p for p in pools if not p["ips"]]
    domains = [d for d in state.get("domains", []) if d["account"] == me]
    linked = [d for d in domains if d.get("dipp")]
    enrolled = [d for d in domains if d.get("dynamic_pool")]
    ips = [ip for ip in state.get("ips", []) if ip["account"] == me]
    shared = [ip["address"] for ip in ips if not ip.get("dedicated", True)]
    warming = [ip["address"] for ip in ips if ip.get("warmup")]
    foreign = [ip["address"] for ip in state.get("ips", []) if ip["account"] not in family]
    if not (len(full) >= 2 and empty and linked and enrolled and shared and warming and foreign):
        raise NotApplicable("the scenario lacks the DIPPs, domains or IPs these refusals need")
    held, other = full[0], full[1]
    linked_pool = next(p for p in pools if linked[0]["dipp"] in (p["id"], p["name"]))
    held_ip, mg = held["ips"][0], ctx.client
    attempts: list[Attempt] = [
        ("dipp_add_ip_not_in_other_dipp", lambda: mg.dipps.add_ip(other["id"], held_ip)),
        ("dipp_added_ip_must_be_dedicated", lambda: mg.dipps.add_ip(empty[0]["id"], shared[0])),
        (
            "dipp_delete_replacement_ip_dedicated",
            lambda: mg.dipps.delete(other["id"], ip=shared[0]),
        ),
        (
            "dipp_delete_replacement_ip_not_in_dipp",
            lambda: mg.dipps.delete(other["id"], ip=held_ip),
        ),
        (
            "dipp_delete_replacement_pool_not_empty",
            lambda: mg.dipps.delete(other["id"], pool_id_query=empty[0]["id"]),
        ),
        (
            "dipp_edit_without_change_rejected",
            lambda: mg.dipps.edit(other["id"], body=EditDippForm(name=other["name"])),
        ),
        (
            "domain_ips_no_ip_change_while_dipp_linked",
            lambda: mg.ips.remove_domain_ip(linked[0]["name"], linked_pool["ips"][0]),
        ),
        (
            "domain_ips_unlink_replacement_required",
            lambda: mg.ips.remove_domain_ip(linked[0]["name"], "ip_pool"),
        ),
        (
            "dynamic_pool_name_must_exist",
            lambda: mg.dynamic_pools.add_ip("dynamic_bogus", held_ip),
        ),
        (
            "dynamic_set_all_ready_ip_per_pool",
            lambda: mg.dynamic_pools.set_all(
                body=SetDynamicPoolsForm(
                    good_reputation=[warming[0]],
                    poor_reputation=[held_ip],
                    new_senders=[other["ips"][0]],
                )
            ),
        ),
        (
            "dynamic_update_keeps_ready_ip",
            lambda: mg.dynamic_pools.update(
                enrolled[0]["dynamic_pool"],
                body=UpdateDynamicPoolForm(remove_ip=_pool_ips(state, me, enrolled[0])),
            ),
        ),
        (
            "dynamic_unenroll_ip_not_in_dipp",
            lambda: mg.dynamic_pools.unenroll_domain(enrolled[0]["name"], replacement_ip=[held_ip]),
        ),
        (
            "dynamic_unenroll_replacement_pool_exists",
            lambda: mg.dynamic_pools.unenroll_domain(
                enrolled[0]["name"], replacement_pool_id="0" * 23 + "1"
            ),
        ),
        (
            "dynamic_override_pool_must_be_valid",
            lambda: mg.dynamic_pools.set_override(
                enrolled[0]["name"], body=OverrideForm(pool="dynamic_bogus")
            ),
        ),
        ("warmup_ip_must_be_dedicated", lambda: mg.warmups.create(shared[0])),
        ("warmup_ip_must_be_owned", lambda: mg.warmups.create(foreign[0])),
        (
            "dynamic_unenroll_replacements_exclusive",
            lambda: mg.dynamic_pools.unenroll_domain(
                enrolled[0]["name"], replacement_ip=[shared[0]], replacement_pool_id=other["id"]
            ),
        ),
    ]
    heirs = [
        (sub, p)
        for sub in ctx.subaccounts
        for p in pools
        if names.get(sub) in p.get("delegated_to", []) and p["ips"]
    ]
    if heirs:
        attempts += _inherited_attempts(ctx, state, heirs[0][0], heirs[0][1], ips)
    return _refuses_each(ctx, attempts)


def _inherited_attempts(
    ctx: Context,
    state: dict[str, Any],
    sub: str,
    pool: dict[str, Any],
    ips: list[dict[str, Any]],
) -> list[Attempt]:
    """What a subaccount may not do to the DIPP it inherits."""
    child = next(a for a in state["accounts"] if a["id"] == sub)
    kid = _client(child["keys"][0], sub, _target_of(ctx), ctx.transport, ctx.headers)
    free = next(ip["address"] for ip in ips if _free(state, ip))
    return [
        ("dipp_inherited_add_ip_forbidden", lambda: kid.dipps.add_ip(pool["id"], free)),
        (
            "dipp_inherited_remove_ip_forbidden",
            lambda: kid.dipps.remove_ip(pool["id"], pool["ips"][0]),
        ),
        ("dipp_inherited_not_deletable", lambda: kid.dipps.delete(pool["id"])),
        ("warmup_ip_must_be_owned", lambda: kid.warmups.create(pool["ips"][0])),
        ("dipp_inherited_no_ip_replacement", lambda: kid.dipps.delete(pool["id"], ip=free)),
        (
            "dipp_inherited_not_editable",
            lambda: kid.dipps.edit(pool["id"], body=EditDippForm(name="renamed")),
        ),
    ]


def _pool_ips(state: dict[str, Any], owner: str | None, domain: dict[str, Any]) -> list[str]:
    pools = next(p for p in state.get("dynamic_pools", []) if p["account"] == owner)
    key = {"dynamic_good": "good_reputation", "dynamic_poor": "poor_reputation"}
    return list(pools[key.get(domain["dynamic_pool"], "new_senders")])


def _free(state: dict[str, Any], ip: dict[str, Any]) -> bool:
    """A dedicated IP in no DIPP and no dynamic pool."""
    in_dipps = {a for p in state.get("dipps", []) for a in p["ips"]}
    in_dynamic = {
        a for p in state.get("dynamic_pools", []) for k, v in p.items() if k != "account" for a in v
    }
    return ip.get("dedicated", True) and ip["address"] not in in_dipps | in_dynamic


# An account with DIPPs and Dynamic IP Pools that is not eligible for shared IPs.
INELIGIBLE = """
version: 1
accounts:
  - name: solo
    keys: [key-mgip-eligibility-check]
    features: {dipps: true, dynamic_pools: true, shared_ips: false}
ips:
  - {address: 192.0.2.60, account: solo}
  - {address: 192.0.2.61, account: solo}
  - {address: 192.0.2.62, account: solo}
dipps:
  - {name: only, account: solo, description: Linked to one domain, ips: [192.0.2.60]}
dynamic_pools:
  - {account: solo, good_reputation: [192.0.2.61], poor_reputation: [], new_senders: []}
domains:
  - {name: linked.solo.test, account: solo, dipp: only}
  - {name: enrolled.solo.test, account: solo, ips: [192.0.2.61], dynamic_pool: dynamic_good}
"""


def ineligible_refusals(ctx: Context) -> list[str]:
    """'shared' as a replacement, asked by an account that is not eligible for shared IPs."""
    with _scenario(ctx, INELIGIBLE) as solo:
        mg = _client(
            "key-mgip-eligibility-check", solo, _target_of(ctx), ctx.transport, ctx.headers
        )
        pool = ctx.control.get("/mgip/state").json()["dipps"][0]["id"]
        attempts: list[Attempt] = [
            ("dipp_delete_shared_needs_eligibility", lambda: mg.dipps.delete(pool, ip="shared")),
            (
                "domain_ips_shared_needs_eligibility",
                lambda: mg.ips.remove_domain_ip("linked.solo.test", "ip_pool", ip_query="shared"),
            ),
            (
                "dynamic_unenroll_shared_needs_eligibility",
                lambda: mg.dynamic_pools.unenroll_domain(
                    "enrolled.solo.test", replacement_ip=["shared"]
                ),
            ),
        ]
        return _refuses_each(ctx, attempts, reset=False)
