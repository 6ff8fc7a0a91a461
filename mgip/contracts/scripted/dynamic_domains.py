"""Set-up scripts on domains in the Dynamic IP Pools: health checks and overrides, enrolling
every domain (a subaccount's too), enrolling and leaving with each kind of replacement."""

from __future__ import annotations

from typing import Any

from mailgun_ip_client import ApiError
from mailgun_ip_client.models import OverrideForm
from mailgun_ip_client.types import UNSET

from mgip.contracts.public_setup import NotApplicable
from mgip.contracts.scripted.base import (
    Context,
    _dipp_linked,
    _domains_of,
    _eventually,
    _linked,
    _own_enrolled,
    _pools,
    _ready_free,
    _settled,
)

POOR = {"bounce_rate": 0.5, "complaint_rate": 0.5, "processed_count": 100000}


def _enrollable(ctx: Context, **filters: Any) -> list[str]:
    """Domains not enrolled and not linked to a DIPP (a linked domain's IPs cannot change)."""
    linked = _dipp_linked(ctx.client)
    listed = ctx.client.dynamic_pools.list_assignable_domains(**filters).items
    return [d.name for d in listed if d.name not in linked]


def health_checks(ctx: Context) -> list[str]:
    for name in _enrollable(ctx)[:2]:
        ctx.client.dynamic_pools.enroll_domain(name)
    candidates = [d for d in _own_enrolled(ctx) if d.pool != "dynamic_poor" and not d.override]
    if len(candidates) < 2:
        raise NotApplicable("fewer than two enrolled domains to move")
    moved, frozen = candidates[0].name, candidates[1].name
    problems = []
    # Pinned away from its own pool and from where poor metrics lead, so that the override, the
    # freeze and a preview that moved the domain would each show.
    pinned = "dynamic_new" if candidates[1].pool == "dynamic_good" else "dynamic_good"
    ctx.client.dynamic_pools.set_override(frozen, body=OverrideForm(pool=pinned))
    held = _pools(ctx).get(frozen)
    if held != pinned:
        problems.append(f"dynamic_override_sets_pool: {frozen} is in {held}, not {pinned}")
    answer = ctx.control.post("/mgip/health-checks", json={"metrics": {moved: POOR, frozen: POOR}})
    answer.raise_for_status()
    if not _eventually(lambda: _pools(ctx).get(moved) == "dynamic_poor"):
        problems.append(
            f"dynamic_pool_follows_health_checks: {moved} was not moved to dynamic_poor"
        )
    history = ctx.client.dynamic_pools.domain_history(moved)
    if not any(r.new_band == "dynamic_poor" for r in history):
        problems.append(f"dynamic_pool_follows_health_checks: no history record of {moved}'s move")
    if _pools(ctx).get(frozen) != held:
        problems.append(f"dynamic_override_freezes_health_checks: {frozen} left its override pool")
    # The frozen domain has the metrics the health check just moved to dynamic_poor.
    placed = (_pools(ctx).get(frozen), len(ctx.client.dynamic_pools.domain_history(frozen)))
    preview = ctx.client.dynamic_pools.preview_domain(frozen).pool
    if preview != "dynamic_poor":
        problems.append(f"dynamic_preview_names_pool: {frozen}'s preview names {preview}")
    if (_pools(ctx).get(frozen), len(ctx.client.dynamic_pools.domain_history(frozen))) != placed:
        problems.append(f"dynamic_preview_does_not_set_band: previewing {frozen} moved it")
    ctx.client.dynamic_pools.remove_override(frozen)
    expected = ctx.client.dynamic_pools.preview_domain(frozen).pool
    if expected not in ("dynamic_good", "dynamic_poor", "dynamic_new"):
        expected = "dynamic_poor"  # a preview that names no pool is reported above
    if not _settled(ctx, lambda: _pools(ctx).get(frozen) == expected):
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
    linked = _dipp_linked(ctx.client)
    ctx.client.dynamic_pools.enroll_all_domains(include_subaccounts=UNSET)  # the default
    if not _settled(ctx, lambda: not _enrollable(ctx)):
        problems.append(
            "dynamic_enroll_all_background_job: the account's domains were not enrolled"
        )
    left = {
        d.name for d in ctx.client.dynamic_pools.list_assignable_domains(subaccount_id=sub).items
    }
    if {d.name for d in before_sub} - left:
        problems.append("dynamic_enroll_all_default_parent_only: subaccount domains were enrolled")
    if before_sub:
        ctx.client.dynamic_pools.enroll_all_domains(include_subaccounts=True)

        if not _settled(ctx, lambda: not _enrollable(ctx, subaccount_id=sub)):
            problems.append("dynamic_enroll_all_include_subaccounts: subaccount domains stayed out")
        else:
            listed = {d.name for d in ctx.client.dynamic_pools.list_domains().items}
            missing = sorted({d.name for d in before_sub} - listed - linked)
            if missing:
                problems.append(f"dynamic_domains_across_accounts: enrolled {missing} not listed")
            everyone = ctx.client.dynamic_pools.history(include_subaccounts=True).items
            if sub not in {r.account_id for r in everyone}:
                problems.append(
                    f"dynamic_history_across_accounts: include_subaccounts lists no event of {sub}"
                )
    enrolled = {d.name for d in ctx.client.dynamic_pools.list_domains().items}
    still = _dipp_linked(ctx.client)
    if linked - still or linked & enrolled:
        problems.append(
            "dynamic_enroll_all_skips_dipp_linked: DIPP-linked domains "
            f"{sorted((linked - still) | (linked & enrolled))} were unlinked or enrolled"
        )
    # Once the subaccount has events of its own (its enrollments above), leaking them would show.
    history = ctx.client.dynamic_pools.history().items
    strays = {r.account_id for r in history} - {ctx.account_id}
    if strays:
        problems.append(f"dynamic_history_across_accounts: events of {sorted(strays)} listed")
    return problems


