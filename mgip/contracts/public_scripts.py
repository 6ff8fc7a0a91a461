"""The set-up scripts, through the public API inside a write scope (mgip.contracts.public_setup).

Each script builds its states from the scoped objects and DIPPs it creates, checks what the
documentation says follows, and leaves the putting back to the runner (`run`), which restores
every scoped object from the snapshot it took before the script.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from mailgun_ip_client import ApiError
from mailgun_ip_client.models import (
    EditDippForm,
    OverrideForm,
    SetDynamicPoolsForm,
    UpdateDynamicPoolForm,
)

from mgip.contracts.invariants import View
from mgip.contracts.public_refusals import REFUSALS, held_scoped_ips, refusals
from mgip.contracts.public_setup import (
    POOL_KEYS,
    NotApplicable,
    Public,
    domain_state,
    status_of,
)


def _state_of(ctx: Public, name: str) -> Any:
    return domain_state(ctx.state(), name)


def _need(ctx: Public, count: int, state: dict[str, Any]) -> tuple[list[str], str]:
    """`count` free scoped IPs and a plain scoped domain, or NotApplicable."""
    if not ctx.facts.dipps:
        raise NotApplicable("the account has no DIPPs feature (no assignable_to_pools)")
    free, plain = ctx.free_ips(state), ctx.plain_domains(state)
    if len(free) < count or not plain:
        raise NotApplicable(
            f"the scope names {len(free)} free ready dedicated IP(s) (needs {count}) and "
            f"{len(plain)} domain(s) with one dedicated IP, neither linked nor enrolled (needs 1)"
        )
    return free, plain[0]


def _settles(ctx: Public, problems: list[str], message: str, holds: Callable[[], bool]) -> None:
    if not ctx.eventually(holds):
        problems.append(message)


# --- DIPPs --------------------------------------------------------------------------------------


def _domains_of(ctx: Public, ip: str) -> set[str]:
    return {d.domain for d in ctx.client.ips.list_domains(ip, limit=1000).items}


def dipp_life(ctx: Public) -> list[str]:
    """Create a DIPP, edit it, link a scoped domain, change its IPs: each effect shows."""
    state = ctx.state()
    free, domain = _need(ctx, 2, state)
    mg, problems = ctx.client, []
    held = held_scoped_ips(ctx, state)
    if held:  # an IP already in a DIPP: refused, or at least the pools must not overlap
        with contextlib.suppress(ApiError):
            ctx.create_dipp("mgip-overlap", held[:1])
        owners: dict[str, str] = {}
        for pool in mg.dipps.list_all().ip_pools:
            twice = [ip for ip in pool.ips if ip in owners]
            problems += [f"dipp_ip_in_one_pool: {ip} is in {owners[ip]} too" for ip in twice]
            owners.update({ip: pool.pool_id for ip in pool.ips})
    else:
        ctx.unjudged["dipp_ip_in_one_pool"] = "no scoped IP is in a DIPP"
    pool_id = ctx.create_dipp("mgip-life", free[:1])
    details = mg.dipps.get(pool_id).details
    if (details.name, sorted(details.ips)) != ("mgip-life", free[:1]):
        problems.append(
            f"dipp_create_returns_new_id: {pool_id} shows {details.name}, {details.ips}"
        )
    if pool_id not in {p.pool_id for p in mg.dipps.list_all().ip_pools}:
        problems.append(f"dipp_list_covers_all_pools: the new DIPP {pool_id} is not listed")
    mg.dipps.edit(pool_id, body=EditDippForm(name="mgip-renamed", description="edited"))
    details = mg.dipps.get(pool_id).details
    if (details.name, details.description) != ("mgip-renamed", "edited"):
        problems.append(f"dipp_edit_applies_fields: {pool_id} shows {details.name!r}")
    ctx.link(pool_id, domain)
    problems += _links_agree(ctx, pool_id, domain)
    mg.dipps.add_ip(pool_id, free[1])
    if free[1] not in mg.dipps.get(pool_id).details.ips:
        problems.append(f"dipp_add_ip_joins_pool: {free[1]} is not in {pool_id}")
    _settles(
        ctx,
        problems,
        f"dipp_add_ip_updates_linked_domains: {domain} never got {free[1]}",
        lambda: domain in _domains_of(ctx, free[1]),
    )
    mg.dipps.remove_ip(pool_id, free[1])
    if free[1] in mg.dipps.get(pool_id).details.ips:
        problems.append(f"dipp_remove_ip_leaves_pool: {free[1]} is still in {pool_id}")
    _settles(
        ctx,
        problems,
        f"dipp_remove_ip_updates_linked_domains: {domain} kept {free[1]}",
        lambda: domain not in _domains_of(ctx, free[1]),
    )
    mg.dipps.edit(pool_id, body=EditDippForm(add_ip=free[1:2]))
    _settles(
        ctx,
        problems,
        f"dipp_edit_ip_change_updates_domains: {domain} never got {free[1]}",
        lambda: domain in _domains_of(ctx, free[1]),
    )
    return problems


def _links_agree(ctx: Public, pool_id: str, domain: str) -> list[str]:
    mg, problems = ctx.client, []
    linked: list[str] = []

    def shown() -> bool:
        value = mg.dipps.get(pool_id).details.linked_domains
        linked[:] = value if isinstance(value, list) else []
        return domain in linked

    if not ctx.eventually(shown):
        return [f"dipp_domains_match_linked: {pool_id} does not list {domain} after linking it"]
    details = mg.dipps.get(pool_id).details
    if details.is_linked is not True:
        problems.append(
            f"dipp_is_linked_matches_linked_domains: {pool_id} links {linked}, "
            f"is_linked {details.is_linked}"
        )
    listed = [p.is_linked for p in mg.dipps.list_all().ip_pools if p.pool_id == pool_id]
    if listed != [details.is_linked]:
        problems.append(
            f"dipp_list_is_linked_agrees: the list says {listed}, the details {details.is_linked}"
        )
    return problems


def unlinking(ctx: Public) -> list[str]:
    """Unlink a scoped domain's DIPP with each kind of replacement, then remove its pool."""
    free, domain = _need(ctx, 2, ctx.state())
    mg, problems = ctx.client, []
    first, second = (
        ctx.create_dipp("mgip-first", free[:1]),
        ctx.create_dipp("mgip-second", free[1:2]),
    )
    ctx.link(first, domain)
    mg.ips.remove_domain_ip(domain, "ip_pool", pool_id=second)
    now = _state_of(ctx, domain)
    if now.dipp != second:
        problems.append(
            f"domain_ips_unlink_replacement_dipp_linked: {domain} is linked to {now.dipp}"
        )
    ctx.link(first, domain)
    mg.ips.remove_domain_ip(domain, "ip_pool", ip_query=free[1])
    now = _state_of(ctx, domain)
    if now.dipp is not None:
        problems.append(f"domain_ips_ip_pool_unlinks_dipp: {domain} is still linked to {now.dipp}")
    if now.ips != (free[1],):
        problems.append(f"domain_ips_unlink_replacement_ip_assigned: {domain} has {now.ips}")
    ctx.link(first, domain)
    got = status_of(lambda: mg.ips.remove_domain_ip(domain, "ip_pool", ip_query="shared"))
    _learn_shared(ctx, got, f"unlinking {domain} with ip=shared")
    if got == 200:
        now = _state_of(ctx, domain)
        if now.dipp is not None or not now.ips or set(now.ips) & ctx.facts.dedicated:
            problems.append(f"domain_ips_shared_assigns_shared_ip: {domain} has {now}")
    else:
        ctx.unjudged["domain_ips_shared_assigns_shared_ip"] = ctx.facts.shared_how
        ctx.link(first, domain)
    if _state_of(ctx, domain).dipp is None:
        ctx.link(first, domain)
    mg.ips.remove_domain_ip(domain, "all")
    now = _state_of(ctx, domain)
    if now.ips or now.dipp is not None:
        problems.append(f"domain_ips_all_removes_domain_pool: {domain} is left with {now}")
    return problems


