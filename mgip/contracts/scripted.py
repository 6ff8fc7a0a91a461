"""Rules that need the target to be put in a state first: health checks, overrides, enroll-all.

Each script starts from the scenario (`POST /mgip/reset`), uses the control interface only for
what the API cannot do (sending metrics to a health check, reading who is whose subaccount), and
checks the rest through the generated client. A target without the interface gets them skipped.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
from mailgun_ip_client import ApiError, MailgunIp
from mailgun_ip_client.models import (
    CreateDippForm,
    EditDippForm,
    OverrideForm,
    SetDynamicPoolsForm,
    UpdateDynamicPoolForm,
)
from mailgun_ip_client.types import UNSET

from mgip.contracts.invariants import _next_token
from mgip.contracts.public_setup import NotApplicable
from mgip.contracts.strictness import not_found_holds, refusal_holds
from mgip.contracts.target import Target, comparable_state, control_transport, shut

SETTLE_SECONDS = 10.0
POOR = {"bounce_rate": 0.5, "complaint_rate": 0.5, "processed_count": 100000}


@dataclass(slots=True)
class Context:
    client: MailgunIp
    control: httpx.Client
    account_id: str
    subaccounts: list[str]
    transport: httpx.BaseTransport
    headers: str = "public"
    strictness: str = "strict"  # how a refusal is judged: see mgip.contracts.strictness
    unjudged: list[str] = field(default_factory=list)  # rules whose refusal was not judged


@dataclass(slots=True)
class ScriptOutcome:
    name: str
    rules: tuple[str, ...]
    problems: list[str] = field(default_factory=list)
    ran: bool = False
    skipped: str = ""
    unjudged: list[str] = field(default_factory=list)  # accepted where only mgip refuses


def _eventually(holds: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + SETTLE_SECONDS
    while not holds():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def _settled(ctx: Context, holds: Callable[[], bool]) -> bool:
    """A background job's effect: shown once the control interface has run the pending jobs
    (a target without `settle` gets the bounded wait), so a missing effect fails at once."""
    if ctx.control.post("/mgip/jobs/settle").status_code == 200:
        return holds()
    return _eventually(holds)


def _pools(ctx: Context) -> dict[str, str]:
    return {d.name: d.pool for d in ctx.client.dynamic_pools.list_domains().items}


def _own_enrolled(ctx: Context) -> list[Any]:
    items = ctx.client.dynamic_pools.list_domains().items
    return sorted((d for d in items if d.account_id == ctx.account_id), key=lambda d: d.name)


def _target_of(ctx: Context) -> Target:
    return Target(base_url=str(ctx.control.base_url).rstrip("/"), api_key="")


def health_checks(ctx: Context) -> list[str]:
    for item in ctx.client.dynamic_pools.list_assignable_domains().items[:2]:
        ctx.client.dynamic_pools.enroll_domain(item.name)
    candidates = [d for d in _own_enrolled(ctx) if d.pool != "dynamic_poor" and not d.override]
    if len(candidates) < 2:
        raise NotApplicable("fewer than two enrolled domains to move")
    moved, frozen = candidates[0].name, candidates[1].name
    problems = []
    # Pinned away from its own pool and from where poor metrics lead, so that the override, the
    # freeze and a preview that moved the domain would each show.
    pinned = "dynamic_new" if candidates[1].pool == "dynamic_good" else "dynamic_good"
    ctx.client.dynamic_pools.set_override(frozen, body=OverrideForm(pool=pinned))
    held = _pools(ctx).get(frozen)
    if held != pinned:
        problems.append(f"dynamic_override_sets_pool: {frozen} is in {held}, not {pinned}")
    answer = ctx.control.post("/mgip/health-checks", json={"metrics": {moved: POOR, frozen: POOR}})
    answer.raise_for_status()
    if not _eventually(lambda: _pools(ctx).get(moved) == "dynamic_poor"):
        problems.append(
            f"dynamic_pool_follows_health_checks: {moved} was not moved to dynamic_poor"
        )
    history = ctx.client.dynamic_pools.domain_history(moved)
    if not any(r.new_band == "dynamic_poor" for r in history):
        problems.append(f"dynamic_pool_follows_health_checks: no history record of {moved}'s move")
    if _pools(ctx).get(frozen) != held:
        problems.append(f"dynamic_override_freezes_health_checks: {frozen} left its override pool")
    # The frozen domain has the metrics the health check just moved to dynamic_poor.
    placed = (_pools(ctx).get(frozen), len(ctx.client.dynamic_pools.domain_history(frozen)))
    preview = ctx.client.dynamic_pools.preview_domain(frozen).pool
    if preview != "dynamic_poor":
        problems.append(f"dynamic_preview_names_pool: {frozen}'s preview names {preview}")
    if (_pools(ctx).get(frozen), len(ctx.client.dynamic_pools.domain_history(frozen))) != placed:
        problems.append(f"dynamic_preview_does_not_set_band: previewing {frozen} moved it")
    ctx.client.dynamic_pools.remove_override(frozen)
    expected = ctx.client.dynamic_pools.preview_domain(frozen).pool
    if expected not in ("dynamic_good", "dynamic_poor", "dynamic_new"):
        expected = "dynamic_poor"  # a preview that names no pool is reported above
    if not _settled(ctx, lambda: _pools(ctx).get(frozen) == expected):
        problems.append(
            f"dynamic_override_removal_resumes_checks: {frozen} never went to {expected}"
        )
    return problems


def enroll_all(ctx: Context) -> list[str]:
    if not ctx.subaccounts:
        raise NotApplicable("the account has no subaccount")
    problems = []
    sub = ctx.subaccounts[0]
    before_sub = ctx.client.dynamic_pools.list_assignable_domains(subaccount_id=sub).items
    scope = [d.account_id for d in before_sub]
    if any(account != sub for account in scope):
        problems.append("dynamic_assignable_subaccount_scope: another account's domain is listed")
    ctx.client.dynamic_pools.enroll_all_domains(include_subaccounts=UNSET)  # the default
    if not _settled(ctx, lambda: not ctx.client.dynamic_pools.list_assignable_domains().items):
        problems.append(
            "dynamic_enroll_all_background_job: the account's domains were not enrolled"
        )
    left = {
        d.name for d in ctx.client.dynamic_pools.list_assignable_domains(subaccount_id=sub).items
    }
    if {d.name for d in before_sub} - left:
        problems.append("dynamic_enroll_all_default_parent_only: subaccount domains were enrolled")
    if before_sub:
        ctx.client.dynamic_pools.enroll_all_domains(include_subaccounts=True)

        def sub_assignable() -> list[Any]:
            return list(ctx.client.dynamic_pools.list_assignable_domains(subaccount_id=sub).items)

        if not _settled(ctx, lambda: not sub_assignable()):
            problems.append("dynamic_enroll_all_include_subaccounts: subaccount domains stayed out")
        else:
            listed = {d.name for d in ctx.client.dynamic_pools.list_domains().items}
            missing = sorted({d.name for d in before_sub} - listed)
            if missing:
                problems.append(f"dynamic_domains_across_accounts: enrolled {missing} not listed")
            everyone = ctx.client.dynamic_pools.history(include_subaccounts=True).items
            if sub not in {r.account_id for r in everyone}:
                problems.append(
                    f"dynamic_history_across_accounts: include_subaccounts lists no event of {sub}"
                )
    # Once the subaccount has events of its own (its enrollments above), leaking them would show.
    history = ctx.client.dynamic_pools.history().items
    strays = {r.account_id for r in history} - {ctx.account_id}
    if strays:
        problems.append(f"dynamic_history_across_accounts: events of {sorted(strays)} listed")
    return problems


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


def _ready_free(ctx: Context) -> list[str]:
    """Enabled dedicated IPs in no dynamic pool and not warming, those outside DIPPs first."""
    in_dipps = {ip for p in ctx.client.dipps.list_all().ip_pools for ip in p.ips}
    in_dynamic = {ip for p in ctx.client.dynamic_pools.list_all().pools for ip in p.ips}
    listed = ctx.client.ips.list_all(dedicated=True, enabled=True)
    details = listed.details if isinstance(listed.details, list) else []
    warming = {d.ip for d in details if d.is_on_warmup is True}
    free = [ip for ip in listed.items if ip not in in_dynamic and ip not in warming]
    return sorted(free, key=lambda ip: (ip in in_dipps, ip))


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


def enrolling_and_leaving(ctx: Context) -> list[str]:
    if not any(p.ips for p in ctx.client.dynamic_pools.list_all().pools):
        raise NotApplicable("the dynamic pools are not configured")
    problems = []
    names = sorted(d.name for d in ctx.client.dynamic_pools.list_assignable_domains().items)
    for name in names:
        ctx.client.dynamic_pools.enroll_domain(name)
    enrolled = _pools(ctx)
    assignable = {d.name for d in ctx.client.dynamic_pools.list_assignable_domains().items}
    pools = ("dynamic_good", "dynamic_poor", "dynamic_new")
    wrong = [n for n in names if enrolled.get(n) not in pools or n in assignable]
    if wrong:
        problems.append(f"dynamic_enroll_assigns_pool: {wrong} are not enrolled in a pool")
    # Each enrolled domain leaves with another kind of replacement: IPs, a DIPP, a shared IP.
    free, mine = _ready_free(ctx), [d.name for d in _own_enrolled(ctx)]
    if len(free) >= 2 and mine:
        name = mine.pop(0)
        ctx.client.dynamic_pools.unenroll_domain(name, replacement_ip=free[:2])
        missing = [ip for ip in free[:2] if name not in _domains_of(ctx.client, ip)]
        if missing:
            problems.append(f"dynamic_unenroll_replacement_ip_assigned: {name} lacks {missing}")
    own_dipps = [p for p in ctx.client.dipps.list_all().ip_pools if not p.is_inherited]
    if own_dipps and mine:
        name, pool_id = mine.pop(0), own_dipps[0].pool_id
        ctx.client.dynamic_pools.unenroll_domain(name, replacement_pool_id=pool_id)
        if name not in _linked(ctx.client, pool_id):
            problems.append(f"dynamic_unenroll_replacement_pool_linked: {pool_id} lacks {name}")
    if mine:
        problems += _leave_for_shared(ctx, mine[:1])
    return problems


def _leave_for_shared(ctx: Context, names: list[str]) -> list[str]:
    try:
        for name in names:
            ctx.client.dynamic_pools.unenroll_domain(name, replacement_ip=["shared"])
    except ApiError as refused:  # an account not eligible for shared IPs, say
        raise NotApplicable(f"a domain could not leave for a shared IP: {refused}") from None
    enrolled = set(_pools(ctx))
    assignable = {d.name for d in ctx.client.dynamic_pools.list_assignable_domains().items}
    stayed = [n for n in names if n in enrolled or n not in assignable]
    problems = [f"dynamic_unenroll_leaves_pools: {stayed} did not leave"] if stayed else []
    shared = ctx.client.ips.list_all(dedicated=False).items
    bare = [n for n in names if not any(n in _domains_of(ctx.client, ip) for ip in shared)]
    if bare:
        problems.append(f"dynamic_unenroll_shared_assigns_shared_ip: {bare} got no shared IP")
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


def _linked(client: MailgunIp, pool_id: str) -> set[str]:
    linked = client.dipps.get(pool_id).details.linked_domains
    return set(linked) if isinstance(linked, list) else set()


def _domains_of(client: MailgunIp, ip: str) -> set[str]:
    return {d.domain for d in client.ips.list_domains(ip, limit=1000).items}


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


@contextlib.contextmanager
def _scenario(ctx: Context, text: str) -> Iterator[str]:
    """Load `text` as the target's state for one script and give its first account's id; the
    state from before is put back afterwards, whatever happens."""
    original = ctx.control.get("/mgip/state").json()
    loaded = ctx.control.put(
        "/mgip/state", content=text.encode(), headers={"Content-Type": "application/yaml"}
    )
    if loaded.status_code != 200:
        raise NotApplicable("the target did not take a scenario through PUT /mgip/state")
    try:
        yield ctx.control.get("/mgip/accounts").json()["items"][0]["id"]
    finally:
        ctx.control.put("/mgip/state", json=original).raise_for_status()


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


def _free_dedicated(ctx: Context) -> list[str]:
    held = {ip for p in ctx.client.dipps.list_all().ip_pools for ip in p.ips}
    return [ip for ip in ctx.client.ips.list_all(dedicated=True).items if ip not in held]


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


def warming_up(ctx: Context) -> list[str]:
    """Start plans until three IPs warm up (so pages of two end on a short one), then cancel one;
    and ask for a new dedicated IP."""
    from mgip.contracts.invariants import View

    def whole() -> set[str]:  # one large page: paging is judged on its own below
        return {w.ip for w in ctx.client.warmups.list_all(limit=1000).items}

    def status(ip: str) -> int:
        try:
            ctx.client.warmups.get(ip)
        except ApiError as refused:
            return refused.status_code
        return 200

    def marked(ip: str) -> bool:
        details = ctx.client.ips.list_all().details
        return not isinstance(details, list) or any(
            d.ip == ip and d.is_on_warmup is True for d in details
        )

    details = ctx.client.ips.list_all(dedicated=True).details
    idle = [d.ip for d in (details if isinstance(details, list) else []) if not d.is_on_warmup]
    if not idle:
        raise NotApplicable("the account has no dedicated IP without a warm-up")
    problems = []
    for ip in idle[: max(1, 3 - len(whole()))]:
        ctx.client.warmups.create(ip)
        if ip not in whole() or status(ip) != 200 or not marked(ip):
            problems.append(
                f"warmup_create_starts_plan: {ip} listed {ip in whole()}, status {status(ip)}, "
                f"on warmup {marked(ip)}"
            )
    paged = [w.ip for w in View(ctx.client).warmups()]
    if sorted(paged) != sorted(whole()):
        problems.append(f"warmup_list_paginated: the pages list {paged}, not {sorted(whole())}")
    for ip in sorted(whole())[:1]:
        ctx.client.warmups.cancel(ip)
        answer = status(ip)
        ended = refusal_holds(
            "warmup_get_requires_in_flight", None if answer == 200 else answer, ctx.strictness
        )[0]
        if ip in whole() or ended is False:
            problems.append(
                f"warmup_cancel_ends_plan: {ip} listed {ip in whole()}, status {answer}"
            )
    before = set(ctx.client.ips.list_all(dedicated=True).items)
    with contextlib.suppress(ApiError):  # past the billing limit: the gate's rule to judge
        ctx.client.ips.request_new()
        after = set(ctx.client.ips.list_all(dedicated=True).items)
        if not before < after or len(after - before) != 1:
            problems.append(
                f"ips_new_ip_added_as_dedicated: {len(before)} dedicated IPs became {len(after)}"
            )
    return problems


# --- refusals the documentation predicts, tried one at a time from the scenario's start --------
Attempt = tuple[str, Callable[[], Any]]  # the rule, and the request it must refuse


def _refuses_each(ctx: Context, attempts: list[Attempt], *, reset: bool = True) -> list[str]:
    """Each request must be refused with its rule's status, and change nothing. With `reset`,
    each starts from the scenario, so that one broken refusal cannot hide the next."""
    problems = []
    for rule, attempt in attempts:
        if reset:
            ctx.control.post("/mgip/reset").raise_for_status()
        before = comparable_state(ctx.control)
        named, status = rule, None
        try:
            attempt()
        except ApiError as error:
            status, named = error.status_code, _named_rule(error) or rule
        holds, expected = refusal_holds(rule, status, ctx.strictness)
        if holds is None:  # accepted, and only mgip's convention refuses it: not judged
            ctx.unjudged.append(rule)
            continue
        if not holds:
            got = "200 (accepted)" if status is None else str(status)
            problems.append(f"{rule}: {expected}, got {got}")
        elif named != rule:  # a mock that names the rule it enforces must name the right one
            problems.append(f"{rule}: refused, but as {named}")
        elif comparable_state(ctx.control) != before:
            problems.append(f"{rule}: refused, but the state changed")
    return problems


def _named_rule(error: ApiError) -> str | None:
    """The rule id a refusal's body names (mgip's reference server does), if any."""
    try:
        body = json.loads(error.content)
    except ValueError:
        return None
    rule = body.get("rule") if isinstance(body, dict) else None
    return rule if isinstance(rule, str) else None


def predicted_refusals(ctx: Context) -> list[str]:
    """The input rules of DIPPs, domain IPs and dynamic pools, each broken once on purpose with
    objects found in the scenario: IPs held by another DIPP, shared IPs, empty pools, a linked
    domain, an enrolled domain, a subaccount's inherited DIPP."""
    state = ctx.control.get("/mgip/state").json()
    names = {a["id"]: a["name"] for a in state["accounts"]}
    me = names.get(ctx.account_id)
    family = {me, *(names.get(sub) for sub in ctx.subaccounts)}
    pools = [p for p in state.get("dipps", []) if p["account"] == me and not p.get("deleted")]
    full = [p for p in pools if p["ips"]]
    empty = [p for p in pools if not p["ips"]]
    domains = [d for d in state.get("domains", []) if d["account"] == me]
    linked = [d for d in domains if d.get("dipp")]
    enrolled = [d for d in domains if d.get("dynamic_pool")]
    ips = [ip for ip in state.get("ips", []) if ip["account"] == me]
    shared = [ip["address"] for ip in ips if not ip.get("dedicated", True)]
    warming = [ip["address"] for ip in ips if ip.get("warmup")]
    foreign = [ip["address"] for ip in state.get("ips", []) if ip["account"] not in family]
    if not (len(full) >= 2 and empty and linked and enrolled and shared and warming and foreign):
        raise NotApplicable("the scenario lacks the DIPPs, domains or IPs these refusals need")
    held, other = full[0], full[1]
    linked_pool = next(p for p in pools if linked[0]["dipp"] in (p["id"], p["name"]))
    held_ip, mg = held["ips"][0], ctx.client
    attempts: list[Attempt] = [
        ("dipp_add_ip_not_in_other_dipp", lambda: mg.dipps.add_ip(other["id"], held_ip)),
        ("dipp_added_ip_must_be_dedicated", lambda: mg.dipps.add_ip(empty[0]["id"], shared[0])),
        (
            "dipp_delete_replacement_ip_dedicated",
            lambda: mg.dipps.delete(other["id"], ip=shared[0]),
        ),
        (
            "dipp_delete_replacement_ip_not_in_dipp",
            lambda: mg.dipps.delete(other["id"], ip=held_ip),
        ),
        (
            "dipp_delete_replacement_pool_not_empty",
            lambda: mg.dipps.delete(other["id"], pool_id_query=empty[0]["id"]),
        ),
        (
            "dipp_edit_without_change_rejected",
            lambda: mg.dipps.edit(other["id"], body=EditDippForm(name=other["name"])),
        ),
        (
            "domain_ips_no_ip_change_while_dipp_linked",
            lambda: mg.ips.remove_domain_ip(linked[0]["name"], linked_pool["ips"][0]),
        ),
        (
            "domain_ips_unlink_replacement_required",
            lambda: mg.ips.remove_domain_ip(linked[0]["name"], "ip_pool"),
        ),
        (
            "dynamic_pool_name_must_exist",
            lambda: mg.dynamic_pools.add_ip("dynamic_bogus", held_ip),
        ),
        (
            "dynamic_set_all_ready_ip_per_pool",
            lambda: mg.dynamic_pools.set_all(
                body=SetDynamicPoolsForm(
                    good_reputation=[warming[0]],
                    poor_reputation=[held_ip],
                    new_senders=[other["ips"][0]],
                )
            ),
        ),
        (
            "dynamic_update_keeps_ready_ip",
            lambda: mg.dynamic_pools.update(
                enrolled[0]["dynamic_pool"],
                body=UpdateDynamicPoolForm(remove_ip=_pool_ips(state, me, enrolled[0])),
            ),
        ),
        (
            "dynamic_unenroll_ip_not_in_dipp",
            lambda: mg.dynamic_pools.unenroll_domain(enrolled[0]["name"], replacement_ip=[held_ip]),
        ),
        (
            "dynamic_unenroll_replacement_pool_exists",
            lambda: mg.dynamic_pools.unenroll_domain(
                enrolled[0]["name"], replacement_pool_id="0" * 23 + "1"
            ),
        ),
        (
            "dynamic_override_pool_must_be_valid",
            lambda: mg.dynamic_pools.set_override(
                enrolled[0]["name"], body=OverrideForm(pool="dynamic_bogus")
            ),
        ),
        ("warmup_ip_must_be_dedicated", lambda: mg.warmups.create(shared[0])),
        ("warmup_ip_must_be_owned", lambda: mg.warmups.create(foreign[0])),
        (
            "dynamic_unenroll_replacements_exclusive",
            lambda: mg.dynamic_pools.unenroll_domain(
                enrolled[0]["name"], replacement_ip=[shared[0]], replacement_pool_id=other["id"]
            ),
        ),
    ]
    heirs = [
        (sub, p)
        for sub in ctx.subaccounts
        for p in pools
        if names.get(sub) in p.get("delegated_to", []) and p["ips"]
    ]
    if heirs:
        attempts += _inherited_attempts(ctx, state, heirs[0][0], heirs[0][1], ips)
    return _refuses_each(ctx, attempts)


