"""Rules that depend on an account's features, eligibility and ownership.

An account without a feature (or not eligible for shared IPs, or naming another account's IP) is
refused with the rule's status, and nothing changes.

Which account lacks which feature is not visible through the API. A target that offers mgip's
control interface tells it (`GET /mgip/state`). Any other target, given a write scope, has the
gates tried on its scoped objects with what its answers tell (`mgip.contracts.public_gates`);
without a scope they are reported as skipped, with that reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from mailgun_ip_client import ApiError, MailgunIp
from mailgun_ip_client.models import (
    AddDippIpsBody,
    CreateDippForm,
    EditDippForm,
    IpBandForm,
    SetDynamicPoolsForm,
    UpdateDynamicPoolForm,
)
from mailgun_ip_client.types import Unset

from mgip.contracts import profiles, reproduce
from mgip.contracts.strictness import refusal_holds
from mgip.contracts.target import Target, comparable_state, control_transport, shut
from mgip.contracts.wire import Exchange, Tape

NO_POOL = "0" * 23 + "1"
ABSENT_FIELD = "ips_assignable_absent_without_dipps"


@dataclass(frozen=True, slots=True)
class Account:
    id: str
    name: str
    key: str
    parent: str | None
    features: dict[str, Any]
    domains: list[str]
    dedicated: list[str]
    shared: list[str] = field(default_factory=list)
    foreign: str = ""  # a dedicated IP of another account
    pools: list[str] = field(default_factory=list)  # the account's own DIPP ids
    single_ip_domains: list[tuple[str, str]] = field(default_factory=list)
    configured: bool = False  # the account has dynamic pools
    warming: list[str] = field(default_factory=list)  # its IPs on warm-up
    linked_domains: list[str] = field(default_factory=list)  # its domains linked to a DIPP
    unlinked_domains: list[str] = field(default_factory=list)  # its domains linked to none
    # An unlinked domain of its and one of its dedicated IPs that the domain does not hold.
    ip_not_on_domain: tuple[str, str] | None = None
    unenrolled_domains: list[str] = field(default_factory=list)  # in no dynamic pool
    # Its IPs that are the only IP of a dynamic pool not on warm-up.
    last_ready_in_pool: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Gate:
    rule: str
    applies: Callable[[Account], bool]
    call: Callable[[MailgunIp, Account], Any]


def _first(items: list[str], default: str) -> str:
    return items[0] if items else default


def raw_request(mg: MailgunIp, method: str, path: str, **kwargs: Any) -> None:
    """A request the generated client cannot send as it is (a page token of our own, an empty
    form); a 4xx or 5xx is raised as the client would."""
    answer = mg.client.get_httpx_client().request(method, path, **kwargs)
    if answer.status_code >= 400:
        raise ApiError(answer.status_code, answer.text[:200], answer.content)


def empty_pool_update(mg: MailgunIp, a: Account | None = None) -> None:
    """PATCH a dynamic pool with a form that names neither add_ip nor remove_ip (the generated
    client sends no body at all for that, which the schema refuses before any rule)."""
    raw_request(
        mg,
        "PATCH",
        "/v3/dynamic_pools/dynamic_good",
        content=b"",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )


NO_TOKEN = "bm9wZQ"  # base64 of "nope": not a page token any server issued


def _dipps(a: Account) -> bool:
    return bool(a.features.get("dipps", True))


def _dynamic(a: Account) -> bool:
    return bool(a.features.get("dynamic_pools", True))


GATES = [
    Gate(
        "dipp_create_needs_feature",
        lambda a: not a.features.get("dipps", True),
        lambda mg, a: mg.dipps.create(body=CreateDippForm(name="gated", description="gated")),
    ),
    Gate(
        "dipp_edit_needs_feature",
        lambda a: not a.features.get("dipps", True),
        lambda mg, a: mg.dipps.edit(NO_POOL, body=EditDippForm(name="gated")),
    ),
    Gate(
        "dipp_delete_needs_feature",
        lambda a: not a.features.get("dipps", True),
        lambda mg, a: mg.dipps.delete(NO_POOL),
    ),
    Gate(
        "dipp_add_ip_needs_feature",
        lambda a: not a.features.get("dipps", True),
        lambda mg, a: mg.dipps.add_ip(NO_POOL, _first(a.dedicated, "192.0.2.1")),
    ),
    Gate(
        "dipp_remove_ip_needs_feature",
        lambda a: not a.features.get("dipps", True),
        lambda mg, a: mg.dipps.remove_ip(NO_POOL, _first(a.dedicated, "192.0.2.1")),
    ),
    Gate(
        "domain_ips_unlink_needs_dipps",
        lambda a: not a.features.get("dipps", True) and bool(a.domains),
        lambda mg, a: mg.ips.remove_domain_ip(a.domains[0], "ip_pool", ip_query="shared"),
    ),
    Gate(
        "dynamic_enroll_needs_feature",
        lambda a: not a.features.get("dynamic_pools", True) and bool(a.domains),
        lambda mg, a: mg.dynamic_pools.enroll_domain(a.domains[0]),
    ),
    Gate(
        "dynamic_enroll_all_needs_feature",
        lambda a: not a.features.get("dynamic_pools", True),
        lambda mg, a: mg.dynamic_pools.enroll_all_domains(),
    ),
    Gate(
        "dynamic_enroll_all_parent_only",
        lambda a: a.parent is not None,
        lambda mg, a: mg.dynamic_pools.enroll_all_domains(),
    ),
    Gate(
        "ips_band_needs_feature",
        lambda a: not a.features.get("ip_bands", True) and bool(a.dedicated),
        lambda mg, a: mg.ips.set_band(a.dedicated[0], body=IpBandForm(ip_band="gated")),
    ),
    # Eligibility for shared IPs: 'shared' as a replacement is refused.
    Gate(
        "domain_ips_shared_needs_eligibility",
        lambda a: not a.features.get("shared_ips", True) and bool(a.domains),
        lambda mg, a: mg.ips.remove_domain_ip(a.domains[0], "ip_pool", ip_query="shared"),
    ),
    Gate(
        "dynamic_unenroll_shared_needs_eligibility",
        lambda a: not a.features.get("shared_ips", True) and bool(a.domains),
        lambda mg, a: mg.dynamic_pools.unenroll_domain(a.domains[0], replacement_ip=["shared"]),
    ),
    Gate(
        "dipp_delete_shared_needs_eligibility",
        lambda a: not a.features.get("shared_ips", True),
        lambda mg, a: mg.dipps.delete(_first(a.pools, NO_POOL), ip="shared"),
    ),
    Gate(
        "domain_ips_last_ip_kept_without_shared",
        lambda a: not a.features.get("shared_ips", True) and bool(a.single_ip_domains),
        lambda mg, a: mg.ips.remove_domain_ip(*a.single_ip_domains[0]),
    ),
    # Another account's IP looks absent; a shared IP is no band's.
    Gate(
        "dipp_added_ip_must_belong",
        lambda a: a.features.get("dipps", True) and bool(a.pools and a.foreign),
        lambda mg, a: mg.dipps.add_ip(a.pools[0], a.foreign),
    ),
    Gate(
        "dynamic_add_ip_owned",
        lambda a: a.configured and bool(a.foreign),
        lambda mg, a: mg.dynamic_pools.add_ip("dynamic_good", a.foreign),
    ),
    Gate(
        "dynamic_set_all_ips_owned",
        lambda a: a.configured and bool(a.foreign) and len(a.dedicated) >= 2,
        lambda mg, a: mg.dynamic_pools.set_all(
            body=SetDynamicPoolsForm(
                good_reputation=[a.foreign],
                poor_reputation=[a.dedicated[0]],
                new_senders=[a.dedicated[1]],
            )
        ),
    ),
    Gate(
        "ips_band_ip_must_belong",
        lambda a: a.features.get("ip_bands", True) and bool(a.foreign),
        lambda mg, a: mg.ips.set_band(a.foreign, body=IpBandForm(ip_band="gated")),
    ),
    Gate(
        "ips_band_ip_must_be_dedicated",
        lambda a: a.features.get("ip_bands", True) and bool(a.shared),
        lambda mg, a: mg.ips.set_band(a.shared[0], body=IpBandForm(ip_band="gated")),
    ),
    Gate(
        "dynamic_enroll_needs_pools_configured",
        lambda a: (
            a.features.get("dynamic_pools", True)
            and a.parent is None
            and not a.configured
            and bool(a.domains)
        ),
        lambda mg, a: mg.dynamic_pools.enroll_domain(a.domains[0]),
    ),
    Gate(
        "ips_new_ip_within_billing_limits",
        lambda a: len(a.dedicated) >= a.features.get("dedicated_ip_limit", 10**6),
        lambda mg, a: mg.ips.request_new(),
    ),
]
# The refusals of mgip's reading (rules of basis convention or inferred, with an assumption):
# a target is held to them only with --strictness strict. `public_gates` tries those a read or a
# scoped write provokes and says why not for the others.
READINGS = [
    # Dynamic IP Pools: the configuration is the parent's, and needs the feature (mgip's
    # convention); enrolment leaves DIPP-linked domains alone (the catalogue's reading).
    Gate(
        "dynamic_configure_needs_feature",
        lambda a: not _dynamic(a) and bool(a.dedicated),
        lambda mg, a: mg.dynamic_pools.add_ip("dynamic_good", a.dedicated[0]),
    ),
    Gate(
        "dynamic_configure_parent_only",
        lambda a: _dynamic(a) and a.parent is not None and bool(a.dedicated),
        lambda mg, a: mg.dynamic_pools.add_ip("dynamic_good", a.dedicated[0]),
    ),
    Gate(
        "dynamic_enroll_all_needs_pools_configured",
        lambda a: _dynamic(a) and a.parent is None and not a.configured,
        lambda mg, a: mg.dynamic_pools.enroll_all_domains(),
    ),
    Gate(
        "dynamic_enroll_dipp_linked_refused",
        lambda a: _dynamic(a) and a.configured and bool(a.linked_domains),
        lambda mg, a: mg.dynamic_pools.enroll_domain(a.linked_domains[0]),
    ),
    Gate(
        "dynamic_domain_must_be_enrolled",
        lambda a: _dynamic(a) and bool(a.unenrolled_domains),
        lambda mg, a: mg.dynamic_pools.unenroll_domain(
            a.unenrolled_domains[0], replacement_ip=["shared"]
        ),
    ),
    Gate(
        "dynamic_update_needs_change",
        lambda a: _dynamic(a) and a.configured,
        empty_pool_update,
    ),
    Gate(
        "dipp_create_ips_follow_add_rules",
        lambda a: a.features.get("dipps", True) and bool(a.foreign),
        lambda mg, a: mg.dipps.create(
            body=CreateDippForm(name="gated", description="gated", ip=[a.foreign])
        ),
    ),
    # Warm-ups: one plan per IP, none to cancel where none runs, and a dynamic pool keeps an IP
    # that is not warming.
    Gate(
        "warmup_one_plan_per_ip",
        lambda a: bool(a.warming),
        lambda mg, a: mg.warmups.create(a.warming[0]),
    ),
    Gate(
        "warmup_cancel_requires_in_flight",
        lambda a: any(ip not in a.warming for ip in a.dedicated),
        lambda mg, a: mg.warmups.cancel(next(ip for ip in a.dedicated if ip not in a.warming)),
    ),
    Gate(
        "warmup_keeps_dynamic_pool_ready",
        lambda a: bool(a.last_ready_in_pool),
        lambda mg, a: mg.warmups.create(a.last_ready_in_pool[0]),
    ),
    # Objects that do not exist, and values that make no sense (mgip's reading, basis convention
    # or inferred: a server that answers otherwise is judged only with --strictness strict).
    Gate(
        "ips_details_ip_must_belong",
        lambda a: bool(a.foreign),
        lambda mg, a: mg.ips.get(a.foreign),
    ),
    Gate(
        "ips_remove_all_alternative_valid",
        lambda a: bool(a.dedicated and a.foreign),
        lambda mg, a: mg.ips.remove_from_all_domains(a.dedicated[0], alternative=a.foreign),
    ),
    Gate(
        "ips_domains_paging_values_valid",
        lambda a: bool(a.dedicated),
        lambda mg, a: mg.ips.list_domains(a.dedicated[0], skip=-1),
    ),
    Gate(
        "ips_band_value_required",
        lambda a: a.features.get("ip_bands", True) and bool(a.dedicated),
        lambda mg, a: mg.ips.set_band(a.dedicated[0], body=IpBandForm(ip_band=" ")),
    ),
    Gate(
        "domain_ips_objects_exist",
        lambda a: a.ip_not_on_domain is not None,
        lambda mg, a: mg.ips.remove_domain_ip(*(a.ip_not_on_domain or ("", ""))),
    ),
    Gate(
        "domain_ips_unlink_needs_linked_dipp",
        lambda a: _dipps(a) and bool(a.unlinked_domains and a.dedicated),
        lambda mg, a: mg.ips.remove_domain_ip(
            a.unlinked_domains[0], "ip_pool", ip_query=a.dedicated[0]
        ),
    ),
    Gate("dipp_objects_exist", _dipps, lambda mg, a: mg.dipps.get(NO_POOL)),
    Gate(
        "dipp_name_not_blank",
        _dipps,
        lambda mg, a: mg.dipps.create(body=CreateDippForm(name=" ", description="gated")),
    ),
    Gate(
        "dipp_edit_changes_consistent",
        lambda a: _dipps(a) and bool(a.pools and a.dedicated),
        lambda mg, a: mg.dipps.edit(
            a.pools[0], body=EditDippForm(add_ip=a.dedicated[:1], remove_ip=a.dedicated[:1])
        ),
    ),
    Gate(
        "dipp_add_ips_needs_an_ip",
        lambda a: _dipps(a) and bool(a.pools),
        lambda mg, a: mg.dipps.add_ips(a.pools[0], body=AddDippIpsBody(ips=[])),
    ),
    Gate(
        "dipp_delete_replacements_exclusive",
        lambda a: _dipps(a) and bool(a.pools),
        lambda mg, a: mg.dipps.delete(a.pools[0], pool_id_query=a.pools[0]),
    ),
    Gate(
        "dipp_domains_page_token_issued",
        lambda a: _dipps(a) and bool(a.pools),
        lambda mg, a: raw_request(mg, "GET", f"/v3/ip_pools/{a.pools[0]}/domains?page={NO_TOKEN}"),
    ),
    Gate(
        "dynamic_objects_exist",
        _dynamic,
        lambda mg, a: mg.dynamic_pools.list_assignable_domains(subaccount_id="f" * 24),
    ),
    Gate(
        "dynamic_request_values_valid",
        _dynamic,
        lambda mg, a: mg.dynamic_pools.list_assignable_domains(domain="(unclosed"),
    ),
    Gate(
        "dynamic_update_added_ips_valid",
        lambda a: _dynamic(a) and a.configured and a.parent is None and bool(a.shared),
        lambda mg, a: mg.dynamic_pools.update(
            "dynamic_good", body=UpdateDynamicPoolForm(add_ip=a.shared[:1])
        ),
    ),
    Gate(
        "warmup_list_page_token_issued",
        lambda a: True,
        lambda mg, a: raw_request(mg, "GET", f"/v3/ip_warmups?page={NO_TOKEN}"),
    ),
]
GATES += READINGS


@dataclass(slots=True)
class GateOutcome:
    rule: str
    checked: int = 0
    problems: list[str] = field(default_factory=list)
    unjudged: int = 0  # accepted where only mgip's convention refuses (--strictness documented)
    skipped: str = ""  # why the gate could not be tried, when that is known exactly
    reproduction: list[str] = field(default_factory=list)  # of the first problem


def _accounts(state: dict[str, Any]) -> list[Account]:
    accounts = []
    ips = state.get("ips", [])
    configured = {p["account"] for p in state.get("dynamic_pools", [])}
    for raw in state.get("accounts", []):
        name = raw["name"]
        domains = [d for d in state.get("domains", []) if d["account"] == name]
        foreign = [
            ip["address"] for ip in ips if ip["account"] != name and ip.get("dedicated", True)
        ]
        accounts.append(
            Account(
                id=raw["id"],
                name=name,
                key=raw["keys"][0],
                parent=raw.get("parent"),
                features=raw.get("features", {}),
                domains=[d["name"] for d in domains],
                dedicated=[
                    ip["address"]
                    for ip in ips
                    if ip["account"] == name and ip.get("dedicated", True)
                ],
                shared=[
                    ip["address"]
                    for ip in ips
                    if ip["account"] == name and not ip.get("dedicated", True)
                ],
                foreign=foreign[-1] if foreign else "",
                pools=[p["id"] for p in state.get("dipps", []) if p["account"] == name],
                single_ip_domains=[
                    (d["name"], d["ips"][0])
                    for d in domains
                    if len(d.get("ips", [])) == 1 and not d.get("dipp")
                ],
                configured=name in configured,
                warming=[ip["address"] for ip in ips if ip["account"] == name and ip.get("warmup")],
                linked_domains=[d["name"] for d in domains if d.get("dipp")],
                unlinked_domains=[d["name"] for d in domains if not d.get("dipp")],
                ip_not_on_domain=next(
                    (
                        (d["name"], ip["address"])
                        for d in domains
                        if not d.get("dipp")
                        for ip in ips
                        if ip["account"] == name
                        and ip.get("dedicated", True)
                        and ip["address"] not in d.get("ips", [])
                    ),
                    None,
                ),
                unenrolled_domains=[d["name"] for d in domains if not d.get("dynamic_pool")],
                last_ready_in_pool=_last_ready(state, name),
            )
        )
    return accounts


def _last_ready(state: dict[str, Any], account: str) -> list[str]:
    """The account's IPs that are the only IP of one of its dynamic pools not on warm-up."""
    warming = {ip["address"] for ip in state.get("ips", []) if ip.get("warmup")}
    found = []
    for pools in state.get("dynamic_pools", []):
        if pools["account"] != account:
            continue
        for key in ("good_reputation", "poor_reputation", "new_senders"):
            ready = [a for a in pools.get(key, []) if a not in warming]
            if len(ready) == 1:
                found.append(ready[0])
    return found


