"""The Schemathesis layers of `mgip check`: expected statuses, profiles, verdicts, redaction."""

from __future__ import annotations

from typing import Any

import pytest

from mgip.contracts import conformance, profiles
from mgip.contracts.target import Target
from mgip.core.spec import Spec
from mgip.server.operations import HANDLERS


def test_expected_statuses_are_the_declared_ones_but_401(spec: Spec) -> None:
    expected = conformance.expected_statuses(spec)
    assert expected["createDipp"] == [200, 400, 403, 404]
    assert expected["listIps"] == [200, 400]
    assert all(401 not in statuses for statuses in expected.values())


def test_the_public_profile_sends_no_gateway_header(spec: Spec) -> None:
    shaped = profiles.apply(spec.data, "public", "5f0e0a0a0a0a0a0a0a0a0a01")
    for item in shaped["paths"].values():
        for operation in item.values():
            for param in operation.get("parameters", []):
                assert "Header" not in param.get("$ref", ""), param
    assert spec.data != shaped  # the spec itself is untouched


def test_the_gateway_profile_requires_them_with_the_account(spec: Spec) -> None:
    shaped = profiles.apply(spec.data, "gateway", "5f0e0a0a0a0a0a0a0a0a0a01")
    account = shaped["components"]["parameters"]["AccountIdHeader"]
    assert account["required"] is True
    assert account["schema"]["enum"] == ["5f0e0a0a0a0a0a0a0a0a0a01"]
    with pytest.raises(ValueError, match="unknown profile"):
        profiles.apply(spec.data, "internal", "x")


@pytest.mark.parametrize("profile", ["public", "gateway"])
def test_the_reference_server_passes_without_false_positives(profile: str) -> None:
    target = Target.embedded(gateway=profile == "gateway")
    result = conformance.run(target, seed=11, max_examples=5, stateful=True, profile=profile)
    assert result.errors == []
    assert [f"{f.operation} {f.check}: {f.title}" for f in result.failures] == []
    assert len(result.conformance.operations) == 38
    assert result.stateful.scenarios > 0 and result.stateful.requests > 0


def test_a_server_answering_off_its_schema_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_list(call: Any) -> dict[str, Any]:
        return {"items": "192.0.2.10", "total_count": "one"}

    monkeypatch.setitem(HANDLERS, "listIps", broken_list)
    target = Target.embedded()
    result = conformance.run(target, seed=3, max_examples=3)
    found = {(f.operation, f.check) for f in result.failures}
    assert ("GET /v3/ips", "response_schema_conformance") in found
    failure = next(f for f in result.failures if f.operation == "GET /v3/ips")
    # A curl line that sends the request again to `mgip mock`, with the status it gets.
    assert failure.curl.startswith(
        "curl -sS -w ' -> %{http_code}\\n' -X GET -u \"api:$MGIP_API_KEY\""
    )
    assert "http://127.0.0.1:8025/v3/ips" in failure.curl
    # The key is never in what a report would show.
    text = repr(result)
    assert all(secret not in text for secret in target.secrets)


def test_the_run_deadline_stopping_schemathesis_is_not_taken_for_ctrl_c(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Schemathesis reports an Interrupted event when its stream is stopped, by the run's deadline
    # too. The deadline is made to fire after the first scenario, whatever the machine's speed.
    from collections.abc import Callable

    from schemathesis.engine import events

    from mgip.contracts.wire import Limits

    fire: list[Callable[[], None]] = []

    class Timer:
        def __init__(self, _seconds: float, callback: Callable[[], None]) -> None:
            fire.append(callback)
            self.daemon = False

        def start(self) -> None: ...

        def cancel(self) -> None: ...

    collect, said = conformance._collect, []

    def stopped_after_one_scenario(stream: Any, result: Any, target: Any) -> None:
        def watched() -> Any:
            for event in stream:
                said.append(type(event))
                if isinstance(event, events.ScenarioFinished) and fire:
                    fire.pop()()
                yield event

        collect(watched(), result, target)

    monkeypatch.setattr("mgip.contracts.conformance.threading.Timer", Timer)
    monkeypatch.setattr(conformance, "_collect", stopped_after_one_scenario)
    target = Target.embedded()
    target.limits = Limits.within(300)
    result = conformance.run(target, seed=1, max_examples=50, stateful=True)
    assert events.Interrupted in said
    assert result.interrupted is False
