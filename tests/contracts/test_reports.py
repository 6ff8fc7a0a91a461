"""Reports of `mgip check`: JUnit XML and Markdown; failures documented, the key redacted."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mgip.cli import app
from mgip.contracts import report
from mgip.contracts.run import _documented
from mgip.core.problems import InputError
from mgip.core.verdicts import Verdict

KEY = "key-secret-0001"


def redact(text: str) -> str:
    return text.replace(KEY, "[REDACTED]")


VERDICTS = [
    Verdict("spec is valid", "passed", "0 problem(s)"),
    Verdict("rules: something", "failed", "dipp_ip_in_one_pool", [f"curl -u api:{KEY} http://x"]),
    Verdict("rules without a check", "skipped", "101 rules"),
]


def test_junit_counts_failures_and_skips(tmp_path: Path) -> None:
    path = tmp_path / "junit.xml"
    report.junit(path, VERDICTS, seconds=1.5, redact=redact)
    suite = ET.parse(path).getroot().find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("3", "1", "1")
    failure = suite.find("testcase[@name='rules: something']/failure")
    assert failure is not None and failure.text == "curl -u api:[REDACTED] http://x"
    assert KEY not in path.read_text()


def test_markdown_has_the_table_and_the_failures(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    report.markdown(
        path, VERDICTS, target="t", replay="mgip check --seed 1", seconds=2, redact=redact
    )
    text = path.read_text()
    assert "| rules: something | failed | dipp_ip_in_one_pool |" in text
    assert "## rules: something" in text and "`mgip check --seed 1`" in text
    assert KEY not in text


def test_an_unwritable_report_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot write the report"):
        report.junit(tmp_path / "missing" / "j.xml", VERDICTS, seconds=0, redact=redact)


def test_a_failure_quotes_the_documentation() -> None:
    lines = _documented(["dipp_ip_in_one_pool: expected HTTP 400"], ("dipp_ip_in_one_pool", "x"))
    assert lines[1].startswith("  dipp_ip_in_one_pool: An IP is a member of at most one DIPP")
    assert "002_b80b345273695be7.txt" in lines[2]


def test_check_writes_both_reports(tmp_path: Path) -> None:
    junit, markdown = tmp_path / "j.xml", tmp_path / "r.md"
    args = [
        "check",
        "--seed",
        "1",
        "--max-examples",
        "2",
        "--junit",
        str(junit),
        "--report",
        str(markdown),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    suite = ET.parse(junit).getroot().find("testsuite")
    assert suite is not None and suite.get("failures") == "0"
    assert int(suite.get("tests", "0")) > 15
    assert "Replay: `mgip check --seed 1 --max-examples 2`" in markdown.read_text()
    assert "key-acme-demo-0001" not in junit.read_text() + markdown.read_text()


def test_a_rule_failure_comes_with_a_runnable_python_reproduction(tmp_path: Path) -> None:
    import subprocess
    import sys

    from mgip.contracts.run import python_snippet
    from mgip.contracts.target import Target
    from mgip.server.testing import serve

    target = Target.embedded()
    steps = ["dipps.add_ip('64f0b0b0b0b0b0b0b0b0b002', '192.0.2.16')", "dipps.get('nope')"]
    lines = python_snippet(target, steps)
    script = "\n".join(line[2:] for line in lines)
    with serve(target.app) as running:
        script = script.replace("http://127.0.0.1:8025", running.url)
        path = tmp_path / "reproduce.py"
        path.write_text(script + "\nprint(mg.dipps.get('64f0b0b0b0b0b0b0b0b0b002').details.ips)\n")
        done = subprocess.run(
            [sys.executable, str(path)],
            capture_output=True,
            text=True,
            check=False,
            env={"MGIP_API_KEY": "key-acme-demo-0001", "PATH": ""},
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    assert "HTTP 404" in done.stdout
    assert "'192.0.2.16'" in done.stdout
