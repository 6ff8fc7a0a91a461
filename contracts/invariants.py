"""State invariants of the rule catalogue, checked on whatever state a server is in.

Each check reads the target through the generated client and returns what it found wrong. It
names the catalogue rules it covers; `CHECKS` is the registry the rule layer runs after every
step. Reads are cached per step (`View`), so checks that need the same list share one request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from mailgun_ip_client.types import Unset

Problems = list[str]


def _value(value: Any, default: Any = None) -> Any:
    return default if isinstance(value, Unset) else value


@dataclass(slots=True)
class View:
    """The target's state as the client reads it, fetched on first use within one step."""

    client: Any
    cache: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, read: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = read()
        return self.cache[key]

    def ips(self, dedicated: bool | None = None, enabled: bool | None = None) -> Any:
        kwargs = {
            k: v for k, v in (("dedicated", dedicated), ("enabled", enabled)) if v is not None
        }
        return self.get(f"ips:{dedicated}:{enabled}", lambda: self.client.ips.list_all(**kwargs))

    def dipps(self) -> list[Any]:
        return list(self.get("dipps", self.client.dipps.list_all).ip_pools)

    def dipp(self, pool_id: str) -> Any:
        return self.get(f"dipp:{pool_id}", lambda: self.client.dipps.get(pool_id).details)

    def dipp_domains(self, pool_id: str, limit: int = 10) -> list[Any]:
        def read() -> list[Any]:
            found: list[Any] = []
            page: Any = None
            for _ in range(1000):
                answer = self.client.dipps.list_domains(
                    pool_id, limit=limit, **({"page": page} if page else {})
                )
                found += answer.domains
                page = _next_token(_value(answer.paging.next_))
                if page is None or not answer.domains:
                    return found
            return found

        return list(self.get(f"dipp_domains:{pool_id}:{limit}", read))

    def dynamic_pools(self) -> Any:
        return self.get("dynamic", self.client.dynamic_pools.list_all)

    def enrolled(self) -> list[Any]:
        return list(self.get("enrolled", self.client.dynamic_pools.list_domains).items)

    def assignable(self) -> list[Any]:
        read = self.client.dynamic_pools.list_assignable_domains
        return list(self.get("assignable", read).items)

    def warmups(self) -> list[Any]:
        def read() -> list[Any]:
            found: list[Any] = []
            page: Any = None
            for _ in range(1000):
                answer = self.client.warmups.list_all(limit=2, **({"page": page} if page else {}))
                found += answer.items
                page = _next_token(_value(answer.paging.next_))
                if page is None or not answer.items:
                    return found
            return found

        return list(self.get("warmups", read))


def _next_token(url: str | None) -> str | None:
    from urllib.parse import parse_qs, urlsplit

    if not url:
        return None
    values = parse_qs(urlsplit(url).query).get("page")
    return values[0] if values else None


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    rules: tuple[str, ...]
    run: Callable[[View], Problems]


CHECKS: list[Check] = []


def check(
    name: str, *rules: str
) -> Callable[[Callable[[View], Problems]], Callable[[View], Problems]]:
    def register(function: Callable[[View], Problems]) -> Callable[[View], Problems]:
        CHECKS.append(Check(name, rules, function))
        return function

    return register


@check("IP list counts and filters", "ips_total_count_matches_items", "ips_filtered_list_is_subset")
def _ip_lists(view: View) -> Problems:
    problems = []
    everything = set(view.ips().items)
    for dedicated in (None, True, False):
        for enabled in (None, True, False):
            listed = view.ips(dedicated, enabled)
            if listed.total_count != len(listed.items):
                problems.append(
                    f"dedicated={dedicated} enabled={enabled}: total_count {listed.total_count}"
                    f" but {len(listed.items)} items"
                )
            if not set(listed.items) <= everything:
                extra = sorted(set(listed.items) - everything)
                problems.append(f"dedicated={dedicated} enabled={enabled} adds {extra}")
    return problems


@check("assignable IPs can join a DIPP", "ips_assignable_ips_are_poolable")
def _assignable(view: View) -> Problems:
    assignable = _value(view.ips().assignable_to_pools, [])
    dedicated = set(view.ips(dedicated=True).items)
    in_pools = {ip for pool in view.dipps() for ip in pool.ips}
    problems = [
        f"{ip} is listed as assignable but is in a DIPP" for ip in assignable if ip in in_pools
    ]
    problems += [
        f"{ip} is listed as assignable, not dedicated" for ip in assignable if ip not in dedicated
    ]
    return problems


