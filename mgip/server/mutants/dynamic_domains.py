"""Rule mutants of Dynamic IP Pools, domain side: enrolled domains, previews, overrides, history.

Each mutant breaks one state invariant, side effect, asynchronous effect or read-only promise of
the catalogue, by wrapping the operation's handler or by swapping the health-check round, and
leaves every answer valid against the spec.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, timedelta
from email.utils import format_datetime
from typing import Any

from mailgun_ip_client.rules import Rule

from mgip.server import health
from mgip.server.model import Domain, World
from mgip.server.mutants import Mutant, Wrap, answers, instead, register, with_inputs
from mgip.server.operations import Call, Handler
from mgip.server.operations import dynamic_domains as ops

# --- building blocks ----------------------------------------------------------------------------


def _without(*names: str) -> Wrap:
    """The handler called as though the client had not sent these query parameters."""

    def wrap(handler: Handler) -> Handler:
        def mutated(call: Call) -> Any:
            query = {k: v for k, v in call.query.items() if k not in names}
            return handler(with_inputs(call, query=query))

        return mutated

    return wrap


def _sent(**values: Any) -> Wrap:
    """The handler called as though the client had sent these query parameters."""

    def wrap(handler: Handler) -> Handler:
        def mutated(call: Call) -> Any:
            return handler(with_inputs(call, query={**call.query, **values}))

        return mutated

    return wrap


def _renamed(source: str, target: str) -> Wrap:
    """The handler called with query parameter `source` sent as `target` instead."""

    def wrap(handler: Handler) -> Handler:
        def mutated(call: Call) -> Any:
            query = dict(call.query)
            if query.get(source) is not None:
                query[target] = query.pop(source)
            return handler(with_inputs(call, query=query))

        return mutated

    return wrap


def _health_round(*, record: bool = True, honour_override: bool = True) -> Callable[..., Any]:
    """A health-check round like `health.run`, wrong in the way the flags say."""

    def run(
        world: World, domains: list[Domain], initiated_by: str = "health_check"
    ) -> list[Domain]:
        moved = []
        for domain in domains:
            if not domain.enrolled or (honour_override and domain.override):
                continue
            verdict = health.assess(domain.metrics, world.settings.health)
            if record:
                changed = health.place(world, domain, verdict.pool, "health_check", initiated_by)
            else:
                changed = domain.pool != verdict.pool
                domain.pool = verdict.pool
                health.follow_pool(world, domain)
            if changed:
                moved.append(domain)
        return moved

    return run


def _verdict(call: Call, domain: Domain) -> str:
    return health.assess(domain.metrics, call.world.settings.health).pool


# --- enrolled domains -----------------------------------------------------------------------------


def _parent_only(handler: Handler) -> Handler:
    def mutated(call: Call) -> Any:
        # The whole list, then the account's own domains: the subaccounts' are dropped.
        whole = handler(with_inputs(call, query={**call.query, "limit": None}))
        items = [i for i in whole["items"] if i["account_id"] == call.account.id]
        limit = call.query.get("limit")
        return {**whole, "items": items[:limit] if limit else items, "total_items": len(items)}

    return mutated


# --- previews -------------------------------------------------------------------------------------


def _preview_enrolls(handler: Handler) -> Handler:
    def mutated(call: Call) -> Any:
        answer = handler(call)
        domain = call.domain(Rule.DYNAMIC_OBJECTS_EXIST)
        if not domain.enrolled:  # the preview shares the enrollment path and places the domain
            domain.dipp_id = None
            health.place(call.world, domain, answer["pool"], "enrolled", call.requestor)
        return answer

    return mutated


def _preview_applies_verdict(handler: Handler) -> Handler:
    def mutated(call: Call) -> Any:
        answer = handler(call)
        domain = call.domain(Rule.DYNAMIC_OBJECTS_EXIST)
        if domain.enrolled:  # the preview's verdict is applied, override or not
            health.place(call.world, domain, answer["pool"], "health_check", call.requestor)
        return answer

    return mutated


def _preview_current_pool(call: Call, answer: Any) -> Any:
    # The current assignment is reported instead of the health check's result.
    domain = call.domain(Rule.DYNAMIC_OBJECTS_EXIST)
    return {**answer, "pool": domain.pool} if domain.enrolled else answer


def _preview_band_word(_call: Call, answer: Any) -> Any:
    return {**answer, "pool": answer["pool"].removeprefix("dynamic_")}


# --- domain history and overrides -----------------------------------------------------------------


def _history_of_account(call: Call) -> Any:
    domain = call.domain(Rule.DYNAMIC_OBJECTS_EXIST)
    records = [r for r in call.world.history if r.account_id == domain.account_id]
    return [ops.history_record(call, r) for r in ops.newest_first(records)]


def _override_not_placed(handler: Handler) -> Handler:
    def mutated(call: Call) -> Any:
        domain = call.domain(Rule.DYNAMIC_OBJECTS_EXIST)
        pool, ips, recorded = domain.pool, list(domain.ips), len(call.world.history)
        answer = handler(call)
        # Pinned, but left where it was: no move, no record.
        domain.pool, domain.ips = pool, ips
        del call.world.history[recorded:]
        return answer

    return mutated


def _override_kept(call: Call) -> Any:
    domain = call.domain(Rule.DYNAMIC_OBJECTS_EXIST)
    if not domain.override:
        return {"message": "success"}
    return {"message": f"override removed; health checks manage {domain.name} again"}


# --- account history ------------------------------------------------------------------------------


def _inclusive_window(handler: Handler) -> Handler:
    def mutated(call: Call) -> Any:
        # One second wider on each side: events at the bound itself are kept.
        query = dict(call.query)
        for name, step in (("before", 1), ("after", -1)):
            moment = ops.rfc1123(name, query.get(name))
            if moment is not None:
                query[name] = format_datetime(
                    (moment + timedelta(seconds=step)).astimezone(UTC), usegmt=True
                )
        return handler(with_inputs(call, query=query))

    return mutated


# --- the mutants ----------------------------------------------------------------------------------

for _mutant in (
    Mutant(
        "dynamic_pool_follows_health_checks.unrecorded",
        "health checks move enrolled domains between pools but write no history record",
        ("dynamic_pool_follows_health_checks",),
        patches=lambda: ((health, "run", _health_round(record=False)),),
    ),
    Mutant(
        "dynamic_domains_across_accounts.parent_only",
        "the enrolled-domains list leaves out the subaccounts' enrolled domains",
        ("dynamic_domains_across_accounts",),
        wraps=lambda: {"listDynamicPoolDomains": _parent_only},
    ),
    Mutant(
        "dynamic_domains_limit_caps_items.ignored",
        "the enrolled-domains list ignores limit and returns every domain",
        ("dynamic_domains_limit_caps_items",),
        wraps=lambda: {"listDynamicPoolDomains": _without("limit")},
    ),
    Mutant(
        "dynamic_domains_account_filter.ignored",
        "the enrolled-domains list ignores the account filter",
        ("dynamic_domains_account_filter",),
        wraps=lambda: {"listDynamicPoolDomains": _without("account")},
    ),
    Mutant(
        "dynamic_domains_pool_filter.ignored",
        "the enrolled-domains list ignores the pool filter",
        ("dynamic_domains_pool_filter",),
        wraps=lambda: {"listDynamicPoolDomains": _without("pool")},
    ),
    Mutant(
        "dynamic_domains_sorted_by_field.always_by_name",
        "enrolled domains are always sorted by name, whatever sort_by says",
        ("dynamic_domains_sorted_by_field",),
        wraps=lambda: {"listDynamicPoolDomains": _without("sort_by")},
    ),
    Mutant(
        "dynamic_domains_sorted_by_field.order_ignored",
        "enrolled domains are always sorted ascending, whatever sort_order says",
        ("dynamic_domains_sorted_by_field",),
        wraps=lambda: {"listDynamicPoolDomains": _without("sort_order")},
    ),
    Mutant(
        "dynamic_preview_does_not_enroll.enrolls",
        "previewing a domain that is not enrolled enrolls it in the previewed pool",
        ("dynamic_preview_does_not_enroll",),
        wraps=lambda: {"previewDomainPool": _preview_enrolls},
    ),
    Mutant(
        "dynamic_preview_does_not_set_band.applies_verdict",
        "previewing an enrolled domain moves it to the previewed pool, even past an override",
        ("dynamic_preview_does_not_set_band",),
        wraps=lambda: {"previewDomainPool": _preview_applies_verdict},
    ),
    Mutant(
        "dynamic_preview_names_pool.current_pool",
        "the preview of an enrolled domain names its current pool, not the health check's result",
        ("dynamic_preview_names_pool",),
        wraps=lambda: {"previewDomainPool": answers(_preview_current_pool)},
    ),
    Mutant(
        "dynamic_preview_names_pool.band_word",
        "the preview names the band (good, poor, new) instead of the dynamic pool",
        ("dynamic_preview_names_pool",),
        wraps=lambda: {"previewDomainPool": answers(_preview_band_word)},
    ),
    Mutant(
        "dynamic_domain_history_scoped.whole_account",
        "a domain's history holds the records of every domain of its account",
        ("dynamic_domain_history_scoped",),
        wraps=lambda: {"listDomainHistory": instead(_history_of_account)},
    ),
    Mutant(
        "dynamic_override_sets_pool.not_moved",
        "an override pins the domain but leaves it in the pool it was in",
        ("dynamic_override_sets_pool",),
        wraps=lambda: {"setDomainOverride": _override_not_placed},
    ),
    Mutant(
        "dynamic_override_freezes_health_checks.ignored",
        "health checks move overridden domains as though they had no override",
        ("dynamic_override_freezes_health_checks",),
        patches=lambda: ((health, "run", _health_round(honour_override=False)),),
    ),
    Mutant(
        "dynamic_override_removal_resumes_checks.still_pinned",
        "removing an override answers success but the domain stays pinned to its pool",
        ("dynamic_override_removal_resumes_checks",),
        wraps=lambda: {"removeDomainOverride": instead(_override_kept)},
    ),
    Mutant(
        "dynamic_history_across_accounts.always_subaccounts",
        "the account history always includes the subaccounts' records",
        ("dynamic_history_across_accounts",),
        wraps=lambda: {"listDynamicPoolHistory": _sent(include_subaccounts=True)},
    ),
    Mutant(
        "dynamic_history_across_accounts.never_subaccounts",
        "the account history ignores include_subaccounts=true and lists the parent's records only",
        ("dynamic_history_across_accounts",),
        wraps=lambda: {"listDynamicPoolHistory": _without("include_subaccounts")},
    ),
    Mutant(
        "dynamic_history_limit_caps_items.ignored",
        "the account history ignores Limit and returns every event",
        ("dynamic_history_limit_caps_items",),
        wraps=lambda: {"listDynamicPoolHistory": _without("Limit")},
    ),
    Mutant(
        "dynamic_history_domain_filter.ignored",
        "the account history ignores the domain filter",
        ("dynamic_history_domain_filter",),
        wraps=lambda: {"listDynamicPoolHistory": _without("domain")},
    ),
    Mutant(
        "dynamic_history_time_window.inclusive",
        "before and after keep events at the given second, as though they were inclusive bounds",
        ("dynamic_history_time_window",),
        wraps=lambda: {"listDynamicPoolHistory": _inclusive_window},
    ),
    Mutant(
        "dynamic_history_time_window.after_ignored",
        "the account history ignores the after filter",
        ("dynamic_history_time_window",),
        wraps=lambda: {"listDynamicPoolHistory": _without("after")},
    ),
    Mutant(
        "dynamic_history_moved_to_filter.matches_prev_band",
        "moved_to is matched against the pool the domain was moved from",
        ("dynamic_history_moved_to_filter",),
        wraps=lambda: {"listDynamicPoolHistory": _renamed("moved_to", "moved_from")},
    ),
    Mutant(
        "dynamic_history_moved_from_filter.matches_new_band",
        "moved_from is matched against the pool the domain was moved to",
        ("dynamic_history_moved_from_filter",),
        wraps=lambda: {"listDynamicPoolHistory": _renamed("moved_from", "moved_to")},
    ),
):
    register(_mutant)
