"""Profiles: how the X-Mailgun-* gateway headers are treated.

The documentation lists X-Mailgun-Account-Id, X-Mailgun-Requestor and X-Mailgun-Requestor-Client
as required; the public API derives them from the key, servers behind Mailgun's gateway need
them. The curated spec declares them optional (`x-mgip-gateway-header`). A profile turns that
into the document the suites test with:

- `public`: the headers are not sent at all (random values would name other accounts);
- `gateway`: they are required and carry the target account's real values.
"""

from __future__ import annotations

import copy
from typing import Any

PROFILES = ("public", "gateway")
REQUESTOR = "mgip-contracts@example.test"
REQUESTOR_CLIENT = "mgip-contracts"


def _is_gateway(spec: dict[str, Any], param: dict[str, Any]) -> bool:
    if "$ref" in param:
        name = param["$ref"].rsplit("/", 1)[-1]
        param = spec.get("components", {}).get("parameters", {}).get(name, {})
    return bool(param.get("x-mgip-gateway-header"))


def apply(spec: dict[str, Any], profile: str, account_id: str) -> dict[str, Any]:
    """A copy of the spec document shaped for `profile`."""
    if profile not in PROFILES:
        raise ValueError(f"unknown profile {profile!r}; choose {', '.join(PROFILES)}")
    shaped = copy.deepcopy(spec)
    if profile == "public":
        for item in shaped.get("paths", {}).values():
            for operation in item.values():
                if isinstance(operation, dict) and "parameters" in operation:
                    operation["parameters"] = [
                        p for p in operation["parameters"] if not _is_gateway(shaped, p)
                    ]
        return shaped
    values = {
        "X-Mailgun-Account-Id": account_id,
        "X-Mailgun-Requestor": REQUESTOR,
        "X-Mailgun-Requestor-Client": REQUESTOR_CLIENT,
    }
    for param in shaped.get("components", {}).get("parameters", {}).values():
        if param.get("x-mgip-gateway-header") and param.get("name") in values:
            param["required"] = True
            if param["name"] == "X-Mailgun-Account-Id":
                # Any other account id names an account the key may not act for.
                param["schema"] = {"type": "string", "enum": [account_id]}
            else:
                # Who is asking, and with what: a server can check presence, not the value.
                param["schema"] = {
                    "type": "string",
                    "minLength": 1,
                    "example": values[param["name"]],
                }
    return shaped


def client_options(profile: str, account_id: str) -> dict[str, str]:
    """The generated client's header options for `profile` (none for the public API)."""
    if profile != "gateway":
        return {}
    return {
        "account_id": account_id,
        "requestor": REQUESTOR,
        "requestor_client": REQUESTOR_CLIENT,
    }
