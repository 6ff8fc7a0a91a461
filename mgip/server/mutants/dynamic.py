"""Rule mutants of Dynamic IP Pools: enrollment, assignable domains, enroll-all, pool contents.

Each one is a plausible bug of the state or the lists the catalogue's side-effect, async-effect
and state-invariant rules describe; refusals stay as they are (`unenforced` breaks those).
"""

from __future__ import annotations

import re
from typing import Any

from mailgun_ip_client.rules import Rule

from mgip.server import health, jobs
from mgip.server.model import POOL_KEYS, World
from mgip.server.mutants import (
    Mutant,
    Wrap,
    afterwards,
    answers,
    register,
    with_inputs,
)
from mgip.server.operations import Call, Handler, dynamic_pools
from mgip.server.refusals import Refusal

# --- enrollment -------------------------------------------------------------------------------


def _new_senders_skipped(handler: Handler) -> Handler:
    # The enrollment is rolled back whole (pool, IPs, DIPP link, history) so the domain looks
    # exactly as if the server had answered without saving anything.
    def mutated(call: Call) -> Any:
        domain = call.world.find_domain(call.account, call.path.get("name", ""))
        if domain is None or domain.enrolled:
            return handler(call)
        saved = (domain.pool, domain.override, domain.dipp_id, list(domain.ips))
        history = len(call.world.history)
        payload = handler(call)
        if domain.pool == "dynamic_new":
            domain.pool, domain.override, domain.dipp_id, domain.ips = saved
            del call.world.history[history:]
        return payload

    return mutated


register(
    Mutant(
        name="dynamic_enroll_assigns_pool.new_senders_skipped",
        breaks="enrolling a domain that the health check calls a new sender answers success but"
        " leaves it out of the dynamic pools (still assignable, not enrolled)",
        rules=("dynamic_enroll_assigns_pool",),
        wraps=lambda: {"enrollDomain": _new_senders_skipped},
    )
)


def _only_override_cleared(domain: Any) -> None:
    domain.override = False  # the pool is never cleared, so the domain stays enrolled


register(
    Mutant(
        name="dynamic_unenroll_leaves_pools.pool_kept",
        breaks="unenrolling a domain gives it its replacement but leaves it enrolled in its"
        " dynamic pool (listed as enrolled, not assignable)",
        rules=("dynamic_unenroll_leaves_pools",),
        patches=lambda: ((dynamic_pools, "leave_pools", _only_override_cleared),),
    )
)


def _first_replacement_only(call: Call, _payload: Any) -> None:
    wanted = [v for v in call.query.get("replacement_ip") or [] if v != "shared"]
    domain = call.world.find_domain(call.account, call.path["name"])
    if len(wanted) > 1 and domain is not None:
        domain.ips = [ip for ip in domain.ips if ip not in wanted[1:]]


register(
    Mutant(
        name="dynamic_unenroll_replacement_ip_assigned.first_only",
        breaks="unenrolling with several replacement IPs assigns only the first of them to the"
        " domain",
        rules=("dynamic_unenroll_replacement_ip_assigned",),
        wraps=lambda: {"unenrollDomain": afterwards(_first_replacement_only)},
    )
)


def _pool_ips_kept_for_shared(handler: Handler) -> Handler:
    def mutated(call: Call) -> Any:
        domain = call.world.find_domain(call.account, call.path.get("name", ""))
        before = list(domain.ips) if domain is not None else []
        payload = handler(call)
        if domain is not None and call.query.get("replacement_ip") == ["shared"]:
            domain.ips = before
        return payload

    return mutated


register(
    Mutant(
        name="dynamic_unenroll_shared_assigns_shared_ip.pool_ips_kept",
        breaks="unenrolling with replacement_ip=shared leaves the pools but keeps the dynamic"
        " pool's dedicated IPs instead of adding a shared IP",
        rules=("dynamic_unenroll_shared_assigns_shared_ip",),
        wraps=lambda: {"unenrollDomain": _pool_ips_kept_for_shared},
    )
)


def _dipp_not_linked(call: Call, _payload: Any) -> None:
    domain = call.world.find_domain(call.account, call.path["name"])
    if domain is not None and call.query.get("replacement_pool_id") is not None:
        domain.dipp_id = None  # the DIPP's IPs were copied, the link is never saved


