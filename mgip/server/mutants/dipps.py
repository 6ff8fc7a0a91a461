"""Rule mutants of the DIPP state invariants, side effects and asynchronous effects.

Each one is a bug a real implementation could have: a list that leaves a pool out, a scope that
forgets the subaccounts, a background job that is never scheduled or does half its work. They
wrap the DIPP handlers or the `retire_dipp` job; the correct server's code is left as it is.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from mailgun_ip_client.rules import Rule

from mgip.server import jobs
from mgip.server.model import Dipp, World
from mgip.server.mutants import (
    Mutant,
    Patch,
    Wrap,
    afterwards,
    answers,
    instead,
    register,
    with_inputs,
)
from mgip.server.operations import Call, Handler, page_offset, paginate
from mgip.server.operations import dipps as ops

PAGE_RULE = Rule.DIPP_DOMAINS_PAGE_TOKEN_ISSUED

# A broken `retire_dipp` job: it gets the correct job, the world and the job's arguments.
RetireChange = Callable[[jobs.Effect, World, dict[str, Any]], None]


# --- helpers ----------------------------------------------------------------------------------
def _pool(call: Call) -> Dipp | None:
    return call.world.find_dipp(call.account, call.path.get("pool_id", ""))


def _drop_sync(world: World, pool_id: str) -> None:
    """Forget the pending job that would make the pool's linked domains follow its IPs."""
    world.jobs = [
        job
        for job in world.jobs
        if not (job.kind == "sync_dipp_domains" and job.args.get("pool_id") == pool_id)
    ]


def _around(prepare: Callable[[Call], Any], finish: Callable[[Call, Any], None]) -> Wrap:
    """A wrapper that notes something before a successful call and changes the state after it."""

    def wrap(handler: Handler) -> Handler:
        def mutated(call: Call) -> Any:
            noted = prepare(call)
            payload = handler(call)
            finish(call, noted)
            return payload

        return mutated

    return wrap


def _retire_patch(change: RetireChange) -> tuple[Patch, ...]:
    """Replace the `retire_dipp` job with `change(original, world, args)`."""
    original = jobs.EFFECTS["retire_dipp"]

    def effect(world: World, args: dict[str, Any]) -> None:
        change(original, world, args)

    return ((jobs.EFFECTS, "retire_dipp", effect),)


# --- state invariants ---------------------------------------------------------------------------
def _last_pool_dropped(_call: Call, answer: Any) -> Any:
    # Off by one: the loop over the pools stops before the last (newest) one.
    return {**answer, "ip_pools": answer["ip_pools"][:-1]}


register(
    Mutant(
        name="dipp_list_covers_all_pools.last_pool_dropped",
        breaks="the DIPP list leaves out the account's newest pool",
        rules=("dipp_list_covers_all_pools",),
        wraps=lambda: {"listDipps": answers(_last_pool_dropped)},
    )
)


def _parent_pools_inherited(call: Call, answer: Any) -> Any:
    # A subaccount is shown every pool of its parent, not only the one delegated to it.
    parent = call.world.accounts.get(call.account.parent_id or "")
    if parent is None:
        return answer
    listed = {p["pool_id"] for p in answer["ip_pools"]}
    extra = [
        ops.summary(call, d)
        for d in call.world.visible_dipps(parent)
        if d.account_id == parent.id and d.id not in listed
    ]
    return {**answer, "ip_pools": [*answer["ip_pools"], *extra]}


register(
    Mutant(
        name="dipp_at_most_one_inherited.all_parent_pools",
        breaks="a subaccount's DIPP list shows every pool of its parent as inherited",
        rules=("dipp_at_most_one_inherited",),
        wraps=lambda: {"listDipps": answers(_parent_pools_inherited)},
    )
)


def _own_links_only(call: Call, dipp: Dipp) -> bool:
    return any(
        d.account_id == call.account.id for d in call.world.linked_domains(dipp, call.account)
    )


def _list_own_links(call: Call, answer: Any) -> Any:
    # The list's is_linked looks at the account's own domains, not its subaccounts'.
    pools = []
    for item in answer["ip_pools"]:
        dipp = call.world.find_dipp(call.account, item["pool_id"])
        pools.append({**item, "is_linked": dipp is not None and _own_links_only(call, dipp)})
    return {**answer, "ip_pools": pools}


register(
    Mutant(
        name="dipp_list_is_linked_agrees.list_own_domains_only",
        breaks="the DIPP list's is_linked ignores subaccount domains linked to the pool",
        rules=("dipp_list_is_linked_agrees",),
        wraps=lambda: {"listDipps": answers(_list_own_links)},
    )
)


