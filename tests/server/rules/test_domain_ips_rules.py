"""Domain-level IP removal rules (removeDomainIp and removeDomainPoolIp), through the client.

Both operations take the same inputs and must behave the same, so every test runs once for each.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple, Protocol

import pytest
from mailgun_ip_client import MailgunIp
from mailgun_ip_client.models import CreateDippForm, Message
from mailgun_ip_client.rules import Rule
from mailgun_ip_client.types import UNSET, Unset

from mgip.server.testing import InProcessMock

# The demo scenario (mgip.server/scenarios/demo.yaml).
POOLED = ("192.0.2.10", "192.0.2.11")  # acme's DIPP "transactional", inherited by acme-sub
MARKETING_IP = "192.0.2.12"
READY = "192.0.2.16"
WARMING = "192.0.2.17"
V6 = "2001:db8::10"
SHARED = "192.0.2.200"
SUB_IP = "192.0.2.50"
INITECH_IP = "192.0.2.150"
TRANSACTIONAL = "64f0b0b0b0b0b0b0b0b0b001"
MARKETING = "64f0b0b0b0b0b0b0b0b0b002"
MAIL = "mail.acme.test"  # linked to transactional
NEWS = "news.acme.test"  # READY and SHARED
SHOP = "shop.acme.test"  # enrolled in a dynamic pool
FRESH = "fresh.acme.test"  # READY only
BLOG = "blog.acme.test"  # READY and V6
SUB_LINKED = "sub.acme.test"  # acme-sub's, linked to the inherited transactional
INITECH_DOMAIN = "initech.test"

# no_shared_ips.yaml: account "solo", not eligible for shared IPs.
SOLO_READY = ("192.0.2.30", "192.0.2.31")
SOLO_WARMING = ("192.0.2.32", "192.0.2.33")
SOLO_FREE = "192.0.2.34"
CORE = "64f0c0c0c0c0c0c0c0c0c001"
SINGLE = "single.solo.test"  # 192.0.2.30 only
PAIR = "pair.solo.test"  # .30 and .31
WARMING_DOMAIN = "warming.solo.test"  # .32 and .33 warming, .31 ready
SOLO_LINKED = "linked.solo.test"  # linked to core

INHERITED_WITHOUT_DIPPS = """
version: 1
accounts:
  - {name: parent, id: 5f0e0f0f0f0f0f0f0f0f0f01, keys: [key-parent-0001]}
  - name: child
    id: 5f0e0f0f0f0f0f0f0f0f0f02
    parent: parent
    keys: [key-child-0002]
    features: {dipps: false, dynamic_pools: false, ip_bands: false, shared_ips: true,
               dedicated_ip_limit: 1}
ips:
  - {address: 192.0.2.70, account: parent}
  - {address: 192.0.2.71, account: child}
dipps:
  - {id: 64f0e0e0e0e0e0e0e0e0e001, account: parent, name: delegated, description: Delegated,
     ips: [192.0.2.70], delegated_to: [child]}
domains:
  - {id: "690000000000000000000001", name: child.test, account: child, dipp: delegated}
