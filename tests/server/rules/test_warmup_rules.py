"""IP Address Warmup rules, driven through the generated client against the in-process server."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from mailgun_ip_client.rules import Rule
from mailgun_ip_client.types import UNSET, Unset

from mgip.server.testing import InProcessMock

WARMING = "192.0.2.17"
READY = "192.0.2.16"
SHARED = "192.0.2.200"
FOREIGN = "192.0.2.100"
FOREIGN_SHARED = "192.0.2.101"
IPV6 = "2001:db8::10"
# Dedicated IPs of acme that can all warm at once: 192.0.2.12 is in a DIPP, the next three are
# each the only IP of a dynamic pool until `free_dynamic_pools` removes the pools.
SPARE_DEDICATED = ("192.0.2.12", "192.0.2.13", "192.0.2.14", "192.0.2.15", READY)
DYNAMIC_ONLY_IPS = {"dynamic_good": "192.0.2.13", "dynamic_poor": "192.0.2.14"}


def free_dynamic_pools(client: Any) -> None:
    """Take acme's domains out of the dynamic pools and remove the pools."""
    for domain in client.dynamic_pools.list_domains().items:
        if domain.account_id == "5f0e0a0a0a0a0a0a0a0a0a01":
            client.dynamic_pools.unenroll_domain(domain.name, replacement_ip=["shared"])
    client.dynamic_pools.remove_all()


# acme's IP in the DIPP acme-sub inherits: acme-sub sends from it but does not own it.
INHERITED = "192.0.2.10"
SUB_OWN = "192.0.2.50"
UNKNOWN = ("192.0.2.99", "198.51.100.7")
ALL = 100  # a page size larger than any scenario's warm-up count


def warming(client: Any) -> list[str]:
    return [item.ip for item in client.warmups.list_all(limit=ALL).items]


def on_warmup(client: Any) -> dict[str, bool]:
    """What the account IP list says about each IP's warm-up."""
    details = client.ips.list_all().details
    return {d.ip: bool(d.is_on_warmup) for d in details}


def in_flight(client: Any, address: str) -> bool:
    from mailgun_ip_client import ApiError

    try:
        client.warmups.get(address)
    except ApiError as error:
        if error.status_code == 404:
            return False
        raise
    return True