@check(
    "DIPPs hold dedicated IPs, each in one pool",
    "dipp_holds_only_dedicated_ips",
    "dipp_ip_in_one_pool",
)
def _dipp_ips(view: View) -> Problems:
    dedicated = set(view.ips(dedicated=True).items)
    problems: Problems = []
    seen: dict[str, str] = {}
    for pool in view.dipps():
        for ip in pool.ips:
            if ip not in dedicated:
                problems.append(
                    f"DIPP {pool.pool_id} holds {ip}, not a dedicated IP of the account"
                )
            if ip in seen and seen[ip] != pool.pool_id:
                problems.append(f"{ip} is in DIPPs {seen[ip]} and {pool.pool_id}")
            seen[ip] = pool.pool_id
    return problems


@check("at most one inherited DIPP", "dipp_at_most_one_inherited")
def _one_inherited(view: View) -> Problems:
    inherited = [p.pool_id for p in view.dipps() if p.is_inherited]
    return [f"{len(inherited)} inherited DIPPs: {inherited}"] if len(inherited) > 1 else []


@check(
    "is_linked, linked_domains and the DIPP's domain pages agree",
    "dipp_list_is_linked_agrees",
    "dipp_is_linked_matches_linked_domains",
    "dipp_domains_match_linked",
    "dipp_domains_paginated",
)
def _dipp_links(view: View) -> Problems:
    problems: Problems = []
    for pool in view.dipps():
        details = view.dipp(pool.pool_id)
        linked = set(_value(details.linked_domains, []))
        if details.is_linked != bool(linked):
            problems.append(
                f"DIPP {pool.pool_id}: is_linked {details.is_linked}, linked {sorted(linked)}"
            )
        if pool.is_linked != details.is_linked:
            problems.append(f"DIPP {pool.pool_id}: the list says is_linked {pool.is_linked}")
        paged = view.dipp_domains(pool.pool_id)
        names = [d.name for d in paged]
        if len(names) != len(set(names)):
            problems.append(f"DIPP {pool.pool_id}: a domain repeats across pages")
        if set(names) != linked:
            problems.append(
                f"DIPP {pool.pool_id}: pages list {sorted(names)}, details {sorted(linked)}"
            )
    return problems


@check(
    "dynamic pools: reputation keys, dedicated IPs, one pool per IP",
    "dynamic_list_shows_pool_ips",
    "dynamic_pools_hold_dedicated_owned_ips",
    "dynamic_pools_disjoint",
)
def _dynamic_pools(view: View) -> Problems:
    listing = view.dynamic_pools()
    pools = {p.name: list(p.ips) for p in listing.pools}
    problems: Problems = []
    for name, key in (
        ("dynamic_good", "good_reputation"),
        ("dynamic_poor", "poor_reputation"),
        ("dynamic_new", "new_senders"),
    ):
        keyed = _value(getattr(listing, key), [])
        if sorted(keyed) != sorted(pools.get(name, [])):
            problems.append(f"{key} {sorted(keyed)} but {name} holds {sorted(pools.get(name, []))}")
    dedicated = set(view.ips(dedicated=True).items)
    seen: dict[str, str] = {}
    for name, ips in pools.items():
        for ip in ips:
            if ip not in dedicated:
                problems.append(f"{name} holds {ip}, not a dedicated IP of the account")
            if ip in seen:
                problems.append(f"{ip} is in dynamic pools {seen[ip]} and {name}")
            seen[ip] = name
    return problems


@check("assignable and enrolled domains are disjoint", "dynamic_assignable_excludes_enrolled")
def _assignable_domains(view: View) -> Problems:
    enrolled = {d.id for d in view.enrolled()}
    both = sorted(d.name for d in view.assignable() if d.id in enrolled)
    return [f"assignable and enrolled at once: {both}"] if both else []


@check(
    "warm-ups: dedicated, owned, paged once each",
    "warmup_list_dedicated_owned",
    "warmup_list_paginated",
)
def _warmups(view: View) -> Problems:
    dedicated = set(view.ips(dedicated=True).items)
    listed = [w.ip for w in view.warmups()]
    problems = [
        f"{ip} warms up but is not a dedicated IP of the account"
        for ip in listed
        if ip not in dedicated
    ]
    if len(listed) != len(set(listed)):
        problems.append("an IP appears on two warm-up pages")
    return problems


def covered_rules() -> set[str]:
    return {rule for item in CHECKS for rule in item.rules}
