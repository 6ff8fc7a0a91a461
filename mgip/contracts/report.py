"""Reports of a `mgip check` run: JUnit XML for CI, Markdown for people, JSON for programs.

All three are built from one `RunReport`: the checks the console table shows and the verdict
per catalogue rule derived from them (`mgip.core.verdicts.per_rule`). Every text passes
through the target's redaction once more on its way out, so no form of the API key can reach a
file. The JSON's form is `report.schema.json`, beside this module.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from mgip.core.problems import InputError
from mgip.core.verdicts import STATUSES, RuleVerdict, Verdict, counts

# The test suite of the checks that are about no rule: the credentials, Schemathesis, the
# answers, the put-back of a scope.
CHECKS_SUITE = "checks"
# The version of the JSON report's form; it changes when a field changes meaning or goes.
FORMAT = 1
EXIT_CODES = {"passed": 0, "failed": 1, "interrupted": 130}
# The run's verdict as every report heads it: a word in capitals when something is wrong.
VERDICT_WORDS = {"passed": "passed", "failed": "FAILED", "interrupted": "INTERRUPTED"}


@dataclass(slots=True)
class RunReport:
    """What one run found, as every report says it."""

    target: str
    seed: int
    replay: str
    seconds: float
    checks: list[Verdict]
    rules: list[RuleVerdict]
    # Every option that shaped the run, as it took effect (the key never among them).
    options: dict[str, Any] = field(default_factory=dict)
    stopped: str = ""  # why the run ended before its budget, if it did
    interrupted: bool = False
    figures: dict[str, Any] = field(default_factory=dict)

    @property
    def verdict(self) -> str:
        """The run's verdict: "interrupted" (Ctrl+C), "failed" (a check failed or could not be
        evaluated) or "passed"."""
        if self.interrupted:
            return "interrupted"
        return "failed" if any(v.status in ("failed", "error") for v in self.checks) else "passed"

    @property
    def word(self) -> str:
        """The verdict as a report heads it (VERDICT_WORDS)."""
        return VERDICT_WORDS[self.verdict]

    @property
    def exit_code(self) -> int:
        """The exit status of `mgip check` for this run (EXIT_CODES)."""
        return EXIT_CODES[self.verdict]

    @property
    def sections(self) -> list[str]:
        """The catalogue's sections, in its order."""
        return list(dict.fromkeys(r.section for r in self.rules))

    @property
    def other_checks(self) -> list[Verdict]:
        """The checks that are about no rule of the catalogue."""
        return [v for v in self.checks if not v.rules]


def write_text(path: Path, text: str) -> None:
    """Write a report's text; InputError when it cannot be written."""
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the report: {exc.strerror}", path=path) from None


def _counted(element: ET.Element, verdicts: Iterable[RuleVerdict | Verdict]) -> None:
    found = counts(verdicts)
    element.set("tests", str(sum(found.values())))
    element.set("failures", str(found["failed"]))
    element.set("errors", str(found["error"]))
    element.set("skipped", str(found["skipped"]))


def _outcome(case: ET.Element, status: str, message: str, text: list[str]) -> None:
    """The failure, error or skip of a test case (a passed one has none)."""
    tag = {"failed": "failure", "error": "error", "skipped": "skipped"}.get(status)
    if tag is None:
        return
    outcome = ET.SubElement(case, tag, message=message[:500])
    if text:
        outcome.text = "\n".join(text)


