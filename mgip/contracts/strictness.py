"""One place that judges a refusal: what the documentation fixes, or mgip's own convention too.

The documentation gives an error status for almost no refusal, and no error message at all; the
rule catalogue's statuses (400/403/404) are mgip's convention, and each rule says what the
documentation does fix (`RuleInfo.refusal_documented`, `status_documented`). A target is held to:

- `strict`: the catalogue as it stands, convention included: the rule's status, nothing else.
  The embedded reference server is checked so.
- `documented`: what the documentation fixes. A refusal is any 4xx but 401 (401 says the
  credentials were refused, not the request), or the status the documentation gives where it
  gives one. Where the documentation does not even fix that there is a refusal, an accepted
  request is not judged at all: `refusal_holds` answers None, and the caller must not count the
  check as passed.
"""

from __future__ import annotations

from mailgun_ip_client.rules import RULES, Rule

STRICT = "strict"
DOCUMENTED = "documented"
STRICTNESSES = (DOCUMENTED, STRICT)

ANY_REFUSAL = "any 4xx but 401"


def is_refusal(status: int | None) -> bool:
    """A status that refuses the request itself: a 4xx other than 401."""
    return status is not None and 400 <= status < 500 and status != 401


def refusal_holds(rule_id: str, status: int | None, strictness: str) -> tuple[bool | None, str]:
    """Whether an answer with `status` (None: the request was accepted) is the refusal the rule
    calls for, and what was expected, to quote in a failure ("expected ..., got 200").

    The first value is True or False, or None when the answer was not judged: in `documented`
    mode, an accepted request that only mgip's convention refuses.
    """
    if strictness not in STRICTNESSES:
        raise ValueError(f"strictness must be one of {', '.join(STRICTNESSES)}, not {strictness!r}")
    info = RULES[Rule(rule_id)]
    if info.status is None:
        raise ValueError(f"rule {rule_id} states no refusal")
    if info.status_documented:
        return status == info.status, f"expected HTTP {info.status} (the documented status)"
    if strictness == STRICT:
        return (
            status == info.status,
            f"expected HTTP {info.status} (mgip's convention; --strictness strict)",
        )
    if info.refusal_documented:
        expected = f"expected a refusal ({ANY_REFUSAL}; the documentation fixes no status)"
        return is_refusal(status), expected
    expected = (
        f"expected a refusal ({ANY_REFUSAL}) or none: the documentation does not say that it is "
        "refused (mgip's convention)"
    )
    if status is None:
        return None, expected
    return is_refusal(status), expected


def not_found_holds(status: int | None, strictness: str) -> tuple[bool, str]:
    """Whether reading an object that is gone was answered as such: 404 in `strict` mode, a
    refusal (any 4xx but 401) in `documented` mode, which fixes no status for it."""
    if strictness == STRICT:
        return status == 404, "expected HTTP 404 (mgip's convention; --strictness strict)"
    return is_refusal(
        status
    ), f"expected a refusal ({ANY_REFUSAL}; the documentation fixes no status)"


def check(value: str) -> str:
    """`value` if it names a strictness; ValueError otherwise."""
    if value not in STRICTNESSES:
        raise ValueError(f"must be one of {', '.join(STRICTNESSES)}, not {value!r}")
    return value
