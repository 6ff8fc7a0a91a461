"""How fast the contract run is, embedded and over loopback, against plain Schemathesis.

    python bench/speed.py [--seed 1] [--profile default]

One run on this machine prints:
- `mgip check` wall time, embedded, for the quick profile and the chosen one;
- the same run against `mgip mock` over loopback (a separate process, so the server does not
  share the checker's interpreter);
- from each run's summary line: state-machine steps per second and requests per second of the
  Schemathesis layers;
- plain Schemathesis (its engine with its defaults, basic auth, no mgip configuration) on the
  curated spec against the same mock, with the profile's examples per operation: requests per
  second, and the ratio of ours to it.

A benchmark, not a test: it prints figures and exits 0 unless a run could not be made.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from servers import KEY, SPEC, free_port, machine, process

MGIP = str(Path(sys.executable).with_name("mgip"))
EXAMPLES = {"quick": 5, "default": 20, "thorough": 100}  # mgip.contracts.run's profile sizes
SUMMARY = re.compile(
    r"Schemathesis: (?P<st_requests>\d+) requests in (?P<st_seconds>[\d.]+) s.*?"
    r"state machine: (?P<steps>\d+) steps \(\d+ writes\) in (?P<sm_seconds>[\d.]+) s",
    re.S,
)


@dataclass(slots=True)
class Run:
    wall: float
    steps: int
    machine_seconds: float
    st_requests: int
    st_seconds: float

    @property
    def steps_per_second(self) -> float:
        return self.steps / self.machine_seconds if self.machine_seconds else 0.0

    @property
    def st_rate(self) -> float:
        return self.st_requests / self.st_seconds if self.st_seconds else 0.0


def check(args: list[str]) -> Run:
    """One `mgip check`, its wall time and the figures of its summary line."""
    env = {**os.environ, "COLUMNS": "200"}
    started = time.perf_counter()
    done = subprocess.run(
        [MGIP, "check", *args], capture_output=True, text=True, env=env, check=False
    )
    wall = time.perf_counter() - started
    found = SUMMARY.search(done.stdout)
    if done.returncode not in (0, 1) or found is None:
        tail = (done.stdout + done.stderr)[-800:]
        raise SystemExit(f"speed: `mgip check {' '.join(args)}` did not run:\n{tail}")
    return Run(
        wall=wall,
        steps=int(found["steps"]),
        machine_seconds=float(found["sm_seconds"]),
        st_requests=int(found["st_requests"]),
        st_seconds=float(found["st_seconds"]),
    )


@contextmanager
def mock() -> Iterator[str]:
    """`mgip mock` on a free loopback port, in its own process; its base URL."""
    url = f"http://127.0.0.1:{free_port()}"
    with process([MGIP, "mock", "--port", url.rsplit(":", 1)[1]], f"{url}/v3/ips"):
        yield url


def plain_schemathesis(url: str, seed: int, examples: int) -> tuple[int, float]:
    """Schemathesis's engine with its own defaults on the curated spec: requests and seconds."""
    import schemathesis
    from schemathesis.config import SchemathesisConfig
    from schemathesis.engine import events, from_schema

    config = SchemathesisConfig.from_str(
        f'seed = {seed}\n[generation]\nmax-examples = {examples}\ndatabase = "none"\n'
    )
    schema = schemathesis.openapi.from_path(SPEC, config=config)
    schema.config.update(base_url=url, basic_auth=("api", KEY))
    requests = 0
    started = time.perf_counter()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            requests += len(event.recorder.interactions)
    return requests, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--profile", choices=sorted(EXAMPLES), default="default")
    args = parser.parse_args()
    seed = ["--seed", str(args.seed)]

    print(f"speed: {machine()}; seed {args.seed}, profile {args.profile}")
    quick = check([*seed, "--profile", "quick"]) if args.profile != "quick" else None
    embedded = check([*seed, "--profile", args.profile])
    with mock() as url:
        loopback = check([*seed, "--profile", args.profile, "--base-url", url, "--api-key", KEY])
        plain_requests, plain_seconds = plain_schemathesis(url, args.seed, EXAMPLES[args.profile])
    plain_rate = plain_requests / plain_seconds if plain_seconds else 0.0

    rows = [
        *([("embedded, quick", quick)] if quick is not None else []),
        (f"embedded, {args.profile}", embedded),
        (f"loopback, {args.profile}", loopback),
    ]
    print(f"{'run':<22} {'wall s':>8} {'steps/s':>9} {'Schemathesis req/s':>19}")
    for name, run in rows:
        print(f"{name:<22} {run.wall:>8.1f} {run.steps_per_second:>9.1f} {run.st_rate:>19.1f}")
    print(
        f"{'plain Schemathesis':<22} {plain_seconds:>8.1f} {'':>9} {plain_rate:>19.1f}"
        f"  ({plain_requests} requests, loopback)"
    )
    if plain_rate:
        print(
            f"ratio, our Schemathesis layers to plain Schemathesis (req/s, loopback): "
            f"{loopback.st_rate / plain_rate:.2f}"
        )
        print(
            f"ratio, loopback steps/s to embedded steps/s: "
            f"{loopback.steps_per_second / embedded.steps_per_second:.2f}"
            if embedded.steps_per_second
            else ""
        )


if __name__ == "__main__":
    main()
