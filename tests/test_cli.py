"""The command line: the main job, exit codes, and errors without tracebacks."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mgip.cli import app
from mgip.core import resources

runner = CliRunner()


def test_check_runs_every_layer_against_the_embedded_server_and_passes() -> None:
    result = runner.invoke(app, ["check", "--seed", "5", "--max-examples", "3"])
    assert result.exit_code == 0, result.output
    # The spec's own checks are the checkout command `check-spec`; a user's run checks the server.
    assert "spec is valid OpenAPI 3.1" not in result.output
    # A line per layer as it ends, a line per section, and the checks about no rule.
    for layer in ("credentials", "features and eligibility", "set-up scripts", "Schemathesis"):
        assert re.search(rf"^  {layer}: \d+ passed \(", result.output, flags=re.MULTILINE)
    assert re.search(r"^  state machine \(\d+ steps, \d+ writes\): \d+ passed", result.output, re.M)
    assert "mgip check passed in" in result.output
    for section in ("ips", "domain_ips", "dipp", "dynamic", "warmup"):
        line = rf"^  {section} +\d+ rules: \d+ passed(, \d+ skipped)?$"
        assert re.search(line, result.output, flags=re.M)
    assert "    passed  conformance: Schemathesis on every operation" in result.output
    assert "    passed  every catalogue rule has a contract check" in result.output
    assert "failed" not in result.output.lower()
    assert result.output.endswith("replay with:\n  mgip check --seed 5 --max-examples 3\n")


def test_check_refuses_an_unknown_profile() -> None:
    result = runner.invoke(app, ["check", "--profile", "internal"])
    assert result.exit_code == 2
    assert "--profile must be one of quick, default, thorough" in result.output
    result = runner.invoke(app, ["check", "--headers", "internal"])
    assert result.exit_code == 2
    assert "--headers must be one of public, gateway" in result.output


def test_check_spec_holds_the_spec_and_catalogue_to_their_sources() -> None:
    result = runner.invoke(app, ["check-spec"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("mgip check-spec: passed, ")
    for name in ("spec is valid OpenAPI 3.1", "every example matches its schema"):
        assert f"  passed  {name}\n" in result.output
    assert "failed" not in result.output


def test_check_generated_passes_on_the_committed_output() -> None:
    result = runner.invoke(app, ["check-generated"])
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output


def test_unknown_flags_and_missing_files_exit_2_without_traceback(tmp_path: Path) -> None:
    result = runner.invoke(app, ["drift", "--upstream", str(tmp_path / "absent.yaml")])
    assert result.exit_code == 2
    assert "file not found" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(app, ["check", "--no-such-flag"])
    assert result.exit_code == 2
    assert "No such option" in result.output


def test_the_console_script_is_installed() -> None:
    mgip = Path(resources.ROOT / ".venv" / "bin" / "mgip")
    executable = str(mgip) if mgip.exists() else "mgip"
    result = subprocess.run([executable, "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    for command in ("check", "generate", "check-generated", "drift"):
        assert command in result.stdout


def test_version_is_printed_by_the_command_and_by_python_m() -> None:
    from importlib.metadata import version

    expected = f"mgip {version('mgip')}"
    assert runner.invoke(app, ["--version"]).output.strip() == expected
    result = subprocess.run(
        [sys.executable, "-m", "mgip", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_python_m_mgip_is_the_same_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mgip", "mock", "--jobs", "later"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "--jobs must be" in result.stderr
    assert "Traceback" not in result.stderr


def test_check_passes_with_the_gateway_header_profile() -> None:
    result = runner.invoke(
        app, ["check", "--seed", "3", "--profile", "quick", "--headers", "gateway"]
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_check_refuses_an_unknown_strictness() -> None:
    result = runner.invoke(app, ["check", "--strictness", "lenient"])
    assert result.exit_code == 2
    assert "--strictness must be one of documented, strict" in result.output
    assert "Traceback" not in result.output


def test_strictness_defaults_to_strict_embedded_and_documented_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mgip.cli_check import target as _target
    from mgip.contracts import target as targets

    def remote(base_url: str, api_key: str, **_: object) -> targets.Target:
        return targets.Target(base_url=base_url, api_key=api_key)

    monkeypatch.setattr(targets, "remote", remote)
    plain = {"headers": "public", "read_only": False, "writes": (False, None, False)}
    assert _target(None, "", **plain).strictness == "strict"  # type: ignore[arg-type]
    elsewhere = _target("http://127.0.0.1:9", "k", **plain)  # type: ignore[arg-type]
    assert elsewhere.strictness == "documented"
    chosen = _target(None, "", strictness="documented", **plain)  # type: ignore[arg-type]
    assert chosen.strictness == "documented"


def test_users_get_ranges_and_ci_gets_exact_pins() -> None:
    import re
    import tomllib

    project = tomllib.loads((resources.ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    declared = [
        requirement
        for requirement in [*project["dependencies"], *(r for e in extras.values() for r in e)]
        if not requirement.startswith("mgip[")  # one extra that includes another
    ]
    assert "mgip[generate]" in extras["dev"]
    pins = {
        line.split("==")[0].lower().replace("_", "-").replace(".", "-")
        for line in (resources.ROOT / "constraints.txt").read_text().splitlines()
        if "==" in line
    }
    for requirement in declared:
        version_part = requirement.split(";", 1)[0]  # not the environment marker
        assert "==" not in version_part, f"{requirement}: users get a range, not a pin"
        name = re.split(r"[<>=!;\s\[]", requirement, maxsplit=1)[0]
        assert name.lower().replace("_", "-").replace(".", "-") in pins, f"{name} is not pinned"


@pytest.mark.parametrize("command", ["generate", "check-generated", "check-spec"])
def test_a_checkout_command_outside_a_checkout_says_what_it_needs(
    command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources, "is_checkout", lambda: False)
    result = runner.invoke(app, [command])
    assert result.exit_code == 2, result.output
    assert f"`mgip {command}` works on mgip's source tree" in result.output
    assert "clone of the mgip repository" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        (["--junit", "{tmp}"], "--junit {tmp}: is a folder, not a file"),
        (["--json", "{tmp}/a-file/r.json"], "--json {tmp}/a-file/r.json: cannot create its folder"),
        (["--junit", "{tmp}/r.xml", "--report", "{tmp}/r.xml"], "--report and --junit name"),
    ],
)
def test_a_report_path_that_cannot_be_written_stops_the_run_before_it_starts(
    tmp_path: Path, flags: list[str], said: str
) -> None:
    (tmp_path / "a-file").write_text("")
    args = [flag.format(tmp=tmp_path) for flag in flags]
    # An unreachable target: had anything been sent first, the error would be about it.
    url = ["--base-url", "http://127.0.0.1:9", "--api-key", "key-acme-demo-0001"]
    for target in ([], url):
        result = runner.invoke(app, ["check", "--seed", "1", *target, *args])
        assert result.exit_code == 2, result.output
        assert said.format(tmp=tmp_path) in result.output.replace("\n", "")
        assert "credentials" not in result.output and "Traceback" not in result.output


def test_the_replay_line_parsed_back_gives_the_same_options(tmp_path: Path) -> None:
    import shlex

    from mgip.server.app import build_app
    from mgip.server.testing import serve

    scope = tmp_path / "my scope.yaml"  # a space, to be quoted
    scope.write_text((Path(__file__).parent / "fixtures" / "public_scope.yaml").read_text())
    with serve(build_app()) as running:
        given = [
            "--base-url", running.url, "--profile", "quick", "--max-examples", "1",
            "--headers", "public", "--strictness", "strict", "--allow-writes",
            "--scope", str(scope), "--dry-run", "--max-time", "90", "--request-timeout", "7.5",
        ]  # fmt: skip
        key = "key-acme-demo-0001"
        result = runner.invoke(app, ["check", *given, "--json", str(tmp_path / "r.json")],
                               env={"MGIP_API_KEY": key})  # fmt: skip
    assert result.exit_code in (0, 1), result.output
    lines = result.output.splitlines()
    printed = lines[lines.index(next(x for x in lines if x.endswith("replay with:"))) + 1].strip()
    assert key not in printed and "--json" not in printed
    words = shlex.split(printed)
    assert words[:2] == ["mgip", "check"]

    def options(args: list[str]) -> dict[str, object]:
        from typer.main import get_command

        command = get_command(app).commands["check"]  # type: ignore[attr-defined]
        with command.make_context("check", list(args)) as ctx:
            return {k: v for k, v in ctx.params.items() if k not in ("json_file", "api_key")}

    replayed, original = options(words[2:]), options(given)
    seed = re.findall(r"^seed (\d+); replay with:$", result.output, flags=re.M)[0]
    assert replayed.pop("seed") == int(seed) and original.pop("seed") is None
    assert replayed == original
    assert replayed["scope"] == str(scope) and replayed["dry_run"] and replayed["allow_writes"]


def test_check_says_when_each_layer_starts_and_ends_in_a_log() -> None:
    # CliRunner's output is not a terminal, as in a CI log.
    result = runner.invoke(
        app, ["check", "--seed", "1", "--profile", "quick", "--max-examples", "1"]
    )
    for layer in ("credentials", "features and eligibility", "set-up scripts", "state machine"):
        assert f"  {layer}: started (" in result.output
    assert result.output.index("state machine: started") < result.output.index("state machine (")


def test_a_heartbeat_line_while_a_layer_runs_long(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import threading

    from rich.console import Console

    from mgip import cli_check

    monkeypatch.setattr(cli_check, "HEARTBEAT", 0.04)
    written = threading.Event()

    class Log(io.StringIO):
        def write(self, text: str) -> int:
            if "still running" in text:
                written.set()
            return super().write(text)

    log = Log()
    progress = cli_check.Progress(Console(file=log, width=200), "t")
    with progress.shown():
        progress.starting("state machine")
        assert written.wait(timeout=60), log.getvalue()
    assert "  state machine: still running (" in log.getvalue()


def test_ctrl_c_ends_the_run_with_the_verdicts_so_far_and_exit_130(tmp_path: Path) -> None:
    import json
    import os
    import re
    import signal

    # A run far too long to finish on its own; the signal comes once the state machine started.
    args = [sys.executable, "-m", "mgip", "check", "--seed", "1", "--max-examples", "100000"]
    args += ["--json", str(tmp_path / "r.json"), "--junit", str(tmp_path / "r.xml")]
    env = {**os.environ, "COLUMNS": "200"}
    with subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as running:
        assert running.stdout is not None
        seen = []
        for line in running.stdout:
            seen.append(line)
            if "state machine: started" in line:
                running.send_signal(signal.SIGINT)
                break
        rest, errors = running.communicate(timeout=600)
    output = "".join(seen) + rest
    assert running.returncode == 130, output + errors
    assert "Traceback" not in output + errors
    assert re.search(r"features and eligibility: \d+ passed", output)  # a layer that finished
    assert "interrupted (Ctrl+C) before it finished" in output
    assert "mgip check INTERRUPTED in" in output and "\n  mgip check --seed 1 " in output
    data = json.loads((tmp_path / "r.json").read_text())
    assert (data["verdict"], data["exit_code"]) == ("interrupted", 130)
    statuses = {r["id"]: r["status"] for r in data["rules"]}
    assert statuses["dipp_create_needs_feature"] == "passed"  # a gate, finished before
    assert statuses["warmup_cancel_ends_plan"] == "error"  # the machine's, cut short
    schemathesis = [c for c in data["checks"] if c["name"] == "Schemathesis"]
    assert [c["status"] for c in schemathesis] == ["error"]  # never started
