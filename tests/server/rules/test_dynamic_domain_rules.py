"""Dynamic IP Pools rules about enrolled domains, previews, overrides, history and health checks.

Driven through the generated client against the in-process server; health-check rounds are run
through the control interface, as the documentation only says they are "periodic".
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest
from mailgun_ip_client.models import (
    ListDynamicPoolDomainsSortBy,
    ListDynamicPoolDomainsSortOrder,
    OverrideForm,
)
from mailgun_ip_client.rules import Rule
from mailgun_ip_client.types import UNSET, Unset

from mgip.server.testing import InProcessMock

ACME_ID = "5f0e0a0a0a0a0a0a0a0a0a01"
SUB_ID = "5f0e0a0a0a0a0a0a0a0a0a02"
GLOBEX_ID = "5f0e0a0a0a0a0a0a0a0a0a03"

SHOP = "shop.acme.test"  # enrolled, good reputation
PROMO = "promo.acme.test"  # enrolled, poor reputation
FRESH = "fresh.acme.test"  # not enrolled, a new sender
NEWS = "news.acme.test"  # not enrolled, good reputation
BLOG = "blog.acme.test"  # not enrolled, never measured
SUB2 = "sub2.acme.test"  # acme-sub's, not enrolled
GLOBEX_DOMAIN = "globex.test"

# Sending metrics far from any sensible threshold, so the pool they lead to is not in doubt.
GOOD = {"bounce_rate": 0.001, "complaint_rate": 0.00001, "processed_count": 500_000}
POOR = {"bounce_rate": 0.4, "complaint_rate": 0.05, "processed_count": 500_000}
NEW = {"bounce_rate": 0.0, "complaint_rate": 0.0, "processed_count": 3}
EXPECTED_POOL = {"dynamic_good": GOOD, "dynamic_poor": POOR, "dynamic_new": NEW}

INVALID_POOLS = ["invalid_name", "dynamic_bad", "DYNAMIC_GOOD", "good_reputation", "dynamic", ""]
# Match the spec's pattern but name no real moment.
UNREAL_TIMES = [
    "Mon, 31 Feb 2026 09:00:00 GMT",
    "Mon, 00 Jan 2006 15:04:05 MST",
    "Mon, 02 Jan 2006 25:04:05 MST",
    "Mon, 02 Jan 2006 15:61:05 MST",
    "Mon, 02 Jan 2006 15:04:75 MST",
    "Mon, 02 Jan 2006 15:04:05 +2400",
    "Mon, 02 Jan 2006 15:04:05 -0075",
    "Mon, 02 Jan 0000 15:04:05 GMT",
]
# Do not even match the spec's pattern: no RFC 1123 date.
MALFORMED_TIMES = [
    "2026-10-01T09:00:00Z",
    "1790000000",
    "Monday, 02 Jan 2006 15:04:05 MST",
    "Mon 02 Jan 2006 15:04:05 MST",
    "Mon, 02 January 2006 15:04:05 MST",
    "Mon, 02 Jan 2006 15:04:05",
    "Mon, 02 Jan 2006 15:04:05 +00:00",
    "Mon, 02 Jan 2006 15:04:05 0700",
    "Mon, 02 Jan 2006 15:04:05 GMT+1",
    "Mon, 02 Jan 2006 15:04:05.123 MST",
    "Mon, 02 Jan 2006 5:04:05 MST",
    "Mon, 02 Jan 20061 15:04:05 MST",
]
# RFC 1123 dates in forms other than the documented example's; the server takes each.
OTHER_RFC1123_FORMS = [
    "Mon, 02 Jan 2006 15:04:05 -0700",
    "Mon, 2 Jan 2006 15:04:05 MST",
    "Mon, 02 Jan 2006 15:04 MST",
    "02 Jan 2006 15:04:05 GMT",
    "mon, 02 jan 2006 15:04:05 mst",
    "Mon,02 Jan 06 15:04:05 Z",
    "Mon,  02\tJan 2006 15:04:05  UT",
]


def domains(client: Any, **filters: Any) -> list[Any]:
    return list(client.dynamic_pools.list_domains(**filters).items)


def pools_of(client: Any) -> dict[str, str]:
    return {d.name: d.pool for d in domains(client)}


def assignable(client: Any, subaccount_id: str | Unset = UNSET) -> set[str]:
    answer = client.dynamic_pools.list_assignable_domains(subaccount_id=subaccount_id)
    return {d.name for d in answer.items}


def pool_names(client: Any) -> set[str]:
    return {p.name for p in client.dynamic_pools.list_all().pools}


def history(client: Any, **filters: Any) -> list[Any]:
    return list(client.dynamic_pools.history(**filters).items)


def record_ids(records: list[Any]) -> list[str]:
    return [r.id for r in records]


def override(client: Any, name: str, pool: str) -> None:
    client.dynamic_pools.set_override(name, body=OverrideForm(pool=pool))


def measure(mgip_mock: InProcessMock, name: str, metrics: dict[str, Any]) -> None:
    """Change a domain's sending metrics without running a health check on anyone."""
    mgip_mock.health_check(metrics={name: metrics}, domains=[])