def run(target: Target, headers: str = "public") -> dict[str, GateOutcome] | str:
    """Each gate's outcome, or why the gates could not be checked on this target.

    A target without the control interface but with a scope is `mgip.contracts.public_gates`'s."""
    transport = control_transport(target)
    if transport is None:
        return (
            "which account lacks a feature is only known from a mock's control interface, or "
            "learned through the API with --allow-writes --scope FILE"
        )
    outcomes = {gate.rule: GateOutcome(gate.rule) for gate in GATES}
    outcomes[ABSENT_FIELD] = GateOutcome(ABSENT_FIELD)
    tape = Tape(transport)
    with httpx.Client(
        transport=tape,
        base_url=target.base_url,
        timeout=10,
        headers=target.control_headers,
    ) as control:
        # From the scenario's start: earlier layers may have given an account what it lacked.
        control.post("/mgip/reset").raise_for_status()
        tape.rewind()
        state = control.get("/mgip/state").json()
        for account in _accounts(state):
            client = MailgunIp(
                account.key,
                base_url=target.base_url,
                httpx_args={"transport": tape},
                **profiles.client_options(headers, account.id),
            )
            for gate in GATES:
                if gate.applies(account):
                    outcome = outcomes[gate.rule]
                    changed = [e for e in tape.taken() if _changed(e)]
                    start = len(tape.exchanges)
                    _check(gate, account, client, control, outcome, strictness=target.strictness)
                    if outcome.problems and not outcome.reproduction:
                        sent = [*changed, *tape.exchanges[start:]]
                        outcome.reproduction = reproduce.shell(
                            target, sent, reset=True, state=state
                        )
                    if tape.exchanges and tape.exchanges[-1].request.url.path == "/mgip/reset":
                        tape.rewind()
            if not account.features.get("dipps", True):
                listed = client.ips.list_all()
                outcomes[ABSENT_FIELD].checked += 1
                if not isinstance(listed.assignable_to_pools, Unset):
                    outcomes[ABSENT_FIELD].problems.append(
                        f"{account.name} has no DIPPs, yet its IP list has assignable_to_pools"
                    )
    shut(transport)
    return outcomes


