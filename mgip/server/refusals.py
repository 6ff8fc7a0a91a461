"""Refusals: how the server says no. A handler's refusal always names the catalogue rule it
enforces (`Refusal.of`; tests/server/test_refusals_name_rules.py holds every handler to it); only
the app's own answers before any handler runs (credentials) have no rule."""

from __future__ import annotations

from mailgun_ip_client.rules import RULES, Rule


class Refusal(Exception):
    """An error answer: status, a message for people, and the rule id for tools."""

    def __init__(self, status: int, message: str, rule: Rule | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.rule = rule

    @classmethod
    def of(cls, rule: Rule, detail: str | None = None) -> Refusal:
        """The refusal the catalogue states for `rule`, with an optional detail appended."""
        info = RULES[rule]
        if info.status is None or info.error is None:
            raise ValueError(f"rule {rule} states no error answer")
        message = info.error if detail is None else f"{info.error}: {detail}"
        return cls(info.status, message, rule)

    def body(self) -> dict[str, str]:
        payload = {"message": self.message}
        if self.rule is not None:
            payload["rule"] = str(self.rule)
        return payload
