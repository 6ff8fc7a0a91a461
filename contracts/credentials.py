"""Every operation asks for credentials: without them, or with a wrong key, the answer is 401.

The spec declares HTTP basic auth on every operation. This is the quickest contract there is
(two requests per operation), so it runs first. Against a target that may not be written to,
only reads are sent: a server that forgot its auth check on a write would otherwise apply it.
"""

from __future__ import annotations

import re

import httpx

from contracts.target import Target
from mgip.spec import Spec

# A value for each path parameter: the request is refused before the value matters.
PLACEHOLDERS = {"ip": "192.0.2.1", "addr": "192.0.2.1", "name": "example.com", "pool_id": "x"}
WRONG_KEY = ("api", "key-not-a-real-key-0000")


def _url(path: str) -> str:
    return re.sub(r"\{([^}]+)\}", lambda m: PLACEHOLDERS.get(m.group(1), "x"), path)


def run(target: Target) -> tuple[int, list[str]]:
    """How many operations were asked, and the problems: each answer that was not 401."""
    if target.app is not None:
        from reference_server.testing import SyncASGITransport

        transport: httpx.BaseTransport = SyncASGITransport(target.app)
    else:
        transport = httpx.HTTPTransport()
    writes = target.generated_writes_allowed
    problems, asked = [], 0
    with httpx.Client(transport=transport, base_url=target.base_url, timeout=10) as client:
        for op in Spec.load().operations():
            if op.method != "get" and not writes:
                continue
            asked += 1
            url = _url(op.path)
            for auth, how in ((None, "without credentials"), (WRONG_KEY, "with a wrong key")):
                answer = client.request(op.method.upper(), url, auth=auth)
                if answer.status_code != 401:
                    problems.append(
                        f"{op.operation_id} ({op.key}) {how} answered {answer.status_code}, not 401"
                    )
    if target.app is not None:
        transport.shutdown()  # type: ignore[attr-defined]
    return asked, problems