def churn(mgip_mock: InProcessMock) -> None:
    """Give the account a varied history: enrollments in both accounts and moves every way."""
    acme = mgip_mock.client()
    acme.dynamic_pools.enroll_domain(FRESH)
    mgip_mock.client("acme-sub").dynamic_pools.enroll_domain(SUB2)
    mgip_mock.health_check(metrics={SHOP: POOR, PROMO: GOOD, SUB2: POOR})
    mgip_mock.health_check(metrics={SHOP: NEW, FRESH: GOOD})
    override(acme, PROMO, "dynamic_new")


# --- health checks ----------------------------------------------------------------------------


def test_dynamic_pool_follows_health_checks(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    start = pools_of(acme)[SHOP]
    records = record_ids(acme.dynamic_pools.domain_history(SHOP))

    # New metrics alone move nothing: the move waits for the next health-check round.
    measure(mgip_mock, SHOP, POOR)
    assert pools_of(acme)[SHOP] == start
    assert record_ids(acme.dynamic_pools.domain_history(SHOP)) == records

    for wanted, metrics in [("dynamic_poor", POOR), ("dynamic_new", NEW), (start, GOOD)]:
        measure(mgip_mock, SHOP, metrics)
        previous = pools_of(acme)[SHOP]
        mgip_mock.health_check()
        assert pools_of(acme)[SHOP] == wanted
        latest = acme.dynamic_pools.domain_history(SHOP)
        assert len(latest) == len(records) + 1
        assert (latest[0].prev_band, latest[0].new_band) == (previous, wanted)
        records = record_ids(latest)

    # A round that leaves the pool as it is records no move.
    mgip_mock.health_check()
    assert record_ids(acme.dynamic_pools.domain_history(SHOP)) == records


# --- enrolled domains -------------------------------------------------------------------------


def test_dynamic_domains_across_accounts(mgip_mock: InProcessMock) -> None:
    acme, sub = mgip_mock.client(), mgip_mock.client("acme-sub")
    names = pool_names(acme)

    def check() -> dict[str, str]:
        items = domains(acme)
        not_enrolled = assignable(acme) | assignable(acme, SUB_ID)
        for item in items:
            assert item.pool in names, item
            assert item.name not in not_enrolled, item
            assert item.account_id in {ACME_ID, SUB_ID}, item
        listed = {i.name: i.account_id for i in items}
        assert GLOBEX_DOMAIN not in listed
        return listed

    assert check() == {SHOP: ACME_ID, PROMO: ACME_ID}
    sub.dynamic_pools.enroll_domain(SUB2)
    acme.dynamic_pools.enroll_domain(FRESH)
    assert check() == {SHOP: ACME_ID, PROMO: ACME_ID, FRESH: ACME_ID, SUB2: SUB_ID}
    assert {i.name for i in domains(sub)} == {SUB2}
    sub.dynamic_pools.unenroll_domain(SUB2, replacement_ip=["192.0.2.50"])
    acme.dynamic_pools.unenroll_domain(PROMO, replacement_ip=["192.0.2.16"])
    assert check() == {SHOP: ACME_ID, FRESH: ACME_ID}


def test_dynamic_domains_limit_caps_items(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    for states in range(2):
        full = [d.name for d in domains(acme)]
        for limit in range(1, len(full) + 3):
            page = [d.name for d in domains(acme, limit=limit)]
            assert len(page) <= limit
            assert page == full[:limit]
        if states == 0:
            acme.dynamic_pools.enroll_domain(FRESH)
            acme.dynamic_pools.enroll_domain(NEWS)
            mgip_mock.client("acme-sub").dynamic_pools.enroll_domain(SUB2)


def test_dynamic_domains_account_filter(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    acme.dynamic_pools.enroll_domain(FRESH)
    mgip_mock.client("acme-sub").dynamic_pools.enroll_domain(SUB2)
    full = domains(acme)
    assert {d.account_id for d in full} == {ACME_ID, SUB_ID}

    for wanted in [[ACME_ID], [SUB_ID], [ACME_ID, SUB_ID], [GLOBEX_ID], [SUB_ID, GLOBEX_ID]]:
        items = domains(acme, account=wanted)
        assert all(d.account_id in wanted for d in items), wanted
        assert [d.name for d in items] == [d.name for d in full if d.account_id in wanted]
    assert domains(acme, account=[GLOBEX_ID]) == []


def test_dynamic_domains_pool_filter(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    acme.dynamic_pools.enroll_domain(FRESH)
    mgip_mock.client("acme-sub").dynamic_pools.enroll_domain(SUB2)
    names = sorted(pool_names(acme))
    full = domains(acme)
    assert {d.pool for d in full} == set(names)

    for size in (1, 2, 3):
        for wanted in itertools.combinations(names, size):
            items = domains(acme, pool=list(wanted))
            assert all(d.pool in wanted for d in items), wanted
            assert [d.name for d in items] == [d.name for d in full if d.pool in wanted]
    assert domains(acme, pool=["dynamic_nowhere"]) == []


def assert_monotonic(values: list[Any], descending: bool) -> None:
    """Sorted in the direction asked; unmeasured (null) values kept together at one end."""
    measured = [v for v in values if v is not None]
    assert measured == sorted(measured, reverse=descending), values
    nulls = [i for i, v in enumerate(values) if v is None]
    if nulls:
        assert nulls in (
            list(range(len(nulls))),
            list(range(len(values) - len(nulls), len(values))),
        )


def test_dynamic_domains_sorted_by_field(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    for name in (FRESH, NEWS, BLOG):
        acme.dynamic_pools.enroll_domain(name)
    mgip_mock.client("acme-sub").dynamic_pools.enroll_domain(SUB2)
    mgip_mock.health_check(
        metrics={
            NEWS: {"bounce_rate": 0.03, "complaint_rate": 0.0004},
            SUB2: {"bounce_rate": 0.005, "complaint_rate": 0.0009},
        },
        domains=[],
    )

    fields = {
        "name": lambda d: d.name,
        "bounce_rate": lambda d: d.bounce_rate,
        "complaint_rate": lambda d: d.complaint_rate,
    }
    for field, order in itertools.product([*fields, None], ["ascending", "descending", None]):
        filters: dict[str, Any] = {}
        if field is not None:
            filters["sort_by"] = ListDynamicPoolDomainsSortBy(field)
        if order is not None:
            filters["sort_order"] = ListDynamicPoolDomainsSortOrder(order)
        items = domains(acme, **filters)
        assert len(items) == 6
        values = [fields[field or "name"](d) for d in items]
        assert_monotonic(values, descending=order == "descending")

    by_name = [d.name for d in domains(acme)]
    assert by_name == sorted(by_name)
    explicit = domains(
        acme,
        sort_by=ListDynamicPoolDomainsSortBy.NAME,
        sort_order=ListDynamicPoolDomainsSortOrder.ASCENDING,
    )
    assert [d.name for d in explicit] == by_name


# --- previews ---------------------------------------------------------------------------------


def test_dynamic_preview_does_not_enroll(mgip_mock: InProcessMock) -> None:
    acme, sub = mgip_mock.client(), mgip_mock.client("acme-sub")
    enrolled = pools_of(acme)
    free = assignable(acme)
    assert {FRESH, NEWS, BLOG} <= free

    for name in (FRESH, NEWS, BLOG):
        assert acme.dynamic_pools.preview_domain(name).pool in pool_names(acme)
        assert acme.dynamic_pools.domain_history(name) == []
    sub.dynamic_pools.preview_domain(SUB2)

    assert assignable(acme) == free
    assert SUB2 in assignable(sub)
    assert pools_of(acme) == enrolled
    # A health-check round right after must not treat the previewed domains as enrolled.
    mgip_mock.health_check()
    assert set(pools_of(acme)) == set(enrolled)


def test_dynamic_preview_does_not_set_band(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    before = pools_of(acme)
    histories = {n: record_ids(acme.dynamic_pools.domain_history(n)) for n in before}
    account_history = record_ids(history(acme, include_subaccounts=True))

    # The metrics now point elsewhere, so each preview names a pool the domain is not in.
    measure(mgip_mock, SHOP, POOR)
    measure(mgip_mock, PROMO, NEW)
    override(acme, PROMO, "dynamic_good")
    histories[PROMO] = record_ids(acme.dynamic_pools.domain_history(PROMO))
    before = pools_of(acme)
    for name in (SHOP, PROMO):
        assert acme.dynamic_pools.preview_domain(name).pool != before[name]

    assert pools_of(acme) == before
    for name in before:
        assert record_ids(acme.dynamic_pools.domain_history(name)) == histories[name]
    assert len(record_ids(history(acme, include_subaccounts=True))) == len(account_history) + 1


@pytest.mark.parametrize("name", [SHOP, NEWS, FRESH])
def test_dynamic_preview_names_pool(mgip_mock: InProcessMock, name: str) -> None:
    acme = mgip_mock.client()
    names = pool_names(acme)
    if name not in pools_of(acme):
        acme.dynamic_pools.enroll_domain(name)

    for expected, metrics in EXPECTED_POOL.items():
        measure(mgip_mock, name, metrics)
        preview = acme.dynamic_pools.preview_domain(name)
        assert preview.pool in names
        assert preview.pool == expected
        for metric in ("bounce_rate", "complaint_rate", "processed_count"):
            shown = getattr(preview, metric)
            assert not isinstance(shown, Unset), metric
            assert shown.value == metrics[metric]
            assert shown.band
        # The pool named is the one the next health check puts the domain in.
        mgip_mock.health_check(domains=[name])
        assert pools_of(acme)[name] == preview.pool


# --- a domain's history -----------------------------------------------------------------------


def test_dynamic_domain_history_scoped(mgip_mock: InProcessMock) -> None:
    acme, sub = mgip_mock.client(), mgip_mock.client("acme-sub")

    def check() -> None:
        ids = {d.name: d.id for d in domains(acme)}
        for client, names in ((acme, [SHOP, PROMO, FRESH, NEWS, BLOG]), (sub, [SUB2])):
            for name in names:
                records = client.dynamic_pools.domain_history(name)
                assert all(r.domain_name == name for r in records), name
                if name in ids:
                    assert all(r.domain_id == ids[name] for r in records), name
                same = history(client, domain=name)
                assert sorted(record_ids(records)) == sorted(record_ids(same)), name

    check()
    assert acme.dynamic_pools.domain_history(SHOP)
    churn(mgip_mock)
    check()
    assert acme.dynamic_pools.domain_history(FRESH)


# --- overrides --------------------------------------------------------------------------------


def test_dynamic_override_sets_pool(mgip_mock: InProcessMock) -> None:
    acme, sub = mgip_mock.client(), mgip_mock.client("acme-sub")
    sub.dynamic_pools.enroll_domain(SUB2)
    for pool in sorted(pool_names(acme)):
        for client, name in ((acme, SHOP), (acme, PROMO), (sub, SUB2)):
            override(client, name, pool)
            shown = {d.name: d for d in domains(acme)}[name]
            assert shown.pool == pool, (name, pool)
            assert shown.override is True


def test_dynamic_override_pool_must_be_valid(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    override(acme, SHOP, "dynamic_new")
    before = {d.name: (d.pool, d.override) for d in domains(acme)}
    assert before[SHOP] == ("dynamic_new", True)
    assert before[PROMO][1] is False

    for value in INVALID_POOLS:
        for name in (SHOP, PROMO):
            with mgip_mock.refuses(Rule.DYNAMIC_OVERRIDE_POOL_MUST_BE_VALID):
                override(acme, name, value)
    assert {d.name: (d.pool, d.override) for d in domains(acme)} == before


def test_dynamic_override_freezes_health_checks(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    pinned = "dynamic_new"
    override(acme, SHOP, pinned)
    records = record_ids(acme.dynamic_pools.domain_history(SHOP))

    for metrics in (POOR, GOOD, NEW, POOR):
        mgip_mock.health_check(metrics={SHOP: metrics})
        mgip_mock.health_check(domains=[SHOP])
        assert pools_of(acme)[SHOP] == pinned
    acme.dynamic_pools.enroll_all_domains(include_subaccounts=True)
    mgip_mock.settle()
    assert pools_of(acme)[SHOP] == pinned
    assert record_ids(acme.dynamic_pools.domain_history(SHOP)) == records

    # Moving the override is the only way to move the domain while it lasts.
    override(acme, SHOP, "dynamic_good")
    mgip_mock.health_check()
    assert pools_of(acme)[SHOP] == "dynamic_good"


def test_dynamic_override_removal_resumes_checks(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    mgip_mock.jobs_mode("manual")
    override(acme, SHOP, "dynamic_poor")
    assert acme.dynamic_pools.preview_domain(SHOP).pool != "dynamic_poor"

    acme.dynamic_pools.remove_override(SHOP)
    assert pools_of(acme)[SHOP] == "dynamic_poor"
    mgip_mock.settle()
    shown = {d.name: d for d in domains(acme)}[SHOP]
    assert shown.pool == acme.dynamic_pools.preview_domain(SHOP).pool
    assert shown.override is False

    # Later health-check rounds keep managing it.
    measure(mgip_mock, SHOP, NEW)
    mgip_mock.health_check()
    assert pools_of(acme)[SHOP] == acme.dynamic_pools.preview_domain(SHOP).pool == "dynamic_new"


# --- the account history ----------------------------------------------------------------------


def test_dynamic_history_across_accounts(mgip_mock: InProcessMock) -> None:
    acme, sub = mgip_mock.client(), mgip_mock.client("acme-sub")

    def check() -> tuple[set[str], set[str]]:
        own = history(acme)
        assert record_ids(history(acme, include_subaccounts=False)) == record_ids(own)
        assert {r.account_id for r in own} <= {ACME_ID}
        family = history(acme, include_subaccounts=True)
        assert {r.account_id for r in family} <= {ACME_ID, SUB_ID}
        assert set(record_ids(own)) <= set(record_ids(family))
        assert {r.account_id for r in history(sub)} <= {SUB_ID}
        return {r.domain_name for r in own}, {r.domain_name for r in family}

    own, family = check()
    assert own == family == {SHOP, PROMO}
    churn(mgip_mock)
    own, family = check()
    assert SUB2 not in own
    assert family == own | {SUB2}
    assert {r.domain_name for r in history(sub)} == {SUB2}
    assert history(mgip_mock.client("globex")) == []


def test_dynamic_history_limit_caps_items(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    churn(mgip_mock)
    for filters in ({}, {"include_subaccounts": True}, {"domain": SHOP}):
        full = record_ids(history(acme, **filters))
        assert len(full) >= 3
        for limit in range(1, len(full) + 3):
            page = history(acme, limit=limit, **filters)
            assert len(page) <= limit
            assert record_ids(page) == full[:limit]
            # A capped page holds the latest events, whatever order they were recorded in.
            rest = [r.timestamp for r in history(acme, **filters) if r not in page]
            assert all(r.timestamp >= max(rest, default=r.timestamp) for r in page)


def test_dynamic_history_domain_filter(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    churn(mgip_mock)
    for subaccounts in (False, True):
        full = history(acme, include_subaccounts=subaccounts)
        for name in (SHOP, PROMO, FRESH, SUB2, NEWS, GLOBEX_DOMAIN, "nowhere.test"):
            items = history(acme, include_subaccounts=subaccounts, domain=name)
            assert all(r.domain_name == name for r in items), name
            assert record_ids(items) == [r.id for r in full if r.domain_name == name]
    assert history(acme, domain=SHOP)
    assert history(acme, domain=NEWS) == []


def rfc1123(moment: datetime, zone: str = "GMT", hours: int = 0) -> str:
    """`moment` as in 'Mon, 02 Jan 2006 15:04:05 MST', in a zone `hours` off UTC."""
    shown = format_datetime(moment.astimezone(UTC) + timedelta(hours=hours), usegmt=True)
    return shown.removesuffix("GMT") + zone


def spellings(moment: datetime) -> list[str]:
    """`moment` written as RFC 1123 allows: zone names and numeric offsets, with and without
    the weekday, two-digit years and other cases."""
    utc = moment.astimezone(UTC)
    east = utc + timedelta(hours=5, minutes=30)
    west = utc - timedelta(hours=7)
    return [
        utc.strftime("%a, %d %b %Y %H:%M:%S +0000"),
        east.strftime("%a, %d %b %Y %H:%M:%S +0530"),
        west.strftime("%a, %d %b %Y %H:%M:%S -0700"),
        west.strftime("%a, %d %b %Y %H:%M:%S MST"),
        (utc - timedelta(hours=4)).strftime("%d %b %Y %H:%M:%S EDT"),
        utc.strftime("%a, %d %b %y %H:%M:%S gmt").upper(),
        f"{utc.day} {utc:%b %Y %H:%M:%S} ut",
    ]


def test_dynamic_history_time_window(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    churn(mgip_mock)
    full = history(acme, include_subaccounts=True)
    moments = sorted({r.timestamp for r in full})
    assert len(moments) >= 3
    second = timedelta(seconds=1)
    bounds: list[datetime | None] = [None, moments[0] - second, *moments, moments[-1] + second]

    for after, before in itertools.product(bounds, bounds):
        filters: dict[str, Any] = {"include_subaccounts": True}
        if after is not None:
            filters["after"] = rfc1123(after)
        if before is not None:
            filters["before"] = rfc1123(before)
        items = history(acme, **filters)
        for r in items:
            assert after is None or after < r.timestamp, (after, r.timestamp)
            assert before is None or r.timestamp < before, (before, r.timestamp)
        wanted = [
            r.id
            for r in full
            if (after is None or after < r.timestamp) and (before is None or r.timestamp < before)
        ]
        assert record_ids(items) == wanted, (after, before)

    # The same instant written in another zone selects the same records.
    middle = moments[1]
    in_utc = record_ids(history(acme, include_subaccounts=True, before=rfc1123(middle)))
    in_est = history(acme, include_subaccounts=True, before=rfc1123(middle, "EST", -5))
    assert record_ids(in_est) == in_utc
    assert in_utc


def test_dynamic_history_time_format(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    full = record_ids(history(acme))
    assert full
    future = datetime.now(UTC) + timedelta(days=3650)
    assert record_ids(history(acme, before=rfc1123(future))) == full
    assert history(acme, after="Mon, 02 Jan 2006 15:04:05 MST", before=rfc1123(future))

    for value in OTHER_RFC1123_FORMS:
        assert record_ids(history(acme, after=value, before=rfc1123(future))) == full, value

    # The same instant in every notation of its zone selects the same records.
    middle = sorted({r.timestamp for r in history(acme)})[1]
    earlier = record_ids(history(acme, before=rfc1123(middle)))
    assert earlier and earlier != full
    for value in spellings(middle):
        assert record_ids(history(acme, before=value)) == earlier, value

    for value in UNREAL_TIMES:
        with mgip_mock.refuses(Rule.DYNAMIC_HISTORY_TIME_FORMAT):
            history(acme, before=value)
        with mgip_mock.refuses(Rule.DYNAMIC_HISTORY_TIME_FORMAT):
            history(acme, after=value)

    raw = mgip_mock.raw()
    for value in MALFORMED_TIMES:
        for key in ("before", "after"):
            answer = raw.get("/v1/dynamic_pools/history", params={key: value})
            assert answer.status_code == 400, (key, value, answer.text)


def test_dynamic_history_moved_to_filter(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    churn(mgip_mock)
    full = history(acme, include_subaccounts=True)
    for pool in sorted(pool_names(acme)):
        items = history(acme, include_subaccounts=True, moved_to=pool)
        assert items, pool
        assert all(r.new_band == pool for r in items), pool
        assert record_ids(items) == [r.id for r in full if r.new_band == pool]
    assert history(acme, moved_to="dynamic_nowhere") == []


def test_dynamic_history_moved_from_filter(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    churn(mgip_mock)
    full = history(acme, include_subaccounts=True)
    for pool in sorted(pool_names(acme)):
        items = history(acme, include_subaccounts=True, moved_from=pool)
        assert items, pool
        assert all(r.prev_band == pool for r in items), pool
        assert record_ids(items) == [r.id for r in full if r.prev_band == pool]
    assert history(acme, moved_from="dynamic_nowhere") == []
    # Combined with moved_to, both must hold.
    both = history(
        acme, include_subaccounts=True, moved_from="dynamic_good", moved_to="dynamic_poor"
    )
    assert both
    assert all((r.prev_band, r.new_band) == ("dynamic_good", "dynamic_poor") for r in both)
