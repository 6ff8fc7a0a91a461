"""The command line: the main job, exit codes, and errors without tracebacks."""

from __future__ import annotations

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
    # Rich wraps the table's cells: look for the start of each server layer's name.
    assert "conformance: Schemathesis" in result.output
    assert "stateful sequences over" in result.output
    assert "rules: DIPPs hold dedicated" in result.output
    assert "every catalogue rule" in result.output
    assert "rules: dipp_create" in result.output  # a feature gate
    assert "failed" not in result.output.lower()
    assert "replay with `mgip check --seed 5 --max-examples 3`" in result.output


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
    # Rich wraps the table's cells: look for the start of each check's name.
    for name in ("spec is valid OpenAPI", "every example matches", "catalogue rules name"):
        assert name in result.output
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
    from mgip.cli import _target
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
