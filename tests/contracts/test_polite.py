"""429 answers are retried after the wait Retry-After asks for, and no more than five times."""

from __future__ import annotations

import httpx

from mgip.contracts.polite import MAX_RETRIES, MAX_WAIT, PoliteTransport, retry_after


def answers(*statuses: tuple[int, dict[str, str]]) -> httpx.MockTransport:
    queue = list(statuses)

    def handler(request: httpx.Request) -> httpx.Response:
        status, headers = queue.pop(0) if queue else (200, {})
        return httpx.Response(status, headers=headers, json={"message": "x"})

    return httpx.MockTransport(handler)


def test_a_429_is_waited_out_and_retried() -> None:
    waits: list[float] = []
    transport = PoliteTransport(answers((429, {"Retry-After": "2"}), (200, {})), sleep=waits.append)
    with httpx.Client(transport=transport) as client:
        assert client.get("http://x/v3/ips").status_code == 200
    assert waits == [2.0]


def test_retries_are_bounded() -> None:
    waits: list[float] = []
    always = [(429, {"Retry-After": "1"})] * 20
    transport = PoliteTransport(answers(*always), sleep=waits.append)
    with httpx.Client(transport=transport) as client:
        assert client.get("http://x/v3/ips").status_code == 429
    assert len(waits) == MAX_RETRIES


def test_retry_after_forms() -> None:
    assert retry_after(httpx.Response(429, headers={"Retry-After": "7"})) == 7.0
    assert retry_after(httpx.Response(429, headers={"Retry-After": "9999"})) == MAX_WAIT
    assert retry_after(httpx.Response(429)) == 1.0
    date = {"Retry-After": "Sun, 22 Nov 2026 12:00:05 GMT"}
    assert retry_after(httpx.Response(429, headers=date), now=1795348800.0) == 5.0
