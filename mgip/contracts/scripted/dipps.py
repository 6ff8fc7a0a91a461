"""Set-up scripts on DIPPs (dedicated IP pools): a DIPP's life from creation to deletion, a DIPP
delegated to a subaccount, a linked DIPP deleted with each kind of replacement, and the pages of
a DIPP's domains."""

from __future__ import annotations

import contextlib

from mailgun_ip_client import ApiError, MailgunIp
from mailgun_ip_client.models import CreateDippForm, EditDippForm

from mgip.contracts.invariants import _next_token
from mgip.contracts.public_setup import NotApplicable
from mgip.contracts.scripted.base import (
    Context,
    _client,
    _domains_of,
    _linked,
    _scenario,
    _settled,
    _target_of,
)
from mgip.contracts.strictness import not_found_holds


def delegated_dipps(ctx: Context) -> list[str]:
    state = ctx.control.get("/mgip/state").json()
    names = {a["id"]: a["name"] for a in state["accounts"]}
    delegated = [
        p for p in state.get("dipps", []) if p.get("delegated_to") and p["id"] and not p["deleted"]
    ]
    delegated = [p for p in delegated if names.get(ctx.account_id) == p["account"]]
    if not delegated:
        raise NotApplicable("the account delegates no DIPP to a subaccount")
    pool = delegated[0]
    child = next(a for a in state["accounts"] if a["name"] == pool["delegated_to"][0])
    child_client = _client(
        child["keys"][0], child["id"], _target_of(ctx), ctx.transport, ctx.headers
    )
    in_dipps = {ip for p in state.get("dipps", []) for ip in p["ips"]}
    mine = names.get(ctx.account_id)
    free = [
        ip["address"]
        for ip in state.get("ips", [])
        if ip["account"] == mine and ip.get("dedicated", True) and ip["address"] not in in_dipps
    ]
    if not free:
        raise NotApplicable("no free dedicated IP to add to the delegated DIPP")
    problems = []
    listed = child_client.dipps.list_all().ip_pools
    if pool["id"] not in {p.pool_id for p in listed}:
        problems.append(f"dipp_list_covers_all_pools: {child['name']} does not list {pool['id']}")
    inherited = [p.pool_id for p in listed if p.is_inherited]
    if len(inherited) > 1:
        problems.append(f"dipp_at_most_one_inherited: {child['name']} inherits {inherited}")
    ctx.client.dipps.add_ip(pool["id"], free[0])

    def child_sees_ip() -> bool:
        pools = {p.pool_id: p for p in child_client.dipps.list_all().ip_pools}
        return pool["id"] in pools and free[0] in pools[pool["id"]].ips

    if not _settled(ctx, child_sees_ip):
        problems.append(f"dipp_add_ip_updates_subaccounts: {child['name']} never saw {free[0]}")
    child_linked = _linked(child_client, pool["id"])

    def child_domains_got_ip() -> bool:
        try:
            return child_linked <= _domains_of(child_client, free[0])
        except ApiError:  # the subaccount does not even have the IP
            return False

    if not _settled(ctx, child_domains_got_ip):
        problems.append(
            f"dipp_add_ip_updates_subaccounts: {child['name']}'s linked domains "
            f"{sorted(child_linked)} never got {free[0]}"
        )
    ctx.client.dipps.delete(pool["id"], ip="shared")

    def child_lost_pool() -> bool:
        return pool["id"] not in {p.pool_id for p in child_client.dipps.list_all().ip_pools}

    if not _settled(ctx, child_lost_pool):
        problems.append(f"dipp_delete_updates_subaccounts: {child['name']} still sees the DIPP")
    return problems


