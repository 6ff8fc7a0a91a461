"""What the set-up scripts share: the context a script runs in and its outcome, waiting for a
background job's effect, a scenario loaded for one script, a client for another account, and
reads several sections' scripts use (the underscored helpers are the package's own)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
from mailgun_ip_client import MailgunIp

from mgip.contracts.public_setup import NotApplicable
from mgip.contracts.target import Target

SETTLE_SECONDS = 10.0


@dataclass(slots=True)
class Context:
    client: MailgunIp
    control: httpx.Client
    account_id: str
    subaccounts: list[str]
    transport: httpx.BaseTransport
    headers: str = "public"
    strictness: str = "strict"  # how a refusal is judged: see mgip.contracts.strictness
    unjudged: list[str] = field(default_factory=list)  # rules whose refusal was not judged


@dataclass(slots=True)
class ScriptOutcome:
    name: str
    rules: tuple[str, ...]
    problems: list[str] = field(default_factory=list)
    ran: bool = False
    skipped: str = ""
    unjudged: list[str] = field(default_factory=list)  # accepted where only mgip refuses
    reproduction: list[str] = field(default_factory=list)  # for a failure: its requests again


def _eventually(holds: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + SETTLE_SECONDS
    while not holds():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def _settled(ctx: Context, holds: Callable[[], bool]) -> bool:
    """A background job's effect: shown once the control interface has run the pending jobs
    (a target without `settle` gets the bounded wait), so a missing effect fails at once."""
    if ctx.control.post("/mgip/jobs/settle").status_code == 200:
        return holds()
    return _eventually(holds)


def _pools(ctx: Context) -> dict[str, str]:
    return {d.name: d.pool for d in ctx.client.dynamic_pools.list_domains().items}


def _own_enrolled(ctx: Context) -> list[Any]:
    items = ctx.client.dynamic_pools.list_domains().items
    return sorted((d for d in items if d.account_id == ctx.account_id), key=lambda d: d.name)


def _target_of(ctx: Context) -> Target:
    return Target(base_url=str(ctx.control.base_url).rstrip("/"), api_key="")


def _ready_free(ctx: Context) -> list[str]:
    """Enabled dedicated IPs in no dynamic pool and not warming, those outside DIPPs first."""
    in_dipps = {ip for p in ctx.client.dipps.list_all().ip_pools for ip in p.ips}
    in_dynamic = {ip for p in ctx.client.dynamic_pools.list_all().pools for ip in p.ips}
    listed = ctx.client.ips.list_all(dedicated=True, enabled=True)
    details = listed.details if isinstance(listed.details, list) else []
    warming = {d.ip for d in details if d.is_on_warmup is True}
    free = [ip for ip in listed.items if ip not in in_dynamic and ip not in warming]
    return sorted(free, key=lambda ip: (ip in in_dipps, ip))


def _linked(client: MailgunIp, pool_id: str) -> set[str]:
    linked = client.dipps.get(pool_id).details.linked_domains
    return set(linked) if isinstance(linked, list) else set()


def _domains_of(client: MailgunIp, ip: str) -> set[str]:
    return {d.domain for d in client.ips.list_domains(ip, limit=1000).items}


def _dipp_linked(client: MailgunIp) -> set[str]:
    """Every domain linked to a DIPP the account sees (its subaccounts' included)."""
    return {d for p in client.dipps.list_all().ip_pools for d in _linked(client, p.pool_id)}


def _domain_ips(client: MailgunIp) -> dict[str, set[str]]:
    """Each domain holding an IP of the account, with those IPs, as the IP listings show it."""
    found: dict[str, set[str]] = {}
    for ip in client.ips.list_all().items:
        for item in client.ips.list_domains(ip, limit=1000).items:
            found.setdefault(item.domain, set()).add(ip)
    return found


@contextlib.contextmanager
def _scenario(ctx: Context, text: str) -> Iterator[str]:
    """Load `text` as the target's state for one script and give its first account's id; the
    state from before is put back afterwards, whatever happens."""
    original = ctx.control.get("/mgip/state").json()
    loaded = ctx.control.put(
        "/mgip/state", content=text.encode(), headers={"Content-Type": "application/yaml"}
    )
    if loaded.status_code != 200:
        raise NotApplicable("the target did not take a scenario through PUT /mgip/state")
    try:
        yield ctx.control.get("/mgip/accounts").json()["items"][0]["id"]
    finally:
        ctx.control.put("/mgip/state", json=original).raise_for_status()


def _free_dedicated(ctx: Context) -> list[str]:
    held = {ip for p in ctx.client.dipps.list_all().ip_pools for ip in p.ips}
    return [ip for ip in ctx.client.ips.list_all(dedicated=True).items if ip not in held]


def _client(key: str, account_id: str, target: Target, transport: Any, headers: str) -> MailgunIp:
    from mgip.contracts import profiles

    extra = profiles.client_options(headers, account_id)
    return MailgunIp(key, base_url=target.base_url, httpx_args={"transport": transport}, **extra)