def enrolling_and_leaving(ctx: Context) -> list[str]:
    if not any(p.ips for p in ctx.client.dynamic_pools.list_all().pools):
        raise NotApplicable("the dynamic pools are not configured")
    problems = []
    names = sorted(_enrollable(ctx))
    for name in names:
        ctx.client.dynamic_pools.enroll_domain(name)
    enrolled = _pools(ctx)
    assignable = {d.name for d in ctx.client.dynamic_pools.list_assignable_domains().items}
    pools = ("dynamic_good", "dynamic_poor", "dynamic_new")
    wrong = [n for n in names if enrolled.get(n) not in pools or n in assignable]
    if wrong:
        problems.append(f"dynamic_enroll_assigns_pool: {wrong} are not enrolled in a pool")
    # Each enrolled domain leaves with another kind of replacement: IPs, a DIPP, a shared IP.
    free, mine = _ready_free(ctx), [d.name for d in _own_enrolled(ctx)]
    if len(free) >= 2 and mine:
        name = mine.pop(0)
        ctx.client.dynamic_pools.unenroll_domain(name, replacement_ip=free[:2])
        missing = [ip for ip in free[:2] if name not in _domains_of(ctx.client, ip)]
        if missing:
            problems.append(f"dynamic_unenroll_replacement_ip_assigned: {name} lacks {missing}")
    own_dipps = [p for p in ctx.client.dipps.list_all().ip_pools if not p.is_inherited]
    if own_dipps and mine:
        name, pool_id = mine.pop(0), own_dipps[0].pool_id
        ctx.client.dynamic_pools.unenroll_domain(name, replacement_pool_id=pool_id)
        if name not in _linked(ctx.client, pool_id):
            problems.append(f"dynamic_unenroll_replacement_pool_linked: {pool_id} lacks {name}")
    if mine:
        problems += _leave_for_shared(ctx, mine[:1])
    return problems


def _leave_for_shared(ctx: Context, names: list[str]) -> list[str]:
    try:
        for name in names:
            ctx.client.dynamic_pools.unenroll_domain(name, replacement_ip=["shared"])
    except ApiError as refused:  # an account not eligible for shared IPs, say
        raise NotApplicable(f"a domain could not leave for a shared IP: {refused}") from None
    enrolled = set(_pools(ctx))
    assignable = {d.name for d in ctx.client.dynamic_pools.list_assignable_domains().items}
    stayed = [n for n in names if n in enrolled or n not in assignable]
    problems = [f"dynamic_unenroll_leaves_pools: {stayed} did not leave"] if stayed else []
    shared = ctx.client.ips.list_all(dedicated=False).items
    bare = [n for n in names if not any(n in _domains_of(ctx.client, ip) for ip in shared)]
    if bare:
        problems.append(f"dynamic_unenroll_shared_assigns_shared_ip: {bare} got no shared IP")
    return problems
