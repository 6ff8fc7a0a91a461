"""IPs rules (account IP list, an IP's domains, bands, new IPs), through the generated client."""

from __future__ import annotations

import itertools

import pytest
from mailgun_ip_client import MailgunIp
from mailgun_ip_client.models import AddDippIpsBody, CreateDippForm, IpBandForm, NewIpAllowance
from mailgun_ip_client.rules import Rule
from mailgun_ip_client.types import UNSET, Unset

from mgip.server.testing import InProcessMock

# The demo scenario (mgip.server/scenarios/demo.yaml).
POOLED = ("192.0.2.10", "192.0.2.11")  # in acme's DIPP "transactional", inherited by acme-sub
READY = "192.0.2.16"  # dedicated, on news, fresh and blog
WARMING = "192.0.2.17"  # dedicated, on warmup, on no domain
DISABLED = "192.0.2.18"
V6 = "2001:db8::10"  # dedicated, on blog only
SHARED = "192.0.2.200"  # acme's shared IP, on news
SUB_IP = "192.0.2.50"
FOREIGN = "192.0.2.100"  # globex's dedicated IP, on globex.test
FOREIGN_SHARED = "192.0.2.101"
INITECH_IP = "192.0.2.150"
UNKNOWN = "192.0.2.250"  # nobody's
SPARE_DIPP = "64f0b0b0b0b0b0b0b0b0b003"  # acme's empty DIPP
MARKETING_DIPP = "64f0b0b0b0b0b0b0b0b0b002"
MARKETING_IP = "192.0.2.12"

# acme's own domains and their ids: listIpDomains orders by id, which is not name order.
MAIL = "mail.acme.test"  # linked to DIPP transactional
TRANSACTIONAL_ID = "64f0b0b0b0b0b0b0b0b0b001"
ACME_DOMAIN_IDS = {
    "mail.acme.test": "650000000000000000000001",
    "news.acme.test": "650000000000000000000002",
    "shop.acme.test": "650000000000000000000003",
    "promo.acme.test": "650000000000000000000004",
    "fresh.acme.test": "650000000000000000000005",
    "blog.acme.test": "650000000000000000000006",
}
NOT_ACME_DOMAINS = ("sub.acme.test", "sub2.acme.test", "globex.test", "initech.test")

NO_DIPPS_SCENARIO = """
version: 1
accounts:
  - name: nodipps
    id: 5f0e0e0e0e0e0e0e0e0e0e01
    keys: [key-nodipps-0001]
    features: {dipps: false, dynamic_pools: false, ip_bands: false, shared_ips: true,
               dedicated_ip_limit: 4}
ips:
  - {address: 192.0.2.90, account: nodipps}
  - {address: 192.0.2.91, account: nodipps, dedicated: false}
"""

FILTER_VALUES: tuple[bool | Unset, ...] = (UNSET, True, False)
FILTERS = list(itertools.product(FILTER_VALUES, FILTER_VALUES))


def names(
    client: MailgunIp,
    ip: str,
    *,
    skip: int | Unset = UNSET,
    limit: int | Unset = UNSET,
    search: str | Unset = UNSET,
) -> list[str]:
    listed = client.ips.list_domains(ip, skip=skip, limit=limit, search=search)
    return [item.domain for item in listed.items]


def domain_ips(client: MailgunIp) -> dict[str, set[str]]:
    """Every domain that holds an IP of the account, with its IPs, as the IP listings show it."""
    seen: dict[str, set[str]] = {}
    for ip in client.ips.list_all().items:
        for item in client.ips.list_domains(ip).items:
            seen[item.domain] = set(item.ips)
    return seen


def all_ips(client: MailgunIp) -> list[str]:
    return list(client.ips.list_all().items)


def dipp_ips(client: MailgunIp) -> set[str]:
    return {ip for pool in client.dipps.list_all().ip_pools for ip in pool.ips}


def test_ips_total_count_matches_items(mgip_mock: InProcessMock) -> None:
    def check(account: str) -> None:
        client = mgip_mock.client(account)
        unfiltered = client.ips.list_all()
        for dedicated, enabled in FILTERS:
            listed = client.ips.list_all(dedicated=dedicated, enabled=enabled)
            assert listed.total_count == len(listed.items), (account, dedicated, enabled)
        # The count follows the filter: a filter that drops IPs lowers it.
        assert client.ips.list_all(dedicated=False).total_count < unfiltered.total_count

    for account in ("acme", "acme-sub", "initech", "globex"):
        check(account)
    acme = mgip_mock.client()
    acme.ips.request_new()
    check("acme")
    mgip_mock.load("all_ips_warming")
    check("warm")