def test_warmup_list_in_flight_only(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    dedicated = acme.ips.list_all(dedicated=True).items

    def check() -> list[str]:
        listed = warming(acme)
        assert len(listed) == len(set(listed))
        for address in dedicated:
            assert (address in listed) == in_flight(acme, address), address
        return listed

    assert check() == [WARMING]
    acme.warmups.create(READY)
    assert set(check()) == {WARMING, READY}
    acme.warmups.cancel(WARMING)
    assert check() == [READY]
    acme.warmups.cancel(READY)
    assert check() == []


def test_warmup_list_dedicated_owned(mgip_mock: InProcessMock) -> None:
    acme, sub, globex = (mgip_mock.client(n) for n in ("acme", "acme-sub", "globex"))
    acme.warmups.create(INHERITED)
    acme.warmups.create(READY)
    sub.warmups.create(SUB_OWN)
    globex.warmups.create(FOREIGN)

    for client in (acme, sub, globex):
        listed = warming(client)
        assert listed
        assert set(listed) <= set(client.ips.list_all(dedicated=True).items)
    assert set(warming(acme)) == {WARMING, READY, INHERITED}
    # acme-sub sends from the inherited DIPP's IPs, but they are acme's, not its own.
    assert warming(sub) == [SUB_OWN]
    assert warming(globex) == [FOREIGN]


def follow(client: Any, limit: int) -> list[list[str]]:
    """Every page of the warm-up list, reached through the `next` URLs from the first page."""
    pages: list[list[str]] = []
    token: str | Unset = UNSET
    while True:
        answer = client.warmups.list_all(page=token, limit=limit)
        pages.append([item.ip for item in answer.items])
        assert isinstance(answer.paging.first, str)
        assert isinstance(answer.paging.last, str)
        assert len(pages) <= ALL, "the next links never end"
        if isinstance(answer.paging.next_, Unset):
            return pages
        query = parse_qs(urlsplit(answer.paging.next_).query)
        assert query["limit"] == [str(limit)]
        token = query["page"][0]


def test_warmup_list_paginated(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    free_dynamic_pools(acme)
    for address in SPARE_DEDICATED:
        acme.warmups.create(address)
    everything = warming(acme)
    assert len(everything) == len(SPARE_DEDICATED) + 1

    for limit in (1, 2, 4, len(everything), ALL):
        pages = follow(acme, limit)
        assert all(0 < len(page) <= limit for page in pages)
        visited = [address for page in pages for address in page]
        assert sorted(visited) == sorted(everything), limit
        assert len(pages) == -(-len(everything) // limit)

    # The last link leads to the final page; from there, previous links walk back to the first.
    first = acme.warmups.list_all(limit=2)
    last_query = parse_qs(urlsplit(str(first.paging.last)).query)
    last = acme.warmups.list_all(page=last_query["page"][0], limit=2)
    assert isinstance(last.paging.next_, Unset)
    assert [i.ip for i in last.items] == follow(acme, 2)[-1]
    assert isinstance(first.paging.previous, Unset)


def test_warmup_ip_must_be_dedicated(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    acme.warmups.create(READY)
    assert acme.warmups.get(READY).details.stage >= 1
    acme.warmups.cancel(READY)

    with mgip_mock.refuses(Rule.WARMUP_IP_MUST_BE_DEDICATED):
        acme.warmups.create(SHARED)
    with mgip_mock.refuses(Rule.WARMUP_IP_MUST_BE_DEDICATED):
        acme.warmups.get(SHARED)
    with mgip_mock.refuses(Rule.WARMUP_IP_MUST_BE_DEDICATED):
        acme.warmups.cancel(SHARED)
    assert warming(acme) == [WARMING]
    assert on_warmup(acme)[SHARED] is False


OTHERS_IPS = [("acme", a) for a in (FOREIGN, FOREIGN_SHARED, SUB_OWN, *UNKNOWN)]


# acme-sub sends from the IPs of the DIPP it inherits, but they are acme's: it must not be able
# to read, start or end their warm-ups.
@pytest.mark.parametrize(("caller", "address"), [*OTHERS_IPS, ("acme-sub", INHERITED)])
def test_warmup_ip_must_be_owned(mgip_mock: InProcessMock, caller: str, address: str) -> None:
    clients = {n: mgip_mock.client(n) for n in ("acme", "acme-sub", "globex")}
    clients["acme"].warmups.get(WARMING)
    clients["acme"].warmups.create(INHERITED)
    clients["acme-sub"].warmups.create(SUB_OWN)
    clients["globex"].warmups.create(FOREIGN)
    before = {n: warming(c) for n, c in clients.items()}

    client = clients[caller]
    with mgip_mock.refuses(Rule.WARMUP_IP_MUST_BE_OWNED):
        client.warmups.get(address)
    with mgip_mock.refuses(Rule.WARMUP_IP_MUST_BE_OWNED):
        client.warmups.create(address)
    with mgip_mock.refuses(Rule.WARMUP_IP_MUST_BE_OWNED):
        client.warmups.cancel(address)
    assert {n: warming(c) for n, c in clients.items()} == before
    assert in_flight(clients["globex"], FOREIGN)
    assert in_flight(clients["acme"], INHERITED)


def test_warmup_get_requires_in_flight(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    assert acme.warmups.get(WARMING).details.stage == 3
    with mgip_mock.refuses(Rule.WARMUP_GET_REQUIRES_IN_FLIGHT):
        acme.warmups.get(READY)
    assert warming(acme) == [WARMING]

    acme.warmups.cancel(WARMING)
    with mgip_mock.refuses(Rule.WARMUP_GET_REQUIRES_IN_FLIGHT):
        acme.warmups.get(WARMING)
    acme.warmups.create(READY)
    assert acme.warmups.get(READY).details.stage == 1
    assert warming(acme) == [READY]


@pytest.mark.parametrize("address", [READY, IPV6])
def test_warmup_create_starts_plan(mgip_mock: InProcessMock, address: str) -> None:
    acme = mgip_mock.client()
    assert address not in warming(acme)
    assert on_warmup(acme)[address] is False
    assert not in_flight(acme, address)

    acme.warmups.create(address)
    assert address in warming(acme)
    details = acme.warmups.get(address).details
    assert details.stage == 1
    assert on_warmup(acme)[address] is True
    # The plan already running elsewhere is untouched.
    assert acme.warmups.get(WARMING).details.stage == 3


def test_warmup_cancel_ends_plan(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    acme.warmups.create(READY)
    assert set(warming(acme)) == {WARMING, READY}

    acme.warmups.cancel(WARMING)
    assert warming(acme) == [READY]
    with mgip_mock.refuses(Rule.WARMUP_GET_REQUIRES_IN_FLIGHT):
        acme.warmups.get(WARMING)
    assert on_warmup(acme)[WARMING] is False

    acme.warmups.cancel(READY)
    assert warming(acme) == []
    with mgip_mock.refuses(Rule.WARMUP_GET_REQUIRES_IN_FLIGHT):
        acme.warmups.get(READY)


def test_warmup_one_plan_per_ip(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    before = acme.warmups.get(WARMING).to_dict()
    with mgip_mock.refuses(Rule.WARMUP_ONE_PLAN_PER_IP):
        acme.warmups.create(WARMING)
    assert acme.warmups.get(WARMING).to_dict() == before


def test_warmup_keeps_dynamic_pool_ready(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    for pool, address in DYNAMIC_ONLY_IPS.items():
        # Before: accepted, leaving the pool with warming IPs only.
        with mgip_mock.refuses(Rule.WARMUP_KEEPS_DYNAMIC_POOL_READY):
            acme.warmups.create(address)
        assert not in_flight(acme, address), pool
    # With a second ready IP in the pool, either may warm.
    acme.dynamic_pools.add_ip("dynamic_good", READY)
    acme.warmups.create(DYNAMIC_ONLY_IPS["dynamic_good"])
    assert in_flight(acme, DYNAMIC_ONLY_IPS["dynamic_good"])
    for pool in acme.dynamic_pools.list_all().pools:
        if pool.ips:
            assert any(not in_flight(acme, a) for a in pool.ips), pool.name


def test_warmup_cancel_requires_in_flight(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.client()
    with mgip_mock.refuses(Rule.WARMUP_CANCEL_REQUIRES_IN_FLIGHT):
        acme.warmups.cancel(READY)
    assert not in_flight(acme, READY)
    acme.warmups.cancel(WARMING)
    with mgip_mock.refuses(Rule.WARMUP_CANCEL_REQUIRES_IN_FLIGHT):
        acme.warmups.cancel(WARMING)


def test_warmup_list_page_token_issued(mgip_mock: InProcessMock) -> None:
    answer = mgip_mock.raw().get("/v3/ip_warmups?page=bm9wZQ")
    assert answer.status_code == 400, answer.text
    assert answer.json()["rule"] == Rule.WARMUP_LIST_PAGE_TOKEN_ISSUED
