"""Dynamic IP Pools: configuration, enrollment, health-check placement, overrides and history."""

from __future__ import annotations

import re
from typing import Any

from mailgun_ip_client.rules import Rule

from mgip.server import health, jobs
from mgip.server.jobs import follow_dipp
from mgip.server.model import (
    POOL_KEYS,
    POOL_NAMES,
    Account,
    Domain,
    DynamicPool,
    Ip,
)
from mgip.server.operations import Call, handles
from mgip.server.refusals import Refusal

ACCOUNT_ID = re.compile(r"^[0-9a-f]{24}$")


def feature_on(call: Call) -> bool:
    return call.world.pools_owner(call.account).features.dynamic_pools


def require_feature(call: Call, rule: Rule = Rule.DYNAMIC_CONFIGURE_NEEDS_FEATURE) -> None:
    if not feature_on(call):
        raise Refusal.of(rule)


def require_pool_owner(call: Call) -> None:
    require_feature(call)
    if call.account.parent_id is not None:
        raise Refusal.of(Rule.DYNAMIC_CONFIGURE_PARENT_ONLY)


def configured(call: Call) -> bool:
    return any(pool.ips for pool in call.world.pools_of(call.account).values())


def find_pool(call: Call) -> DynamicPool:
    name = call.path["pool_name"]
    pool = call.world.pools_of(call.account).get(name)
    if pool is None:
        raise Refusal.of(Rule.DYNAMIC_POOL_NAME_MUST_EXIST, repr(name))
    return pool


def pool_domains_follow(call: Call) -> None:
    for domain in call.world.enrolled_domains(call.world.pools_owner(call.account)):
        health.follow_pool(call.world, domain)


# --- enrollment -----------------------------------------------------------------------------


@handles("enrollDomain")
def enroll_domain(call: Call) -> dict[str, Any]:
    require_feature(call, Rule.DYNAMIC_ENROLL_NEEDS_FEATURE)
    domain = call.domain(Rule.DYNAMIC_OBJECTS_EXIST)
    replacement = call.query.get("replacement_ip")
    if (
        replacement is not None
        and replacement != "shared"
        and call.world.find_ip(call.account, replacement) is None
    ):
        raise Refusal.of(
            Rule.DYNAMIC_REQUEST_VALUES_VALID,
            f"replacement_ip {replacement!r} is neither 'shared' nor an account IP",
        )
    if not configured(call):
        raise Refusal.of(Rule.DYNAMIC_ENROLL_NEEDS_POOLS_CONFIGURED)
    if domain.enrolled:
        return {"message": "success"}
    if domain.dipp_id is not None:
        raise Refusal.of(Rule.DYNAMIC_ENROLL_DIPP_LINKED_REFUSED, domain.name)
    verdict = health.assess(domain.metrics, call.world.settings.health)
    health.place(call.world, domain, verdict.pool, "enrolled", call.requestor)
    return {"message": "success"}


@handles("unenrollDomain")
def unenroll_domain(call: Call) -> dict[str, Any]:
    require_feature(call)
    domain = call.domain(Rule.DYNAMIC_OBJECTS_EXIST)
    replacement_ips: list[str] = list(call.query.get("replacement_ip") or [])
    pool_id = call.query.get("replacement_pool_id")
    if not replacement_ips and pool_id is None:
        raise Refusal.of(Rule.DYNAMIC_UNENROLL_REPLACEMENT_REQUIRED)
    if replacement_ips and pool_id is not None:
        raise Refusal.of(Rule.DYNAMIC_UNENROLL_REPLACEMENTS_EXCLUSIVE)
    if not domain.enrolled:
        raise Refusal.of(Rule.DYNAMIC_DOMAIN_MUST_BE_ENROLLED, domain.name)
    if pool_id is not None:
        dipp = call.world.find_dipp(call.account, pool_id)
        if dipp is None:
            raise Refusal.of(Rule.DYNAMIC_UNENROLL_REPLACEMENT_POOL_EXISTS, repr(pool_id))
        leave_pools(domain)
        domain.dipp_id = dipp.id
        follow_dipp(call.world, domain)
        return {"message": "success"}
    new_ips = replacement_addresses(call, replacement_ips)
    leave_pools(domain)
    domain.ips = new_ips
    return {"message": "success"}


