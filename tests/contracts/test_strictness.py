"""Documented versus convention: a server that follows the documentation but not mgip's choices
passes `--strictness documented` and fails `--strictness strict`."""

from __future__ import annotations

from typing import Any

import pytest
from mailgun_ip_client.rules import RULES, Rule

from mgip.contracts import conformance, gates, machine, scripted
from mgip.contracts.strictness import STRICTNESSES, is_refusal, not_found_holds, refusal_holds
from mgip.contracts.target import EMBEDDED_URL, Target
from mgip.server.app import ReferenceApp, build_app
from mgip.server.validation import Invalid

# mgip's statuses, and what this server answers instead.
OTHER_STATUS = {400: 422, 403: 409, 404: 400}


class OtherStatuses(ReferenceApp):
    """The reference server, refusing as the documentation allows but not as mgip's convention
    says: another 4xx and another message for every rule (where the documentation gives no
    status), no rule named, a 400 instead of 405 for a method an operation does not list, and a
    list of IPs that ignores query parameters it cannot read instead of refusing them."""

    def answer(
        self, scope: Any, path: str, body: bytes, headers: dict[str, str]
    ) -> tuple[int, Any, list[tuple[bytes, bytes]]]:
        status, payload, extra = super().answer(scope, path, body, headers)
        if status == 405:
            return 400, {"message": "no such operation"}, []
        rule = payload.get("rule") if isinstance(payload, dict) else None
        if rule is None or RULES[Rule(rule)].status_documented:
            return status, payload, extra
        return OTHER_STATUS[status], {"message": f"refused: {payload['message'].upper()}"}, extra

    def prepare(self, scope: Any, found: Any, *args: Any) -> Any:
        try:
            return super().prepare(scope, found, *args)
        except Invalid:
            if found.operation.operation_id != "listIps":
                raise
            return super().prepare({**scope, "query_string": b""}, found, *args)


def _target(strictness: str, app: ReferenceApp | None = None) -> Target:
    if app is None:
        plain = build_app()
        app = OtherStatuses(plain.world, reset_to=plain.reset_to)
    account = next(iter(app.world.accounts.values()))
    return Target(
        base_url=EMBEDDED_URL,
        api_key=account.keys[0],
        app=app,
        account_id=account.id,
        strictness=strictness,
    )


# --- the judge ---------------------------------------------------------------------------------
def test_strict_mode_wants_the_catalogue_status() -> None:
    assert refusal_holds("dipp_create_needs_feature", 403, "strict") == (
        True,
        "expected HTTP 403 (mgip's convention; --strictness strict)",
    )
    assert refusal_holds("dipp_create_needs_feature", 409, "strict")[0] is False
    assert refusal_holds("dipp_create_needs_feature", None, "strict")[0] is False
    # Where only mgip refuses, strict mode still wants the refusal.
    assert refusal_holds("warmup_get_requires_in_flight", None, "strict")[0] is False
    assert refusal_holds("warmup_get_requires_in_flight", 404, "strict")[0] is True


def test_documented_mode_takes_any_4xx_but_401() -> None:
    holds, expected = refusal_holds("dipp_create_needs_feature", 409, "documented")
    assert holds is True
    assert expected == "expected a refusal (any 4xx but 401; the documentation fixes no status)"
    for status in (400, 404, 422, 499):
        assert refusal_holds("ips_ip_must_belong_to_account", status, "documented")[0] is True
    for other in (None, 401, 500, 503):
        assert refusal_holds("ips_ip_must_belong_to_account", other, "documented")[0] is False


def test_a_status_the_documentation_gives_is_required_in_both_modes() -> None:
    for strictness in STRICTNESSES:
        holds, expected = refusal_holds("dynamic_override_pool_must_be_valid", 400, strictness)
        assert holds is True
        assert expected == "expected HTTP 400 (the documented status)"
        assert refusal_holds("dynamic_override_pool_must_be_valid", 422, strictness)[0] is False


def test_an_accepted_request_only_mgip_refuses_is_not_judged_in_documented_mode() -> None:
    assert not RULES[Rule.WARMUP_GET_REQUIRES_IN_FLIGHT].refusal_documented
    holds, expected = refusal_holds("warmup_get_requires_in_flight", None, "documented")
    assert holds is None
    assert "the documentation does not say that it is refused" in expected
    # A refusal it does give must still be one.
    assert refusal_holds("warmup_get_requires_in_flight", 409, "documented")[0] is True
    assert refusal_holds("warmup_get_requires_in_flight", 500, "documented")[0] is False


def test_the_judge_refuses_what_it_cannot_judge() -> None:
    with pytest.raises(ValueError, match="strictness"):
        refusal_holds("dipp_create_needs_feature", 403, "lenient")
    with pytest.raises(ValueError, match="states no refusal"):
        refusal_holds("dipp_ip_in_one_pool", 400, "strict")
    assert not is_refusal(None)
    assert not_found_holds(410, "documented")[0] is True
    assert not_found_holds(410, "strict")[0] is False
    assert not_found_holds(401, "documented")[0] is False


