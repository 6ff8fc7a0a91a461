"""The server layers of `mgip check`, as verdicts beside the spec layer's."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from mgip.contracts import (
    conformance,
    credentials,
    gates,
    machine,
    public_gates,
    public_run,
    public_setup,
    reproduce,
    scripted,
    unknown_fields,
)
from mgip.contracts.target import Target
from mgip.contracts.wire import DeadlineReached, TargetFault
from mgip.core import catalogue
from mgip.core.verdicts import Verdict

# Why a refusal check judged nothing (see mgip.contracts.strictness).
UNJUDGED = "mgip's convention refuses it; --strictness documented"


@dataclass(frozen=True, slots=True)
class Size:
    """How much a run generates: cases per operation and phase, machine steps per example, and
    whether Schemathesis's coverage phase (boundary and negative values of every parameter,
    about 20 cases per operation whatever `max_examples` says) runs."""

    max_examples: int
    steps: int
    coverage: bool = True


# The whole run's deadline by profile, in seconds (`mgip check --max-time` overrides it).
MAX_TIME = {"quick": 120.0, "default": 300.0, "thorough": 1200.0}

SIZES = {
    "quick": Size(max_examples=5, steps=6, coverage=False),
    "default": Size(max_examples=20, steps=10),
    "thorough": Size(max_examples=100, steps=25),
}


@dataclass(slots=True)
class CheckRun:
    verdicts: list[Verdict] = field(default_factory=list)
    requests: int = 0
    steps: int = 0
    seconds: float = 0.0
    schemathesis_seconds: float = 0.0
    machine_seconds: float = 0.0
    planned: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    first_failure: float | None = None  # seconds into the run when a check first failed
    writes: int = 0  # writes the state machine attempted
    sent: int = 0  # requests the rule layers sent (Schemathesis's are in `requests`)
    stopped: str = ""  # why the run ended before its budget, if it did
    interrupted: bool = False  # Ctrl+C ended it: the layers it cut short are errors


# The layers of a run, in the order they run.
LAYERS = (
    "credentials",
    "unknown fields",
    "features and eligibility",
    "set-up scripts",
    "state machine",
    "Schemathesis",
)
INTERRUPTED = "interrupted (Ctrl+C) before it finished"


def layer_rules(layer: str) -> tuple[str, ...]:
    """The catalogue rules a layer's checks cover (the credentials and Schemathesis: none)."""
    rules = {
        "unknown fields": unknown_fields.covered_rules,
        "features and eligibility": gates.covered_rules,
        "set-up scripts": scripted.covered_rules,
        "state machine": machine.covered_rules,
    }.get(layer)
    return tuple(sorted(rules())) if rules is not None else ()


def check(
    target: Target,
    *,
    seed: int,
    headers: str,
    size: Size,
    shrink: bool = True,
    progress: Callable[[str], None] | None = None,
    enough: Callable[[list[Verdict]], bool] | None = None,
    starting: Callable[[str], None] | None = None,
) -> CheckRun:
    """Every server layer against `target`, with the figures of the run.

    The quick layers (set-up refusals and scripts) run first, then the state machine, then
    Schemathesis, so that a broken server is usually reported within seconds. Each layer stops
    at the run's deadline (`target.limits`) and says so; what it checked by then is reported.
    With `enough`, the layers after the first one whose verdicts so far satisfy it are not run
    (`mgip mutants` stops once a mutant is caught by what it breaks). `starting` is told the
    name of each layer as it starts, `progress` a line as it ends.

    Ctrl+C (KeyboardInterrupt) ends the run with what it found so far: the layer it cut short
    keeps its failures, its other checks and the layers after it are errors (`INTERRUPTED`),
    and `interrupted` is set. The put-back of a scoped run still happens.
    """
    book = _Book(target, enough, progress, starting)
    run = book.run
    try:
        book.begin("credentials")
        asked = credentials.run(target)
        missing = frozenset(asked.missing)
        book.done("credentials", list(_credential_verdicts(asked)))
        for name, make in (
            (
                "unknown fields",
                lambda: _unknown_verdicts(target, unknown_fields.run(target, headers)),
            ),
            ("features and eligibility", lambda: _gate_verdicts(gate_outcomes(target, headers))),
            ("set-up scripts", lambda: _script_verdicts(script_outcomes(target, headers))),
        ):
            if not book.skip(name):
                book.done(name, _tolerant(name, make))
        if not book.skip("state machine", deadline=False):  # the machine keeps the deadline
            _machine_layer(
                book, seed=seed, size=size, headers=headers, shrink=shrink, missing=missing
            )
        if "stopped answering" in run.stopped:
            book.pending.remove("Schemathesis")
            run.verdicts.append(Verdict("Schemathesis", "skipped", f"not run: {run.stopped}"))
        elif not book.skip("Schemathesis"):
            _schemathesis_layer(book, seed=seed, size=size, headers=headers, missing=missing)
    except KeyboardInterrupt:
        run.interrupted = True
        run.stopped = "interrupted (Ctrl+C)"
        run.verdicts += [
            Verdict(name, "error", INTERRUPTED, rules=layer_rules(name)) for name in book.pending
        ]
    run.verdicts.append(_coverage_verdict())
    run.seconds = book.elapsed()
    run.sent = target.limits.sent
    return run


