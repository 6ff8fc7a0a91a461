"""Rule mutants of the IP list, an IP's domains, IPs on every domain, and a domain's IPs.

Each one is a plausible bug in one documented behaviour (a forgotten filter, an off-by-one, a
background job that skips a case); everything else answers as the correct server does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mgip.server import jobs
from mgip.server.model import Domain, Ip, World
from mgip.server.mutants import Mutant, Patch, Wrap, answers, register, with_inputs
from mgip.server.operations import Call, Handler
from mgip.server.operations import domain_ips as domain_ops
from mgip.server.operations import ips as ips_ops

DOMAIN_REMOVALS = ("removeDomainIp", "removeDomainPoolIp")
# The correct effect, kept before any patch swaps the registry's entry.
_REMOVE_EVERYWHERE = jobs.EFFECTS["remove_ip_everywhere"]


def _both_paths(wrap: Wrap) -> dict[str, Wrap]:
    """The same wrapper on the two equivalent paths of a domain's IP removal."""
    return dict.fromkeys(DOMAIN_REMOVALS, wrap)


def _effect(kind: str, broken: Callable[[World, dict[str, Any]], None]) -> tuple[Patch, ...]:
    return ((jobs.EFFECTS, kind, broken),)


# --- the account's IP list -----------------------------------------------------------------------
def _unfiltered_count(call: Call, body: dict[str, Any]) -> dict[str, Any]:
    body["total_count"] = len(call.world.account_ips(call.account))
    return body


def _shared_from_everyone(call: Call, body: dict[str, Any]) -> dict[str, Any]:
    # Shared IPs come from a system-wide pool, and this filter looks in the pool, not the account.
    if call.query.get("dedicated") is not False:
        return body
    enabled = call.query.get("enabled")
    extra = [
        ip
        for ip in call.world.ips.values()
        if not ip.dedicated
        and ip.address not in body["items"]
        and (enabled is None or ip.enabled == enabled)
    ]
    body["items"] += [ip.address for ip in extra]
    body["details"] += [ips_ops.detail(ip) for ip in extra]
    body["total_count"] = len(body["items"])
    return body


def _assignable_always(call: Call, body: dict[str, Any]) -> dict[str, Any]:
    body.setdefault("assignable_to_pools", [])
    return body


def _assignable_ignores_dipps(call: Call, body: dict[str, Any]) -> dict[str, Any]:
    if "assignable_to_pools" in body:
        body["assignable_to_pools"] = [
            ip.address
            for ip in call.world.account_ips(call.account)
            if ip.dedicated and ip.account_id == call.account.id
        ]
    return body


# --- an IP's domains ----------------------------------------------------------------------------
def _window(call: Call, items: list[Any]) -> list[Any]:
    skip, limit = call.query.get("skip", 0), call.query.get("limit")
    return items[skip:] if limit is None else items[skip : skip + limit]


def _all_of_ip(call: Call, handler: Handler) -> list[dict[str, Any]]:
    """Every domain of the IP, id-ordered, as the correct handler lists it without search/paging."""
    bare = {k: v for k, v in call.query.items() if k not in ("search", "skip", "limit")}
    return list(handler(with_inputs(call, query=bare))["items"])


def _paged(change: Callable[[Call, list[dict[str, Any]]], list[dict[str, Any]]]) -> Wrap:
    """A listIpDomains whose matching list is `change`d before skip and limit apply."""

    def wrap(handler: Handler) -> Handler:
        def mutated(call: Call) -> Any:
            handler(call)  # its refusals stay: a foreign IP, a negative skip or limit
            matching = change(call, _all_of_ip(call, handler))
            return {"items": _window(call, matching), "total_count": len(matching)}

        return mutated

    return wrap


