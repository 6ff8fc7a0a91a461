"""Dynamic IP Pools rules (enrollment and pool configuration), driven through the generated client
against the in-process reference server."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from mailgun_ip_client import ApiError, MailgunIp
from mailgun_ip_client.models import SetDynamicPoolsForm, UpdateDynamicPoolForm
from mailgun_ip_client.rules import Rule
from mailgun_ip_client.types import UNSET

from mgip.server.testing import InProcessMock

# --- the demo scenario ------------------------------------------------------------------------
ACME_ID = "5f0e0a0a0a0a0a0a0a0a0a01"
SUB_ID = "5f0e0a0a0a0a0a0a0a0a0a02"
GLOBEX_ID = "5f0e0a0a0a0a0a0a0a0a0a03"

GOOD_IP = "192.0.2.13"  # dynamic_good
POOR_IP = "192.0.2.14"  # dynamic_poor
NEW_IP = "192.0.2.15"  # dynamic_new
FREE_IP = "192.0.2.16"  # dedicated, in no pool of either kind
FREE_IP6 = "2001:db8::10"  # dedicated, in no pool of either kind
WARMING_IP = "192.0.2.17"  # dedicated, on warm-up
SHARED_IP = "192.0.2.200"  # acme's shared IP
TRANSACTIONAL_IP = "192.0.2.10"  # in DIPP transactional
MARKETING_IP = "192.0.2.12"  # in DIPP marketing
FOREIGN_IP = "192.0.2.100"  # globex's dedicated IP
FOREIGN_SHARED_IP = "192.0.2.101"  # globex's shared IP
UNKNOWN_IP = "198.51.100.254"  # nobody's

TRANSACTIONAL_ID = "64f0b0b0b0b0b0b0b0b0b001"  # delegated to acme-sub
MARKETING_ID = "64f0b0b0b0b0b0b0b0b0b002"
SPARE_ID = "64f0b0b0b0b0b0b0b0b0b003"
GLOBEX_POOL_ID = "64f0b0b0b0b0b0b0b0b0b004"
UNKNOWN_POOL_ID = "64f0b0b0b0b0b0b0b0b0b0ff"

SHOP = "shop.acme.test"  # enrolled, dynamic_good
PROMO = "promo.acme.test"  # enrolled, dynamic_poor
FRESH = "fresh.acme.test"  # not enrolled, a new sender
NEWS = "news.acme.test"  # not enrolled, good metrics
SUB2 = "sub2.acme.test"  # acme-sub's, not enrolled
INITECH_DOMAIN = "initech.test"
FORM = "application/x-www-form-urlencoded"
MAIL = "mail.acme.test"  # linked to DIPP transactional
SUB_LINKED_DOMAIN = "sub.acme.test"  # acme-sub's, linked to the DIPP it inherits
ACME_LINKED = {MAIL}
SUB_LINKED = {SUB_LINKED_DOMAIN}

POOL_KEYS = {
    "dynamic_good": "good_reputation",
    "dynamic_poor": "poor_reputation",
    "dynamic_new": "new_senders",
}

# --- the no_shared_ips scenario ---------------------------------------------------------------
SOLO_READY = ("192.0.2.30", "192.0.2.31", "192.0.2.34")
SOLO_WARMING_IP = "192.0.2.32"
SOLO_DOMAIN = "pair.solo.test"
SINGLE_SOLO_DOMAIN = "single.solo.test"

# --- the all_ips_warming scenario -------------------------------------------------------------
WARM_READY_IP = "192.0.2.89"
WARM_WARMING_IPS = ("192.0.2.80", "192.0.2.81", "192.0.2.82")


# --- reading state back -----------------------------------------------------------------------


def enrolled(client: MailgunIp, **filters: Any) -> dict[str, str]:
    """Enrolled domain name -> its dynamic pool, as the client sees them."""
    return {d.name: d.pool for d in client.dynamic_pools.list_domains(**filters).items}


def enrolled_ids(client: MailgunIp) -> set[str]:
    return {d.id for d in client.dynamic_pools.list_domains().items}


def assignable(client: MailgunIp, **filters: Any) -> set[str]:
    return {d.name for d in client.dynamic_pools.list_assignable_domains(**filters).items}


def pools(client: MailgunIp) -> dict[str, list[str]]:
    return {p.name: list(p.ips) for p in client.dynamic_pools.list_all().pools}


def pool_snapshot(client: MailgunIp) -> dict[str, Any]:
    snapshot: dict[str, Any] = client.dynamic_pools.list_all().to_dict()
    return snapshot


def ip_domains(client: MailgunIp, address: str) -> set[str]:
    return {d.domain for d in client.ips.list_domains(address).items}


def pool_form(good: list[str], poor: list[str], new: list[str]) -> SetDynamicPoolsForm:
    return SetDynamicPoolsForm(good_reputation=good, poor_reputation=poor, new_senders=new)


def update_form(
    add: list[str] | None = None, remove: list[str] | None = None
) -> UpdateDynamicPoolForm:
    return UpdateDynamicPoolForm(
        add_ip=UNSET if add is None else add, remove_ip=UNSET if remove is None else remove
    )


def unenroll_everything(mgip_mock: InProcessMock) -> None:
    """Take every domain of acme's family out of the dynamic pools, each by its own account."""
    by_account = {ACME_ID: "acme", SUB_ID: "acme-sub"}
    for domain in mgip_mock.client().dynamic_pools.list_domains().items:
        owner = mgip_mock.client(by_account[domain.account_id])
        owner.dynamic_pools.unenroll_domain(domain.name, replacement_ip=["shared"])


def configure_solo(mgip_mock: InProcessMock) -> MailgunIp:
    solo: MailgunIp = mgip_mock.client("solo")
    good, poor, new = SOLO_READY
    solo.dynamic_pools.set_all(body=pool_form([good], [poor], [new]))
    return solo


@pytest.fixture
def acme(mgip_mock: InProcessMock) -> MailgunIp:
    client: MailgunIp = mgip_mock.client("acme")
    return client


@pytest.fixture
def acme_sub(mgip_mock: InProcessMock) -> MailgunIp:
    client: MailgunIp = mgip_mock.client("acme-sub")
    return client


# --- enrollment -------------------------------------------------------------------------------


def test_dynamic_enroll_needs_feature(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    initech = mgip_mock.client("initech")
    assert INITECH_DOMAIN in assignable(initech)
    with mgip_mock.refuses(Rule.DYNAMIC_ENROLL_NEEDS_FEATURE):
        initech.dynamic_pools.enroll_domain(INITECH_DOMAIN)
    assert INITECH_DOMAIN in assignable(initech)
    assert INITECH_DOMAIN not in enrolled(initech)

    acme.dynamic_pools.enroll_domain(FRESH)
    assert FRESH in enrolled(acme)


def test_dynamic_enroll_needs_pools_configured(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    # Pools configured once and then removed are unconfigured again.
    unenroll_everything(mgip_mock)
    acme.dynamic_pools.remove_all()
    with mgip_mock.refuses(Rule.DYNAMIC_ENROLL_NEEDS_POOLS_CONFIGURED):
        acme.dynamic_pools.enroll_domain(FRESH)
    assert FRESH in assignable(acme)
    assert FRESH not in enrolled(acme)

    # An account whose pools were never configured.
    mgip_mock.load("no_shared_ips")
    solo = mgip_mock.client("solo")
    with mgip_mock.refuses(Rule.DYNAMIC_ENROLL_NEEDS_POOLS_CONFIGURED):
        solo.dynamic_pools.enroll_domain(SINGLE_SOLO_DOMAIN)
    assert SINGLE_SOLO_DOMAIN in assignable(solo)
    assert enrolled(solo) == {}

    configure_solo(mgip_mock)
    solo.dynamic_pools.enroll_domain(SINGLE_SOLO_DOMAIN)
    assert SINGLE_SOLO_DOMAIN in enrolled(solo)


@pytest.mark.parametrize(
    ("account", "domain"), [("acme", FRESH), ("acme", NEWS), ("acme-sub", SUB2)]
)
def test_dynamic_enroll_assigns_pool(mgip_mock: InProcessMock, account: str, domain: str) -> None:
    client = mgip_mock.client(account)
    assert domain in assignable(client)
    assert domain not in enrolled(client)
    by_reputation = client.dynamic_pools.preview_domain(domain).pool

    client.dynamic_pools.enroll_domain(domain)

    assert enrolled(client).get(domain) == by_reputation
    assert by_reputation in POOL_KEYS
    assert domain not in assignable(client)


def test_dynamic_unenroll_replacement_required(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    before = enrolled(acme)[SHOP]
    with mgip_mock.refuses(Rule.DYNAMIC_UNENROLL_REPLACEMENT_REQUIRED):
        acme.dynamic_pools.unenroll_domain(SHOP)
    with mgip_mock.refuses(Rule.DYNAMIC_UNENROLL_REPLACEMENT_REQUIRED):
        acme.dynamic_pools.unenroll_domain(SHOP, replacement_ip=[])
    assert enrolled(acme).get(SHOP) == before

    acme.dynamic_pools.unenroll_domain(SHOP, replacement_ip=[FREE_IP])
    assert SHOP not in enrolled(acme)


def test_dynamic_unenroll_replacements_exclusive(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    before = enrolled(acme)[SHOP]
    for replacement_ip in ([FREE_IP], ["shared"], [FREE_IP, FREE_IP6]):
        with mgip_mock.refuses(Rule.DYNAMIC_UNENROLL_REPLACEMENTS_EXCLUSIVE):
            acme.dynamic_pools.unenroll_domain(
                SHOP, replacement_ip=replacement_ip, replacement_pool_id=MARKETING_ID
            )
        assert enrolled(acme).get(SHOP) == before
    assert SHOP not in (acme.dipps.get(MARKETING_ID).details.linked_domains or [])

    acme.dynamic_pools.unenroll_domain(SHOP, replacement_pool_id=MARKETING_ID)
    assert SHOP not in enrolled(acme)


@pytest.mark.parametrize(
    "replacement",
    [
        {"replacement_ip": [FREE_IP]},
        {"replacement_ip": [FREE_IP, FREE_IP6]},
        {"replacement_ip": ["shared"]},
        {"replacement_pool_id": MARKETING_ID},
    ],
    ids=["ip", "ips", "shared", "pool"],
)
def test_dynamic_unenroll_leaves_pools(acme: MailgunIp, replacement: dict[str, Any]) -> None:
    assert SHOP in enrolled(acme)
    assert SHOP not in assignable(acme)

    acme.dynamic_pools.unenroll_domain(SHOP, **replacement)

    assert SHOP not in enrolled(acme)
    assert SHOP in assignable(acme)
    # The other enrolled domain is not affected.
    assert PROMO in enrolled(acme)


@pytest.mark.parametrize("replacement", [[FREE_IP], [FREE_IP6], [FREE_IP, FREE_IP6], [SHARED_IP]])
def test_dynamic_unenroll_replacement_ip_assigned(acme: MailgunIp, replacement: list[str]) -> None:
    for address in replacement:
        assert SHOP not in ip_domains(acme, address)

    acme.dynamic_pools.unenroll_domain(SHOP, replacement_ip=replacement)

    for address in replacement:
        assert SHOP in ip_domains(acme, address)


def test_dynamic_unenroll_multiple_ips_dedicated(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    before = enrolled(acme)[SHOP]
    refused = [
        [FREE_IP, SHARED_IP],
        [SHARED_IP, FREE_IP],
        ["shared", FREE_IP],
        [FREE_IP, "shared"],
        ["shared", "shared"],
    ]
    for replacement in refused:
        with mgip_mock.refuses(Rule.DYNAMIC_UNENROLL_MULTIPLE_IPS_DEDICATED):
            acme.dynamic_pools.unenroll_domain(SHOP, replacement_ip=replacement)
        assert enrolled(acme).get(SHOP) == before
    assert SHOP not in ip_domains(acme, FREE_IP)

    # A single shared IP is fine; only repeating needs every IP to be dedicated.
    acme.dynamic_pools.unenroll_domain(PROMO, replacement_ip=[SHARED_IP])
    assert PROMO not in enrolled(acme)
    acme.dynamic_pools.unenroll_domain(SHOP, replacement_ip=[FREE_IP, FREE_IP6])
    assert SHOP not in enrolled(acme)


def test_dynamic_unenroll_shared_needs_eligibility(
    mgip_mock: InProcessMock, acme: MailgunIp
) -> None:
    acme.dynamic_pools.unenroll_domain(SHOP, replacement_ip=["shared"])
    assert SHOP not in enrolled(acme)

    mgip_mock.load("no_shared_ips")
    solo = configure_solo(mgip_mock)
    solo.dynamic_pools.enroll_domain(SOLO_DOMAIN)
    before = enrolled(solo)[SOLO_DOMAIN]
    with mgip_mock.refuses(Rule.DYNAMIC_UNENROLL_SHARED_NEEDS_ELIGIBILITY):
        solo.dynamic_pools.unenroll_domain(SOLO_DOMAIN, replacement_ip=["shared"])
    assert enrolled(solo).get(SOLO_DOMAIN) == before
    assert solo.ips.list_all(dedicated=False).items == []

    solo.dynamic_pools.unenroll_domain(SOLO_DOMAIN, replacement_ip=[SOLO_WARMING_IP])
    assert SOLO_DOMAIN not in enrolled(solo)


@pytest.mark.parametrize(("account", "domain"), [("acme", SHOP), ("acme-sub", SUB2)])
def test_dynamic_unenroll_shared_assigns_shared_ip(
    mgip_mock: InProcessMock, account: str, domain: str
) -> None:
    # acme already has a shared IP; acme-sub has none, so one must be found for it.
    client = mgip_mock.client(account)
    if domain not in enrolled(client):
        client.dynamic_pools.enroll_domain(domain)

    def on_shared_ip() -> bool:
        shared = client.ips.list_all(dedicated=False).items
        return any(domain in ip_domains(client, address) for address in shared)

    assert not on_shared_ip()

    client.dynamic_pools.unenroll_domain(domain, replacement_ip=["shared"])

    assert domain not in enrolled(client)
    assert on_shared_ip()


def test_dynamic_unenroll_ip_not_in_dipp(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    before = enrolled(acme)[SHOP]
    for replacement in ([MARKETING_IP], [TRANSACTIONAL_IP], [FREE_IP, MARKETING_IP]):
        with mgip_mock.refuses(Rule.DYNAMIC_UNENROLL_IP_NOT_IN_DIPP):
            acme.dynamic_pools.unenroll_domain(SHOP, replacement_ip=replacement)
        assert enrolled(acme).get(SHOP) == before
    assert SHOP not in ip_domains(acme, MARKETING_IP)

    # An IP that joins a DIPP stops being a valid replacement.
    acme.dipps.add_ip(SPARE_ID, FREE_IP6)
    with mgip_mock.refuses(Rule.DYNAMIC_UNENROLL_IP_NOT_IN_DIPP):
        acme.dynamic_pools.unenroll_domain(SHOP, replacement_ip=[FREE_IP6])
    assert enrolled(acme).get(SHOP) == before

    acme.dynamic_pools.unenroll_domain(SHOP, replacement_ip=[FREE_IP])
    assert SHOP not in enrolled(acme)


def test_dynamic_unenroll_ip_not_in_dynamic_pool(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    before = enrolled(acme)[SHOP]
    for replacement in ([NEW_IP], [POOR_IP], [GOOD_IP], [FREE_IP, NEW_IP]):
        with mgip_mock.refuses(Rule.DYNAMIC_UNENROLL_IP_NOT_IN_DYNAMIC_POOL):
            acme.dynamic_pools.unenroll_domain(SHOP, replacement_ip=replacement)
        assert enrolled(acme).get(SHOP) == before

    # An IP that joins a dynamic pool stops being a valid replacement.
    acme.dynamic_pools.add_ip("dynamic_new", FREE_IP)
    with mgip_mock.refuses(Rule.DYNAMIC_UNENROLL_IP_NOT_IN_DYNAMIC_POOL):
        acme.dynamic_pools.unenroll_domain(SHOP, replacement_ip=[FREE_IP])
    assert enrolled(acme).get(SHOP) == before

    acme.dynamic_pools.unenroll_domain(SHOP, replacement_ip=[FREE_IP6])
    assert SHOP not in enrolled(acme)


@pytest.mark.parametrize(
    ("account", "domain", "pool_id"),
    [("acme", SHOP, MARKETING_ID), ("acme", PROMO, SPARE_ID), ("acme-sub", SUB2, TRANSACTIONAL_ID)],
    ids=["own-pool", "empty-pool", "inherited-pool"],
)
def test_dynamic_unenroll_replacement_pool_linked(
    mgip_mock: InProcessMock, account: str, domain: str, pool_id: str
) -> None:
    client = mgip_mock.client(account)
    if domain not in enrolled(client):
        client.dynamic_pools.enroll_domain(domain)

    def linked() -> tuple[bool, bool]:
        details = client.dipps.get(pool_id).details
        listed = {d.name for d in client.dipps.list_domains(pool_id, limit=100).domains}
        return domain in (details.linked_domains or []), domain in listed

    assert linked() == (False, False)

    client.dynamic_pools.unenroll_domain(domain, replacement_pool_id=pool_id)

    assert linked() == (True, True)
    assert client.dipps.get(pool_id).details.is_linked
    assert domain not in enrolled(client)


def test_dynamic_unenroll_replacement_pool_exists(
    mgip_mock: InProcessMock, acme: MailgunIp, acme_sub: MailgunIp
) -> None:
    before = enrolled(acme)[SHOP]
    for pool_id in (UNKNOWN_POOL_ID, GLOBEX_POOL_ID):
        with mgip_mock.refuses(Rule.DYNAMIC_UNENROLL_REPLACEMENT_POOL_EXISTS):
            acme.dynamic_pools.unenroll_domain(SHOP, replacement_pool_id=pool_id)
        assert enrolled(acme).get(SHOP) == before

    # The parent's pools that were not delegated to a subaccount do not exist for it.
    acme_sub.dynamic_pools.enroll_domain(SUB2)
    sub_before = enrolled(acme_sub)[SUB2]
    with mgip_mock.refuses(Rule.DYNAMIC_UNENROLL_REPLACEMENT_POOL_EXISTS):
        acme_sub.dynamic_pools.unenroll_domain(SUB2, replacement_pool_id=MARKETING_ID)
    assert enrolled(acme_sub).get(SUB2) == sub_before

    acme.dynamic_pools.unenroll_domain(SHOP, replacement_pool_id=SPARE_ID)
    assert SHOP not in enrolled(acme)


# --- assignable domains -----------------------------------------------------------------------


def test_dynamic_assignable_excludes_enrolled(
    mgip_mock: InProcessMock, acme: MailgunIp, acme_sub: MailgunIp
) -> None:
    def check() -> None:
        enrolled_now = enrolled_ids(acme)
        views = [
            acme.dynamic_pools.list_assignable_domains(),
            acme.dynamic_pools.list_assignable_domains(subaccount_id=SUB_ID),
            acme.dynamic_pools.list_assignable_domains(domain="acme"),
            acme_sub.dynamic_pools.list_assignable_domains(),
        ]
        for view in views:
            assert not {d.id for d in view.items} & enrolled_now
        assert not {d.id for d in views[3].items} & enrolled_ids(acme_sub)

    check()
    assert enrolled_ids(acme)
    assert acme.dynamic_pools.list_assignable_domains().items
    acme.dynamic_pools.enroll_domain(FRESH)
    check()
    acme_sub.dynamic_pools.enroll_domain(SUB2)
    check()
    acme.dynamic_pools.unenroll_domain(SHOP, replacement_ip=[FREE_IP])
    check()
    acme_sub.dynamic_pools.unenroll_domain(SUB2, replacement_ip=["shared"])
    check()
    acme.dynamic_pools.enroll_all_domains(include_subaccounts=True)
    mgip_mock.settle()
    check()


def test_dynamic_assignable_subaccount_scope(
    mgip_mock: InProcessMock, acme: MailgunIp, acme_sub: MailgunIp
) -> None:
    def check() -> None:
        for pattern in (UNSET, "sub", r"^sub2\.", "^nothing$"):
            items = acme.dynamic_pools.list_assignable_domains(
                subaccount_id=SUB_ID, domain=pattern
            ).items
            assert all(item.account_id == SUB_ID for item in items)

    check()
    scoped = acme.dynamic_pools.list_assignable_domains(subaccount_id=SUB_ID).items
    assert {d.name for d in scoped} == assignable(acme_sub)
    assert scoped
    acme_sub.dynamic_pools.enroll_domain(SUB2)
    check()
    acme.dynamic_pools.enroll_all_domains()
    check()

    # An account that is not acme's subaccount is no scope at all: its domains must not show.
    with pytest.raises(ApiError) as refused:
        acme.dynamic_pools.list_assignable_domains(subaccount_id=GLOBEX_ID)
    assert refused.value.status_code == 404


def test_dynamic_assignable_subaccount_id_valid(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    for malformed in ("not-an-account", "5f0e0a0a", SUB_ID + "0", "zz0e0a0a0a0a0a0a0a0a0a02", " "):
        with mgip_mock.refuses(Rule.DYNAMIC_ASSIGNABLE_SUBACCOUNT_ID_VALID):
            acme.dynamic_pools.list_assignable_domains(subaccount_id=malformed)

    assert SUB2 in assignable(acme, subaccount_id=SUB_ID)


def test_dynamic_assignable_domain_regex(acme: MailgunIp, acme_sub: MailgunIp) -> None:
    patterns = [r"^s", r"\.acme\.test$", "shop|news", r"^(fresh|blog)\.", "o.*o", "^nothing$"]

    def check(client: MailgunIp, **scope: Any) -> None:
        everything = [d.name for d in client.dynamic_pools.list_assignable_domains(**scope).items]
        assert everything
        for pattern in patterns:
            items = client.dynamic_pools.list_assignable_domains(domain=pattern, **scope).items
            names = [d.name for d in items]
            assert all(re.search(pattern, name) for name in names)
            assert sorted(names) == sorted(n for n in everything if re.search(pattern, n))

    check(acme)
    check(acme, subaccount_id=SUB_ID)
    check(acme_sub)
    acme.dynamic_pools.enroll_domain(FRESH)
    acme.dynamic_pools.unenroll_domain(SHOP, replacement_ip=[FREE_IP])
    check(acme)


# --- enroll all -------------------------------------------------------------------------------


def test_dynamic_enroll_all_needs_feature(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    initech = mgip_mock.client("initech")
    with mgip_mock.refuses(Rule.DYNAMIC_ENROLL_ALL_NEEDS_FEATURE):
        initech.dynamic_pools.enroll_all_domains()
    with mgip_mock.refuses(Rule.DYNAMIC_ENROLL_ALL_NEEDS_FEATURE):
        initech.dynamic_pools.enroll_all_domains(include_subaccounts=True)
    mgip_mock.settle()
    assert INITECH_DOMAIN in assignable(initech)
    assert enrolled(initech) == {}

    acme.dynamic_pools.enroll_all_domains()
    mgip_mock.settle()
    assert assignable(acme) == ACME_LINKED


def test_dynamic_enroll_all_parent_only(
    mgip_mock: InProcessMock, acme: MailgunIp, acme_sub: MailgunIp
) -> None:
    sub_before = assignable(acme_sub)
    acme_before = assignable(acme)
    for include in (UNSET, False, True):
        with mgip_mock.refuses(Rule.DYNAMIC_ENROLL_ALL_PARENT_ONLY):
            acme_sub.dynamic_pools.enroll_all_domains(include_subaccounts=include)
    mgip_mock.settle()
    assert assignable(acme_sub) == sub_before
    assert assignable(acme) == acme_before

    acme.dynamic_pools.enroll_all_domains()
    mgip_mock.settle()
    assert assignable(acme) == ACME_LINKED


def test_dynamic_enroll_all_background_job(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    mgip_mock.jobs_mode("manual")
    waiting = assignable(acme)
    already = set(enrolled(acme, account=[ACME_ID]))
    assert waiting

    answer = acme.dynamic_pools.enroll_all_domains()

    assert "start" in answer.message.lower()
    assert assignable(acme) == waiting
    assert set(enrolled(acme, account=[ACME_ID])) == already

    mgip_mock.settle()

    assert assignable(acme) == ACME_LINKED
    assert set(enrolled(acme, account=[ACME_ID])) == (waiting - ACME_LINKED) | already


def test_dynamic_enroll_all_include_subaccounts(
    mgip_mock: InProcessMock, acme: MailgunIp, acme_sub: MailgunIp
) -> None:
    mgip_mock.jobs_mode("manual")
    sub_domains = assignable(acme, subaccount_id=SUB_ID)
    assert sub_domains

    acme.dynamic_pools.enroll_all_domains(include_subaccounts=True)

    assert not sub_domains & set(enrolled(acme))

    mgip_mock.settle()

    assert sub_domains - SUB_LINKED <= set(enrolled(acme, account=[SUB_ID]))
    assert sub_domains - SUB_LINKED <= set(enrolled(acme_sub))
    assert assignable(acme, subaccount_id=SUB_ID) == SUB_LINKED


@pytest.mark.parametrize("include", [UNSET, False], ids=["default", "false"])
def test_dynamic_enroll_all_default_parent_only(
    mgip_mock: InProcessMock, acme: MailgunIp, acme_sub: MailgunIp, include: Any
) -> None:
    mgip_mock.jobs_mode("manual")
    sub_domains = assignable(acme, subaccount_id=SUB_ID)
    assert sub_domains

    acme.dynamic_pools.enroll_all_domains(include_subaccounts=include)
    mgip_mock.settle()

    # The job did run: the parent's own domains are all enrolled now, but the DIPP-linked one.
    assert assignable(acme) == ACME_LINKED
    assert assignable(acme, subaccount_id=SUB_ID) == sub_domains
    assert not sub_domains & set(enrolled(acme_sub))


def linked_domains(client: MailgunIp, pool_id: str) -> set[str]:
    return set(client.dipps.get(pool_id).details.linked_domains or [])


def test_dynamic_enroll_dipp_linked_refused(
    mgip_mock: InProcessMock, acme: MailgunIp, acme_sub: MailgunIp
) -> None:
    # Before: enrolling unlinked the DIPP without a word, the inherited one too.
    for client, domain in ((acme, MAIL), (acme_sub, SUB_LINKED_DOMAIN)):
        with mgip_mock.refuses(Rule.DYNAMIC_ENROLL_DIPP_LINKED_REFUSED):
            client.dynamic_pools.enroll_domain(domain)
        assert domain in linked_domains(acme, TRANSACTIONAL_ID)
        assert domain not in enrolled(acme)
    # Unlinked first, the domain enrols.
    acme.ips.remove_domain_ip(MAIL, "ip_pool", ip_query="shared")
    acme.dynamic_pools.enroll_domain(MAIL)
    assert MAIL in enrolled(acme)


def test_dynamic_enroll_all_skips_dipp_linked(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    acme.dynamic_pools.enroll_all_domains(include_subaccounts=True)
    mgip_mock.settle()
    assert linked_domains(acme, TRANSACTIONAL_ID) == ACME_LINKED | SUB_LINKED
    assert not (ACME_LINKED | SUB_LINKED) & set(enrolled(acme))
    assert FRESH in enrolled(acme) and SUB2 in enrolled(acme)


def test_dynamic_enroll_all_needs_pools_configured(
    mgip_mock: InProcessMock, acme: MailgunIp
) -> None:
    unenroll_everything(mgip_mock)
    acme.dynamic_pools.remove_all()
    with mgip_mock.refuses(Rule.DYNAMIC_ENROLL_ALL_NEEDS_POOLS_CONFIGURED):
        acme.dynamic_pools.enroll_all_domains()
    mgip_mock.settle()
    assert enrolled(acme) == {}


def test_dynamic_domain_must_be_enrolled(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    from mailgun_ip_client.models import OverrideForm

    before = ip_domains(acme, FREE_IP)
    with mgip_mock.refuses(Rule.DYNAMIC_DOMAIN_MUST_BE_ENROLLED):
        acme.dynamic_pools.unenroll_domain(NEWS, replacement_ip=["shared"])
    with mgip_mock.refuses(Rule.DYNAMIC_DOMAIN_MUST_BE_ENROLLED):
        acme.dynamic_pools.set_override(NEWS, body=OverrideForm(pool="dynamic_good"))
    assert ip_domains(acme, FREE_IP) == before
    assert NEWS not in enrolled(acme)


def test_dynamic_configure_needs_feature(mgip_mock: InProcessMock) -> None:
    initech = mgip_mock.client("initech")
    calls: list[Callable[[], object]] = [
        lambda: initech.dynamic_pools.set_all(body=pool_form(*[["192.0.2.150"]] * 3)),
        initech.dynamic_pools.remove_all,
        lambda: initech.dynamic_pools.add_ip("dynamic_good", "192.0.2.150"),
        lambda: initech.dynamic_pools.update("dynamic_good", body=update_form(add=["192.0.2.150"])),
        lambda: initech.dynamic_pools.unenroll_domain(INITECH_DOMAIN, replacement_ip=["shared"]),
    ]
    for call in calls:
        with mgip_mock.refuses(Rule.DYNAMIC_CONFIGURE_NEEDS_FEATURE):
            call()
    assert pools(initech) == {}


def test_dynamic_configure_parent_only(
    mgip_mock: InProcessMock, acme: MailgunIp, acme_sub: MailgunIp
) -> None:
    before = pools(acme)
    calls: list[Callable[[], object]] = [
        lambda: acme_sub.dynamic_pools.set_all(body=pool_form(*[["192.0.2.50"]] * 3)),
        acme_sub.dynamic_pools.remove_all,
        lambda: acme_sub.dynamic_pools.add_ip("dynamic_good", "192.0.2.50"),
        lambda: acme_sub.dynamic_pools.update("dynamic_good", body=update_form(remove=[GOOD_IP])),
    ]
    for call in calls:
        with mgip_mock.refuses(Rule.DYNAMIC_CONFIGURE_PARENT_ONLY):
            call()
    assert pools(acme) == before


def test_dynamic_update_needs_change(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    before = pools(acme)
    # A form with neither field (the generated client sends no body at all for that): what a
    # client that misspells both fields sends.
    answer = mgip_mock.raw().patch(
        "/v3/dynamic_pools/dynamic_good", data={}, headers={"Content-Type": FORM}
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["rule"] == Rule.DYNAMIC_UPDATE_NEEDS_CHANGE
    assert pools(acme) == before
    acme.dynamic_pools.update("dynamic_good", body=update_form(add=[FREE_IP]))
    assert FREE_IP in pools(acme)["dynamic_good"]


# --- pool configuration: invariants -----------------------------------------------------------


def pool_writes(acme: MailgunIp) -> Iterator[str]:
    """Accepted and refused writes to acme's pools, one at a time; yields what was just done."""
    yield "initial"
    acme.dynamic_pools.add_ip("dynamic_good", FREE_IP)
    yield "add_ip"
    acme.dynamic_pools.update("dynamic_new", body=update_form(add=[FREE_IP6, WARMING_IP]))
    yield "update add"
    acme.dynamic_pools.update("dynamic_good", body=update_form(remove=[GOOD_IP]))
    yield "update remove"
    refused_writes: list[Callable[[], object]] = [
        lambda: acme.dynamic_pools.add_ip("dynamic_poor", FREE_IP),
        lambda: acme.dynamic_pools.add_ip("dynamic_poor", SHARED_IP),
        lambda: acme.dynamic_pools.add_ip("dynamic_poor", FOREIGN_IP),
        lambda: acme.dynamic_pools.update("dynamic_poor", body=update_form(add=[FREE_IP6])),
        lambda: acme.dynamic_pools.update("dynamic_poor", body=update_form(add=[SHARED_IP])),
        lambda: acme.dynamic_pools.update("dynamic_poor", body=update_form(add=[FOREIGN_IP])),
        lambda: acme.dynamic_pools.set_all(
            body=pool_form([GOOD_IP, SHARED_IP], [POOR_IP], [NEW_IP])
        ),
        lambda: acme.dynamic_pools.set_all(
            body=pool_form([GOOD_IP], [POOR_IP, FOREIGN_IP], [NEW_IP])
        ),
        lambda: acme.dynamic_pools.set_all(body=pool_form([GOOD_IP], [GOOD_IP], [NEW_IP])),
    ]
    for refused in refused_writes:
        with pytest.raises(ApiError):
            refused()
    yield "refused writes"
    acme.dynamic_pools.set_all(body=pool_form([POOR_IP], [GOOD_IP, FREE_IP6], [FREE_IP]))
    yield "set_all"
    acme.dynamic_pools.update("dynamic_poor", body=update_form(add=[NEW_IP], remove=[GOOD_IP]))
    acme.dynamic_pools.add_ip("dynamic_new", GOOD_IP)
    yield "move between pools"


def test_dynamic_list_shows_pool_ips(
    mgip_mock: InProcessMock, acme: MailgunIp, acme_sub: MailgunIp
) -> None:
    def check() -> None:
        for client in (acme, acme_sub):
            listing = client.dynamic_pools.list_all()
            by_name = {p.name: list(p.ips) for p in listing.pools}
            assert len(by_name) == len(listing.pools)
            for name, key in POOL_KEYS.items():
                reported = getattr(listing, key)
                assert (reported or []) == by_name.get(name, [])

    for _ in pool_writes(acme):
        check()
    assert pools(acme) == {
        "dynamic_good": [POOR_IP],
        "dynamic_poor": [FREE_IP6, NEW_IP],
        "dynamic_new": [FREE_IP, GOOD_IP],
    }

    unenroll_everything(mgip_mock)
    acme.dynamic_pools.remove_all()
    check()
    acme.dynamic_pools.set_all(body=pool_form([GOOD_IP], [POOR_IP], [NEW_IP]))
    check()
    # The pools are the parent's: a subaccount's key lists none of them (it does not see the
    # parent's IPs in GET /v3/ips either), though its domains are placed in them.
    assert pools(acme_sub) == {}
    assert set(acme_sub.ips.list_all().items).isdisjoint({GOOD_IP, POOR_IP, NEW_IP})


def test_dynamic_pools_hold_dedicated_owned_ips(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    def check() -> None:
        dedicated = set(acme.ips.list_all(dedicated=True).items)
        held = [ip for ips in pools(acme).values() for ip in ips]
        assert held
        assert set(held) <= dedicated

    for _ in pool_writes(acme):
        check()
    unenroll_everything(mgip_mock)
    acme.dynamic_pools.remove_all()
    assert pools(acme) == {}
    acme.dynamic_pools.set_all(body=pool_form([GOOD_IP, WARMING_IP], [POOR_IP], [NEW_IP]))
    check()


def test_dynamic_pools_disjoint(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    def check() -> None:
        listed = list(pools(acme).values())
        held = [ip for ips in listed for ip in ips]
        assert held
        assert len(held) == len(set(held))

    for _ in pool_writes(acme):
        check()
    unenroll_everything(mgip_mock)
    acme.dynamic_pools.remove_all()
    acme.dynamic_pools.set_all(body=pool_form([FREE_IP, GOOD_IP], [POOR_IP], [NEW_IP, FREE_IP6]))
    check()


def test_dynamic_ip_in_one_pool(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    before = pool_snapshot(acme)
    with mgip_mock.refuses(Rule.DYNAMIC_IP_IN_ONE_POOL):
        acme.dynamic_pools.add_ip("dynamic_poor", GOOD_IP)
    assert pool_snapshot(acme) == before
    for form in (update_form(add=[GOOD_IP]), update_form(add=[FREE_IP, NEW_IP])):
        with mgip_mock.refuses(Rule.DYNAMIC_IP_IN_ONE_POOL):
            acme.dynamic_pools.update("dynamic_poor", body=form)
        assert pool_snapshot(acme) == before
    for body in (
        pool_form([GOOD_IP, FREE_IP], [POOR_IP, FREE_IP], [NEW_IP]),
        pool_form([GOOD_IP], [POOR_IP], [NEW_IP, GOOD_IP]),
    ):
        with mgip_mock.refuses(Rule.DYNAMIC_IP_IN_ONE_POOL):
            acme.dynamic_pools.set_all(body=body)
        assert pool_snapshot(acme) == before

    acme.dynamic_pools.add_ip("dynamic_good", FREE_IP)
    acme.dynamic_pools.update("dynamic_poor", body=update_form(add=[FREE_IP6]))
    assert FREE_IP in pools(acme)["dynamic_good"]
    assert FREE_IP6 in pools(acme)["dynamic_poor"]
    # set_all replaces every pool at once, so an IP may change pools through it.
    acme.dynamic_pools.set_all(body=pool_form([POOR_IP], [GOOD_IP], [NEW_IP]))
    assert pools(acme) == {
        "dynamic_good": [POOR_IP],
        "dynamic_poor": [GOOD_IP],
        "dynamic_new": [NEW_IP],
    }


# --- set all ----------------------------------------------------------------------------------


def test_dynamic_set_all_replaces_ips(acme: MailgunIp) -> None:
    for good, poor, new in (
        ([FREE_IP, WARMING_IP], [GOOD_IP], [FREE_IP6]),
        ([NEW_IP], [POOR_IP, FREE_IP], [GOOD_IP, FREE_IP6, WARMING_IP]),
        ([FREE_IP6], [NEW_IP], [POOR_IP]),
    ):
        former = {ip for ips in pools(acme).values() for ip in ips}
        acme.dynamic_pools.set_all(body=pool_form(good, poor, new))
        given = {"dynamic_good": good, "dynamic_poor": poor, "dynamic_new": new}
        now = pools(acme)  # the parent's pools (a subaccount lists none: see above)
        assert {name: sorted(ips) for name, ips in now.items()} == {
            name: sorted(ips) for name, ips in given.items()
        }
        dropped = former - {ip for ips in given.values() for ip in ips}
        assert not dropped & {ip for ips in now.values() for ip in ips}


def test_dynamic_set_all_ips_dedicated(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    before = pool_snapshot(acme)
    for body in (
        pool_form([SHARED_IP], [POOR_IP], [NEW_IP]),
        pool_form([GOOD_IP], [POOR_IP], [NEW_IP, SHARED_IP]),
    ):
        with mgip_mock.refuses(Rule.DYNAMIC_SET_ALL_IPS_DEDICATED):
            acme.dynamic_pools.set_all(body=body)
        assert pool_snapshot(acme) == before

    acme.dynamic_pools.set_all(body=pool_form([FREE_IP], [POOR_IP], [NEW_IP]))
    assert pools(acme)["dynamic_good"] == [FREE_IP]


def test_dynamic_set_all_ips_owned(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    before = pool_snapshot(acme)
    for stranger in (FOREIGN_IP, FOREIGN_SHARED_IP, UNKNOWN_IP):
        with mgip_mock.refuses(Rule.DYNAMIC_SET_ALL_IPS_OWNED):
            acme.dynamic_pools.set_all(body=pool_form([GOOD_IP], [POOR_IP, stranger], [NEW_IP]))
        assert pool_snapshot(acme) == before

    acme.dynamic_pools.set_all(body=pool_form([GOOD_IP], [POOR_IP, FREE_IP6], [NEW_IP]))
    assert sorted(pools(acme)["dynamic_poor"]) == sorted([POOR_IP, FREE_IP6])


def test_dynamic_set_all_ready_ip_per_pool(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    before = pool_snapshot(acme)
    for body in (
        pool_form([WARMING_IP], [POOR_IP], [NEW_IP]),
        pool_form([GOOD_IP], [POOR_IP], [WARMING_IP]),
    ):
        with mgip_mock.refuses(Rule.DYNAMIC_SET_ALL_READY_IP_PER_POOL):
            acme.dynamic_pools.set_all(body=body)
        assert pool_snapshot(acme) == before
    # A pool given no IP at all is refused by the request schema (minItems: 1) before the
    # handler sees it, so that answer is a 400 that names no rule.
    with pytest.raises(ApiError) as refused:
        acme.dynamic_pools.set_all(body=pool_form([GOOD_IP], [], [NEW_IP]))
    assert refused.value.status_code == 400
    assert pool_snapshot(acme) == before

    acme.dynamic_pools.set_all(body=pool_form([WARMING_IP, GOOD_IP], [POOR_IP], [NEW_IP]))
    assert sorted(pools(acme)["dynamic_good"]) == sorted([WARMING_IP, GOOD_IP])

    # One ready IP cannot serve three pools.
    mgip_mock.load("all_ips_warming")
    warm = mgip_mock.client("warm")
    first, second, third = WARM_WARMING_IPS
    with mgip_mock.refuses(Rule.DYNAMIC_SET_ALL_READY_IP_PER_POOL):
        warm.dynamic_pools.set_all(body=pool_form([WARM_READY_IP, first], [second], [third]))
    assert pools(warm) == {}


# --- remove all -------------------------------------------------------------------------------


def test_dynamic_remove_all_needs_unenrolled(
    mgip_mock: InProcessMock, acme: MailgunIp, acme_sub: MailgunIp
) -> None:
    before = pool_snapshot(acme)
    assert enrolled(acme)
    with mgip_mock.refuses(Rule.DYNAMIC_REMOVE_ALL_NEEDS_UNENROLLED):
        acme.dynamic_pools.remove_all()
    assert pool_snapshot(acme) == before

    # A subaccount's enrolled domain holds the pools just as well.
    unenroll_everything(mgip_mock)
    acme_sub.dynamic_pools.enroll_domain(SUB2)
    before = pool_snapshot(acme)
    with mgip_mock.refuses(Rule.DYNAMIC_REMOVE_ALL_NEEDS_UNENROLLED):
        acme.dynamic_pools.remove_all()
    assert pool_snapshot(acme) == before

    acme_sub.dynamic_pools.unenroll_domain(SUB2, replacement_ip=["shared"])
    assert enrolled(acme) == {}
    acme.dynamic_pools.remove_all()
    assert pools(acme) == {}


def test_dynamic_remove_all_clears_pools(
    mgip_mock: InProcessMock, acme: MailgunIp, acme_sub: MailgunIp
) -> None:
    assert pools(acme)
    unenroll_everything(mgip_mock)

    acme.dynamic_pools.remove_all()

    for client in (acme, acme_sub):
        listing = client.dynamic_pools.list_all()
        assert listing.pools == []
        for key in POOL_KEYS.values():
            assert not getattr(listing, key)


def test_dynamic_remove_all_keeps_dipps(
    mgip_mock: InProcessMock, acme: MailgunIp, acme_sub: MailgunIp
) -> None:
    unenroll_everything(mgip_mock)
    pool_ids = [p.pool_id for p in acme.dipps.list_all().ip_pools]

    def dipps() -> list[Any]:
        return [
            acme.dipps.list_all().to_dict(),
            acme_sub.dipps.list_all().to_dict(),
            *(acme.dipps.get(pool_id).to_dict() for pool_id in pool_ids),
        ]

    before = dipps()
    acme.dynamic_pools.remove_all()
    assert pools(acme) == {}
    assert dipps() == before


# --- add one IP -------------------------------------------------------------------------------


def test_dynamic_add_ip_dedicated(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    before = pool_snapshot(acme)
    for pool_name in POOL_KEYS:
        with mgip_mock.refuses(Rule.DYNAMIC_ADD_IP_DEDICATED):
            acme.dynamic_pools.add_ip(pool_name, SHARED_IP)
        assert pool_snapshot(acme) == before

    acme.dynamic_pools.add_ip("dynamic_good", FREE_IP)
    assert FREE_IP in pools(acme)["dynamic_good"]


def test_dynamic_add_ip_owned(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    before = pool_snapshot(acme)
    for stranger in (FOREIGN_IP, FOREIGN_SHARED_IP, UNKNOWN_IP):
        with mgip_mock.refuses(Rule.DYNAMIC_ADD_IP_OWNED):
            acme.dynamic_pools.add_ip("dynamic_good", stranger)
        assert pool_snapshot(acme) == before

    acme.dynamic_pools.add_ip("dynamic_good", FREE_IP6)
    assert FREE_IP6 in pools(acme)["dynamic_good"]


@pytest.mark.parametrize("pool_name", list(POOL_KEYS))
@pytest.mark.parametrize("address", [FREE_IP, FREE_IP6, WARMING_IP])
def test_dynamic_add_ip_joins_pool(acme: MailgunIp, pool_name: str, address: str) -> None:
    others = {name: ips for name, ips in pools(acme).items() if name != pool_name}
    assert address not in pools(acme)[pool_name]

    acme.dynamic_pools.add_ip(pool_name, address)

    listing = acme.dynamic_pools.list_all()
    assert address in pools(acme)[pool_name]
    assert address in getattr(listing, POOL_KEYS[pool_name])
    assert {name: ips for name, ips in pools(acme).items() if name != pool_name} == others


def test_dynamic_pool_name_must_exist(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    before = pool_snapshot(acme)
    for pool_name in ("dynamic_bogus", "good_reputation", "transactional"):
        with mgip_mock.refuses(Rule.DYNAMIC_POOL_NAME_MUST_EXIST):
            acme.dynamic_pools.add_ip(pool_name, FREE_IP)
        with mgip_mock.refuses(Rule.DYNAMIC_POOL_NAME_MUST_EXIST):
            acme.dynamic_pools.update(pool_name, body=update_form(add=[FREE_IP]))
        assert pool_snapshot(acme) == before

    acme.dynamic_pools.add_ip("dynamic_good", FREE_IP)
    acme.dynamic_pools.update("dynamic_new", body=update_form(add=[FREE_IP6]))
    assert FREE_IP in pools(acme)["dynamic_good"]
    assert FREE_IP6 in pools(acme)["dynamic_new"]

    # Once every pool is removed, no pool name exists any more.
    unenroll_everything(mgip_mock)
    acme.dynamic_pools.remove_all()
    with mgip_mock.refuses(Rule.DYNAMIC_POOL_NAME_MUST_EXIST):
        acme.dynamic_pools.add_ip("dynamic_good", FREE_IP)
    with mgip_mock.refuses(Rule.DYNAMIC_POOL_NAME_MUST_EXIST):
        acme.dynamic_pools.update("dynamic_good", body=update_form(add=[FREE_IP]))
    assert pools(acme) == {}


# --- update -----------------------------------------------------------------------------------


def test_dynamic_update_applies_changes(acme: MailgunIp) -> None:
    steps: list[tuple[str, list[str], list[str]]] = [
        ("dynamic_good", [FREE_IP, FREE_IP6], []),
        ("dynamic_good", [], [GOOD_IP]),
        ("dynamic_new", [WARMING_IP, GOOD_IP], [NEW_IP]),
        ("dynamic_good", [NEW_IP], [FREE_IP, FREE_IP6]),
        ("dynamic_poor", [FREE_IP], []),
    ]
    for pool_name, add, remove in steps:
        old = pools(acme)
        acme.dynamic_pools.update(
            pool_name, body=update_form(add=add or None, remove=remove or None)
        )
        new = pools(acme)
        assert set(new[pool_name]) == (set(old[pool_name]) | set(add)) - set(remove)
        assert len(new[pool_name]) == len(set(new[pool_name]))
        assert {n: ips for n, ips in new.items() if n != pool_name} == {
            n: ips for n, ips in old.items() if n != pool_name
        }


def test_dynamic_update_keeps_ready_ip(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    before = pool_snapshot(acme)
    for form in (
        update_form(remove=[GOOD_IP]),
        update_form(add=[WARMING_IP], remove=[GOOD_IP]),
    ):
        with mgip_mock.refuses(Rule.DYNAMIC_UPDATE_KEEPS_READY_IP):
            acme.dynamic_pools.update("dynamic_good", body=form)
        assert pool_snapshot(acme) == before

    acme.dynamic_pools.update("dynamic_good", body=update_form(add=[WARMING_IP]))
    acme.dynamic_pools.update("dynamic_good", body=update_form(add=[FREE_IP], remove=[GOOD_IP]))
    assert sorted(pools(acme)["dynamic_good"]) == sorted([WARMING_IP, FREE_IP])

    before = pool_snapshot(acme)
    with mgip_mock.refuses(Rule.DYNAMIC_UPDATE_KEEPS_READY_IP):
        acme.dynamic_pools.update("dynamic_good", body=update_form(remove=[FREE_IP]))
    assert pool_snapshot(acme) == before


# --- refusals of mgip's reading (basis inferred or convention) ---------------------------------


def test_dynamic_objects_exist(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    calls: list[Callable[[], object]] = [
        lambda: acme.dynamic_pools.enroll_domain("nowhere.acme.test"),
        lambda: acme.dynamic_pools.enroll_domain(INITECH_DOMAIN),  # another account's
        lambda: acme.dynamic_pools.preview_domain("nowhere.acme.test"),
        lambda: acme.dynamic_pools.domain_history("nowhere.acme.test"),
        lambda: acme.dynamic_pools.unenroll_domain(SHOP, replacement_ip=[UNKNOWN_IP]),
        lambda: acme.dynamic_pools.list_assignable_domains(subaccount_id=GLOBEX_ID),
    ]
    before = enrolled(acme)
    for call in calls:
        with mgip_mock.refuses(Rule.DYNAMIC_OBJECTS_EXIST):
            call()
    assert enrolled(acme) == before


def test_dynamic_request_values_valid(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    with mgip_mock.refuses(Rule.DYNAMIC_REQUEST_VALUES_VALID):
        acme.dynamic_pools.list_assignable_domains(domain="(unclosed")
    answer = mgip_mock.raw().post(f"/v3/domains/{FRESH}/dynamic_pools?replacement_ip={UNKNOWN_IP}")
    assert answer.status_code == 400, answer.text
    assert answer.json()["rule"] == Rule.DYNAMIC_REQUEST_VALUES_VALID
    assert FRESH not in enrolled(acme)


def test_dynamic_update_added_ips_valid(mgip_mock: InProcessMock, acme: MailgunIp) -> None:
    before = pools(acme)
    for form in (
        update_form(add=[SHARED_IP]),
        update_form(add=[FOREIGN_IP]),
        update_form(add=[FREE_IP], remove=[FREE_IP]),
    ):
        with mgip_mock.refuses(Rule.DYNAMIC_UPDATE_ADDED_IPS_VALID):
            acme.dynamic_pools.update("dynamic_good", body=form)
    assert pools(acme) == before