class _Book:
    """One run's bookkeeping: its verdicts, the layers still to come, the progress said."""

    def __init__(
        self,
        target: Target,
        enough: Callable[[list[Verdict]], bool] | None,
        progress: Callable[[str], None] | None,
        starting: Callable[[str], None] | None,
    ) -> None:
        self.target, self.enough = target, enough
        self.say = progress or (lambda line: None)
        self.begin = starting or (lambda name: None)
        self.run = CheckRun()
        self.pending = list(LAYERS)
        self.started = time.perf_counter()

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def done(
        self, name: str, verdicts: list[Verdict], title: str = "", failed_at: float | None = None
    ) -> None:
        """A layer's verdicts are in; its progress line is said."""
        self.pending.remove(name)
        self.run.verdicts += verdicts
        if self.run.first_failure is None and any(v.status == "failed" for v in verdicts):
            self.run.first_failure = failed_at if failed_at is not None else self.elapsed()
        counts = Counter(v.status for v in verdicts)
        shown = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        self.say(f"{title or name}: {shown or 'nothing to check'} ({self.elapsed():.1f} s)")

    def skip(self, name: str, deadline: bool = True) -> bool:
        """True (the layer accounted for) when the run has seen enough or is out of time;
        otherwise the layer is said to start."""
        run = self.run
        if _settled(self.enough, run, name) or (deadline and _out_of_time(self.target, run, name)):
            self.pending.remove(name)
            return True
        self.begin(name)
        return False


def _machine_layer(
    book: _Book, *, seed: int, size: Size, headers: str, shrink: bool, missing: frozenset[str]
) -> None:
    """The state machine's layer; a KeyboardInterrupt after its verdicts when it was cut short."""
    at, run = book.elapsed(), book.run
    outcome = machine.run(
        book.target,
        seed=seed,
        max_examples=size.max_examples,
        steps=size.steps,
        profile=headers,
        shrink=shrink,
        missing=missing,
    )
    found = at + outcome.first_failure if outcome.first_failure is not None else None
    verdicts = list(_rule_verdicts(outcome, book.target))
    title = f"state machine ({outcome.steps} steps, {outcome.writes} writes)"
    book.done("state machine", _cut_short(verdicts, outcome.interrupted), title, found)
    if outcome.stopped:
        run.stopped = outcome.stopped
    run.steps = outcome.steps
    run.writes = outcome.writes
    run.planned, run.blocked = outcome.planned, outcome.blocked
    run.machine_seconds = outcome.seconds
    if outcome.interrupted:
        raise KeyboardInterrupt


