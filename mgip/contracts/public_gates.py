"""The feature, eligibility and ownership gates on a target without a control interface.

What an account lacks is learned from its answers (see `mgip.contracts.public_setup.learn`): the
DIPPs feature from whether `GET /v3/ips` lists `assignable_to_pools`, Dynamic IP Pools from whether
its pools hold IPs, eligibility for shared IPs from whether a 'shared' replacement is accepted. A
gate whose precondition the account does not meet, or that could not be learned, or whose request
the scope guard never sends, is skipped with that reason. Each request is made on scoped objects or
on DIPPs the run creates, and everything is put back afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
from mailgun_ip_client import ApiError
from mailgun_ip_client.models import (
    AddDippIpsBody,
    CreateDippForm,
    EditDippForm,
    SetDynamicPoolsForm,
    UpdateDynamicPoolForm,
)

from mgip.contracts import reproduce
from mgip.contracts.gates import (
    ABSENT_FIELD,
    GATES,
    NO_POOL,
    NO_TOKEN,
    READINGS,
    GateOutcome,
    empty_pool_update,
    raw_request,
)
from mgip.contracts.public_setup import (
    POOL_KEYS,
    Public,
    domain_state,
    guarded_client,
    judge,
    learn,
    restore_to,
    status_of,
)
from mgip.contracts.target import Target
from mgip.contracts.wire import Tape

DIPP_GATES = (
    "dipp_create_needs_feature",
    "dipp_edit_needs_feature",
    "dipp_delete_needs_feature",
    "dipp_add_ip_needs_feature",
    "dipp_remove_ip_needs_feature",
    "domain_ips_unlink_needs_dipps",
)
SHARED_GATES = (
    "domain_ips_shared_needs_eligibility",
    "dynamic_unenroll_shared_needs_eligibility",
    "dipp_delete_shared_needs_eligibility",
    "domain_ips_last_ip_kept_without_shared",
)
# Writes the scope guard never sends (IP-wide and account-wide), with a path to ask it about.
NEVER_SENT = {
    "dynamic_enroll_all_parent_only": "/v3/domains/all/dynamic_pools/enroll",
    "ips_band_needs_feature": "/v3/ips/192.0.2.1/ip_band",
    "ips_band_ip_must_belong": "/v3/ips/192.0.2.1/ip_band",
    "ips_band_ip_must_be_dedicated": "/v3/ips/192.0.2.1/ip_band",
    "ips_new_ip_within_billing_limits": "/v3/ips/request/new",
}
Attempt = tuple[str, Callable[[], Any]]


def run(target: Target, headers: str = "public") -> dict[str, GateOutcome]:
    outcomes = {gate.rule: GateOutcome(gate.rule) for gate in GATES}
    outcomes[ABSENT_FIELD] = GateOutcome(ABSENT_FIELD)
    client, guard = guarded_client(target, headers)
    ctx, before = None, None
    try:
        ctx = Public(client, guard, target, learn(client), headers)
        before = ctx.state()
        ctx.original = set(before["dipps"])
        reasons, attempts = _plan(ctx, before)
        tape: Tape = guard.inner
        for rule, call in attempts:
            start = len(tape.exchanges)
            problems = judge(ctx, rule, call)
            if rule in ctx.unjudged:
                reasons[rule] = ctx.unjudged[rule]
                continue
            outcomes[rule].checked += 1
            outcomes[rule].problems += problems
            if problems and not outcomes[rule].reproduction:
                outcomes[rule].reproduction = reproduce.public(target, tape.exchanges[start:])
        if not ctx.facts.dipps:
            _field_agrees(ctx, outcomes[ABSENT_FIELD])
        for rule, why in reasons.items():
            outcomes[rule].skipped = why
        back = restore_to(ctx, before)
    except (ApiError, httpx.HTTPError, KeyError, ValueError) as exc:
        back = [target.redact(f"the set-up through the API failed: {exc}")]
    except KeyboardInterrupt:  # Ctrl+C: what a gate changed is put back all the same
        if ctx is not None and before is not None:
            restore_to(ctx, before)
        raise
    finally:
        client.close()
    if back:  # a gate whose state was not put back: reported under the first gate checked
        first = next((o for o in outcomes.values() if o.checked), outcomes[GATES[0].rule])
        first.problems += back
    return outcomes


def _plan(ctx: Public, state: dict[str, Any]) -> tuple[dict[str, str], list[Attempt]]:
    """Why each gate that cannot be tried is skipped, and the requests for the others."""
    reasons: dict[str, str] = {}
    for rule, path in NEVER_SENT.items():
        why = ctx.scope.allows("POST", path, set())
        reasons[rule] = f"the scope guard never sends this write: {why}"
    attempts = _dipp_gates(ctx, state, reasons)
    attempts += _ownership(ctx, state, reasons)
    attempts += _eligibility(ctx, state, reasons)
    attempts += _readings(ctx, state, reasons)
    why = (
        "the account has Dynamic IP Pools (its pools hold IPs), so the refusal cannot be provoked"
        if ctx.facts.configured
        else "whether the account has Dynamic IP Pools cannot be learned from the API while its "
        "pools hold no IP"
    )
    reasons["dynamic_enroll_needs_feature"] = why
    reasons["dynamic_enroll_all_needs_feature"] = why
    reasons["dynamic_enroll_needs_pools_configured"] = (
        "the account's pools are configured; the script 'removing the dynamic pools, through "
        "the API' tries it with them removed"
        if ctx.facts.configured
        else "with no IP in its pools, a refused enrollment cannot tell the missing feature from "
        "the missing configuration"
    )
    return reasons, attempts


# Refusals of mgip's reading (basis convention or inferred) that a read provokes: tried on any
# account, since a read changes nothing. The others need writes on objects a scope rarely holds
# in the shape they need, and are tried where the control interface sets them up.
NO_ADDRESS = "198.51.100.254"  # TEST-NET-2: no account's IP
NO_DOMAIN = "no-such-domain.invalid"


def _readings(ctx: Public, state: dict[str, Any], reasons: dict[str, str]) -> list[Attempt]:
    mg = ctx.client

    def raw_get(path: str) -> Callable[[], Any]:
        return lambda: raw_request(mg, "GET", path)

    attempts: list[Attempt] = [
        ("ips_details_ip_must_belong", lambda: mg.ips.get(NO_ADDRESS)),
        ("dipp_objects_exist", lambda: mg.dipps.get(NO_POOL)),
        ("dynamic_objects_exist", lambda: mg.dynamic_pools.preview_domain(NO_DOMAIN)),
        ("warmup_list_page_token_issued", raw_get(f"/v3/ip_warmups?page={NO_TOKEN}")),
    ]
    if ctx.facts.dedicated:
        ip = sorted(ctx.facts.dedicated)[0]
        attempts.append(
            ("ips_domains_paging_values_valid", lambda: mg.ips.list_domains(ip, skip=-1))
        )
    if ctx.facts.configured:
        attempts.append(
            (
                "dynamic_request_values_valid",
                lambda: mg.dynamic_pools.list_assignable_domains(domain="(unclosed"),
            )
        )
    if state["dipps"]:
        pool = sorted(state["dipps"])[0]
        attempts.append(
            (
                "dipp_domains_page_token_issued",
                raw_get(f"/v3/ip_pools/{pool}/domains?page={NO_TOKEN}"),
            )
        )
    attempts += _reading_writes(ctx, state)
    tried = {rule for rule, _ in attempts}
    for gate in READINGS:
        if gate.rule not in tried:
            reasons[gate.rule] = (
                "a refusal of mgip's reading that needs writes set up on the account; it is "
                "tried on a target with mgip's control interface"
            )
    return attempts


def _reading_writes(ctx: Public, state: dict[str, Any]) -> list[Attempt]:
    """Writes the scope allows: on a DIPP the run creates, a scoped free IP and a scoped plain
    domain. A write accepted where mgip refuses is put back by `judge`."""
    mg, attempts = ctx.client, []
    free, plain = ctx.free_ips(state), ctx.plain_domains(state)
    if ctx.facts.dipps:
        pool_id = ctx.create_dipp("mgip-readings", [])
        blank = CreateDippForm(name=" ", description="made by mgip; deleted after the check")
        foreign = CreateDippForm(name="mgip-foreign", description="made by mgip", ip=[NO_ADDRESS])
        attempts += [
            ("dipp_name_not_blank", lambda: mg.dipps.create(body=blank)),
            ("dipp_create_ips_follow_add_rules", lambda: mg.dipps.create(body=foreign)),
            (
                "dipp_add_ips_needs_an_ip",
                lambda: mg.dipps.add_ips(pool_id, body=AddDippIpsBody(ips=[])),
            ),
            (
                "dipp_delete_replacements_exclusive",
                lambda: mg.dipps.delete(pool_id, pool_id_query=pool_id),
            ),
        ]
        if free:
            both = EditDippForm(add_ip=free[:1], remove_ip=free[:1])
            attempts.append(
                ("dipp_edit_changes_consistent", lambda: mg.dipps.edit(pool_id, body=both))
            )
    shared = sorted(
        ip for ip in ctx.scope.ips if ip in ctx.facts.ips and ip not in ctx.facts.dedicated
    )
    if ctx.facts.dipps and shared:
        form = CreateDippForm(name="mgip-shared", description="made by mgip", ip=shared[:1])
        attempts.append(("dipp_create_ips_follow_add_rules", lambda: mg.dipps.create(body=form)))
    if ctx.facts.configured and ctx.dynamic_in_scope(state) is None:
        attempts += _pool_writes(ctx, state, shared)
    if free:
        attempts.append(("warmup_cancel_requires_in_flight", lambda: mg.warmups.cancel(free[0])))
    if plain:
        domain, held = plain[0], domain_state(state, plain[0]).ips[0]
        absent = next((ip for ip in free if ip != held), None)
        if absent is not None:
            attempts.append(
                ("domain_ips_objects_exist", lambda: mg.ips.remove_domain_ip(domain, absent))
            )
        if ctx.facts.dipps and free:
            attempts.append(
                (
                    "domain_ips_unlink_needs_linked_dipp",
                    lambda: mg.ips.remove_domain_ip(domain, "ip_pool", ip_query=free[0]),
                )
            )
        if ctx.facts.configured and free:
            attempts.append(
                (
                    "dynamic_domain_must_be_enrolled",
                    lambda: mg.dynamic_pools.unenroll_domain(domain, replacement_ip=free[:1]),
                )
            )
    return attempts


def _pool_writes(ctx: Public, state: dict[str, Any], shared: list[str]) -> list[Attempt]:
    """Refusals on the dynamic pools, where the scope lets the run change them."""
    mg = ctx.client
    attempts: list[Attempt] = [("dynamic_update_needs_change", lambda: empty_pool_update(mg))]
    if shared:
        add = UpdateDynamicPoolForm(add_ip=shared[:1])
        attempts.append(
            (
                "dynamic_update_added_ips_valid",
                lambda: mg.dynamic_pools.update("dynamic_good", body=add),
            )
        )
    warming = set(state["warmups"])
    readies = ([ip for ip in ips if ip not in warming] for ips in state["dynamic"].values())
    lone = [ready[0] for ready in readies if len(ready) == 1 and ready[0] in ctx.scope.ips]
    if lone:
        attempts.append(("warmup_keeps_dynamic_pool_ready", lambda: mg.warmups.create(lone[0])))
    return attempts


def _dipp_gates(ctx: Public, state: dict[str, Any], reasons: dict[str, str]) -> list[Attempt]:
    if ctx.facts.dipps:
        why = (
            "the account has the DIPPs feature (GET /v3/ips lists assignable_to_pools), so the "
            "refusal cannot be provoked"
        )
        reasons.update(dict.fromkeys(DIPP_GATES, why))
        reasons[ABSENT_FIELD] = (
            "the account has DIPPs (its IP list has assignable_to_pools); the rule is about "
            "accounts without"
        )
        return []
    mg = ctx.client
    pools = sorted(ctx.scope.dipps & set(state["dipps"]))
    ips = sorted(ctx.scope.ips & set(ctx.facts.ips))
    domains = sorted(ctx.scope.domains & set(state["domains"]))
    attempts: list[Attempt] = [
        (
            "dipp_create_needs_feature",
            lambda: mg.dipps.create(body=CreateDippForm(name="gated", description="gated")),
        )
    ]
    for rule, ready, call in (
        ("dipp_edit_needs_feature", pools,
         lambda: mg.dipps.edit(pools[0], body=EditDippForm(name="gated"))),
        ("dipp_delete_needs_feature", pools, lambda: mg.dipps.delete(pools[0])),
        ("dipp_add_ip_needs_feature", pools and ips, lambda: mg.dipps.add_ip(pools[0], ips[0])),
        ("dipp_remove_ip_needs_feature", pools and ips,
         lambda: mg.dipps.remove_ip(pools[0], ips[0])),
        ("domain_ips_unlink_needs_dipps", domains,
         lambda: mg.ips.remove_domain_ip(domains[0], "ip_pool", ip_query="shared")),
    ):  # fmt: skip
        if ready:
            attempts.append((rule, call))
        else:
            reasons[rule] = "the scope names no DIPP, IP or domain of the account to try it on"
    return attempts


def _field_agrees(ctx: Public, outcome: GateOutcome) -> None:
    """An account whose IP list has no assignable_to_pools must be refused DIPP writes."""
    outcome.checked += 1
    form = CreateDippForm(name="mgip-probe", description="made by mgip; deleted after the check")
    try:
        pool_id = ctx.client.dipps.create(body=form).pool_id
    except ApiError:
        return
    ctx.created.append(pool_id)
    outcome.problems.append(
        "GET /v3/ips has no assignable_to_pools, yet the account could create a DIPP"
    )


def _ownership(ctx: Public, state: dict[str, Any], reasons: dict[str, str]) -> list[Attempt]:
    foreign = ctx.foreign_ips()
    rules = ("dipp_added_ip_must_belong", "dynamic_add_ip_owned", "dynamic_set_all_ips_owned")
    if not foreign:
        why = "the scope names no IP the account does not own (to show it looks absent)"
        reasons.update(dict.fromkeys(rules, why))
        return []
    mg, attempts = ctx.client, []
    if ctx.facts.dipps:
        pool_id = ctx.create_dipp("mgip-ownership", [])
        attempts.append(("dipp_added_ip_must_belong", lambda: mg.dipps.add_ip(pool_id, foreign[0])))
    else:
        reasons[rules[0]] = "the account has no DIPPs feature (no assignable_to_pools)"
    pools = {name: state["dynamic"].get(name, []) for name in POOL_KEYS}
    blocked = ctx.dynamic_in_scope(state)
    if blocked is None and not all(pools.values()):
        blocked = "the dynamic pools are not all configured"
    if blocked is not None:
        reasons.update(dict.fromkeys(rules[1:], blocked))
        return attempts
    form = SetDynamicPoolsForm(
        good_reputation=foreign[:1],
        poor_reputation=pools["dynamic_poor"],
        new_senders=pools["dynamic_new"],
    )
    return [
        *attempts,
        ("dynamic_add_ip_owned", lambda: mg.dynamic_pools.add_ip("dynamic_good", foreign[0])),
        ("dynamic_set_all_ips_owned", lambda: mg.dynamic_pools.set_all(body=form)),
    ]


def _eligibility(ctx: Public, state: dict[str, Any], reasons: dict[str, str]) -> list[Attempt]:
    """Learn eligibility for shared IPs from deleting a DIPP the run made with ip=shared; the
    gates apply to an account that is refused."""
    if not ctx.facts.dipps:
        why = "eligibility for shared IPs is learned from deleting a DIPP, and the account has none"
        reasons.update(dict.fromkeys(SHARED_GATES, why))
        return []
    probe = ctx.create_dipp("mgip-eligibility", [])
    got = status_of(lambda: ctx.client.dipps.delete(probe, ip="shared"))
    if got == 200:
        why = "the account is eligible for shared IPs: deleting a DIPP with ip=shared was accepted"
        reasons.update(dict.fromkeys(SHARED_GATES, why))
        return []
    mg, attempts = ctx.client, []
    ctx.facts.shared_eligible = False
    # The probe's refusal is what the account's ineligibility is learned from: it judges nothing.
    reasons["dipp_delete_shared_needs_eligibility"] = f"the probe itself (HTTP {got})"
    plain, enrolled = ctx.plain_domains(state), ctx.enrolled_domains(state)
    if plain:
        linked = plain[0]
        ctx.link(probe, linked)
        attempts.append(
            (
                "domain_ips_shared_needs_eligibility",
                lambda: mg.ips.remove_domain_ip(linked, "ip_pool", ip_query="shared"),
            )
        )
    single = [d for d in ctx.scope.domains if len(state["domains"].get(d, [])) == 1]
    single = [d for d in single if d not in plain[:1] and d not in state["enrolled"]]
    if single:
        only = single[0]
        ip = state["domains"][only][0]
        attempts.append(
            ("domain_ips_last_ip_kept_without_shared", lambda: mg.ips.remove_domain_ip(only, ip))
        )
    if enrolled:
        attempts.append(
            (
                "dynamic_unenroll_shared_needs_eligibility",
                lambda: mg.dynamic_pools.unenroll_domain(enrolled[0], replacement_ip=["shared"]),
            )
        )
    for rule in SHARED_GATES:
        if rule not in reasons and rule not in {r for r, _ in attempts}:
            reasons[rule] = "the scope names no domain of the account in the state it needs"
    return attempts