def test_ips_filtered_list_is_subset(mgip_mock: InProcessMock) -> None:
    def check(account: str) -> None:
        client = mgip_mock.client(account)
        full = client.ips.list_all()
        for dedicated, enabled in FILTERS:
            listed = client.ips.list_all(dedicated=dedicated, enabled=enabled)
            assert set(listed.items) <= set(full.items), (account, dedicated, enabled)
            assert listed.total_count <= full.total_count, (account, dedicated, enabled)

    for account in ("acme", "acme-sub", "initech", "globex"):
        check(account)
    acme = mgip_mock.client()
    # The filters do filter, so the checks above compared lists that differ.
    assert SHARED not in acme.ips.list_all(dedicated=True).items
    assert SHARED in acme.ips.list_all(dedicated=False).items
    assert DISABLED not in acme.ips.list_all(enabled=True).items
    assert acme.ips.list_all(enabled=False).items == [DISABLED]
    acme.ips.request_new()
    check("acme")


def test_ips_assignable_absent_without_dipps(mgip_mock: InProcessMock) -> None:
    initech, acme = mgip_mock.client("initech"), mgip_mock.client()
    for dedicated, enabled in FILTERS:
        without = initech.ips.list_all(dedicated=dedicated, enabled=enabled)
        assert without.assignable_to_pools is UNSET, (dedicated, enabled)
        with_feature = acme.ips.list_all(dedicated=dedicated, enabled=enabled)
        assert with_feature.assignable_to_pools is not UNSET, (dedicated, enabled)
    # Also absent from the wire, not merely dropped by the client's parser.
    assert "assignable_to_pools" not in mgip_mock.raw("initech").get("/v3/ips").json()
    # Still absent once the account has a free dedicated IP that a DIPP could take.
    mgip_mock.load_text(NO_DIPPS_SCENARIO)
    nodipps = mgip_mock.client("nodipps")
    nodipps.ips.request_new()
    for dedicated, enabled in FILTERS:
        listed = nodipps.ips.list_all(dedicated=dedicated, enabled=enabled)
        assert listed.assignable_to_pools is UNSET
    assert nodipps.ips.list_all(dedicated=True).total_count == 2


@pytest.mark.parametrize("account", ["acme", "acme-sub"])
def test_ips_assignable_ips_are_poolable(mgip_mock: InProcessMock, account: str) -> None:
    client: MailgunIp = mgip_mock.client(account)
    target = (
        SPARE_DIPP
        if account == "acme"
        else client.dipps.create(body=CreateDippForm(name="own", description="own")).pool_id
    )

    def assignable() -> list[str]:
        """The listed IPs, once each is checked to be a free dedicated IP that a DIPP takes."""
        listed = client.ips.list_all().assignable_to_pools
        assert not isinstance(listed, Unset)
        dedicated = set(client.ips.list_all(dedicated=True).items)
        in_dipps = dipp_ips(client)
        for ip in listed:
            assert ip in dedicated, ip
            assert ip not in in_dipps, ip
            client.dipps.add_ip(target, ip)
            client.dipps.remove_ip(target, ip)
        return listed

    candidates = assignable()
    assert candidates
    if account == "acme-sub":
        # The inherited pool's IPs are the parent's and already pooled.
        assert not set(POOLED) & set(candidates)
    client.ips.request_new()
    candidates = assignable()
    if account == "acme":
        # A deleted DIPP still holds its IPs until the background job has retired it.
        mgip_mock.jobs_mode("manual")
        client.dipps.delete(MARKETING_DIPP, ip=READY)
        assert MARKETING_IP not in assignable()
        mgip_mock.settle()
        assert MARKETING_IP in assignable()
        candidates = assignable()
    first, *rest = candidates
    client.dipps.add_ip(target, first)
    assert first not in assignable()
    if rest:
        client.dipps.add_ips(target, body=AddDippIpsBody(ips=rest))
    assert assignable() == []
    assert set(candidates) <= set(client.dipps.get(target).details.ips)


