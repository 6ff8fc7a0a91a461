"""Verdicts: what one check found, and what the checks of a run say of each catalogue rule.

Every report is made of them. A check (`Verdict`) covers a group of rules, or none (the
credentials, Schemathesis); `per_rule` turns the checks of a run into one `RuleVerdict` for
each rule of the catalogue, which is what a dashboard tracks over time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mgip.core.catalogue import Rule

# "passed" (it ran and held), "failed" (with the evidence), "skipped" (with why) or "error" (it
# could not be evaluated, with the reason).
STATUSES = ("passed", "failed", "skipped", "error")
NOT_COVERED = "no check of this run covers it"
_RULE_PREFIX = re.compile(r"([a-z][a-z0-9_]*):")


@dataclass(slots=True)
class Verdict:
    name: str
    status: str
    detail: str = ""
    # The findings, one a line. A line that starts with a rule id and a colon is about that rule;
    # an indented line goes with the line before it; any other line is about every rule of
    # the check.
    problems: list[str] = field(default_factory=list)
    # The catalogue rules the check covers; none for a check that is not about a rule.
    rules: tuple[str, ...] = ()
    # Lines that go with the problems without being one (how to reproduce them, what the
    # documentation says), shared by the check's rules.
    notes: list[str] = field(default_factory=list)
    # Rules of the check it ran without judging, with why: they are skipped, not passed.
    unjudged: dict[str, str] = field(default_factory=dict)
    # For a failure: a POSIX shell script that sends the failing requests again, a command a
    # line (never wrapped: a line is copied whole). Empty when the check has none.
    reproduction: list[str] = field(default_factory=list)

    @property
    def lines(self) -> list[str]:
        """The problems, then the notes: everything a reader of a failure needs."""
        return [*self.problems, *self.notes]


@dataclass(slots=True)
class RuleVerdict:
    """What a run says of one catalogue rule, from every check that covers it."""

    id: str
    section: str
    statement: str
    status: str
    # For a failed rule: the problem lines about it (those naming no rule included).
    evidence: list[str] = field(default_factory=list)
    # For a skipped rule, why it was not judged; for an error, why it could not be.
    reason: str = ""
    # The notes of the checks that failed it (its reproduction, its documentation).
    notes: list[str] = field(default_factory=list)
    # The names of the checks that cover it.
    checks: list[str] = field(default_factory=list)
    # For a failed rule: the shortest reproduction of the checks that failed it (a shell script).
    reproduction: list[str] = field(default_factory=list)


def problems_by_rule(verdict: Verdict, known: Iterable[str] = ()) -> dict[str, list[str]]:
    """The check's problem lines by the rule each is about; the key "" holds those about every
    rule of the check. A line names a rule when it starts with the id of one of the check's
    rules or of `known` (the catalogue), and a colon."""
    ids = set(verdict.rules) | set(known)
    found: dict[str, list[str]] = {}
    owner = ""
    for line in verdict.problems:
        if not line[:1].isspace() or not found:
            match = _RULE_PREFIX.match(line)
            owner = match.group(1) if match and match.group(1) in ids else ""
        found.setdefault(owner, []).append(line)
    return found


def _judged(verdict: Verdict, known: set[str]) -> dict[str, RuleVerdict]:
    """What one check says of each rule it covers or names (the rule's fields left blank)."""
    by_rule = problems_by_rule(verdict, known)
    general = by_rule.get("", [])
    named = [r for r in by_rule if r and r not in verdict.rules]
    said: dict[str, RuleVerdict] = {}
    for rule in [*verdict.rules, *named]:
        if rule not in known:
            continue
        said[rule] = entry = RuleVerdict(rule, "", "", "passed", checks=[verdict.name])
        if verdict.status == "failed":
            own = by_rule.get(rule, [])
            if own or general or not verdict.problems:
                entry.status = "failed"
                entry.evidence = [*own, *general] or [verdict.detail or verdict.name]
                entry.notes = list(verdict.notes)
                entry.reproduction = list(verdict.reproduction)
                continue
        elif verdict.status in ("skipped", "error"):
            entry.status = verdict.status
            entry.reason = "; ".join(filter(None, [verdict.detail, *verdict.problems]))
            continue
        if rule in verdict.unjudged:
            entry.status, entry.reason = "skipped", verdict.unjudged[rule]
    return said


def per_rule(verdicts: Sequence[Verdict], catalogue: Sequence[Rule]) -> list[RuleVerdict]:
    """One verdict for every rule of the catalogue, in its order: failed if a check failed it,
    else error if a check could not evaluate it, else passed if a check passed it, else skipped
    with every check's reason (a rule no check covers is skipped as such)."""
    known = {rule.id for rule in catalogue}
    said: dict[str, list[RuleVerdict]] = {}
    for verdict in verdicts:
        for rule, entry in _judged(verdict, known).items():
            said.setdefault(rule, []).append(entry)
    result = []
    for item in catalogue:
        entries = said.get(item.id, [])
        statuses = {e.status for e in entries}
        status = next((s for s in ("failed", "error", "passed") if s in statuses), "skipped")
        chosen = [e for e in entries if e.status == status]
        reasons = list(dict.fromkeys(e.reason for e in chosen if e.reason))
        result.append(
            RuleVerdict(
                item.id,
                item.section,
                item.statement,
                status,
                evidence=[line for e in chosen for line in e.evidence],
                reason="; ".join(reasons) if entries else NOT_COVERED,
                notes=[line for e in chosen for line in e.notes],
                checks=list(dict.fromkeys(c for e in entries for c in e.checks)),
                reproduction=min(
                    (e.reproduction for e in chosen if e.reproduction), key=len, default=[]
                ),
            )
        )
    return result


def counts(verdicts: Iterable[RuleVerdict | Verdict]) -> dict[str, int]:
    """How many verdicts have each status, every status named."""
    found = dict.fromkeys(STATUSES, 0)
    for verdict in verdicts:
        found[verdict.status] += 1
    return found
