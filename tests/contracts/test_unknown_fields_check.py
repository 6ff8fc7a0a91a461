"""The check of rule dipp_unknown_fields_refused: mgip's convention, so a server that ignores
fields an operation does not declare fails it only with `--strictness strict`."""

from __future__ import annotations

from typing import Any

from mgip.contracts import conformance, unknown_fields
from mgip.contracts.mutation import caught_by
from mgip.contracts.run import _unknown_verdicts
from mgip.contracts.target import EMBEDDED_URL, Target, remote
from mgip.core.spec import Spec
from mgip.server.app import ReferenceApp, build_app
from mgip.server.testing import serve

RULE = unknown_fields.RULE
PROBES = 3  # a read, a form and a JSON body


def _target(strictness: str, app: ReferenceApp | None = None) -> Target:
    app = app or build_app()
    account = next(iter(app.world.accounts.values()))
    return Target(
        base_url=EMBEDDED_URL,
        api_key=account.keys[0],
        app=app,
        account_id=account.id,
        control=True,
        identified=True,
        strictness=strictness,
    )


def test_the_reference_server_passes_in_both_modes() -> None:
    for strictness in ("strict", "documented"):
        target = _target(strictness)
        outcome = unknown_fields.run(target)
        assert outcome.problems == [] and outcome.skipped == []
        assert len(outcome.checked) == PROBES
        [verdict] = _unknown_verdicts(target, outcome)
        assert verdict.status == "passed" and RULE in verdict.detail


def test_a_lenient_server_fails_only_when_strict() -> None:
    documented = _target("documented", build_app(unknown_fields="ignore"))
    lenient = unknown_fields.run(documented)
    assert lenient.problems == [] and lenient.checked == []
    assert len(lenient.unjudged) == PROBES
    [verdict] = _unknown_verdicts(documented, lenient)
    assert verdict.status == "skipped"
    assert "not judged" in verdict.detail and "--strictness documented" in verdict.detail
    target = _target("strict", build_app(unknown_fields="ignore"))
    strict = unknown_fields.run(target)
    assert len(strict.problems) == PROBES
    assert strict.problems[1] == (
        f"{RULE}: createDipp with form field 'ips' (documented: 'ip'): expected HTTP 400 "
        "(mgip's convention; --strictness strict), got 200 (accepted)"
    )
    [verdict] = _unknown_verdicts(target, strict)
    assert verdict.status == "failed"
    # Each probe that was accepted, sent again (the mock's reset first), with what it got.
    sent = [line for line in verdict.reproduction if "# got 200" in line]
    assert len(sent) == PROBES
    assert "dedicatd=true" in sent[0] and "--data-binary" in sent[1]
    assert "/mgip/reset" in verdict.reproduction[1]
    assert caught_by([verdict]) == [RULE]


class OtherStatus(ReferenceApp):
    """Refuses the fields, with 422 instead of mgip's 400."""

    def answer(self, *args: Any) -> tuple[int, Any, list[tuple[bytes, bytes]]]:
        status, payload, extra = super().answer(*args)
        if isinstance(payload, dict) and payload.get("rule") == RULE:
            return 422, {"message": "unprocessable"}, extra
        return status, payload, extra


def test_another_refusal_status_passes_only_the_documented_mode() -> None:
    plain = build_app()
    other = OtherStatus(plain.world, reset_to=plain.reset_to)
    assert unknown_fields.run(_target("documented", other)).problems == []
    strict = unknown_fields.run(_target("strict", other))
    assert len(strict.problems) == PROBES
    assert all(p.endswith("got 422") for p in strict.problems)


class RefusesButApplies(ReferenceApp):
    """Answers 400, after doing what the request asked all the same."""

    def answer(self, *args: Any) -> tuple[int, Any, list[tuple[bytes, bytes]]]:
        status, payload, extra = super().answer(*args)
        if isinstance(payload, dict) and payload.get("rule") == RULE:
            self.world.settings.unknown_fields = "ignore"
            super().answer(*args)
            self.world.settings.unknown_fields = "refuse"
        return status, payload, extra


def test_a_refusal_that_changes_the_state_is_caught_and_put_back() -> None:
    plain = build_app()
    app = RefusesButApplies(plain.world, reset_to=plain.reset_to)
    before = set(app.world.dipps)
    outcome = unknown_fields.run(_target("documented", app))
    assert outcome.problems == [
        f"{RULE}: createDipp with form field 'ips' (documented: 'ip'): refused, but the state "
        "changed",
        f"{RULE}: addDippIps with JSON property 'ip' beside 'ips': refused, but the state changed",
    ]
    assert set(app.world.dipps) == before


def test_a_server_without_the_control_interface_gets_the_read_only() -> None:
    app = build_app(unknown_fields="ignore", control=False)
    with serve(app) as running:
        target = remote(running.url, running.key())
        assert not target.control
        target.strictness = "strict"
        outcome = unknown_fields.run(target)
    assert outcome.problems == [
        f"{RULE}: listIps with query parameter 'dedicatd': expected HTTP 400 (mgip's "
        "convention; --strictness strict), got 200 (accepted)"
    ]
    assert outcome.skipped == [
        "the writes: they need a target whose state the control interface puts back"
    ]


def test_an_account_without_dipps_gets_the_read_only() -> None:
    app = build_app()
    initech = next(a for a in app.world.accounts.values() if a.name == "initech")
    target = _target("strict", app)
    target.api_key, target.account_id = initech.keys[0], initech.id
    outcome = unknown_fields.run(target)
    assert outcome.problems == []
    assert outcome.checked == ["listIps with query parameter 'dedicatd'"]
    assert outcome.skipped == ["the writes: the account has no DIPPs feature"]


def test_strict_schemathesis_sends_only_declared_body_fields_as_positive_data(spec: Spec) -> None:
    document = conformance.closed_bodies(spec.data, spec)
    form = document["paths"]["/v3/ip_pools"]["post"]["requestBody"]["content"]
    assert all(media["schema"]["additionalProperties"] is False for media in form.values())
    assert set(form["multipart/form-data"]["schema"]["properties"]) == {"name", "description", "ip"}
    json_body = document["paths"]["/v3/ip_pools/{pool_id}/ips.json"]["post"]["requestBody"]
    assert json_body["content"]["application/json"]["schema"]["additionalProperties"] is False
    # The spec and its components are left as they are.
    assert "additionalProperties" not in spec.data["components"]["schemas"]["CreateDippForm"]
    assert "additionalProperties" not in document["components"]["schemas"]["CreateDippForm"]
    assert document["paths"]["/v3/ips"] == spec.data["paths"]["/v3/ips"]