def _details_own_links(call: Call, answer: Any) -> Any:
    # The details' is_linked looks at the account's own domains, linked_domains at all of them.
    dipp = _pool(call)
    if dipp is None:
        return answer
    return {**answer, "details": {**answer["details"], "is_linked": _own_links_only(call, dipp)}}


register(
    Mutant(
        name="dipp_is_linked_matches_linked_domains.own_domains_only",
        breaks="DIPP details say is_linked false while linked_domains names a subaccount domain",
        rules=("dipp_is_linked_matches_linked_domains",),
        wraps=lambda: {"getDipp": answers(_details_own_links)},
    )
)


_correct_summary = ops.summary


def _summary_with_shared_fallback(call: Call, dipp: Dipp) -> dict[str, Any]:
    # A pool without IPs is shown with the shared IP its domains would fall back to.
    details = _correct_summary(call, dipp)
    if not details["ips"]:
        shared = [ip.address for ip in call.world.account_ips(call.account) if not ip.dedicated]
        details["ips"] = shared[:1]
    return details


register(
    Mutant(
        name="dipp_holds_only_dedicated_ips.empty_pool_shows_shared",
        breaks="a DIPP without IPs is reported holding the account's shared IP",
        rules=("dipp_holds_only_dedicated_ips",),
        patches=lambda: ((ops, "summary", _summary_with_shared_fallback),),
    )
)


def _create_ignoring_other_pools(handler: Handler) -> Handler:
    # createDipp checks only that each IP is a dedicated IP of the account, not that it is free.
    def mutated(call: Call) -> Any:
        wanted = list(dict.fromkeys(call.body.get("ip", [])))
        held = [
            a
            for a in wanted
            if call.world.dipp_holding(a) is not None
            and (ip := call.world.find_ip(call.account, a)) is not None
            and ip.dedicated
        ]
        rest = [a for a in wanted if a not in held]
        payload = handler(with_inputs(call, body={**call.body, "ip": rest}))
        created = call.world.dipps[payload["pool_id"]]
        created.ips = [a for a in wanted if a in held or a in created.ips]
        return payload

    return mutated


register(
    Mutant(
        name="dipp_ip_in_one_pool.create_takes_held_ips",
        breaks="createDipp puts IPs that are already in another DIPP into the new pool as well",
        rules=("dipp_ip_in_one_pool",),
        wraps=lambda: {"createDipp": _create_ignoring_other_pools},
    )
)


# --- side effects -------------------------------------------------------------------------------
def _description_dropped(call: Call, answer: Any) -> None:
    call.world.dipps[answer["pool_id"]].description = ""


register(
    Mutant(
        name="dipp_create_returns_new_id.description_dropped",
        breaks="createDipp stores the new pool without the description it was given",
        rules=("dipp_create_returns_new_id",),
        wraps=lambda: {"createDipp": afterwards(_description_dropped)},
    )
)


def _keep_pool(original: jobs.Effect, world: World, args: dict[str, Any]) -> None:
    # The job relinks the domains but never removes the pool itself.
    dipp = world.dipps.get(args["pool_id"])
    original(world, args)
    if dipp is not None:
        dipp.deleted, dipp.delegated_to = False, []
        world.dipps[dipp.id] = dipp


register(
    Mutant(
        name="dipp_delete_removes_pool.pool_kept",
        breaks="deleting a DIPP moves its domains to the replacement but leaves the pool listed",
        rules=("dipp_delete_removes_pool",),
        patches=lambda: _retire_patch(_keep_pool),
    )
)


def _subaccounts_keep_pool(original: jobs.Effect, world: World, args: dict[str, Any]) -> None:
    # The job hides the pool from its owner only: subaccounts it was delegated to keep it.
    dipp = world.dipps.get(args["pool_id"])
    if dipp is None:
        original(world, args)
        return
    delegated, dipp.delegated_to = dipp.delegated_to, []
    original(world, args)
    dipp.ips, dipp.delegated_to, dipp.deleted = [], delegated, True
    world.dipps[dipp.id] = dipp


register(
    Mutant(
        name="dipp_delete_updates_subaccounts.subaccounts_keep_pool",
        breaks="a deleted DIPP stays inherited by the subaccounts it was delegated to",
        rules=("dipp_delete_updates_subaccounts",),
        patches=lambda: _retire_patch(_subaccounts_keep_pool),
    )
)