def _inherited_attempts(
    ctx: Context,
    state: dict[str, Any],
    sub: str,
    pool: dict[str, Any],
    ips: list[dict[str, Any]],
) -> list[Attempt]:
    """What a subaccount may not do to the DIPP it inherits."""
    child = next(a for a in state["accounts"] if a["id"] == sub)
    kid = _client(child["keys"][0], sub, _target_of(ctx), ctx.transport, ctx.headers)
    free = next(ip["address"] for ip in ips if _free(state, ip))
    return [
        ("dipp_inherited_add_ip_forbidden", lambda: kid.dipps.add_ip(pool["id"], free)),
        (
            "dipp_inherited_remove_ip_forbidden",
            lambda: kid.dipps.remove_ip(pool["id"], pool["ips"][0]),
        ),
        ("dipp_inherited_not_deletable", lambda: kid.dipps.delete(pool["id"])),
        ("warmup_ip_must_be_owned", lambda: kid.warmups.create(pool["ips"][0])),
        ("dipp_inherited_no_ip_replacement", lambda: kid.dipps.delete(pool["id"], ip=free)),
        (
            "dipp_inherited_not_editable",
            lambda: kid.dipps.edit(pool["id"], body=EditDippForm(name="renamed")),
        ),
    ]


def _pool_ips(state: dict[str, Any], owner: str | None, domain: dict[str, Any]) -> list[str]:
    pools = next(p for p in state.get("dynamic_pools", []) if p["account"] == owner)
    key = {"dynamic_good": "good_reputation", "dynamic_poor": "poor_reputation"}
    return list(pools[key.get(domain["dynamic_pool"], "new_senders")])


