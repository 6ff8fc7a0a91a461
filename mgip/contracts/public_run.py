"""Running the public-API scripts (mgip.contracts.public_scripts) as the scripted layer does.

Each script starts from a snapshot of what the account shows and ends with every scoped object
put back (`mgip.contracts.public_setup.restore_to`); the rules a script could not set up, and
those of the control-interface scripts that nothing here sets up, are reported as skipped with
the reason.
"""

from __future__ import annotations

from typing import Any

import httpx
from mailgun_ip_client import ApiError

from mgip.contracts import reproduce
from mgip.contracts.public_scripts import SCRIPTS
from mgip.contracts.public_setup import (
    GUARDED,
    NotApplicable,
    Public,
    guarded_client,
    learn,
    restore_to,
)
from mgip.contracts.target import Target
from mgip.contracts.wire import Tape


def run(target: Target, headers: str = "public") -> list[Any]:
    """Each script's outcome (mgip.contracts.scripted.ScriptOutcome); rules a script could not set
    up are reported apart, as skipped with the reason."""
    from mgip.contracts.scripted import ScriptOutcome

    client, guard = guarded_client(target, headers)
    tape: Tape = guard.inner
    outcomes: list[ScriptOutcome] = []
    try:
        facts = learn(client)
        for name, rules, script in SCRIPTS:
            ctx = Public(client, guard, target, facts, headers)
            before = ctx.state()
            tape.rewind()
            ctx.original = set(before["dipps"])
            outcome = ScriptOutcome(name, rules)
            try:
                outcome.problems = script(ctx)
                outcome.ran = True
            except NotApplicable as reason:
                outcome.skipped = str(reason)
            except ApiError as exc:
                if exc.status_code == GUARDED:  # a write the script needed is outside the scope
                    outcome.skipped = f"the scope guard did not send a write it needed: {exc}"
                else:
                    outcome.problems = [target.redact(f"the script could not run: {exc}")]
            except (httpx.HTTPError, KeyError, ValueError) as exc:
                outcome.problems = [target.redact(f"the script could not run: {exc}")]
            except KeyboardInterrupt:  # Ctrl+C: the scope is put back all the same
                restore_to(ctx, before)
                raise
            sent = tape.taken()
            outcome.problems += restore_to(ctx, before)
            if outcome.problems:  # the script's requests, not those that put the scope back
                outcome.reproduction = reproduce.public(target, sent)
            outcomes += _split(outcome, ctx.unjudged)
        outcomes += _left_out(outcomes, facts, len(target.scope.domains))
    finally:
        client.close()
    return outcomes


# Why the rules of the control-interface scripts (mgip.contracts.scripted) that no script above
# judges cannot be set up through the API.
NEVER_SENT = "the scope guard never sends IP-wide and account-wide writes (mgip.contracts.scope)"
LEFT_OUT = {
    "dynamic_pool_follows_health_checks": "health",
    "dynamic_override_freezes_health_checks": "health",
    "ips_assign_all_adds_to_every_domain": NEVER_SENT,
    "ips_remove_all_clears_every_domain": NEVER_SENT,
    "ips_remove_all_alternative_replaces": NEVER_SENT,
    "ips_new_ip_added_as_dedicated": NEVER_SENT,
    "dynamic_enroll_all_background_job": NEVER_SENT,
    "dynamic_enroll_all_default_parent_only": NEVER_SENT,
    "dynamic_enroll_all_include_subaccounts": NEVER_SENT,
    "domain_ips_extra_ip_when_all_warming": "eligible",
    "dipp_domains_paginated": "paging",
}
LABELS = {
    "subaccounts": "subaccounts",
    "health": "health checks",
    "eligible": "an account not eligible for shared IPs",
    "paging": "a DIPP with many domains",
}
HEALTH = (
    "a health check runs when mgip's control interface asks (POST /mgip/health-checks) or on "
    "the provider's own schedule; no request of the API starts one"
)


def _left_out(outcomes: list[Any], facts: Any, domains: int) -> list[Any]:
    from mgip.contracts import gates
    from mgip.contracts.scripted import SCRIPTS as CONTROL_SCRIPTS
    from mgip.contracts.scripted import ScriptOutcome

    # The gate layer reports its own rules, judged or skipped with the reason.
    told = {rule for o in outcomes for rule in o.rules} | gates.covered_rules()
    subaccounts = (
        f"the account's subaccounts {facts.subaccounts} show in its answers, but no script "
        "sets their states up through the API yet"
        if facts.subaccounts
        else "no subaccount of the account shows in its answers (account ids in the dynamic "
        "pools' domains and history), and the API cannot list them"
    )
    reasons = {
        "subaccounts": subaccounts,
        "health": HEALTH,
        "eligible": (
            f"the account is eligible for shared IPs ({facts.shared_how}); the rule is about "
            "accounts that are not"
            if facts.shared_eligible
            else "the rule needs an account not eligible for shared IPs with warming IPs on a "
            "scoped domain, which no script sets up through the API yet"
        ),
        "paging": (
            f"a DIPP linked to more domains than a page holds (11) needs that many scoped "
            f"domains; the scope names {domains}"
        ),
    }
    left: dict[str, list[str]] = {}
    for _, rules, _ in CONTROL_SCRIPTS:
        for rule in rules:
            if rule not in told:
                told.add(rule)
                key = LEFT_OUT.get(rule, "subaccounts")
                left.setdefault(key, []).append(rule)
    return [
        ScriptOutcome(
            f"needs what the API cannot set up: {LABELS.get(key, 'IP-wide writes')}",
            tuple(rules),
            skipped=reasons.get(key, key),
        )
        for key, rules in left.items()
    ]


def _split(outcome: Any, unjudged: dict[str, str]) -> list[Any]:
    """The outcome for the rules the script judged, and one skipped outcome per reason for
    the rules it could not set up."""
    from mgip.contracts.scripted import ScriptOutcome

    left = {r: why for r, why in unjudged.items() if r in outcome.rules}
    if not left or not outcome.ran:
        return [outcome]
    outcome.rules = tuple(r for r in outcome.rules if r not in left)
    split = [outcome] if outcome.rules or outcome.problems else []
    for why in sorted(set(left.values())):
        rules = tuple(r for r, reason in left.items() if reason == why)
        split.append(ScriptOutcome(f"{outcome.name}: not set up", rules, skipped=why))
    return split
