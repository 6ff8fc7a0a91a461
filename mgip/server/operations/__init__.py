"""The 38 operations, one handler each, registered by operationId.

A handler receives a `Call` whose inputs were already validated against the curated spec (types,
required parameters, enums, bounds), and returns the JSON body of its 200 answer or raises a
`Refusal`. Importing this package registers every handler.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from mailgun_ip_client.rules import Rule

from mgip.server.model import Account, Domain, Ip, World
from mgip.server.refusals import Refusal


@dataclass(slots=True)
class Call:
    world: World
    account: Account
    path: dict[str, str] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    body: dict[str, Any] = field(default_factory=dict)
    url: str = ""  # scheme://host/path of the request, for paging links
    requestor: str = "api"

    def page_url(self, **params: Any) -> str:
        query = {
            k: (str(v).lower() if isinstance(v, bool) else v)
            for k, v in {**self.query, **params}.items()
            if v is not None
        }
        return f"{self.url}?{urlencode(query, doseq=True)}" if query else self.url

    def domain(self, missing: Rule, name: str | None = None) -> Domain:
        """The account's domain named in the path (or `name`); the `missing` rule's refusal."""
        wanted = self.path["name"] if name is None else name
        domain = self.world.find_domain(self.account, wanted)
        if domain is None:
            raise Refusal.of(missing, f"domain {wanted!r}")
        return domain

    def ip(self, address: str, missing: Refusal) -> Ip:
        ip = self.world.find_ip(self.account, address)
        if ip is None:
            raise missing
        return ip


Handler = Callable[[Call], Any]
HANDLERS: dict[str, Handler] = {}


def handles(operation_id: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        if operation_id in HANDLERS:
            raise ValueError(f"two handlers for {operation_id}")
        HANDLERS[operation_id] = handler
        return handler

    return register


def timestamp(moment: Any) -> str:
    return str(moment.strftime("%Y-%m-%dT%H:%M:%SZ"))


def _token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode().rstrip("=")


def page_offset(token: str | None, invalid: Rule) -> int:
    """The offset an opaque page token stands for; 400 for a token this server did not issue."""
    if not token:
        return 0
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        kind, _, number = text.partition(":")
        offset = int(number)
    except (ValueError, UnicodeDecodeError):
        offset, kind = -1, ""
    if kind != "offset" or offset < 0:
        raise Refusal.of(invalid, repr(token))
    return offset


def paginate(
    call: Call, items: list[Any], limit: int, invalid: Rule
) -> tuple[list[Any], dict[str, str]]:
    """One page of `items` from the `page` query token, and first/last/next/previous links."""
    offset = page_offset(call.query.get("page"), invalid)
    last = max(0, (len(items) - 1) // limit * limit)
    paging = {
        "first": call.page_url(page=_token(0), limit=limit),
        "last": call.page_url(page=_token(last), limit=limit),
    }
    if offset + limit < len(items):
        paging["next"] = call.page_url(page=_token(offset + limit), limit=limit)
    if offset > 0:
        paging["previous"] = call.page_url(page=_token(max(0, offset - limit)), limit=limit)
    return items[offset : offset + limit], paging


from mgip.server.operations import (  # noqa: E402  (the modules register themselves)
    dipps,
    domain_ips,
    dynamic_domains,
    dynamic_pools,
    ips,
    warmups,
)

__all__ = [
    "HANDLERS",
    "Call",
    "Handler",
    "dipps",
    "domain_ips",
    "dynamic_domains",
    "dynamic_pools",
    "handles",
    "ips",
    "page_offset",
    "paginate",
    "timestamp",
    "warmups",
]
