"""Set-up scripts on the account's IPs: an IP put on, then taken off, every domain."""

from __future__ import annotations

from mgip.contracts.public_setup import NotApplicable
from mgip.contracts.scripted.base import (
    Context,
    _domains_of,
    _free_dedicated,
    _own_enrolled,
    _settled,
)


def an_ip_on_every_domain(ctx: Context) -> list[str]:
    """Put an IP on every domain, take it off every domain for an alternative, then take the
    alternative off every domain without one."""
    own = {d.name for d in ctx.client.dynamic_pools.list_assignable_domains().items}
    own |= {d.name for d in _own_enrolled(ctx)}
    chosen = [*_free_dedicated(ctx), *ctx.client.ips.list_all().items]
    ip, alternative = chosen[0] if chosen else "", next((a for a in chosen if a != chosen[0]), "")
    if not own or not alternative:
        raise NotApplicable("the account needs domains and two IPs")
    problems = []
    ctx.client.ips.assign_to_all_domains(ip)
    if not _settled(ctx, lambda: own <= _domains_of(ctx.client, ip)):
        missing = sorted(own - _domains_of(ctx.client, ip))
        problems.append(f"ips_assign_all_adds_to_every_domain: {missing} did not get {ip}")
    had = _domains_of(ctx.client, ip)
    ctx.client.ips.remove_from_all_domains(ip, alternative=alternative)
    if not _settled(ctx, lambda: not _domains_of(ctx.client, ip)):
        kept = sorted(_domains_of(ctx.client, ip))
        problems.append(f"ips_remove_all_clears_every_domain: {kept} still have {ip}")
    # Judged where the IP did go: a domain that kept it is the rule above's failure.
    lost = had - _domains_of(ctx.client, ip)
    if not lost <= _domains_of(ctx.client, alternative):
        missing = sorted(lost - _domains_of(ctx.client, alternative))
        problems.append(
            f"ips_remove_all_alternative_replaces: {missing} lost {ip}, did not get {alternative}"
        )
    ctx.client.ips.remove_from_all_domains(alternative)
    if not _settled(ctx, lambda: not _domains_of(ctx.client, alternative)):
        kept = sorted(_domains_of(ctx.client, alternative))
        problems.append(f"ips_remove_all_clears_every_domain: {kept} still have {alternative}")
    return problems
