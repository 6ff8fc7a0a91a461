"""The command line: the main job, exit codes, and errors without tracebacks."""

from __future__ import annotations

import subprocess
from pathlib import Path

from typer.testing import CliRunner

from mgip import paths
from mgip.cli import app

runner = CliRunner()


def test_check_runs_every_layer_against_the_embedded_server_and_passes() -> None:
    result = runner.invoke(app, ["check", "--seed", "5", "--max-examples", "3"])
    assert result.exit_code == 0, result.output
    assert "spec is valid OpenAPI 3.1" in result.output
    assert "generated/ matches the spec" in result.output
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
    mgip = Path(paths.ROOT / ".venv" / "bin" / "mgip")
    executable = str(mgip) if mgip.exists() else "mgip"
    result = subprocess.run([executable, "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    for command in ("check", "generate", "check-generated", "drift"):
        assert command in result.stdout


def test_check_passes_with_the_gateway_header_profile() -> None:
    result = runner.invoke(
        app, ["check", "--seed", "3", "--profile", "quick", "--headers", "gateway"]
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
