"""What the contracts run against: the embedded reference server, or a server at a URL."""

from __future__ import annotations

import base64
import functools
import os
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, quote_plus

import httpx

from mgip.contracts.wire import EMBEDDED_URL, LimitedTransport, Limits, TargetFault

__all__ = ["EMBEDDED_URL", "Target"]
REDACTED = "[REDACTED]"
# The shortest key (and control token) a run takes. Redaction replaces a secret only where it
# stands whole, not glued to letters or digits; a shorter one is likely to stand whole as an
# ordinary word or number of a report (a status, a port, an octet, "shared"), which would be
# hidden, and the report mangled. Mailgun's keys are far longer.
MIN_SECRET = 8


@dataclass(slots=True)
class Target:
    """A server and the credentials to use it. The key never appears in `repr()` or reports."""

    base_url: str
    api_key: str = field(repr=False)
    app: Any = field(default=None, repr=False)  # an ASGI app run in-process, or None
    label: str = ""
    account_id: str = ""
    read_only: bool = False
    # With a scope, writes go through mgip.contracts.scope.ScopeGuard (the rule layer only: the
    # Schemathesis layers cannot aim their generated writes, so they read only).
    scope: Any = None
    dry_run: bool = False
    # The target offers mgip's control interface (/mgip/), so each example can start afresh.
    control: bool = False
    # "documented": hold the target to what the documentation fixes (a refusal is any 4xx but
    # 401); "strict": to the catalogue's own choices too (its statuses). See
    # mgip.contracts.strictness.
    strictness: str = "strict"
    # The run's deadline, timeouts and answer cap; every transport of the run shares them.
    limits: Limits = field(default_factory=Limits, repr=False)
    # The target said it is an mgip reference server (GET /mgip/identity).
    identified: bool = False
    # The token of a reference server bound beyond loopback (MGIP_CONTROL_TOKEN), if any.
    control_token: str = field(default="", repr=False)
    # For the embedded server: the `mgip mock` command that serves it as the run had it (same
    # scenario, mutant and headers), which reproductions start. Its key is the scenario's
    # published key, not a secret: reproductions give it, and redaction leaves it.
    mock_command: list[str] = field(default_factory=list)

    @property
    def generated_writes_allowed(self) -> bool:
        return not self.read_only and self.scope is None

    @classmethod
    def embedded(
        cls, scenario: str = "demo", *, gateway: bool = False, mutant: str | None = None
    ) -> Target:
        from mgip.server.app import build_app

        app = build_app(scenario, gateway_headers=gateway, mutant=mutant)
        account = next(iter(app.world.accounts.values()))
        broken = f", mutant {mutant}" if mutant else ""
        command = ["mgip", "mock"]
        command += ["--scenario", scenario] if scenario != "demo" else []
        command += ["--mutant", mutant] if mutant else []
        command += ["--gateway"] if gateway else []
        return cls(
            base_url=EMBEDDED_URL,
            api_key=account.keys[0],
            app=app,
            label=(
                f"embedded reference server (scenario {scenario}, account {account.name}{broken})"
            ),
            account_id=account.id,
            control=True,
            identified=True,
            mock_command=command,
        )

    @property
    def secrets(self) -> list[str]:
        """Every form in which the key (and the control token) could show up in a request: as
        it is, URL-encoded, and the key in HTTP basic auth (base64 of `api:KEY`)."""
        key = "" if self.mock_command else self.api_key  # the embedded server's is published
        forms = [base64.b64encode(f"api:{key}".encode()).decode()] if key else []
        for secret in (key, self.control_token):
            if secret:
                forms += [secret, quote(secret, safe=""), quote_plus(secret)]
        return list(dict.fromkeys(forms))

    @property
    def control_headers(self) -> dict[str, str]:
        """Headers for calls to the control interface: its writes take JSON only, and a
        server bound beyond loopback wants its control token."""
        return control_headers(self.control_token)

    def redact(self, text: str) -> str:
        """`text` with every whole secret replaced: never a part of a longer word."""
        secrets = tuple(self.secrets)
        return _whole(secrets).sub(REDACTED, text) if secrets else text


@functools.lru_cache(maxsize=8)
def _whole(secrets: tuple[str, ...]) -> re.Pattern[str]:
    """A pattern that matches any of `secrets` where no letter or digit touches it."""
    ordered = sorted(secrets, key=len, reverse=True)  # the longest form first
    return re.compile(
        r"(?<![A-Za-z0-9])(?:" + "|".join(map(re.escape, ordered)) + r")(?![A-Za-z0-9])"
    )


