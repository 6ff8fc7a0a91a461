"""The documented refusals, each tried once through the public API on scoped objects.

Part of the set-up without a control interface (mgip.contracts.public_setup): the states a refusal
needs (an IP held by a DIPP, a linked domain, an enrolled domain) come from the scope or from DIPPs
made for the purpose; each request must be refused with its rule's status and change nothing
(what a broken server changed is put back at once, see `judge`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mailgun_ip_client.models import (
    EditDippForm,
    OverrideForm,
    SetDynamicPoolsForm,
    UpdateDynamicPoolForm,
)

from mgip.contracts.gates import NO_POOL
from mgip.contracts.public_setup import POOL_KEYS, Public, judge

Attempt = tuple[str, Callable[[], Any]]

REFUSALS = (
    "dipp_add_ip_not_in_other_dipp",
    "dipp_added_ip_must_be_dedicated",
    "dipp_delete_replacement_ip_dedicated",
    "dipp_delete_replacement_ip_not_in_dipp",
    "dipp_delete_replacement_pool_not_empty",
    "dipp_delete_replacement_required_if_ips",
    "dipp_edit_without_change_rejected",
    "domain_ips_no_ip_change_while_dipp_linked",
    "domain_ips_unlink_replacement_required",
    "domain_ips_unlink_replacements_exclusive",
    "domain_ips_path_value_kinds",
    "dynamic_unenroll_replacement_required",
    "dynamic_unenroll_replacements_exclusive",
    "dynamic_unenroll_ip_not_in_dipp",
    "dynamic_unenroll_ip_not_in_dynamic_pool",
    "dynamic_unenroll_multiple_ips_dedicated",
    "dynamic_unenroll_replacement_pool_exists",
    "dynamic_override_pool_must_be_valid",
    "dynamic_pool_name_must_exist",
    "dynamic_add_ip_dedicated",
    "dynamic_ip_in_one_pool",
    "dynamic_update_keeps_ready_ip",
    "dynamic_set_all_ips_dedicated",
    "dynamic_remove_all_needs_unenrolled",
    "warmup_ip_must_be_dedicated",
    "warmup_ip_must_be_owned",
)


def refusals(ctx: Public) -> list[str]:
    """The documented refusals, each tried once on scoped objects (or DIPPs made for it)."""
    state = ctx.state()
    free, shared, held_by = ctx.free_ips(state), ctx.shared_ips(), held_scoped_ips(ctx, state)
    enrolled, plain = ctx.enrolled_domains(state), ctx.plain_domains(state)
    mg = ctx.client
    mine = hollow = ""
    if ctx.facts.dipps and free:
        mine = ctx.create_dipp("mgip-refusals", free[:1])
        hollow = ctx.create_dipp("mgip-empty", [])
    linked = plain[0] if mine and plain else ""
    if linked:
        ctx.link(mine, linked)
    own = sorted(ctx.scope.domains & set(state["domains"]))
    in_pools = sorted({ip for ips in state["dynamic"].values() for ip in ips} & ctx.scope.ips)
    dedicated = sorted(ctx.scope.ips & ctx.facts.dedicated)
    one = enrolled[0] if enrolled else ""
    foreign = ctx.foreign_ips()
    no_mine = "no DIPP could be made from a free scoped IP"
    no_held, no_shared = "no scoped IP is in a DIPP", "the scope names no shared IP"
    no_link = "no scoped domain with one dedicated IP could be linked to a DIPP"
    no_one = "no scoped domain is enrolled in Dynamic IP Pools"
    dynamic = mg.dynamic_pools
    # (rule, whether its state could be set up, why not, the request that must be refused)
    table: list[tuple[str, Any, str, Callable[[], Any]]] = [
        ("dipp_add_ip_not_in_other_dipp", mine and held_by, no_held,
         lambda: mg.dipps.add_ip(mine, held_by[0])),
        ("dipp_added_ip_must_be_dedicated", mine and shared, no_shared,
         lambda: mg.dipps.add_ip(mine, shared[0])),
        ("dipp_delete_replacement_ip_dedicated", mine and shared, no_shared,
         lambda: mg.dipps.delete(mine, ip=shared[0])),
        ("dipp_delete_replacement_ip_not_in_dipp", mine and held_by, no_held,
         lambda: mg.dipps.delete(mine, ip=held_by[0])),
        ("dipp_delete_replacement_pool_not_empty", mine, no_mine,
         lambda: mg.dipps.delete(mine, pool_id_query=hollow)),
        ("dipp_delete_replacement_required_if_ips", mine, no_mine, lambda: mg.dipps.delete(mine)),
        ("dipp_edit_without_change_rejected", mine, no_mine,
         lambda: mg.dipps.edit(mine, body=EditDippForm(name="mgip-refusals"))),
        ("domain_ips_no_ip_change_while_dipp_linked", linked, no_link,
         lambda: mg.ips.remove_domain_ip(linked, free[0])),
        ("domain_ips_unlink_replacement_required", linked, no_link,
         lambda: mg.ips.remove_domain_ip(linked, "ip_pool")),
        ("domain_ips_unlink_replacements_exclusive", linked, no_link,
         lambda: mg.ips.remove_domain_ip(linked, "ip_pool", ip_query=free[0], pool_id=hollow)),
        ("domain_ips_path_value_kinds", own, "no scoped domain of the account",
         lambda: mg.ips.remove_domain_ip(own[0], "not-an-ip")),
        ("dynamic_unenroll_replacement_required", one, no_one,
         lambda: dynamic.unenroll_domain(one)),
        ("dynamic_unenroll_replacements_exclusive", one and dedicated and mine, no_one,
         lambda: dynamic.unenroll_domain(
             one, replacement_ip=dedicated[:1], replacement_pool_id=mine)),
        ("dynamic_unenroll_ip_not_in_dipp", one and mine, no_one,
         lambda: dynamic.unenroll_domain(one, replacement_ip=free[:1])),
        ("dynamic_unenroll_ip_not_in_dynamic_pool", one and in_pools, no_one,
         lambda: dynamic.unenroll_domain(one, replacement_ip=in_pools[:1])),
        ("dynamic_unenroll_multiple_ips_dedicated", one and shared and dedicated,
         "no enrolled scoped domain, or no scoped shared IP",
         lambda: dynamic.unenroll_domain(one, replacement_ip=[shared[0], dedicated[0]])),
        ("dynamic_unenroll_replacement_pool_exists", one, no_one,
         lambda: dynamic.unenroll_domain(one, replacement_pool_id=NO_POOL)),
        ("dynamic_override_pool_must_be_valid", one, no_one,
         lambda: dynamic.set_override(one, body=OverrideForm(pool="dynamic_bogus"))),
        ("warmup_ip_must_be_dedicated", shared, no_shared, lambda: mg.warmups.create(shared[0])),
        ("warmup_ip_must_be_owned", foreign, "the scope names no IP the account does not own",
         lambda: mg.warmups.create(foreign[0])),
    ]  # fmt: skip
    attempts = [(rule, call) for rule, ready, _, call in table if ready]
    ctx.unjudged.update({rule: why for rule, ready, why, _ in table if not ready})
    attempts += _dynamic_attempts(ctx, state, shared, ctx.unjudged)
    problems = []
    for rule, call in attempts:
        problems += judge(ctx, rule, call)
    return problems


def held_scoped_ips(ctx: Public, state: dict[str, Any]) -> list[str]:
    """Scoped IPs held by one of the account's DIPPs."""
    return sorted(
        ip
        for p in state["dipps"].values()
        if not p["inherited"]
        for ip in p["ips"]
        if ip in ctx.scope.ips
    )