def _learn_shared(ctx: Public, got: int, how: str) -> None:
    if got == 200:
        ctx.facts.shared_eligible, ctx.facts.shared_how = True, f"{how} was accepted"
    elif ctx.facts.shared_eligible is None:
        ctx.facts.shared_eligible = False
        ctx.facts.shared_how = f"{how} was refused with HTTP {got}"


def deleting(ctx: Public) -> list[str]:
    """Delete DIPPs linked to a scoped domain with each kind of replacement in turn."""
    free, domain = _need(ctx, 2, ctx.state())
    mg, problems = ctx.client, list[str]()
    doomed, heir = ctx.create_dipp("mgip-doomed", free[:1]), ctx.create_dipp("mgip-heir", free[1:2])
    ctx.link(doomed, domain)
    mg.dipps.delete(doomed, pool_id_query=heir)
    _settles(
        ctx,
        problems,
        f"dipp_delete_relinks_to_replacement: {domain} not relinked to {heir}",
        lambda: _state_of(ctx, domain).dipp == heir,
    )
    _settles(
        ctx,
        problems,
        f"dipp_delete_removes_pool: {doomed} is still there",
        lambda: (
            status_of(lambda: mg.dipps.get(doomed)) == 404
            and doomed not in {p.pool_id for p in mg.dipps.list_all().ip_pools}
        ),
    )
    for replacement, rule in (
        (free[0], "dipp_delete_replacement_ip_assigned"),
        ("shared", "dipp_delete_shared_assigns_shared_ips"),
    ):
        pool_id = ctx.create_dipp("mgip-doomed", [])
        ctx.link(pool_id, domain)
        got = status_of(lambda: mg.dipps.delete(pool_id, ip=replacement))  # noqa: B023
        wanted = replacement
        if replacement == "shared":
            _learn_shared(ctx, got, "deleting a DIPP with ip=shared")
            if got != 200:
                ctx.unjudged[rule] = ctx.facts.shared_how
                continue
        elif got != 200:
            problems.append(f"{rule}: deleting {pool_id} with ip={replacement} got HTTP {got}")
            continue

        def replaced(wanted: str = wanted) -> bool:
            now = _state_of(ctx, domain)
            if wanted != "shared":
                return now.ips == (wanted,) and now.dipp is None
            return now.dipp is None and bool(now.ips) and not set(now.ips) & ctx.facts.dedicated

        _settles(ctx, problems, f"{rule}: {domain} did not get {replacement}", replaced)
    return problems


