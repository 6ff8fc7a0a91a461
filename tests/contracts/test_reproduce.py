"""Reproductions as a user copies them: the target's base URL, the key from the environment."""

from __future__ import annotations

import httpx

from mgip.contracts import reproduce
from mgip.contracts.target import Target
from mgip.contracts.wire import Exchange

KEY = "key-real-account-0001"


def _sent(method: str, url: str, key: str = KEY) -> httpx.Request:
    """A request as the client sends it, the key in HTTP basic auth."""
    return next(httpx.BasicAuth("api", key).auth_flow(httpx.Request(method, url)))


def test_a_url_target_is_reproduced_with_its_base_url_and_the_key_from_the_environment() -> None:
    target = Target(base_url="https://api.example.test", api_key=KEY)
    exchanges = [
        Exchange(_sent("GET", "https://api.example.test/v3/ips"), 200),
        Exchange(_sent("PUT", "https://api.example.test/v3/ip_pools/p1/ips/192.0.2.5"), 403),
        Exchange(_sent("GET", "https://api.example.test/v3/ip_pools", key="other"), None),
    ]
    lines = reproduce.public(target, exchanges)
    assert lines[0] == reproduce.WRITES_AGAIN  # it writes to the account again, and says so
    assert lines[1] == "# the key of the account checked is read from $MGIP_API_KEY"
    curls = lines[2:]
    assert curls[0] == (
        "curl -sS -w ' -> %{http_code}\\n' -X GET -u \"api:$MGIP_API_KEY\" "
        "https://api.example.test/v3/ips  # got 200"
    )
    assert curls[1].endswith("https://api.example.test/v3/ip_pools/p1/ips/192.0.2.5  # got 403")
    assert curls[2].endswith("  # got no answer")
    # A key that is not a mock scenario's published one is never written, whoever's it is.
    assert not any(KEY in line or "other" in line for line in lines)


def test_reads_only_are_not_said_to_write() -> None:
    target = Target(base_url="https://api.example.test", api_key=KEY)
    lines = reproduce.public(
        target, [Exchange(_sent("GET", "https://api.example.test/v3/ips"), 200)]
    )
    assert reproduce.WRITES_AGAIN not in lines


def test_the_embedded_server_is_started_as_the_run_had_it() -> None:
    target = Target.embedded(mutant="dipp_list_covers_all_pools.last_pool_dropped", gateway=True)
    request = _sent("GET", "http://mgip.embedded/v3/ips", key=target.api_key)
    lines = reproduce.shell(target, [Exchange(request, 200)])
    assert lines[0] == (
        "mgip mock --mutant dipp_list_covers_all_pools.last_pool_dropped --gateway --port 8025 &"
        "  # the embedded server of this run"
    )
    assert lines[2] == "export MGIP_API_KEY=key-acme-demo-0001  # the scenario's own key"
    assert lines[3].endswith("http://127.0.0.1:8025/v3/ips  # got 200")