def replacement_addresses(call: Call, values: list[str]) -> list[str]:
    several = len(values) > 1
    if "shared" in values:
        if several:
            raise Refusal.of(
                Rule.DYNAMIC_UNENROLL_MULTIPLE_IPS_DEDICATED, "'shared' given with IPs"
            )
        if not call.account.features.shared_ips:
            raise Refusal.of(Rule.DYNAMIC_UNENROLL_SHARED_NEEDS_ELIGIBILITY)
        return [call.world.shared_ip_for(call.account)]
    chosen: list[Ip] = [
        call.ip(v, Refusal.of(Rule.DYNAMIC_OBJECTS_EXIST, f"replacement IP {v!r}"))
        for v in dict.fromkeys(values)
    ]
    for ip in chosen:
        if several and not ip.dedicated:
            raise Refusal.of(Rule.DYNAMIC_UNENROLL_MULTIPLE_IPS_DEDICATED, ip.address)
        if call.world.dipp_holding(ip.address) is not None:
            raise Refusal.of(Rule.DYNAMIC_UNENROLL_IP_NOT_IN_DIPP, ip.address)
        if call.world.dynamic_pool_holding(call.account, ip.address) is not None:
            raise Refusal.of(Rule.DYNAMIC_UNENROLL_IP_NOT_IN_DYNAMIC_POOL, ip.address)
    return [ip.address for ip in chosen]


def leave_pools(domain: Domain) -> None:
    domain.pool = None
    domain.override = False


@handles("listAssignableDomains")
def list_assignable_domains(call: Call) -> dict[str, Any]:
    scope: Account = call.account
    subaccount_id = call.query.get("subaccount_id")
    if subaccount_id is not None:
        if not ACCOUNT_ID.match(subaccount_id):
            raise Refusal.of(Rule.DYNAMIC_ASSIGNABLE_SUBACCOUNT_ID_VALID, repr(subaccount_id))
        found = [a for a in call.world.subaccounts(call.account) if a.id == subaccount_id]
        if not found:
            raise Refusal.of(Rule.DYNAMIC_OBJECTS_EXIST, f"subaccount {subaccount_id!r}")
        scope = found[0]
    pattern = call.query.get("domain")
    try:
        regex = re.compile(pattern) if pattern else None
    except re.error as exc:
        raise Refusal.of(
            Rule.DYNAMIC_REQUEST_VALUES_VALID, f"domain is not a valid regular expression: {exc}"
        ) from None
    return {
        "items": [
            {"id": d.id, "account_id": d.account_id, "name": d.name}
            for d in call.world.account_domains(scope)
            if not d.enrolled and (regex is None or regex.search(d.name))
        ]
    }


@handles("enrollAllDomains")
def enroll_all_domains(call: Call) -> dict[str, Any]:
    require_feature(call, Rule.DYNAMIC_ENROLL_ALL_NEEDS_FEATURE)
    if call.account.parent_id is not None:
        raise Refusal.of(Rule.DYNAMIC_ENROLL_ALL_PARENT_ONLY)
    if not configured(call):
        raise Refusal.of(Rule.DYNAMIC_ENROLL_ALL_NEEDS_POOLS_CONFIGURED)
    jobs.schedule(
        call.world,
        "enroll_all",
        account_id=call.account.id,
        include_subaccounts=bool(call.query.get("include_subaccounts", False)),
        initiated_by=call.requestor,
    )
    return {"message": "started"}  # the documented sample


# --- pool configuration ---------------------------------------------------------------------


@handles("listDynamicPools")
def list_dynamic_pools(call: Call) -> dict[str, Any]:
    # "the list of IPs belonging to each of the account's Dynamic IP Pools": the pools are the
    # parent's, configured with the parent's IPs, which a subaccount's key never sees listed
    # (GET /v3/ips does not show them either). A subaccount's domains are still placed in them.
    owner = call.world.pools_owner(call.account)
    pools = call.world.pools_of(call.account) if owner is call.account else {}
    answer: dict[str, Any] = {
        key: list(pools[name].ips) if name in pools else [] for name, key in POOL_KEYS.items()
    }
    answer["pools"] = [
        {
            "id": pool.id,
            "account_id": pool.account_id,
            "name": pool.name,
            "enabled": pool.enabled,
            "ips": list(pool.ips),
        }
        for pool in pools.values()
    ]
    return answer


