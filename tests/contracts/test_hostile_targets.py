"""`mgip check` against servers mgip did not write, each hostile in its own way.

Each run is a separate process with a hard timeout, so that a checker that hangs fails its test
instead of the suite. What a user would check: no traceback, the documented exit code, a
finding that names what was wrong, and a run that ends by its deadline.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from mgip.contracts import reproduce
from tests.fixtures.hostile import BEHAVIOURS, DB_IPS, DB_KEY, DippDatabase, Running, serving

ROOT = Path(__file__).resolve().parents[2]
MGIP = [str(Path(sys.executable).parent / "mgip")]
KEY = "key-someone-elses-0001"


def check(server: Running, *extra: str, key: str = KEY) -> subprocess.CompletedProcess[str]:
    args = [*MGIP, "check", "--base-url", server.url, "--profile", "quick", "--seed", "1"]
    args += ["--max-examples", "1", "--max-time", "25", "--request-timeout", "1", *extra]
    return subprocess.run(
        args,
        capture_output=True,
        text=True,
        timeout=240,  # far past the deadline: a run still going then has hung
        env={"MGIP_API_KEY": key, "PATH": "/usr/bin:/bin", "COLUMNS": "200"},
        cwd=ROOT,
        check=False,
    )


# kind -> (exit codes allowed, text the output must contain)
EXPECTED = {
    "missing_field": ((1,), '"total_count" is a required property'),
    "html_everywhere": ((1,), "every operation is implemented"),
    "huge_answers": ((2,), "larger than"),
    "huge_lists": ((1,), "larger than"),
    "answers_once_then_hangs": ((1, 2), "timed out"),
    "rate_limited": ((1,), "429"),
    "redirect_loop": ((1,), "302"),
    "garbage": ((2,), "the connection failed"),
    "partial_mock": ((1,), "every operation is implemented"),
}


@dataclass(frozen=True, slots=True)
class Seen:
    result: subprocess.CompletedProcess[str]
    log: list[tuple[str, str]]
    writes: list[tuple[str, str]]


_seen: dict[str, Seen] = {}


def run_against(kind: str) -> Seen:
    """One checker run per kind of server, shared by the tests that read it."""
    if kind not in _seen:
        with serving(BEHAVIOURS[kind]) as server:
            result = check(server)
        _seen[kind] = Seen(result, list(server.log), server.writes)
    return _seen[kind]


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_a_hostile_server_gets_findings_not_a_traceback(kind: str) -> None:
    codes, needle = EXPECTED[kind]
    seen = run_against(kind)
    output = seen.result.stdout + seen.result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert seen.result.returncode in codes, output[-3000:]
    assert needle in output, output[-3000:]
    assert KEY not in output
    # Not one of these servers says it is mgip's: nothing is written to it.
    assert not seen.writes, seen.writes[:5]


def test_a_catch_all_is_not_taken_for_mgips_control_interface() -> None:
    seen = run_against("html_everywhere")
    assert "(read-only)" in seen.result.stdout
    control = [path for _, path in seen.log if path.startswith("/mgip/")]
    assert control == ["/mgip/identity"], control


def test_redirects_are_answers_not_followed() -> None:
    seen = run_against("redirect_loop")
    # Each request is sent once and its 302 judged: no chain of redirects behind it.
    sent = [line for line in seen.result.stdout.splitlines() if "requests sent" in line]
    assert sent, seen.result.stdout[-2000:]
    assert len(seen.log) < 3000, len(seen.log)


def test_an_unimplemented_operation_is_one_finding() -> None:
    out = run_against("partial_mock").result.stdout
    assert "listDippDomains: GET" in out  # named once, under "every operation is implemented"
    # ... and not again as a credentials failure of the same operation.
    credentials = out.split("\nFAILED every operation asks for credentials", 1)[1]
    credentials = credentials.split("\nFAILED every operation is implemented", 1)[0]
    assert "listDippDomains" not in credentials


def test_one_ip_in_two_dipps_is_never_a_pass() -> None:
    out = run_against("partial_mock").result.stdout
    rows = [line for line in out.splitlines() if "each in one pool" in line]
    assert rows and "passed" not in rows[0], out[-3000:]
    assert "is in DIPPs" in out


def test_a_mock_with_a_store_of_its_own_gets_a_scoped_write_run(tmp_path: Path) -> None:
    """A mock that keeps DIPPs and answers HTML elsewhere: with --allow-writes and a scope, the
    state machine writes (inside the scope), its documented departure is reported, the
    unimplemented operations are one finding, and what the run created is gone afterwards."""
    scope = tmp_path / "scope.yaml"
    scope.write_text(f"ips: [{', '.join(DB_IPS)}]\n")
    store = DippDatabase()
    report = tmp_path / "run.json"
    with serving(store) as server:
        args = ("--allow-writes", "--scope", str(scope), "--max-time", "60", "--max-examples", "5")
        result = check(server, *args, "--json", str(report), key=DB_KEY)
        writes = server.writes
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert result.returncode == 1, output[-3000:]
    assert "every operation is implemented" in output
    assert "is in DIPPs" in output  # one IP in two DIPPs: the mock never refuses it
    assert writes, "the state machine sent no write"
    # Every IP a write names is a scoped one (the store starts empty: every DIPP is the run's).
    named = {part for _, path in writes for part in path.split("?")[0].split("/") if "." in part}
    assert named <= set(DB_IPS), named
    assert not store.pools, store.pools  # every DIPP the run created was deleted
    # Each failure's reproduction sends its requests to this server, the key from the
    # environment; one that writes says first that it writes to the account again.
    import json

    failed = [r for r in json.loads(report.read_text())["rules"] if r["status"] == "failed"]
    again = [r["reproduction"] for r in failed if r["reproduction"]]
    assert again, failed
    for lines in again:
        sent = [line for line in lines if line.startswith("curl ")]
        assert all(server.url in line and '"api:$MGIP_API_KEY"' in line for line in sent), lines
        writes_again = any(" -X GET " not in line for line in sent)
        assert (lines[0] == reproduce.WRITES_AGAIN) == writes_again, lines
    assert DB_KEY not in report.read_text()
    assert "the scope was put back as it was found" in output
    assert DB_KEY not in output
