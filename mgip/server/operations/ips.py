"""IPs: the account's IP list, an IP's domains, bands and new dedicated IPs."""

from __future__ import annotations

import re
from typing import Any

from mailgun_ip_client.rules import Rule

from mgip.server import jobs
from mgip.server.model import Ip
from mgip.server.operations import Call, handles
from mgip.server.refusals import Refusal

# "The search query is split into words by whitespace and punctuation".
WORD_SEPARATORS = re.compile(r"[\s\W_]+")


def owned(call: Call, address: str, rule: Rule) -> Ip:
    return call.ip(address, Refusal.of(rule, address))


def is_warming(ip: Ip) -> bool:
    return ip.warmup is not None


def detail(ip: Ip) -> dict[str, Any]:
    # As the documented sample: `"is_on_warmup": true` for an IP on warm-up, no key otherwise.
    return {"ip": ip.address, "is_on_warmup": True} if is_warming(ip) else {"ip": ip.address}


@handles("listIps")
def list_ips(call: Call) -> dict[str, Any]:
    dedicated = call.query.get("dedicated")
    enabled = call.query.get("enabled")
    chosen = [
        ip
        for ip in call.world.account_ips(call.account)
        if (dedicated is None or ip.dedicated == dedicated)
        and (enabled is None or ip.enabled == enabled)
    ]
    answer: dict[str, Any] = {
        "items": [ip.address for ip in chosen],
        "total_count": len(chosen),
        "details": [detail(ip) for ip in chosen],
    }
    if call.account.features.dipps:
        answer["assignable_to_pools"] = [
            ip.address
            for ip in call.world.account_ips(call.account)
            if ip.dedicated
            and ip.account_id == call.account.id
            and call.world.dipp_holding(ip.address) is None
        ]
    return answer


@handles("getIp")
def get_ip(call: Call) -> dict[str, Any]:
    ip = call.ip(call.path["ip"], Refusal.of(Rule.IPS_DETAILS_IP_MUST_BELONG, call.path["ip"]))
    return {"ip": ip.address, "dedicated": ip.dedicated, "rdns": ip.rdns}


def matches_search(name: str, search: str) -> bool:
    words = [w for w in WORD_SEPARATORS.split(search.lower()) if w]
    return not words or any(word in name.lower() for word in words)


@handles("listIpDomains")
def list_ip_domains(call: Call) -> dict[str, Any]:
    address = call.path["ip"]
    owned(call, address, Rule.IPS_IP_MUST_BELONG_TO_ACCOUNT)
    skip, limit = call.query.get("skip", 0), call.query.get("limit")
    if skip < 0:
        raise Refusal.of(Rule.IPS_DOMAINS_PAGING_VALUES_VALID, "skip")
    if limit is not None and limit < 0:
        raise Refusal.of(Rule.IPS_DOMAINS_PAGING_VALUES_VALID, "limit")
    search = call.query.get("search") or ""
    matching = [
        domain
        for domain in call.world.account_domains(call.account)
        if address in domain.ips and matches_search(domain.name, search)
    ]
    window = matching[skip:] if limit is None else matching[skip : skip + limit]
    return {
        "items": [{"domain": d.name, "ips": list(d.ips)} for d in window],
        "total_count": len(matching),
    }


@handles("assignIpToAllDomains")
def assign_ip_to_all_domains(call: Call) -> dict[str, Any]:
    address = call.path["ip"]
    owned(call, address, Rule.IPS_IP_MUST_BELONG_TO_ACCOUNT)
    job = jobs.schedule(call.world, "assign_ip_everywhere", account_id=call.account.id, ip=address)
    return {"message": "started assigning the IP to all domains", "reference_id": job.id}


@handles("removeIpFromAllDomains")
def remove_ip_from_all_domains(call: Call) -> dict[str, Any]:
    address = call.path["ip"]
    owned(call, address, Rule.IPS_IP_MUST_BELONG_TO_ACCOUNT)
    alternative = call.query.get("alternative")
    if alternative is not None:
        if alternative == address:
            raise Refusal.of(Rule.IPS_REMOVE_ALL_ALTERNATIVE_VALID, "it is the IP being removed")
        if call.world.find_ip(call.account, alternative) is None:
            raise Refusal.of(
                Rule.IPS_REMOVE_ALL_ALTERNATIVE_VALID, f"{alternative!r} is not an account IP"
            )
    job = jobs.schedule(
        call.world,
        "remove_ip_everywhere",
        account_id=call.account.id,
        ip=address,
        alternative=alternative,
    )
    return {"message": "started removing the IP from all domains", "reference_id": job.id}


@handles("setIpBand")
def set_ip_band(call: Call) -> dict[str, Any]:
    if not call.account.features.ip_bands:
        raise Refusal.of(Rule.IPS_BAND_NEEDS_FEATURE)
    ip = owned(call, call.path["addr"], Rule.IPS_BAND_IP_MUST_BELONG)
    if not ip.dedicated:
        raise Refusal.of(Rule.IPS_BAND_IP_MUST_BE_DEDICATED, ip.address)
    band = str(call.body["ip_band"]).strip()
    if not band:
        raise Refusal.of(Rule.IPS_BAND_VALUE_REQUIRED)
    ip.band = band
    return {"message": f"IP {ip.address} placed in band {band!r}"}


def allowance(call: Call) -> int:
    dedicated = [
        ip for ip in call.world.ips.values() if ip.account_id == call.account.id and ip.dedicated
    ]
    return max(0, call.account.features.dedicated_ip_limit - len(dedicated))


@handles("getNewIpAllowance")
def get_new_ip_allowance(call: Call) -> dict[str, Any]:
    return {"allowed": {"dedicated": allowance(call), "shared": 0}}


@handles("requestNewIp")
def request_new_ip(call: Call) -> dict[str, Any]:
    if allowance(call) == 0:
        raise Refusal.of(
            Rule.IPS_NEW_IP_WITHIN_BILLING_LIMITS,
            f"the plan allows {call.account.features.dedicated_ip_limit} dedicated IPs",
        )
    address = call.world.allocate_address()
    call.world.ips[address] = Ip(address=address, account_id=call.account.id, dedicated=True)
    return {"message": f"IP {address} added to the account"}
