"""Answers Schemathesis reads from a URL target, cut off at the run's size cap.

Schemathesis sends its requests with `requests`, which reads a whole answer into memory before
any check sees it: a server that answers 50 MB to every request would keep a run busy for
minutes. A `before_call` hook (Schemathesis offers only global ones to a `Case.call`) adds a
`requests` response hook to the calls of the schemas `watch()` was given: it reads at most the
cap, keeps what it read as the body (which then fails the spec's checks as it should) and closes
the connection.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

CUT_OFF_HEADER = "X-Mgip-Cut-Off"

# Schemas are not hashable: watched by identity, for the length of a run.
_watched: dict[int, int] = {}


@functools.cache
def _install() -> None:
    import schemathesis

    schemathesis.hook("before_call")(_before_call)


@contextmanager
def watching(schema: Any, cap: int) -> Iterator[None]:
    """Cap every answer to the operations of `schema` at `cap` bytes while the block runs."""
    _install()
    _watched[id(schema)] = cap
    try:
        yield
    finally:
        _watched.pop(id(schema), None)


def _before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    cap = _watched.get(id(case.operation.schema))
    if cap is None:
        return
    hooks = kwargs.setdefault("hooks", {})
    hooks.setdefault("response", []).append(lambda response, *a, **k: _cut(response, cap))


def _cut(response: Any, cap: int) -> Any:
    raw = getattr(response, "raw", None)
    if raw is None or getattr(response, "_content_consumed", False):
        return response
    body = raw.read(cap + 1, decode_content=True) or b""
    if len(body) > cap:
        body = body[:cap]
        response.headers[CUT_OFF_HEADER] = str(cap)
        raw.close()
    response._content = body
    response._content_consumed = True
    return response
