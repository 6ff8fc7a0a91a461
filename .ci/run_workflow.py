"""Run the shell steps of a GitHub Actions workflow file here, in order, as its job would.

    python .ci/run_workflow.py WORKFLOW.yml --workdir DIR [--env NAME=VALUE ...]

`uses:` steps (checkout, setup-python, upload-artifact) are skipped and named: the caller
provides what they would (a Python on PATH, the files). `${{ secrets.NAME }}` takes the value of
the environment variable NAME; `--env` overrides the job's own `env:`. A step marked
`if: always()` runs after a failure too. Exit status: the first failed step's, or 0.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

SECRET = re.compile(r"\$\{\{\s*secrets\.(\w+)\s*\}\}")


def _expand(value: str) -> str:
    return SECRET.sub(lambda m: os.environ.get(m.group(1), ""), value)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("workflow", type=Path)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    document: Any = yaml.safe_load(args.workflow.read_text(encoding="utf-8"))
    failed = 0
    for job_name, job in document["jobs"].items():
        env = {**os.environ, **{k: _expand(str(v)) for k, v in job.get("env", {}).items()}}
        env.update(item.split("=", 1) for item in args.env)
        for step in job["steps"]:
            name = step.get("name") or step.get("uses") or step.get("run", "").splitlines()[0]
            if "uses" in step:
                print(f"[{job_name}] skipped (an action): {name}", flush=True)
                continue
            if failed and "always()" not in str(step.get("if", "")):
                print(f"[{job_name}] not run after a failure: {name}", flush=True)
                continue
            print(f"[{job_name}] {name}", flush=True)
            done = subprocess.run(
                ["bash", "-e", "-c", step["run"]], cwd=args.workdir, env=env, check=False
            )
            if done.returncode and not failed:
                print(f"[{job_name}] failed ({done.returncode}): {name}", flush=True)
                failed = done.returncode
    return failed


if __name__ == "__main__":
    sys.exit(main())