def _free(state: dict[str, Any], ip: dict[str, Any]) -> bool:
    """A dedicated IP in no DIPP and no dynamic pool."""
    in_dipps = {a for p in state.get("dipps", []) for a in p["ips"]}
    in_dynamic = {
        a for p in state.get("dynamic_pools", []) for k, v in p.items() if k != "account" for a in v
    }
    return ip.get("dedicated", True) and ip["address"] not in in_dipps | in_dynamic


# An account with DIPPs and Dynamic IP Pools that is not eligible for shared IPs.
INELIGIBLE = """
version: 1
accounts:
  - name: solo
    keys: [key-mgip-eligibility-check]
    features: {dipps: true, dynamic_pools: true, shared_ips: false}
ips:
  - {address: 192.0.2.60, account: solo}
  - {address: 192.0.2.61, account: solo}
  - {address: 192.0.2.62, account: solo}
dipps:
  - {name: only, account: solo, description: Linked to one domain, ips: [192.0.2.60]}
dynamic_pools:
  - {account: solo, good_reputation: [192.0.2.61], poor_reputation: [], new_senders: []}
domains:
  - {name: linked.solo.test, account: solo, dipp: only}
  - {name: enrolled.solo.test, account: solo, ips: [192.0.2.61], dynamic_pool: dynamic_good}
"""


