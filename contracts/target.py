"""What the contracts run against: the embedded reference server, or a server at a URL."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any

EMBEDDED_URL = "http://mgip.embedded"


@dataclass(slots=True)
class Target:
    """A server and the credentials to use it. The key never appears in `repr()` or reports."""

    base_url: str
    api_key: str = field(repr=False)
    app: Any = field(default=None, repr=False)  # an ASGI app run in-process, or None
    label: str = ""
    account_id: str = ""
    read_only: bool = False
    # With a scope, writes go through contracts.scope.ScopeGuard (the rule layer only: the
    # Schemathesis layers cannot aim their generated writes, so they read only).
    scope: Any = None
    dry_run: bool = False
    # The target offers mgip's control interface (/mgip/), so each example can start afresh.
    control: bool = False
    # "documented": hold the target to what the documentation fixes (a refusal is any 4xx but
    # 401); "strict": to the catalogue's own choices too (its statuses). See contracts.strictness.
    strictness: str = "strict"

    @property
    def generated_writes_allowed(self) -> bool:
        return not self.read_only and self.scope is None

    @classmethod
    def embedded(
        cls, scenario: str = "demo", *, gateway: bool = False, mutant: str | None = None
    ) -> Target:
        from reference_server.app import build_app

        app = build_app(scenario, gateway_headers=gateway, mutant=mutant)
        account = next(iter(app.world.accounts.values()))
        broken = f", mutant {mutant}" if mutant else ""
        return cls(
            base_url=EMBEDDED_URL,
            api_key=account.keys[0],
            app=app,
            label=(
                f"embedded reference server (scenario {scenario}, account {account.name}{broken})"
            ),
            account_id=account.id,
        )

    @property
    def secrets(self) -> list[str]:
        """Every form in which the key could show up in a request."""
        basic = base64.b64encode(f"api:{self.api_key}".encode()).decode()
        return [basic, self.api_key]

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[REDACTED]")
        return text


LOOPBACK_NAMES = ("localhost",)


def is_loopback(base_url: str) -> bool:
    import ipaddress
    from urllib.parse import urlsplit

    host = urlsplit(base_url).hostname or ""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def remote(base_url: str, api_key: str, *, timeout: float = 10.0) -> Target:
    """A server at `base_url`, after making sure it answers and takes the key."""
    from urllib.parse import urlsplit

    import httpx

    from mgip.problems import InputError

    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"--base-url must be an http(s) URL, not {base_url!r}")
    if not api_key:
        raise InputError("an API key is needed: --api-key, or the MGIP_API_KEY variable")
    base = base_url.rstrip("/")
    try:
        answer = httpx.get(f"{base}/v3/ips", auth=("api", api_key), timeout=timeout)
    except httpx.HTTPError as exc:
        raise InputError(f"cannot reach {base}: {type(exc).__name__}: {exc}") from None
    if answer.status_code == 401:
        raise InputError(f"{base} refused the API key (401)")
    account_id, control = "", False
    try:
        accounts = httpx.get(f"{base}/mgip/accounts", timeout=timeout)
        if accounts.status_code == 200:
            control = True
            for account in accounts.json().get("items", []):
                if api_key in account.get("keys", []):
                    account_id = str(account["id"])
    except (httpx.HTTPError, ValueError):
        pass
    return Target(
        base_url=base, api_key=api_key, label=base, account_id=account_id, control=control
    )


def control_transport(target: Target) -> Any:
    """A transport to the target for set-up through mgip's control interface, or None.

    The embedded server is reached in-process; another mock over HTTP, if it offers the
    interface and the run may write to it.
    """
    if target.app is not None:
        from reference_server.testing import SyncASGITransport

        return SyncASGITransport(target.app)
    if target.control and not target.read_only and target.scope is None:
        import httpx

        return httpx.HTTPTransport()
    return None


def shut(transport: Any) -> None:
    """Close the in-process transport's event loop, which closing a client leaves open."""
    shutdown = getattr(transport, "shutdown", None)
    if shutdown is not None:
        shutdown()


def comparable_state(control: Any) -> dict[str, Any]:
    """A mock's state through its control interface, less the id counter, which a refused
    request may advance without changing anything a client can see."""
    state: dict[str, Any] = control.get("/mgip/state").json()
    return {k: v for k, v in state.items() if k != "serial"}