def _replacement_ips_only(original: jobs.Effect, world: World, args: dict[str, Any]) -> None:
    # The domains get the replacement pool's IPs but are not linked to it.
    moved = [d for d in world.domains.values() if d.dipp_id == args["pool_id"]]
    original(world, args)
    if world.dipps.get(args.get("replacement_pool_id") or "") is not None:
        for domain in moved:
            domain.dipp_id = None


register(
    Mutant(
        name="dipp_delete_relinks_to_replacement.ips_copied_not_linked",
        breaks="deleting a DIPP with a replacement pool copies its IPs to the domains but "
        "does not link them to it",
        rules=("dipp_delete_relinks_to_replacement",),
        patches=lambda: _retire_patch(_replacement_ips_only),
    )
)


def _old_ips_kept(shared: bool) -> RetireChange:
    def change(original: jobs.Effect, world: World, args: dict[str, Any]) -> None:
        # The domains are unlinked but keep the deleted pool's IPs instead of the replacement.
        replacement = args.get("replacement_ip")
        applies = bool(replacement) and (replacement == "shared") == shared
        kept = {d.name: list(d.ips) for d in world.domains.values() if d.dipp_id == args["pool_id"]}
        original(world, args)
        if applies and not args.get("replacement_pool_id"):
            for name, ips in kept.items():
                world.domains[name].ips = ips

    return change


register(
    Mutant(
        name="dipp_delete_replacement_ip_assigned.old_ips_kept",
        breaks="deleting a DIPP with a replacement IP unlinks its domains but does not give "
        "them the IP",
        rules=("dipp_delete_replacement_ip_assigned",),
        patches=lambda: _retire_patch(_old_ips_kept(shared=False)),
    )
)

register(
    Mutant(
        name="dipp_delete_shared_assigns_shared_ips.old_ips_kept",
        breaks="deleting a DIPP with ip=shared unlinks its domains but leaves them the deleted "
        "pool's dedicated IPs",
        rules=("dipp_delete_shared_assigns_shared_ips",),
        patches=lambda: _retire_patch(_old_ips_kept(shared=True)),
    )
)


def _note_description(call: Call) -> str | None:
    dipp = _pool(call)
    return None if dipp is None else dipp.description


def _restore_description(call: Call, noted: str | None) -> None:
    # The edit saves every field but the description.
    dipp = _pool(call)
    if dipp is not None and noted is not None:
        dipp.description = noted


register(
    Mutant(
        name="dipp_edit_applies_fields.description_not_saved",
        breaks="editing a DIPP answers success but keeps the old description",
        rules=("dipp_edit_applies_fields",),
        wraps=lambda: {"editDipp": _around(_note_description, _restore_description)},
    )
)


def _edit_without_sync(call: Call, _answer: Any) -> None:
    # Only linking a domain schedules the update of the domains; an IP change alone does not.
    if not call.body.get("link_domain"):
        _drop_sync(call.world, call.path["pool_id"])


register(
    Mutant(
        name="dipp_edit_ip_change_updates_domains.no_sync",
        breaks="editing a DIPP's IPs never updates the IPs of the domains linked to it",
        rules=("dipp_edit_ip_change_updates_domains",),
        wraps=lambda: {"editDipp": afterwards(_edit_without_sync)},
    )
)


# --- the pool's domains -------------------------------------------------------------------------
def _own_domain_pages(call: Call) -> Any:
    # The domain list is scoped to the requesting account: subaccount domains are left out.
    dipp = ops.find(call)
    linked = [
        d for d in call.world.linked_domains(dipp, call.account) if d.account_id == call.account.id
    ]
    page, paging = paginate(
        call, linked, int(call.query.get("limit", 10)), Rule.DIPP_DOMAINS_PAGE_TOKEN_ISSUED
    )
    return {"domains": [{"id": d.id, "name": d.name} for d in page], "paging": paging}


register(
    Mutant(
        name="dipp_domains_match_linked.own_domains_only",
        breaks="a DIPP's domain list leaves out the subaccount domains linked to it",
        rules=("dipp_domains_match_linked",),
        wraps=lambda: {"listDippDomains": instead(_own_domain_pages)},
    )
)


def _overlapping_pages(call: Call) -> Any:
    # Off by one: the next page starts at the last domain of this one, which is listed twice.
    dipp = ops.find(call)
    limit = int(call.query.get("limit", 10))
    page, paging = paginate(call, call.world.linked_domains(dipp, call.account), limit, PAGE_RULE)
    if "next" in paging:
        offset = page_offset(call.query.get("page"), PAGE_RULE) + limit - 1
        token = base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode().rstrip("=")
        paging["next"] = call.page_url(page=token, limit=limit)
    return {"domains": [{"id": d.id, "name": d.name} for d in page], "paging": paging}