# --- Dynamic IP Pools ---------------------------------------------------------------------------


def enrolling(ctx: Public) -> list[str]:
    """Enroll a scoped domain, leave with each replacement, pin it with an override."""
    state = ctx.state()
    if not ctx.facts.configured:
        raise NotApplicable("the account's dynamic pools hold no IP (GET /v3/dynamic_pools)")
    free, domain = _need(ctx, 1, state)
    mg, problems = ctx.client, []
    names = tuple(POOL_KEYS)

    def enroll() -> str | None:
        mg.dynamic_pools.enroll_domain(domain)
        pool: str | None = _state_of(ctx, domain).pool
        assignable = {d.name for d in mg.dynamic_pools.list_assignable_domains().items}
        if pool not in names or domain in assignable:
            problems.append(f"dynamic_enroll_assigns_pool: {domain} is in {pool}")
        return pool

    def left(rule: str) -> None:
        assignable = {d.name for d in mg.dynamic_pools.list_assignable_domains().items}
        if _state_of(ctx, domain).pool is not None or domain not in assignable:
            problems.append(f"dynamic_unenroll_leaves_pools: {domain} did not leave ({rule})")

    enroll()
    mg.dynamic_pools.unenroll_domain(domain, replacement_ip=free[:1])
    left("replacement_ip")
    if _state_of(ctx, domain).ips != tuple(free[:1]):
        problems.append(f"dynamic_unenroll_replacement_ip_assigned: {domain} lacks {free[0]}")
    enroll()
    pool_id = ctx.create_dipp("mgip-landing", [])
    mg.dynamic_pools.unenroll_domain(domain, replacement_pool_id=pool_id)
    left("replacement_pool_id")
    if _state_of(ctx, domain).dipp != pool_id:
        problems.append(f"dynamic_unenroll_replacement_pool_linked: {domain} is not in {pool_id}")
    if _state_of(ctx, domain).dipp is not None:  # a linked domain cannot be enrolled: unlink it
        mg.ips.remove_domain_ip(domain, "ip_pool", ip_query=free[0])
    enroll()
    got = status_of(lambda: mg.dynamic_pools.unenroll_domain(domain, replacement_ip=["shared"]))
    _learn_shared(ctx, got, f"unenrolling {domain} with replacement_ip=shared")
    if got == 200:
        left("shared")
        now = _state_of(ctx, domain)
        if not now.ips or set(now.ips) & ctx.facts.dedicated:
            problems.append(f"dynamic_unenroll_shared_assigns_shared_ip: {domain} has {now.ips}")
        enroll()
    else:
        ctx.unjudged["dynamic_unenroll_shared_assigns_shared_ip"] = ctx.facts.shared_how
    return problems + _override(ctx, domain)