def _dynamic_attempts(
    ctx: Public, state: dict[str, Any], shared: list[str], missing: dict[str, str]
) -> list[Attempt]:
    rules = (
        "dynamic_pool_name_must_exist",
        "dynamic_add_ip_dedicated",
        "dynamic_ip_in_one_pool",
        "dynamic_update_keeps_ready_ip",
        "dynamic_set_all_ips_dedicated",
        "dynamic_remove_all_needs_unenrolled",
    )
    why = ctx.dynamic_in_scope(state)
    pools = {name: state["dynamic"].get(name, []) for name in POOL_KEYS}
    if why is None and not all(pools.values()):
        why = "the dynamic pools are not all configured"
    if why is None and not shared:
        why = "the scope names no shared IP"
    if why is None and not state["enrolled"]:
        why = "no domain is enrolled in Dynamic IP Pools"
    if why is not None:
        missing.update(dict.fromkeys(rules, why))
        return []
    mg = ctx.client
    good, poor, new = (pools[name] for name in POOL_KEYS)
    return [
        ("dynamic_pool_name_must_exist", lambda: mg.dynamic_pools.add_ip("dynamic_bogus", good[0])),
        ("dynamic_add_ip_dedicated", lambda: mg.dynamic_pools.add_ip("dynamic_good", shared[0])),
        ("dynamic_ip_in_one_pool", lambda: mg.dynamic_pools.add_ip("dynamic_good", poor[0])),
        (
            "dynamic_update_keeps_ready_ip",
            lambda: mg.dynamic_pools.update(
                "dynamic_good", body=UpdateDynamicPoolForm(remove_ip=good)
            ),
        ),
        (
            "dynamic_set_all_ips_dedicated",
            lambda: mg.dynamic_pools.set_all(
                body=SetDynamicPoolsForm(
                    good_reputation=[shared[0]], poor_reputation=poor, new_senders=new
                )
            ),
        ),
        ("dynamic_remove_all_needs_unenrolled", mg.dynamic_pools.remove_all),
    ]