def _check(
    gate: Gate,
    account: Account,
    client: MailgunIp,
    control: httpx.Client,
    outcome: GateOutcome,
    *,
    strictness: str = "strict",
) -> None:
    before = comparable_state(control)
    status: int | None = None  # accepted
    try:
        gate.call(client, account)
    except ApiError as error:
        status = error.status_code
    except (httpx.HTTPError, ValueError) as exc:
        outcome.checked += 1
        outcome.problems.append(f"{account.name}: the request failed: {exc}")
        return
    after = comparable_state(control)
    holds, expected = refusal_holds(gate.rule, status, strictness)
    if holds is None:  # accepted, and only mgip's convention refuses it: not judged
        outcome.unjudged += 1
        if before != after:
            control.post("/mgip/reset").raise_for_status()  # the next gates start as planned
        return
    outcome.checked += 1
    if not holds:
        got = "200 (accepted)" if status is None else str(status)
        outcome.problems.append(f"{account.name}: {expected}, got {got}")
    elif before != after:
        outcome.problems.append(f"{account.name}: refused, but the state changed")


def _changed(exchange: Exchange) -> bool:
    """A request that may have changed the state (a write the target accepted)."""
    return exchange.request.method != "GET" and (exchange.status or 500) < 400


def covered_rules() -> set[str]:
    return {gate.rule for gate in GATES} | {ABSENT_FIELD}
