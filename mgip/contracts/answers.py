"""Every answer the rule layer receives, checked against the spec as it arrives.

This is the one place where the rule layer reads a target's answers before the generated client
decodes them. An answer off the spec (a missing field, a wrong type, a `null` array, HTML,
bytes, an undeclared status) becomes a finding that names the operation, the status, the JSON
path and the request; a 2xx answer the client could not decode is not handed to it at all
(`OffSpecAnswer`), so no check ever sees a half-read object and nothing raises a KeyError.

The state machine reads a great deal after each step; checking those answers too means a
missing field or a wrong type is reported at the first step that sees it, whichever operation
it is on, and not only when Schemathesis happens to reach a 200 of that operation.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import httpx

from mgip.contracts.wire import TargetFault, curl
from mgip.server.validation import Routes, response_problems

# Findings kept per run: past this many, a broken server is broken enough to say so.
KEPT = 50


@cache
def _routes() -> Routes:
    from mgip.core.spec import Spec

    return Routes(Spec.load())


class OffSpecAnswer(TargetFault):
    """A 2xx answer that does not match the spec: the client is not given it to decode."""


def _undeclared_refusal(operation: Any, response: httpx.Response) -> bool:
    """A refusal with a status the spec does not declare: mgip's statuses are its convention."""
    from mgip.contracts.strictness import is_refusal

    return is_refusal(response.status_code) and str(response.status_code) not in operation.responses


class SpecCheckedTransport(httpx.BaseTransport):
    """Passes requests to `inner`; keeps, in `problems`, how each answer departs from the spec.

    `missing` names operations the target does not implement: their answers are reported once,
    elsewhere, as "not implemented", not again here under other names.
    """

    def __init__(
        self, inner: httpx.BaseTransport | None = None, *, strictness: str = "strict"
    ) -> None:
        self.inner = inner or httpx.HTTPTransport()
        self.problems: list[str] = []
        self.missing: set[str] = set()
        self.seen = 0
        # "documented": a refusal may have any 4xx status but 401 (see mgip.contracts.strictness).
        self.strictness = strictness

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.raw_path.split(b"?", 1)[0].decode("ascii", "replace")
        found = _routes().match(request.method, path)
        if found is None or isinstance(found, list) or path.startswith("/mgip"):
            return self.inner.handle_request(request)
        if found.operation.operation_id in self.missing:
            raise OffSpecAnswer("not implemented by the target (not asked again)", request)
        response = self.inner.handle_request(request)
        response.read()
        if self.strictness == "documented" and _undeclared_refusal(found.operation, response):
            return response
        problems = _problems(found.operation, response)
        if not problems:
            return response
        where = f"{request.method} {path} -> {response.status_code}"
        self.seen += 1
        if len(self.problems) < KEPT:
            self.problems += [f"{where}: {p}" for p in problems[:3]]
            self.problems.append(f"    {curl(request)}")
        if 200 <= response.status_code < 300:
            raise OffSpecAnswer(f"{response.status_code}, off the spec: {problems[0]}", request)
        return response

    def take(self) -> list[str]:
        """The problems seen since the last call."""
        taken, self.problems = self.problems, []
        return taken

    def close(self) -> None:
        self.inner.close()


def _problems(operation: Any, response: httpx.Response) -> list[str]:
    """What is wrong with an answer. Judged by its bytes once: the rule layer reads the same
    lists again and again, and validating each against its schema was a tenth of its time."""
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    content = response.content
    if len(content) > CACHED_BYTES:
        return list(_judged(operation, response.status_code, kind, content))
    key = (operation.operation_id, response.status_code, kind, content)
    if key not in _JUDGED:
        if len(_JUDGED) >= CACHED_ANSWERS:
            _JUDGED.clear()
        _JUDGED[key] = _judged(operation, response.status_code, kind, content)
    return list(_JUDGED[key])


CACHED_BYTES = 1 << 16  # larger answers are judged afresh, not kept
CACHED_ANSWERS = 4096
_JUDGED: dict[tuple[str, int, str, bytes], tuple[str, ...]] = {}


def _judged(operation: Any, status: int, kind: str, content: bytes) -> tuple[str, ...]:
    try:
        body = json.loads(content)
    except ValueError:
        if status == 204 or not content:
            body = None
        else:
            shown = kind or "no content type"
            return (f"the answer is not JSON ({shown}, {len(content)} bytes)",)
    return tuple(response_problems(operation, status, body))