def junit(path: Path, report: RunReport, *, redact: Callable[[str], str]) -> None:
    """One test suite per section of the catalogue and a test case per rule (named by its id,
    class `mgip.<section>`), then a suite for the checks about no rule."""
    root = ET.Element("testsuites", name="mgip check", time=f"{report.seconds:.2f}")
    _counted(root, [*report.rules, *report.other_checks])
    properties = {"seed": str(report.seed), "target": report.target, "replay": report.replay}
    for section in [*report.sections, CHECKS_SUITE]:
        suite = ET.SubElement(root, "testsuite", name=section)
        held = ET.SubElement(suite, "properties")
        for name, value in properties.items():
            ET.SubElement(held, "property", name=name, value=redact(value))
        if section == CHECKS_SUITE:
            _counted(suite, report.other_checks)
            for check in report.other_checks:
                case = ET.SubElement(suite, "testcase", classname="mgip.checks", name=check.name)
                again = ["reproduce (a shell script):", *check.reproduction]
                lines = [*check.lines, *(again if check.reproduction else [])]
                text = [redact(line) for line in lines]
                _outcome(case, check.status, redact(check.detail), text)
            continue
        rules = [r for r in report.rules if r.section == section]
        _counted(suite, rules)
        for rule in rules:
            case = ET.SubElement(suite, "testcase", classname=f"mgip.{section}", name=rule.id)
            lines = [*rule.evidence, *rule.notes] if rule.status == "failed" else []
            if rule.reproduction:
                lines += ["reproduce (a shell script):", *rule.reproduction]
            message = rule.evidence[0] if rule.status == "failed" else rule.reason
            _outcome(case, rule.status, redact(message), [redact(line) for line in lines])
            said = [rule.statement, f"checked by: {', '.join(rule.checks) or 'no check'}"]
            ET.SubElement(case, "system-out").text = redact("\n".join(said))
    ET.indent(root)
    write_text(path, ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(path: Path, report: RunReport, *, redact: Callable[[str], str]) -> None:
    """The verdict, a count per section, the verdict of every rule, the checks, and each
    failure with its evidence and reproduction."""
    rule_counts = counts(report.rules)
    lines = [
        "# mgip check",
        "",
        f"- Target: {report.target}",
        f"- Verdict: {report.word} "
        f"in {report.seconds:.1f} s" + (f" ({report.stopped})" if report.stopped else ""),
        f"- Rules: {', '.join(f'{n} {s}' for s, n in rule_counts.items())}",
        f"- Replay: `{report.replay}`",
        "",
        "## Rules by section",
        "",
        "| section | " + " | ".join(STATUSES) + " |",
        "|---" * (len(STATUSES) + 1) + "|",
    ]
    for section in report.sections:
        found = counts(r for r in report.rules if r.section == section)
        lines.append(f"| {section} | " + " | ".join(str(found[s]) for s in STATUSES) + " |")
    for section in report.sections:
        lines += ["", f"### {section}", "", "| rule | verdict | why |", "|---|---|---|"]
        for rule in (r for r in report.rules if r.section == section):
            why = rule.evidence[0] if rule.status == "failed" else rule.reason
            lines.append(f"| {rule.id} | {rule.status} | {_cell(why)} |")
    lines += ["", "## Checks", "", "| check | verdict | detail |", "|---|---|---|"]
    lines += [f"| {_cell(v.name)} | {v.status} | {_cell(v.detail)} |" for v in report.checks]
    failed = [r for r in report.rules if r.status == "failed"]
    others = [v for v in report.other_checks if v.status in ("failed", "error") and v.lines]
    if failed or others:
        lines += ["", "## Failures"]
    for rule in failed:
        lines += ["", f"### {rule.id}", "", rule.statement, "", "```"]
        lines += [*rule.evidence, *rule.notes, "```"]
        if rule.reproduction:
            lines += ["", "Reproduce:", "", "```sh", *rule.reproduction, "```"]
    for check in others:
        lines += ["", f"### {check.name}", "", "```", *check.lines, "```"]
        if check.reproduction:
            lines += ["", "Reproduce:", "", "```sh", *check.reproduction, "```"]
    write_text(path, redact("\n".join(lines)) + "\n")


def as_json(report: RunReport, *, redact: Callable[[str], str]) -> dict[str, Any]:
    """The run as the JSON report holds it (`report.schema.json`), every text redacted."""
    from mgip import __version__

    data = {
        "format": FORMAT,
        "mgip": __version__,
        "target": report.target,
        "seed": report.seed,
        "options": report.options,
        "replay": report.replay,
        "verdict": report.verdict,
        "exit_code": report.exit_code,
        "duration": round(report.seconds, 3),
        "stopped": report.stopped,
        "counts": {"rules": counts(report.rules), "checks": counts(report.checks)},
        "rules": [
            {
                "id": r.id,
                "section": r.section,
                "statement": r.statement,
                "status": r.status,
                "evidence": r.evidence,
                "reason": r.reason,
                "notes": r.notes,
                "checks": r.checks,
                "reproduction": r.reproduction,
            }
            for r in report.rules
        ],
        "checks": [
            {
                "name": v.name,
                "status": v.status,
                "detail": v.detail,
                "rules": list(v.rules),
                "problems": v.problems,
                "notes": v.notes,
                "reproduction": v.reproduction,
            }
            for v in report.checks
        ],
        "figures": report.figures,
    }
    redacted: dict[str, Any] = _redacted(data, redact)
    return redacted


def _redacted(value: Any, redact: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: _redacted(item, redact) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_redacted(item, redact) for item in value]
    return value


def write_json(path: Path, report: RunReport, *, redact: Callable[[str], str]) -> None:
    write_text(path, json.dumps(as_json(report, redact=redact), indent=2) + "\n")


def schema() -> dict[str, Any]:
    """The JSON Schema of the JSON report (package data of mgip.contracts)."""
    text = resources.files("mgip.contracts").joinpath("report.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded
