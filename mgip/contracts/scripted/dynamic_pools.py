"""Set-up scripts on the Dynamic IP Pools themselves: set them all, change one, remove them."""

from __future__ import annotations

import contextlib

from mailgun_ip_client import ApiError
from mailgun_ip_client.models import SetDynamicPoolsForm, UpdateDynamicPoolForm

from mgip.contracts.public_setup import NotApplicable
from mgip.contracts.scripted.base import Context, _own_enrolled, _ready_free
from mgip.contracts.scripted.dynamic_domains import _leave_for_shared


def setting_the_pools(ctx: Context) -> list[str]:
    former = {ip for p in ctx.client.dynamic_pools.list_all().pools for ip in p.ips}
    in_dipps = {ip for p in ctx.client.dipps.list_all().ip_pools for ip in p.ips}
    listed = ctx.client.ips.list_all(dedicated=True, enabled=True)
    details = listed.details if isinstance(listed.details, list) else []
    warming = {d.ip for d in details if d.is_on_warmup is True}
    # Ready IPs, the pools' own last, so that their former members are given to no pool.
    ready = sorted(
        (ip for ip in listed.items if ip not in warming),
        key=lambda ip: (ip in former, ip in in_dipps, ip),
    )
    if len(ready) < 3 or former <= set(ready[:3]):
        raise NotApplicable("too few ready dedicated IPs besides the dynamic pools' own")
    wanted = dict(zip(("dynamic_good", "dynamic_poor", "dynamic_new"), ready[:3], strict=True))
    form = SetDynamicPoolsForm(
        good_reputation=[wanted["dynamic_good"]],
        poor_reputation=[wanted["dynamic_poor"]],
        new_senders=[wanted["dynamic_new"]],
    )
    ctx.client.dynamic_pools.set_all(body=form)
    shown = {p.name: sorted(p.ips) for p in ctx.client.dynamic_pools.list_all().pools}
    expected = {name: [ip] for name, ip in wanted.items()}
    return [] if shown == expected else [f"dynamic_set_all_replaces_ips: the pools are {shown}"]


def changing_a_pool(ctx: Context) -> list[str]:
    pools = {p.name: list(p.ips) for p in ctx.client.dynamic_pools.list_all().pools}
    name = next((n for n, ips in sorted(pools.items()) if ips), None)
    free = _ready_free(ctx)
    if name is None or not free:
        raise NotApplicable("no configured dynamic pool, or no free ready dedicated IP")
    problems = []
    # Every former member out, one ready IP in: the pool keeps a ready IP.
    form = UpdateDynamicPoolForm(add_ip=free[:1], remove_ip=pools[name])
    ctx.client.dynamic_pools.update(name, body=form)
    now = {p.name: sorted(p.ips) for p in ctx.client.dynamic_pools.list_all().pools}
    if now.get(name) != free[:1]:
        problems.append(f"dynamic_update_applies_changes: {name} holds {now.get(name)}")
    if len(free) > 1:
        ctx.client.dynamic_pools.add_ip(name, free[1])
        after = {p.name: list(p.ips) for p in ctx.client.dynamic_pools.list_all().pools}
        if free[1] not in after.get(name, []):
            problems.append(f"dynamic_add_ip_joins_pool: {name} holds {after.get(name)}")
    dedicated = set(ctx.client.ips.list_all(dedicated=True).items)
    shared = [ip for ip in ctx.client.ips.list_all().items if ip not in dedicated]
    if shared:
        with contextlib.suppress(ApiError):  # refused, or at least never in the pool
            ctx.client.dynamic_pools.update(name, body=UpdateDynamicPoolForm(add_ip=shared[:1]))
        held = [ip for p in ctx.client.dynamic_pools.list_all().pools for ip in p.ips]
        if any(ip not in dedicated for ip in held):
            problems.append(f"dynamic_pools_hold_dedicated_owned_ips: the pools hold {held}")
    return problems


def removing_the_pools(ctx: Context) -> list[str]:
    stuck = _leave_for_shared(ctx, [d.name for d in _own_enrolled(ctx)])
    if stuck:
        return stuck
    if ctx.client.dynamic_pools.list_domains().items:
        raise NotApplicable("a subaccount's domain is enrolled in the dynamic pools")

    def dipps() -> list[tuple[str, str, list[str]]]:
        listed = ctx.client.dipps.list_all().ip_pools
        return sorted((p.pool_id, p.name, sorted(p.ips)) for p in listed)

    before = dipps()
    ctx.client.dynamic_pools.remove_all()
    listing = ctx.client.dynamic_pools.list_all()
    left = {p.name: list(p.ips) for p in listing.pools}
    for key in ("good_reputation", "poor_reputation", "new_senders"):
        value = getattr(listing, key)
        left.update({key: value} if isinstance(value, list) and value else {})
    problems = [f"dynamic_remove_all_clears_pools: still listed: {left}"] if left else []
    after = dipps()
    if after != before:
        problems.append(f"dynamic_remove_all_keeps_dipps: the DIPPs went from {before} to {after}")
    return problems
