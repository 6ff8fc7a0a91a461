"""The end of a `mgip check` run on the console, written to be read at 80 columns and in CI logs.

First a line with the run's verdict, a line per section of the catalogue with its rules'
counts, and the checks about no rule; then the findings (the rules that failed, the checks about
no rule that failed), one block each: its verdict and rule id on a line of their own, what the
rule says and where the documentation says it, what was found, and the reproduction; then the
rules that could not be evaluated and those skipped, by reason; last, the replay line.

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


def wrap(text: str, width: int, indent: str = "", later: str | None = None) -> list[str]:
    """`text` wrapped at `width` at spaces only: a word longer than a line stays whole."""
    return textwrap.wrap(
        text,
        width=max(width, 40),
        initial_indent=indent,
        subsequent_indent=indent + INDENT if later is None else later,
        break_long_words=False,
        break_on_hyphens=False,
    )


def summary(report: RunReport, width: int = 80) -> list[str]:
    """The verdict, then a line per section (and one for the checks about no rule)."""
    lines = [
        f"mgip check {report.word} in {report.seconds:.1f} s: {len(report.rules)} rules, "
        + _counted(report.rules)
    ]
    label = max([len(s) for s in report.sections] + [len("checks")])
    for section in report.sections:
        mine = [r for r in report.rules if r.section == section]
        lines.append(f"{INDENT}{section:<{label}}  {len(mine):>3} rules: {_counted(mine)}")
    others = report.other_checks
    lines.append(f"{INDENT}{'checks':<{label}}  {len(others):>3} about no rule: {_counted(others)}")
    for check in others:
        lines += wrap(f"{check.status:<7} {check.name}", width, INDENT * 2, INDENT * 6)
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
            yield from wrap(line, width, indent)


def _reproduction(lines: list[str]) -> list[str]:
    if not lines:
        return []
    got = any(line.startswith("curl ") for line in lines)
    heading = "reproduce (a shell script; '# got' is what the run got):" if got else "reproduce:"
    return [f"{INDENT}{heading}"] + [f"{INDENT * 2}{line}" for line in lines]


def rule_block(rule: RuleVerdict, width: int, source: str = "") -> list[str]:
    """One finding about a rule that failed."""
    lines = [f"{rule.status.upper()} {rule.id}  [{rule.section}]"]
    lines += wrap(rule.statement, width, INDENT, INDENT)
    if source:
        lines += wrap(f"documented in {source}", width, INDENT)
    lines.append(f"{INDENT}found:")
    lines += _lines((_own(e, rule.id) for e in rule.evidence), width, INDENT * 2)
    lines += wrap(f"checked by: {'; '.join(rule.checks)}", width, INDENT)
    return lines + _reproduction(rule.reproduction)


def check_lines(check: Verdict, width: int) -> list[str]:
    """A check in a list of checks: its verdict and name, its detail, then its problems."""
    lines = wrap(f"{check.status:<7} {check.name}", width, INDENT, INDENT * 5)
    if check.detail:
        lines += wrap(check.detail, width, INDENT * 5)
    return lines + list(_lines([*check.problems, *check.notes], width, INDENT * 5))


def check_block(check: Verdict, width: int) -> list[str]:
    """One finding of a check about no rule (Schemathesis, the answers, the credentials)."""
    lines = [f"{check.status.upper()} {check.name}"]
    if check.detail:
        lines += wrap(check.detail, width, INDENT)
    lines += _lines(check.problems, width, INDENT * 2)
    lines += _lines(check.notes, width, INDENT * 2)
    return lines + _reproduction(check.reproduction)


def by_reason(rules: list[RuleVerdict], status: str, what: str, width: int) -> list[str]:
    """The rules of `status` grouped by reason: the reason, then their ids."""
    grouped: dict[str, list[str]] = {}
    for rule in rules:
        if rule.status == status:
            grouped.setdefault(rule.reason, []).append(rule.id)
    lines: list[str] = []
    for reason, ids in grouped.items():
        lines += wrap(f"{len(ids)} {what}: {reason}", width, "", INDENT)
        lines += wrap(", ".join(ids), width, INDENT, INDENT)
    return lines


def render(report: RunReport, width: int, sources: dict[str, str] | None = None) -> list[str]:
    """The whole end of the run, a line each (no line is split mid-word; a command is never
    split). `sources` gives where the documentation says each rule (its seed file)."""
    sources = sources or {}
    lines = summary(report, width)
    failed = [r for r in report.rules if r.status == "failed"]
    bad_checks = [c for c in report.other_checks if c.status in ("failed", "error")]
    blocks = [rule_block(r, width, sources.get(r.id, "")) for r in failed]
    blocks += [check_block(c, width) for c in bad_checks]
    if blocks:
        heading = f"{len(blocks)} finding(s):"
        if len(blocks) > FINDINGS_SHOWN:
            heading = f"{len(blocks)} findings, the first {FINDINGS_SHOWN} (the reports have all):"
        lines += ["", heading]
    for block in blocks[:FINDINGS_SHOWN]:
        lines += ["", *block]
    for status, what in (("error", "could not be evaluated"), ("skipped", "skipped")):
        grouped = by_reason(report.rules, status, what, width)
        if grouped:
            lines += ["", *grouped]
    if report.stopped:
        lines += ["", *wrap(f"the run ended early: {report.stopped}", width)]
    lines += ["", f"seed {report.seed}; replay with:", f"{INDENT}{report.replay}"]
    return lines
