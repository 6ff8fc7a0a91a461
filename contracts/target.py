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

    @classmethod
    def embedded(cls, scenario: str = "demo", *, gateway: bool = False) -> Target:
        from reference_server.app import build_app

        app = build_app(scenario, gateway_headers=gateway)
        account = next(iter(app.world.accounts.values()))
        return cls(
            base_url=EMBEDDED_URL,
            api_key=account.keys[0],
            app=app,
            label=f"embedded reference server (scenario {scenario}, account {account.name})",
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
