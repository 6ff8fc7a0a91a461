"""The end of a `mgip check` run on the console, written to be read at 80 columns and in CI logs.

First a line with the run's verdict, a line per section of the catalogue with its rules'
counts, and one for the checks about no rule; then the findings, one block each: its verdict
and rule id on a line of their own, what the rule says and where the documentation says it,
what was found, and the reproduction; last, the rules that were skipped, by reason, and the
replay line.

Prose is wrapped at the console's width at spaces only, so no identifier is ever split; a
command (a reproduction, the replay line) is never wrapped, so that it is copied whole.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator

from mgip.contracts.report import RunReport
from mgip.core.verdicts import RuleVerdict, Verdict, counts

INDENT = "  "
# The findings' blocks shown at most; the reports (--report, --json, --html) have them all.
FINDINGS_SHOWN = 20


def _counted(verdicts: Iterable[RuleVerdict | Verdict]) -> str:
    found = counts(verdicts)
    return ", ".join(f"{n} {status}" for status, n in found.items() if n) or "none"


def _wrap(text: str, width: int, indent: str = "", later: str | None = None) -> list[str]:
    """`text` wrapped at `width` at spaces only: a word longer than a line stays whole."""
    return textwrap.wrap(
        text,
        width=max(width, 40),
        initial_indent=indent,
        subsequent_indent=indent + INDENT if later is None else later,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent]


def summary(report: RunReport) -> list[str]:
    """The verdict, then a line per section (and one for the checks about no rule)."""
    word = {"passed": "passed", "failed": "FAILED", "interrupted": "INTERRUPTED"}[report.verdict]
    lines = [
        f"mgip check {word} in {report.seconds:.1f} s: {len(report.rules)} rules, "
        + _counted(report.rules)
    ]
    label = max([len(s) for s in report.sections] + [len("checks")])
    for section in report.sections:
        mine = [r for r in report.rules if r.section == section]
        lines.append(f"{INDENT}{section:<{label}}  {len(mine):>3} rules: {_counted(mine)}")
    others = report.other_checks
    lines.append(f"{INDENT}{'checks':<{label}}  {len(others):>3} about no rule: {_counted(others)}")
    return lines


def _own(line: str, rule_id: str) -> str:
    """A finding's line without the rule id it starts with (the block names the rule)."""
    prefix = f"{rule_id}: "
    return line[len(prefix) :] if line.startswith(prefix) else line


def _lines(lines: Iterable[str], width: int, indent: str) -> Iterator[str]:
    """Finding lines: prose wrapped; an indented line (a request, a command) left whole."""
    for line in lines:
        if line[:1].isspace() or line.startswith("curl "):
            yield indent + line
        else:
            yield from _wrap(line, width, indent)


def _reproduction(lines: list[str]) -> list[str]:
    if not lines:
        return []
    return [f"{INDENT}reproduce (a shell script; the run's answers follow '# got'):"] + [
        f"{INDENT * 2}{line}" for line in lines
    ]


def rule_block(rule: RuleVerdict, width: int, source: str = "") -> list[str]:
    """One finding about a rule: it fails, or could not be evaluated."""
    lines = [f"{rule.status.upper()} {rule.id}  [{rule.section}]"]
    lines += _wrap(rule.statement, width, INDENT, INDENT)
    if source:
        lines += _wrap(f"documented in {source}", width, INDENT)
    if rule.status == "failed":
        lines.append(f"{INDENT}found:")
        lines += _lines((_own(e, rule.id) for e in rule.evidence), width, INDENT * 2)
    else:
        lines += _wrap(f"why: {rule.reason}", width, INDENT)
    lines += _wrap(f"checked by: {'; '.join(rule.checks)}", width, INDENT)
    return lines + _reproduction(rule.reproduction)


def check_block(check: Verdict, width: int) -> list[str]:
    """One finding of a check about no rule (Schemathesis, the answers, the credentials)."""
    lines = [f"{check.status.upper()} {check.name}"]
    if check.detail:
        lines += _wrap(check.detail, width, INDENT)
    lines += _lines(check.problems, width, INDENT * 2)
    lines += _lines(check.notes, width, INDENT * 2)
    return lines + _reproduction(check.reproduction)


def skipped(rules: list[RuleVerdict], width: int) -> list[str]:
    """The skipped rules, by reason: the reason, then their ids."""
    by_reason: dict[str, list[str]] = {}
    for rule in rules:
        if rule.status == "skipped":
            by_reason.setdefault(rule.reason, []).append(rule.id)
    lines: list[str] = []
    for reason, ids in by_reason.items():
        lines += _wrap(f"{len(ids)} skipped: {reason}", width, "", INDENT)
        lines += _wrap(", ".join(ids), width, INDENT, INDENT)
    return lines


def render(report: RunReport, width: int, sources: dict[str, str] | None = None) -> list[str]:
    """The whole end of the run, a line each (no line is split mid-word; a command is never
    split). `sources` gives where the documentation says each rule (its seed file)."""
    sources = sources or {}
    lines = summary(report)
    findings = [r for r in report.rules if r.status in ("failed", "error")]
    bad_checks = [c for c in report.other_checks if c.status in ("failed", "error")]
    total = len(findings) + len(bad_checks)
    if total:
        heading = f"{total} finding(s):"
        if total > FINDINGS_SHOWN:
            heading = f"{total} findings, the first {FINDINGS_SHOWN} (the reports have all):"
        lines += ["", heading]
    shown = 0
    for rule in findings:
        if shown < FINDINGS_SHOWN:
            lines += ["", *rule_block(rule, width, sources.get(rule.id, ""))]
            shown += 1
    for check in bad_checks:
        if shown < FINDINGS_SHOWN:
            lines += ["", *check_block(check, width)]
            shown += 1
    left = skipped(report.rules, width)
    if left:
        lines += ["", *left]
    if report.stopped:
        lines += ["", *_wrap(f"the run ended early: {report.stopped}", width)]
    lines += ["", f"seed {report.seed}; replay with:", f"{INDENT}{report.replay}"]
    return lines