@pytest.mark.parametrize(
    ("account", "ip"),
    [
        ("acme", UNKNOWN),
        ("acme", FOREIGN),
        ("acme", FOREIGN_SHARED),
        ("acme", INITECH_IP),
        ("acme", SUB_IP),  # a subaccount's IP is not the parent's
        ("acme-sub", READY),  # nor a parent's IP outside the inherited DIPP the subaccount's
    ],
)
def test_ips_ip_must_belong_to_account(mgip_mock: InProcessMock, account: str, ip: str) -> None:
    client = mgip_mock.client(account)
    others = [mgip_mock.client(name) for name in ("acme", "acme-sub", "globex", "initech")]
    before = [domain_ips(other) for other in others]
    with mgip_mock.refuses(Rule.IPS_IP_MUST_BELONG_TO_ACCOUNT):
        client.ips.list_domains(ip)
    with mgip_mock.refuses(Rule.IPS_IP_MUST_BELONG_TO_ACCOUNT):
        client.ips.assign_to_all_domains(ip)
    with mgip_mock.refuses(Rule.IPS_IP_MUST_BELONG_TO_ACCOUNT):
        client.ips.remove_from_all_domains(ip)
    with mgip_mock.refuses(Rule.IPS_IP_MUST_BELONG_TO_ACCOUNT):
        client.ips.remove_from_all_domains(ip, alternative=all_ips(client)[0])
    mgip_mock.settle()
    assert [domain_ips(other) for other in others] == before
    # The same operations on an IP of the account are accepted.
    own = client.ips.list_all(dedicated=True).items[-1]
    client.ips.list_domains(own)
    client.ips.assign_to_all_domains(own)
    client.ips.remove_from_all_domains(own)