def _schemathesis_layer(
    book: _Book, *, seed: int, size: Size, headers: str, missing: frozenset[str]
) -> None:
    """Schemathesis's layer; a KeyboardInterrupt after its verdicts when it was cut short."""
    result = conformance.run(
        book.target,
        seed=seed,
        max_examples=size.max_examples,
        stateful=True,
        coverage=size.coverage,
        profile=headers,
        missing=missing,
    )
    verdicts = list(_layer_verdicts(result, book.target, coverage=size.coverage))
    book.done("Schemathesis", _cut_short(verdicts, result.interrupted))
    book.run.requests = result.conformance.requests + result.stateful.requests
    book.run.schemathesis_seconds = result.seconds
    if result.interrupted:
        raise KeyboardInterrupt


def _cut_short(verdicts: list[Verdict], interrupted: bool) -> list[Verdict]:
    """A layer's verdicts; if Ctrl+C ended it, its failures stand and the rest could not be
    concluded."""
    for verdict in verdicts if interrupted else []:
        if verdict.status != "failed":
            verdict.detail = f"{INTERRUPTED}; {verdict.detail}" if verdict.detail else INTERRUPTED
            verdict.status = "error"
            verdict.unjudged = {}
    return verdicts


def gate_outcomes(target: Target, headers: str = "public") -> dict[str, gates.GateOutcome] | str:
    """The gates through the control interface, or, on a target without one but with a scope,
    tried on the scope's objects with what the account lacks learned from its answers."""
    if not public_setup.public_path(target):
        return gates.run(target, headers)
    why = public_setup.why_not(target)
    return f"the gates need writes, and {why}" if why else public_gates.run(target, headers)


def script_outcomes(target: Target, headers: str = "public") -> list[scripted.ScriptOutcome] | str:
    """The set-up scripts through the control interface, or through the API inside a scope."""
    if not public_setup.public_path(target):
        return scripted.run(target, headers)
    why = public_setup.why_not(target)
    return f"these rules need states set up, and {why}" if why else public_run.run(target, headers)


def _settled(enough: Callable[[list[Verdict]], bool] | None, run: CheckRun, layer: str) -> bool:
    """True (with a skipped verdict saying so) when `enough` holds for the verdicts so far."""
    if enough is None or not enough(run.verdicts):
        return False
    why = "not run: the run had seen enough"
    run.verdicts.append(Verdict(layer, "skipped", why, rules=layer_rules(layer)))
    return True


def _out_of_time(target: Target, run: CheckRun, layer: str) -> bool:
    """True (with a skipped verdict saying so) when the run's deadline has passed."""
    if not target.limits.expired():
        return False
    run.stopped = run.stopped or "the run's time was up (--max-time)"
    why = "not run: the run's time was up (--max-time)"
    run.verdicts.append(Verdict(layer, "skipped", why, rules=layer_rules(layer)))
    return True


def _tolerant(name: str, make: Callable[[], Iterable[Verdict]]) -> list[Verdict]:
    """A layer's verdicts; if the target made it stop, an error verdict that says how."""
    rules = layer_rules(name)
    try:
        return list(make())
    except DeadlineReached:
        why = "stopped: the run's time was up (--max-time)"
        return [Verdict(name, "skipped", why, rules=rules)]
    except TargetFault as fault:
        return [Verdict(name, "error", f"could not be completed: {fault.finding}", rules=rules)]
    except Exception as exc:  # a bug of mgip's: said as such, and the other layers still run
        why = f"mgip could not complete this layer: {type(exc).__name__}: {exc}"
        return [Verdict(name, "error", why, rules=rules)]


def _credential_verdicts(asked: credentials.Outcome) -> Iterator[Verdict]:
    name = "every operation asks for credentials"
    detail = f"{asked.asked} operation(s) without credentials and with a wrong key"
    if asked.stopped:
        detail += f"; then stopped: {asked.stopped}"
    if asked.problems:
        yield Verdict(name, "failed", detail, asked.problems)
    elif asked.stopped:
        yield Verdict(name, "skipped", detail)
    else:
        yield Verdict(name, "passed", detail)
    if asked.missing:
        lines = [f"{op}: {why}" for op, why in sorted(asked.missing.items())]
        yield Verdict(
            "every operation is implemented",
            "failed",
            f"{len(asked.missing)} operation(s) answer as if they did not exist; their other "
            "checks are left out",
            lines,
        )


