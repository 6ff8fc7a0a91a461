"""`mgip mutants`: the default contract run against every mutant, and the kill matrix.

Each mutant gets a fresh embedded reference server with the mutant switched on, and the same
contract run a user gets from `mgip check` (same seed, profile and layers), without shrinking:
the matrix needs to know which checks fail and how soon, not the shortest example. The correct
server is run first as the control; if it fails, no kill would mean anything and the run stops.
Mutants run in parallel worker processes, each under a time budget.
"""

from __future__ import annotations

import json
import os
import re
import signal
import statistics
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from mgip.core.verdicts import Verdict

CONTROL = "(correct server)"
_RULE_PREFIX = re.compile(r"^([a-z][a-z0-9_]+):")
_SCHEMATHESIS_CHECK = re.compile(r"^\S+ \[([a-z_]+)\]")


@dataclass(slots=True)
class MutantResult:
    name: str
    kind: str  # "rule", "fault" or "control"
    breaks: str
    rules: list[str] = field(default_factory=list)  # the rules the mutant breaks
    fault: str = ""
    killed: bool = False
    caught_by: list[str] = field(default_factory=list)  # rule ids and Schemathesis checks
    first_failure: float | None = None
    seconds: float = 0.0
    error: str = ""  # the run could not be made (or ran out of time)


def caught_by(verdicts: Iterable[Verdict]) -> list[str]:
    """What caught a mutant: the rule ids failing checks name, or Schemathesis's check names."""
    from mailgun_ip_client.rules import Rule

    known = {str(r) for r in Rule}
    found: list[str] = []
    for verdict in verdicts:
        if verdict.status != "failed":
            continue
        named = []
        for line in verdict.problems:
            rule = _RULE_PREFIX.match(line)
            check = _SCHEMATHESIS_CHECK.match(line)
            if rule and rule.group(1) in known:
                named.append(rule.group(1))
            elif check and verdict.name.startswith(("conformance", "stateful")):
                named.append(f"schemathesis:{check.group(1)}")
        if not named:  # a gate or script verdict names its rules in its title and detail
            words = re.findall(r"[a-z][a-z0-9_]+", f"{verdict.name} {verdict.detail}")
            named = [w for w in words if w in known] or [verdict.name]
        found += [n for n in dict.fromkeys(named) if n not in found]
    return found


def _caught(result: MutantResult) -> Callable[[list[Verdict]], bool]:
    """When a mutant's run has seen enough: a check of a rule it breaks failed (a generic
    fault, which names no rule: any check failed). The layers after that one are not run, so
    `caught_by` names what caught it up to there, its own rule among them."""

    def enough(verdicts: list[Verdict]) -> bool:
        names = set(caught_by(verdicts))
        return bool(names & set(result.rules)) if result.rules else bool(names)

    return enough


class _OutOfTime(BaseException):
    """Raised by the budget's alarm; a BaseException so that no layer's own handler takes it."""


def run_one(name: str, *, seed: int, profile: str, budget: float) -> MutantResult:
    """One contract run against the mutant `name` (or the correct server for CONTROL)."""
    from mgip.contracts.run import SIZES, check
    from mgip.contracts.target import Target
    from mgip.server import mutants

    if name == CONTROL:
        result = MutantResult(name, "control", "nothing: the reference server as it is")
    else:
        mutant = mutants.get(name)
        result = MutantResult(
            name, mutant.kind, mutant.breaks, list(mutant.rules), fault=mutant.fault
        )

    def out_of_time(_signal: int, _frame: Any) -> None:
        raise _OutOfTime

    started, cut_off = time.perf_counter(), False
    previous = signal.signal(signal.SIGALRM, out_of_time)
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        target = Target.embedded(mutant=None if name == CONTROL else name)
        run = check(
            target,
            seed=seed,
            headers="public",
            size=SIZES[profile],
            shrink=False,
            enough=None if name == CONTROL else _caught(result),
        )
    except _OutOfTime:
        result.error = f"no verdict within the budget of {budget:g} s"
        cut_off = True
    except Exception as exc:  # a mutant that breaks the run itself is reported, not raised
        result.error = f"{type(exc).__name__}: {exc}"
    else:
        if run.interrupted:  # Ctrl+C on `mgip mutants`: no verdict, as before the run kept one
            raise KeyboardInterrupt
        failed = [v for v in run.verdicts if v.status == "failed"]
        result.killed = bool(failed)
        result.caught_by = caught_by(failed)
        result.first_failure = run.first_failure
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if cut_off:
        _collect_quietly()
    result.seconds = time.perf_counter() - started
    return result