def ineligible_refusals(ctx: Context) -> list[str]:
    """'shared' as a replacement, asked by an account that is not eligible for shared IPs."""
    with _scenario(ctx, INELIGIBLE) as solo:
        mg = _client(
            "key-mgip-eligibility-check", solo, _target_of(ctx), ctx.transport, ctx.headers
        )
        pool = ctx.control.get("/mgip/state").json()["dipps"][0]["id"]
        attempts: list[Attempt] = [
            ("dipp_delete_shared_needs_eligibility", lambda: mg.dipps.delete(pool, ip="shared")),
            (
                "domain_ips_shared_needs_eligibility",
                lambda: mg.ips.remove_domain_ip("linked.solo.test", "ip_pool", ip_query="shared"),
            ),
            (
                "dynamic_unenroll_shared_needs_eligibility",
                lambda: mg.dynamic_pools.unenroll_domain(
                    "enrolled.solo.test", replacement_ip=["shared"]
                ),
            ),
        ]
        return _refuses_each(ctx, attempts, reset=False)


SCRIPTS: list[tuple[str, tuple[str, ...], Callable[[Context], list[str]]]] = [
    (
        "refusals the documentation predicts",
        (
            "dipp_add_ip_not_in_other_dipp",
            "dipp_added_ip_must_be_dedicated",
            "dipp_delete_replacement_ip_dedicated",
            "dipp_delete_replacement_ip_not_in_dipp",
            "dipp_delete_replacement_pool_not_empty",
            "dipp_edit_without_change_rejected",
            "domain_ips_no_ip_change_while_dipp_linked",
            "domain_ips_unlink_replacement_required",
            "dynamic_pool_name_must_exist",
            "dynamic_set_all_ready_ip_per_pool",
            "dynamic_update_keeps_ready_ip",
            "dynamic_unenroll_ip_not_in_dipp",
            "dynamic_unenroll_replacement_pool_exists",
            "dynamic_unenroll_replacements_exclusive",
            "dynamic_override_pool_must_be_valid",
            "warmup_ip_must_be_dedicated",
            "warmup_ip_must_be_owned",
            "dipp_inherited_add_ip_forbidden",
            "dipp_inherited_remove_ip_forbidden",
            "dipp_inherited_not_deletable",
            "dipp_inherited_no_ip_replacement",
            "dipp_inherited_not_editable",
        ),
        predicted_refusals,
    ),
    (
        "shared IPs asked by an ineligible account",
        (
            "dipp_delete_shared_needs_eligibility",
            "domain_ips_shared_needs_eligibility",
            "dynamic_unenroll_shared_needs_eligibility",
        ),
        ineligible_refusals,
    ),
    (
        "delegated DIPPs",
        (
            "dipp_add_ip_updates_subaccounts",
            "dipp_delete_updates_subaccounts",
            "dipp_list_covers_all_pools",
            "dipp_at_most_one_inherited",
        ),
        delegated_dipps,
    ),
    (
        "a DIPP's life: create, edit, delete",
        (
            "dipp_create_returns_new_id",
            "dipp_list_covers_all_pools",
            "dipp_ip_in_one_pool",
            "dipp_edit_applies_fields",
            "dipp_edit_ip_change_updates_domains",
            "dipp_remove_ip_leaves_pool",
            "dipp_remove_ip_updates_linked_domains",
            "dipp_delete_removes_pool",
            "dipp_is_linked_matches_linked_domains",
            "dipp_list_is_linked_agrees",
        ),
        dipp_lifecycle,
    ),
    (
        "paging a DIPP's domains",
        ("dipp_domains_paginated",),
        dipp_domain_pages,
    ),
    (
        "deleting a linked DIPP",
        (
            "dipp_delete_relinks_to_replacement",
            "dipp_delete_replacement_ip_assigned",
            "dipp_delete_shared_assigns_shared_ips",
        ),
        deleting_linked_dipps,
    ),
    (
        "a domain left with warming IPs",
        ("domain_ips_extra_ip_when_all_warming",),
        all_warming,
    ),
    (
        "unlinking a domain's DIPP",
        (
            "domain_ips_ip_pool_unlinks_dipp",
            "domain_ips_unlink_replacement_dipp_linked",
            "domain_ips_unlink_replacement_ip_assigned",
            "domain_ips_shared_assigns_shared_ip",
            "domain_ips_all_removes_domain_pool",
        ),
        unlinking_a_dipp,
    ),
    (
        "an IP on every domain",
        (
            "ips_assign_all_adds_to_every_domain",
            "ips_remove_all_clears_every_domain",
            "ips_remove_all_alternative_replaces",
        ),
        an_ip_on_every_domain,
    ),
    (
        "warm-up plans and a new IP",
        (
            "warmup_create_starts_plan",
            "warmup_list_paginated",
            "warmup_cancel_ends_plan",
            "ips_new_ip_added_as_dedicated",
        ),
        warming_up,
    ),
    (
        "health checks and overrides",
        (
            "dynamic_pool_follows_health_checks",
            "dynamic_override_sets_pool",
            "dynamic_override_freezes_health_checks",
            "dynamic_override_removal_resumes_checks",
            "dynamic_preview_names_pool",
            "dynamic_preview_does_not_set_band",
        ),
        health_checks,
    ),
    (
        "enrolling every domain",
        (
            "dynamic_enroll_all_background_job",
            "dynamic_enroll_all_default_parent_only",
            "dynamic_enroll_all_include_subaccounts",
            "dynamic_assignable_subaccount_scope",
            "dynamic_history_across_accounts",
            "dynamic_domains_across_accounts",
        ),
        enroll_all,
    ),
    ("setting every dynamic pool", ("dynamic_set_all_replaces_ips",), setting_the_pools),
    (
        "changing a dynamic pool",
        (
            "dynamic_update_applies_changes",
            "dynamic_add_ip_joins_pool",
            "dynamic_pools_hold_dedicated_owned_ips",
        ),
        changing_a_pool,
    ),
    (
        "enrolling, then leaving",
        (
            "dynamic_enroll_assigns_pool",
            "dynamic_unenroll_replacement_ip_assigned",
            "dynamic_unenroll_replacement_pool_linked",
            "dynamic_unenroll_leaves_pools",
            "dynamic_unenroll_shared_assigns_shared_ip",
        ),
        enrolling_and_leaving,
    ),
    (
        "removing the dynamic pools",
        (
            "dynamic_remove_all_clears_pools",
            "dynamic_remove_all_keeps_dipps",
            "dynamic_unenroll_leaves_pools",
            "dynamic_unenroll_shared_assigns_shared_ip",
        ),
        removing_the_pools,
    ),
]


