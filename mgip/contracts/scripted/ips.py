"""Set-up scripts on the account's IPs: an IP put on, then taken off, every domain; and the last
IP of a domain on an account without shared IPs."""

from __future__ import annotations

from mgip.contracts.public_setup import NotApplicable
from mgip.contracts.scripted.base import (
    Context,
    _client,
    _dipp_linked,
    _domain_ips,
    _domains_of,
    _free_dedicated,
    _own_enrolled,
    _scenario,
    _settled,
    _target_of,
)

BULK = "ips_bulk_skips_dipp_linked_domains"


def an_ip_on_every_domain(ctx: Context) -> list[str]:
    """Put an IP on every domain, take it off every domain for an alternative, then take the
    alternative off every domain without one."""
    linked = _dipp_linked(ctx.client)
    own = {d.name for d in ctx.client.dynamic_pools.list_assignable_domains().items}
    own = (own | {d.name for d in _own_enrolled(ctx)}) - linked

    def linked_ips() -> dict[str, set[str]]:
        return {d: ips for d, ips in _domain_ips(ctx.client).items() if d in linked}

    linked_before = linked_ips()
    chosen = [*_free_dedicated(ctx), *ctx.client.ips.list_all().items]
    ip, alternative = chosen[0] if chosen else "", next((a for a in chosen if a != chosen[0]), "")
    if not own or not alternative:
        raise NotApplicable("the account needs domains and two IPs")
    problems = []
    ctx.client.ips.assign_to_all_domains(ip)
    if not _settled(ctx, lambda: own <= _domains_of(ctx.client, ip)):
        missing = sorted(own - _domains_of(ctx.client, ip))
        problems.append(f"ips_assign_all_adds_to_every_domain: {missing} did not get {ip}")
    if linked_ips() != linked_before:
        problems.append(f"{BULK}: assigning {ip} to all domains changed a DIPP-linked domain")
    had = _domains_of(ctx.client, ip)
    ctx.client.ips.remove_from_all_domains(ip, alternative=alternative)
    # A linked domain keeps what it had (the rule above); every other domain loses the IP.
    if not _settled(ctx, lambda: _domains_of(ctx.client, ip) <= linked):
        kept = sorted(_domains_of(ctx.client, ip) - linked)
        problems.append(f"ips_remove_all_clears_every_domain: {kept} still have {ip}")
    # Judged where the IP did go: a domain that kept it is the rule above's failure.
    lost = had - _domains_of(ctx.client, ip)
    if not lost <= _domains_of(ctx.client, alternative):
        missing = sorted(lost - _domains_of(ctx.client, alternative))
        problems.append(
            f"ips_remove_all_alternative_replaces: {missing} lost {ip}, did not get {alternative}"
        )
    ctx.client.ips.remove_from_all_domains(alternative)
    if not _settled(ctx, lambda: _domains_of(ctx.client, alternative) <= linked):
        kept = sorted(_domains_of(ctx.client, alternative) - linked)
        problems.append(f"ips_remove_all_clears_every_domain: {kept} still have {alternative}")
    if linked_ips() != linked_before:
        problems.append(f"{BULK}: removing IPs from all domains changed a DIPP-linked domain")
    return problems


# An account not eligible for shared IPs: one domain holds a single IP, another two.
LAST_IP = """
version: 1
accounts:
  - {name: lone, keys: [key-mgip-last-ip-check], features: {shared_ips: false}}
ips:
  - {address: 192.0.2.90, account: lone}
  - {address: 192.0.2.91, account: lone}
  - {address: 192.0.2.92, account: lone}
domains:
  - {name: only.test, account: lone, ips: [192.0.2.90]}
  - {name: pair.test, account: lone, ips: [192.0.2.90, 192.0.2.91]}
"""


def last_ip_kept(ctx: Context) -> list[str]:
    """Without shared IPs, removing an IP from all domains keeps it where it is the only IP, and
    an alternative takes its place there."""
    rule = "ips_remove_all_keeps_last_ip_without_shared"
    with _scenario(ctx, LAST_IP) as lone:
        client = _client(
            "key-mgip-last-ip-check", lone, _target_of(ctx), ctx.transport, ctx.headers
        )
        problems = []
        client.ips.remove_from_all_domains("192.0.2.90")
        if not _settled(ctx, lambda: "pair.test" not in _domains_of(client, "192.0.2.90")):
            problems.append("ips_remove_all_clears_every_domain: pair.test kept 192.0.2.90")
        if "only.test" not in _domains_of(client, "192.0.2.90"):
            problems.append(f"{rule}: only.test was left with no IP")
        client.ips.remove_from_all_domains("192.0.2.90", alternative="192.0.2.92")
        if not _settled(ctx, lambda: "only.test" in _domains_of(client, "192.0.2.92")):
            problems.append(f"{rule}: only.test did not get the alternative 192.0.2.92")
        return problems
