"""Make the documentation's pictures of a failing `mgip check` run, from this checkout.

    .venv/bin/python docs/make_report_images.py

Runs `mgip check` on the embedded server broken by one mutant (the quick profile, a fixed
seed) with COLUMNS=80, as a CI log shows it, and keeps what it printed in
docs/check-80-columns.txt; writes the run's HTML report to a temporary folder and takes
docs/report.png of it (1280 px wide, the first 1400 px, filtered to the failed rules) with the
browser test's driver, tests/browser/report_page.mjs (Chromium and playwright-core, which
`make test` installs). Run it again whenever the console or the page changes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DRIVER = ROOT / "tests" / "browser" / "report_page.mjs"
MUTANT = "dipp_list_covers_all_pools.last_pool_dropped"
SEED = 1481016526  # a seed whose run shows both kinds of reproduction (curl and Python)
COLUMNS = 80


def main() -> int:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "playwright-core").is_dir():
        print("needs node and playwright-core (`make test` installs them)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="mgip-docs-") as folder:
        # Run in the temporary folder so that the report's path printed is the same every time.
        command = [sys.executable, "-m", "mgip", "check", "--profile", "quick"]
        command += ["--seed", str(SEED), "--mutant", MUTANT, "--html", "report.html"]
        env = {**os.environ, "COLUMNS": str(COLUMNS)}
        done = subprocess.run(
            command, cwd=folder, env=env, capture_output=True, text=True, check=False
        )
        if done.returncode != 1:
            print(done.stdout, done.stderr, sep="\n", file=sys.stderr)
            print(f"expected the mutant's run to fail (exit 1), not {done.returncode}")
            return 1
        shown = f"$ mgip check --profile quick --seed {SEED} --mutant {MUTANT} --html report.html\n"
        (DOCS / "check-80-columns.txt").write_text(shown + done.stdout, encoding="utf-8")
        screenshot = ["--screenshot", str(DOCS / "report.png"), "--status", "failed"]
        looked = subprocess.run(
            [node, str(DRIVER), str(Path(folder, "report.html")), *screenshot],
            capture_output=True,
            text=True,
            check=False,
            timeout=150,
        )
        if looked.returncode != 0:
            print(looked.stderr, file=sys.stderr)
            return 1
        seen = json.loads(looked.stdout)
    widest = max(len(line) for line in done.stdout.splitlines())
    print(f"docs/check-80-columns.txt: {len(done.stdout.splitlines())} lines, widest {widest}")
    print(f"docs/report.png: {seen['verdict']}, rules {seen['counts']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
