"""Running the set-up scripts: which script covers which rules, in the order they run, and the
run over a target's control interface (each script from the scenario's start)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from mailgun_ip_client import ApiError

from mgip.contracts import reproduce
from mgip.contracts.public_setup import NotApplicable
from mgip.contracts.scripted.base import Context, ScriptOutcome, _client
from mgip.contracts.scripted.dipps import (
    delegated_dipps,
    deleting_linked_dipps,
    dipp_domain_pages,
    dipp_lifecycle,
)
from mgip.contracts.scripted.domain_ips import all_warming, unlinking_a_dipp
from mgip.contracts.scripted.dynamic_domains import (
    enroll_all,
    enrolling_and_leaving,
    health_checks,
)
from mgip.contracts.scripted.dynamic_pools import (
    changing_a_pool,
    removing_the_pools,
    setting_the_pools,
)
from mgip.contracts.scripted.ips import an_ip_on_every_domain, last_ip_kept
from mgip.contracts.scripted.refusals import ineligible_refusals, predicted_refusals
from mgip.contracts.scripted.warmups import warming_up
from mgip.contracts.target import Target, control_transport, shut
from mgip.contracts.wire import Tape

SCRIPTS: list[tuple[str, tuple[str, ...], Callable[[Context], list[str]]]] = [
    (
        "refusals the documentation predicts",
        (
            "dipp_add_ip_not_in_other_dipp",
            "dipp_added_ip_must_be_dedicated",
            "dipp_delete_replacement_ip_dedicated",
            "dipp_delete_replacement_ip_not_in_dipp",
            "dipp_delete_replacement_pool_not_empty",
            "dipp_edit_without_change_rejected",
            "domain_ips_no_ip_change_while_dipp_linked",
            "domain_ips_unlink_replacement_required",
            "dynamic_pool_name_must_exist",
            "dynamic_set_all_ready_ip_per_pool",
            "dynamic_update_keeps_ready_ip",
            "dynamic_unenroll_ip_not_in_dipp",
            "dynamic_unenroll_replacement_pool_exists",
            "dynamic_unenroll_replacements_exclusive",
            "dynamic_override_pool_must_be_valid",
            "warmup_ip_must_be_dedicated",
            "warmup_ip_must_be_owned",
            "dipp_inherited_add_ip_forbidden",
            "dipp_inherited_remove_ip_forbidden",
            "dipp_inherited_not_deletable",
            "dipp_inherited_no_ip_replacement",
            "dipp_inherited_not_editable",
        ),
        predicted_refusals,
    ),
    (
        "shared IPs asked by an ineligible account",
        (
            "dipp_delete_shared_needs_eligibility",
            "domain_ips_shared_needs_eligibility",
            "dynamic_unenroll_shared_needs_eligibility",
        ),
        ineligible_refusals,
    ),
    (
        "delegated DIPPs",
        (
            "dipp_add_ip_updates_subaccounts",
            "dipp_delete_updates_subaccounts",
            "dipp_list_covers_all_pools",
            "dipp_at_most_one_inherited",
        ),
        delegated_dipps,
    ),
    (
        "a DIPP's life: create, edit, delete",
        (
            "dipp_create_returns_new_id",
            "dipp_list_covers_all_pools",
            "dipp_ip_in_one_pool",
            "dipp_edit_applies_fields",
            "dipp_edit_ip_change_updates_domains",
            "dipp_remove_ip_leaves_pool",
            "dipp_remove_ip_updates_linked_domains",
            "dipp_delete_removes_pool",
            "dipp_is_linked_matches_linked_domains",
            "dipp_list_is_linked_agrees",
        ),
        dipp_lifecycle,
    ),
    (
        "paging a DIPP's domains",
        ("dipp_domains_paginated",),
        dipp_domain_pages,
    ),
    (
        "deleting a linked DIPP",
        (
            "dipp_delete_relinks_to_replacement",
            "dipp_delete_replacement_ip_assigned",
            "dipp_delete_shared_assigns_shared_ips",
        ),
        deleting_linked_dipps,
    ),
    (
        "a domain left with warming IPs",
        ("domain_ips_extra_ip_when_all_warming",),
        all_warming,
    ),
    (
        "unlinking a domain's DIPP",
        (
            "domain_ips_ip_pool_unlinks_dipp",
            "domain_ips_unlink_replacement_dipp_linked",
            "domain_ips_unlink_replacement_ip_assigned",
            "domain_ips_shared_assigns_shared_ip",
            "domain_ips_all_removes_domain_pool",
        ),
        unlinking_a_dipp,
    ),
    (
        "an IP on every domain",
        (
            "ips_assign_all_adds_to_every_domain",
            "ips_remove_all_clears_every_domain",
            "ips_remove_all_alternative_replaces",
            "ips_bulk_skips_dipp_linked_domains",
        ),
        an_ip_on_every_domain,
    ),
    (
        "the last IP of a domain without shared IPs",
        ("ips_remove_all_keeps_last_ip_without_shared",),
        last_ip_kept,
    ),
    (
        "warm-up plans and a new IP",
        (
            "warmup_create_starts_plan",
            "warmup_list_paginated",
            "warmup_cancel_ends_plan",
            "ips_new_ip_added_as_dedicated",
        ),
        warming_up,
    ),
    (
        "health checks and overrides",
        (
            "dynamic_pool_follows_health_checks",
            "dynamic_override_sets_pool",
            "dynamic_override_freezes_health_checks",
            "dynamic_override_removal_resumes_checks",
            "dynamic_preview_names_pool",
            "dynamic_preview_does_not_set_band",
        ),
        health_checks,
    ),
    (
        "enrolling every domain",
        (
            "dynamic_enroll_all_background_job",
            "dynamic_enroll_all_default_parent_only",
            "dynamic_enroll_all_include_subaccounts",
            "dynamic_assignable_subaccount_scope",
            "dynamic_history_across_accounts",
            "dynamic_domains_across_accounts",
            "dynamic_enroll_all_skips_dipp_linked",
        ),
        enroll_all,
    ),
    ("setting every dynamic pool", ("dynamic_set_all_replaces_ips",), setting_the_pools),
    (
        "changing a dynamic pool",
        (
            "dynamic_update_applies_changes",
            "dynamic_add_ip_joins_pool",
            "dynamic_pools_hold_dedicated_owned_ips",
        ),
        changing_a_pool,
    ),
    (
        "enrolling, then leaving",
        (
            "dynamic_enroll_assigns_pool",
            "dynamic_unenroll_replacement_ip_assigned",
            "dynamic_unenroll_replacement_pool_linked",
            "dynamic_unenroll_leaves_pools",
            "dynamic_unenroll_shared_assigns_shared_ip",
        ),
        enrolling_and_leaving,
    ),
    (
        "removing the dynamic pools",
        (
            "dynamic_remove_all_clears_pools",
            "dynamic_remove_all_keeps_dipps",
            "dynamic_unenroll_leaves_pools",
            "dynamic_unenroll_shared_assigns_shared_ip",
        ),
        removing_the_pools,
    ),
]


def covered_rules() -> set[str]:
    from mgip.contracts import public_scripts

    public = {rule for _, rules, _ in public_scripts.SCRIPTS for rule in rules}
    return {rule for _, rules, _ in SCRIPTS for rule in rules} | public


def run(target: Target, headers: str = "public") -> list[ScriptOutcome] | str:
    # A target without the control interface but with a scope is `mgip.contracts.public_run`'s.
    transport = control_transport(target)
    if transport is None:
        return (
            "these rules need a mock's control interface to set the state up, or "
            "--allow-writes --scope FILE to set it up through the API"
        )
    outcomes = []
    tape = Tape(transport)
    with httpx.Client(
        transport=tape,
        base_url=target.base_url,
        timeout=10,
        headers=target.control_headers,
    ) as control:
        for name, rules, script in SCRIPTS:
            control.post("/mgip/reset").raise_for_status()
            tape.rewind()
            state = control.get("/mgip/state").json()
            mine = [a for a in state["accounts"] if target.api_key in a["keys"]]
            account_id = mine[0]["id"] if mine else target.account_id
            subs = [a["id"] for a in state["accounts"] if a.get("parent") == account_id]
            client = _client(target.api_key, account_id, target, tape, headers)
            ctx = Context(client, control, account_id, subs, tape)
            ctx.headers = headers
            ctx.strictness = target.strictness
            outcome = ScriptOutcome(name, rules)
            try:
                outcome.problems = script(ctx)
                outcome.ran = True
                outcome.unjudged = list(ctx.unjudged)
            except NotApplicable as reason:
                outcome.problems, outcome.skipped = [], str(reason)
            except (ApiError, httpx.HTTPError, KeyError, ValueError) as exc:
                outcome.problems = [target.redact(f"the script could not run: {exc}")]
            if outcome.problems:
                outcome.reproduction = reproduce.shell(
                    target, tape.taken(), reset=True, state=state
                )
            outcomes.append(outcome)
        control.post("/mgip/reset").raise_for_status()
    shut(transport)
    return outcomes