def _search_without_ip(call: Call, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # The search branch queries the account's domains and forgets to keep only the IP's.
    search = call.query.get("search") or ""
    if not search:
        return items
    domains = call.world.account_domains(call.account)
    chosen = [d for d in domains if ips_ops.matches_search(d.name, search)]
    return [{"domain": d.name, "ips": list(d.ips)} for d in chosen]


def _searched(call: Call, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    search = call.query.get("search") or ""
    return [i for i in items if ips_ops.matches_search(i["domain"], search)]


def _by_name(call: Call, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(_searched(call, items), key=lambda item: item["domain"])


def _all_words(call: Call, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    words = [
        w for w in ips_ops.WORD_SEPARATORS.split((call.query.get("search") or "").lower()) if w
    ]
    return [i for i in items if all(w in i["domain"].lower() for w in words)]


def _limit_plus_one(handler: Handler) -> Handler:
    def mutated(call: Call) -> Any:
        limit = call.query.get("limit")
        if limit is None or limit < 0:  # a negative limit is still refused
            return handler(call)
        return handler(with_inputs(call, query={**call.query, "limit": limit + 1}))

    return mutated


def _skip_ignored(handler: Handler) -> Handler:
    def mutated(call: Call) -> Any:
        if call.query.get("skip", 0) < 0:  # a negative skip is still refused
            return handler(call)
        return handler(with_inputs(call, query={**call.query, "skip": 0}))

    return mutated


def _search_ignored(handler: Handler) -> Handler:
    def mutated(call: Call) -> Any:
        bare = {k: v for k, v in call.query.items() if k != "search"}
        return handler(with_inputs(call, query=bare))

    return mutated


# --- an IP on every domain (background jobs) ----------------------------------------------------
def _assign_skipping_enrolled(world: World, args: dict[str, Any]) -> None:
    # Domains in Dynamic IP Pools were taken to get their IPs from the pools only.
    for domain in world.domains.values():
        mine = domain.account_id == args["account_id"]
        if mine and not domain.enrolled and args["ip"] not in domain.ips:
            domain.ips.append(args["ip"])


def _remove_from_first_domain(world: World, args: dict[str, Any]) -> None:
    ip, alternative = args["ip"], args.get("alternative")
    for domain in world.domains.values():
        if domain.account_id != args["account_id"] or ip not in domain.ips:
            continue
        domain.ips.remove(ip)
        if alternative and alternative not in domain.ips:
            domain.ips.append(alternative)
        return  # meant to leave the inner search, it ends the whole job


def _assign_to_linked_too(world: World, args: dict[str, Any]) -> None:
    # The DIPP link is not looked at: a linked domain gets the IP as well.
    for domain in world.domains.values():
        if domain.account_id == args["account_id"] and args["ip"] not in domain.ips:
            domain.ips.append(args["ip"])


def _remove_emptying_domains(world: World, args: dict[str, Any]) -> None:
    # The last-IP limit of the single removal is forgotten: a domain may be left with no IP.
    ip, alternative = args["ip"], args.get("alternative")
    for domain in world.domains.values():
        mine = domain.account_id == args["account_id"]
        if mine and ip in domain.ips and domain.dipp_id is None:
            domain.ips.remove(ip)
            if alternative and alternative not in domain.ips:
                domain.ips.append(alternative)


def _remove_without_alternative(world: World, args: dict[str, Any]) -> None:
    _REMOVE_EVERYWHERE(world, {**args, "alternative": None})


# --- the new-IP allowance and new IPs -----------------------------------------------------------
def _allowance_claims(call: Call, body: dict[str, Any]) -> dict[str, Any]:
    # The legacy endpoint reserves the next address as it counts, as if asked for one.
    if body["allowed"]["dedicated"] > 0:
        address = call.world.allocate_address()
        call.world.ips[address] = Ip(address=address, account_id=call.account.id, dedicated=True)
    return body


def _shared_as_text(call: Call, body: dict[str, Any]) -> dict[str, Any]:
    # The deprecation is written into the field itself. Leaving the field out, or any count in
    # it, is allowed: clients must not depend on it, so only its documented type can be broken.
    body["allowed"]["shared"] = "deprecated"
    return body


def _new_ip_shared(handler: Handler) -> Handler:
    def mutated(call: Call) -> Any:
        before = set(call.world.ips)
        answer = handler(call)
        for address in set(call.world.ips) - before:
            call.world.ips[address].dedicated = False
        return answer

    return mutated


# --- a domain's IPs -----------------------------------------------------------------------------
Fix = Callable[[Call, Domain, list[str], str | None], None]


def _after_removal(fix: Fix) -> Wrap:
    """After a successful removal, `fix(call, domain, ips before, DIPP before)` runs."""

    def wrap(handler: Handler) -> Handler:
        def mutated(call: Call) -> Any:
            domain = call.world.find_domain(call.account, call.path["name"])
            if domain is None:
                return handler(call)
            ips, dipp_id = list(domain.ips), domain.dipp_id
            answer = handler(call)
            fix(call, domain, ips, dipp_id)
            return answer

        return mutated

    return wrap


def _first_ip_instead(handler: Handler) -> Handler:
    # The removal takes the domain's first IP, whichever the path names.
    def mutated(call: Call) -> Any:
        domain = call.world.find_domain(call.account, call.path["name"])
        named = call.path["ip"]
        if domain is None or named in ("all", "ip_pool") or named not in domain.ips:
            return handler(call)
        return handler(with_inputs(call, path={**call.path, "ip": domain.ips[0]}))

    return mutated


def _all_keeps_dipp(call: Call, domain: Domain, _ips: list[str], dipp_id: str | None) -> None:
    if call.path["ip"] == "all":
        domain.dipp_id = dipp_id


def _unlink_ip_keeps_dipp(call: Call, domain: Domain, _ips: list[str], dipp_id: str | None) -> None:
    if call.path["ip"] == "ip_pool" and call.query.get("ip") is not None:
        domain.dipp_id = dipp_id


def _unlink_ip_keeps_ips(call: Call, domain: Domain, ips: list[str], _dipp: str | None) -> None:
    if call.path["ip"] == "ip_pool" and call.query.get("ip") not in (None, "shared"):
        domain.ips = ips


def _unlink_pool_unlinked(call: Call, domain: Domain, _ips: list[str], _dipp: str | None) -> None:
    # The replacement's IPs are copied over, but the link itself is never made.
    if call.path["ip"] == "ip_pool" and call.query.get("pool_id") is not None:
        domain.dipp_id = None


def _shared_keeps_ips(call: Call, domain: Domain, ips: list[str], _dipp: str | None) -> None:
    if call.path["ip"] == "ip_pool" and call.query.get("ip") == "shared":
        domain.ips = ips


def _top_up_always(call: Call, remaining: list[str], removed: str) -> str | None:
    """A ready IP added whatever the IPs the domain keeps: the warm-up test was left out."""
    world = call.world
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


# --- the registry -------------------------------------------------------------------------------
def _rule(
    name: str,
    breaks: str,
    wraps: Callable[[], dict[str, Wrap]] = lambda: {},
    patches: Callable[[], tuple[Patch, ...]] = lambda: (),
) -> None:
    rule_id = name.split(".", maxsplit=1)[0]
    register(Mutant(name=name, breaks=breaks, rules=(rule_id,), wraps=wraps, patches=patches))


_rule(
    "ips_total_count_matches_items.unfiltered_count",
    "the IP list's total_count counts every IP of the account, whatever the filters",
    lambda: {"listIps": answers(_unfiltered_count)},
)
_rule(
    "ips_filtered_list_is_subset.shared_from_everyone",
    "dedicated=false lists the shared IPs of every account, not only the account's",
    lambda: {"listIps": answers(_shared_from_everyone)},
)
_rule(
    "ips_assignable_absent_without_dipps.always_present",
    "the IP list has assignable_to_pools (empty) for accounts without DIPPs too",
    lambda: {"listIps": answers(_assignable_always)},
)
_rule(
    "ips_assignable_ips_are_poolable.ignores_dipps",
    "assignable_to_pools lists every dedicated IP, also those already in a DIPP",
    lambda: {"listIps": answers(_assignable_ignores_dipps)},
)
_rule(
    "ips_domains_only_where_assigned.search_ignores_ip",
    "with a search, an IP's domain list holds every matching domain, whatever its IPs",
    lambda: {"listIpDomains": _paged(_search_without_ip)},
)
_rule(
    "ips_domains_stable_id_order.by_name",
    "an IP's domains are ordered by name, not by id, before skip and limit apply",
    lambda: {"listIpDomains": _paged(_by_name)},
)
_rule(
    "ips_domains_limit_caps_page.one_extra",
    "an IP's domain list returns limit + 1 domains",
    lambda: {"listIpDomains": _limit_plus_one},
)
_rule(
    "ips_domains_skip_offsets_window.skip_ignored",
    "an IP's domain list ignores skip and always starts from the first domain",
    lambda: {"listIpDomains": _skip_ignored},
)
_rule(
    "ips_domains_search_restricts_names.search_ignored",
    "an IP's domain list ignores search and lists all of the IP's domains",
    lambda: {"listIpDomains": _search_ignored},
)
_rule(
    "ips_domains_search_words_ored.words_anded",
    "a search of several words returns the domains matching all of them, not any",
    lambda: {"listIpDomains": _paged(_all_words)},
)
_rule(
    "ips_assign_all_adds_to_every_domain.skips_enrolled",
    "assigning an IP to all domains leaves out the domains enrolled in Dynamic IP Pools",
    patches=lambda: _effect("assign_ip_everywhere", _assign_skipping_enrolled),
)
_rule(
    "ips_remove_all_clears_every_domain.first_domain_only",
    "removing an IP from all domains takes it off the first domain that has it and stops",
    patches=lambda: _effect("remove_ip_everywhere", _remove_from_first_domain),
)
_rule(
    "ips_bulk_skips_dipp_linked_domains.linked_altered",
    "assigning an IP to all domains also adds it to a domain linked to a DIPP",
    patches=lambda: _effect("assign_ip_everywhere", _assign_to_linked_too),
)
_rule(
    "ips_remove_all_keeps_last_ip_without_shared.empties_domain",
    "without shared IPs, removing an IP from all domains leaves a domain whose only IP it was"
    " with none",
    patches=lambda: _effect("remove_ip_everywhere", _remove_emptying_domains),
)
_rule(
    "ips_remove_all_alternative_replaces.alternative_ignored",
    "removing an IP from all domains never puts the alternative IP in its place",
    patches=lambda: _effect("remove_ip_everywhere", _remove_without_alternative),
)
_rule(
    "ips_allowance_endpoint_deprecated.claims_an_ip",
    "reading the new-IP allowance also adds a dedicated IP to the account",
    lambda: {"getNewIpAllowance": answers(_allowance_claims)},
)
_rule(
    "ips_allowance_shared_field_deprecated.shared_as_text",
    "the deprecated allowed.shared is answered as the text 'deprecated', not a count",
    lambda: {"getNewIpAllowance": answers(_shared_as_text)},
)
_rule(
    "ips_new_ip_added_as_dedicated.added_as_shared",
    "a new IP requested for the account is added as a shared IP, not a dedicated one",
    lambda: {"requestNewIp": _new_ip_shared},
)
_rule(
    "domain_ips_remove_single_ip.removes_first_ip",
    "removing one IP from a domain takes off the domain's first IP, not the one named",
    lambda: _both_paths(_first_ip_instead),
)
_rule(
    "domain_ips_all_removes_domain_pool.keeps_dipp_link",
    "'all' empties the domain's IPs but leaves it linked to its DIPP",
    lambda: _both_paths(_after_removal(_all_keeps_dipp)),
)
_rule(
    "domain_ips_ip_pool_unlinks_dipp.ip_keeps_link",
    "unlinking a DIPP with a replacement IP (or 'shared') gives the IP but keeps the DIPP link",
    lambda: _both_paths(_after_removal(_unlink_ip_keeps_dipp)),
)
_rule(
    "domain_ips_extra_ip_when_all_warming.tops_up_always",
    "removing a domain's IP without shared IPs always adds a ready IP, warming or not",
    patches=lambda: ((domain_ops, "extra_ip_if_all_warming", _top_up_always),),
)
_rule(
    "domain_ips_unlink_replacement_ip_assigned.keeps_pool_ips",
    "unlinking a DIPP with a replacement IP leaves the DIPP's IPs on the domain instead",
    lambda: _both_paths(_after_removal(_unlink_ip_keeps_ips)),
)
_rule(
    "domain_ips_unlink_replacement_dipp_linked.copies_ips_only",
    "unlinking with a replacement pool_id copies its IPs but never links the domain to it",
    lambda: _both_paths(_after_removal(_unlink_pool_unlinked)),
)
_rule(
    "domain_ips_shared_assigns_shared_ip.keeps_pool_ips",
    "unlinking a DIPP with 'shared' leaves the DIPP's dedicated IPs on the domain",
    lambda: _both_paths(_after_removal(_shared_keeps_ips)),
)