def _collect_quietly() -> None:
    """A run cut off mid-request leaves the request's coroutine behind, never awaited; collect
    it now, without the "never awaited" noise, rather than at some later moment."""
    import gc
    import sys

    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        gc.collect()
    finally:
        sys.unraisablehook = hook


def run_all(
    names: list[str],
    *,
    seed: int,
    profile: str,
    workers: int,
    budget: float,
    progress: Callable[[MutantResult], None] = lambda _r: None,
) -> list[MutantResult]:
    """The control, then every mutant in `names`, `workers` at a time; results in `names` order."""
    import multiprocessing

    results: dict[str, MutantResult] = {}
    context = multiprocessing.get_context("spawn")  # no inherited threads or event loops
    with ProcessPoolExecutor(max_workers=max(1, workers), mp_context=context) as pool:
        futures = {
            pool.submit(run_one, name, seed=seed, profile=profile, budget=budget): name
            for name in [CONTROL, *names]
        }
        for future in as_completed(futures):
            result = future.result()
            results[result.name] = result
            progress(result)
            if result.kind == "control" and (result.killed or result.error):
                # The correct server fails: no kill would mean anything, so stop here.
                pool.shutdown(wait=True, cancel_futures=True)
                return [result, *(results[n] for n in names if n in results)]
    return [results[CONTROL], *(results[n] for n in names)]


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)))


# --- the matrix -----------------------------------------------------------------------------------
def ordered(results: list[MutantResult]) -> list[MutantResult]:
    """Survivors first, then the killed, slowest to catch first; the control is left out."""
    mutants = [r for r in results if r.kind != "control"]
    return sorted(mutants, key=lambda r: (r.killed, -(r.first_failure or 0.0), r.name))


def summary(results: list[MutantResult]) -> dict[str, Any]:
    mutants = [r for r in results if r.kind != "control"]
    killed = [r for r in mutants if r.killed]
    times = [r.first_failure for r in killed if r.first_failure is not None]
    return {
        "mutants": len(mutants),
        "killed": len(killed),
        "survived": [r.name for r in mutants if not r.killed],
        "rule_mutants": sum(r.kind == "rule" for r in mutants),
        "fault_mutants": sum(r.kind == "fault" for r in mutants),
        "median_first_failure": round(statistics.median(times), 2) if times else None,
        "worst_first_failure": round(max(times), 2) if times else None,
    }


def to_json(results: list[MutantResult], meta: dict[str, Any]) -> str:
    control = next((r for r in results if r.kind == "control"), None)
    document = {
        **meta,
        "summary": summary(results),
        "control": asdict(control) if control else None,
        "mutants": [asdict(r) for r in ordered(results)],
    }
    return json.dumps(document, indent=2) + "\n"


def to_markdown(results: list[MutantResult], meta: dict[str, Any]) -> str:
    facts = summary(results)
    lines = [
        "# mgip mutants: kill matrix",
        "",
        f"- seed {meta['seed']}, profile {meta['profile']}, {meta['workers']} worker(s), "
        f"budget {meta['budget']:.0f} s per mutant, {meta['seconds']:.0f} s in all",
        f"- killed {facts['killed']} of {facts['mutants']} "
        f"({facts['rule_mutants']} rule mutants, {facts['fault_mutants']} generic faults)",
        f"- time to first failure: median {facts['median_first_failure']} s, "
        f"worst {facts['worst_first_failure']} s",
        "",
        "| mutant | breaks | caught by | first failure (s) |",
        "|---|---|---|---|",
    ]
    for r in ordered(results):
        broken = ", ".join(r.rules) or f"fault: {r.fault}"
        caught = ", ".join(r.caught_by) if r.killed else f"**SURVIVED** {r.error}".strip()
        first = f"{r.first_failure:.1f}" if r.first_failure is not None else "-"
        lines.append(f"| `{r.name}` | {broken} | {caught} | {first} |")
    return "\n".join(lines) + "\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