def _override(ctx: Public, domain: str) -> list[str]:
    mg, problems = ctx.client, []
    placed = _state_of(ctx, domain).pool
    pinned = next(name for name in POOL_KEYS if name != placed)
    mg.dynamic_pools.set_override(domain, body=OverrideForm(pool=pinned))
    now = _state_of(ctx, domain)
    if (now.pool, now.override) != (pinned, True):
        problems.append(f"dynamic_override_sets_pool: {domain} is in {now.pool}, not {pinned}")
    history = len(mg.dynamic_pools.domain_history(domain))
    preview = mg.dynamic_pools.preview_domain(domain).pool
    if preview not in POOL_KEYS:
        problems.append(f"dynamic_preview_names_pool: {domain}'s preview names {preview}")
    if (_state_of(ctx, domain).pool, len(mg.dynamic_pools.domain_history(domain))) != (
        now.pool,
        history,
    ):
        problems.append(f"dynamic_preview_does_not_set_band: previewing {domain} moved it")
    mg.dynamic_pools.remove_override(domain)
    _settles(
        ctx,
        problems,
        f"dynamic_override_removal_resumes_checks: {domain} never went to {preview}",
        lambda: _state_of(ctx, domain).pool == preview,
    )
    return problems


def _rotation_ready(ctx: Public, state: dict[str, Any]) -> dict[str, list[str]]:
    why = ctx.dynamic_in_scope(state)
    if why is not None:
        raise NotApplicable(why)
    pools = {name: state["dynamic"].get(name, []) for name in POOL_KEYS}
    if not all(pools.values()):
        raise NotApplicable("the dynamic pools are not all configured")
    return pools


