"""Testing your own client code against mgip's reference server, through its pytest plugin.

`count_dedicated_ips` and `move_ip_to_pool` stand for your code. Installing mgip registers the
fixtures: `mgip_server` (a real server on 127.0.0.1, for code that needs a URL), `mgip_mock` (in
process, with the generated client for any account) and the `mgip_scenario` marker. Every test
starts from fresh state.
"""

from __future__ import annotations

import httpx
import pytest


def count_dedicated_ips(base_url: str, api_key: str) -> int:
    """Your code: how many dedicated IPs the account has."""
    answer = httpx.get(
        f"{base_url}/v3/ips", params={"dedicated": "true"}, auth=("api", api_key), timeout=10
    )
    answer.raise_for_status()
    return int(answer.json()["total_count"])


def move_ip_to_pool(base_url: str, api_key: str, ip: str, pool_id: str) -> None:
    """Your code: put an IP in a dedicated IP pool."""
    answer = httpx.patch(
        f"{base_url}/v3/ip_pools/{pool_id}",
        data={"add_ip": ip},
        auth=("api", api_key),
        timeout=10,
    )
    answer.raise_for_status()


def test_counts_the_demo_accounts_dedicated_ips(mgip_server) -> None:  # type: ignore[no-untyped-def]
    assert count_dedicated_ips(mgip_server.url, mgip_server.key("acme")) > 0


def test_a_wrong_key_is_an_error_not_zero(mgip_server) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(httpx.HTTPStatusError) as caught:
        count_dedicated_ips(mgip_server.url, "key-that-does-not-exist")
    assert caught.value.response.status_code == 401


def pool_ips(base_url: str, api_key: str, pool_id: str) -> list[str]:
    """Your code: the IPs of a dedicated IP pool."""
    answer = httpx.get(f"{base_url}/v3/ip_pools/{pool_id}", auth=("api", api_key), timeout=10)
    answer.raise_for_status()
    return list(answer.json()["details"]["ips"])


SPARE_POOL = "64f0b0b0b0b0b0b0b0b0b003"  # the demo scenario's empty pool


def test_an_ip_moved_into_a_pool_is_listed_there(mgip_server) -> None:  # type: ignore[no-untyped-def]
    key = mgip_server.key("acme")
    move_ip_to_pool(mgip_server.url, key, "192.0.2.16", SPARE_POOL)
    assert "192.0.2.16" in pool_ips(mgip_server.url, key, SPARE_POOL)


@pytest.mark.mgip_scenario("no_shared_ips")
def test_the_last_ip_of_a_domain_is_kept(mgip_mock) -> None:  # type: ignore[no-untyped-def]
    from mailgun_ip_client.rules import Rule

    client = mgip_mock.client("solo")
    with mgip_mock.refuses(Rule.DOMAIN_IPS_LAST_IP_KEPT_WITHOUT_SHARED):
        client.ips.remove_domain_ip("single.solo.test", "192.0.2.30")