def _gate_verdicts(result: dict[str, gates.GateOutcome] | str) -> Iterator[Verdict]:
    if isinstance(result, str):
        rules = tuple(sorted(gates.covered_rules()))
        yield Verdict("rules: features, eligibility, ownership", "skipped", result, rules=rules)
        return
    for outcome in result.values():
        name, rules = f"rules: {outcome.rule}", (outcome.rule,)
        if outcome.problems:
            detail = "set up from the scenario's accounts"
            yield Verdict(
                name,
                "failed",
                detail,
                outcome.problems,
                rules=rules,
                reproduction=outcome.reproduction,
            )
        elif outcome.checked == 0 and outcome.unjudged:
            yield Verdict(name, "skipped", f"accepted, and only {UNJUDGED}", rules=rules)
        elif outcome.checked == 0:
            why = outcome.skipped or "no account of the scenario lacks what it needs"
            yield Verdict(name, "skipped", why, rules=rules)
        else:
            detail = f"checked on {outcome.checked} account(s)"
            yield Verdict(name, "passed", detail, rules=rules)


def _unknown_verdicts(target: Target, outcome: unknown_fields.Outcome) -> Iterator[Verdict]:
    name = "rules: fields an operation does not declare are refused"
    detail = unknown_fields.RULE
    if outcome.checked:
        detail += f"; checked: {', '.join(outcome.checked)}"
    if outcome.unjudged:
        detail += f"; not judged: {', '.join(outcome.unjudged)} (accepted, and only {UNJUDGED})"
    if outcome.skipped:
        detail += f"; not sent: {'; '.join(outcome.skipped)}"
    rules = (unknown_fields.RULE,)
    if outcome.problems:
        again = unknown_fields.reproduction(target, outcome)
        yield Verdict(name, "failed", detail, outcome.problems, rules=rules, reproduction=again)
    elif not outcome.checked:
        unjudged = (
            {unknown_fields.RULE: f"accepted, and only {UNJUDGED}"} if outcome.unjudged else {}
        )
        yield Verdict(name, "skipped", detail, rules=rules, unjudged=unjudged)
    else:
        yield Verdict(name, "passed", detail, rules=rules)


def _script_verdicts(result: list[scripted.ScriptOutcome] | str) -> Iterator[Verdict]:
    if isinstance(result, str):
        rules = tuple(sorted(scripted.covered_rules()))
        yield Verdict("rules: set-up scenarios", "skipped", result, rules=rules)
        return
    for outcome in result:
        name = f"rules: {outcome.name}"
        detail = ", ".join(outcome.rules)
        unjudged = dict.fromkeys(outcome.unjudged, f"accepted, and only {UNJUDGED}")
        if outcome.unjudged:
            detail += f"; not judged: {', '.join(outcome.unjudged)} (accepted, and only {UNJUDGED})"
        if outcome.problems:
            yield Verdict(
                name,
                "failed",
                detail,
                outcome.problems,
                rules=outcome.rules,
                unjudged=unjudged,
                reproduction=outcome.reproduction,
            )
        elif not outcome.ran:
            yield Verdict(name, "skipped", outcome.skipped, rules=outcome.rules)
        else:
            yield Verdict(name, "passed", detail, rules=outcome.rules, unjudged=unjudged)


def _describe(failure: conformance.Failure) -> str:
    status = f" -> {failure.status}" if failure.status is not None else ""
    return f"{failure.operation} [{failure.check}] {failure.title}{status}"


def _resent(target: Target, failures: list[conformance.Failure]) -> list[str]:
    """The failing requests again, each once, after what reaches the target."""
    if not failures:
        return []
    return reproduce.commands(target, {f.curl: f.status for f in failures}.items())


