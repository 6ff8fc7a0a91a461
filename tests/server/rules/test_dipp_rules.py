"""Dedicated IP pool (DIPP) rules, driven through the generated client and the in-process server."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from mailgun_ip_client import ApiError, MailgunIp
from mailgun_ip_client.models import (
    AddDippIpsBody,
    CreateDippForm,
    DippDetails,
    DippSummary,
    EditDippForm,
)
from mailgun_ip_client.rules import Rule
from mailgun_ip_client.types import UNSET, Unset

from mgip.server.testing import InProcessMock

# --- demo scenario --------------------------------------------------------------------------------
TRANSACTIONAL = "64f0b0b0b0b0b0b0b0b0b001"  # .10 and .11, delegated to acme-sub, mail + sub linked
MARKETING = "64f0b0b0b0b0b0b0b0b0b002"  # .12, no domains
SPARE = "64f0b0b0b0b0b0b0b0b0b003"  # empty
GLOBEX_POOL = "64f0b0b0b0b0b0b0b0b0b004"
IP_TRANSACTIONAL_A = "192.0.2.10"
IP_TRANSACTIONAL_B = "192.0.2.11"
IP_MARKETING = "192.0.2.12"
FREE_IP = "192.0.2.16"  # dedicated, in no DIPP
FREE_IP6 = "2001:db8::10"  # dedicated, in no DIPP
SHARED_IP = "192.0.2.200"
FOREIGN_IP = "192.0.2.100"  # globex's
UNKNOWN_IP = "198.51.100.250"
MAIL = "mail.acme.test"  # linked to transactional
SUB_MAIL = "sub.acme.test"  # acme-sub's, linked to transactional
NEWS_ID, NEWS = "650000000000000000000002", "news.acme.test"
FRESH_ID, FRESH = "650000000000000000000005", "fresh.acme.test"
BLOG_ID, BLOG = "650000000000000000000006", "blog.acme.test"
MAIL_ID = "650000000000000000000001"

# --- inherited_dipp scenario ----------------------------------------------------------------------
TO_CHILD = "64f0d0d0d0d0d0d0d0d0d001"  # parent's, .60 and .61, delegated to child
TO_SIBLING = "64f0d0d0d0d0d0d0d0d0d002"
CHILD_OWN = "64f0d0d0d0d0d0d0d0d0d003"  # child's own, .70
IP_TO_CHILD = "192.0.2.60"
PARENT_FREE_IP = "192.0.2.63"
CHILD_IP = "192.0.2.70"
CHILD_SHARED_IP = "192.0.2.71"
CHILD_DOMAINS = {"child.test", "child-two.test"}
CHILD_TWO_ID = "670000000000000000000003"

# --- a scenario with a DIPP on an account whose DIPPs feature is off ------------------------------
KEEPER_POOL = "64f0e0e0e0e0e0e0e0e0e001"
LAPSED_POOL = "64f0e0e0e0e0e0e0e0e0e002"
KEEPER_IP, KEEPER_FREE_IP = "192.0.2.80", "192.0.2.81"
LAPSED_IP, LAPSED_FREE_IP = "192.0.2.90", "192.0.2.91"
LAPSED_FEATURE = f"""
version: 1
description: One account with the DIPPs feature, one whose feature was switched off.
accounts:
  - {{name: keeper, keys: [key-keeper-0001]}}
  - name: lapsed
    keys: [key-lapsed-0002]
    features: {{dipps: false}}
ips:
  - {{address: {KEEPER_IP}, account: keeper}}
  - {{address: {KEEPER_FREE_IP}, account: keeper}}
  - {{address: {LAPSED_IP}, account: lapsed}}
  - {{address: {LAPSED_FREE_IP}, account: lapsed}}
dipps:
  - {{id: {KEEPER_POOL}, account: keeper, name: kept, description: Usable, ips: [{KEEPER_IP}]}}
  - {{id: {LAPSED_POOL}, account: lapsed, name: stale, description: Left over, ips: [{LAPSED_IP}]}}
"""

# --- a pool linked to more domains than the smallest page -----------------------------------------
MANY_POOL = "64f0f0f0f0f0f0f0f0f0f001"
EMPTY_POOL = "64f0f0f0f0f0f0f0f0f0f002"
MANY_LINKED = 23
MANY_DOMAINS = f"""
version: 1
description: One pool with many linked domains.
accounts:
  - {{name: bulk, keys: [key-bulk-0001]}}
ips:
  - {{address: 192.0.2.40, account: bulk}}
dipps:
  - {{id: {MANY_POOL}, account: bulk, name: many, description: Busy, ips: [192.0.2.40]}}
  - {{id: {EMPTY_POOL}, account: bulk, name: none, description: Idle, ips: []}}
domains:
""" + "".join(
    f"  - {{name: d{n:02}.bulk.test, account: bulk, dipp: many}}\n" for n in range(MANY_LINKED)
)

inherited_scenario = pytest.mark.mgip_scenario("inherited_dipp")


# --- helpers --------------------------------------------------------------------------------------
def pools(client: MailgunIp) -> dict[str, DippSummary]:
    return {p.pool_id: p for p in client.dipps.list_all().ip_pools}


def details(client: MailgunIp, pool_id: str) -> DippDetails:
    result: DippDetails = client.dipps.get(pool_id).details
    return result


def linked(client: MailgunIp, pool_id: str) -> set[str]:
    found = details(client, pool_id).linked_domains
    return set() if isinstance(found, Unset) else set(found)


def pool_ips(client: MailgunIp, pool_id: str) -> list[str]:
    return list(details(client, pool_id).ips)


def ip_domains(client: MailgunIp, ip: str) -> set[str]:
    return {item.domain for item in client.ips.list_domains(ip).items}


def domain_pages(client: MailgunIp, pool_id: str, limit: int) -> list[list[str]]:
    """Every page of the DIPP's domain list, following the next links from the first page."""
    pages: list[list[str]] = []
    token: str | Unset = UNSET
    for _ in range(100):
        page = client.dipps.list_domains(pool_id, limit=limit, page=token)
        pages.append([d.name for d in page.domains])
        if page.paging.next_ is UNSET:
            return pages
        token = parse_qs(urlsplit(str(page.paging.next_)).query)["page"][0]
    raise AssertionError("the next links never end")


