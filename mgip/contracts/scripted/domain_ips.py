"""Set-up scripts on a domain's IPs: a domain left with only warming IPs, and a domain's DIPP
unlinked with each kind of replacement."""

from __future__ import annotations

from mailgun_ip_client import ApiError

from mgip.contracts.public_setup import NotApplicable
from mgip.contracts.scripted.base import (
    Context,
    _client,
    _domains_of,
    _free_dedicated,
    _linked,
    _scenario,
    _target_of,
)

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
    with _scenario(ctx, ALL_WARMING) as warm:
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


def unlinking_a_dipp(ctx: Context) -> list[str]:
    """Unlink a domain's DIPP with each kind of replacement in turn, then remove its whole pool,
    from the scenario each time."""
    problems: list[str] = []
    for kind in ("pool", "ip", "shared", "all"):
        ctx.control.post("/mgip/reset").raise_for_status()
        pools = [p.pool_id for p in ctx.client.dipps.list_all().ip_pools if not p.is_inherited]
        own = {d.name for d in ctx.client.dynamic_pools.list_assignable_domains().items}
        found = [(p, n) for p in pools for n in sorted(_linked(ctx.client, p) & own)]
        if not found:
            raise NotApplicable("no domain of the account is linked to one of its DIPPs")
        old, name = found[0]
        others, free = [p for p in pools if p != old], _free_dedicated(ctx)
        try:
            if kind == "pool" and others:
                ctx.client.ips.remove_domain_ip(name, "ip_pool", pool_id=others[0])
                if name not in _linked(ctx.client, others[0]):
                    problems.append(
                        f"domain_ips_unlink_replacement_dipp_linked: {name} is not linked to "
                        f"{others[0]}"
                    )
            elif kind == "ip" and free:
                ctx.client.ips.remove_domain_ip(name, "ip_pool", ip_query=free[0])
                if name not in _domains_of(ctx.client, free[0]):
                    problems.append(
                        f"domain_ips_unlink_replacement_ip_assigned: {name} did not get {free[0]}"
                    )
            elif kind == "shared":
                ctx.client.ips.remove_domain_ip(name, "ip_pool", ip_query="shared")
                shared = ctx.client.ips.list_all(dedicated=False).items
                if not any(name in _domains_of(ctx.client, ip) for ip in shared):
                    problems.append(f"domain_ips_shared_assigns_shared_ip: {name} has no shared IP")
            elif kind == "all":
                ctx.client.ips.remove_domain_ip(name, "all")
                kept = [
                    ip
                    for ip in ctx.client.ips.list_all().items
                    if name in _domains_of(ctx.client, ip)
                ]
                still = [p for p in pools if name in _linked(ctx.client, p)]
                if kept or still:
                    problems.append(
                        f"domain_ips_all_removes_domain_pool: {name} keeps IPs {kept}, "
                        f"DIPPs {still}"
                    )
                continue
            else:
                continue
        except ApiError:
            continue  # a refusal is for the rules of refusals to judge
        if name in _linked(ctx.client, old):
            problems.append(f"domain_ips_ip_pool_unlinks_dipp: {old} still lists {name} ({kind})")
    return problems
