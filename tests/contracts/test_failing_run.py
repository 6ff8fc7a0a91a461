"""A failing run as a user sees it: its console at 80 columns, and its reproductions run.

One run of `mgip check` against a mutant of the embedded server (a subprocess, as a user runs
it, with COLUMNS=80) serves every test here; they share an xdist group so that it runs once.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mgip.core import catalogue

pytestmark = pytest.mark.xdist_group("failing_run")

MUTANT = "dipp_list_covers_all_pools.last_pool_dropped"
SEED = "1481016526"
WIDTH = 80
IDENTIFIER = re.compile(r"(?<![\w.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w-])")
BIN = str(Path(sys.executable).parent)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict[str, Any]]:
    folder = tmp_path_factory.mktemp("failing-run")
    env = {**os.environ, "COLUMNS": str(WIDTH), "PATH": f"{BIN}:{os.environ['PATH']}"}
    env.pop("MGIP_API_KEY", None)
    args = ["check", "--profile", "quick", "--seed", SEED, "--mutant", MUTANT]
    done = subprocess.run(
        [sys.executable, "-m", "mgip", *args, "--json", str(folder / "run.json")],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    return done.stdout.splitlines(), json.loads((folder / "run.json").read_text())


def _commands(data: dict[str, Any]) -> set[str]:
    """The lines printed as commands, which are never wrapped."""
    lines = {f"  {data['replay']}"}
    for rule in data["rules"]:
        lines |= {f"    {line}" for line in rule["reproduction"]}
    return lines


def test_the_console_reads_at_80_columns(run: tuple[list[str], dict[str, Any]]) -> None:
    lines, data = run
    commands = _commands(data)
    end = lines.index(next(line for line in lines if line.startswith("mgip check FAILED")))
    prose = [line for line in lines if line not in commands]
    assert all(len(line) <= WIDTH for line in prose), [line for line in prose if len(line) > WIDTH]
    # A command is on a line of its own, whole, so that it can be copied.
    assert commands <= set(lines)
    # No identifier is split: every one printed outside the commands is a whole rule id, the
    # name of a section, or a part of the mutant's name.
    ids = {rule.id for rule in catalogue.load().rules}
    known = ids | {"domain_ips"} | set(MUTANT.split("."))
    found = {word for line in prose for word in IDENTIFIER.findall(line)}
    assert found <= known, found - known
    # A line per section, with the JSON's counts; then a block per failed rule.
    for section in ("ips", "domain_ips", "dipp", "dynamic", "warmup"):
        mine = [r for r in data["rules"] if r["section"] == section]
        line = next(text for text in lines[end:] if text.split()[:1] == [section])
        assert f"{len(mine)} rules:" in line
    failed = [r for r in data["rules"] if r["status"] == "failed"]
    assert failed
    for rule in failed:
        heading = f"FAILED {rule['id']}  [{rule['section']}]"
        at = lines.index(heading)
        block = lines[at : at + 60]
        assert any(line.startswith("  reproduce") for line in block)
        assert f"    {rule['reproduction'][-1]}" in block
    assert lines[lines.index(f"  {data['replay']}") - 1] == f"seed {SEED}; replay with:"
    assert len(lines) < 200  # the old table took 523 lines for this run


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _run_script(lines: list[str], port: int) -> str:
    """The reproduction's lines as a bash script, the mock on `port`; the mock is stopped
    whatever happens."""
    script = "\n".join(lines).replace(":8025", f":{port}").replace("--port 8025", f"--port {port}")
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"}
    env.pop("MGIP_API_KEY", None)
    process = subprocess.Popen(
        ["bash", "-c", "trap 'kill $(jobs -p) 2>/dev/null' EXIT\n" + script],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        out, _ = process.communicate(timeout=120)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 0, out
    return out


def test_printed_reproductions_get_the_same_answers_from_the_mock(
    run: tuple[list[str], dict[str, Any]],
) -> None:
    _, data = run
    failed = [c for c in data["checks"] if c["status"] == "failed" and c["reproduction"]]
    kinds = {
        "curl" if any(line.startswith("curl ") for line in c["reproduction"]) else "python"
        for c in failed
    }
    assert kinds == {"curl", "python"}, kinds
    for check in failed:
        lines = check["reproduction"]
        assert lines[0].startswith(f"mgip mock --mutant {MUTANT} --port 8025 &")
        out = _run_script(lines, _free_port())
        if any(line.startswith("curl ") for line in lines):
            expected = [line.rsplit("# got ", 1)[1] for line in lines if line.startswith("curl ")]
            got = re.findall(r" -> (\d{3})$", out, flags=re.MULTILINE)
            assert got == expected, out
        else:
            # The steps create the same objects (their ids follow from the scenario and the
            # requests), and the reads show what the run found.
            for problem in check["problems"]:
                for new in re.findall(r"new DIPP ([0-9a-f]{24}) is not", problem):
                    assert new in out
                    listed = next(x for x in out.splitlines() if x.startswith("DIPPs "))
                    assert new not in listed