def paged_domains(client: MailgunIp, pool_id: str) -> set[str]:
    return {name for page in domain_pages(client, pool_id, 10) for name in page}


def missing(client: MailgunIp, pool_id: str) -> bool:
    """Whether fetching the pool reports not found."""
    with pytest.raises(ApiError) as error:
        client.dipps.get(pool_id)
    return error.value.status_code == 404


def dipp_of(client: MailgunIp, domain: str) -> list[str]:
    """The pools the account sees that list `domain` as linked."""
    return [pool_id for pool_id in pools(client) if domain in linked(client, pool_id)]


Adder = Callable[[MailgunIp, str, list[str]], None]


def add_single(client: MailgunIp, pool_id: str, ips: list[str]) -> None:
    for ip in ips:
        client.dipps.add_ip(pool_id, ip)


def add_bulk(client: MailgunIp, pool_id: str, ips: list[str]) -> None:
    client.dipps.add_ips(pool_id, body=AddDippIpsBody(ips=ips))


def add_by_edit(client: MailgunIp, pool_id: str, ips: list[str]) -> None:
    client.dipps.edit(pool_id, body=EditDippForm(add_ip=ips))


def cases(add: Adder, *lists: list[str]) -> list[list[str]]:
    """The IP lists one request of `add` can carry: the single-IP operation takes one at a time."""
    return [ips for ips in lists if add is not add_single or len(ips) == 1]


ADD_OPERATIONS = pytest.mark.parametrize(
    "add", [add_single, add_bulk], ids=["addDippIp", "addDippIps"]
)
ADD_AND_EDIT_OPERATIONS = pytest.mark.parametrize(
    "add", [add_by_edit, add_single, add_bulk], ids=["editDipp", "addDippIp", "addDippIps"]
)


