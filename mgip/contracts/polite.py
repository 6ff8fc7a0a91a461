"""Manners towards a real server: 429 answers are waited out as Retry-After asks, within bounds.

The bounds are the checker's, not the server's: at most MAX_WAIT seconds per wait, at most
MAX_RETRIES retries of one request, at most WAIT_BUDGET seconds of waiting in a whole run, and
never past the run's deadline. Past them, the 429 is the answer (and a finding).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime

import httpx

from mgip.contracts.wire import Limits

MAX_RETRIES = 5
MAX_WAIT = 10.0
WAIT_BUDGET = 60.0


def retry_after(response: httpx.Response, now: float | None = None) -> float:
    """Seconds to wait before asking again (RFC 9110: delay-seconds or an HTTP date)."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return 1.0
    if value.isdigit():
        return min(float(value), MAX_WAIT)
    try:
        moment = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return 1.0
    return max(0.0, min(moment - (time.time() if now is None else now), MAX_WAIT))


class PoliteTransport(httpx.BaseTransport):
    """Retries a request answered 429 after the wait the server asks for, at most MAX_RETRIES."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        sleep: Callable[[float], None] = time.sleep,
        *,
        limits: Limits | None = None,
    ) -> None:
        self.inner = inner
        self.sleep = sleep
        self.limits = limits or Limits()
        self.waits: list[float] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        for _ in range(MAX_RETRIES):
            if response.status_code != 429:
                break
            wait = retry_after(response)
            left = self.limits.remaining()
            if sum(self.waits) + wait > WAIT_BUDGET or (left is not None and wait >= left):
                break  # the 429 is the answer
            response.close()
            self.waits.append(wait)
            self.sleep(wait)
            response = self.inner.handle_request(request)
        return response

    def close(self) -> None:
        self.inner.close()
