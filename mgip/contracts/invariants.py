"""State invariants of the rule catalogue, checked on whatever state a server is in.

Each check reads the target through the generated client and returns what it found wrong. It
names the catalogue rules it covers and the sections of the account's state it reads (`reads`);
`CHECKS` is the registry the rule layer runs. After a step it runs the checks that read a
section the step could have changed, and all of them at the end of every example. Reads are
cached (`View`) until a write may have changed them, so checks that need the same list share
one request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from mailgun_ip_client.types import Unset

Problems = list[str]

# The sections of an account's state, as steps change them and checks read them.
IPS = "ips"  # the IP list: which IPs, dedicated or not, assignable to DIPPs
DOMAINS = "domains"  # which IPs each domain sends from
DIPPS = "dipps"  # the DIPPs, their IPs and the domains linked to them
DYNAMIC = "dynamic"  # the dynamic pools' IPs
ENROLLMENT = "enrollment"  # enrolled and assignable domains, their pools and history
WARMUPS = "warmups"  # warm-up plans in flight
SECTIONS = frozenset({IPS, DOMAINS, DIPPS, DYNAMIC, ENROLLMENT, WARMUPS})

# The section of each cached fact, by the prefix of its key in `View.cache`.
_FACT_SECTIONS = {
    "ips": IPS,
    "dipps": DIPPS,
    "dipp": DIPPS,
    "dipp_domains": DIPPS,
    "dynamic": DYNAMIC,
    "enrolled": ENROLLMENT,
    "assignable": ENROLLMENT,
    "warmups": WARMUPS,
    "ip_domains": DOMAINS,
}


def _value(value: Any, default: Any = None) -> Any:
    return default if isinstance(value, Unset) else value


@dataclass(slots=True)
class View:
    """The target's state as the client reads it, fetched on first use within one step."""

    client: Any
    cache: dict[str, Any] = field(default_factory=dict)
    strictness: str = "strict"  # how a refusal is judged: see mgip.contracts.strictness

    def refused(self, rule_id: str, status: int | None, what: str) -> Problems:
        """A problem when `status` (None: accepted) is not the refusal `rule_id` calls for."""
        from mgip.contracts.strictness import refusal_holds

        holds, expected = refusal_holds(rule_id, status, self.strictness)
        got = "200 (accepted)" if status is None else str(status)
        return [] if holds is not False else [f"{what}: {expected}, got {got}"]

    def get(self, key: str, read: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = read()
        return self.cache[key]

    def forget(self, sections: Iterable[str] = SECTIONS) -> None:
        """Drop the cached facts of `sections` (all of them by default): a write may have
        changed them."""
        gone = set(sections)
        for key in list(self.cache):
            if _FACT_SECTIONS[key.split(":", 1)[0]] in gone:
                del self.cache[key]

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
        def page(token: str | None) -> tuple[list[Any], Any]:
            answer = self.client.dipps.list_domains(
                pool_id, limit=limit, **({"page": token} if token else {})
            )
            return list(answer.domains), answer.paging

        return list(self.get(f"dipp_domains:{pool_id}:{limit}", lambda: _all_pages(page)))

    def dynamic_pools(self) -> Any:
        return self.get("dynamic", self.client.dynamic_pools.list_all)

    def enrolled(self) -> list[Any]:
        return list(self.get("enrolled", self.client.dynamic_pools.list_domains).items)

    def assignable(self) -> list[Any]:
        read = self.client.dynamic_pools.list_assignable_domains
        return list(self.get("assignable", read).items)

    def warmups(self) -> list[Any]:
        def page(token: str | None) -> tuple[list[Any], Any]:
            answer = self.client.warmups.list_all(limit=2, **({"page": token} if token else {}))
            return list(answer.items), answer.paging

        return list(self.get("warmups", lambda: _all_pages(page)))

    def ip_domains(self, ip: str) -> list[Any]:
        return list(self.get(f"ip_domains:{ip}", lambda: self.client.ips.list_domains(ip).items))

    def busy_ips(self, count: int) -> list[str]:
        """The account's `count` IPs on the most domains: paging, order and search show only
        where an IP has several domains (ties keep the list's order)."""
        ips = list(self.ips().items)
        return sorted(ips, key=lambda ip: -len(self.ip_domains(ip)))[:count]

    def stranger(self) -> str:
        """An address from the documentation range that is not one of the account's IPs."""
        listed = set(self.ips().items)
        return next(f"203.0.113.{n}" for n in range(254, 1, -1) if f"203.0.113.{n}" not in listed)


def _all_pages(page: Callable[[str | None], tuple[list[Any], Any]]) -> list[Any]:
    """Every item, following the `next` links (bounded, for a server that loops)."""
    found: list[Any] = []
    token: str | None = None
    for _ in range(1000):
        items, paging = page(token)
        found += items
        token = _next_token(_value(paging.next_))
        if token is None or not items:
            break
    return found


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
    reads: frozenset[str]  # the sections whose change can change its verdict
    # False for a read-side rule (paging, search, filters, order, previews, refusals of reads):
    # it holds whatever the state, so it runs on the state every example starts from and ends
    # in, not after every step.
    after_steps: bool = True


CHECKS: list[Check] = []


def check(
    name: str, *rules: str, reads: set[str], after_steps: bool = True
) -> Callable[[Callable[[View], Problems]], Callable[[View], Problems]]:
    unknown = reads - SECTIONS
    if unknown:
        raise ValueError(f"check {name!r} reads unknown sections {sorted(unknown)}")

    def register(function: Callable[[View], Problems]) -> Callable[[View], Problems]:
        CHECKS.append(Check(name, rules, function, frozenset(reads), after_steps))
        return function

    return register


def read_side(
    name: str, *rules: str, reads: set[str]
) -> Callable[[Callable[[View], Problems]], Callable[[View], Problems]]:
    """A check of a read-side rule: see `Check.after_steps`."""
    return check(name, *rules, reads=reads, after_steps=False)


@check("IP list counts", "ips_total_count_matches_items", reads={IPS})
def _ip_counts(view: View) -> Problems:
    return _ip_list_problems(view, (None, True, False), (None,))


@read_side(
    "IP list filters",
    "ips_total_count_matches_items",
    "ips_filtered_list_is_subset",
    reads={IPS},
)
def _ip_filters(view: View) -> Problems:
    return _ip_list_problems(view, (None, True, False), (None, True, False))


def _ip_list_problems(
    view: View, dedicated_values: tuple[bool | None, ...], enabled_values: tuple[bool | None, ...]
) -> Problems:
    problems = []
    everything = set(view.ips().items)
    for dedicated in dedicated_values:
        for enabled in enabled_values:
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


@check("assignable IPs can join a DIPP", "ips_assignable_ips_are_poolable", reads={IPS, DIPPS})
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
    reads={IPS, DIPPS},
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


@check("at most one inherited DIPP", "dipp_at_most_one_inherited", reads={DIPPS})
def _one_inherited(view: View) -> Problems:
    inherited = [p.pool_id for p in view.dipps() if p.is_inherited]
    return [f"{len(inherited)} inherited DIPPs: {inherited}"] if len(inherited) > 1 else []


@check(
    "is_linked and linked_domains agree",
    "dipp_list_is_linked_agrees",
    "dipp_is_linked_matches_linked_domains",
    reads={DIPPS, DOMAINS},
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
    return problems


@read_side(
    "a DIPP's domain pages list its linked domains once each",
    "dipp_domains_match_linked",
    "dipp_domains_paginated",
    reads={DIPPS, DOMAINS},
)
def _dipp_pages(view: View) -> Problems:
    problems: Problems = []
    for pool in view.dipps():
        linked = set(_value(view.dipp(pool.pool_id).linked_domains, []))
        names = [d.name for d in view.dipp_domains(pool.pool_id)]
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
    reads={IPS, DYNAMIC},
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


@check(
    "assignable and enrolled domains are disjoint",
    "dynamic_assignable_excludes_enrolled",
    reads={ENROLLMENT},
)
def _assignable_domains(view: View) -> Problems:
    enrolled = {d.id for d in view.enrolled()}
    both = sorted(d.name for d in view.assignable() if d.id in enrolled)
    return [f"assignable and enrolled at once: {both}"] if both else []


@check(
    "warm-ups: dedicated, owned, paged once each",
    "warmup_list_dedicated_owned",
    "warmup_list_paginated",
    reads={IPS, WARMUPS},
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
    # Following the pages must visit every warm-up: all of them fit on one large page.
    whole = {w.ip for w in view.client.warmups.list_all(limit=1000).items}
    if len(whole) < 1000 and set(listed) != whole:
        problems.append(f"the pages list {sorted(set(listed))}, one page lists {sorted(whole)}")
    return problems


def covered_rules() -> set[str]:
    return {rule for item in CHECKS for rule in item.rules}


# --- read-side rules: they hold whatever the state, and need no write ---------------------------

SAMPLE = 3  # IPs and domains looked at closely per run of a check, to keep its reads bounded


def _enrolled_names(view: View) -> list[str]:
    return sorted(d.name for d in view.enrolled())


@read_side(
    "an IP's domains: only where assigned, in id order, limit and skip",
    "ips_domains_only_where_assigned",
    "ips_domains_limit_caps_page",
    "ips_domains_skip_offsets_window",
    "ips_domains_stable_id_order",
    reads={IPS, DOMAINS, ENROLLMENT},
)
def _ip_domains(view: View) -> Problems:
    problems: Problems = []
    # Domain ids, from the lists that show them: the account's domains are in one or the other.
    ids = {d.name: d.id for d in [*view.assignable(), *view.enrolled()]}
    for ip in view.busy_ips(SAMPLE):
        full = view.ip_domains(ip)
        names = [d.domain for d in full]
        problems += [f"{d.domain} is listed for {ip} without it" for d in full if ip not in d.ips]
        known = [ids[n] for n in names if n in ids]
        if known != sorted(known):
            problems.append(f"{ip}: the domains {names} are not in increasing id order")
        for skip, limit in ((0, 1), (1, 2), (2, 1)):
            page = [
                d.domain for d in view.client.ips.list_domains(ip, skip=skip, limit=limit).items
            ]
            if len(page) > limit:
                problems.append(f"{ip}: limit={limit} returned {len(page)} domains")
            if page != names[skip : skip + limit]:
                problems.append(
                    f"{ip}: skip={skip} limit={limit} gave {page}, not {names[skip : skip + limit]}"
                )
    return problems


@read_side(
    "an IP's domain search",
    "ips_domains_search_restricts_names",
    "ips_domains_search_words_ored",
    "ips_domains_only_where_assigned",
    reads={IPS, DOMAINS},
)
def _ip_domain_search(view: View) -> Problems:
    import re

    problems: Problems = []
    for ip in view.busy_ips(SAMPLE):
        names = [d.domain for d in view.ip_domains(ip)]
        words = sorted({w for n in names for w in re.split(r"[\W_]+", n) if w})[:2]
        if len(words) < 2:
            continue
        found: dict[str, set[str]] = {}
        for query in (words[0], words[1], f"{words[0]} {words[1]}"):
            hits = view.client.ips.list_domains(ip, search=query).items
            found[query] = {d.domain for d in hits}
            # A search narrows the IP's domains: it never adds a domain without the IP.
            problems += [
                f"search {query!r} lists {d.domain} for {ip} without it"
                for d in hits
                if ip not in d.ips
            ]
        for query, hits in found.items():
            stray = [h for h in hits if not any(w in h for w in query.split())]
            if stray:
                problems.append(f"{ip}: search {query!r} returned {stray}")
        union = found[words[0]] | found[words[1]]
        if found[f"{words[0]} {words[1]}"] != union:
            problems.append(f"{ip}: search '{words[0]} {words[1]}' is not the union of its words")
    return problems


@read_side("an IP outside the account is not found", "ips_ip_must_belong_to_account", reads={IPS})
def _foreign_ip(view: View) -> Problems:
    from mailgun_ip_client import ApiError

    stranger = view.stranger()
    try:
        view.client.ips.list_domains(stranger)
    except ApiError as error:
        return view.refused("ips_ip_must_belong_to_account", error.status_code, stranger)
    return [f"the domains of {stranger}, not an IP of the account, were listed"]


@check("every listed DIPP can be read", "dipp_list_covers_all_pools", reads={DIPPS})
def _dipps_readable(view: View) -> Problems:
    from mailgun_ip_client import ApiError

    problems: Problems = []
    for pool in view.dipps():
        try:
            details = view.dipp(pool.pool_id)
        except ApiError as error:
            problems.append(
                f"DIPP {pool.pool_id} is listed but reading it gives {error.status_code}"
            )
            continue
        if (details.name, sorted(details.ips)) != (pool.name, sorted(pool.ips)):
            problems.append(f"DIPP {pool.pool_id}: the list and the details disagree")
    return problems


@read_side(
    "enrolled domains: limit, filters, order",
    "dynamic_domains_limit_caps_items",
    "dynamic_domains_pool_filter",
    "dynamic_domains_account_filter",
    "dynamic_domains_sorted_by_field",
    reads={ENROLLMENT},
)
def _enrolled_listing(view: View) -> Problems:
    from mailgun_ip_client import ApiError
    from mailgun_ip_client.models import (
        ListDynamicPoolDomainsSortBy,
        ListDynamicPoolDomainsSortOrder,
    )

    problems: Problems = []
    everyone = view.enrolled()
    if len(view.client.dynamic_pools.list_domains(limit=1).items) > 1:
        problems.append("limit=1 returned more than one domain")
    for pool in ("dynamic_good", "dynamic_poor", "dynamic_new"):
        items = view.client.dynamic_pools.list_domains(pool=[pool]).items
        problems += [f"pool={pool} listed {d.name} in {d.pool}" for d in items if d.pool != pool]
    accounts = sorted({d.account_id for d in everyone})
    # An id no enrolled domain has must leave the list empty (a refusal lists nothing either).
    absent = next(f"{n:024x}" for n in range(1, 99) if f"{n:024x}" not in accounts)
    for account in [*accounts[:1], absent]:
        try:
            items = view.client.dynamic_pools.list_domains(account=[account]).items
        except ApiError:
            items = []
        problems += [f"account={account} listed {d.name}" for d in items if d.account_id != account]
    names = [d.name for d in everyone]
    if names != sorted(names):
        problems.append(f"the default order is not by name: {names}")
    backwards = view.client.dynamic_pools.list_domains(
        sort_by=ListDynamicPoolDomainsSortBy.NAME,
        sort_order=ListDynamicPoolDomainsSortOrder.DESCENDING,
    ).items
    if [d.name for d in backwards] != sorted(names, reverse=True):
        problems.append("sort_order=descending does not reverse the order")
    by_rate = view.client.dynamic_pools.list_domains(
        sort_by=ListDynamicPoolDomainsSortBy.BOUNCE_RATE
    )
    rates = [r for r in (_value(d.bounce_rate) for d in by_rate.items) if r is not None]
    if rates != sorted(rates):
        problems.append(f"sort_by=bounce_rate lists the rates in the order {rates}")
    return problems


@read_side(
    "preview: names a pool, enrolls nothing, moves nothing",
    "dynamic_preview_names_pool",
    "dynamic_preview_does_not_enroll",
    "dynamic_preview_does_not_set_band",
    reads={ENROLLMENT},
)
def _preview(view: View) -> Problems:
    problems: Problems = []
    before = {d.name: d.pool for d in view.enrolled()}
    candidates = sorted({d.name for d in view.assignable()})[:2] + sorted(before)[:2]
    for name in candidates:
        answer = view.client.dynamic_pools.preview_domain(name)
        if answer.pool not in ("dynamic_good", "dynamic_poor", "dynamic_new"):
            problems.append(f"the preview of {name} names {answer.pool!r}, not a dynamic pool")
    after = {d.name: d.pool for d in view.client.dynamic_pools.list_domains().items}
    if after != before:
        problems.append(f"previews changed the enrolled domains: {before} -> {after}")
    return problems


@read_side(
    "history: scoped, limited, filtered",
    "dynamic_domain_history_scoped",
    "dynamic_history_limit_caps_items",
    "dynamic_history_domain_filter",
    "dynamic_history_moved_to_filter",
    "dynamic_history_moved_from_filter",
    reads={ENROLLMENT},
)
def _history(view: View) -> Problems:
    problems: Problems = []
    for name in _enrolled_names(view)[:SAMPLE]:
        records = view.client.dynamic_pools.domain_history(name)
        problems += [
            f"{name}'s history holds {r.domain_name}'s record"
            for r in records
            if r.domain_name != name
        ]
        filtered = view.client.dynamic_pools.history(domain=name).items
        problems += [
            f"domain={name} returned {r.domain_name}" for r in filtered if r.domain_name != name
        ]
    if len(view.client.dynamic_pools.history(limit=1).items) > 1:
        problems.append("Limit=1 returned more than one event")
    for pool in ("dynamic_good", "dynamic_poor", "dynamic_new"):
        moved_to = view.client.dynamic_pools.history(moved_to=pool).items
        problems += [
            f"moved_to={pool} returned a move to {r.new_band}"
            for r in moved_to
            if r.new_band != pool
        ]
        moved_from = view.client.dynamic_pools.history(moved_from=pool).items
        problems += [
            f"moved_from={pool} returned a move from {r.prev_band}"
            for r in moved_from
            if r.prev_band != pool
        ]
    return problems


@check("listed warm-ups are in flight", "warmup_list_in_flight_only", reads={WARMUPS})
def _warmups_in_flight(view: View) -> Problems:
    from mailgun_ip_client import ApiError

    problems: Problems = []
    for item in view.warmups()[:SAMPLE]:
        try:
            view.client.warmups.get(item.ip)
        except ApiError as error:
            problems.append(
                f"{item.ip} is listed as warming but its status gives {error.status_code}"
            )
    return problems


@read_side(
    "the new-IP allowance changes nothing",
    "ips_allowance_endpoint_deprecated",
    "ips_allowance_shared_field_deprecated",
    reads={IPS},
)
def _allowance(view: View) -> Problems:
    before = sorted(view.ips().items)
    allowance = view.client.ips.get_new_ip_allowance()
    after = sorted(view.client.ips.list_all().items)
    problems = [] if after == before else ["reading the allowance changed the IP list"]
    if not isinstance(allowance.allowed.dedicated, int) or allowance.allowed.dedicated < 0:
        problems.append(f"allowed.dedicated is {allowance.allowed.dedicated!r}")
    return problems


def _refusal(status: int) -> int | None:
    """A status from `_status_of` as `View.refused` takes it: None for an accepted request."""
    return None if status == 200 else status


def _status_of(call: Callable[[], Any]) -> int:
    from mailgun_ip_client import ApiError

    try:
        call()
    except ApiError as error:
        return error.status_code
    return 200


@read_side(
    "a warm-up's status: only in flight, only the account's",
    "warmup_get_requires_in_flight",
    "warmup_ip_must_be_owned",
    reads={IPS, WARMUPS},
)
def _warmup_status(view: View) -> Problems:
    warming = {w.ip for w in view.warmups()}
    dedicated = list(view.ips(dedicated=True).items)
    problems: Problems = []
    idle = [ip for ip in dedicated if ip not in warming][:1]
    for ip in idle:
        status = _status_of(lambda ip=ip: view.client.warmups.get(ip))  # type: ignore[misc]
        what = f"the warm-up of {ip}, which is not warming"
        problems += view.refused("warmup_get_requires_in_flight", _refusal(status), what)
    stranger = view.stranger()
    status = _status_of(lambda: view.client.warmups.get(stranger))
    what = f"the warm-up of {stranger}, not an IP of the account"
    problems += view.refused("warmup_ip_must_be_owned", _refusal(status), what)
    return problems


@read_side(
    "assignable domains: subaccount id and name pattern",
    "dynamic_assignable_subaccount_id_valid",
    "dynamic_assignable_domain_regex",
    reads={ENROLLMENT},
)
def _assignable_filters(view: View) -> Problems:
    import re

    problems: Problems = []
    status = _status_of(
        lambda: view.client.dynamic_pools.list_assignable_domains(subaccount_id="not-an-id")
    )
    problems += view.refused(
        "dynamic_assignable_subaccount_id_valid", _refusal(status), "subaccount_id='not-an-id'"
    )
    names = sorted(d.name for d in view.assignable())
    if names:
        pattern = "^" + re.escape(names[0].split(".")[0])
        found = view.client.dynamic_pools.list_assignable_domains(domain=pattern).items
        problems += [
            f"domain={pattern!r} returned {d.name}" for d in found if not re.search(pattern, d.name)
        ]
        if names[0] not in {d.name for d in found}:
            problems.append(f"domain={pattern!r} left out {names[0]}")
    return problems


@read_side(
    "history time filters",
    "dynamic_history_time_format",
    "dynamic_history_time_window",
    reads={ENROLLMENT},
)
def _history_times(view: View) -> Problems:
    from datetime import UTC
    from email.utils import format_datetime

    problems: Problems = []
    impossible = "Mon, 31 Feb 2026 10:00:00 GMT"  # the pattern holds, the date does not exist
    status = _status_of(lambda: view.client.dynamic_pools.history(before=impossible))
    problems += view.refused(
        "dynamic_history_time_format", _refusal(status), f"before={impossible!r}"
    )
    records = view.client.dynamic_pools.history(limit=20).items
    if records:
        moment = records[len(records) // 2].timestamp.astimezone(UTC)
        stamp = format_datetime(moment, usegmt=True)
        before = view.client.dynamic_pools.history(before=stamp).items
        after = view.client.dynamic_pools.history(after=stamp).items
        problems += [
            f"before={stamp} gave an event at {r.timestamp}"
            for r in before
            if r.timestamp >= moment
        ]
        problems += [
            f"after={stamp} gave an event at {r.timestamp}" for r in after if r.timestamp <= moment
        ]
    return problems


@check("enrolled domains are enrolled", "dynamic_domains_across_accounts", reads={ENROLLMENT})
def _enrolled_have_pools(view: View) -> Problems:
    pools = ("dynamic_good", "dynamic_poor", "dynamic_new")
    return [
        f"{d.name} is listed as enrolled with pool {d.pool!r}"
        for d in view.enrolled()
        if d.pool not in pools
    ]


# --- what the spec's parameters say, beyond the catalogue ---------------------------------------
# These follow the spec's description of a parameter or a field, not a catalogue rule.
SPEC_CHECKS = ("the dedicated filter splits the IP list", "an IP's domain count")


@check(SPEC_CHECKS[0], reads={IPS})
def _dedicated_filter(view: View) -> Problems:
    """dedicated=true and dedicated=false list the account's IPs between them, each IP once, and
    each IP's own details agree with the side it is listed on."""
    everything = set(view.ips().items)
    dedicated, shared = set(view.ips(dedicated=True).items), set(view.ips(dedicated=False).items)
    problems = [f"{ip} is listed both as dedicated and as not" for ip in sorted(dedicated & shared)]
    if dedicated | shared != everything:
        problems.append(f"the two sides miss {sorted(everything - dedicated - shared)}")
    for side, wanted in ((dedicated, True), (shared, False)):
        for ip in sorted(side)[:1]:
            details = view.client.ips.get(ip)
            if details.dedicated is not wanted:
                problems.append(f"{ip} is listed with dedicated={wanted} but reads {details}")
    return problems


@read_side(SPEC_CHECKS[1], reads={IPS, DOMAINS})
def _ip_domain_count(view: View) -> Problems:
    """total_count counts the domains that match, whatever the page: with everything on one
    page, it is the number of items."""
    problems: Problems = []
    for ip in list(view.ips().items)[:SAMPLE]:
        listed = view.client.ips.list_domains(ip, limit=1000)
        if listed.total_count != len(listed.items):
            problems.append(f"{ip}: total_count {listed.total_count} for {len(listed.items)} items")
    return problems
