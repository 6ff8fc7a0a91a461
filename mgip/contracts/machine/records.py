"""The rule layer's bookkeeping: what each check covers, what each step may change, and the
record of one run (what ran, what failed, after which steps)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from mgip.contracts.answers import OffSpecAnswer, SpecCheckedTransport
from mgip.contracts.invariants import (
    CHECKS,
    DIPPS,
    DOMAINS,
    DYNAMIC,
    ENROLLMENT,
    IPS,
    WARMUPS,
)
from mgip.contracts.wire import DeadlineReached, TargetFault, TargetGone

ANSWERS = "answers match the spec"


@dataclass(slots=True)
class CheckOutcome:
    name: str
    rules: tuple[str, ...]
    runs: int = 0
    problems: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    # The sections of the state that show the failure (see mgip.contracts.invariants).
    reads: frozenset[str] = frozenset()
    # Why a run of the check could not be evaluated (an answer it needed was unreadable).
    errors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class MachineResult:
    checks: dict[str, CheckOutcome]
    steps: int = 0
    writes: int = 0
    requests: int = 0
    seconds: float = 0.0
    error: str | None = None
    first_failure: float | None = None  # seconds into the run when a check first failed
    planned: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    stopped: str = ""  # why the machine stopped before its budget: the deadline, a gone target
    unrestored: list[str] = field(default_factory=list)  # what a scoped run could not put back
    restored: bool = False  # a scoped run read its scope first and put it back at the end
    interrupted: bool = False  # Ctrl+C ended the run (what it found by then is kept)


# Checks made on the answer and the read-back of a step, by the rules they cover. A refusal the
# documentation predicts from what the target listed before the step must come with the rule's
# status; an accepted write must show its documented effect.
STEP_CHECKS: dict[str, tuple[str, ...]] = {
    "adding an IP to a DIPP": (
        "dipp_add_ip_joins_pool",
        "dipp_add_ip_not_in_other_dipp",
        "dipp_added_ip_must_be_dedicated",
        "dipp_inherited_add_ip_forbidden",
        "dipp_add_ip_updates_linked_domains",
    ),
    "removing an IP from a DIPP": (
        "dipp_remove_ip_leaves_pool",
        "dipp_inherited_remove_ip_forbidden",
        "dipp_remove_ip_updates_linked_domains",
    ),
    "deleting a DIPP": (
        "dipp_delete_removes_pool",
        "dipp_delete_replacement_required_if_ips",
        "dipp_inherited_not_deletable",
        "dipp_inherited_no_ip_replacement",
        "dipp_delete_replacement_pool_not_empty",
        "dipp_delete_replacement_ip_dedicated",
        "dipp_delete_replacement_ip_not_in_dipp",
        "dipp_delete_relinks_to_replacement",
        "dipp_delete_replacement_ip_assigned",
        "dipp_delete_shared_assigns_shared_ips",
    ),
    "setting all dynamic pools": (
        "dynamic_set_all_replaces_ips",
        "dynamic_set_all_ready_ip_per_pool",
        "dynamic_set_all_ips_dedicated",
        "dynamic_ip_in_one_pool",
    ),
    "changing a dynamic pool": (
        "dynamic_update_applies_changes",
        "dynamic_update_keeps_ready_ip",
        "dynamic_add_ip_joins_pool",
        "dynamic_add_ip_dedicated",
        "dynamic_pool_name_must_exist",
        "dynamic_ip_in_one_pool",
    ),
    "warm-up plans": (
        "warmup_create_starts_plan",
        "warmup_cancel_ends_plan",
        "warmup_ip_must_be_dedicated",
    ),
    "enrollment": (
        "dynamic_enroll_assigns_pool",
        "dynamic_unenroll_leaves_pools",
        "dynamic_unenroll_shared_assigns_shared_ip",
    ),
    "editing a DIPP": (
        "dipp_edit_applies_fields",
        "dipp_edit_without_change_rejected",
        "dipp_inherited_not_editable",
        "dipp_edit_ip_change_updates_domains",
    ),
    "leaving Dynamic IP Pools with a replacement": (
        "dynamic_unenroll_replacement_required",
        "dynamic_unenroll_replacements_exclusive",
        "dynamic_unenroll_ip_not_in_dipp",
        "dynamic_unenroll_ip_not_in_dynamic_pool",
        "dynamic_unenroll_multiple_ips_dedicated",
        "dynamic_unenroll_replacement_pool_exists",
        "dynamic_unenroll_replacement_ip_assigned",
        "dynamic_unenroll_replacement_pool_linked",
    ),
    "overrides": ("dynamic_override_pool_must_be_valid", "dynamic_override_sets_pool"),
    "removing a domain's IP": (
        "domain_ips_path_value_kinds",
        "domain_ips_remove_single_ip",
        "domain_ips_no_ip_change_while_dipp_linked",
        "domain_ips_all_removes_domain_pool",
    ),
    "unlinking a domain's DIPP": (
        "domain_ips_unlink_replacement_required",
        "domain_ips_unlink_replacements_exclusive",
        "domain_ips_ip_pool_unlinks_dipp",
        "domain_ips_unlink_replacement_dipp_linked",
        "domain_ips_unlink_replacement_ip_assigned",
        "domain_ips_shared_assigns_shared_ip",
    ),
    "an IP on every domain": (
        "ips_assign_all_adds_to_every_domain",
        "ips_remove_all_clears_every_domain",
        "ips_remove_all_alternative_replaces",
    ),
    "removing the dynamic pools": (
        "dynamic_remove_all_needs_unenrolled",
        "dynamic_remove_all_clears_pools",
        "dynamic_remove_all_keeps_dipps",
    ),
    "creating a DIPP": ("dipp_create_returns_new_id", "dipp_list_covers_all_pools"),
    "a new dedicated IP": ("ips_new_ip_added_as_dedicated",),
}


# The sections of the state each step may change when it is accepted (see invariants.SECTIONS).
STEP_CHANGES: dict[str, frozenset[str]] = {
    "create_dipp": frozenset({DIPPS, IPS}),
    "add_ip_to_dipp": frozenset({DIPPS, IPS, DOMAINS}),
    "remove_ip_from_dipp": frozenset({DIPPS, IPS, DOMAINS}),
    "delete_dipp": frozenset({DIPPS, IPS, DOMAINS}),
    "edit_dipp": frozenset({DIPPS, IPS, DOMAINS}),
    "set_dynamic_pools": frozenset({DYNAMIC, DOMAINS, ENROLLMENT}),
    "add_ip_to_dynamic_pool": frozenset({DYNAMIC, DOMAINS, ENROLLMENT}),
    "update_dynamic_pool": frozenset({DYNAMIC, DOMAINS, ENROLLMENT}),
    "remove_the_dynamic_pools": frozenset({DYNAMIC, DOMAINS, ENROLLMENT}),
    "enroll_or_leave": frozenset({ENROLLMENT, DOMAINS, DIPPS, DYNAMIC}),
    "leave_with_a_replacement": frozenset({ENROLLMENT, DOMAINS, DIPPS, DYNAMIC}),
    "override": frozenset({ENROLLMENT, DOMAINS, DYNAMIC}),
    "warm_up_or_cancel": frozenset({WARMUPS, DYNAMIC, DOMAINS}),
    "remove_a_domain_ip_by_a_bad_name": frozenset({DOMAINS, DIPPS, ENROLLMENT}),
    "remove_a_domain_ip": frozenset({DOMAINS, DIPPS, ENROLLMENT}),
    "unlink_a_dipp": frozenset({DOMAINS, DIPPS, ENROLLMENT}),
    "an_ip_on_every_domain": frozenset({DOMAINS, DIPPS, ENROLLMENT}),
    "request_a_new_ip": frozenset({IPS}),
}


def covered_rules() -> set[str]:
    from mgip.contracts import invariants

    return invariants.covered_rules() | {r for rules in STEP_CHECKS.values() for r in rules}


class Recorder:
    """Shared by the machine instances of one run: what ran, what failed, after which steps."""

    def __init__(self) -> None:
        self.outcomes = {c.name: CheckOutcome(c.name, c.rules) for c in CHECKS}
        self.outcomes.update({n: CheckOutcome(n, rules) for n, rules in STEP_CHECKS.items()})
        self.outcomes[ANSWERS] = CheckOutcome(ANSWERS, ())
        self.answers: SpecCheckedTransport | None = None
        self.steps = 0  # steps taken (reads and writes)
        self.writes = 0  # writes attempted (some kept back by a scope guard or a dry run)
        self.first_failure: float | None = None  # perf_counter() when a check first failed
        self.stopped = ""  # set when nothing more may be sent (deadline, target gone)
        # In the shrinking pass only: checks whose failure ends the example, so that
        # Hypothesis can shrink it (see `run`).
        self.raise_on: set[str] = set()
        self.until: float | None = None  # time.monotonic() when the shrinking pass ends
        # Set once the invariants have run on the state every example starts from.
        self.swept = False

    def failed(self) -> None:
        if self.first_failure is None:
            self.first_failure = time.perf_counter()

    def broke(self, check: str, log: list[str]) -> None:
        """A check failed after the steps in `log`. In the main run the machine goes on; in
        the shrinking pass the example ends here, so that Hypothesis shrinks it."""
        if check in self.raise_on:
            self.outcomes[check].steps = list(log)
            raise AssertionError(check)

    def fault(self, fault: Exception, log: list[str]) -> None:
        """An answer a step or a check needed could not be had or read: a finding about the
        target (under the answers check), never an exception out of the machine."""
        if isinstance(fault, DeadlineReached):
            self.stopped = "the run's time was up"
            return
        outcome = self.outcomes[ANSWERS]
        if isinstance(fault, TargetGone):
            self.stopped = f"the target stopped answering ({fault.finding})"
        if not isinstance(fault, OffSpecAnswer):  # those are in the answers' findings already
            self.failed()
            if len(outcome.problems) < 20 and isinstance(fault, TargetFault):
                outcome.problems += [fault.finding, f"    {fault.command}"]
            outcome.steps = outcome.steps or list(log)