register(
    Mutant(
        name="dynamic_unenroll_replacement_pool_linked.ips_copied_not_linked",
        breaks="unenrolling with replacement_pool_id gives the domain the DIPP's IPs but does not"
        " link the DIPP to it",
        rules=("dynamic_unenroll_replacement_pool_linked",),
        wraps=lambda: {"unenrollDomain": afterwards(_dipp_not_linked)},
    )
)

# --- assignable domains -----------------------------------------------------------------------


def _assignable_item(domain: Any) -> dict[str, Any]:
    return {"id": domain.id, "account_id": domain.account_id, "name": domain.name}


def _enrolled_too(call: Call, payload: Any) -> Any:
    sub = call.query.get("subaccount_id")
    scope = call.world.accounts[sub] if sub else call.account  # the handler checked the id
    pattern = call.query.get("domain")
    extra = [
        _assignable_item(d)
        for d in call.world.account_domains(scope)
        if d.enrolled and (not pattern or re.search(pattern, d.name))
    ]
    return {"items": sorted([*payload["items"], *extra], key=lambda item: item["id"])}


register(
    Mutant(
        name="dynamic_assignable_excludes_enrolled.enrolled_listed",
        breaks="the assignable-domains list also lists the domains already enrolled in dynamic"
        " pools",
        rules=("dynamic_assignable_excludes_enrolled",),
        wraps=lambda: {"listAssignableDomains": answers(_enrolled_too)},
    )
)


def _parent_domains_too(handler: Handler) -> Handler:
    # subaccount_id taken as "also the subaccount's domains" rather than "only theirs"
    def mutated(call: Call) -> Any:
        payload = handler(call)
        if call.query.get("subaccount_id") is None:
            return payload
        query = {k: v for k, v in call.query.items() if k != "subaccount_id"}
        own = handler(with_inputs(call, query=query))["items"]
        listed = {item["id"] for item in payload["items"]}
        extra = [item for item in own if item["id"] not in listed]
        return {"items": sorted([*payload["items"], *extra], key=lambda item: item["id"])}

    return mutated


register(
    Mutant(
        name="dynamic_assignable_subaccount_scope.parent_domains_too",
        breaks="with subaccount_id the assignable-domains list holds the parent account's"
        " domains as well as the subaccount's",
        rules=("dynamic_assignable_subaccount_scope",),
        wraps=lambda: {"listAssignableDomains": _parent_domains_too},
    )
)


def _without_query(name: str) -> Wrap:
    def wrap(handler: Handler) -> Handler:
        def mutated(call: Call) -> Any:
            query = {k: v for k, v in call.query.items() if k != name}
            return handler(with_inputs(call, query=query))

        return mutated

    return wrap


register(
    Mutant(
        name="dynamic_assignable_domain_regex.filter_ignored",
        breaks="the assignable-domains list ignores the domain name pattern and lists every"
        " assignable domain",
        rules=("dynamic_assignable_domain_regex",),
        wraps=lambda: {"listAssignableDomains": _without_query("domain")},
    )
)

# --- enroll-all -------------------------------------------------------------------------------


def _enroll_all_stops_early(world: World, args: dict[str, Any]) -> None:
    # The correct job `continue`s past an enrolled domain; this one `break`s, so an account's
    # domains after its first enrolled one (in id order) are never enrolled.
    account = world.accounts.get(args["account_id"])
    if account is None:
        return
    scope = world.family(account) if args.get("include_subaccounts") else [account]
    for member in scope:
        for domain in world.account_domains(member):
            if domain.enrolled:
                break
            if domain.dipp_id is not None:
                continue
            verdict = health.assess(domain.metrics, world.settings.health)
            health.place(world, domain, verdict.pool, "enrolled", args.get("initiated_by", "api"))


register(
    Mutant(
        name="dynamic_enroll_all_background_job.stops_at_enrolled",
        breaks="the enroll-all job stops at an account's first already-enrolled domain, so the"
        " account's later domains are never enrolled",
        rules=("dynamic_enroll_all_background_job",),
        patches=lambda: ((jobs.EFFECTS, "enroll_all", _enroll_all_stops_early),),
    )
)


