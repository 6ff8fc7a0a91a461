"""The rule layer's shared machinery: the base of the state machine every section's steps
extend (per-example state, taking a step and judging its answer, waiting for an asynchronous
effect, reads several sections share) and the invariants that run after the steps.

The objects of one run (target, client, recorder, scope guard) are class attributes, set by
`mgip.contracts.machine.runner.build_machine` on the class it composes from the sections'
mixins; Hypothesis makes an instance of that class per example.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant
from mailgun_ip_client import ApiError

from mgip.contracts.invariants import CHECKS, View
from mgip.contracts.machine.records import ANSWERS, STEP_CHANGES, Recorder
from mgip.contracts.strictness import refusal_holds
from mgip.contracts.target import Target
from mgip.contracts.wire import DeadlineReached, TargetFault

POOL_NAMES = ("dynamic_good", "dynamic_poor", "dynamic_new")
# How long an asynchronous effect may take to show before the target is said never to settle.
SETTLE_SECONDS = 10.0


def _guarded(*, counted: bool) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Runs a step (`counted`) or an invariant unless the run has stopped; a fault of the
    target's ends that step (its checks are not counted as run) instead of the whole machine."""

    def decorate(function: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(function)
        def guarded(machine: Any, *args: Any, **kwargs: Any) -> None:
            recorder = machine.recorder
            if recorder.until is not None and time.monotonic() > recorder.until:
                recorder.stopped = "the shrinking pass's time was up"
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


guarded = _guarded(counted=False)  # an invariant
step = _guarded(counted=True)  # a step: counted, and named in `machine.step` while it runs


class MachineBase(RuleBasedStateMachine):
    """What every example carries, the helpers the sections' steps share, and the invariants.
    The sections' mixins (`DippSteps` and the others) extend it with their @rule steps."""

    # The run's objects, set on the composed class by `build_machine`.
    target: ClassVar[Target]
    recorder: ClassVar[Recorder]
    client: ClassVar[Any]
    guard: ClassVar[Any]  # the scope guard the writes pass, or None
    writes: ClassVar[bool]  # the run may write
    # The target offers mgip's control interface, and the run may use it (see `_eventually`).
    control: ClassVar[bool]

    def __init__(self) -> None:
        super().__init__()
        self.log: list[str] = []
        self.sent = True
        self.step = ""  # the step being taken (set by `step`)
        # What the target has told this example, until a write may have changed it.
        self.view = View(self.client, strictness=self.target.strictness)
        # The sections changed since the invariants last ran (see STEP_CHANGES).
        self.dirty: set[str] = set()
        self.sweep = False  # run every check at the next invariant

    @initialize()
    def start_from_the_scenario(self) -> None:
        if not self.recorder.swept:  # every example starts from the state swept here
            self.recorder.swept = True
            self.sweep = True
        if self.target.app is not None:
            self.target.app.reset()
        elif self.control:
            # A mock with mgip's control interface: every example starts from its scenario.
            try:
                self.client.client.get_httpx_client().post(
                    "/mgip/reset", headers=self.target.control_headers
                )
            except (TargetFault, DeadlineReached) as fault:
                self.recorder.fault(fault, self.log)

    # --- taking a step, and judging it ------------------------------------------------------------
    def _view(self) -> View:
        return self.view

    def _scoped(self, kind: str, candidates: Iterable[Any]) -> list[Any]:
        """With a scope, the candidates it names ("ip", "domain", "dipp"; DIPPs the run
        created too, and only those for "created"): the guard would keep any other write."""
        scope = self.target.scope
        if scope is None:
            return list(candidates)
        made: set[str] = self.guard.created if self.guard is not None else set()
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
        self.recorder.writes += 1
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
        outcome = self.recorder.outcomes[check]
        outcome.runs += 1
        if not holds:
            # Recorded once per rule, with the steps that led there; the machine goes on,
            # so that one broken rule does not hide the others.
            self.recorder.failed()
            if not any(p.startswith(f"{rule_id}:") for p in outcome.problems):
                outcome.problems.append(f"{rule_id}: {message}")
                outcome.steps = outcome.steps or list(self.log)
                outcome.reads = outcome.reads or STEP_CHANGES.get(self.step, frozenset())
            self.recorder.broke(check, self.log)

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
                self.control
                and self.client.client.get_httpx_client()
                .post("/mgip/jobs/settle", headers=self.target.control_headers)
                .status_code
                == 200
            )
            if not settled:
                time.sleep(0.2)
        self._expect(check, rule_id, True, "")

    # --- reads several sections' steps share ------------------------------------------------------
    def _has_shared_ip(self, name: str) -> bool:
        shared = set(self.client.ips.list_all(dedicated=False).items)
        return any(name in self._domains_of(ip) for ip in shared)

    def _domains_of(self, ip: str) -> set[str]:
        return {d.domain for d in self.client.ips.list_domains(ip, limit=1000).items}

    def _refused(self, check: str, rule_id: str, error: ApiError | None) -> None:
        status = None if error is None else error.status_code
        holds, expected = refusal_holds(rule_id, status, self.target.strictness)
        if holds is None or not self.sent:
            return  # nothing the target is held to was tested: not counted as a run
        got = "200 (accepted)" if error is None else str(error.status_code)
        self._expect(check, rule_id, holds, f"{expected}, got {got}")

    def _own_domains(self) -> set[str]:
        own = {d.name for d in self._view().assignable()}
        mine = self.target.account_id
        # Without the account's id, enrolled domains of subaccounts cannot be told apart.
        own |= {d.name for d in self._view().enrolled() if mine and d.account_id == mine}
        return own

    def _linked_now(self, pool_id: str) -> list[str]:
        linked = self.client.dipps.get(pool_id).details.linked_domains
        return list(linked) if isinstance(linked, list) else []

    def _dipp_linked(self) -> set[str]:
        """Every domain linked to a DIPP the account sees: the bulk operations leave them alone."""
        return {d for p in self._view().dipps() for d in self._linked_now(p.pool_id)}

    # --- the rules --------------------------------------------------------------------------------
    @invariant()
    @guarded
    def answers_match_the_spec(self) -> None:
        if self.recorder.answers is None:
            return
        outcome = self.recorder.outcomes[ANSWERS]
        outcome.runs += 1
        problems = self.recorder.answers.take()
        if problems:
            self.recorder.failed()
            if len(outcome.problems) < 20:
                outcome.problems += problems[: 20 - len(outcome.problems)]
            outcome.steps = outcome.steps or list(self.log)
            self.recorder.broke(ANSWERS, self.log)

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
            if self.recorder.stopped:
                return
            outcome = self.recorder.outcomes[item.name]
            try:
                problems = item.run(view)
            except ApiError as error:  # a read the check needed was refused: its finding
                problems = [f"a read for this check was refused: {error}"]
            except (TargetFault, DeadlineReached) as fault:
                # The check could not be evaluated: an error, not a pass and not a failure.
                self.recorder.fault(fault, self.log)
                if not isinstance(fault, DeadlineReached) and len(outcome.errors) < 3:
                    outcome.errors.append(str(fault))
                continue
            outcome.runs += 1
            if problems and not outcome.problems:
                self.recorder.failed()
                outcome.problems = problems
                outcome.steps = list(self.log)
                outcome.reads = item.reads
            if problems:
                self.recorder.broke(item.name, self.log)
