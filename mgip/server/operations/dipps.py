"""Dedicated IP pools (DIPPs): list, create, read, edit, delete, their domains and IPs."""

from __future__ import annotations

from typing import Any

from mailgun_ip_client.rules import Rule

from mgip.server import jobs
from mgip.server.model import Dipp, Domain
from mgip.server.operations import Call, handles, paginate
from mgip.server.refusals import Refusal


def require_feature(call: Call, rule: Rule) -> None:
    if not call.account.features.dipps:
        raise Refusal.of(rule)


def find(call: Call, pool_id: str | None = None) -> Dipp:
    wanted = call.path["pool_id"] if pool_id is None else pool_id
    dipp = call.world.find_dipp(call.account, wanted)
    if dipp is None:
        raise Refusal.of(Rule.DIPP_OBJECTS_EXIST, f"DIPP {wanted!r}")
    return dipp


def inherited(call: Call, dipp: Dipp) -> bool:
    return dipp.account_id != call.account.id


def summary(call: Call, dipp: Dipp) -> dict[str, Any]:
    return {
        "pool_id": dipp.id,
        "name": dipp.name,
        "description": dipp.description,
        "ips": list(dipp.ips),
        "is_linked": bool(call.world.linked_domains(dipp, call.account)),
        "is_inherited": inherited(call, dipp),
    }


def check_addable(call: Call, dipp: Dipp | None, addresses: list[str]) -> list[str]:
    """The addresses not yet in `dipp`, once each is known to be a free dedicated IP."""
    new = []
    creating = dipp is None  # the creation's own rule names the refusal (an inferred one)

    def refusal(rule: Rule, address: str, why: str) -> Refusal:
        if creating:
            return Refusal.of(Rule.DIPP_CREATE_IPS_FOLLOW_ADD_RULES, f"{address} {why}")
        return Refusal.of(rule, address)

    for address in dict.fromkeys(addresses):
        ip = call.ip(
            address, refusal(Rule.DIPP_ADDED_IP_MUST_BELONG, address, "is not an account IP")
        )
        if not ip.dedicated:
            raise refusal(Rule.DIPP_ADDED_IP_MUST_BE_DEDICATED, address, "is not dedicated")
        holder = call.world.dipp_holding(address)
        if holder is not None and holder is not dipp:
            raise refusal(Rule.DIPP_ADD_IP_NOT_IN_OTHER_DIPP, address, "is in another DIPP")
        if holder is None:
            new.append(address)
    return new


def ips_changed(call: Call, dipp: Dipp) -> None:
    if call.world.linked_domains(dipp, call.account) or dipp.delegated_to:
        jobs.schedule(call.world, "sync_dipp_domains", pool_id=dipp.id)


@handles("listDipps")
def list_dipps(call: Call) -> dict[str, Any]:
    return {
        "message": "success",
        "ip_pools": [summary(call, d) for d in call.world.visible_dipps(call.account)],
    }


@handles("createDipp")
def create_dipp(call: Call) -> dict[str, Any]:
    require_feature(call, Rule.DIPP_CREATE_NEEDS_FEATURE)
    name = str(call.body["name"]).strip()
    if not name:
        raise Refusal.of(Rule.DIPP_NAME_NOT_BLANK)
    addresses = check_addable(call, None, list(call.body.get("ip", [])))
    dipp = Dipp(
        id=call.world.new_id("dipp"),
        account_id=call.account.id,
        name=name,
        description=str(call.body["description"]),
        ips=addresses,
    )
    call.world.dipps[dipp.id] = dipp
    return {"message": "success", "pool_id": dipp.id}


@handles("getDipp")
def get_dipp(call: Call) -> dict[str, Any]:
    dipp = find(call)
    linked = call.world.linked_domains(dipp, call.account)
    details = summary(call, dipp)
    del details["is_inherited"]
    details["linked_domains"] = [d.name for d in linked]
    return {"message": "success", "details": details}


@handles("deleteDipp")
def delete_dipp(call: Call) -> dict[str, Any]:
    require_feature(call, Rule.DIPP_DELETE_NEEDS_FEATURE)
    dipp = find(call)
    ip, pool_id = call.query.get("ip"), call.query.get("pool_id")
    if inherited(call, dipp):
        if ip is not None:
            raise Refusal.of(Rule.DIPP_INHERITED_NO_IP_REPLACEMENT)
        raise Refusal.of(Rule.DIPP_INHERITED_NOT_DELETABLE)
    if ip is not None and pool_id is not None:
        raise Refusal.of(Rule.DIPP_DELETE_REPLACEMENTS_EXCLUSIVE, "ip and pool_id both given")
    if pool_id is not None:
        replacement = call.world.find_dipp(call.account, pool_id)
        if replacement is None:
            raise Refusal.of(Rule.DIPP_OBJECTS_EXIST, f"replacement DIPP {pool_id!r}")
        if replacement is dipp:
            raise Refusal.of(
                Rule.DIPP_DELETE_REPLACEMENTS_EXCLUSIVE, "a DIPP cannot replace itself"
            )
        if not replacement.ips:
            raise Refusal.of(Rule.DIPP_DELETE_REPLACEMENT_POOL_NOT_EMPTY, pool_id)
    elif ip == "shared":
        if not call.account.features.shared_ips:
            raise Refusal.of(Rule.DIPP_DELETE_SHARED_NEEDS_ELIGIBILITY)
    elif ip is not None:
        replacement_ip = call.ip(ip, Refusal.of(Rule.DIPP_OBJECTS_EXIST, f"replacement IP {ip!r}"))
        if not replacement_ip.dedicated:
            raise Refusal.of(Rule.DIPP_DELETE_REPLACEMENT_IP_DEDICATED, ip)
        holder = call.world.dipp_holding(ip)
        if holder is not None and holder is not dipp:
            raise Refusal.of(Rule.DIPP_DELETE_REPLACEMENT_IP_NOT_IN_DIPP, ip)
    elif dipp.ips:
        raise Refusal.of(Rule.DIPP_DELETE_REPLACEMENT_REQUIRED_IF_IPS)
    dipp.deleted = True
    jobs.schedule(
        call.world,
        "retire_dipp",
        pool_id=dipp.id,
        replacement_ip=ip,
        replacement_pool_id=pool_id,
    )
    return {"message": "started"}