def _layer_verdicts(
    result: conformance.ConformanceResult, target: Target, *, coverage: bool = True
) -> Iterator[Verdict]:
    left_out = "" if coverage else "; without the coverage phase (the quick profile)"
    for layer, title in (
        (result.conformance, "conformance: Schemathesis on every operation"),
        (result.stateful, "stateful sequences over the spec's links"),
    ):
        problems = [_describe(failure) for failure in layer.failures]
        detail = (
            f"{len(layer.operations)} operation(s), {layer.scenarios} scenario(s), "
            f"{layer.requests} request(s), {len(layer.failures)} failure(s)"
            + (left_out if layer is result.conformance else "")
        )
        if problems:
            again = _resent(target, layer.failures)
            yield Verdict(title, "failed", detail, problems, reproduction=again)
        elif layer.requests == 0:
            yield Verdict(title, "skipped", "sent no request (nothing was checked)")
        else:
            yield Verdict(title, "passed", detail)
    if result.errors:
        yield Verdict(
            "Schemathesis could not finish",
            "error",
            f"{len(result.errors)} error(s)",
            result.errors,
        )


def _rule_verdicts(result: machine.MachineResult, target: Target) -> Iterator[Verdict]:
    """Layer 3: one verdict per group of rules the state machine checks."""
    for outcome in result.checks.values():
        name, rules = f"rules: {outcome.name}", outcome.rules
        detail = "; ".join(filter(None, [", ".join(rules), f"checked {outcome.runs} time(s)"]))
        if outcome.problems:
            again = reproduce.python(target, outcome.steps, outcome.reads)
            notes = [target.redact(n) for n in _documented(outcome.problems, outcome.rules)]
            problems = [target.redact(p) for p in outcome.problems]
            yield Verdict(
                name,
                "failed",
                detail,
                problems,
                rules=rules,
                notes=notes,
                reproduction=[target.redact(line) for line in again],
            )
        elif outcome.runs == 0 and outcome.errors:
            yield Verdict(name, "error", "could not be evaluated", outcome.errors, rules=rules)
        elif outcome.runs == 0 and result.error:
            # The machine stopped on a bug of mgip's before it got to this check.
            yield Verdict(name, "error", f"not exercised: {result.error}", rules=rules)
        elif outcome.runs == 0:
            why = f"not exercised: {result.stopped}" if result.stopped else "not exercised"
            yield Verdict(name, "skipped", f"{why} in this run", rules=rules)
        else:
            yield Verdict(name, "passed", detail, rules=rules)
    if result.error:
        yield Verdict("rules: the state machine", "error", result.error)
    if result.restored:
        name = "the scope was put back as it was found"
        if result.unrestored:
            yield Verdict(name, "failed", "read before the run, compared after", result.unrestored)
        else:
            yield Verdict(name, "passed", "read before the run, compared after")


def _coverage_verdict() -> Verdict:
    """Whether every rule of the catalogue has a contract check (the rules without one are
    skipped, each with that reason)."""
    covered = (
        machine.covered_rules()
        | gates.covered_rules()
        | scripted.covered_rules()
        | unknown_fields.covered_rules()
    )
    every = {r.id for r in catalogue.load().rules}
    pending = tuple(sorted(every - covered))
    if pending:
        return Verdict(
            "rules without a contract check yet", "skipped", "no check yet", rules=pending
        )
    return Verdict("every catalogue rule has a contract check", "passed", f"{len(every)} rules")


def _documented(problems: list[str], rules: tuple[str, ...]) -> list[str]:
    """What the documentation says for the rules a failure names (all the check's if none)."""
    from mailgun_ip_client.rules import RULES, Rule

    named = [r for r in rules if any(p.startswith(f"{r}:") for p in problems)] or list(rules)
    if not named:  # a check about no rule (the answers read): nothing to quote
        return []
    lines = ["what the documentation says:"]
    for rule_id in named:
        info = RULES[Rule(rule_id)]
        lines += [f"  {rule_id}: {info.statement}", f'    ({info.seed}: "{info.quote}")']
    return lines