def _enroll_all_unlinking(world: World, args: dict[str, Any]) -> None:
    # A DIPP-linked domain loses its DIPP and is enrolled like any other.
    account = world.accounts.get(args["account_id"])
    if account is None:
        return
    scope = world.family(account) if args.get("include_subaccounts") else [account]
    for member in scope:
        for domain in world.account_domains(member):
            if domain.enrolled:
                continue
            domain.dipp_id = None
            verdict = health.assess(domain.metrics, world.settings.health)
            health.place(world, domain, verdict.pool, "enrolled", args.get("initiated_by", "api"))


register(
    Mutant(
        name="dynamic_enroll_all_skips_dipp_linked.unlinks",
        breaks="enroll-all unlinks the DIPP of a linked domain and enrolls it",
        rules=("dynamic_enroll_all_skips_dipp_linked",),
        patches=lambda: ((jobs.EFFECTS, "enroll_all", _enroll_all_unlinking),),
    )
)

register(
    Mutant(
        name="dynamic_enroll_all_include_subaccounts.ignored",
        breaks="enroll-all ignores include_subaccounts=true and enrolls only the parent's domains",
        rules=("dynamic_enroll_all_include_subaccounts",),
        wraps=lambda: {"enrollAllDomains": _without_query("include_subaccounts")},
    )
)


def _subaccounts_by_default(handler: Handler) -> Handler:
    def mutated(call: Call) -> Any:
        query = {**call.query, "include_subaccounts": call.query.get("include_subaccounts", True)}
        return handler(with_inputs(call, query=query))

    return mutated


register(
    Mutant(
        name="dynamic_enroll_all_default_parent_only.subaccounts_by_default",
        breaks="enroll-all without include_subaccounts enrolls the subaccounts' domains too"
        " (the default is taken as true)",
        rules=("dynamic_enroll_all_default_parent_only",),
        wraps=lambda: {"enrollAllDomains": _subaccounts_by_default},
    )
)

# --- pool contents ----------------------------------------------------------------------------


def _keys_swapped(_call: Call, payload: Any) -> Any:
    payload["poor_reputation"], payload["new_senders"] = (
        payload["new_senders"],
        payload["poor_reputation"],
    )
    return payload


register(
    Mutant(
        name="dynamic_list_shows_pool_ips.keys_swapped",
        breaks="the dynamic pool list reports dynamic_new's IPs under poor_reputation and"
        " dynamic_poor's under new_senders",
        rules=("dynamic_list_shows_pool_ips",),
        wraps=lambda: {"listDynamicPools": answers(_keys_swapped)},
    )
)


_POOL_IP = dynamic_pools.pool_ip  # the correct helper, taken before the patch swaps it out


def _lax_pool_ip(call: Call, address: str, owned_rule: Any, dedicated_rule: Any) -> Any:
    # Only updateDynamicPool passes its own rule for both: its dedicated check is the one forgotten.
    if owned_rule == dedicated_rule == Rule.DYNAMIC_UPDATE_ADDED_IPS_VALID:
        return call.ip(address, Refusal.of(owned_rule, f"{address} is not an account IP"))
    return _POOL_IP(call, address, owned_rule, dedicated_rule)


register(
    Mutant(
        name="dynamic_pools_hold_dedicated_owned_ips.update_takes_shared",
        breaks="updating a dynamic pool accepts a shared IP in add_ip, so the pool holds an IP"
        " that is not dedicated",
        rules=("dynamic_pools_hold_dedicated_owned_ips",),
        patches=lambda: ((dynamic_pools, "pool_ip", _lax_pool_ip),),
    )
)


def _ips_accumulated(_call: Call, payload: Any) -> Any:
    # The classic list created once outside the loop: each pool also lists the earlier ones' IPs.
    running: list[str] = []
    for entry in payload["pools"]:
        running += [ip for ip in entry["ips"] if ip not in running]
        entry["ips"] = list(running)
    by_name = {entry["name"]: entry["ips"] for entry in payload["pools"]}
    for name, key in POOL_KEYS.items():
        payload[key] = list(by_name.get(name, []))
    return payload


