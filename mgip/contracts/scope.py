"""The write scope for a real account: the only objects the suites may change.

    # scope.yaml
    ips: [198.51.100.7]          # IPs that may join or leave DIPPs and dynamic pools, warm up
    domains: [test.example.com]  # domains that may be enrolled, unenrolled, overridden, relinked
    dipps: [65f0...]             # DIPPs that may be edited (renamed, described, IPs, links)
    dynamic_pools: false         # whether the dynamic pools' membership may change

Every key is optional; an empty list (or a missing key) allows nothing of that kind. New DIPPs
may always be created (with scoped IPs only); the run deletes them at the end.

What the guard reads
--------------------
`ScopeGuard` (an httpx transport under the generated client) matches each request to its
operation in the curated spec and reads everything the write names, wherever it is: the path,
the query string and the body (multipart/form-data, application/x-www-form-urlencoded or JSON).
`OPERATIONS` says, for each of the spec's 38 operations, what each parameter and body field
names: an IP, a domain (by name, or by id in `link_domain`/`unlink_domain`), a DIPP, a dynamic
pool, or free text. A write is sent only when every IP, domain and DIPP it names is in the scope;
the exceptions are `shared` given as a replacement IP, and DIPPs the run created itself (the
guard keeps their ids, in `created`). A write is not sent when:

- its operation is not one of the spec's (or the guard does not know it), or the request carries
  a parameter or field the guard's table does not list;
- its body cannot be parsed, or comes in a media type other than the three above;
- it is account-wide: a new IP (`POST /v3/ips/request/new`), an IP on or off every domain
  (`/v3/ips/{ip}/domains`), enrolling every domain, removing every dynamic pool;
- it changes what cannot be read back, so cannot be put back: an IP's band, or deleting a DIPP
  that the run did not create (a deleted DIPP's id is gone for good);
- it changes the dynamic pools' membership and the scope says `dynamic_pools: false`.

Reads (GET, HEAD) are always sent. With `dry_run` no write is sent at all; each one the scope
allows is recorded as planned.

What is put back
----------------
Before the state machine's first step, `mgip.contracts.restore` reads the scoped objects through the
public API: each scoped IP's domains, DIPP, dynamic pool and warm-up; each scoped domain's IPs,
DIPP link, dynamic-pool enrolment and override; each scoped DIPP's name, description and IPs;
the dynamic pools, when the scope allows changing them. After the last step it deletes the DIPPs
the run created and puts each scoped object back as it was read, then reads everything again and
reports what differs as a finding (a failed rule-layer verdict). What the API cannot restore is
reported, not hidden: a warm-up plan the run cancelled starts again at its first stage, and the
dynamic-pool history keeps the records of the run's enrolments and overrides.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import httpx

from mgip.core import documents
from mgip.core.problems import InputError

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

# What a parameter or a body field names.
IP = "IP"  # an IP address of the scope
REPLACEMENT_IP = "replacement IP"  # an IP of the scope, or the keyword `shared`
DOMAIN_IP = "domain IP"  # a path value of the domain-IP removal: an IP, `all` or `ip_pool`
DOMAIN = "domain"  # a domain name of the scope
DOMAIN_ID = "domain id"  # the id of a domain of the scope (DIPP links)
DIPP = "DIPP"  # a DIPP of the scope, or one the run created
CREATED_DIPP = "DIPP created by the run"  # only a DIPP the run created
POOL_NAME = "dynamic pool name"  # which dynamic pool; the pool's membership is judged apart
TEXT = "text"  # names nothing: a DIPP's name or description, a band

READ = "read"


@dataclass(frozen=True, slots=True)
class Operation:
    """What one operation's parameters and body fields name; `never` if it is never in scope."""

    path: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)
    body: dict[str, str] = field(default_factory=dict)
    never: str = ""
    dynamic: bool = False  # changes the dynamic pools' membership
    read: bool = False


def _read() -> Operation:
    return Operation(read=True)