def covered_rules() -> set[str]:
    from mgip.contracts import public_scripts

    public = {rule for _, rules, _ in public_scripts.SCRIPTS for rule in rules}
    return {rule for _, rules, _ in SCRIPTS for rule in rules} | public


def _client(key: str, account_id: str, target: Target, transport: Any, headers: str) -> MailgunIp:
    from mgip.contracts import profiles

    extra = profiles.client_options(headers, account_id)
    return MailgunIp(key, base_url=target.base_url, httpx_args={"transport": transport}, **extra)


def run(target: Target, headers: str = "public") -> list[ScriptOutcome] | str:
    # A target without the control interface but with a scope is `mgip.contracts.public_run`'s.
    transport = control_transport(target)
    if transport is None:
        return (
            "these rules need a mock's control interface to set the state up, or "
            "--allow-writes --scope FILE to set it up through the API"
        )
    outcomes = []
    with httpx.Client(
        transport=transport,
        base_url=target.base_url,
        timeout=10,
        headers=target.control_headers,
    ) as control:
        for name, rules, script in SCRIPTS:
            control.post("/mgip/reset").raise_for_status()
            state = control.get("/mgip/state").json()
            mine = [a for a in state["accounts"] if target.api_key in a["keys"]]
            account_id = mine[0]["id"] if mine else target.account_id
            subs = [a["id"] for a in state["accounts"] if a.get("parent") == account_id]
            client = _client(target.api_key, account_id, target, transport, headers)
            ctx = Context(client, control, account_id, subs, transport)
            ctx.headers = headers
            ctx.strictness = target.strictness
            outcome = ScriptOutcome(name, rules)
            try:
                outcome.problems = script(ctx)
                outcome.ran = True
                outcome.unjudged = list(ctx.unjudged)
            except NotApplicable as reason:
                outcome.problems, outcome.skipped = [], str(reason)
            except (ApiError, httpx.HTTPError, KeyError, ValueError) as exc:
                outcome.problems = [target.redact(f"the script could not run: {exc}")]
            outcomes.append(outcome)
        control.post("/mgip/reset").raise_for_status()
    shut(transport)
    return outcomes
