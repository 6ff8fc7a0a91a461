"""Our contract run beside plain Schemathesis and a Prism validation proxy, on the same mutants.

    python bench/side_by_side.py [--budget 30] [--workers 2] [--seed 1] [--only PATTERN ...]
                                 [--all] [--no-prism] [--json FILE] [--markdown FILE]

Every tool gets the same mutants, the same seed and the same time budget per mutant:

- ours: the default `mgip check` run (no shrinking), against the embedded server with the
  mutant switched on;
- plain Schemathesis: `schemathesis run` on the curated spec, default checks, all phases,
  `--max-time` set to the budget, against `mgip mock --mutant NAME`;
- Prism: `prism proxy --errors` in front of the same mock, driven by the same plain Schemathesis
  run, so that Prism's request and response validation can turn a violation into an error.

Plain Schemathesis reports failures on the correct server too (rule refusals of valid-looking
data, form fields that any string satisfies). Those are recorded first, per tool, as a
Schemathesis baseline from three runs on the correct server (the seed and the two after it, each
with the same budget). A mutant counts as killed by a plain tool only when it finds a failure
outside that baseline. The correct server is then run once more against the baseline, and any
failure that run finds is reported as a false alarm.

Time to first failure is measured from the tool's start (its own start-up included) to the
first failure it reports; Schemathesis stops there (`--max-failures 1`). Mutants run `--workers`
at a time. This is a benchmark: it prints figures and fails only when it cannot measure.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from servers import KEY, PRISM, ROOT, SPEC, ensure_prism, free_port, machine, process

VENV = Path(sys.executable).parent
MGIP = VENV / "mgip"
SCHEMATHESIS = VENV / "schemathesis"
CONTROL = "(correct server)"
TOOLS = ("mgip check", "Schemathesis", "Schemathesis + Prism proxy")


@dataclass
class Outcome:
    tool: str
    mutant: str
    killed: bool
    first_failure: float | None = None
    detail: str = ""


@dataclass
class Report:
    seed: int
    budget: float
    workers: int
    machine: str
    date: str
    mutants: list[str]
    outcomes: list[Outcome] = field(default_factory=list)
    false_alarms: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


# --- the mutants ----------------------------------------------------------------------------------
def every_mutant() -> list[str]:
    from mgip.server import mutants

    return list(mutants.load_all())


def sample(names: list[str], size: int) -> list[str]:
    """Every generic fault, and rule mutants spread evenly over the catalogue's order."""
    faults = [n for n in names if n.startswith("fault.")]
    rules = [n for n in names if not n.startswith("fault.")]
    wanted = max(0, size - len(faults))
    step = max(1, len(rules) // wanted) if wanted else len(rules) + 1
    return rules[::step][:wanted] + faults


# --- ours -----------------------------------------------------------------------------------------
OURS = """
import json, sys, time
spawned = float(sys.argv[1])
from mgip.contracts.mutation import CONTROL, run_one
started = time.time() - spawned
result = run_one(sys.argv[2], seed=int(sys.argv[3]), profile="default", budget=float(sys.argv[4]))
first = None if result.first_failure is None else started + result.first_failure
print(json.dumps({"killed": result.killed, "first": first, "error": result.error,
                  "caught_by": result.caught_by}))
"""


def ours(mutant: str, seed: int, budget: float) -> Outcome:
    command = [sys.executable, "-c", OURS, str(time.time()), mutant, str(seed), str(budget)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    try:
        answer = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return Outcome(TOOLS[0], mutant, False, detail=f"no result: {done.stderr[-300:]}")
    detail = ", ".join(answer["caught_by"]) or answer["error"]
    return Outcome(TOOLS[0], mutant, answer["killed"], answer["first"], detail)


# --- plain Schemathesis, directly or through Prism ------------------------------------------------
@contextmanager
def mock(mutant: str) -> Iterator[str]:
    port = free_port()
    command = [str(MGIP), "mock", "--port", str(port)]
    env = {k: v for k, v in os.environ.items() if k != "MGIP_MUTANT"}
    if mutant != CONTROL:
        env["MGIP_MUTANT"] = mutant
    url = f"http://127.0.0.1:{port}"
    with process(command, f"{url}/v3/ips", env=env):
        yield url


@contextmanager
def prism_proxy(upstream: str) -> Iterator[str]:
    port = free_port()
    command = [str(PRISM), "proxy", str(SPEC), upstream, "--errors", "-h", "127.0.0.1"]
    command += ["-p", str(port)]
    url = f"http://127.0.0.1:{port}"
    with process(command, f"{url}/v3/ips"):
        yield url


def schemathesis(url: str, *, seed: int, budget: float, baseline: Path, record: bool) -> Outcome:
    """One plain run; killed when it finds a failure outside the baseline (or, with `record`,
    adds what it finds to the baseline)."""
    command = [str(SCHEMATHESIS), "run", str(SPEC), "--url", url, "-a", f"api:{KEY}"]
    command += ["--seed", str(seed), "--max-time", str(int(budget)), "--baseline", str(baseline)]
    if record:
        command += ["--baseline-update"] if baseline.exists() else []
    else:
        command += ["--max-failures", "1"]
    command += ["--no-color"]
    with tempfile.TemporaryDirectory() as scratch:  # its crash cache stays out of the project
        started = time.perf_counter()
        try:
            done = subprocess.run(
                command,
                check=False,
                capture_output=True,
                text=True,
                cwd=scratch,
                timeout=budget + 60,
            )
        except subprocess.TimeoutExpired:
            return Outcome("", "", False, detail="did not finish")
        seconds = time.perf_counter() - started
    summary = [line for line in done.stdout.splitlines() if " in " in line and "==" in line]
    detail = summary[-1].strip("= ") if summary else done.stdout[-200:]
    if done.returncode == 1:
        return Outcome("", "", True, seconds, detail)
    if done.returncode != 0:
        return Outcome("", "", False, detail=f"exit {done.returncode}: {done.stderr[-200:]}")
    return Outcome("", "", False, detail=detail)


@contextmanager
def served(mutant: str, through_prism: bool) -> Iterator[str]:
    """The URL plain Schemathesis drives: the mock itself, or Prism's proxy in front of it."""
    with mock(mutant) as url:
        if not through_prism:
            yield url
            return
        with prism_proxy(url) as proxied:
            yield proxied


def plain(mutant: str, seed: int, budget: float, baseline: Path, through_prism: bool) -> Outcome:
    with served(mutant, through_prism) as url:
        outcome = schemathesis(url, seed=seed, budget=budget, baseline=baseline, record=False)
    outcome.tool = TOOLS[2] if through_prism else TOOLS[1]
    outcome.mutant = mutant
    return outcome


BASELINE_RUNS = 3  # generation is random: one run does not meet every known false alarm


def record_baseline(seed: int, budget: float, baseline: Path, through_prism: bool) -> None:
    baseline.unlink(missing_ok=True)
    for extra in range(BASELINE_RUNS):
        with served(CONTROL, through_prism) as url:
            schemathesis(url, seed=seed + extra, budget=budget, baseline=baseline, record=True)
    if not baseline.exists():
        raise SystemExit(f"bench: Schemathesis wrote no baseline at {baseline}")


# --- the run --------------------------------------------------------------------------------------
def run(args: argparse.Namespace) -> Report:
    names = every_mutant()
    if args.only:
        names = [n for n in names if any(fnmatch.fnmatchcase(n, p) for p in args.only)]
    elif not args.all:
        names = sample(names, args.sample)
    if not names:
        raise SystemExit("bench: no mutant matches")
    tools = TOOLS if not args.no_prism else TOOLS[:2]
    if not args.no_prism:
        ensure_prism()
    report = Report(
        seed=args.seed,
        budget=args.budget,
        workers=args.workers,
        machine=machine(),
        date=datetime.now(UTC).strftime("%Y-%m-%d"),
        mutants=names,
    )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        baselines = {TOOLS[1]: Path(scratch) / "plain.json", TOOLS[2]: Path(scratch) / "prism.json"}
        jobs: list[Callable[[], Outcome]] = []
        for tool in tools[1:]:
            prism = tool == TOOLS[2]
            print(f"recording {tool}'s baseline on the correct server ...", flush=True)
            record_baseline(args.seed, args.budget, baselines[tool], prism)
            again = plain(CONTROL, args.seed, args.budget, baselines[tool], prism)
            if again.killed:
                report.false_alarms[tool] = again.detail
        control = ours(CONTROL, args.seed, args.budget)
        if control.killed:
            report.false_alarms[TOOLS[0]] = control.detail
        for name in names:
            jobs.append(lambda n=name: ours(n, args.seed, args.budget))  # type: ignore[misc]
            for tool in tools[1:]:
                prism = tool == TOOLS[2]
                jobs.append(
                    lambda n=name, b=baselines[tool], p=prism: plain(  # type: ignore[misc]
                        n, args.seed, args.budget, b, p
                    )
                )
        with ThreadPoolExecutor(max_workers=args.workers) as pool:
            for outcome in pool.map(lambda job: job(), jobs):
                word = "killed" if outcome.killed else "missed"
                first = f" at {outcome.first_failure:.1f} s" if outcome.killed else ""
                print(f"  {outcome.tool}: {word} {outcome.mutant}{first}", flush=True)
                report.outcomes.append(outcome)
    report.seconds = time.perf_counter() - started
    return report


def table(report: Report) -> list[str]:
    lines = [
        f"{len(report.mutants)} mutants, seed {report.seed}, budget {report.budget:.0f} s per "
        f"mutant, {report.workers} at a time; {report.machine}; {report.date}",
        "",
        "| tool | killed | kill rate | median first failure | worst first failure | missed |",
        "|---|---|---|---|---|---|",
    ]
    for tool in TOOLS:
        mine = [o for o in report.outcomes if o.tool == tool]
        if not mine:
            continue
        killed = [o for o in mine if o.killed]
        times = [o.first_failure for o in killed if o.first_failure is not None]
        median = f"{statistics.median(times):.1f} s" if times else "-"
        worst = f"{max(times):.1f} s" if times else "-"
        missed = [f"`{o.mutant}`" for o in mine if not o.killed]
        shown = f"{len(missed)}: {', '.join(missed)}" if missed else "none"
        rate = f"{len(killed) / len(mine):.0%}"
        lines.append(
            f"| {tool} | {len(killed)} of {len(mine)} | {rate} | {median} | {worst} | {shown} |"
        )
    for tool, detail in report.false_alarms.items():
        lines.append(f"\nfalse alarm on the correct server from {tool}: {detail}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=30.0, help="seconds per mutant and tool")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", action="append", help="mutants matching this shell pattern")
    parser.add_argument("--all", action="store_true", help="every mutant (slow)")
    parser.add_argument("--sample", type=int, default=30, help="mutants in the default sample")
    parser.add_argument("--no-prism", action="store_true", help="leave the Prism proxy out")
    parser.add_argument("--json", type=Path, help="also write the outcomes here")
    parser.add_argument("--markdown", type=Path, help="also write the table here")
    args = parser.parse_args()
    if args.budget < 5 or args.workers < 1:
        parser.error("--budget must be at least 5 s and --workers at least 1")
    report = run(args)
    lines = table(report)
    print("\n".join(lines))
    print(f"measured in {report.seconds:.0f} s")
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=2) + "\n")
    if args.markdown:
        args.markdown.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
