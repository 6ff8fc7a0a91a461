"""Removing IPs from a domain, or its whole pool, or unlinking its DIPP (two equivalent paths)."""

from __future__ import annotations

from typing import Any

from mailgun_ip_client.rules import Rule

from mgip.server.jobs import follow_dipp
from mgip.server.model import Domain, Ip, is_ip_address
from mgip.server.operations import Call, handles
from mgip.server.refusals import Refusal


@handles("removeDomainIp")
def remove_domain_ip(call: Call) -> dict[str, Any]:
    return remove(call)


@handles("removeDomainPoolIp")
def remove_domain_pool_ip(call: Call) -> dict[str, Any]:
    return remove(call)


def remove(call: Call) -> dict[str, Any]:
    value = call.path["ip"]
    if value not in ("all", "ip_pool") and not is_ip_address(value):
        raise Refusal.of(Rule.DOMAIN_IPS_PATH_VALUE_KINDS, repr(value))
    domain = call.domain(Rule.DOMAIN_IPS_OBJECTS_EXIST)
    if value == "ip_pool":
        return unlink(call, domain)
    if value == "all":
        # "Such domain will no longer exist" for IP management: left enrolled in a dynamic pool,
        # the next health check would hand it the pool's IPs again.
        domain.ips = []
        domain.dipp_id = None
        domain.pool = None
        domain.override = False
        return {"message": f"the IP pool of {domain.name} was removed"}
    return remove_address(call, domain, value)


def remove_address(call: Call, domain: Domain, address: str) -> dict[str, Any]:
    if domain.dipp_id is not None:
        raise Refusal.of(Rule.DOMAIN_IPS_NO_IP_CHANGE_WHILE_DIPP_LINKED, domain.name)
    if address not in domain.ips:
        raise Refusal.of(Rule.DOMAIN_IPS_OBJECTS_EXIST, f"IP {address} on domain {domain.name}")
    remaining = [a for a in domain.ips if a != address]
    if not call.account.features.shared_ips:
        if not remaining:
            raise Refusal.of(Rule.DOMAIN_IPS_LAST_IP_KEPT_WITHOUT_SHARED, domain.name)
        extra = extra_ip_if_all_warming(call, remaining, address)
        if extra is not None:
            remaining.append(extra)
    domain.ips = remaining
    return {"message": f"IP {address} removed from {domain.name}"}


def extra_ip_if_all_warming(call: Call, remaining: list[str], removed: str) -> str | None:
    """A ready dedicated IP to add when every dedicated IP the domain keeps is warming up."""
    world = call.world
    kept: list[Ip] = [world.ips[a] for a in remaining if a in world.ips and world.ips[a].dedicated]
    if not kept or any(ip.warmup is None for ip in kept):
        return None
    for ip in world.account_ips(call.account):
        if (
            ip.dedicated
            and ip.enabled
            and ip.warmup is None
            and ip.address not in remaining
            and ip.address != removed
            and world.dipp_holding(ip.address) is None
            and world.dynamic_pool_holding(call.account, ip.address) is None
        ):
            return ip.address
    return None


def unlink(call: Call, domain: Domain) -> dict[str, Any]:
    if not call.account.features.dipps:
        raise Refusal.of(Rule.DOMAIN_IPS_UNLINK_NEEDS_DIPPS)
    ip, pool_id = call.query.get("ip"), call.query.get("pool_id")
    if ip is None and pool_id is None:
        raise Refusal.of(Rule.DOMAIN_IPS_UNLINK_REPLACEMENT_REQUIRED)
    if ip is not None and pool_id is not None:
        raise Refusal.of(Rule.DOMAIN_IPS_UNLINK_REPLACEMENTS_EXCLUSIVE)
    if domain.dipp_id is None:
        raise Refusal.of(Rule.DOMAIN_IPS_UNLINK_NEEDS_LINKED_DIPP, f"{domain.name} has none")
    if ip == "shared":
        if not call.account.features.shared_ips:
            raise Refusal.of(Rule.DOMAIN_IPS_SHARED_NEEDS_ELIGIBILITY)
        domain.dipp_id = None
        domain.ips = [call.world.shared_ip_for(call.account)]
    elif ip is not None:
        call.ip(ip, Refusal.of(Rule.DOMAIN_IPS_OBJECTS_EXIST, f"replacement IP {ip!r}"))
        domain.dipp_id = None
        domain.ips = [ip]
    else:
        assert pool_id is not None
        replacement = call.world.find_dipp(call.account, pool_id)
        if replacement is None:
            raise Refusal.of(Rule.DOMAIN_IPS_OBJECTS_EXIST, f"DIPP {pool_id!r}")
        if replacement.id == domain.dipp_id:
            raise Refusal.of(
                Rule.DOMAIN_IPS_UNLINK_NEEDS_LINKED_DIPP, f"{domain.name} is linked to {pool_id}"
            )
        domain.dipp_id = replacement.id
        follow_dipp(call.world, domain)
    return {"message": f"the DIPP was unlinked from {domain.name}"}
