"""The spec lints clean under Spectral with the committed ruleset, and the ruleset has teeth."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from mgip.core import resources

SPECTRAL = resources.ROOT / "node_modules" / ".bin" / "spectral"
RULESET = resources.SPEC_DIR / "spectral.yaml"


def _lint(document: Path) -> subprocess.CompletedProcess[str]:
    if not SPECTRAL.exists():
        if shutil.which("npm") is None:
            pytest.skip("npm is not installed; `make test` installs Spectral with it")
        pytest.fail("Spectral is not installed: run `make test` (it runs `npm ci`)")
    return subprocess.run(
        [
            str(SPECTRAL),
            "lint",
            str(document),
            "--ruleset",
            str(RULESET),
            "--fail-severity=hint",
            "--format=text",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=resources.ROOT,
    )


def test_the_curated_spec_lints_clean() -> None:
    result = _lint(resources.SPEC)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_ruleset_rejects_a_broken_spec(tmp_path: Path) -> None:
    text = resources.SPEC.read_text()
    text = text.replace("      x-mgip-method: get_new_ip_allowance\n", "", 1)
    text = text.replace("operationId: requestNewIp", "operationId: Request-new-ip", 1)
    broken = tmp_path / "broken.yaml"
    broken.write_text(text)
    result = _lint(broken)
    assert result.returncode != 0
    assert "mgip-facade-method" in result.stdout
    assert "mgip-operation-id-camel-case" in result.stdout