def dynamic_pools(ctx: Public) -> list[str]:
    """Set every pool, change one, add an IP, refuse a pool without a ready IP."""
    state = ctx.state()
    pools, free = _rotation_ready(ctx, state), ctx.free_ips(state)
    mg, problems = ctx.client, []
    good, poor, new = (pools[name] for name in POOL_KEYS)
    mg.dynamic_pools.set_all(
        body=SetDynamicPoolsForm(good_reputation=new, poor_reputation=good, new_senders=poor)
    )
    shown = {p.name: sorted(p.ips) for p in mg.dynamic_pools.list_all().pools}
    wanted = {
        "dynamic_good": sorted(new),
        "dynamic_poor": sorted(good),
        "dynamic_new": sorted(poor),
    }
    if shown != wanted:
        problems.append(f"dynamic_set_all_replaces_ips: the pools are {shown}, not {wanted}")
    if not free:
        ctx.unjudged.update(
            dict.fromkeys(
                (
                    "dynamic_update_applies_changes",
                    "dynamic_add_ip_joins_pool",
                    "dynamic_set_all_ready_ip_per_pool",
                ),
                "the scope names no free ready dedicated IP",
            )
        )
        return problems
    mg.dynamic_pools.update(
        "dynamic_new", body=UpdateDynamicPoolForm(add_ip=free[:1], remove_ip=poor)
    )
    now = {p.name: sorted(p.ips) for p in mg.dynamic_pools.list_all().pools}
    if now.get("dynamic_new") != free[:1]:
        problems.append(
            f"dynamic_update_applies_changes: dynamic_new holds {now.get('dynamic_new')}"
        )
    mg.dynamic_pools.add_ip("dynamic_poor", poor[0])
    if poor[0] not in {ip for p in mg.dynamic_pools.list_all().pools for ip in p.ips}:
        problems.append(f"dynamic_add_ip_joins_pool: {poor[0]} is in no pool")
    held = {ip for p in mg.dynamic_pools.list_all().pools for ip in p.ips}
    if not held <= ctx.facts.dedicated:
        problems.append(f"dynamic_pools_hold_dedicated_owned_ips: the pools hold {sorted(held)}")
    if len(free) > 1:
        mg.warmups.create(free[1])
        form = SetDynamicPoolsForm(
            good_reputation=free[1:2], poor_reputation=good, new_senders=poor
        )
        got = status_of(lambda: mg.dynamic_pools.set_all(body=form))
        problems += ctx.refused("dynamic_set_all_ready_ip_per_pool", got)
    else:
        ctx.unjudged["dynamic_set_all_ready_ip_per_pool"] = "one free scoped IP only (needs 2)"
    return problems


def removing_pools(ctx: Public) -> list[str]:
    """Every enrolled domain leaves, the pools are removed, the DIPPs stay, enrolling is refused."""
    state = ctx.state()
    _rotation_ready(ctx, state)
    free, plain = ctx.free_ips(state), ctx.plain_domains(state)
    if not free:
        raise NotApplicable("the scope names no free ready dedicated IP to leave the pools for")
    mg = ctx.client
    for name, (pool, override) in state["enrolled"].items():
        if not override and mg.dynamic_pools.preview_domain(name).pool != pool:
            raise NotApplicable(f"{name} would come back to another pool than {pool}")
    for name in state["enrolled"]:
        mg.dynamic_pools.unenroll_domain(name, replacement_ip=free[:1])
    dipps = mg.dipps.list_all().ip_pools
    mg.dynamic_pools.remove_all()
    problems = []
    left = {p.name: p.ips for p in mg.dynamic_pools.list_all().pools if p.ips}
    if left:
        problems.append(f"dynamic_remove_all_clears_pools: still listed: {left}")
    after = mg.dipps.list_all().ip_pools
    if sorted((p.pool_id, sorted(p.ips)) for p in after) != sorted(
        (p.pool_id, sorted(p.ips)) for p in dipps
    ):
        problems.append("dynamic_remove_all_keeps_dipps: the DIPPs changed")
    candidates = plain or list(state["enrolled"])
    got = status_of(lambda: mg.dynamic_pools.enroll_domain(candidates[0]))
    problems += ctx.refused("dynamic_enroll_needs_pools_configured", got)
    return problems