def dipp_lifecycle(ctx: Context) -> list[str]:
    """Create a DIPP, edit it, change a linked pool's IPs, delete the DIPP: each effect shows."""
    client = ctx.client
    pools = [p for p in client.dipps.list_all().ip_pools if not p.is_inherited]
    held = sorted({ip for p in pools for ip in p.ips})
    free = [ip for ip in client.ips.list_all(dedicated=True).items if ip not in held]
    if len(free) < 2 or not held:
        raise NotApplicable("fewer than two free dedicated IPs, or no IP in a DIPP")
    problems: list[str] = []
    with contextlib.suppress(ApiError):  # an IP already in a DIPP: refused, or pools overlap
        client.dipps.create(body=CreateDippForm(name="mgip-overlap", description="-", ip=held[:1]))
    owners: dict[str, str] = {}
    for pool in client.dipps.list_all().ip_pools:
        problems += [
            f"dipp_ip_in_one_pool: {ip} is in {owners[ip]}" for ip in pool.ips if ip in owners
        ]
        owners.update({ip: pool.pool_id for ip in pool.ips})
    form = CreateDippForm(name="mgip-lifecycle", description="made by mgip", ip=free[:1])
    created = client.dipps.create(body=form).pool_id
    details = client.dipps.get(created).details
    shown = (details.name, details.description, sorted(details.ips))
    if shown != (form.name, form.description, free[:1]):
        problems.append(f"dipp_create_returns_new_id: {created} shows {shown}")
    if created not in {p.pool_id for p in client.dipps.list_all().ip_pools}:
        problems.append(f"dipp_list_covers_all_pools: the new DIPP {created} is not listed")
    client.dipps.edit(created, body=EditDippForm(name="mgip-renamed", description="edited"))
    details = client.dipps.get(created).details
    if (details.name, details.description) != ("mgip-renamed", "edited"):
        problems.append(
            f"dipp_edit_applies_fields: {created} shows {details.name!r}, {details.description!r}"
        )
    own = {d.name for d in client.dynamic_pools.list_assignable_domains().items}
    linked = next((p.pool_id for p in pools if _linked(client, p.pool_id) & own), None)
    if linked is not None:
        problems += _linked_pool_ips(ctx, linked, _linked(client, linked) & own, free[1])
        # The account's own domains leave the pool; a subaccount's may still be linked to it.
        for name in sorted(_linked(client, linked) & own):
            client.ips.remove_domain_ip(name, "all")
        problems += _links_agree(client, linked)
    client.dipps.delete(created, ip=free[0])
    ctx.control.post("/mgip/jobs/settle")
    try:
        client.dipps.get(created)
        still = True
    except ApiError as missing:
        still = not not_found_holds(missing.status_code, ctx.strictness)[0]
    if still or created in {p.pool_id for p in client.dipps.list_all().ip_pools}:
        problems.append(f"dipp_delete_removes_pool: {created} is still there")
    return problems


def _links_agree(client: MailgunIp, pool_id: str) -> list[str]:
    listed = [p.is_linked for p in client.dipps.list_all().ip_pools if p.pool_id == pool_id]
    details = client.dipps.get(pool_id).details
    linked = _linked(client, pool_id)
    problems = []
    if details.is_linked != bool(linked):
        problems.append(
            f"dipp_is_linked_matches_linked_domains: {pool_id} is_linked {details.is_linked}, "
            f"linked_domains {sorted(linked)}"
        )
    if listed != [details.is_linked]:
        problems.append(
            f"dipp_list_is_linked_agrees: the list says is_linked {listed}, the details "
            f"{details.is_linked}"
        )
    return problems


def _linked_pool_ips(ctx: Context, pool_id: str, mine: set[str], ip: str) -> list[str]:
    """Add an IP to a linked DIPP by an edit, then remove it: the pool and its domains follow."""
    client, problems = ctx.client, []
    client.dipps.edit(pool_id, body=EditDippForm(add_ip=[ip]))
    if ip not in client.dipps.get(pool_id).details.ips:
        problems.append(f"dipp_edit_applies_fields: {ip} was not added to {pool_id}")
    if not _settled(ctx, lambda: mine <= _domains_of(client, ip)):
        problems.append(f"dipp_edit_ip_change_updates_domains: {sorted(mine)} never got {ip}")
    client.dipps.remove_ip(pool_id, ip)
    if ip in client.dipps.get(pool_id).details.ips:
        problems.append(f"dipp_remove_ip_leaves_pool: {ip} is still in {pool_id}")
    if not _settled(ctx, lambda: not mine & _domains_of(client, ip)):
        problems.append(f"dipp_remove_ip_updates_linked_domains: {sorted(mine)} kept {ip}")
    return problems


