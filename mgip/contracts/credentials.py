"""Every operation asks for credentials: without them, or with a wrong key, the answer is 401.

The spec declares HTTP basic auth on every operation. This is the quickest contract there is
(two requests per operation), so it runs first. Against a target that may not be written to,
only reads are sent: a server that forgot its auth check on a write would otherwise apply it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from mgip.contracts.target import Target, shut, transport
from mgip.contracts.wire import DeadlineReached, TargetFault, TargetGone
from mgip.core.spec import Operation, Spec

# A value for each path parameter: the request is refused before the value matters.
PLACEHOLDERS = {"ip": "192.0.2.1", "addr": "192.0.2.1", "name": "example.com", "pool_id": "x"}
WRONG_KEY = ("api", "key-not-a-real-key-0000")


def _url(path: str, known: dict[str, str]) -> str:
    values = {**PLACEHOLDERS, **known}
    return re.sub(r"\{([^}]+)\}", lambda m: values.get(m.group(1), "x"), path)


def _known(client: httpx.Client, target: Target) -> dict[str, str]:
    """Path values that exist on the target (an IP, a DIPP), read with the key: a mock with
    canned answers knows no placeholder, and its 404 must not pass for a missing operation."""
    known: dict[str, str] = {}
    auth = ("api", target.api_key)
    first: tuple[tuple[str, str, Callable[[Any], Any]], ...] = (
        ("/v3/ips", "ip", lambda body: body["items"][0]),
        ("/v3/ip_pools", "pool_id", lambda body: body["ip_pools"][0]["pool_id"]),
    )
    for path, key, read in first:
        try:
            value = read(client.get(path, auth=auth).json())
        except (TargetFault, ValueError, KeyError, IndexError, TypeError):
            continue
        if isinstance(value, str) and value and "/" not in value:
            known[key] = value
    if "ip" in known:
        known["addr"] = known["ip"]
    return known


@dataclass(slots=True)
class Outcome:
    asked: int = 0
    problems: list[str] = field(default_factory=list)
    # operationId -> why the target does not seem to implement it (one finding per cause).
    missing: dict[str, str] = field(default_factory=dict)
    stopped: str = ""  # why not every operation was asked


def not_implemented(answer: httpx.Response) -> str | None:
    """Why an answer says the operation is not there at all, or None.

    A server that does not know a path answers 404, 405 or 501 with no JSON, or (a catch-all)
    2xx with something that is not JSON; an implemented operation asked without credentials
    answers 401, or at least JSON.
    """
    kind = answer.headers.get("content-type", "").split(";")[0].strip().lower()
    json_body = kind == "application/json" or kind.endswith("+json")
    if answer.status_code in (404, 405, 501) and not json_body:
        return f"answered {answer.status_code} {kind or 'without a content type'}"
    if 200 <= answer.status_code < 300 and not json_body:
        return f"answered {answer.status_code} {kind or 'without a content type'} (a catch-all)"
    return None


def run(target: Target) -> Outcome:
    """The answer of every operation asked without credentials and with a wrong key.

    Each answer that is not 401 is a problem, except for an operation the target does not
    implement at all, which is reported once as such. A request that got no answer, or an answer
    too large to read, is a problem of its own (with the request); the run's deadline ends the
    layer early with what it found so far.
    """
    writes = target.generated_writes_allowed
    outcome = Outcome()
    channel = transport(target)
    with httpx.Client(transport=channel, base_url=target.base_url) as client:
        try:
            known = _known(client, target)
        except DeadlineReached:
            known = {}
        for op in Spec.load().operations():
            if op.method != "get" and not writes:
                continue
            if not _ask(client, op, _url(op.path, known), outcome):
                break
            outcome.asked += 1
    shut(channel)
    return outcome


def _ask(client: httpx.Client, op: Operation, url: str, outcome: Outcome) -> bool:
    """Ask one operation both ways; False when the run must stop (deadline, target gone)."""
    for auth, how in ((None, "without credentials"), (WRONG_KEY, "with a wrong key")):
        try:
            answer = client.request(op.method.upper(), url, auth=auth)
        except DeadlineReached:
            outcome.stopped = "the run's time was up (--max-time)"
            return False
        except TargetFault as fault:
            outcome.problems += [
                f"{op.operation_id} {how}: {fault.finding}",
                f"    {fault.command}",
            ]
            if isinstance(fault, TargetGone):
                outcome.stopped = "the target stopped answering"
                return False
            return True
        missing = not_implemented(answer)
        if missing is not None:
            outcome.missing[op.operation_id] = f"{op.method.upper()} {url} {missing}"
            return True
        if answer.status_code != 401:
            outcome.problems.append(
                f"{op.operation_id} ({op.key}) {how} answered {answer.status_code}, not 401"
            )
    return True