def check_secret(secret: str, what: str) -> None:
    """Refuse a key or token too short to redact safely (see MIN_SECRET)."""
    from mgip.core.problems import InputError

    if len(secret) < MIN_SECRET:
        raise InputError(
            f"{what} is {len(secret)} character(s) long; mgip takes {MIN_SECRET} or more, so "
            "that redacting it from reports cannot hide ordinary words"
        )


def remote(base_url: str, api_key: str, *, limits: Limits | None = None) -> Target:
    """A server at `base_url`, after making sure it answers and takes the key.

    The server is taken for an mgip reference server, whose control interface the contracts
    may use, only when `GET /mgip/identity` says so in the documented form; a status code alone
    (a catch-all that answers 200 to every path) proves nothing.
    """
    from urllib.parse import urlsplit

    from mgip.core.problems import InputError

    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"--base-url must be an http(s) URL, not {base_url!r}")
    if not api_key:
        raise InputError("an API key is needed: --api-key, or the MGIP_API_KEY variable")
    check_secret(api_key, "the API key")
    base = base_url.rstrip("/")
    limits = limits or Limits()
    token = os.environ.get("MGIP_CONTROL_TOKEN", "")
    if token:
        check_secret(token, "MGIP_CONTROL_TOKEN")
    headers = control_headers(token)
    with httpx.Client(transport=LimitedTransport(limits), base_url=base, headers=headers) as client:
        try:
            answer = client.get("/v3/ips", auth=("api", api_key))
        except TargetFault as fault:
            unreachable = "connection failed" in fault.finding or "timed out" in fault.finding
            verb = "cannot reach" if unreachable else "cannot use"
            raise InputError(f"{verb} {base}: {fault.finding}") from None
        if answer.status_code == 401:
            raise InputError(f"{base} refused the API key (401)")
        identity = _identity(client)
        account_id = _account_id(client, api_key) if identity else ""
    label = f"{base} ({identity})" if identity else base
    return Target(
        base_url=base,
        api_key=api_key,
        label=label,
        account_id=account_id,
        control=bool(identity),
        identified=bool(identity),
        limits=limits,
        control_token=token,
    )


def control_headers(token: str = "") -> dict[str, str]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["X-Mgip-Control-Token"] = token
    return headers


def _identity(client: httpx.Client) -> str:
    """'mgip reference server VERSION' when the target says it is one, else ''."""
    from mgip.server.control import PRODUCT

    try:
        answer = client.get("/mgip/identity")
        said = answer.json() if answer.status_code == 200 else None
    except (TargetFault, ValueError):
        return ""
    if not isinstance(said, dict) or said.get("product") != PRODUCT:
        return ""
    return f"mgip reference server {said.get('version', '')}".strip()


def _account_id(client: httpx.Client, api_key: str) -> str:
    try:
        listed = client.get("/mgip/accounts").json()
        for account in listed.get("items", []):
            if api_key in account.get("keys", []):
                return str(account["id"])
    except (TargetFault, ValueError, AttributeError, KeyError, TypeError):
        pass
    return ""


def transport(target: Target) -> httpx.BaseTransport:
    """A transport to the target within the run's limits: in-process for the embedded server,
    over the network otherwise. Close it with `shut()`."""
    inner: httpx.BaseTransport
    if target.app is not None:
        from mgip.server.testing import DirectTransport

        inner = DirectTransport(target.app)
    else:
        inner = httpx.HTTPTransport()
    return LimitedTransport(target.limits, inner)


def control_transport(target: Target) -> Any:
    """A transport to the target for set-up through mgip's control interface, or None.

    The embedded server is reached in-process; another server over HTTP only when it said it is
    an mgip reference server and the run may write to it.
    """
    if target.app is not None:
        return transport(target)
    if target.control and not target.read_only and target.scope is None:
        return transport(target)
    return None


def shut(transport: Any) -> None:
    """Release what a transport holds (a connection pool; an in-process transport holds
    nothing, and several clients may share it, so closing a client leaves it alone)."""
    inner = getattr(transport, "inner", transport)
    shutdown = getattr(inner, "shutdown", None)
    if shutdown is not None:
        shutdown()
    elif inner is not None and hasattr(inner, "close"):
        inner.close()


def comparable_state(control: Any) -> dict[str, Any]:
    """A mock's state through its control interface, less the id counter, which a refused
    request may advance without changing anything a client can see."""
    state: dict[str, Any] = control.get("/mgip/state").json()
    return {k: v for k, v in state.items() if k != "serial"}