# --- the layers against a server with other statuses -------------------------------------------
def test_the_gates_hold_the_server_to_the_documentation_or_to_the_convention() -> None:
    documented = gates.run(_target("documented"))
    assert not isinstance(documented, str)
    assert {r: o.problems for r, o in documented.items() if o.problems} == {}
    assert all(o.checked > 0 for o in documented.values())
    strict = gates.run(_target("strict"))
    assert not isinstance(strict, str)
    assert strict["dipp_create_needs_feature"].problems == [
        "initech: expected HTTP 403 (mgip's convention; --strictness strict), got 409"
    ]


def test_the_scripts_hold_the_server_to_the_documentation_or_to_the_convention() -> None:
    documented = scripted.run(_target("documented"))
    assert not isinstance(documented, str)
    assert [p for o in documented for p in o.problems] == []
    strict = scripted.run(_target("strict"))
    assert not isinstance(strict, str)
    problems = [p for o in strict for p in o.problems]
    assert "dipp_inherited_not_deletable: expected HTTP 403 (mgip's convention; " in "\n".join(
        problems
    )
    # The status the documentation gives is not rewritten, so it holds in both modes.
    assert not any(p.startswith("dynamic_override_pool_must_be_valid") for p in problems)


def test_the_state_machine_holds_the_server_to_the_documentation_or_to_the_convention() -> None:
    documented = machine.run(_target("documented"), seed=3, max_examples=3, steps=6)
    assert documented.error is None
    assert {n: o.problems for n, o in documented.checks.items() if o.problems} == {}
    assert documented.checks["an IP outside the account is not found"].runs > 0
    strict = machine.run(_target("strict"), seed=3, max_examples=3, steps=6, shrink=False)
    failed = {n for n, o in strict.checks.items() if o.problems}
    assert failed, "the strict run passed a server with other statuses"


def test_an_accepted_convention_is_not_counted_as_checked() -> None:
    # The documentation does not say that an ineligible account's 'shared' replacement is
    # refused: a server that accepts it is not judged on it in documented mode.
    mutant = "dynamic_unenroll_shared_needs_eligibility.unenforced"
    rule = "dynamic_unenroll_shared_needs_eligibility"
    documented = scripted.run(_target("documented", build_app(mutant=mutant)))
    strict = scripted.run(_target("strict", build_app(mutant=mutant)))
    assert not isinstance(documented, str) and not isinstance(strict, str)
    assert [p for o in documented for p in o.problems] == []
    [script] = [o for o in documented if rule in o.unjudged]
    assert script.rules and rule in script.rules
    assert any(p.startswith(f"{rule}: expected HTTP 403") for o in strict for p in o.problems)
    from mgip.contracts.run import _script_verdicts

    [verdict] = [v for v in _script_verdicts(documented) if v.name == f"rules: {script.name}"]
    assert f"not judged: {rule}" in verdict.detail
    from mgip.core.catalogue import load
    from mgip.core.verdicts import per_rule

    [judged] = [v for v in per_rule([verdict], load().rules) if v.id == rule]
    assert (judged.status, judged.reason) == ("skipped", verdict.unjudged[rule])


def test_schemathesis_holds_the_server_to_the_documentation_or_to_the_convention() -> None:
    documented = conformance.run(_target("documented"), seed=2, max_examples=2)
    assert documented.errors == []
    assert [(f.operation, f.check, f.status) for f in documented.failures] == []
    strict = conformance.run(_target("strict"), seed=2, max_examples=2)
    checks = {f.check for f in strict.failures}
    # Another status for a refusal, a bad filter ignored, TRACE answered with 400.
    assert {"negative_data_rejection", "unsupported_method"} <= checks, checks


def test_documented_mode_changes_the_schemathesis_configuration_only(spec: Any) -> None:
    strict = conformance.config_text(spec, seed=1, max_examples=2, stateful=False)
    assert strict == conformance.config_text(
        spec, seed=1, max_examples=2, stateful=False, strictness="strict"
    )
    documented = conformance.config_text(
        spec, seed=1, max_examples=2, stateful=False, strictness="documented"
    )
    for check in ("negative_data_rejection", "unsupported_method"):
        assert f"{check}.enabled = true" in strict
        assert f"{check}.enabled = true" not in documented
    assert 'positive_data_acceptance.expected-statuses = ["2XX", "400", "402"' in documented
    assert '"401"' not in documented
    document = conformance.any_refusal(spec.data)
    assert all(
        "4XX" in operation["responses"]
        for item in document["paths"].values()
        for method, operation in item.items()
        if method in ("get", "post", "put", "patch", "delete")
    )
    assert "4XX" not in spec.data["paths"]["/v3/ips"]["get"]["responses"]  # a copy