register(
    Mutant(
        name="dynamic_pools_disjoint.ips_accumulated",
        breaks="the dynamic pool list reports each pool with the IPs of the pools listed before"
        " it as well, so an IP shows in several pools",
        rules=("dynamic_pools_disjoint",),
        wraps=lambda: {"listDynamicPools": answers(_ips_accumulated)},
    )
)


def _former_ips_kept(handler: Handler) -> Handler:
    def mutated(call: Call) -> Any:
        before = {n: list(p.ips) for n, p in call.world.pools_of(call.account).items()}
        payload = handler(call)
        given = {ip for key in POOL_KEYS.values() for ip in call.body.get(key, [])}
        for name, pool in call.world.pools_of(call.account).items():
            pool.ips += [ip for ip in before.get(name, []) if ip not in given]
        dynamic_pools.pool_domains_follow(call)
        return payload

    return mutated


register(
    Mutant(
        name="dynamic_set_all_replaces_ips.former_ips_kept",
        breaks="setting all dynamic pools adds the given IPs but keeps each pool's former IPs"
        " that were given to no pool",
        rules=("dynamic_set_all_replaces_ips",),
        wraps=lambda: {"setDynamicPools": _former_ips_kept},
    )
)


def _pools_emptied(handler: Handler) -> Handler:
    def mutated(call: Call) -> Any:
        pools = dict(call.world.pools_of(call.account))
        payload = handler(call)
        if pools:  # the pools are emptied in place instead of being deleted
            for pool in pools.values():
                pool.ips = []
            call.world.dynamic_pools[call.account.id] = pools
        return payload

    return mutated


register(
    Mutant(
        name="dynamic_remove_all_clears_pools.emptied_not_deleted",
        breaks="remove-all empties the dynamic pools but leaves all three listed",
        rules=("dynamic_remove_all_clears_pools",),
        wraps=lambda: {"removeDynamicPools": _pools_emptied},
    )
)


def _dipps_emptied(call: Call, _payload: Any) -> None:
    for dipp in call.world.dipps.values():
        if dipp.account_id == call.account.id:
            dipp.ips = []


register(
    Mutant(
        name="dynamic_remove_all_keeps_dipps.dipps_emptied",
        breaks="removing all dynamic pools also empties the IPs of the account's standard DIPPs",
        rules=("dynamic_remove_all_keeps_dipps",),
        wraps=lambda: {"removeDynamicPools": afterwards(_dipps_emptied)},
    )
)


def _add_not_saved(handler: Handler) -> Handler:
    def mutated(call: Call) -> Any:
        pool = call.world.pools_of(call.account).get(call.path.get("pool_name", ""))
        address = call.path.get("ip", "")
        had = pool is not None and address in pool.ips
        payload = handler(call)
        if pool is not None and not had and address in pool.ips:
            pool.ips.remove(address)
            dynamic_pools.pool_domains_follow(call)
        return payload

    return mutated


register(
    Mutant(
        name="dynamic_add_ip_joins_pool.not_saved",
        breaks="adding an IP to a dynamic pool answers success but the pool does not hold it",
        rules=("dynamic_add_ip_joins_pool",),
        wraps=lambda: {"addDynamicPoolIp": _add_not_saved},
    )
)


def _removals_not_saved(handler: Handler) -> Handler:
    # The update is checked as given (so the ready-IP refusal stays right), then saved without
    # its removals.
    def mutated(call: Call) -> Any:
        pool = call.world.pools_of(call.account).get(call.path.get("pool_name", ""))
        before = list(pool.ips) if pool is not None else []
        payload = handler(call)
        if pool is not None:
            pool.ips += [ip for ip in before if ip not in pool.ips]
            dynamic_pools.pool_domains_follow(call)
        return payload

    return mutated


register(
    Mutant(
        name="dynamic_update_applies_changes.removals_not_saved",
        breaks="updating a dynamic pool adds the add_ip IPs but keeps the remove_ip IPs in it",
        rules=("dynamic_update_applies_changes",),
        wraps=lambda: {"updateDynamicPool": _removals_not_saved},
    )
)
