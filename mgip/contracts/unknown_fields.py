"""Fields an operation does not declare are refused (rule dipp_unknown_fields_refused).

Both official SDKs create a DIPP with a form field `ips` where the documentation says `ip`; a
server that ignores it creates an empty DIPP and the bug goes unnoticed. The documentation does
not say that such a field is refused: the rule is mgip's convention, so a target is held to it
only with `--strictness strict` (`mgip.contracts.strictness`); with `documented`, an accepted
request is not judged.

Three requests, each valid but for one field: a read with a misspelt query parameter (sent to
any target), and, where the control interface can put the state back, a DIPP created with `ips`
and IPs added to a DIPP with a JSON property `ip` beside `ips`. A refusal must leave the state
as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from mgip.contracts import profiles, reproduce
from mgip.contracts.strictness import refusal_holds
from mgip.contracts.target import Target, comparable_state, control_transport, shut, transport
from mgip.contracts.wire import Exchange

RULE = "dipp_unknown_fields_refused"
PLACEHOLDER_IP = "192.0.2.1"


@dataclass(slots=True)
class Outcome:
    checked: list[str] = field(default_factory=list)  # the requests judged
    problems: list[str] = field(default_factory=list)
    failed: list[Exchange] = field(default_factory=list)  # the requests of the problems
    unjudged: list[str] = field(default_factory=list)  # accepted; only mgip's convention refuses
    skipped: list[str] = field(default_factory=list)  # requests not sent, with why


@dataclass(frozen=True, slots=True)
class Probe:
    """One request that is valid but for a field the operation does not declare."""

    name: str
    send: Callable[[httpx.Client], httpx.Response]


def covered_rules() -> set[str]:
    return {RULE}


def _headers(target: Target, profile: str) -> dict[str, str]:
    """The X-Mailgun-* headers under the gateway profile, so that only the field is wrong."""
    if profile != "gateway":
        return {}
    return {
        "X-Mailgun-Account-Id": target.account_id,
        "X-Mailgun-Requestor": profiles.REQUESTOR,
        "X-Mailgun-Requestor-Client": profiles.REQUESTOR_CLIENT,
    }


def _writes(client: httpx.Client, outcome: Outcome) -> list[Probe]:
    """The write probes, set up from what the account's own lists show."""
    try:
        ips = client.get("/v3/ips").json()
        pools = client.get("/v3/ip_pools").json().get("ip_pools", [])
        free = [str(ip) for ip in ips.get("assignable_to_pools", [])]
        own = [str(p["pool_id"]) for p in pools if not p.get("is_inherited")]
    except (ValueError, KeyError, TypeError, AttributeError):
        outcome.skipped.append("the writes: the account's IPs and DIPPs could not be read")
        return []
    if "assignable_to_pools" not in ips:
        outcome.skipped.append("the writes: the account has no DIPPs feature")
        return []
    ip = free[0] if free else PLACEHOLDER_IP
    fields = {"name": "mgip-unknown", "description": "created with ips", "ips": ip}
    probes = [
        Probe(
            "createDipp with form field 'ips' (documented: 'ip')",
            lambda c: c.post("/v3/ip_pools", files={k: (None, v) for k, v in fields.items()}),
        )
    ]
    if own and free:
        pool = own[0]
        probes.append(
            Probe(
                "addDippIps with JSON property 'ip' beside 'ips'",
                lambda c: c.post(f"/v3/ip_pools/{pool}/ips.json", json={"ips": [ip], "ip": ip}),
            )
        )
    else:
        outcome.skipped.append("addDippIps: the account has no DIPP of its own and a free IP")
    return probes


READ = Probe("listIps with query parameter 'dedicatd'", lambda c: c.get("/v3/ips?dedicatd=true"))


@dataclass(slots=True)
class _Judge:
    strictness: str
    outcome: Outcome
    control: httpx.Client | None = None  # to compare the state, and put it back

    def __call__(self, probe: Probe, client: httpx.Client) -> None:
        before = comparable_state(self.control) if self.control is not None else None
        answer = probe.send(client)
        status = None if answer.is_success else answer.status_code
        changed = self.control is not None and comparable_state(self.control) != before
        if changed and self.control is not None:
            self.control.post("/mgip/reset").raise_for_status()  # what follows starts as planned
        holds, expected = refusal_holds(RULE, status, self.strictness)
        if holds is None:
            self.outcome.unjudged.append(probe.name)
            return
        self.outcome.checked.append(probe.name)
        if not holds:
            got = f"{answer.status_code} (accepted)" if status is None else str(status)
            self.outcome.problems.append(f"{RULE}: {probe.name}: {expected}, got {got}")
        elif changed:
            self.outcome.problems.append(f"{RULE}: {probe.name}: refused, but the state changed")
        if not holds or changed:
            self.outcome.failed.append(Exchange(answer.request, answer.status_code))


def run(target: Target, headers: str = "public") -> Outcome:
    """Each probe's answer, judged by the target's strictness."""
    outcome = Outcome()
    channel = transport(target)
    setup = control_transport(target)
    with httpx.Client(
        transport=channel,
        base_url=target.base_url,
        auth=("api", target.api_key),
        headers=_headers(target, headers),
        timeout=10,
    ) as client:
        _Judge(target.strictness, outcome)(READ, client)
        if setup is None:
            outcome.skipped.append(
                "the writes: they need a target whose state the control interface puts back"
            )
        else:
            with httpx.Client(
                transport=setup, base_url=target.base_url, headers=target.control_headers
            ) as control:
                judge = _Judge(target.strictness, outcome, control)
                for probe in _writes(client, outcome):
                    judge(probe, client)
            shut(setup)
    shut(channel)
    return outcome


def reproduction(target: Target, outcome: Outcome) -> list[str]:
    """The probes that failed, sent again (from the scenario's start on a mock)."""
    if not outcome.failed:
        return []
    return reproduce.shell(target, outcome.failed, reset=target.control and not target.read_only)