def pool_ip(call: Call, address: str, owned_rule: Rule, dedicated_rule: Rule) -> Ip:
    ip = call.ip(address, Refusal.of(owned_rule, f"{address} is not an account IP"))
    if not ip.dedicated:
        raise Refusal.of(dedicated_rule, f"{address} is not dedicated")
    return ip


def ready(call: Call, addresses: list[str]) -> bool:
    return any(call.world.ips[a].warmup is None for a in addresses if a in call.world.ips)


@handles("setDynamicPools")
def set_dynamic_pools(call: Call) -> dict[str, Any]:
    require_pool_owner(call)
    wanted = {name: list(dict.fromkeys(call.body[key])) for name, key in POOL_KEYS.items()}
    seen: dict[str, str] = {}
    for name, addresses in wanted.items():
        for address in addresses:
            pool_ip(
                call, address, Rule.DYNAMIC_SET_ALL_IPS_OWNED, Rule.DYNAMIC_SET_ALL_IPS_DEDICATED
            )
            if address in seen:
                raise Refusal.of(
                    Rule.DYNAMIC_IP_IN_ONE_POOL, f"{address} given for {seen[address]} and {name}"
                )
            seen[address] = name
    for name, addresses in wanted.items():
        if not ready(call, addresses):
            raise Refusal.of(Rule.DYNAMIC_SET_ALL_READY_IP_PER_POOL, name)
    existing = call.world.dynamic_pools.setdefault(call.account.id, {})
    for name in POOL_NAMES:
        pool = existing.get(name)
        if pool is None:
            pool = DynamicPool(
                id=call.world.new_id("dynamic_pool"),
                account_id=call.account.id,
                name=name,
                ips=[],
            )
            existing[name] = pool
        pool.ips = wanted[name]
    pool_domains_follow(call)
    # The documented sample answers with the pools' IPs, by the form field that set them.
    return {key: list(existing[name].ips) for name, key in POOL_KEYS.items()}


@handles("removeDynamicPools")
def remove_dynamic_pools(call: Call) -> dict[str, Any]:
    require_pool_owner(call)
    enrolled = list(call.world.enrolled_domains(call.account))
    if enrolled:
        raise Refusal.of(
            Rule.DYNAMIC_REMOVE_ALL_NEEDS_UNENROLLED, ", ".join(d.name for d in enrolled[:5])
        )
    call.world.dynamic_pools.pop(call.account.id, None)
    return {"message": "success"}


@handles("addDynamicPoolIp")
def add_dynamic_pool_ip(call: Call) -> dict[str, Any]:
    require_pool_owner(call)
    pool = find_pool(call)
    address = call.path["ip"]
    pool_ip(call, address, Rule.DYNAMIC_ADD_IP_OWNED, Rule.DYNAMIC_ADD_IP_DEDICATED)
    holder = call.world.dynamic_pool_holding(call.account, address)
    if holder is not None and holder is not pool:
        raise Refusal.of(Rule.DYNAMIC_IP_IN_ONE_POOL, f"{address} is in {holder.name}")
    if holder is None:
        pool.ips.append(address)
        pool_domains_follow(call)
    return {"message": "success"}


@handles("updateDynamicPool")
def update_dynamic_pool(call: Call) -> dict[str, Any]:
    require_pool_owner(call)
    pool = find_pool(call)
    added = list(dict.fromkeys(call.body.get("add_ip", [])))
    removed = set(call.body.get("remove_ip", []))
    if not added and not removed:
        raise Refusal.of(Rule.DYNAMIC_UPDATE_NEEDS_CHANGE)
    for address in added:
        pool_ip(
            call, address, Rule.DYNAMIC_UPDATE_ADDED_IPS_VALID, Rule.DYNAMIC_UPDATE_ADDED_IPS_VALID
        )
        holder = call.world.dynamic_pool_holding(call.account, address)
        if holder is not None and holder is not pool:
            raise Refusal.of(Rule.DYNAMIC_IP_IN_ONE_POOL, f"{address} is in {holder.name}")
    if set(added) & removed:
        raise Refusal.of(Rule.DYNAMIC_UPDATE_ADDED_IPS_VALID, "an IP is both added and removed")
    result = [a for a in pool.ips if a not in removed] + [a for a in added if a not in pool.ips]
    if not ready(call, result):
        raise Refusal.of(Rule.DYNAMIC_UPDATE_KEEPS_READY_IP, pool.name)
    pool.ips = result
    pool_domains_follow(call)
    return {"message": "success"}