@handles("editDipp")
def edit_dipp(call: Call) -> dict[str, Any]:
    require_feature(call, Rule.DIPP_EDIT_NEEDS_FEATURE)
    dipp = find(call)
    if inherited(call, dipp):
        raise Refusal.of(Rule.DIPP_INHERITED_NOT_EDITABLE)
    body = call.body
    if set(body.get("add_ip", [])) & set(body.get("remove_ip", [])):
        raise Refusal.of(Rule.DIPP_EDIT_CHANGES_CONSISTENT, "an IP")
    if set(body.get("link_domain", [])) & set(body.get("unlink_domain", [])):
        raise Refusal.of(Rule.DIPP_EDIT_CHANGES_CONSISTENT, "a domain")
    added = check_addable(call, dipp, list(body.get("add_ip", [])))
    removed = [a for a in dict.fromkeys(body.get("remove_ip", [])) if a in dipp.ips]
    to_link = [domain_by_id(call, i) for i in dict.fromkeys(body.get("link_domain", []))]
    to_unlink = [domain_by_id(call, i) for i in dict.fromkeys(body.get("unlink_domain", []))]
    to_link = [d for d in to_link if d.dipp_id != dipp.id]
    to_unlink = [d for d in to_unlink if d.dipp_id == dipp.id]
    name = body.get("name")
    description = body.get("description")
    if name is not None and not str(name).strip():
        raise Refusal.of(Rule.DIPP_NAME_NOT_BLANK)
    renamed = name is not None and name != dipp.name
    redescribed = description is not None and description != dipp.description
    if not (renamed or redescribed or added or removed or to_link or to_unlink):
        raise Refusal.of(Rule.DIPP_EDIT_WITHOUT_CHANGE_REJECTED)
    if renamed:
        dipp.name = str(name)
    if redescribed:
        dipp.description = str(description)
    dipp.ips = [a for a in dipp.ips if a not in removed] + added
    for domain in to_unlink:
        domain.dipp_id = None
    for domain in to_link:
        domain.dipp_id = dipp.id
    if added or removed or to_link:
        jobs.schedule(call.world, "sync_dipp_domains", pool_id=dipp.id)
    return {"message": "success"}


def domain_by_id(call: Call, domain_id: str) -> Domain:
    domain = call.world.domain_by_id(call.account, domain_id)
    if domain is None:
        raise Refusal.of(Rule.DIPP_OBJECTS_EXIST, f"domain with id {domain_id!r}")
    return domain


@handles("listDippDomains")
def list_dipp_domains(call: Call) -> dict[str, Any]:
    dipp = find(call)
    linked = call.world.linked_domains(dipp, call.account)
    page, paging = paginate(
        call, linked, int(call.query.get("limit", 10)), Rule.DIPP_DOMAINS_PAGE_TOKEN_ISSUED
    )
    return {"domains": [{"id": d.id, "name": d.name} for d in page], "paging": paging}


def add_ips(call: Call, addresses: list[str]) -> dict[str, Any]:
    require_feature(call, Rule.DIPP_ADD_IP_NEEDS_FEATURE)
    dipp = find(call)
    if inherited(call, dipp):
        raise Refusal.of(Rule.DIPP_INHERITED_ADD_IP_FORBIDDEN)
    if not addresses:
        raise Refusal.of(Rule.DIPP_ADD_IPS_NEEDS_AN_IP)
    new = check_addable(call, dipp, addresses)
    if new:
        dipp.ips.extend(new)
        ips_changed(call, dipp)
    # The documented samples of both adding operations: the domains follow in the background.
    return {"message": "started"}


@handles("addDippIp")
def add_dipp_ip(call: Call) -> dict[str, Any]:
    return add_ips(call, [call.path["ip"]])


@handles("addDippIps")
def add_dipp_ips(call: Call) -> dict[str, Any]:
    return add_ips(call, list(call.body["ips"]))


@handles("removeDippIp")
def remove_dipp_ip(call: Call) -> dict[str, Any]:
    require_feature(call, Rule.DIPP_REMOVE_IP_NEEDS_FEATURE)
    dipp = find(call)
    if inherited(call, dipp):
        raise Refusal.of(Rule.DIPP_INHERITED_REMOVE_IP_FORBIDDEN)
    address = call.path["ip"]
    if address not in dipp.ips:
        raise Refusal.of(Rule.DIPP_OBJECTS_EXIST, f"IP {address!r} in DIPP {dipp.id}")
    dipp.ips.remove(address)
    ips_changed(call, dipp)
    return {"message": "started"}
