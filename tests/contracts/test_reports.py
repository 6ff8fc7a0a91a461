"""Reports of `mgip check`: JUnit XML and Markdown; failures documented, the key redacted."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mgip.cli import app
from mgip.contracts import report
from mgip.contracts.report import RunReport
from mgip.contracts.run import _documented
from mgip.core import catalogue
from mgip.core.problems import InputError
from mgip.core.verdicts import Verdict, per_rule

KEY = "key-secret-0001"


def redact(text: str) -> str:
    return text.replace(KEY, "[REDACTED]")


VERDICTS = [
    Verdict("every operation asks for credentials", "passed", "38 operation(s)"),
    Verdict(
        "rules: something",
        "failed",
        "dipp_ip_in_one_pool",
        ["dipp_ip_in_one_pool: twice", f"    curl -u api:{KEY} http://x"],
        rules=("dipp_ip_in_one_pool", "dipp_create_returns_new_id"),
        notes=["reproduce with the generated client:", "  mg.dipps.get('p')"],
    ),
    Verdict("rules: not run", "skipped", "no account lacks it", rules=("ips_band_needs_feature",)),
    Verdict("Schemathesis could not finish", "error", "1 error(s)", ["fatal: boom"]),
]


def _report(**overrides: Any) -> RunReport:
    from mgip.core import catalogue

    fields: dict[str, Any] = {
        "target": "t",
        "seed": 1,
        "replay": "mgip check --seed 1",
        "seconds": 1.5,
        "checks": VERDICTS,
        "rules": per_rule(VERDICTS, catalogue.load().rules),
    }
    return RunReport(**{**fields, **overrides})


def test_junit_has_a_suite_per_section_and_a_case_per_rule(tmp_path: Path) -> None:
    path = tmp_path / "junit.xml"
    report.junit(path, _report(), redact=redact)
    root = ET.parse(path).getroot()
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["ips", "domain_ips", "dipp", "dynamic", "warmup", "checks"]
    cases = root.findall("testsuite/testcase")
    rules = [c for c in cases if c.get("classname") != "mgip.checks"]
    every = len(catalogue.load().rules)  # one case per rule of the catalogue, whatever its size
    assert len(rules) == every and len({c.get("name") for c in rules}) == every
    for suite, element in suites.items():
        assert {c.get("classname") for c in element.findall("testcase")} == {f"mgip.{suite}"}
    failure = suites["dipp"].find("testcase[@name='dipp_ip_in_one_pool']/failure")
    assert failure is not None and failure.get("message") == "dipp_ip_in_one_pool: twice"
    assert failure.text is not None
    assert "curl -u api:[REDACTED] http://x" in failure.text
    assert "mg.dipps.get('p')" in failure.text  # the reproduction comes with the evidence
    passed = suites["dipp"].find("testcase[@name='dipp_create_returns_new_id']")
    assert passed is not None and list(passed) == passed.findall("system-out")
    skipped = suites["ips"].find("testcase[@name='ips_band_needs_feature']/skipped")
    assert skipped is not None and skipped.get("message") == "no account lacks it"
    error = suites["checks"].find("testcase[@name='Schemathesis could not finish']/error")
    assert error is not None and error.text == "fatal: boom"
    assert (suites["dipp"].get("failures"), suites["checks"].get("errors")) == ("1", "1")
    checks = len(suites["checks"].findall("testcase"))
    assert (root.get("failures"), root.get("errors")) == ("1", "1")
    assert root.get("tests") == str(every + checks)
    assert KEY not in path.read_text()


def test_markdown_has_every_rule_by_section_and_the_failures(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    report.markdown(path, _report(), redact=redact)
    text = path.read_text()
    assert "- Verdict: FAILED in 1.5 s" in text and "`mgip check --seed 1`" in text
    assert "| dipp | " in text and "### warmup" in text
    assert "| dipp_ip_in_one_pool | failed | dipp_ip_in_one_pool: twice |" in text
    assert "| dipp_create_returns_new_id | passed |  |" in text
    assert "| ips_band_needs_feature | skipped | no account lacks it |" in text
    assert "### dipp_ip_in_one_pool" in text and "### Schemathesis could not finish" in text
    assert "| rules: something | failed | dipp_ip_in_one_pool |" in text
    assert KEY not in text


def test_an_unwritable_report_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot write the report"):
        report.junit(tmp_path / "missing" / "j.xml", _report(), redact=redact)


def test_a_check_about_no_rule_says_nothing_empty() -> None:
    from mgip.contracts.machine import MachineResult
    from mgip.contracts.machine.records import ANSWERS, CheckOutcome
    from mgip.contracts.run import _rule_verdicts
    from mgip.contracts.target import Target

    answers = CheckOutcome(ANSWERS, (), runs=2, problems=["GET /v3/ips -> 200: not JSON"])
    [verdict] = _rule_verdicts(MachineResult({ANSWERS: answers}), Target.embedded())
    assert verdict.detail == "checked 2 time(s)"
    assert "what the documentation says:" not in verdict.notes
    assert _documented(["x"], ()) == []


def test_a_failure_quotes_the_documentation() -> None:
    lines = _documented(["dipp_ip_in_one_pool: expected HTTP 400"], ("dipp_ip_in_one_pool", "x"))
    assert lines[1].startswith("  dipp_ip_in_one_pool: An IP is a member of at most one DIPP")
    assert "002_b80b345273695be7.txt" in lines[2]


def test_check_writes_every_report_of_a_failing_run_into_a_new_folder(tmp_path: Path) -> None:
    import json

    import jsonschema

    folder = tmp_path / "reports" / "mgip"  # created before the run
    junit, markdown, as_json = folder / "j.xml", folder / "r.md", folder / "r.json"
    mutant = "dipp_edit_applies_fields.description_not_saved"
    args = ["check", "--seed", "2", "--profile", "quick", "--max-examples", "1"]
    args += ["--mutant", mutant, "--junit", str(junit), "--report", str(markdown)]
    result = CliRunner().invoke(app, [*args, "--json", str(as_json)])
    assert result.exit_code == 1, result.output
    data = json.loads(as_json.read_text())
    jsonschema.Draft202012Validator(report.schema()).validate(data)
    assert (data["verdict"], data["exit_code"], data["seed"]) == ("failed", 1, 2)
    assert data["options"]["mutant"] == mutant and data["options"]["max_examples"] == 1
    assert (
        data["replay"] == f"mgip check --seed 2 --profile quick --max-examples 1 --mutant {mutant}"
    )
    from mgip.core import catalogue

    assert [r["id"] for r in data["rules"]] == [r.id for r in catalogue.load().rules]
    failed = {r["id"]: r for r in data["rules"] if r["status"] == "failed"}
    assert failed["dipp_edit_applies_fields"]["evidence"][0].startswith("dipp_edit_applies_fields")
    assert data["counts"]["rules"]["failed"] == len(failed)
    root = ET.parse(junit).getroot()
    assert (
        root.find("testsuite[@name='dipp']/testcase[@name='dipp_edit_applies_fields']/failure")
        is not None
    )
    assert f"Replay: `{data['replay']}`" in markdown.read_text()
    # The embedded server's key is the demo scenario's, published: a reproduction exports it
    # to start the same mock, and that is the only place it shows.
    text = junit.read_text() + markdown.read_text() + as_json.read_text()
    lines = [line for line in text.splitlines() if "key-acme-demo-0001" in line]
    assert lines and all("export MGIP_API_KEY=key-acme-demo-0001" in line for line in lines)


def test_the_report_schema_is_package_data() -> None:
    import tomllib

    from mgip.core import resources

    project = tomllib.loads((resources.ROOT / "pyproject.toml").read_text())
    assert "report.schema.json" in project["tool"]["setuptools"]["package-data"]["mgip.contracts"]
    assert report.schema()["title"] == "mgip check report"


def test_a_rule_failure_comes_with_a_runnable_python_reproduction(tmp_path: Path) -> None:
    import subprocess
    import sys

    from mgip.contracts import reproduce
    from mgip.contracts.target import Target
    from mgip.server.testing import serve

    target = Target.embedded()
    steps = ["dipps.add_ip('64f0b0b0b0b0b0b0b0b0b002', '192.0.2.16')", "dipps.get('nope')"]
    lines = reproduce.python(target, steps, {"dipps"})
    assert lines[0].startswith("mgip mock --port 8025 &")
    assert lines[2] == "export MGIP_API_KEY=key-acme-demo-0001  # the scenario's own key"
    script = "\n".join(lines[lines.index("python3 - <<'EOF'") + 1 : -1])
    with serve(target.app) as running:
        script = script.replace("http://127.0.0.1:8025", running.url)
        path = tmp_path / "reproduce.py"
        path.write_text(script)
        done = subprocess.run(
            [sys.executable, str(path)],
            capture_output=True,
            text=True,
            check=False,
            env={"MGIP_API_KEY": "key-acme-demo-0001", "PATH": ""},
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    assert "dipps.get HTTP 404" in done.stdout
    listed = next(line for line in done.stdout.splitlines() if line.startswith("DIPPs "))
    assert "'192.0.2.16'" in listed
