"""Every answer the rule layer receives, checked against the spec as it arrives.

The state machine reads a great deal after each step; checking those answers too means a
missing field or a wrong type is reported at the first step that sees it, whichever operation
it is on, and not only when Schemathesis happens to reach a 200 of that operation.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import httpx

from reference_server.validation import Routes, response_problems


@cache
def _routes() -> Routes:
    from mgip.spec import Spec

    return Routes(Spec.load())


def _undeclared_refusal(operation: Any, response: httpx.Response) -> bool:
    """A refusal with a status the spec does not declare: mgip's statuses are its convention."""
    from contracts.strictness import is_refusal

    return is_refusal(response.status_code) and str(response.status_code) not in operation.responses


class SpecCheckedTransport(httpx.BaseTransport):
    """Passes requests to `inner`; keeps, in `problems`, how each answer departs from the spec."""

    def __init__(
        self, inner: httpx.BaseTransport | None = None, *, strictness: str = "strict"
    ) -> None:
        self.inner = inner or httpx.HTTPTransport()
        self.problems: list[str] = []
        # "documented": a refusal may have any 4xx status but 401 (see contracts.strictness).
        self.strictness = strictness

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        path = request.url.raw_path.split(b"?", 1)[0].decode()
        found = _routes().match(request.method, path)
        if found is None or isinstance(found, list) or path.startswith("/mgip"):
            return response
        response.read()
        if self.strictness == "documented" and _undeclared_refusal(found.operation, response):
            return response
        where = f"{request.method} {path}"
        try:
            body = response.json()
        except ValueError:
            self.problems.append(f"{where} -> {response.status_code}: the answer is not JSON")
            return response
        problems = response_problems(found.operation, response.status_code, body)
        self.problems += [f"{where}: {p}" for p in problems]
        return response

    def take(self) -> list[str]:
        """The problems seen since the last call."""
        taken, self.problems = self.problems, []
        return taken

    def close(self) -> None:
        self.inner.close()
