"""Dynamic IP Pools, domain side: enrolled domains, previews, overrides and history."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mailgun_ip_client.rules import Rule

from mgip.server import health, jobs
from mgip.server.model import POOL_NAMES, Domain, HistoryRecord
from mgip.server.operations import Call, handles, timestamp
from mgip.server.refusals import Refusal
from mgip.server.times import parse_rfc1123

# --- enrolled domains, previews, overrides ----------------------------------------------------


def sort_key(field: str) -> Any:
    if field == "name":
        return lambda d: d.name

    def metric(d: Domain) -> tuple[bool, float]:
        value = getattr(d.metrics, field)
        return (value is None, 0.0 if value is None else float(value))

    return metric


@handles("listDynamicPoolDomains")
def list_dynamic_pool_domains(call: Call) -> dict[str, Any]:
    owner_view = call.account.parent_id is None
    scope = (
        call.world.family_domains(call.account)
        if owner_view
        else call.world.account_domains(call.account)
    )
    accounts = set(call.query.get("account") or [])
    pools = set(call.query.get("pool") or [])
    chosen = [
        d
        for d in scope
        if d.enrolled
        and (not accounts or d.account_id in accounts)
        and (not pools or d.pool in pools)
    ]
    chosen.sort(
        key=sort_key(call.query.get("sort_by", "name")),
        reverse=call.query.get("sort_order", "ascending") == "descending",
    )
    limit = call.query.get("limit")
    page = chosen if limit is None else chosen[:limit]
    return {
        "items": [enrolled_domain(call, d) for d in page],
        "total_items": len(chosen),
        "paging": {"first": call.page_url(), "last": call.page_url()},
    }


def enrolled_domain(call: Call, domain: Domain) -> dict[str, Any]:
    return {
        "id": domain.id,
        "account_id": domain.account_id,
        "account_name": call.world.accounts[domain.account_id].name,
        "name": domain.name,
        "registered_at": timestamp(domain.registered_at),
        "pool": domain.pool,
        "override": domain.override,
        "bounce_rate": domain.metrics.bounce_rate,
        "complaint_rate": domain.metrics.complaint_rate,
        "processed_count": domain.metrics.processed_count,
    }


@handles("previewDomainPool")
def preview_domain_pool(call: Call) -> dict[str, Any]:
    domain = call.domain(Rule.DYNAMIC_OBJECTS_EXIST)
    verdict = health.assess(domain.metrics, call.world.settings.health)
    answer: dict[str, Any] = {"pool": verdict.pool}
    for metric, (value, band) in verdict.bands.items():
        answer[metric] = {"value": value, "band": band}
    return answer


@handles("setDomainOverride")
def set_domain_override(call: Call) -> dict[str, Any]:
    domain = call.domain(Rule.DYNAMIC_OBJECTS_EXIST)
    pool = str(call.body["pool"])
    if pool not in POOL_NAMES:
        raise Refusal.of(Rule.DYNAMIC_OVERRIDE_POOL_MUST_BE_VALID, repr(pool))
    if not domain.enrolled:
        raise Refusal.of(Rule.DYNAMIC_DOMAIN_MUST_BE_ENROLLED, domain.name)
    domain.override = True
    health.place(call.world, domain, pool, "override", call.requestor)
    return {"message": "success"}


@handles("removeDomainOverride")
def remove_domain_override(call: Call) -> dict[str, Any]:
    domain = call.domain(Rule.DYNAMIC_OBJECTS_EXIST)
    if not domain.override:
        return {"message": "success"}
    domain.override = False
    jobs.schedule(call.world, "recheck_domain", domain=domain.name)
    return {"message": "success"}


# --- history ----------------------------------------------------------------------------------


def history_record(call: Call, record: HistoryRecord) -> dict[str, Any]:
    account = call.world.accounts.get(record.account_id)
    return {
        "id": record.id,
        "owning_account_id": record.owning_account_id,
        "account_id": record.account_id,
        "account_name": account.name if account else "",
        "domain_id": record.domain_id,
        "domain_name": record.domain_name,
        "new_band": record.new_band,
        "prev_band": record.prev_band,
        "reason": record.reason,
        "bounce_rate": record.metrics.bounce_rate,
        "complaint_rate": record.metrics.complaint_rate,
        "processed_count": record.metrics.processed_count,
        "initiated_by": record.initiated_by,
        "timestamp": timestamp(record.timestamp),
    }


def newest_first(records: list[HistoryRecord]) -> list[HistoryRecord]:
    """Latest event first, so that a Limit keeps the most recent events.

    A scenario may list its records in any order, so the order is by timestamp; records of the
    same second keep the order they were written in, the later one first.
    """
    order = sorted(enumerate(records), key=lambda pair: (pair[1].timestamp, pair[0]), reverse=True)
    return [record for _, record in order]


@handles("listDomainHistory")
def list_domain_history(call: Call) -> list[dict[str, Any]]:
    domain = call.domain(Rule.DYNAMIC_OBJECTS_EXIST)
    records = [r for r in call.world.history if r.domain_id == domain.id]
    return [history_record(call, r) for r in newest_first(records)]


def rfc1123(name: str, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return parse_rfc1123(value)
    except ValueError:
        raise Refusal.of(Rule.DYNAMIC_HISTORY_TIME_FORMAT, f"{name}={value!r}") from None


@handles("listDynamicPoolHistory")
def list_dynamic_pool_history(call: Call) -> dict[str, Any]:
    before = rfc1123("before", call.query.get("before"))
    after = rfc1123("after", call.query.get("after"))
    accounts = {call.account.id}
    if call.query.get("include_subaccounts"):
        accounts |= {a.id for a in call.world.subaccounts(call.account)}
    domain, moved_to, moved_from = (call.query.get(k) for k in ("domain", "moved_to", "moved_from"))
    chosen = [
        r
        for r in newest_first(call.world.history)
        if r.account_id in accounts
        and (domain is None or r.domain_name == domain)
        and (moved_to is None or r.new_band == moved_to)
        and (moved_from is None or r.prev_band == moved_from)
        and (before is None or r.timestamp < before)
        and (after is None or r.timestamp > after)
    ]
    limit = call.query.get("Limit")
    page = chosen if limit is None else chosen[:limit]
    return {
        "items": [history_record(call, r) for r in page],
        "total_items": len(chosen),
        "paging": {"first": call.page_url(), "last": call.page_url()},
    }