# --- listing --------------------------------------------------------------------------------------
def test_dipp_list_covers_all_pools(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()

    def check(client: MailgunIp, expected: set[str]) -> None:
        listed = pools(client)
        assert set(listed) == expected
        for pool_id, summary in listed.items():
            shown = details(client, pool_id)
            assert (summary.name, summary.description) == (shown.name, shown.description)
            assert summary.ips == shown.ips
            assert summary.is_linked == shown.is_linked
            assert isinstance(summary.is_inherited, bool)

    check(acme, {TRANSACTIONAL, MARKETING, SPARE})
    assert not any(p.is_inherited for p in pools(acme).values())
    check(mgip_mock.client("acme-sub"), {TRANSACTIONAL})
    assert pools(mgip_mock.client("acme-sub"))[TRANSACTIONAL].is_inherited
    check(mgip_mock.client("initech"), set())
    first = acme.dipps.create(body=CreateDippForm(name="bulk", description="Bulk mail")).pool_id
    second = acme.dipps.create(
        body=CreateDippForm(name="alerts", description="Alerts", ip=[FREE_IP])
    ).pool_id
    check(acme, {TRANSACTIONAL, MARKETING, SPARE, first, second})
    assert pools(acme)[second].ips == [FREE_IP]
    assert not pools(acme)[first].is_inherited
    # Another account's new pool stays out of acme's list.
    mgip_mock.client("globex").dipps.create(body=CreateDippForm(name="g2", description="x"))
    check(acme, {TRANSACTIONAL, MARKETING, SPARE, first, second})


@pytest.mark.parametrize("scenario", ["demo", "inherited_dipp"])
def test_dipp_at_most_one_inherited(mgip_mock: InProcessMock, scenario: str) -> None:
    mgip_mock.load(scenario)
    accounts = list(mgip_mock.world.accounts.values())

    def check() -> None:
        for account in accounts:
            listed = pools(mgip_mock.client(account.name)).values()
            assert sum(p.is_inherited for p in listed) <= 1, account.name

    check()
    # More pools on every account, parents included, must not add a second inherited one.
    for account in accounts:
        if account.features.dipps:
            client = mgip_mock.client(account.name)
            client.dipps.create(body=CreateDippForm(name="more", description="x"))
    check()
    subaccount = "acme-sub" if scenario == "demo" else "child"
    assert sum(p.is_inherited for p in pools(mgip_mock.client(subaccount)).values()) == 1


def assert_is_linked_agrees(client: MailgunIp) -> None:
    for pool_id, summary in pools(client).items():
        flag = details(client, pool_id).is_linked
        listed = client.dipps.list_domains(pool_id).domains
        assert summary.is_linked == flag == bool(listed), pool_id


def test_dipp_list_is_linked_agrees(mgip_mock: InProcessMock) -> None:
    acme, sub = mgip_mock.client(), mgip_mock.client("acme-sub")
    assert pools(acme)[TRANSACTIONAL].is_linked and not pools(acme)[SPARE].is_linked
    for client in (acme, sub):
        assert_is_linked_agrees(client)
    acme.dipps.edit(SPARE, body=EditDippForm(add_ip=[FREE_IP], link_domain=[NEWS_ID]))
    acme.dipps.edit(TRANSACTIONAL, body=EditDippForm(unlink_domain=[MAIL_ID]))
    assert pools(acme)[SPARE].is_linked
    for client in (acme, sub):
        assert_is_linked_agrees(client)
    acme.dipps.edit(SPARE, body=EditDippForm(unlink_domain=[NEWS_ID]))
    assert not pools(acme)[SPARE].is_linked
    # Transactional still carries the subaccount's domain, which the parent sees too.
    assert pools(acme)[TRANSACTIONAL].is_linked
    for client in (acme, sub):
        assert_is_linked_agrees(client)


def test_dipp_is_linked_matches_linked_domains(mgip_mock: InProcessMock) -> None:
    acme, sub = mgip_mock.client(), mgip_mock.client("acme-sub")

    def check(client: MailgunIp) -> None:
        for pool_id in pools(client):
            shown = details(client, pool_id)
            assert shown.is_linked == bool(linked(client, pool_id)), pool_id

    check(acme)
    check(sub)
    assert linked(acme, TRANSACTIONAL) == {MAIL, SUB_MAIL}
    assert linked(sub, TRANSACTIONAL) == {SUB_MAIL}
    assert linked(acme, MARKETING) == set()
    acme.dipps.edit(MARKETING, body=EditDippForm(link_domain=[NEWS_ID, BLOG_ID]))
    assert linked(acme, MARKETING) == {NEWS, BLOG}
    check(acme)
    acme.dipps.edit(MARKETING, body=EditDippForm(unlink_domain=[NEWS_ID, BLOG_ID]))
    acme.dipps.edit(TRANSACTIONAL, body=EditDippForm(unlink_domain=[MAIL_ID]))
    assert linked(acme, MARKETING) == set()
    assert linked(acme, TRANSACTIONAL) == {SUB_MAIL}
    check(acme)
    check(sub)


@pytest.mark.parametrize("scenario", ["demo", "inherited_dipp", "no_shared_ips"])
def test_dipp_holds_only_dedicated_ips(mgip_mock: InProcessMock, scenario: str) -> None:
    mgip_mock.load(scenario)
    names = [a.name for a in mgip_mock.world.accounts.values()]

    def check() -> None:
        for name in names:
            client = mgip_mock.client(name)
            dedicated = set(client.ips.list_all(dedicated=True).items)
            for pool_id, summary in pools(client).items():
                assert set(summary.ips) <= dedicated, (name, pool_id)
                assert set(pool_ips(client, pool_id)) <= dedicated, (name, pool_id)

    check()
    if scenario == "demo":
        acme = mgip_mock.client()
        acme.dipps.add_ip(SPARE, FREE_IP)
        for address in (SHARED_IP, FOREIGN_IP, UNKNOWN_IP):
            with pytest.raises(ApiError):
                acme.dipps.add_ip(MARKETING, address)
            with pytest.raises(ApiError):
                acme.dipps.create(body=CreateDippForm(name="bad", description="x", ip=[address]))
        assert pool_ips(acme, MARKETING) == [IP_MARKETING]
        check()


def test_dipp_ip_in_one_pool(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()

    def check() -> None:
        seen: dict[str, str] = {}
        for pool_id, summary in pools(acme).items():
            for ip in pool_ips(acme, pool_id):
                assert ip not in seen, f"{ip} in {seen.get(ip)} and {pool_id}"
                seen[ip] = pool_id
            assert summary.ips == pool_ips(acme, pool_id)

    check()
    with pytest.raises(ApiError):
        acme.dipps.add_ip(SPARE, IP_MARKETING)
    with pytest.raises(ApiError):
        acme.dipps.create(body=CreateDippForm(name="dup", description="x", ip=[IP_MARKETING]))
    check()
    acme.dipps.remove_ip(MARKETING, IP_MARKETING)
    acme.dipps.edit(SPARE, body=EditDippForm(add_ip=[IP_MARKETING]))
    check()
    assert pool_ips(acme, SPARE) == [IP_MARKETING]
    moved = acme.dipps.create(
        body=CreateDippForm(name="new", description="x", ip=[FREE_IP, FREE_IP6])
    )
    check()
    assert set(pool_ips(acme, moved.pool_id)) == {FREE_IP, FREE_IP6}


# --- create ---------------------------------------------------------------------------------------
def test_dipp_create_needs_feature(mgip_mock: InProcessMock) -> None:
    acme, initech = mgip_mock.client(), mgip_mock.client("initech")
    created = acme.dipps.create(body=CreateDippForm(name="ok", description="Allowed"))
    assert created.pool_id in pools(acme)
    with mgip_mock.refuses(Rule.DIPP_CREATE_NEEDS_FEATURE):
        initech.dipps.create(body=CreateDippForm(name="nope", description="No feature"))
    with mgip_mock.refuses(Rule.DIPP_CREATE_NEEDS_FEATURE):
        initech.dipps.create(body=CreateDippForm(name="nope", description="x", ip=["192.0.2.150"]))
    assert pools(initech) == {}


def test_dipp_create_ips_follow_add_rules(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    before = {pool.pool_id for pool in acme.dipps.list_all().ip_pools}
    for address in (SHARED_IP, FOREIGN_IP, UNKNOWN_IP, IP_MARKETING):
        with mgip_mock.refuses(Rule.DIPP_CREATE_IPS_FOLLOW_ADD_RULES):
            acme.dipps.create(body=CreateDippForm(name="x", description="x", ip=[address]))
    assert {pool.pool_id for pool in acme.dipps.list_all().ip_pools} == before
    created = acme.dipps.create(body=CreateDippForm(name="x", description="x", ip=[FREE_IP]))
    assert acme.dipps.get(created.pool_id).details.ips == [FREE_IP]


def test_dipp_create_returns_new_id(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    before = set(pools(acme))
    full = acme.dipps.create(
        body=CreateDippForm(name="alerts", description="Alert mail", ip=[FREE_IP, FREE_IP6])
    ).pool_id
    bare = acme.dipps.create(body=CreateDippForm(name="bare", description="Nothing yet")).pool_id
    assert full != bare and not {full, bare} & before
    shown = details(acme, full)
    assert (shown.pool_id, shown.name, shown.description) == (full, "alerts", "Alert mail")
    assert set(shown.ips) == {FREE_IP, FREE_IP6}
    empty = details(acme, bare)
    assert (empty.pool_id, empty.name, empty.description, empty.ips) == (
        bare,
        "bare",
        "Nothing yet",
        [],
    )


def test_dipp_unknown_fields_refused(mgip_mock: InProcessMock) -> None:
    # The official SDKs name the field `ips`; a generated model lets the same slip through as an
    # additional property, and the server must not answer it by creating an empty DIPP.
    acme = mgip_mock.client()
    before = mgip_mock.control("GET", "/state").json()
    misnamed = CreateDippForm(name="tx", description="Receipts")
    misnamed["ips"] = [FREE_IP]
    with mgip_mock.refuses(Rule.DIPP_UNKNOWN_FIELDS_REFUSED):
        acme.dipps.create(body=misnamed)
    extra = AddDippIpsBody(ips=[FREE_IP])
    extra["ip"] = FREE_IP
    with mgip_mock.refuses(Rule.DIPP_UNKNOWN_FIELDS_REFUSED):
        acme.dipps.add_ips(SPARE, body=extra)
    listed = mgip_mock.raw("acme").get("/v3/ip_pools", params={"limit": "10"})
    assert (listed.status_code, listed.json()["rule"]) == (400, Rule.DIPP_UNKNOWN_FIELDS_REFUSED)
    assert mgip_mock.control("GET", "/state").json() == before


# --- delete ---------------------------------------------------------------------------------------
def test_dipp_delete_needs_feature(mgip_mock: InProcessMock) -> None:
    mgip_mock.load_text(LAPSED_FEATURE)
    keeper, lapsed = mgip_mock.client("keeper"), mgip_mock.client("lapsed")
    with mgip_mock.refuses(Rule.DIPP_DELETE_NEEDS_FEATURE):
        lapsed.dipps.delete(LAPSED_POOL, ip=LAPSED_FREE_IP)
    with mgip_mock.refuses(Rule.DIPP_DELETE_NEEDS_FEATURE):
        lapsed.dipps.delete(LAPSED_POOL)
    assert LAPSED_POOL in pools(lapsed)
    assert pool_ips(lapsed, LAPSED_POOL) == [LAPSED_IP]
    keeper.dipps.delete(KEEPER_POOL, ip=KEEPER_FREE_IP)
    assert KEEPER_POOL not in pools(keeper)


@inherited_scenario
def test_dipp_inherited_not_deletable(mgip_mock: InProcessMock) -> None:
    child = mgip_mock.client("child")
    for replacement in ({}, {"pool_id_query": CHILD_OWN}):
        with mgip_mock.refuses(Rule.DIPP_INHERITED_NOT_DELETABLE):
            child.dipps.delete(TO_CHILD, **replacement)
    assert pools(child)[TO_CHILD].is_inherited
    assert linked(child, TO_CHILD) == CHILD_DOMAINS
    # The subaccount may delete a pool of its own.
    child.dipps.delete(CHILD_OWN, pool_id_query=TO_CHILD)
    assert set(pools(child)) == {TO_CHILD}


@inherited_scenario
def test_dipp_inherited_no_ip_replacement(mgip_mock: InProcessMock) -> None:
    child = mgip_mock.client("child")
    child.dipps.remove_ip(CHILD_OWN, CHILD_IP)  # so CHILD_IP is a valid replacement elsewhere
    for replacement in (CHILD_IP, "shared", CHILD_SHARED_IP):
        with mgip_mock.refuses(Rule.DIPP_INHERITED_NO_IP_REPLACEMENT):
            child.dipps.delete(TO_CHILD, ip=replacement)
    assert pools(child)[TO_CHILD].is_inherited
    assert linked(child, TO_CHILD) == CHILD_DOMAINS
    child.dipps.delete(CHILD_OWN, ip=CHILD_IP)
    assert set(pools(child)) == {TO_CHILD}


def test_dipp_delete_removes_pool(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    acme.dipps.delete(SPARE)
    assert SPARE not in pools(acme)
    assert missing(acme, SPARE)
    # The pool is gone for its owner as soon as the delete is answered, before any job has run.
    mgip_mock.jobs_mode("manual")
    acme.dipps.delete(MARKETING, ip=FREE_IP)
    assert MARKETING not in pools(acme)
    assert missing(acme, MARKETING)
    mgip_mock.settle()
    assert MARKETING not in pools(acme)
    assert missing(acme, MARKETING)
    assert set(pools(acme)) == {TRANSACTIONAL}


@inherited_scenario
@pytest.mark.parametrize("replacement", ["shared", "pool"])
def test_dipp_delete_updates_subaccounts(mgip_mock: InProcessMock, replacement: str) -> None:
    parent, child = mgip_mock.client("parent"), mgip_mock.client("child")
    fallback = parent.dipps.create(
        body=CreateDippForm(name="fallback", description="x", ip=[PARENT_FREE_IP])
    ).pool_id
    mgip_mock.jobs_mode("manual")
    if replacement == "shared":
        parent.dipps.delete(TO_CHILD, ip="shared")
    else:
        parent.dipps.delete(TO_CHILD, pool_id_query=fallback)
    assert TO_CHILD in pools(child)
    assert ip_domains(child, IP_TO_CHILD) == CHILD_DOMAINS
    assert not CHILD_DOMAINS & linked(parent, fallback)
    mgip_mock.settle()
    assert TO_CHILD not in pools(child)
    inherited = {pool_id for pool_id, p in pools(child).items() if p.is_inherited}
    if replacement == "shared":
        assert inherited == set()
        assert ip_domains(child, CHILD_SHARED_IP) >= CHILD_DOMAINS
    else:
        # The subaccount inherits the replacement, so its relinked domains stay on a pool it
        # can see; the parent sees its subaccounts' domains on its pools.
        assert inherited == {fallback}
        assert linked(child, fallback) == CHILD_DOMAINS
        assert linked(parent, fallback) >= CHILD_DOMAINS
    assert TO_SIBLING in pools(mgip_mock.client("sibling"))


def test_dipp_delete_relinks_to_replacement(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    formerly = linked(acme, TRANSACTIONAL)
    assert formerly
    mgip_mock.jobs_mode("manual")
    acme.dipps.delete(TRANSACTIONAL, pool_id_query=MARKETING)
    assert not formerly & linked(acme, MARKETING)
    mgip_mock.settle()
    assert formerly <= linked(acme, MARKETING)
    assert formerly <= paged_domains(acme, MARKETING)
    # Relinked, acme's own domain follows the replacement's IPs.
    assert MAIL in ip_domains(acme, IP_MARKETING)


def test_dipp_delete_replacement_pool_not_empty(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    formerly = linked(acme, TRANSACTIONAL)
    with mgip_mock.refuses(Rule.DIPP_DELETE_REPLACEMENT_POOL_NOT_EMPTY):
        acme.dipps.delete(TRANSACTIONAL, pool_id_query=SPARE)
    assert TRANSACTIONAL in pools(acme)
    assert linked(acme, TRANSACTIONAL) == formerly
    assert SPARE in pools(acme)
    # Once the replacement holds an IP it is accepted.
    acme.dipps.add_ip(SPARE, FREE_IP)
    acme.dipps.delete(TRANSACTIONAL, pool_id_query=SPARE)
    assert TRANSACTIONAL not in pools(acme)


def test_dipp_delete_replacement_ip_assigned(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    acme.dipps.edit(MARKETING, body=EditDippForm(link_domain=[NEWS_ID, FRESH_ID]))
    formerly = linked(acme, MARKETING)
    assert formerly == {NEWS, FRESH}
    assert not formerly & ip_domains(acme, FREE_IP)
    mgip_mock.jobs_mode("manual")
    acme.dipps.delete(MARKETING, ip=FREE_IP)
    assert not formerly & ip_domains(acme, FREE_IP)
    mgip_mock.settle()
    assert formerly <= ip_domains(acme, FREE_IP)
    for domain in formerly:
        assert dipp_of(acme, domain) == []
    assert not formerly & ip_domains(acme, IP_MARKETING)


def test_dipp_delete_replacement_ip_dedicated(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    with mgip_mock.refuses(Rule.DIPP_DELETE_REPLACEMENT_IP_DEDICATED):
        acme.dipps.delete(TRANSACTIONAL, ip=SHARED_IP)
    assert TRANSACTIONAL in pools(acme)
    assert linked(acme, TRANSACTIONAL) == {MAIL, SUB_MAIL}
    acme.dipps.delete(TRANSACTIONAL, ip=FREE_IP)
    assert TRANSACTIONAL not in pools(acme)


def test_dipp_delete_replacement_ip_not_in_dipp(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    with mgip_mock.refuses(Rule.DIPP_DELETE_REPLACEMENT_IP_NOT_IN_DIPP):
        acme.dipps.delete(TRANSACTIONAL, ip=IP_MARKETING)
    assert TRANSACTIONAL in pools(acme)
    assert linked(acme, TRANSACTIONAL) == {MAIL, SUB_MAIL}
    # Out of its pool, the same IP is accepted.
    acme.dipps.remove_ip(MARKETING, IP_MARKETING)
    acme.dipps.delete(TRANSACTIONAL, ip=IP_MARKETING)
    assert TRANSACTIONAL not in pools(acme)


@pytest.mark.mgip_scenario("no_shared_ips")
def test_dipp_delete_shared_needs_eligibility(mgip_mock: InProcessMock) -> None:
    core = "64f0c0c0c0c0c0c0c0c0c001"
    solo = mgip_mock.client("solo")
    with mgip_mock.refuses(Rule.DIPP_DELETE_SHARED_NEEDS_ELIGIBILITY):
        solo.dipps.delete(core, ip="shared")
    assert core in pools(solo)
    assert linked(solo, core) == {"linked.solo.test"}
    # An eligible account may use 'shared'.
    mgip_mock.load("demo")
    acme = mgip_mock.client()
    acme.dipps.delete(TRANSACTIONAL, ip="shared")
    assert TRANSACTIONAL not in pools(acme)


def shared_ip_domains(client: MailgunIp) -> set[str]:
    return {
        domain
        for ip in client.ips.list_all(dedicated=False).items
        for domain in ip_domains(client, ip)
    }


def test_dipp_delete_shared_assigns_shared_ips(mgip_mock: InProcessMock) -> None:
    acme, sub = mgip_mock.client(), mgip_mock.client("acme-sub")
    assert MAIL not in shared_ip_domains(acme)
    assert SUB_MAIL not in shared_ip_domains(sub)
    mgip_mock.jobs_mode("manual")
    acme.dipps.delete(TRANSACTIONAL, ip="shared")
    assert MAIL not in shared_ip_domains(acme)
    assert SUB_MAIL not in shared_ip_domains(sub)
    mgip_mock.settle()
    assert MAIL in shared_ip_domains(acme)
    assert SUB_MAIL in shared_ip_domains(sub)
    assert dipp_of(acme, MAIL) == []
    assert dipp_of(sub, SUB_MAIL) == []


def test_dipp_delete_replacement_required_if_ips(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    for pool_id in (MARKETING, TRANSACTIONAL):
        with mgip_mock.refuses(Rule.DIPP_DELETE_REPLACEMENT_REQUIRED_IF_IPS):
            acme.dipps.delete(pool_id)
    assert {MARKETING, TRANSACTIONAL} <= set(pools(acme))
    assert pool_ips(acme, MARKETING) == [IP_MARKETING]
    assert linked(acme, TRANSACTIONAL) == {MAIL, SUB_MAIL}
    acme.dipps.delete(SPARE)
    assert SPARE not in pools(acme)
    # Emptied, marketing may go without a replacement too.
    acme.dipps.remove_ip(MARKETING, IP_MARKETING)
    acme.dipps.delete(MARKETING)
    assert MARKETING not in pools(acme)


# --- edit -----------------------------------------------------------------------------------------
def test_dipp_edit_needs_feature(mgip_mock: InProcessMock) -> None:
    mgip_mock.load_text(LAPSED_FEATURE)
    keeper, lapsed = mgip_mock.client("keeper"), mgip_mock.client("lapsed")
    for form in (
        EditDippForm(name="renamed"),
        EditDippForm(description="changed"),
        EditDippForm(add_ip=[LAPSED_FREE_IP]),
        EditDippForm(remove_ip=[LAPSED_IP]),
    ):
        with mgip_mock.refuses(Rule.DIPP_EDIT_NEEDS_FEATURE):
            lapsed.dipps.edit(LAPSED_POOL, body=form)
    shown = details(lapsed, LAPSED_POOL)
    assert (shown.name, shown.description, shown.ips) == ("stale", "Left over", [LAPSED_IP])
    keeper.dipps.edit(KEEPER_POOL, body=EditDippForm(name="renamed"))
    assert details(keeper, KEEPER_POOL).name == "renamed"


@inherited_scenario
def test_dipp_inherited_not_editable(mgip_mock: InProcessMock) -> None:
    parent, child = mgip_mock.client("parent"), mgip_mock.client("child")
    # Allowed: the child edits its own pool (and so frees child-two.test from the inherited one).
    child.dipps.edit(CHILD_OWN, body=EditDippForm(name="mine", link_domain=[CHILD_TWO_ID]))
    assert details(child, CHILD_OWN).name == "mine"
    before = details(parent, TO_CHILD).to_dict()
    child_view = details(child, TO_CHILD).to_dict()
    child.dipps.remove_ip(CHILD_OWN, CHILD_IP)
    for form in (
        EditDippForm(name="taken over"),
        EditDippForm(description="changed"),
        EditDippForm(add_ip=[CHILD_IP]),
        EditDippForm(remove_ip=[IP_TO_CHILD]),
        EditDippForm(link_domain=[CHILD_TWO_ID]),
        EditDippForm(unlink_domain=["670000000000000000000002"]),
    ):
        with mgip_mock.refuses(Rule.DIPP_INHERITED_NOT_EDITABLE):
            child.dipps.edit(TO_CHILD, body=form)
    assert details(parent, TO_CHILD).to_dict() == before
    assert details(child, TO_CHILD).to_dict() == child_view


@ADD_AND_EDIT_OPERATIONS
def test_dipp_added_ip_must_be_dedicated(mgip_mock: InProcessMock, add: Adder) -> None:
    acme = mgip_mock.client()
    for ips in cases(add, [SHARED_IP], [FREE_IP, SHARED_IP]):
        with mgip_mock.refuses(Rule.DIPP_ADDED_IP_MUST_BE_DEDICATED):
            add(acme, MARKETING, ips)
        assert pool_ips(acme, MARKETING) == [IP_MARKETING]
    add(acme, MARKETING, [FREE_IP])
    assert pool_ips(acme, MARKETING) == [IP_MARKETING, FREE_IP]


@ADD_AND_EDIT_OPERATIONS
def test_dipp_added_ip_must_belong(mgip_mock: InProcessMock, add: Adder) -> None:
    acme = mgip_mock.client()
    for ips in cases(add, [UNKNOWN_IP], [FOREIGN_IP], [FREE_IP, FOREIGN_IP]):
        with mgip_mock.refuses(Rule.DIPP_ADDED_IP_MUST_BELONG):
            add(acme, MARKETING, ips)
        assert pool_ips(acme, MARKETING) == [IP_MARKETING]
    assert pool_ips(mgip_mock.client("globex"), GLOBEX_POOL) == [FOREIGN_IP]
    add(acme, MARKETING, [FREE_IP])
    assert pool_ips(acme, MARKETING) == [IP_MARKETING, FREE_IP]


def test_dipp_edit_applies_fields(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    acme.dipps.edit(
        TRANSACTIONAL,
        body=EditDippForm(
            name="receipts",
            description="Receipts only",
            add_ip=[FREE_IP],
            remove_ip=[IP_TRANSACTIONAL_B],
            link_domain=[NEWS_ID],
            unlink_domain=[MAIL_ID],
        ),
    )
    shown = details(acme, TRANSACTIONAL)
    assert (shown.name, shown.description) == ("receipts", "Receipts only")
    assert FREE_IP in shown.ips and IP_TRANSACTIONAL_B not in shown.ips
    assert IP_TRANSACTIONAL_A in shown.ips
    assert NEWS in linked(acme, TRANSACTIONAL) and MAIL not in linked(acme, TRANSACTIONAL)
    # A single field alone is applied and leaves the rest as it was.
    acme.dipps.edit(MARKETING, body=EditDippForm(description="Weekly"))
    shown = details(acme, MARKETING)
    assert (shown.name, shown.description, shown.ips) == ("marketing", "Weekly", [IP_MARKETING])


def test_dipp_edit_ip_change_updates_domains(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    assert MAIL in ip_domains(acme, IP_TRANSACTIONAL_B)
    assert MAIL not in ip_domains(acme, FREE_IP6)
    mgip_mock.jobs_mode("manual")
    acme.dipps.edit(
        TRANSACTIONAL, body=EditDippForm(add_ip=[FREE_IP6], remove_ip=[IP_TRANSACTIONAL_B])
    )
    assert MAIL in ip_domains(acme, IP_TRANSACTIONAL_B)
    assert MAIL not in ip_domains(acme, FREE_IP6)
    mgip_mock.settle()
    assert MAIL not in ip_domains(acme, IP_TRANSACTIONAL_B)
    assert MAIL in ip_domains(acme, FREE_IP6)
    assert MAIL in ip_domains(acme, IP_TRANSACTIONAL_A)


def test_dipp_edit_without_change_rejected(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    before = details(acme, TRANSACTIONAL).to_dict()
    # The facade sends an empty form as no body at all, so the form with no fields goes raw.
    empty = mgip_mock.raw().patch(
        f"/v3/ip_pools/{TRANSACTIONAL}",
        content=b"",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert empty.status_code == 400
    assert empty.json()["rule"] == Rule.DIPP_EDIT_WITHOUT_CHANGE_REJECTED
    # The facade sends an edit without fields as no body at all, which the spec's required
    # body already refuses, before the rule is reached.
    with pytest.raises(ApiError) as no_body:
        acme.dipps.edit(TRANSACTIONAL, body=EditDippForm())
    assert no_body.value.status_code == 400
    for form in (
        EditDippForm(name="transactional"),
        EditDippForm(description="Receipts and password resets"),
        EditDippForm(add_ip=[IP_TRANSACTIONAL_A]),
        EditDippForm(remove_ip=[FREE_IP]),
        EditDippForm(link_domain=[MAIL_ID]),
        EditDippForm(unlink_domain=[NEWS_ID]),
        EditDippForm(name="transactional", add_ip=[IP_TRANSACTIONAL_B], link_domain=[MAIL_ID]),
    ):
        with mgip_mock.refuses(Rule.DIPP_EDIT_WITHOUT_CHANGE_REJECTED):
            acme.dipps.edit(TRANSACTIONAL, body=form)
        assert details(acme, TRANSACTIONAL).to_dict() == before
    acme.dipps.edit(TRANSACTIONAL, body=EditDippForm(name="transactional-2"))
    assert details(acme, TRANSACTIONAL).name == "transactional-2"


# --- domains of a DIPP ----------------------------------------------------------------------------
def test_dipp_domains_match_linked(mgip_mock: InProcessMock) -> None:
    acme, sub = mgip_mock.client(), mgip_mock.client("acme-sub")

    def check() -> None:
        for client in (acme, sub):
            for pool_id in pools(client):
                for limit in (10, 500):
                    names = [n for page in domain_pages(client, pool_id, limit) for n in page]
                    assert set(names) == linked(client, pool_id), pool_id

    check()
    acme.dipps.edit(MARKETING, body=EditDippForm(link_domain=[NEWS_ID, FRESH_ID, BLOG_ID]))
    check()
    assert paged_domains(acme, MARKETING) == {NEWS, FRESH, BLOG}
    acme.dipps.edit(MARKETING, body=EditDippForm(unlink_domain=[FRESH_ID]))
    acme.dipps.edit(TRANSACTIONAL, body=EditDippForm(unlink_domain=[MAIL_ID]))
    check()
    assert paged_domains(acme, TRANSACTIONAL) == {SUB_MAIL}


def test_dipp_domains_paginated(mgip_mock: InProcessMock) -> None:
    mgip_mock.load_text(MANY_DOMAINS)
    bulk = mgip_mock.client("bulk")
    expected = {f"d{n:02}.bulk.test" for n in range(MANY_LINKED)}
    assert linked(bulk, MANY_POOL) == expected
    for limit in (10, 11, MANY_LINKED - 1, MANY_LINKED, MANY_LINKED + 1, 500):
        pages = domain_pages(bulk, MANY_POOL, limit)
        assert all(len(page) <= limit for page in pages)
        names = [name for page in pages for name in page]
        assert len(names) == len(set(names)) == len(expected), limit
        assert set(names) == expected
        assert len(pages) == -(-len(expected) // limit)
    assert domain_pages(bulk, EMPTY_POOL, 10) == [[]]
    # Still complete once the set changes under the same limit.
    unlinked = sorted(expected)[:3]
    ids = {d.name: d.id for d in mgip_mock.world.domains.values()}
    bulk.dipps.edit(MANY_POOL, body=EditDippForm(unlink_domain=[ids[n] for n in unlinked]))
    pages = domain_pages(bulk, MANY_POOL, 10)
    assert [len(page) for page in pages] == [10, 10]
    assert {n for page in pages for n in page} == expected - set(unlinked)


# --- IPs of a DIPP --------------------------------------------------------------------------------
@ADD_OPERATIONS
def test_dipp_add_ip_needs_feature(mgip_mock: InProcessMock, add: Adder) -> None:
    mgip_mock.load_text(LAPSED_FEATURE)
    keeper, lapsed = mgip_mock.client("keeper"), mgip_mock.client("lapsed")
    with mgip_mock.refuses(Rule.DIPP_ADD_IP_NEEDS_FEATURE):
        add(lapsed, LAPSED_POOL, [LAPSED_FREE_IP])
    assert pool_ips(lapsed, LAPSED_POOL) == [LAPSED_IP]
    add(keeper, KEEPER_POOL, [KEEPER_FREE_IP])
    assert pool_ips(keeper, KEEPER_POOL) == [KEEPER_IP, KEEPER_FREE_IP]


@inherited_scenario
@ADD_OPERATIONS
def test_dipp_inherited_add_ip_forbidden(mgip_mock: InProcessMock, add: Adder) -> None:
    parent, child = mgip_mock.client("parent"), mgip_mock.client("child")
    before = pool_ips(parent, TO_CHILD)
    child.dipps.remove_ip(CHILD_OWN, CHILD_IP)
    with mgip_mock.refuses(Rule.DIPP_INHERITED_ADD_IP_FORBIDDEN):
        add(child, TO_CHILD, [CHILD_IP])
    assert pool_ips(parent, TO_CHILD) == pool_ips(child, TO_CHILD) == before
    # The child may add to its own pool, the parent to the delegated one.
    add(child, CHILD_OWN, [CHILD_IP])
    assert pool_ips(child, CHILD_OWN) == [CHILD_IP]
    add(parent, TO_CHILD, [PARENT_FREE_IP])
    assert pool_ips(parent, TO_CHILD) == [*before, PARENT_FREE_IP]


@ADD_OPERATIONS
def test_dipp_add_ip_not_in_other_dipp(mgip_mock: InProcessMock, add: Adder) -> None:
    acme = mgip_mock.client()
    transactional = pool_ips(acme, TRANSACTIONAL)
    for ips in cases(add, [IP_MARKETING], [FREE_IP, IP_MARKETING]):
        with mgip_mock.refuses(Rule.DIPP_ADD_IP_NOT_IN_OTHER_DIPP):
            add(acme, TRANSACTIONAL, ips)
        assert pool_ips(acme, TRANSACTIONAL) == transactional
        assert pool_ips(acme, MARKETING) == [IP_MARKETING]
    add(acme, TRANSACTIONAL, [FREE_IP])
    assert pool_ips(acme, TRANSACTIONAL) == [*transactional, FREE_IP]


@ADD_OPERATIONS
def test_dipp_add_ip_joins_pool(mgip_mock: InProcessMock, add: Adder) -> None:
    acme = mgip_mock.client()
    add(acme, SPARE, [FREE_IP, FREE_IP6])
    assert set(pool_ips(acme, SPARE)) == {FREE_IP, FREE_IP6}
    assert set(pools(acme)[SPARE].ips) == {FREE_IP, FREE_IP6}
    add(acme, TRANSACTIONAL, ["192.0.2.15"])
    assert set(pool_ips(acme, TRANSACTIONAL)) == {
        IP_TRANSACTIONAL_A,
        IP_TRANSACTIONAL_B,
        "192.0.2.15",
    }


@ADD_OPERATIONS
def test_dipp_add_ip_updates_linked_domains(mgip_mock: InProcessMock, add: Adder) -> None:
    acme = mgip_mock.client()
    acme.dipps.edit(MARKETING, body=EditDippForm(link_domain=[NEWS_ID]))
    added = [FREE_IP6, IP_TRANSACTIONAL_B]
    acme.dipps.remove_ip(TRANSACTIONAL, IP_TRANSACTIONAL_B)
    for ip in added:
        assert not {MAIL, NEWS} & ip_domains(acme, ip)
    mgip_mock.jobs_mode("manual")
    add(acme, MARKETING, added)
    for ip in added:
        assert NEWS not in ip_domains(acme, ip)
    mgip_mock.settle()
    for ip in added:
        assert NEWS in ip_domains(acme, ip)
    assert NEWS in ip_domains(acme, IP_MARKETING)


@inherited_scenario
@ADD_OPERATIONS
def test_dipp_add_ip_updates_subaccounts(mgip_mock: InProcessMock, add: Adder) -> None:
    parent, child = mgip_mock.client("parent"), mgip_mock.client("child")
    mgip_mock.jobs_mode("manual")
    add(parent, TO_CHILD, [PARENT_FREE_IP])
    assert not CHILD_DOMAINS & ip_domains(child, PARENT_FREE_IP)
    mgip_mock.settle()
    assert PARENT_FREE_IP in pool_ips(child, TO_CHILD)
    assert PARENT_FREE_IP in pools(child)[TO_CHILD].ips
    assert ip_domains(child, PARENT_FREE_IP) == CHILD_DOMAINS


def test_dipp_remove_ip_needs_feature(mgip_mock: InProcessMock) -> None:
    mgip_mock.load_text(LAPSED_FEATURE)
    keeper, lapsed = mgip_mock.client("keeper"), mgip_mock.client("lapsed")
    with mgip_mock.refuses(Rule.DIPP_REMOVE_IP_NEEDS_FEATURE):
        lapsed.dipps.remove_ip(LAPSED_POOL, LAPSED_IP)
    assert pool_ips(lapsed, LAPSED_POOL) == [LAPSED_IP]
    keeper.dipps.remove_ip(KEEPER_POOL, KEEPER_IP)
    assert pool_ips(keeper, KEEPER_POOL) == []


@inherited_scenario
def test_dipp_inherited_remove_ip_forbidden(mgip_mock: InProcessMock) -> None:
    parent, child = mgip_mock.client("parent"), mgip_mock.client("child")
    before = pool_ips(parent, TO_CHILD)
    for ip in before:
        with mgip_mock.refuses(Rule.DIPP_INHERITED_REMOVE_IP_FORBIDDEN):
            child.dipps.remove_ip(TO_CHILD, ip)
    assert pool_ips(parent, TO_CHILD) == pool_ips(child, TO_CHILD) == before
    child.dipps.remove_ip(CHILD_OWN, CHILD_IP)
    assert pool_ips(child, CHILD_OWN) == []
    parent.dipps.remove_ip(TO_CHILD, IP_TO_CHILD)
    assert IP_TO_CHILD not in pool_ips(child, TO_CHILD)


def test_dipp_remove_ip_leaves_pool(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    acme.dipps.remove_ip(TRANSACTIONAL, IP_TRANSACTIONAL_B)
    assert pool_ips(acme, TRANSACTIONAL) == [IP_TRANSACTIONAL_A]
    assert pools(acme)[TRANSACTIONAL].ips == [IP_TRANSACTIONAL_A]
    acme.dipps.remove_ip(MARKETING, IP_MARKETING)
    assert pool_ips(acme, MARKETING) == []
    # The removed IP is free again: another pool may take it.
    acme.dipps.add_ip(SPARE, IP_TRANSACTIONAL_B)
    assert pool_ips(acme, SPARE) == [IP_TRANSACTIONAL_B]


def test_dipp_remove_ip_updates_linked_domains(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    acme.dipps.edit(TRANSACTIONAL, body=EditDippForm(link_domain=[NEWS_ID]))
    assert {MAIL, NEWS} <= ip_domains(acme, IP_TRANSACTIONAL_B)
    mgip_mock.jobs_mode("manual")
    acme.dipps.remove_ip(TRANSACTIONAL, IP_TRANSACTIONAL_B)
    assert {MAIL, NEWS} <= ip_domains(acme, IP_TRANSACTIONAL_B)
    mgip_mock.settle()
    assert not {MAIL, NEWS} & ip_domains(acme, IP_TRANSACTIONAL_B)
    assert {MAIL, NEWS} <= ip_domains(acme, IP_TRANSACTIONAL_A)


# --- refusals of mgip's reading (basis inferred or convention) ---------------------------------


def test_dipp_objects_exist(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    before = {p: pool_ips(acme, p) for p in (TRANSACTIONAL, MARKETING)}
    calls: list[Callable[[], object]] = [
        lambda: acme.dipps.get(GLOBEX_POOL),  # another account's
        lambda: acme.dipps.get("0" * 24),
        lambda: acme.dipps.delete(MARKETING, pool_id_query="0" * 24),
        lambda: acme.dipps.delete(MARKETING, ip=UNKNOWN_IP),
        lambda: acme.dipps.edit(MARKETING, body=EditDippForm(link_domain=["0" * 24])),
        lambda: acme.dipps.remove_ip(MARKETING, FREE_IP),  # not in the pool
    ]
    for call in calls:
        with mgip_mock.refuses(Rule.DIPP_OBJECTS_EXIST):
            call()
    assert {p: pool_ips(acme, p) for p in (TRANSACTIONAL, MARKETING)} == before


def test_dipp_name_not_blank(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    before = set(pools(acme))
    with mgip_mock.refuses(Rule.DIPP_NAME_NOT_BLANK):
        acme.dipps.create(body=CreateDippForm(name="  ", description="blank"))
    with mgip_mock.refuses(Rule.DIPP_NAME_NOT_BLANK):
        acme.dipps.edit(MARKETING, body=EditDippForm(name=" "))
    assert set(pools(acme)) == before
    assert details(acme, MARKETING).name == "marketing"


def test_dipp_edit_changes_consistent(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    with mgip_mock.refuses(Rule.DIPP_EDIT_CHANGES_CONSISTENT):
        acme.dipps.edit(SPARE, body=EditDippForm(add_ip=[FREE_IP], remove_ip=[FREE_IP]))
    with mgip_mock.refuses(Rule.DIPP_EDIT_CHANGES_CONSISTENT):
        acme.dipps.edit(SPARE, body=EditDippForm(link_domain=[NEWS_ID], unlink_domain=[NEWS_ID]))
    assert pool_ips(acme, SPARE) == []
    assert linked(acme, SPARE) == set()


def test_dipp_add_ips_needs_an_ip(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    with mgip_mock.refuses(Rule.DIPP_ADD_IPS_NEEDS_AN_IP):
        acme.dipps.add_ips(SPARE, body=AddDippIpsBody(ips=[]))
    assert pool_ips(acme, SPARE) == []


def test_dipp_delete_replacements_exclusive(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    with mgip_mock.refuses(Rule.DIPP_DELETE_REPLACEMENTS_EXCLUSIVE):
        acme.dipps.delete(MARKETING, ip=FREE_IP, pool_id_query=TRANSACTIONAL)
    with mgip_mock.refuses(Rule.DIPP_DELETE_REPLACEMENTS_EXCLUSIVE):
        acme.dipps.delete(MARKETING, pool_id_query=MARKETING)
    assert details(acme, MARKETING).ips == [IP_MARKETING]


def test_dipp_domains_page_token_issued(mgip_mock: InProcessMock) -> None:
    answer = mgip_mock.raw().get(f"/v3/ip_pools/{TRANSACTIONAL}/domains?page=bm9wZQ")
    assert answer.status_code == 400, answer.text
    assert answer.json()["rule"] == Rule.DIPP_DOMAINS_PAGE_TOKEN_ISSUED