def test_ips_domains_only_where_assigned(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()

    def check() -> None:
        holders = domain_ips(acme)
        for ip in all_ips(acme):
            listed = acme.ips.list_domains(ip).items
            for item in listed:
                assert ip in item.ips, (ip, item.domain)
                assert item.domain in ACME_DOMAIN_IDS, item.domain
            # Exactly the domains holding the IP, as every other IP's listing shows them.
            assert {i.domain for i in listed} == {d for d, ips in holders.items() if ip in ips}
            for item in acme.ips.list_domains(ip, search="acme", skip=1, limit=2).items:
                assert ip in item.ips, (ip, item.domain)

    check()
    acme.ips.assign_to_all_domains(WARMING)
    check()
    acme.ips.remove_from_all_domains(READY, alternative=V6)
    check()
    acme.ips.remove_domain_ip("blog.acme.test", V6)
    check()


def unlink_mail(acme: MailgunIp) -> None:
    """Unlink mail.acme.test from its DIPP: the operations on all domains leave a linked one out."""
    acme.ips.remove_domain_ip(MAIL, "ip_pool", ip_query="shared")


def test_ips_domains_stable_id_order(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    unlink_mail(acme)  # so that the IP can reach every domain
    acme.ips.assign_to_all_domains(WARMING)
    full = names(acme, WARMING)
    assert full == sorted(ACME_DOMAIN_IDS, key=ACME_DOMAIN_IDS.__getitem__)
    assert full != sorted(full)  # id order is not name order here, so the test tells them apart
    for size in range(1, len(full) + 2):
        pages: list[str] = []
        for skip in range(0, len(full) + size, size):
            pages += names(acme, WARMING, skip=skip, limit=size)
        assert pages == full, size
    # Ordering is also by id for a search and for an IP on only some domains.
    assert names(acme, READY) == [d for d in full if d in set(names(acme, READY))]
    assert names(acme, WARMING, search="news fresh blog") == [
        "news.acme.test",
        "fresh.acme.test",
        "blog.acme.test",
    ]


def test_ips_domains_limit_caps_page(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    unlink_mail(acme)
    acme.ips.assign_to_all_domains(WARMING)
    total = acme.ips.list_domains(WARMING).total_count
    assert total == len(ACME_DOMAIN_IDS)
    for limit in range(total + 2):
        for skip in (0, 2):
            page = acme.ips.list_domains(WARMING, limit=limit, skip=skip)
            assert len(page.items) <= limit, (limit, skip)
            assert len(page.items) == min(limit, total - skip), (limit, skip)
        assert len(acme.ips.list_domains(WARMING, limit=limit, search="acme").items) <= limit


def test_ips_domains_skip_offsets_window(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    acme.ips.assign_to_all_domains(WARMING)
    full = names(acme, WARMING)
    for skip in range(len(full) + 2):
        assert names(acme, WARMING, skip=skip) == full[skip:], skip
        for limit in range(1, len(full) + 2):
            assert names(acme, WARMING, skip=skip, limit=limit) == full[skip : skip + limit]
    searched = names(acme, WARMING, search="news blog promo")
    assert names(acme, WARMING, search="news blog promo", skip=1) == searched[1:]


@pytest.mark.parametrize(
    "search", ["news", "NEWS", "fresh blog", "shop.promo", "acme", "nowhere", "mail,news"]
)
def test_ips_domains_search_restricts_names(mgip_mock: InProcessMock, search: str) -> None:
    acme = mgip_mock.client()
    acme.ips.assign_to_all_domains(WARMING)
    full = names(acme, WARMING)
    words = [w for w in search.lower().replace(".", " ").replace(",", " ").split() if w]
    found = names(acme, WARMING, search=search)
    assert set(found) <= set(full)
    for name in found:
        assert any(word in name for word in words), (search, name)
    if "acme" not in words:
        assert len(found) < len(full)  # the search did restrict the list
    if search == "nowhere":
        assert found == []


@pytest.mark.parametrize(
    ("first", "second", "query"),
    [
        ("news", "fresh", "news fresh"),
        ("news", "fresh", "news.fresh"),
        ("shop", "blog", "shop,blog"),
        ("promo", "nowhere", "promo  nowhere"),
        ("mail", "blog", "mail_blog"),
    ],
)
def test_ips_domains_search_words_ored(
    mgip_mock: InProcessMock, first: str, second: str, query: str
) -> None:
    acme = mgip_mock.client()
    unlink_mail(acme)
    acme.ips.assign_to_all_domains(WARMING)
    a, b = set(names(acme, WARMING, search=first)), set(names(acme, WARMING, search=second))
    assert a  # a query that matched nothing would prove nothing
    combined = acme.ips.list_domains(WARMING, search=query)
    assert {i.domain for i in combined.items} == a | b
    assert combined.total_count == len(a | b)


def test_ips_assign_all_adds_to_every_domain(mgip_mock: InProcessMock) -> None:
    acme, sub = mgip_mock.client(), mgip_mock.client("acme-sub")
    before, sub_before = domain_ips(acme), domain_ips(sub)
    mgip_mock.jobs_mode("manual")
    acme.ips.assign_to_all_domains(READY)
    unlinked = set(ACME_DOMAIN_IDS) - {MAIL}  # mail.acme.test is linked to a DIPP
    assert acme.ips.list_domains(READY).total_count < len(unlinked)
    mgip_mock.settle()
    listed = acme.ips.list_domains(READY)
    assert listed.total_count == len(unlinked)
    assert {i.domain for i in listed.items} == unlinked
    after = domain_ips(acme)
    for domain, ips in before.items():
        assert ips <= after[domain], domain  # added, not swapped in
    # Other accounts' domains, the subaccount's included, are not touched.
    assert not set(NOT_ACME_DOMAINS) & set(after)
    assert domain_ips(sub) == sub_before


def test_ips_remove_all_clears_every_domain(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    before = domain_ips(acme)
    holders = {d for d, ips in before.items() if READY in ips}
    assert len(holders) > 1
    mgip_mock.jobs_mode("manual")
    acme.ips.remove_from_all_domains(READY)
    assert set(names(acme, READY)) == holders
    mgip_mock.settle()
    listed = acme.ips.list_domains(READY)
    assert listed.items == []
    assert listed.total_count == 0
    # Only that IP went: the domains' other IPs remain.
    after = domain_ips(acme)
    for domain, ips in before.items():
        if ips - {READY}:
            assert after[domain] == ips - {READY}, domain


def test_ips_remove_all_alternative_replaces(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    before = domain_ips(acme)
    holders = {d for d, ips in before.items() if READY in ips}
    assert V6 in before["blog.acme.test"] and "blog.acme.test" in holders
    mgip_mock.jobs_mode("manual")
    acme.ips.remove_from_all_domains(READY, alternative=V6)
    assert set(names(acme, V6)) == {"blog.acme.test"}
    mgip_mock.settle()
    assert names(acme, READY) == []
    assert holders <= set(names(acme, V6))
    # Domains that did not have the removed IP do not receive the alternative.
    assert set(names(acme, V6)) == holders
    after = domain_ips(acme)
    for domain in holders:
        assert after[domain] == (before[domain] - {READY}) | {V6}, domain


def test_ips_bulk_skips_dipp_linked_domains(mgip_mock: InProcessMock) -> None:
    acme, sub = mgip_mock.client(), mgip_mock.client("acme-sub")
    linked_ips = set(acme.dipps.get(TRANSACTIONAL_ID).details.ips)

    def mail_ips() -> set[str]:
        return domain_ips(acme).get(MAIL, set())

    assert mail_ips() == linked_ips
    # Before: both bulk operations changed the linked domain's IPs.
    acme.ips.assign_to_all_domains(READY)
    assert mail_ips() == linked_ips
    for address in linked_ips:
        acme.ips.remove_from_all_domains(address, alternative=READY)
    assert mail_ips() == linked_ips
    assert MAIL in set(acme.dipps.get(TRANSACTIONAL_ID).details.linked_domains or [])
    # The subaccount's domain linked to the DIPP it inherits keeps its IPs too.
    assert "sub.acme.test" in {d for d, ips in domain_ips(sub).items() if ips == linked_ips}


def test_ips_remove_all_keeps_last_ip_without_shared(mgip_mock: InProcessMock) -> None:
    mgip_mock.load("no_shared_ips")
    solo = mgip_mock.client("solo")
    only = "192.0.2.30"  # single.solo.test's only IP, and one of pair.solo.test's two
    solo.ips.remove_from_all_domains(only)
    # Before: single.solo.test was left with no IP.
    assert set(names(solo, only)) == {"single.solo.test"}
    # With an alternative the domain is never empty, so the IP goes.
    solo.ips.remove_from_all_domains(only, alternative="192.0.2.34")
    assert names(solo, only) == []
    assert "single.solo.test" in set(names(solo, "192.0.2.34"))


def test_ips_band_needs_feature(mgip_mock: InProcessMock) -> None:
    band = IpBandForm(ip_band="band-a")
    assert mgip_mock.client().ips.set_band(READY, body=band)
    with mgip_mock.refuses(Rule.IPS_BAND_NEEDS_FEATURE):
        mgip_mock.client("initech").ips.set_band(INITECH_IP, body=band)
    with mgip_mock.refuses(Rule.IPS_BAND_NEEDS_FEATURE):
        mgip_mock.client("acme-sub").ips.set_band(SUB_IP, body=band)


def test_ips_band_ip_must_be_dedicated(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    band = IpBandForm(ip_band="band-a")
    acme.ips.set_band(READY, body=band)
    acme.ips.set_band(V6, body=band)
    with mgip_mock.refuses(Rule.IPS_BAND_IP_MUST_BE_DEDICATED):
        acme.ips.set_band(SHARED, body=band)
    assert SHARED in acme.ips.list_all(dedicated=False).items


@pytest.mark.parametrize("ip", [UNKNOWN, FOREIGN, FOREIGN_SHARED, INITECH_IP])
def test_ips_band_ip_must_belong(mgip_mock: InProcessMock, ip: str) -> None:
    acme = mgip_mock.client()
    band = IpBandForm(ip_band="band-a")
    acme.ips.set_band(READY, body=band)
    with mgip_mock.refuses(Rule.IPS_BAND_IP_MUST_BELONG):
        acme.ips.set_band(ip, body=band)
    assert ip not in all_ips(acme)


def test_ips_allowance_endpoint_deprecated(mgip_mock: InProcessMock) -> None:
    for account in ("acme", "acme-sub", "initech"):
        client = mgip_mock.client(account)
        before = client.ips.list_all()
        first = client.ips.get_new_ip_allowance()
        second = client.ips.get_new_ip_allowance()
        assert isinstance(first.allowed.dedicated, int)
        assert first.allowed.dedicated >= 0
        assert second.allowed.dedicated == first.allowed.dedicated
        assert client.ips.list_all().to_dict() == before.to_dict()
    # The figure is still meaningful: it is how many new IPs the plan lets the account add.
    acme = mgip_mock.client()
    for _ in range(acme.ips.get_new_ip_allowance().allowed.dedicated):
        acme.ips.request_new()
    assert acme.ips.get_new_ip_allowance().allowed.dedicated == 0
    with mgip_mock.refuses(Rule.IPS_NEW_IP_WITHIN_BILLING_LIMITS):
        acme.ips.request_new()


def test_ips_allowance_shared_field_deprecated(mgip_mock: InProcessMock) -> None:
    from mgip.server.validation import Match, response_problems

    for account in ("acme", "acme-sub", "initech"):
        allowed = mgip_mock.client(account).ips.get_new_ip_allowance().allowed
        assert isinstance(allowed.dedicated, int)  # shared: deliberately not looked at
    # The contract and the client both accept an answer without the deprecated count.
    found = mgip_mock.app.routes.match("GET", "/v3/ips/request/new")
    assert isinstance(found, Match)
    assert response_problems(found.operation, 200, {"allowed": {"dedicated": 1}}) == []
    parsed = NewIpAllowance.from_dict({"allowed": {"dedicated": 1}})
    assert parsed.allowed.dedicated == 1
    assert parsed.allowed.shared is UNSET


def test_ips_new_ip_within_billing_limits(mgip_mock: InProcessMock) -> None:
    initech = mgip_mock.client("initech")
    assert initech.ips.get_new_ip_allowance().allowed.dedicated == 0
    before = initech.ips.list_all()
    with mgip_mock.refuses(Rule.IPS_NEW_IP_WITHIN_BILLING_LIMITS):
        initech.ips.request_new()
    assert initech.ips.list_all().to_dict() == before.to_dict()

    acme = mgip_mock.client()
    allowed = acme.ips.get_new_ip_allowance().allowed.dedicated
    assert allowed > 0
    start = acme.ips.list_all(dedicated=True).total_count
    for _ in range(allowed):
        acme.ips.request_new()
    full = acme.ips.list_all()
    assert acme.ips.list_all(dedicated=True).total_count == start + allowed
    with mgip_mock.refuses(Rule.IPS_NEW_IP_WITHIN_BILLING_LIMITS):
        acme.ips.request_new()
    assert acme.ips.list_all().to_dict() == full.to_dict()


def test_ips_new_ip_added_as_dedicated(mgip_mock: InProcessMock) -> None:
    for account in ("acme", "acme-sub"):
        client = mgip_mock.client(account)
        dedicated = client.ips.list_all(dedicated=True)
        everything = set(all_ips(client))
        allowance = client.ips.get_new_ip_allowance().allowed.dedicated
        client.ips.request_new()
        after = client.ips.list_all(dedicated=True)
        assert after.total_count == dedicated.total_count + 1, account
        (new,) = set(after.items) - set(dedicated.items)
        assert new not in everything
        assert new in all_ips(client)
        assert new not in client.ips.list_all(dedicated=False).items
        assert client.ips.get_new_ip_allowance().allowed.dedicated == allowance - 1


# --- refusals of mgip's reading (basis inferred or convention) ---------------------------------


def test_ips_details_ip_must_belong(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    assert acme.ips.get(READY).ip == READY
    for address in (FOREIGN, "198.51.100.1"):
        with mgip_mock.refuses(Rule.IPS_DETAILS_IP_MUST_BELONG):
            acme.ips.get(address)


def test_ips_remove_all_alternative_valid(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    before = domain_ips(acme)
    for alternative in (READY, FOREIGN):
        with mgip_mock.refuses(Rule.IPS_REMOVE_ALL_ALTERNATIVE_VALID):
            acme.ips.remove_from_all_domains(READY, alternative=alternative)
    mgip_mock.settle()
    assert domain_ips(acme) == before


def test_ips_domains_paging_values_valid(mgip_mock: InProcessMock) -> None:
    raw = mgip_mock.raw()
    for query in ("skip=-1", "limit=-1"):
        answer = raw.get(f"/v3/ips/{READY}/domains?{query}")
        assert answer.status_code == 400, (query, answer.text)
        assert answer.json()["rule"] == Rule.IPS_DOMAINS_PAGING_VALUES_VALID
    assert raw.get(f"/v3/ips/{READY}/domains?skip=0&limit=0").status_code == 200


def test_ips_band_value_required(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    with mgip_mock.refuses(Rule.IPS_BAND_VALUE_REQUIRED):
        acme.ips.set_band(READY, body=IpBandForm(ip_band=" "))
    assert acme.ips.set_band(READY, body=IpBandForm(ip_band="band-a"))