def deleting_linked_dipps(ctx: Context) -> list[str]:
    """Delete a linked DIPP with each kind of replacement in turn, from the scenario each time."""
    problems: list[str] = []
    for kind in ("pool", "ip", "shared"):
        ctx.control.post("/mgip/reset").raise_for_status()
        try:
            problems += _delete_linked(ctx, kind)
        except ApiError:
            continue  # a refused delete is for the rules of refusals to judge
    return problems


def _delete_linked(ctx: Context, kind: str) -> list[str]:
    pools = [p for p in ctx.client.dipps.list_all().ip_pools if not p.is_inherited]
    own = {d.name for d in ctx.client.dynamic_pools.list_assignable_domains().items}
    doomed = next((p.pool_id for p in pools if _linked(ctx.client, p.pool_id) & own), None)
    if doomed is None:
        raise NotApplicable("no DIPP of the account is linked to one of its domains")
    linked = _linked(ctx.client, doomed)
    mine = linked & own  # the domains whose IPs the account's own client can read
    others = [p.pool_id for p in pools if p.ips and p.pool_id != doomed]
    held = {ip for p in pools for ip in p.ips}
    free = [ip for ip in ctx.client.ips.list_all(dedicated=True).items if ip not in held]
    if kind == "pool" and others:
        ctx.client.dipps.delete(doomed, pool_id_query=others[0])
        if not _settled(ctx, lambda: linked <= _linked(ctx.client, others[0])):
            return [
                f"dipp_delete_relinks_to_replacement: {sorted(linked)} were not relinked to "
                f"{others[0]}"
            ]
    elif kind == "ip" and free:
        ctx.client.dipps.delete(doomed, ip=free[0])
        if not _settled(ctx, lambda: mine <= _domains_of(ctx.client, free[0])):
            return [f"dipp_delete_replacement_ip_assigned: {sorted(mine)} did not get {free[0]}"]
    elif kind == "shared":
        ctx.client.dipps.delete(doomed, ip="shared")

        def shared_everywhere() -> bool:
            shared = ctx.client.ips.list_all(dedicated=False).items
            return mine <= {n for ip in shared for n in _domains_of(ctx.client, ip)}

        if not _settled(ctx, shared_everywhere):
            return [
                f"dipp_delete_shared_assigns_shared_ips: {sorted(mine)} did not all get a shared IP"
            ]
    return []


# An account whose DIPP is linked to more domains than one page holds (limit is at least 10).
MANY_LINKED = "\n".join(
    [
        "version: 1",
        "accounts:",
        "  - {name: pager, keys: [key-mgip-paging-check]}",
        "ips:",
        "  - {address: 192.0.2.90, account: pager}",
        "dipps:",
        "  - {name: busy, account: pager, description: Linked to many domains, ips: [192.0.2.90]}",
        "domains:",
        *(f"  - {{name: d{n:02}.paging.test, account: pager, dipp: busy}}" for n in range(23)),
    ]
)


def dipp_domain_pages(ctx: Context) -> list[str]:
    """Follow the next links of a DIPP's domains at limit=10, over more than one page."""
    with _scenario(ctx, MANY_LINKED) as pager:
        client = _client(
            "key-mgip-paging-check", pager, _target_of(ctx), ctx.transport, ctx.headers
        )
        pool_id = ctx.control.get("/mgip/state").json()["dipps"][0]["id"]
        linked = _linked(client, pool_id)
        pages: list[list[str]] = []
        token: str | None = None
        for _ in range(len(linked) + 2):  # bounded, for links that loop
            answer = client.dipps.list_domains(
                pool_id, limit=10, **({"page": token} if token else {})
            )
            pages.append([d.name for d in answer.domains])
            next_url = answer.paging.next_
            token = _next_token(next_url if isinstance(next_url, str) else None)
            if token is None or not answer.domains:
                break
        problems = []
        if any(len(page) > 10 for page in pages):
            problems.append(
                f"dipp_domains_paginated: limit=10 gave pages of {[len(p) for p in pages]}"
            )
        names = [name for page in pages for name in page]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated or set(names) != linked:
            problems.append(
                f"dipp_domains_paginated: the pages repeat {repeated} and leave out "
                f"{sorted(linked - set(names))}"
            )
        return problems