ACCOUNT_WIDE = "account-wide writes are never in scope"
# Every operation of spec/mailgun-ip.yaml, by operationId (a test checks the two agree).
OPERATIONS: dict[str, Operation] = {
    # IPs
    "listIps": _read(),
    "getIp": _read(),
    "listIpDomains": _read(),
    "assignIpToAllDomains": Operation(path={"ip": IP}, never=ACCOUNT_WIDE + " (every domain)"),
    "removeIpFromAllDomains": Operation(
        path={"ip": IP}, query={"alternative": IP}, never=ACCOUNT_WIDE + " (every domain)"
    ),
    "setIpBand": Operation(
        path={"addr": IP},
        body={"ip_band": TEXT},
        never="an IP's band cannot be read back through the API, so it could not be put back",
    ),
    "getNewIpAllowance": _read(),
    "requestNewIp": Operation(never=ACCOUNT_WIDE + " (a new IP is billed)"),
    "removeDomainIp": Operation(
        path={"name": DOMAIN, "ip": DOMAIN_IP}, query={"ip": REPLACEMENT_IP, "pool_id": DIPP}
    ),
    "removeDomainPoolIp": Operation(
        path={"name": DOMAIN, "ip": DOMAIN_IP}, query={"ip": REPLACEMENT_IP, "pool_id": DIPP}
    ),
    # DIPPs
    "listDipps": _read(),
    "createDipp": Operation(body={"name": TEXT, "description": TEXT, "ip": IP}),
    "getDipp": _read(),
    "deleteDipp": Operation(
        path={"pool_id": CREATED_DIPP}, query={"ip": REPLACEMENT_IP, "pool_id": DIPP}
    ),
    "editDipp": Operation(
        path={"pool_id": DIPP},
        body={
            "name": TEXT,
            "description": TEXT,
            "add_ip": IP,
            "remove_ip": IP,
            "link_domain": DOMAIN_ID,
            "unlink_domain": DOMAIN_ID,
        },
    ),
    "listDippDomains": _read(),
    "addDippIp": Operation(path={"pool_id": DIPP, "ip": IP}),
    "removeDippIp": Operation(path={"pool_id": DIPP, "ip": IP}),
    "addDippIps": Operation(path={"pool_id": DIPP}, body={"ips": IP}),
    # Dynamic IP Pools: enrolment
    "enrollDomain": Operation(path={"name": DOMAIN}, query={"replacement_ip": REPLACEMENT_IP}),
    "unenrollDomain": Operation(
        path={"name": DOMAIN},
        query={"replacement_ip": REPLACEMENT_IP, "replacement_pool_id": DIPP},
    ),
    "listAssignableDomains": _read(),
    "enrollAllDomains": Operation(query={"include_subaccounts": TEXT}, never=ACCOUNT_WIDE),
    # Dynamic IP Pools: the pools
    "listDynamicPools": _read(),
    "setDynamicPools": Operation(
        body={"good_reputation": IP, "poor_reputation": IP, "new_senders": IP}, dynamic=True
    ),
    "removeDynamicPools": Operation(
        never=ACCOUNT_WIDE + " (every dynamic pool; their ids could not be put back)"
    ),
    "addDynamicPoolIp": Operation(path={"pool_name": POOL_NAME, "ip": IP}, dynamic=True),
    "updateDynamicPool": Operation(
        path={"pool_name": POOL_NAME}, body={"add_ip": IP, "remove_ip": IP}, dynamic=True
    ),
    # Dynamic IP Pools: domains, overrides, history
    "listDynamicPoolDomains": _read(),
    "previewDomainPool": _read(),
    "listDomainHistory": _read(),
    "listDynamicPoolHistory": _read(),
    # The override moves the domain (in scope) to a pool; the pool's membership is unchanged.
    "setDomainOverride": Operation(path={"name": DOMAIN}, body={"pool": POOL_NAME}),
    "removeDomainOverride": Operation(path={"name": DOMAIN}),
    # IP Address Warmup
    "listWarmups": _read(),
    "getWarmup": _read(),
    "createWarmup": Operation(path={"addr": IP}),
    "cancelWarmup": Operation(path={"addr": IP}),
}


@cache
def _routes() -> Any:
    from mgip.core.spec import Spec
    from mgip.server.validation import Routes

    return Routes(Spec.load())


class Unreadable(ValueError):
    """A body the guard cannot read, so cannot judge."""


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

    def allows(
        self,
        method: str,
        path: str,
        created: Collection[str],
        *,
        query: str = "",
        content_type: str = "",
        body: bytes = b"",
        domain_ids: Collection[str] = (),
    ) -> str | None:
        """None when the write may be sent; otherwise why not.

        `path` is the raw (percent-encoded) path, `query` the raw query string; `domain_ids`
        are the ids of the scope's domains (DIPP links name domains by id)."""
        if method in ("GET", "HEAD"):
            return None
        found = _routes().match(method, path)
        if found is None or isinstance(found, list):
            return f"{method} {path} is not an operation of the spec"
        operation = OPERATIONS.get(found.operation.operation_id)
        if operation is None or operation.read:
            return f"{found.operation.operation_id} is not a write the scope knows"
        if operation.never:
            return operation.never
        if operation.dynamic and not self.dynamic_pools:
            return "the scope does not allow changing the dynamic pools"
        try:
            named = [
                *(("path", k, v) for k, v in found.path.items()),
                *(("query", k, v) for k, v in _query_pairs(query)),
                *(("body field", k, v) for k, v in body_pairs(content_type, body)),
            ]
        except Unreadable as exc:
            return str(exc)
        kinds = {"path": operation.path, "query": operation.query, "body field": operation.body}
        for where, name, value in named:
            kind = kinds[where].get(name)
            if kind is None:
                return f"{where} {name!r} is not one the guard knows for this operation"
            why = self._judge(kind, value, created, domain_ids)
            if why is not None:
                return why
        return None

    def _judge(
        self, kind: str, value: str, created: Collection[str], domain_ids: Collection[str]
    ) -> str | None:
        if kind in (TEXT, POOL_NAME):
            return None
        if kind == DOMAIN_IP and value in ("all", "ip_pool"):
            return None
        if kind == REPLACEMENT_IP and value == "shared":
            return None
        if kind in (IP, REPLACEMENT_IP, DOMAIN_IP):
            return None if value in self.ips else f"IP {value} is outside the scope"
        if kind == DOMAIN:
            return None if value in self.domains else f"domain {value} is outside the scope"
        if kind == DOMAIN_ID:
            return None if value in domain_ids else f"domain id {value} is outside the scope"
        if kind == DIPP:
            inside = value in self.dipps or value in created
            return None if inside else f"DIPP {value} is outside the scope"
        if kind == CREATED_DIPP:
            if value in created:
                return None
            if value in self.dipps:
                return f"DIPP {value} was not created by the run; deleting it could not be undone"
            return f"DIPP {value} is outside the scope"
        return f"the guard cannot judge a {kind}"  # pragma: no cover - every kind is above