def warming_up(ctx: Public) -> list[str]:
    """Warm up scoped idle IPs (three in flight, so pages of two end short), cancel one."""
    state = ctx.state()
    idle = [ip for ip in ctx.free_ips(state)] or sorted(
        ctx.scope.ips & ctx.facts.dedicated & ctx.facts.enabled - set(state["warmups"])
    )
    if not idle:
        raise NotApplicable("the scope names no enabled dedicated IP without a warm-up")
    mg, problems = ctx.client, []

    def whole() -> set[str]:
        return {w.ip for w in View(mg).warmups()}

    for ip in idle[: max(1, 3 - len(whole()))]:
        mg.warmups.create(ip)
        if ip not in whole() or status_of(lambda: mg.warmups.get(ip)) != 200:  # noqa: B023
            problems.append(f"warmup_create_starts_plan: {ip} is not listed or not readable")
    paged = [w.ip for w in View(mg).warmups()]
    if len(paged) != len(set(paged)):
        problems.append(f"warmup_list_paginated: the pages repeat IPs: {paged}")
    ip = idle[0]
    mg.warmups.cancel(ip)
    if ip in whole() or status_of(lambda: mg.warmups.get(ip)) != 404:
        problems.append(f"warmup_cancel_ends_plan: {ip} is still warming up")
    return problems


SCRIPTS: list[tuple[str, tuple[str, ...], Callable[[Public], list[str]]]] = [
    ("refusals, set up through the API", REFUSALS, refusals),
    (
        "a DIPP's life, through the API",
        (
            "dipp_ip_in_one_pool",
            "dipp_create_returns_new_id",
            "dipp_list_covers_all_pools",
            "dipp_edit_applies_fields",
            "dipp_is_linked_matches_linked_domains",
            "dipp_list_is_linked_agrees",
            "dipp_domains_match_linked",
            "dipp_add_ip_joins_pool",
            "dipp_add_ip_updates_linked_domains",
            "dipp_remove_ip_leaves_pool",
            "dipp_remove_ip_updates_linked_domains",
            "dipp_edit_ip_change_updates_domains",
        ),
        dipp_life,
    ),
    (
        "unlinking a domain's DIPP, through the API",
        (
            "domain_ips_unlink_replacement_dipp_linked",
            "domain_ips_ip_pool_unlinks_dipp",
            "domain_ips_unlink_replacement_ip_assigned",
            "domain_ips_shared_assigns_shared_ip",
            "domain_ips_all_removes_domain_pool",
        ),
        unlinking,
    ),
    (
        "deleting linked DIPPs, through the API",
        (
            "dipp_delete_relinks_to_replacement",
            "dipp_delete_removes_pool",
            "dipp_delete_replacement_ip_assigned",
            "dipp_delete_shared_assigns_shared_ips",
        ),
        deleting,
    ),
    (
        "enrolling, leaving and overrides, through the API",
        (
            "dynamic_enroll_assigns_pool",
            "dynamic_unenroll_leaves_pools",
            "dynamic_unenroll_replacement_ip_assigned",
            "dynamic_unenroll_replacement_pool_linked",
            "dynamic_unenroll_shared_assigns_shared_ip",
            "dynamic_override_sets_pool",
            "dynamic_preview_names_pool",
            "dynamic_preview_does_not_set_band",
            "dynamic_override_removal_resumes_checks",
        ),
        enrolling,
    ),
    (
        "setting and changing the dynamic pools, through the API",
        (
            "dynamic_set_all_replaces_ips",
            "dynamic_update_applies_changes",
            "dynamic_add_ip_joins_pool",
            "dynamic_pools_hold_dedicated_owned_ips",
            "dynamic_set_all_ready_ip_per_pool",
        ),
        dynamic_pools,
    ),
    (
        "removing the dynamic pools, through the API",
        (
            "dynamic_remove_all_clears_pools",
            "dynamic_remove_all_keeps_dipps",
            "dynamic_enroll_needs_pools_configured",
        ),
        removing_pools,
    ),
    (
        "warm-up plans, through the API",
        ("warmup_create_starts_plan", "warmup_list_paginated", "warmup_cancel_ends_plan"),
        warming_up,
    ),
]