"""

METHODS = ["remove_domain_ip", "remove_domain_pool_ip"]


class Remove(Protocol):
    def __call__(
        self,
        name: str,
        ip_path: str,
        *,
        ip_query: str | Unset = UNSET,
        pool_id: str | Unset = UNSET,
    ) -> Message: ...


@pytest.fixture(params=METHODS)
def method(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def remover(client: MailgunIp, method: str) -> Remove:
    chosen: Remove = getattr(client.ips, method)
    return chosen


def domain_ips(client: MailgunIp) -> dict[str, set[str]]:
    """Every domain that holds an IP of the account, with its IPs, as the IP listings show it."""
    seen: dict[str, set[str]] = {}
    for ip in client.ips.list_all().items:
        for item in client.ips.list_domains(ip).items:
            seen[item.domain] = set(item.ips)
    return seen


def linked(client: MailgunIp, pool_id: str) -> set[str]:
    """The domains linked to a DIPP; getDipp and listDippDomains must agree."""
    details = client.dipps.get(pool_id).details
    named = set() if isinstance(details.linked_domains, Unset) else set(details.linked_domains)
    paged = {d.name for d in client.dipps.list_domains(pool_id, limit=100).domains}
    assert named == paged, pool_id
    assert details.is_linked == bool(named)
    return named


def linked_anywhere(client: MailgunIp) -> set[str]:
    return {d for pool in client.dipps.list_all().ip_pools for d in linked(client, pool.pool_id)}


def snapshot(client: MailgunIp) -> dict[str, Any]:
    """What the removal operations can change, as a user of the account can read it."""
    pools = {
        pool.pool_id: linked(client, pool.pool_id) for pool in client.dipps.list_all().ip_pools
    }
    return {"domains": domain_ips(client), "linked": pools}


@pytest.mark.parametrize(
    "value",
    [
        "shared",
        "ALL",
        "Ip_Pool",
        "ip-pool",
        "pool",
        "none",
        "192.0.2",
        "192.0.2.256",
        "192.0.2.16.1",
        "2001:db8::zz",
        "news.acme.test",
        " all",
        "all ",
        "*",
    ],
)
def test_domain_ips_path_value_kinds(mgip_mock: InProcessMock, method: str, value: str) -> None:
    acme = mgip_mock.client()
    remove = remover(acme, method)
    before = snapshot(acme)
    with mgip_mock.refuses(Rule.DOMAIN_IPS_PATH_VALUE_KINDS):
        remove(NEWS, value)
    with mgip_mock.refuses(Rule.DOMAIN_IPS_PATH_VALUE_KINDS):
        remove(MAIL, value, ip_query=READY)
    assert snapshot(acme) == before
    # Each of the three documented kinds is accepted.
    remove(NEWS, READY)
    remove(BLOG, V6)
    remove(FRESH, "all")
    remove(MAIL, "ip_pool", ip_query=READY)


@pytest.mark.parametrize(
    ("domain", "ip"), [(NEWS, READY), (NEWS, SHARED), (BLOG, V6), (BLOG, READY), (FRESH, READY)]
)
def test_domain_ips_remove_single_ip(
    mgip_mock: InProcessMock, method: str, domain: str, ip: str
) -> None:
    acme = mgip_mock.client()
    before = domain_ips(acme)
    assert ip in before[domain]
    remover(acme, method)(domain, ip)
    after = domain_ips(acme)
    assert domain not in {i.domain for i in acme.ips.list_domains(ip).items}
    # Exactly that IP went (acme may have shared IPs, so no top-up applies).
    assert after.get(domain, set()) == before[domain] - {ip}
    assert {d: ips for d, ips in after.items() if d != domain} == {
        d: ips for d, ips in before.items() if d != domain
    }


@pytest.mark.parametrize(
    ("account", "domain"),
    [
        ("acme", NEWS),
        ("acme", MAIL),
        ("acme", SHOP),
        ("acme-sub", SUB_LINKED),
        ("solo", SINGLE),
        ("solo", SOLO_LINKED),
    ],
)
def test_domain_ips_all_removes_domain_pool(
    mgip_mock: InProcessMock, method: str, account: str, domain: str
) -> None:
    if account == "solo":
        mgip_mock.load("no_shared_ips")
    client = mgip_mock.client(account)
    before = domain_ips(client)
    assert domain in before
    remover(client, method)(domain, "all")
    after = domain_ips(client)
    assert domain not in after
    assert after == {d: ips for d, ips in before.items() if d != domain}
    assert domain not in linked_anywhere(client)
    if account == "acme-sub":
        # The owner of the inherited DIPP no longer sees the domain linked either.
        assert domain not in linked(mgip_mock.client(), TRANSACTIONAL)
    # The domain no longer exists for IP management: background health checks give it no IPs
    # again, and it is not left enrolled in a dynamic pool.
    mgip_mock.health_check()
    mgip_mock.settle()
    assert domain not in domain_ips(client)
    if account != "solo":
        enrolled = mgip_mock.client().dynamic_pools.list_domains(limit=100).items
        assert domain not in {d.name for d in enrolled}


@pytest.mark.parametrize(
    ("account", "domain", "replacement"),
    [
        ("acme", MAIL, {"ip_query": READY}),
        ("acme", MAIL, {"ip_query": "shared"}),
        ("acme", MAIL, {"pool_id": MARKETING}),
        ("acme-sub", SUB_LINKED, {"ip_query": SUB_IP}),
        ("acme-sub", SUB_LINKED, {"ip_query": "shared"}),
    ],
)
def test_domain_ips_ip_pool_unlinks_dipp(
    mgip_mock: InProcessMock, method: str, account: str, domain: str, replacement: dict[str, str]
) -> None:
    pool = TRANSACTIONAL
    client, owner = mgip_mock.client(account), mgip_mock.client()
    assert domain in linked(client, pool)
    others = linked(owner, pool) - {domain}
    assert others  # another domain stays linked, so unlinking is per domain
    remover(client, method)(domain, "ip_pool", **replacement)
    assert domain not in linked(client, pool)
    assert domain not in linked(owner, pool)
    assert linked(owner, pool) == others


def test_domain_ips_no_ip_change_while_dipp_linked(mgip_mock: InProcessMock, method: str) -> None:
    acme, sub = mgip_mock.client(), mgip_mock.client("acme-sub")
    remove_acme, remove_sub = remover(acme, method), remover(sub, method)
    before, sub_before = snapshot(acme), snapshot(sub)
    for ip in (*POOLED, READY):
        with mgip_mock.refuses(Rule.DOMAIN_IPS_NO_IP_CHANGE_WHILE_DIPP_LINKED):
            remove_acme(MAIL, ip)
    with mgip_mock.refuses(Rule.DOMAIN_IPS_NO_IP_CHANGE_WHILE_DIPP_LINKED):
        remove_sub(SUB_LINKED, POOLED[0])
    assert snapshot(acme) == before
    assert snapshot(sub) == sub_before
    # A domain without a DIPP may lose an IP, and so may this one once unlinked.
    remove_acme(NEWS, READY)
    remove_acme(MAIL, "ip_pool", ip_query=READY)
    acme.ips.assign_to_all_domains(V6)
    mgip_mock.settle()
    remove_acme(MAIL, READY)
    assert domain_ips(acme)[MAIL] == {V6}

    mgip_mock.load("no_shared_ips")
    solo = mgip_mock.client("solo")
    before = snapshot(solo)
    with mgip_mock.refuses(Rule.DOMAIN_IPS_NO_IP_CHANGE_WHILE_DIPP_LINKED):
        remover(solo, method)(SOLO_LINKED, solo.dipps.get(CORE).details.ips[0])
    assert snapshot(solo) == before


def test_domain_ips_last_ip_kept_without_shared(mgip_mock: InProcessMock, method: str) -> None:
    # An account eligible for shared IPs may empty a domain.
    acme = mgip_mock.client()
    remover(acme, method)(FRESH, READY)
    assert FRESH not in domain_ips(acme)

    initech = mgip_mock.client("initech")
    with mgip_mock.refuses(Rule.DOMAIN_IPS_LAST_IP_KEPT_WITHOUT_SHARED):
        remover(initech, method)(INITECH_DOMAIN, INITECH_IP)
    assert domain_ips(initech)[INITECH_DOMAIN] == {INITECH_IP}

    mgip_mock.load("no_shared_ips")
    solo = mgip_mock.client("solo")
    remove = remover(solo, method)
    with mgip_mock.refuses(Rule.DOMAIN_IPS_LAST_IP_KEPT_WITHOUT_SHARED):
        remove(SINGLE, SOLO_READY[0])
    assert domain_ips(solo)[SINGLE] == {SOLO_READY[0]}
    remove(PAIR, SOLO_READY[1])  # not the last one: accepted
    assert domain_ips(solo)[PAIR] == {SOLO_READY[0]}
    with mgip_mock.refuses(Rule.DOMAIN_IPS_LAST_IP_KEPT_WITHOUT_SHARED):
        remove(PAIR, SOLO_READY[0])
    assert domain_ips(solo)[PAIR] == {SOLO_READY[0]}


class Removal(NamedTuple):
    scenario: str
    account: str
    eligible: bool  # for shared IPs
    domain: str
    ip: str
    all_warming: bool  # every dedicated IP the domain keeps is warming up


@pytest.mark.parametrize(
    "case",
    [
        Removal("no_shared_ips", "solo", False, WARMING_DOMAIN, SOLO_READY[1], True),
        Removal("no_shared_ips", "solo", False, WARMING_DOMAIN, SOLO_WARMING[0], False),
        Removal("no_shared_ips", "solo", False, PAIR, SOLO_READY[1], False),
        Removal("all_ips_warming", "warm", False, "warm.test", "192.0.2.80", True),
        Removal("all_ips_warming", "warm", False, "mixed.warm.test", "192.0.2.89", True),
        Removal("all_ips_warming", "warm", False, "mixed.warm.test", "192.0.2.82", False),
        Removal("demo", "acme", True, FRESH, READY, True),
    ],
    ids=lambda case: f"{case.domain}-{case.ip}",
)
def test_domain_ips_extra_ip_when_all_warming(
    mgip_mock: InProcessMock, method: str, case: Removal
) -> None:
    mgip_mock.load(case.scenario)
    client = mgip_mock.client(case.account)
    if case.account == "acme":
        # Give fresh.acme.test a warming IP beside the one removed.
        client.ips.assign_to_all_domains(WARMING)
        mgip_mock.settle()
    listed = client.ips.list_all()
    assert not isinstance(listed.details, Unset)
    warming = {d.ip for d in listed.details if d.is_on_warmup}
    dedicated = set(client.ips.list_all(dedicated=True).items)
    before = domain_ips(client)
    kept = before[case.domain] - {case.ip}
    assert (kept & dedicated <= warming) is case.all_warming
    remover(client, method)(case.domain, case.ip)
    after = domain_ips(client)
    assert kept <= after[case.domain]
    assert case.ip not in after[case.domain]
    extra = after[case.domain] - kept
    if case.all_warming and not case.eligible:
        assert len(extra) <= 1
        assert extra <= dedicated
    else:
        assert extra == set()
    assert {d: ips for d, ips in after.items() if d != case.domain} == {
        d: ips for d, ips in before.items() if d != case.domain
    }


def test_domain_ips_unlink_needs_dipps(mgip_mock: InProcessMock, method: str) -> None:
    initech = mgip_mock.client("initech")
    remove = remover(initech, method)
    before = domain_ips(initech)
    with mgip_mock.refuses(Rule.DOMAIN_IPS_UNLINK_NEEDS_DIPPS):
        remove(INITECH_DOMAIN, "ip_pool", ip_query=INITECH_IP)
    with mgip_mock.refuses(Rule.DOMAIN_IPS_UNLINK_NEEDS_DIPPS):
        remove(INITECH_DOMAIN, "ip_pool", pool_id=TRANSACTIONAL)
    assert domain_ips(initech) == before
    acme = mgip_mock.client()
    remover(acme, method)(MAIL, "ip_pool", ip_query=READY)
    assert MAIL not in linked(acme, TRANSACTIONAL)

    # A subaccount without the feature whose domain is linked to an inherited DIPP.
    mgip_mock.load_text(INHERITED_WITHOUT_DIPPS)
    parent, child = mgip_mock.client("parent"), mgip_mock.client("child")
    before = domain_ips(child)
    with mgip_mock.refuses(Rule.DOMAIN_IPS_UNLINK_NEEDS_DIPPS):
        remover(child, method)("child.test", "ip_pool", ip_query="192.0.2.71")
    with mgip_mock.refuses(Rule.DOMAIN_IPS_UNLINK_NEEDS_DIPPS):
        remover(child, method)("child.test", "ip_pool", ip_query="shared")
    assert "child.test" in linked(parent, "64f0e0e0e0e0e0e0e0e0e001")
    assert domain_ips(child) == before


@pytest.mark.parametrize(("account", "domain"), [("acme", MAIL), ("acme-sub", SUB_LINKED)])
def test_domain_ips_unlink_replacement_required(
    mgip_mock: InProcessMock, method: str, account: str, domain: str
) -> None:
    client = mgip_mock.client(account)
    before = snapshot(client)
    with mgip_mock.refuses(Rule.DOMAIN_IPS_UNLINK_REPLACEMENT_REQUIRED):
        remover(client, method)(domain, "ip_pool")
    assert snapshot(client) == before
    assert domain in linked(client, TRANSACTIONAL)
    remover(client, method)(domain, "ip_pool", ip_query="shared")
    assert domain not in linked(client, TRANSACTIONAL)


@pytest.mark.parametrize("ip", [READY, "shared"])
def test_domain_ips_unlink_replacements_exclusive(
    mgip_mock: InProcessMock, method: str, ip: str
) -> None:
    acme = mgip_mock.client()
    remove = remover(acme, method)
    before = snapshot(acme)
    with mgip_mock.refuses(Rule.DOMAIN_IPS_UNLINK_REPLACEMENTS_EXCLUSIVE):
        remove(MAIL, "ip_pool", ip_query=ip, pool_id=MARKETING)
    assert snapshot(acme) == before
    assert MAIL in linked(acme, TRANSACTIONAL)
    remove(MAIL, "ip_pool", pool_id=MARKETING)
    assert MAIL in linked(acme, MARKETING)


@pytest.mark.parametrize(
    ("account", "domain", "ip"),
    [
        ("acme", MAIL, READY),
        ("acme", MAIL, V6),
        ("acme", MAIL, WARMING),
        ("acme", MAIL, POOLED[0]),
        ("acme-sub", SUB_LINKED, SUB_IP),
        ("solo", SOLO_LINKED, SOLO_READY[0]),
    ],
)
def test_domain_ips_unlink_replacement_ip_assigned(
    mgip_mock: InProcessMock, method: str, account: str, domain: str, ip: str
) -> None:
    if account == "solo":
        mgip_mock.load("no_shared_ips")
    client = mgip_mock.client(account)
    # The replacement is new to the domain, except one already in the DIPP being unlinked.
    assert (ip in domain_ips(client)[domain]) is (ip in POOLED)
    remover(client, method)(domain, "ip_pool", ip_query=ip)
    assert domain in {i.domain for i in client.ips.list_domains(ip).items}
    assert domain_ips(client)[domain] == {ip}
    assert domain not in linked_anywhere(client)


def test_domain_ips_unlink_replacement_dipp_linked(mgip_mock: InProcessMock, method: str) -> None:
    acme, sub = mgip_mock.client(), mgip_mock.client("acme-sub")
    remover(acme, method)(MAIL, "ip_pool", pool_id=MARKETING)
    assert MAIL in linked(acme, MARKETING)
    assert MAIL not in linked(acme, TRANSACTIONAL)
    assert MAIL in {i.domain for i in acme.ips.list_domains(MARKETING_IP).items}

    # A subaccount may move its domain from the inherited DIPP to one of its own.
    own = sub.dipps.create(body=CreateDippForm(name="own", description="own", ip=[SUB_IP])).pool_id
    remover(sub, method)(SUB_LINKED, "ip_pool", pool_id=own)
    assert SUB_LINKED in linked(sub, own)
    assert SUB_LINKED not in linked(sub, TRANSACTIONAL)
    assert SUB_LINKED not in linked(acme, TRANSACTIONAL)


def test_domain_ips_shared_needs_eligibility(mgip_mock: InProcessMock, method: str) -> None:
    acme = mgip_mock.client()
    remover(acme, method)(MAIL, "ip_pool", ip_query="shared")
    assert MAIL not in linked(acme, TRANSACTIONAL)

    mgip_mock.load("no_shared_ips")
    solo = mgip_mock.client("solo")
    before = snapshot(solo)
    with mgip_mock.refuses(Rule.DOMAIN_IPS_SHARED_NEEDS_ELIGIBILITY):
        remover(solo, method)(SOLO_LINKED, "ip_pool", ip_query="shared")
    assert snapshot(solo) == before
    assert SOLO_LINKED in linked(solo, CORE)
    assert solo.ips.list_all(dedicated=False).items == []
    # Only the 'shared' replacement is refused to this account.
    remover(solo, method)(SOLO_LINKED, "ip_pool", ip_query=SOLO_FREE)
    assert SOLO_LINKED not in linked(solo, CORE)


@pytest.mark.parametrize(("account", "domain"), [("acme", MAIL), ("acme-sub", SUB_LINKED)])
def test_domain_ips_shared_assigns_shared_ip(
    mgip_mock: InProcessMock, method: str, account: str, domain: str
) -> None:
    client = mgip_mock.client(account)
    assert domain in linked(client, TRANSACTIONAL)
    remover(client, method)(domain, "ip_pool", ip_query="shared")
    assert domain not in linked_anywhere(client)
    given = domain_ips(client)[domain]
    shared = set(client.ips.list_all(dedicated=False).items)
    assert given & shared
    for ip in given & shared:
        assert client.ips.get(ip).dedicated is False


# --- refusals of mgip's reading (basis inferred or convention) ---------------------------------


def test_domain_ips_objects_exist(mgip_mock: InProcessMock, method: str) -> None:
    acme = mgip_mock.client()
    before = domain_ips(acme)
    remove = remover(acme, method)
    calls: list[Callable[[], object]] = [
        lambda: remove("nowhere.acme.test", READY),
        lambda: remove(INITECH_DOMAIN, INITECH_IP),  # another account's domain
        lambda: remove(NEWS, WARMING),  # an IP the domain does not have
        lambda: remove(MAIL, "ip_pool", ip_query="198.51.100.9"),
        lambda: remove(MAIL, "ip_pool", pool_id="0" * 24),
    ]
    for call in calls:
        with mgip_mock.refuses(Rule.DOMAIN_IPS_OBJECTS_EXIST):
            call()
    assert domain_ips(acme) == before


def test_domain_ips_unlink_needs_linked_dipp(mgip_mock: InProcessMock, method: str) -> None:
    acme = mgip_mock.client()
    before = domain_ips(acme)
    with mgip_mock.refuses(Rule.DOMAIN_IPS_UNLINK_NEEDS_LINKED_DIPP):
        remover(acme, method)(NEWS, "ip_pool", ip_query=READY)  # linked to none
    with mgip_mock.refuses(Rule.DOMAIN_IPS_UNLINK_NEEDS_LINKED_DIPP):
        remover(acme, method)(MAIL, "ip_pool", pool_id=TRANSACTIONAL)  # its own DIPP
    assert domain_ips(acme) == before
    assert MAIL in linked(acme, TRANSACTIONAL)