def _query_pairs(query: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(query, keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise Unreadable("the query string cannot be read") from None


def body_pairs(content_type: str, body: bytes) -> list[tuple[str, str]]:
    """(field, value) for every value of a form or JSON body; Unreadable if it cannot be read."""
    if not body:
        return []
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "multipart/form-data":
        from python_multipart.multipart import parse_options_header

        from mgip.server.forms import MultipartError, multipart_pairs

        boundary = parse_options_header(content_type)[1].get(b"boundary", b"")
        # A body cut short parses as fewer fields than were sent: it must reach its last line.
        if not boundary or not body.rstrip().endswith(b"--" + boundary + b"--"):
            raise Unreadable("the multipart body does not end with its closing boundary")
        try:
            return multipart_pairs(content_type, body)
        except MultipartError as exc:
            raise Unreadable(f"the multipart body cannot be read: {exc}") from None
    if kind == "application/x-www-form-urlencoded":
        try:
            return parse_qsl(body.decode(), keep_blank_values=True, errors="strict")
        except (UnicodeDecodeError, ValueError):
            raise Unreadable("the form body cannot be read") from None
    if kind == "application/json":
        try:
            value = json.loads(body)
        except (UnicodeDecodeError, ValueError):
            raise Unreadable("the JSON body cannot be read") from None
        if not isinstance(value, dict):
            raise Unreadable("the JSON body is not an object")
        return list(_json_pairs(value))
    raise Unreadable(f"a body of type {kind or '(none)'!r} cannot be read")


def _json_pairs(value: dict[str, Any]) -> Iterable[tuple[str, str]]:
    for key, item in value.items():
        for one in item if isinstance(item, list) else [item]:
            if isinstance(one, (dict, list)):
                raise Unreadable(f"JSON field {key!r} holds a nested value")
            yield key, one if isinstance(one, str) else json.dumps(one)


class ScopeGuard(httpx.BaseTransport):
    """Sends reads; sends a write only when the scope allows it (and never in a dry run)."""

    def __init__(self, inner: httpx.BaseTransport, scope: Scope, *, dry_run: bool) -> None:
        self.inner = inner
        self.scope = scope
        self.dry_run = dry_run
        self.created: set[str] = set()
        # The ids of the scope's domains, learnt by mgip.contracts.restore before the first write.
        self.domain_ids: set[str] = set()
        self.planned: list[str] = []
        self.blocked: list[str] = []
        self.sent = 0  # writes sent and accepted (2xx)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        method, path = request.method, request.url.raw_path.split(b"?", 1)[0].decode()
        if method in ("GET", "HEAD"):
            return self.inner.handle_request(request)
        why = self.scope.allows(
            method,
            path,
            self.created,
            query=request.url.query.decode(),
            content_type=request.headers.get("content-type", ""),
            body=request.read(),
            domain_ids=self.domain_ids,
        )
        query = request.url.query.decode()
        shown = f"{method} {request.url.path}" + (f"?{query}" if query else "")
        if why is not None:
            self.blocked.append(f"{shown}: {why}")
            return _refused(f"mgip did not send this write: {why}", request)
        if self.dry_run:
            self.planned.append(shown)
            return _refused("dry run: the write was planned, not sent", request)
        response = self.inner.handle_request(request)
        if response.is_success:
            self.sent += 1
        if method == "POST" and path.rstrip("/") == "/v3/ip_pools" and response.status_code == 200:
            response.read()
            self.created.add(str(json.loads(response.content).get("pool_id", "")))
        return response

    def close(self) -> None:
        self.inner.close()


def _refused(message: str, request: httpx.Request) -> httpx.Response:
    # 418 is never a documented answer: a check can tell a guard's refusal from the server's.
    return httpx.Response(418, json={"message": message}, request=request)
