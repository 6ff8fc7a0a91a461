"""Running the rule layer: the client it drives, the machine class composed from the sections'
steps, the rounds of examples, the shrinking pass, and the put-back of a scoped run."""

from __future__ import annotations

import time
from typing import Any

from hypothesis import HealthCheck, Phase, Verbosity, settings
from hypothesis.errors import HypothesisException
from hypothesis.stateful import RuleBasedStateMachine, run_state_machine_as_test

from mgip.contracts import restore
from mgip.contracts.answers import SpecCheckedTransport
from mgip.contracts.machine.dipps import DippSteps
from mgip.contracts.machine.domain_ips import DomainIpSteps
from mgip.contracts.machine.dynamic_domains import DynamicDomainSteps
from mgip.contracts.machine.dynamic_pools import DynamicPoolSteps
from mgip.contracts.machine.ips import IpSteps
from mgip.contracts.machine.records import MachineResult, Recorder
from mgip.contracts.machine.warmups import WarmupSteps
from mgip.contracts.target import Target, shut, transport
from mgip.contracts.wire import DeadlineReached, TargetFault

# Rounds added after the first while some check was never exercised (see `run`).
EXTRA_ROUNDS = 4
# The shrinking pass's time: past it the steps found so far are kept (each further example
# ends at once, so Hypothesis's shrinker runs out of candidates quickly).
SHRINK_SECONDS = 15.0


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
    target: Target, recorder: Recorder, client: Any, guard: Any = None
) -> type[RuleBasedStateMachine]:
    """The state machine over `client`: every section's steps, and the invariants after them.
    Hypothesis orders the steps by name, not by the section that holds them."""

    writes = not target.read_only
    # The target offers mgip's control interface, and the run may use it (see `_eventually`).
    control = target.app is not None or (target.control and writes and target.scope is None)

    class IpManagement(
        DippSteps, DynamicPoolSteps, DynamicDomainSteps, WarmupSteps, DomainIpSteps, IpSteps
    ):
        """Every section's steps, over the machinery of `MachineBase`."""

    IpManagement.target = target
    IpManagement.recorder = recorder
    IpManagement.client = client
    IpManagement.guard = guard
    IpManagement.writes = writes
    IpManagement.control = control
    return IpManagement


def _put_back(target: Target, keeper: restore.Keeper, created: set[str]) -> list[str]:
    """Put the scope back as it was found: past the run's deadline too (it is bounded by what
    the scope names), and a target that fails meanwhile is a finding, not an exception."""
    target.limits.deadline = None
    try:
        return keeper.finish(created)
    except TargetFault as fault:
        return [f"the put-back stopped: {fault.finding}"]


def _shrink(target: Target, profile: str, recorder: Recorder, seed: int, config: Any) -> None:
    """The failed checks' steps, shrunk: the main run records a failure and goes on, so
    Hypothesis never sees it; this pass replays the run (on a target that starts every example
    from its scenario) with those failures ending their example, and Hypothesis shrinks each to
    the fewest steps that still break the rule. Only the steps are kept from it."""
    from hypothesis import seed as with_seed

    failed = {name for name, outcome in recorder.outcomes.items() if outcome.problems}
    if not failed or recorder.stopped:
        return
    scratch = Recorder()
    scratch.answers = SpecCheckedTransport(strictness=target.strictness)
    scratch.raise_on = failed
    scratch.until = time.monotonic() + SHRINK_SECONDS
    client, guard, channel = _client(target, profile, scratch.answers)
    machine = build_machine(target, scratch, client, guard)
    try:
        for extra in range(EXTRA_ROUNDS + 1):
            run_state_machine_as_test(with_seed(seed + extra)(machine), settings=config)
    except (AssertionError, TargetFault, DeadlineReached, HypothesisException):
        # A failure to shrink, or the end of the pass: a target whose state drifts with the
        # clock can make Hypothesis's replay differ (Flaky), which leaves the steps found so far.
        pass
    finally:
        client.close()
        shut(channel)
    for name in failed:
        shrunk = scratch.outcomes[name].steps
        if shrunk and len(shrunk) < len(recorder.outcomes[name].steps):
            recorder.outcomes[name].steps = shrunk


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
    recorder = Recorder()
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
        verbosity=Verbosity.quiet,  # the findings are reported by mgip, not printed by Hypothesis
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
    except KeyboardInterrupt:  # Ctrl+C: what was found is kept, and the scope put back
        result.interrupted = True
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
