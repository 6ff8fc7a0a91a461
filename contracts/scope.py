"""The write scope for a real account: the only objects the suites may change.

    # scope.yaml
    ips: [198.51.100.7]          # IPs that may join or leave pools, warm up, be cancelled
    domains: [test.example.com]  # domains that may be enrolled, unenrolled, overridden
    dipps: [65f0...]             # DIPPs that may be edited or deleted (new ones may be created)
    dynamic_pools: false         # whether the dynamic pools' membership may change

`ScopeGuard` enforces it on the wire: a write whose path names an IP, domain or DIPP outside the
scope is never sent. With `dry_run` no write is sent at all; each is recorded as planned.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx

from mgip import documents
from mgip.problems import InputError

SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "ips": {"type": "array", "items": {"type": "string"}},
        "domains": {"type": "array", "items": {"type": "string"}},
        "dipps": {"type": "array", "items": {"type": "string"}},
        "dynamic_pools": {"type": "boolean"},
    },
}
DYNAMIC_POOL_PATHS = ("/v3/dynamic_pools",)
PROTECTED_ALWAYS = ("/v3/ips/request/new", "/v3/domains/all/", "/v3/ips/")


@dataclass(slots=True)
class Scope:
    ips: set[str] = field(default_factory=set)
    domains: set[str] = field(default_factory=set)
    dipps: set[str] = field(default_factory=set)
    dynamic_pools: bool = False

    @classmethod
    def load(cls, path: Path) -> Scope:
        tree = documents.load(path)
        if tree is None:
            raise InputError("the scope file is empty", path=path, line=1)
        data = documents.check_schema(tree, SCHEMA, path)
        return cls(
            ips=set(data.get("ips", [])),
            domains=set(data.get("domains", [])),
            dipps=set(data.get("dipps", [])),
            dynamic_pools=bool(data.get("dynamic_pools", False)),
        )

    def allows(self, method: str, path: str, created: set[str]) -> str | None:
        """None when the write may be sent; otherwise why not."""
        if method in ("GET", "HEAD"):
            return None
        parts = [unquote(p) for p in path.split("/") if p]
        if any(path.startswith(prefix) for prefix in PROTECTED_ALWAYS):
            return "IP-wide and account-wide writes are never in scope"
        if path.startswith(DYNAMIC_POOL_PATHS) and not self.dynamic_pools:
            return "the scope does not allow changing the dynamic pools"
        if path.startswith(DYNAMIC_POOL_PATHS):
            named = [p for p in parts[3:] if p not in ("all",)]
            outside = [p for p in named[1:] if p not in self.ips]
            return f"IP {outside[0]} is outside the scope" if outside else None
        if parts[:2] == ["v3", "ip_pools"]:
            if len(parts) == 2:
                return None  # creating a DIPP adds an object; it changes none
            pool = parts[2]
            if pool not in self.dipps and pool not in created:
                return f"DIPP {pool} is outside the scope"
            if len(parts) >= 5 and parts[3] == "ips" and parts[4] not in self.ips:
                return f"IP {parts[4]} is outside the scope"
            return None
        if parts[:2] == ["v3", "ip_warmups"]:
            return None if parts[2] in self.ips else f"IP {parts[2]} is outside the scope"
        if parts[:2] in (["v3", "domains"], ["v1", "dynamic_pools"]):
            names = [p for p in parts if "." in p and p not in self.ips]
            outside = [n for n in names if n not in self.domains]
            return f"domain {outside[0]} is outside the scope" if outside else None
        return f"{method} {path} is not a write the scope knows"


class ScopeGuard(httpx.BaseTransport):
    """Sends reads; sends a write only when the scope allows it (and never in a dry run)."""

    def __init__(self, inner: httpx.BaseTransport, scope: Scope, *, dry_run: bool) -> None:
        self.inner = inner
        self.scope = scope
        self.dry_run = dry_run
        self.created: set[str] = set()
        self.planned: list[str] = []
        self.blocked: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        method, path = request.method, request.url.path
        why = self.scope.allows(method, path, self.created)
        if why is not None:
            self.blocked.append(f"{method} {path}: {why}")
            return _refused(f"mgip did not send this write: {why}", request)
        if self.dry_run and method not in ("GET", "HEAD"):
            self.planned.append(f"{method} {path}")
            return _refused("dry run: the write was planned, not sent", request)
        response = self.inner.handle_request(request)
        if method == "POST" and path.rstrip("/") == "/v3/ip_pools" and response.status_code == 200:
            response.read()
            self.created.add(str(json.loads(response.content).get("pool_id", "")))
        return response

    def close(self) -> None:
        self.inner.close()


def _refused(message: str, request: httpx.Request) -> httpx.Response:
    # 418 is never a documented answer: a check can tell a guard's refusal from the server's.
    return httpx.Response(418, json={"message": message}, request=request)
