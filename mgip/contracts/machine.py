"""Layer 3: a Hypothesis state machine that changes the target and checks the rules after each step.

The steps are the writes a client makes (DIPPs, dynamic pools, enrollment, overrides, warm-ups),
with arguments drawn from what the target lists at that moment, so most of them are meaningful.
A refusal is an acceptable outcome of a step; what must hold is every invariant in
`mgip.contracts.invariants`, read back through the generated client. After a step that was accepted,
the invariants that read a section of the state the step may change (`STEP_CHANGES`) run again;
at the end of every example all of them do, on fresh reads, so a change a server makes where it
should not is still caught. Hypothesis shrinks a failure to the shortest sequence of steps that
still breaks the rule.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import hypothesis.strategies as st
from hypothesis import HealthCheck, Phase, settings
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from mailgun_ip_client import ApiError

from mgip.contracts import restore
from mgip.contracts.answers import OffSpecAnswer, SpecCheckedTransport
from mgip.contracts.invariants import (
    CHECKS,
    DIPPS,
    DOMAINS,
    DYNAMIC,
    ENROLLMENT,
    IPS,
    WARMUPS,
    View,
)
from mgip.contracts.strictness import not_found_holds, refusal_holds
from mgip.contracts.target import Target, shut, transport
from mgip.contracts.wire import DeadlineReached, TargetFault, TargetGone

POOL_NAMES = ("dynamic_good", "dynamic_poor", "dynamic_new")
# How long an asynchronous effect may take to show before the target is said never to settle.
SETTLE_SECONDS = 10.0
ANSWERS = "answers match the spec"
# Rounds added after the first while some check was never exercised (see `run`).
EXTRA_ROUNDS = 4


@dataclass(slots=True)
class CheckOutcome:
    name: str
    rules: tuple[str, ...]
    runs: int = 0
    problems: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
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


class _Recorder:
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


def _guarded(
    recorder: _Recorder, *, counted: bool = False
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Runs a step (`counted`) or an invariant unless the run has stopped; a fault of the
    target's ends that step (its checks are not counted as run) instead of the whole machine."""

    def decorate(function: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(function)
        def guarded(machine: Any, *args: Any, **kwargs: Any) -> None:
            if recorder.stopped:
                return
            recorder.steps += counted
            if counted:
                machine.step = function.__name__
            try:
                function(machine, *args, **kwargs)
            except (TargetFault, DeadlineReached) as fault:
                recorder.fault(fault, machine.log)

        return guarded

    return decorate


def _client(
    target: Target, profile: str, answers: SpecCheckedTransport | None = None
) -> tuple[Any, Any, Any]:
    """The generated client for the target, the scope guard its writes pass (or None), and the
    transport to shut down afterwards. With `answers`, every answer is also checked against the
    spec on its way to the client."""
    from mailgun_ip_client import MailgunIp

    from mgip.contracts import profiles

    options: dict[str, Any] = dict(profiles.client_options(profile, target.account_id))
    guard = None
    channel = transport(target)
    if target.app is not None:
        options["httpx_args"] = {"transport": _checked(channel, answers)}
    else:
        from mgip.contracts.polite import PoliteTransport

        # The spec check sits under the scope guard: it sees the target's answers, never the
        # guard's own refusals of writes outside the scope.
        wire: Any = _checked(PoliteTransport(channel, limits=target.limits), answers)
        if target.scope is not None:
            from mgip.contracts.scope import ScopeGuard

            guard = ScopeGuard(wire, target.scope, dry_run=target.dry_run)
            wire = guard
        options["httpx_args"] = {"transport": wire}
    client = MailgunIp(target.api_key, base_url=target.base_url, **options)
    return client, guard, channel


def _checked(transport: Any, answers: SpecCheckedTransport | None) -> Any:
    if answers is None:
        return transport
    answers.inner = transport
    return answers


def build_machine(
    target: Target, recorder: _Recorder, client: Any, guard: Any = None
) -> type[RuleBasedStateMachine]:
    writes = not target.read_only
    # The target offers mgip's control interface, and the run may use it (see `_eventually`).
    control = target.app is not None or (target.control and writes and target.scope is None)

    guarded = _guarded(recorder)
    step = _guarded(recorder, counted=True)

    class IpManagement(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.log: list[str] = []
            self.sent = True
            self.step = ""  # the step being taken (set by `step`)
            # What the target has told this example, until a write may have changed it.
            self.view = View(client, strictness=target.strictness)
            # The sections changed since the invariants last ran (see STEP_CHANGES).
            self.dirty: set[str] = set()
            self.sweep = False  # run every check at the next invariant

        @initialize()
        def start_from_the_scenario(self) -> None:
            if not recorder.swept:  # every example starts from the state swept here
                recorder.swept = True
                self.sweep = True
            if target.app is not None:
                target.app.reset()
            elif control:
                # A mock with mgip's control interface: every example starts from its scenario.
                try:
                    client.client.get_httpx_client().post(
                        "/mgip/reset", headers=target.control_headers
                    )
                except (TargetFault, DeadlineReached) as fault:
                    recorder.fault(fault, self.log)

        def _view(self) -> View:
            return self.view

        def _scoped(self, kind: str, candidates: Iterable[Any]) -> list[Any]:
            """With a scope, the candidates it names ("ip", "domain", "dipp"; DIPPs the run
            created too, and only those for "created"): the guard would keep any other write."""
            scope = target.scope
            if scope is None:
                return list(candidates)
            made: set[str] = guard.created if guard is not None else set()
            allowed = {
                "ip": scope.ips,
                "domain": scope.domains,
                "dipp": scope.dipps | made,
                "created": made,
            }[kind]
            return [c for c in candidates if getattr(c, "pool_id", c) in allowed]

        def _attempt(self, description: str, action: Any) -> ApiError | None:
            """Take a step; its refusal, if it was refused."""
            self.log.append(description)
            recorder.writes += 1
            self.sent = True
            self.view.forget()  # whatever the answer, nothing read before may be relied on
            try:
                action()
            except ApiError as error:
                # 418: the scope guard kept the write (or a dry run planned it): nothing to judge.
                self.sent = error.status_code != 418
                return error
            self.dirty |= STEP_CHANGES[self.step]
            return None

        def _expect(self, check: str, rule_id: str, holds: bool, message: str) -> None:
            if not self.sent:
                return
            outcome = recorder.outcomes[check]
            outcome.runs += 1
            if not holds:
                # Recorded once per rule, with the steps that led there; the machine goes on,
                # so that one broken rule does not hide the others.
                recorder.failed()
                if not any(p.startswith(f"{rule_id}:") for p in outcome.problems):
                    outcome.problems.append(f"{rule_id}: {message}")
                    outcome.steps = outcome.steps or list(self.log)
                recorder.broke(check, self.log)

        def _eventually(self, check: str, rule_id: str, holds: Any, message: str) -> None:
            """An asynchronous effect: poll (bounded) until it shows; fail if it never does.

            A target with mgip's control interface runs its pending jobs on request: once they
            have run, the effect must show, so a missing one fails at once instead of at the
            deadline."""
            deadline = time.monotonic() + SETTLE_SECONDS
            settled = False
            while not holds():
                if settled or time.monotonic() > deadline:
                    after = "the pending jobs it ran" if settled else f"{SETTLE_SECONDS:.0f} s"
                    self._expect(check, rule_id, False, f"{message} (not settled within {after})")
                    return
                settled = (
                    control
                    and client.client.get_httpx_client()
                    .post("/mgip/jobs/settle", headers=target.control_headers)
                    .status_code
                    == 200
                )
                if not settled:
                    time.sleep(0.2)
            self._expect(check, rule_id, True, "")

        def _linked_own(self, pool_id: str) -> set[str]:
            """The account's own domains linked to a DIPP (the subaccounts' are not listed)."""
            linked = self._view().dipp(pool_id).linked_domains
            own = {d.name for d in self._view().assignable()}
            return set(linked if isinstance(linked, list) else []) & own

        def _has_shared_ip(self, name: str) -> bool:
            shared = set(client.ips.list_all(dedicated=False).items)
            return any(name in self._domains_of(ip) for ip in shared)

        def _domains_of(self, ip: str) -> set[str]:
            return {d.domain for d in client.ips.list_domains(ip, limit=1000).items}

        def _refused(self, check: str, rule_id: str, error: ApiError | None) -> None:
            status = None if error is None else error.status_code
            holds, expected = refusal_holds(rule_id, status, target.strictness)
            if holds is None or not self.sent:
                return  # nothing the target is held to was tested: not counted as a run
            got = "200 (accepted)" if error is None else str(error.status_code)
            self._expect(check, rule_id, holds, f"{expected}, got {got}")

        # --- steps -----------------------------------------------------------------------------
        @rule(data=st.data())
        @step
        def create_dipp(self, data: st.DataObject) -> None:
            from mailgun_ip_client.models import CreateDippForm

            candidates = self._scoped("ip", self._view().ips(dedicated=True).items)
            if not writes:
                return
            chosen = (
                data.draw(st.lists(st.sampled_from(candidates), max_size=3, unique=True))
                if candidates
                else []
            )
            form = CreateDippForm(
                name=f"pool-{len(self.log)}", description="made by mgip", ip=chosen
            )
            created: list[Any] = []
            error = self._attempt(
                f"dipps.create(body=CreateDippForm(name={form.name!r}, "
                f"description={form.description!r}, ip={chosen!r}))",
                lambda: created.append(client.dipps.create(body=form)),
            )
            if error is None and created:
                details = client.dipps.get(created[0].pool_id).details
                shown = (details.name, details.description, sorted(details.ips))
                self._expect(
                    "creating a DIPP",
                    "dipp_create_returns_new_id",
                    shown == (form.name, form.description, sorted(chosen)),
                    f"the new DIPP shows {shown}",
                )
                listed = [p.pool_id for p in client.dipps.list_all().ip_pools]
                self._expect(
                    "creating a DIPP",
                    "dipp_list_covers_all_pools",
                    created[0].pool_id in listed,
                    f"the new DIPP {created[0].pool_id} is not in the DIPP list {listed}",
                )

        @rule(data=st.data())
        @step
        def add_ip_to_dipp(self, data: st.DataObject) -> None:
            view = self._view()
            pools, ips = view.dipps(), self._scoped("ip", view.ips().items)
            mine = self._scoped("dipp", pools)
            if not writes or not mine or not ips:
                return
            pool, ip = data.draw(st.sampled_from(mine)), data.draw(st.sampled_from(ips))
            holder = next((p for p in pools if ip in p.ips and p.pool_id != pool.pool_id), None)
            dedicated = set(view.ips(dedicated=True).items)
            linked = self._linked_own(pool.pool_id)
            error = self._attempt(
                f"dipps.add_ip({pool.pool_id!r}, {ip!r})",
                lambda: client.dipps.add_ip(pool.pool_id, ip),
            )
            check = "adding an IP to a DIPP"
            if pool.is_inherited:
                self._refused(check, "dipp_inherited_add_ip_forbidden", error)
            elif holder is not None:
                self._refused(check, "dipp_add_ip_not_in_other_dipp", error)
            elif ip not in dedicated:
                self._refused(check, "dipp_added_ip_must_be_dedicated", error)
            elif error is None:
                ips_now = client.dipps.get(pool.pool_id).details.ips
                self._expect(
                    check, "dipp_add_ip_joins_pool", ip in ips_now, f"{ip} not in {ips_now}"
                )
                # The effect of an IP joining the pool: an IP it held already was not added
                # (whether its linked domains still have it is another rule's question).
                if linked and ip not in pool.ips:
                    self._eventually(
                        check,
                        "dipp_add_ip_updates_linked_domains",
                        lambda: linked <= self._domains_of(ip),
                        f"the linked domains {sorted(linked)} never got {ip}",
                    )

        @rule(data=st.data())
        @step
        def remove_ip_from_dipp(self, data: st.DataObject) -> None:
            pools = self._scoped("dipp", self._view().dipps())
            pairs = [(p, ip) for p in pools for ip in self._scoped("ip", p.ips)]
            if not writes or not pairs:
                return
            pool, ip = data.draw(st.sampled_from(pairs))
            linked = self._linked_own(pool.pool_id)
            error = self._attempt(
                f"dipps.remove_ip({pool.pool_id!r}, {ip!r})",
                lambda: client.dipps.remove_ip(pool.pool_id, ip),
            )
            check = "removing an IP from a DIPP"
            if pool.is_inherited:
                self._refused(check, "dipp_inherited_remove_ip_forbidden", error)
            elif error is None:
                ips_now = client.dipps.get(pool.pool_id).details.ips
                self._expect(
                    check,
                    "dipp_remove_ip_leaves_pool",
                    ip not in ips_now,
                    f"{ip} still in {ips_now}",
                )
                if linked:
                    self._eventually(
                        check,
                        "dipp_remove_ip_updates_linked_domains",
                        lambda: not linked & self._domains_of(ip),
                        f"the linked domains {sorted(linked)} kept {ip}",
                    )

        @rule(data=st.data())
        @step
        def delete_dipp(self, data: st.DataObject) -> None:
            view = self._view()
            pools, ips = view.dipps(), self._scoped("ip", view.ips().items)
            # With a scope, only DIPPs the run created: a deleted DIPP cannot be put back.
            deletable = self._scoped("created", pools)
            if not writes or not deletable:
                return
            pool = data.draw(st.sampled_from(deletable))
            kind = data.draw(st.sampled_from(["none", "shared", "pool", "ip"]))
            kwargs: dict[str, str] = {}
            replacement: Any = None
            if kind == "shared":
                kwargs["ip"] = "shared"
            elif kind == "pool":
                replacement = data.draw(st.sampled_from(self._scoped("dipp", pools)))
                kwargs["pool_id_query"] = replacement.pool_id
            elif kind == "ip" and ips:
                kwargs["ip"] = data.draw(st.sampled_from(ips))
            linked = self._linked_own(pool.pool_id)
            error = self._attempt(
                f"dipps.delete({pool.pool_id!r}, **{kwargs!r})",
                lambda: client.dipps.delete(pool.pool_id, **kwargs),
            )
            check = "deleting a DIPP"
            dedicated = set(view.ips(dedicated=True).items)
            address = kwargs.get("ip")
            holder = next(
                (p for p in pools if address in p.ips and p.pool_id != pool.pool_id), None
            )
            if pool.is_inherited:
                rule_id = (
                    "dipp_inherited_no_ip_replacement"
                    if address
                    else "dipp_inherited_not_deletable"
                )
                self._refused(check, rule_id, error)
            elif (
                replacement is not None
                and replacement.pool_id != pool.pool_id
                and not replacement.ips
            ):
                self._refused(check, "dipp_delete_replacement_pool_not_empty", error)
            elif address and address != "shared" and address not in dedicated:
                self._refused(check, "dipp_delete_replacement_ip_dedicated", error)
            elif address and address != "shared" and holder is not None:
                self._refused(check, "dipp_delete_replacement_ip_not_in_dipp", error)
            elif kind in ("none", "ip") and not kwargs and pool.ips:
                self._refused(check, "dipp_delete_replacement_required_if_ips", error)
            elif error is None:
                listed = [p.pool_id for p in client.dipps.list_all().ip_pools]
                try:
                    client.dipps.get(pool.pool_id)
                    gone = False
                except ApiError as missing:
                    gone = not_found_holds(missing.status_code, target.strictness)[0]
                self._expect(
                    check,
                    "dipp_delete_removes_pool",
                    gone and pool.pool_id not in listed,
                    f"{pool.pool_id} is still there",
                )
                if linked and replacement is not None and replacement.pool_id != pool.pool_id:
                    self._eventually(
                        check,
                        "dipp_delete_relinks_to_replacement",
                        lambda: linked <= set(_linked_now(replacement.pool_id)),
                        f"{sorted(linked)} were not relinked to {replacement.pool_id}",
                    )
                if linked and address == "shared":
                    self._eventually(
                        check,
                        "dipp_delete_shared_assigns_shared_ips",
                        lambda: all(self._has_shared_ip(name) for name in linked),
                        f"{sorted(linked)} did not all get a shared IP",
                    )
                if linked and address and address != "shared":
                    self._eventually(
                        check,
                        "dipp_delete_replacement_ip_assigned",
                        lambda: linked <= self._domains_of(address),
                        f"{sorted(linked)} did not get the replacement IP {address}",
                    )

        def _pools(self) -> dict[str, list[str]]:
            return {p.name: list(p.ips) for p in self._view().dynamic_pools().pools}

        def _warming(self) -> set[str]:
            details = self._view().ips().details
            return {
                d.ip
                for d in (details if isinstance(details, list) else [])
                if d.is_on_warmup is True
            }

        @rule(data=st.data())
        @step
        def set_dynamic_pools(self, data: st.DataObject) -> None:
            from mailgun_ip_client.models import SetDynamicPoolsForm

            view = self._view()
            ips = self._scoped("ip", view.ips().items)
            if not writes or len(ips) < 3:
                return
            # Often only dedicated IPs (else a shared one is refused every time), and a subset of
            # them, so that some former members are given to no pool.
            dedicated_only = self._scoped("ip", view.ips(dedicated=True).items)
            if len(dedicated_only) >= 3 and data.draw(st.booleans()):
                ips = dedicated_only
            shuffled = data.draw(st.permutations(ips))[: data.draw(st.integers(3, len(ips)))]
            cut = data.draw(st.integers(1, len(shuffled) - 2))
            cut2 = data.draw(st.integers(cut + 1, len(shuffled) - 1))
            wanted = {
                "dynamic_good": list(shuffled[:cut]),
                "dynamic_poor": list(shuffled[cut:cut2]),
                "dynamic_new": list(shuffled[cut2:]),
            }
            if data.draw(st.booleans()):
                wanted["dynamic_poor"].append(wanted["dynamic_good"][0])  # one IP in two pools
            dedicated, warming = set(view.ips(dedicated=True).items), self._warming()
            form = SetDynamicPoolsForm(
                good_reputation=wanted["dynamic_good"],
                poor_reputation=wanted["dynamic_poor"],
                new_senders=wanted["dynamic_new"],
            )
            error = self._attempt(
                "dynamic_pools.set_all(body=SetDynamicPoolsForm(good_reputation="
                f"{wanted['dynamic_good']!r}, poor_reputation={wanted['dynamic_poor']!r}, "
                f"new_senders={wanted['dynamic_new']!r}))",
                lambda: client.dynamic_pools.set_all(body=form),
            )
            check = "setting all dynamic pools"
            given = [ip for ips_ in wanted.values() for ip in ips_]
            if any(ip not in dedicated for ip in given):
                self._refused(check, "dynamic_set_all_ips_dedicated", error)
            elif len(given) != len(set(given)):
                self._refused(check, "dynamic_ip_in_one_pool", error)
            elif any(all(ip in warming for ip in ips_) for ips_ in wanted.values()):
                self._refused(check, "dynamic_set_all_ready_ip_per_pool", error)
            elif error is None:
                now = {name: sorted(ips_) for name, ips_ in self._pools_now().items()}
                expected = {name: sorted(ips_) for name, ips_ in wanted.items()}
                self._expect(
                    check, "dynamic_set_all_replaces_ips", now == expected, f"pools are {now}"
                )

        def _pools_now(self) -> dict[str, list[str]]:
            return {p.name: list(p.ips) for p in client.dynamic_pools.list_all().pools}

        @rule(data=st.data())
        @step
        def add_ip_to_dynamic_pool(self, data: st.DataObject) -> None:
            view = self._view()
            ips = self._scoped("ip", view.ips().items)
            if not writes or not ips:
                return
            pool, ip = data.draw(st.sampled_from(POOL_NAMES)), data.draw(st.sampled_from(ips))
            pools, dedicated = self._pools(), set(view.ips(dedicated=True).items)
            error = self._attempt(
                f"dynamic_pools.add_ip({pool!r}, {ip!r})",
                lambda: client.dynamic_pools.add_ip(pool, ip),
            )
            check = "changing a dynamic pool"
            if pool not in pools:
                self._refused(check, "dynamic_pool_name_must_exist", error)
            elif ip not in dedicated:
                self._refused(check, "dynamic_add_ip_dedicated", error)
            elif any(ip in ips_ for name, ips_ in pools.items() if name != pool):
                self._refused(check, "dynamic_ip_in_one_pool", error)
            elif error is None:
                now = self._pools_now().get(pool, [])
                self._expect(check, "dynamic_add_ip_joins_pool", ip in now, f"{ip} not in {now}")

        @rule(data=st.data())
        @step
        def update_dynamic_pool(self, data: st.DataObject) -> None:
            from mailgun_ip_client.models import UpdateDynamicPoolForm

            view = self._view()
            dedicated = list(view.ips(dedicated=True).items)
            pools = self._pools()
            if not writes or not dedicated or not pools:
                return
            pool = data.draw(st.sampled_from(sorted(pools)))
            # Any IP of the account: a shared one must be refused (the pools hold dedicated IPs).
            every = self._scoped("ip", view.ips().items)
            removable = self._scoped("ip", dedicated + pools[pool])
            add = data.draw(st.lists(st.sampled_from(every), max_size=2, unique=True))
            remove = data.draw(st.lists(st.sampled_from(removable), max_size=2, unique=True))
            if set(add) & set(remove):
                return
            warming = self._warming()
            form = UpdateDynamicPoolForm(add_ip=add, remove_ip=remove)
            error = self._attempt(
                f"dynamic_pools.update({pool!r}, "
                f"body=UpdateDynamicPoolForm(add_ip={add!r}, remove_ip={remove!r}))",
                lambda: client.dynamic_pools.update(pool, body=form),
            )
            check = "changing a dynamic pool"
            result = [ip for ip in pools[pool] if ip not in remove] + [
                ip for ip in add if ip not in pools[pool]
            ]
            if any(ip in ips_ for name, ips_ in pools.items() if name != pool for ip in add):
                self._refused(check, "dynamic_ip_in_one_pool", error)
            elif all(ip in warming for ip in result):
                self._refused(check, "dynamic_update_keeps_ready_ip", error)
            elif error is None:
                now = sorted(self._pools_now().get(pool, []))
                self._expect(
                    check,
                    "dynamic_update_applies_changes",
                    now == sorted(result),
                    f"{pool} holds {now}, not {sorted(result)}",
                )

        @rule(data=st.data())
        @step
        def enroll_or_leave(self, data: st.DataObject) -> None:
            view = self._view()
            every = {d.name for d in view.assignable()} | {d.name for d in view.enrolled()}
            names = sorted(self._scoped("domain", every))
            if not writes or not names:
                return
            name = data.draw(st.sampled_from(names))
            check = "enrollment"
            if data.draw(st.booleans()):
                error = self._attempt(
                    f"dynamic_pools.enroll_domain({name!r})",
                    lambda: client.dynamic_pools.enroll_domain(name),
                )
                if error is None:
                    enrolled = {d.name for d in client.dynamic_pools.list_domains().items}
                    assignable = {
                        d.name for d in client.dynamic_pools.list_assignable_domains().items
                    }
                    holds = name in enrolled and name not in assignable
                    self._expect(
                        check,
                        "dynamic_enroll_assigns_pool",
                        holds,
                        f"{name} enrolled: {name in enrolled}, assignable: {name in assignable}",
                    )
            else:
                error = self._attempt(
                    f"dynamic_pools.unenroll_domain({name!r}, replacement_ip=['shared'])",
                    lambda: client.dynamic_pools.unenroll_domain(name, replacement_ip=["shared"]),
                )
                if error is None:
                    enrolled = {d.name for d in client.dynamic_pools.list_domains().items}
                    self._expect(
                        check,
                        "dynamic_unenroll_leaves_pools",
                        name not in enrolled,
                        f"{name} is still enrolled",
                    )
                    self._expect(
                        check,
                        "dynamic_unenroll_shared_assigns_shared_ip",
                        self._has_shared_ip(name),
                        f"{name} got no shared IP",
                    )

        @rule(data=st.data())
        @step
        def warm_up_or_cancel(self, data: st.DataObject) -> None:
            view = self._view()
            ips = self._scoped("ip", view.ips().items)
            if not writes or not ips:
                return
            ip = data.draw(st.sampled_from(ips))
            dedicated = set(view.ips(dedicated=True).items)
            check = "warm-up plans"
            creating = data.draw(st.booleans())
            if creating:
                error = self._attempt(f"warmups.create({ip!r})", lambda: client.warmups.create(ip))
            else:
                error = self._attempt(f"warmups.cancel({ip!r})", lambda: client.warmups.cancel(ip))
            if ip not in dedicated:
                self._refused(check, "warmup_ip_must_be_dedicated", error)
            elif error is None:
                # One large page: how the list pages is for warmup_list_paginated to judge.
                listed = {w.ip for w in client.warmups.list_all(limit=1000).items}
                try:
                    client.warmups.get(ip)
                    status = 200
                except ApiError as refused:
                    status = refused.status_code
                if creating:
                    details = client.ips.list_all().details
                    marked = not isinstance(details, list) or any(
                        d.ip == ip and d.is_on_warmup is True for d in details
                    )
                    self._expect(
                        check,
                        "warmup_create_starts_plan",
                        ip in listed and status == 200 and marked,
                        f"{ip}: listed {ip in listed}, status {status}, on warmup {marked}",
                    )
                else:
                    self._expect(
                        check,
                        "warmup_cancel_ends_plan",
                        ip not in listed
                        and refusal_holds(
                            "warmup_get_requires_in_flight",
                            None if status == 200 else status,
                            target.strictness,
                        )[0]
                        is not False,
                        f"{ip}: still listed {ip in listed}, status {status}",
                    )

        @rule(data=st.data())
        @step
        def edit_dipp(self, data: st.DataObject) -> None:
            from mailgun_ip_client.models import EditDippForm

            pools = self._scoped("dipp", self._view().dipps())
            if not writes or not pools:
                return
            pool = data.draw(st.sampled_from(pools))
            kind = data.draw(st.sampled_from(["rename", "same name", "describe", "add an IP"]))
            view = self._view()
            free = [
                ip
                for ip in self._scoped("ip", view.ips(dedicated=True).items)
                if not any(ip in p.ips for p in view.dipps())
            ]
            if kind == "add an IP" and not free:
                return
            linked = self._linked_own(pool.pool_id)
            if kind == "add an IP":
                form = EditDippForm(add_ip=free[:1])
            elif kind == "same name":
                form = EditDippForm(name=pool.name)
            elif kind == "rename":
                form = EditDippForm(name=f"renamed-{len(self.log)}")
            else:
                form = EditDippForm(description=f"described at step {len(self.log)}")
            error = self._attempt(
                f"dipps.edit({pool.pool_id!r}, body={form!r})",
                lambda: client.dipps.edit(pool.pool_id, body=form),
            )
            check = "editing a DIPP"
            if pool.is_inherited:
                self._refused(check, "dipp_inherited_not_editable", error)
            elif kind == "same name":
                self._refused(check, "dipp_edit_without_change_rejected", error)
            elif error is None and kind == "add an IP":
                added = free[0]
                self._expect(
                    check,
                    "dipp_edit_applies_fields",
                    added in client.dipps.get(pool.pool_id).details.ips,
                    f"{added} is not in the DIPP",
                )
                if linked:
                    self._eventually(
                        check,
                        "dipp_edit_ip_change_updates_domains",
                        lambda: linked <= self._domains_of(added),
                        f"the linked domains {sorted(linked)} never got {added}",
                    )
            elif error is None:
                details = client.dipps.get(pool.pool_id).details
                shown = details.name if kind == "rename" else details.description
                wanted = form.name if kind == "rename" else form.description
                self._expect(check, "dipp_edit_applies_fields", shown == wanted, f"shows {shown!r}")

        @rule(data=st.data())
        @step
        def leave_with_a_replacement(self, data: st.DataObject) -> None:
            view = self._view()
            enrolled = sorted(self._scoped("domain", (d.name for d in view.enrolled())))
            if not writes or not enrolled:
                return
            name = data.draw(st.sampled_from(enrolled))
            dipps = view.dipps()
            replacements = self._scoped("dipp", dipps)
            in_dipps = sorted(self._scoped("ip", {ip for p in dipps for ip in p.ips}))
            pooled = {ip for p in view.dynamic_pools().pools for ip in p.ips}
            in_dynamic = sorted(self._scoped("ip", pooled))
            dedicated = self._scoped("ip", view.ips(dedicated=True).items)
            free = [ip for ip in dedicated if ip not in in_dipps and ip not in in_dynamic]
            variants = ["neither", "both", "unknown pool", "shared and an IP"]
            variants += ["IP in a DIPP"] if in_dipps else []
            variants += ["IP in a dynamic pool"] if in_dynamic else []
            variants += ["free IP"] if free else []
            variants += ["a DIPP"] if replacements else []
            variant = data.draw(st.sampled_from(variants))
            unknown = next(
                f"{n:024x}" for n in range(1, 99) if f"{n:024x}" not in {p.pool_id for p in dipps}
            )
            choices: dict[str, dict[str, Any]] = {
                "neither": {},
                "both": {
                    "replacement_ip": [dedicated[0] if dedicated else "shared"],
                    "replacement_pool_id": unknown,
                },
                "unknown pool": {"replacement_pool_id": unknown},
                "shared and an IP": {
                    "replacement_ip": ["shared", *(dedicated[:1] or ["192.0.2.1"])]
                },
                "IP in a DIPP": {"replacement_ip": in_dipps[:1]},
                "IP in a dynamic pool": {"replacement_ip": in_dynamic[:1]},
                "free IP": {"replacement_ip": free[:2]},
                "a DIPP": {"replacement_pool_id": replacements[0].pool_id if replacements else ""},
            }
            kwargs = choices[variant]
            error = self._attempt(
                f"dynamic_pools.unenroll_domain({name!r}, **{kwargs!r})",
                lambda: client.dynamic_pools.unenroll_domain(name, **kwargs),
            )
            check = "leaving Dynamic IP Pools with a replacement"
            predicted = {
                "neither": "dynamic_unenroll_replacement_required",
                "both": "dynamic_unenroll_replacements_exclusive",
                "unknown pool": "dynamic_unenroll_replacement_pool_exists",
                "shared and an IP": "dynamic_unenroll_multiple_ips_dedicated",
                "IP in a DIPP": "dynamic_unenroll_ip_not_in_dipp",
                "IP in a dynamic pool": "dynamic_unenroll_ip_not_in_dynamic_pool",
            }
            if variant in predicted:
                self._refused(check, predicted[variant], error)
                still = name in {d.name for d in client.dynamic_pools.list_domains().items}
                self._expect(check, predicted[variant], still, f"{name} left the pools anyway")
            elif error is None and variant == "free IP":
                missing = [
                    ip for ip in kwargs["replacement_ip"] if name not in self._domains_of(ip)
                ]
                self._expect(
                    check,
                    "dynamic_unenroll_replacement_ip_assigned",
                    not missing,
                    f"{name} did not get {missing}",
                )
            elif error is None:
                pool_id = kwargs["replacement_pool_id"]
                self._expect(
                    check,
                    "dynamic_unenroll_replacement_pool_linked",
                    name in _linked_now(pool_id),
                    f"{name} is not linked to {pool_id}",
                )

        @rule(data=st.data())
        @step
        def override(self, data: st.DataObject) -> None:
            from mailgun_ip_client.models import OverrideForm

            enrolled = sorted(self._scoped("domain", (d.name for d in self._view().enrolled())))
            if not writes or not enrolled:
                return
            name = data.draw(st.sampled_from(enrolled))
            pool = data.draw(st.sampled_from([*POOL_NAMES, "dynamic_best"]))
            error = self._attempt(
                f"dynamic_pools.set_override({name!r}, body=OverrideForm(pool={pool!r}))",
                lambda: client.dynamic_pools.set_override(name, body=OverrideForm(pool=pool)),
            )
            if pool not in POOL_NAMES:
                self._refused("overrides", "dynamic_override_pool_must_be_valid", error)
            elif error is None:
                now = {d.name: d.pool for d in client.dynamic_pools.list_domains().items}
                self._expect(
                    "overrides",
                    "dynamic_override_sets_pool",
                    now.get(name) == pool,
                    f"{name} is in {now.get(name)}",
                )

        @rule(data=st.data())
        @step
        def remove_a_domain_ip_by_a_bad_name(self, data: st.DataObject) -> None:
            names = sorted(self._scoped("domain", (d.name for d in self._view().assignable())))
            if not writes or not names:
                return
            name = data.draw(st.sampled_from(names))
            value = data.draw(st.sampled_from(["every", "pool", "192.0.2", "ip-pool"]))
            error = self._attempt(
                f"ips.remove_domain_ip({name!r}, {value!r})",
                lambda: client.ips.remove_domain_ip(name, value),
            )
            self._refused("removing a domain's IP", "domain_ips_path_value_kinds", error)

        def _domain_ips(self) -> dict[str, set[str]]:
            found: dict[str, set[str]] = {}
            for ip in self._view().ips().items:
                for item in client.ips.list_domains(ip, limit=1000).items:
                    found.setdefault(item.domain, set()).update(item.ips)
            return found

        def _linked_domains(self) -> dict[str, str]:
            """Domain -> the DIPP it is linked to, for the account's own pools."""
            linked: dict[str, str] = {}
            for pool in self._view().dipps():
                for name in _linked_now(pool.pool_id):
                    linked[name] = pool.pool_id
            return linked

        def _own_domains(self) -> set[str]:
            own = {d.name for d in self._view().assignable()}
            mine = target.account_id
            # Without the account's id, enrolled domains of subaccounts cannot be told apart.
            own |= {d.name for d in self._view().enrolled() if mine and d.account_id == mine}
            return own

        @rule(data=st.data())
        @step
        def remove_a_domain_ip(self, data: st.DataObject) -> None:
            domain_ips = self._domain_ips()
            own = set(self._scoped("domain", self._own_domains()))
            pairs = sorted(
                (d, ip)
                for d, ips in domain_ips.items()
                if d in own
                for ip in self._scoped("ip", ips)
            )
            if not writes or not pairs:
                return
            name, ip = data.draw(st.sampled_from(pairs))
            linked = self._linked_domains()
            whole = data.draw(st.booleans())
            value = "all" if whole else ip
            error = self._attempt(
                f"ips.remove_domain_ip({name!r}, {value!r})",
                lambda: client.ips.remove_domain_ip(name, value),
            )
            check = "removing a domain's IP"
            if not whole and name in linked:
                self._refused(check, "domain_ips_no_ip_change_while_dipp_linked", error)
            elif error is None and whole:
                still = {d for d, ips in self._domain_ips().items() if d == name and ips}
                in_pools = name in self._linked_domains()
                self._expect(
                    check,
                    "domain_ips_all_removes_domain_pool",
                    not still and not in_pools,
                    f"{name} still has IPs or a DIPP",
                )
            elif error is None:
                self._expect(
                    check,
                    "domain_ips_remove_single_ip",
                    name not in self._domains_of(ip),
                    f"{name} still has {ip}",
                )

        @rule(data=st.data())
        @step
        def unlink_a_dipp(self, data: st.DataObject) -> None:
            own = set(self._scoped("domain", self._own_domains()))
            linked = {d: p for d, p in self._linked_domains().items() if d in own}
            pools = [p.pool_id for p in self._scoped("dipp", self._view().dipps())]
            free = [
                ip
                for ip in self._scoped("ip", self._view().ips(dedicated=True).items)
                if not any(ip in p.ips for p in self._view().dipps())
            ]
            if not writes or not linked:
                return
            name = data.draw(st.sampled_from(sorted(linked)))
            variant = data.draw(st.sampled_from(["neither", "both", "pool", "ip", "shared"]))
            others = [p for p in pools if p != linked[name]]
            kwargs: dict[str, str] = {
                "shared": {"ip_query": "shared"},
                "neither": {},
                "both": {
                    "ip_query": free[0] if free else "shared",
                    "pool_id": (pools or [linked[name]])[0],
                },
                "pool": {"pool_id": others[0]} if others else {},
                "ip": {"ip_query": free[0]} if free else {},
            }[variant]
            if variant in ("pool", "ip") and not kwargs:
                return
            error = self._attempt(
                f"ips.remove_domain_ip({name!r}, 'ip_pool', **{kwargs!r})",
                lambda: client.ips.remove_domain_ip(name, "ip_pool", **kwargs),
            )
            check = "unlinking a domain's DIPP"
            if variant == "neither":
                self._refused(check, "domain_ips_unlink_replacement_required", error)
            elif variant == "both":
                self._refused(check, "domain_ips_unlink_replacements_exclusive", error)
            elif error is None:
                old = linked[name]
                self._expect(
                    check,
                    "domain_ips_ip_pool_unlinks_dipp",
                    name not in _linked_now(old),
                    f"{old} still lists {name}",
                )
                if variant == "shared":
                    self._expect(
                        check,
                        "domain_ips_shared_assigns_shared_ip",
                        self._has_shared_ip(name),
                        f"{name} got no shared IP",
                    )
                elif variant == "pool":
                    self._expect(
                        check,
                        "domain_ips_unlink_replacement_dipp_linked",
                        name in _linked_now(kwargs["pool_id"]),
                        f"{name} is not linked to {kwargs['pool_id']}",
                    )
                else:
                    self._expect(
                        check,
                        "domain_ips_unlink_replacement_ip_assigned",
                        name in self._domains_of(kwargs["ip_query"]),
                        f"{name} did not get {kwargs['ip_query']}",
                    )

        @rule(data=st.data())
        @step
        def an_ip_on_every_domain(self, data: st.DataObject) -> None:
            ips = list(self._view().ips().items)
            if not writes or not ips:
                return
            ip = data.draw(st.sampled_from(ips))
            check = "an IP on every domain"
            own = self._own_domains()
            if data.draw(st.booleans()):
                error = self._attempt(
                    f"ips.assign_to_all_domains({ip!r})",
                    lambda: client.ips.assign_to_all_domains(ip),
                )
                if error is None:
                    self._eventually(
                        check,
                        "ips_assign_all_adds_to_every_domain",
                        lambda: own <= self._domains_of(ip),
                        f"not every domain got {ip}",
                    )
                return
            had = self._domains_of(ip)
            alternatives = [a for a in ips if a != ip]
            alternative = data.draw(st.sampled_from([None, *alternatives]))
            kwargs = {"alternative": alternative} if alternative else {}
            error = self._attempt(
                f"ips.remove_from_all_domains({ip!r}, **{kwargs!r})",
                lambda: client.ips.remove_from_all_domains(ip, **kwargs),
            )
            if error is None:
                self._eventually(
                    check,
                    "ips_remove_all_clears_every_domain",
                    lambda: not self._domains_of(ip),
                    f"{ip} is still on some domain",
                )
                if alternative:
                    self._eventually(
                        check,
                        "ips_remove_all_alternative_replaces",
                        lambda: had <= self._domains_of(alternative),
                        f"the domains that had {ip} did not all get {alternative}",
                    )

        @rule()
        @step
        def remove_the_dynamic_pools(self) -> None:
            if not writes:
                return
            view = self._view()
            enrolled = [d.name for d in view.enrolled()]
            dipps_before = sorted((p.pool_id, p.name, tuple(p.ips)) for p in view.dipps())
            error = self._attempt("dynamic_pools.remove_all()", client.dynamic_pools.remove_all)
            check = "removing the dynamic pools"
            if enrolled:
                self._refused(check, "dynamic_remove_all_needs_unenrolled", error)
            elif error is None:
                listing = client.dynamic_pools.list_all()
                ips_left = [ip for p in listing.pools for ip in p.ips]
                pools_left = [p.name for p in listing.pools]
                self._expect(
                    check,
                    "dynamic_remove_all_clears_pools",
                    not ips_left and not pools_left,
                    f"pools {pools_left} and IPs {ips_left} are left",
                )
                dipps_after = sorted(
                    (p.pool_id, p.name, tuple(p.ips)) for p in client.dipps.list_all().ip_pools
                )
                self._expect(
                    check,
                    "dynamic_remove_all_keeps_dipps",
                    dipps_after == dipps_before,
                    "the DIPPs changed",
                )

        @rule()
        @step
        def request_a_new_ip(self) -> None:
            if not writes:
                return
            before = set(self._view().ips(dedicated=True).items)
            error = self._attempt("ips.request_new()", client.ips.request_new)
            if error is None:
                after = set(client.ips.list_all(dedicated=True).items)
                self._expect(
                    "a new dedicated IP",
                    "ips_new_ip_added_as_dedicated",
                    len(after - before) == 1 and before <= after,
                    f"dedicated IPs went from {len(before)} to {len(after)}",
                )

        # --- the rules -------------------------------------------------------------------------
        @invariant()
        @guarded
        def answers_match_the_spec(self) -> None:
            if recorder.answers is None:
                return
            outcome = recorder.outcomes[ANSWERS]
            outcome.runs += 1
            problems = recorder.answers.take()
            if problems:
                recorder.failed()
                if len(outcome.problems) < 20:
                    outcome.problems += problems[: 20 - len(outcome.problems)]
                outcome.steps = outcome.steps or list(self.log)
                recorder.broke(ANSWERS, self.log)

        @invariant()
        @guarded
        def the_rules_hold(self) -> None:
            """The checks that read what the last steps may have changed."""
            dirty, self.dirty = self.dirty, set()
            if self.sweep:  # the state every example starts from
                self.sweep = False
                self._check(CHECKS)
            else:
                self._check([c for c in CHECKS if c.after_steps and c.reads & dirty])

        @guarded
        def teardown(self) -> None:
            """Every check, on fresh reads, at the end of the example: a change a server made
            outside what its step may change shows here at the latest."""
            if self.log:  # an example without a step leaves the swept state as it was
                self.view.forget()
                self._check(CHECKS)

        def _check(self, checks: list[Any]) -> None:
            view = self.view
            for item in checks:
                if recorder.stopped:
                    return
                outcome = recorder.outcomes[item.name]
                try:
                    problems = item.run(view)
                except ApiError as error:  # a read the check needed was refused: its finding
                    problems = [f"a read for this check was refused: {error}"]
                except (TargetFault, DeadlineReached) as fault:
                    # The check could not be evaluated: an error, not a pass and not a failure.
                    recorder.fault(fault, self.log)
                    if not isinstance(fault, DeadlineReached) and len(outcome.errors) < 3:
                        outcome.errors.append(str(fault))
                    continue
                outcome.runs += 1
                if problems and not outcome.problems:
                    recorder.failed()
                    outcome.problems = problems
                    outcome.steps = list(self.log)
                if problems:
                    recorder.broke(item.name, self.log)

    def _linked_now(pool_id: str) -> list[str]:
        linked = client.dipps.get(pool_id).details.linked_domains
        return list(linked) if isinstance(linked, list) else []

    return IpManagement


def _put_back(target: Target, keeper: restore.Keeper, created: set[str]) -> list[str]:
    """Put the scope back as it was found: past the run's deadline too (it is bounded by what
    the scope names), and a target that fails meanwhile is a finding, not an exception."""
    target.limits.deadline = None
    try:
        return keeper.finish(created)
    except TargetFault as fault:
        return [f"the put-back stopped: {fault.finding}"]


def _shrink(target: Target, profile: str, recorder: _Recorder, seed: int, config: Any) -> None:
    """The failed checks' steps, shrunk: the main run records a failure and goes on, so
    Hypothesis never sees it; this pass replays the run (on a target that starts every example
    from its scenario) with those failures ending their example, and Hypothesis shrinks each to
    the fewest steps that still break the rule. Only the steps are kept from it."""
    from hypothesis import seed as with_seed

    failed = {name for name, outcome in recorder.outcomes.items() if outcome.problems}
    if not failed or recorder.stopped:
        return
    scratch = _Recorder()
    scratch.answers = SpecCheckedTransport(strictness=target.strictness)
    scratch.raise_on = failed
    client, guard, channel = _client(target, profile, scratch.answers)
    machine = build_machine(target, scratch, client, guard)
    try:
        for extra in range(EXTRA_ROUNDS + 1):
            run_state_machine_as_test(with_seed(seed + extra)(machine), settings=config)
    except AssertionError:
        for name in failed:
            shrunk = scratch.outcomes[name].steps
            if shrunk and len(shrunk) < len(recorder.outcomes[name].steps):
                recorder.outcomes[name].steps = shrunk
    except (TargetFault, DeadlineReached):
        pass
    finally:
        client.close()
        shut(channel)


def run(
    target: Target,
    *,
    seed: int,
    max_examples: int,
    steps: int,
    profile: str = "public",
    shrink: bool = True,
    missing: frozenset[str] = frozenset(),
) -> MachineResult:
    """Run the state machine; `missing` names operations the target does not implement (their
    answers are reported once, as such, by the credentials layer)."""
    recorder = _Recorder()
    recorder.answers = SpecCheckedTransport(strictness=target.strictness)
    recorder.answers.missing = set(missing)
    client, guard, channel = _client(target, profile, recorder.answers)
    machine = build_machine(target, recorder, client, guard)
    keeper = None
    started = time.perf_counter()
    result = MachineResult(checks=recorder.outcomes)
    config = settings(
        max_examples=max_examples,
        stateful_step_count=steps,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
        phases=list(Phase) if shrink else [p for p in Phase if p is not Phase.shrink],
    )
    from hypothesis import seed as with_seed

    try:
        if guard is not None and not target.dry_run:  # read the scope, to put it back after
            keeper = restore.Keeper.start(target, guard, profile)
        # @seed on the machine class is what Hypothesis's stateful runner reads. Hypothesis
        # enables a random subset of the steps per example (swarm testing), so a short run can
        # leave a check unexercised: further rounds, seeded from the first, fill the gaps.
        for extra in range(EXTRA_ROUNDS + 1):
            run_state_machine_as_test(with_seed(seed + extra)(machine), settings=config)
            done = all(o.runs for o in recorder.outcomes.values()) or target.read_only
            if done or recorder.stopped:
                break
        if shrink and (target.app is not None or target.control):
            _shrink(target, profile, recorder, seed, config)
    except Exception as exc:  # not the target's fault (those are findings): a bug of mgip's
        result.error = target.redact(f"the state machine stopped: {type(exc).__name__}: {exc}")
    finally:
        if keeper is not None:
            result.restored = True
            result.unrestored = _put_back(target, keeper, guard.created)
        result.planned = sorted(set(getattr(guard, "planned", [])))
        result.blocked = sorted(set(getattr(guard, "blocked", [])))
        client.close()
        shut(channel)  # an in-process transport's event loop outlives the client's close()
    result.stopped = recorder.stopped
    result.steps = recorder.steps
    result.writes = recorder.writes
    result.seconds = time.perf_counter() - started
    if recorder.first_failure is not None:
        result.first_failure = recorder.first_failure - started
    return result
