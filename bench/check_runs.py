"""How long `mgip check` takes against the embedded reference server, and how much it sends.

    python bench/check_runs.py [--seeds 1,2,3] [--profiles quick,default]

Each run is the real command in a fresh process, so start-up is included. A benchmark, not a
test: it prints figures and fails only when a run cannot be made or does not pass.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

MGIP = str(Path(sys.executable).with_name("mgip"))
FIGURES = re.compile(
    r"Schemathesis: (\d+) requests in ([\d.]+) s \((\d+)/s\); state machine: (\d+) steps in "
    r"([\d.]+) s \((\d+)/s\)"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="1,2,3", help="comma-separated seeds")
    parser.add_argument("--profiles", default="quick,default", help="comma-separated profiles")
    args = parser.parse_args()
    seeds = [int(s) for s in args.seeds.split(",")]
    columns = ("seed", "wall s", "requests", "req/s", "steps", "steps/s")
    print(f"{'profile':<9} " + " ".join(f"{c:>8}" for c in columns))
    for profile in args.profiles.split(","):
        walls = []
        for seed in seeds:
            started = time.perf_counter()
            result = subprocess.run(
                [MGIP, "check", "--seed", str(seed), "--profile", profile],
                capture_output=True,
                text=True,
                check=False,
            )
            wall = time.perf_counter() - started
            found = FIGURES.search(" ".join(result.stdout.split()))
            if result.returncode != 0 or found is None:
                raise SystemExit(
                    f"bench: mgip check --seed {seed} --profile {profile} did not pass"
                )
            requests, _, rate, steps, _, step_rate = found.groups()
            walls.append(wall)
            cells = (seed, f"{wall:.1f}", requests, rate, steps, step_rate)
            print(f"{profile:<9} " + " ".join(f"{c:>8}" for c in cells))
        print(f"{profile:<9} {'median':>8} {statistics.median(walls):>8.1f}")


if __name__ == "__main__":
    main()
