"""A verdict: what one check found, the unit every report is made of."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Verdict:
    name: str
    # "passed" (it ran and held), "failed" (with the evidence), "skipped" (with why) or "error"
    # (it could not be evaluated, with the reason)
    status: str
    detail: str = ""
    problems: list[str] = field(default_factory=list)