register(
    Mutant(
        name="dipp_domains_paginated.next_page_overlaps",
        breaks="a DIPP's next domain page starts at the last domain of the page before",
        rules=("dipp_domains_paginated",),
        wraps=lambda: {"listDippDomains": instead(_overlapping_pages)},
    )
)


# --- adding and removing IPs --------------------------------------------------------------------
def _note_ips(call: Call) -> list[str]:
    dipp = _pool(call)
    return [] if dipp is None else list(dipp.ips)


def _added_to_domains_only(call: Call, before: list[str]) -> None:
    # The new IP is pushed to the linked domains but never written to the pool's own list.
    dipp = _pool(call)
    if dipp is None:
        return
    new = [a for a in dipp.ips if a not in before]
    dipp.ips = [a for a in dipp.ips if a in before]
    _drop_sync(call.world, dipp.id)
    for domain in call.world.domains.values():
        if domain.dipp_id == dipp.id:
            domain.ips = [*domain.ips, *(a for a in new if a not in domain.ips)]


register(
    Mutant(
        name="dipp_add_ip_joins_pool.pool_not_written",
        breaks="adding an IP to a DIPP gives it to the linked domains but leaves the pool's "
        "IP list as it was",
        rules=("dipp_add_ip_joins_pool",),
        wraps=lambda: {"addDippIp": _around(_note_ips, _added_to_domains_only)},
    )
)


def _single_ip_without_sync(call: Call, _answer: Any) -> None:
    # The one-IP endpoint forgets to schedule the domain update (the several-IP one does it).
    _drop_sync(call.world, call.path["pool_id"])


register(
    Mutant(
        name="dipp_add_ip_updates_linked_domains.single_ip_no_sync",
        breaks="adding one IP to a DIPP never gives it to the domains linked to the pool",
        rules=("dipp_add_ip_updates_linked_domains",),
        wraps=lambda: {"addDippIp": afterwards(_single_ip_without_sync)},
    )
)


def _owner_domains_only(call: Call, _answer: Any) -> None:
    # The update reaches the owner's linked domains; the subaccounts' domains are forgotten.
    dipp = _pool(call)
    if dipp is None:
        return
    _drop_sync(call.world, dipp.id)
    for domain in call.world.domains.values():
        if domain.dipp_id == dipp.id and domain.account_id == dipp.account_id:
            jobs.follow_dipp(call.world, domain)


register(
    Mutant(
        name="dipp_add_ip_updates_subaccounts.owner_domains_only",
        breaks="adding IPs to a delegated DIPP updates the owner's linked domains but not the "
        "subaccounts'",
        rules=("dipp_add_ip_updates_subaccounts",),
        wraps=lambda: {
            "addDippIp": afterwards(_owner_domains_only),
            "addDippIps": afterwards(_owner_domains_only),
        },
    )
)


def _removed_from_domains_only(call: Call, before: list[str]) -> None:
    # The IP is taken off the linked domains but stays in the pool's own list.
    dipp = _pool(call)
    address = call.path["ip"]
    if dipp is None or address not in before:
        return
    dipp.ips = list(before)
    _drop_sync(call.world, dipp.id)
    for domain in call.world.domains.values():
        if domain.dipp_id == dipp.id:
            domain.ips = [a for a in domain.ips if a != address]


register(
    Mutant(
        name="dipp_remove_ip_leaves_pool.pool_not_written",
        breaks="removing an IP from a DIPP takes it off the linked domains but leaves it in "
        "the pool",
        rules=("dipp_remove_ip_leaves_pool",),
        wraps=lambda: {"removeDippIp": _around(_note_ips, _removed_from_domains_only)},
    )
)


def _remove_without_sync(call: Call, _answer: Any) -> None:
    # The IP leaves the pool, but the update of the linked domains is never scheduled.
    _drop_sync(call.world, call.path["pool_id"])


register(
    Mutant(
        name="dipp_remove_ip_updates_linked_domains.no_sync",
        breaks="removing an IP from a DIPP leaves it on the domains linked to the pool",
        rules=("dipp_remove_ip_updates_linked_domains",),
        wraps=lambda: {"removeDippIp": afterwards(_remove_without_sync)},
    )
)
