"""Fields an operation does not declare: refused by default (400, naming the closest declared
field), ignored when the server is told to be lenient."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from mgip.core.spec import Spec
from mgip.server import scenario
from mgip.server.app import build_app
from mgip.server.testing import InProcessMock

RULE = "dipp_unknown_fields_refused"
FREE_IP = "192.0.2.16"  # acme's, dedicated, in no DIPP
SPARE = "64f0b0b0b0b0b0b0b0b0b003"  # acme's empty DIPP


def refused(answer: httpx.Response) -> str:
    """The message of a refusal of this rule (the test fails on any other answer)."""
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["rule"] == RULE, body
    return str(body["message"])


def dipp_names(client: httpx.Client) -> list[str]:
    return [pool["name"] for pool in client.get("/v3/ip_pools").json()["ip_pools"]]


def create_with_ips(client: httpx.Client, encoding: str) -> httpx.Response:
    """What both official SDKs send to create a DIPP: `ips`, where the documentation says `ip`."""
    fields = [("name", "tx"), ("description", "Receipts"), ("ips", FREE_IP)]
    if encoding == "multipart":
        return client.post("/v3/ip_pools", files=[(k, (None, v)) for k, v in fields])
    return client.post(
        "/v3/ip_pools",
        content=urlencode(fields).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_a_dipp_created_with_ips_is_refused_and_not_created(
    mgip_mock: InProcessMock, encoding: str
) -> None:
    acme = mgip_mock.raw("acme")
    before = mgip_mock.control("GET", "/state").json()
    message = refused(create_with_ips(acme, encoding))
    assert message == "unknown field: form field 'ips' (did you mean 'ip'?)"
    assert "tx" not in dipp_names(acme)
    assert mgip_mock.control("GET", "/state").json() == before


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("/v3/ips?dedicatd=true", "query parameter 'dedicatd' (did you mean 'dedicated'?)"),
        ("/v1/dynamic_pools/history?limit=5", "query parameter 'limit' (did you mean 'Limit'?)"),
        ("/v3/ip_pools?limit=5", "query parameter 'limit'; the operation takes no query param"),
        ("/v3/ips?colour=red", "query parameter 'colour'; the operation takes 'dedicated' or"),
        ("/v3/ips/192.0.2.10?verbose", "query parameter 'verbose'"),
        ("/v3/ip_warmups?page=&size=5", "query parameter 'size'; the operation takes 'page' or"),
    ],
)
def test_an_unknown_query_parameter_on_a_read_is_refused_naming_it(
    mgip_mock: InProcessMock, url: str, said: str
) -> None:
    assert said in refused(mgip_mock.raw("acme").get(url))


def test_every_unknown_field_is_named_and_a_long_list_is_cut(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.raw("acme")
    two = refused(acme.get("/v3/ips", params={"colour": "red", "dedicatd": "true"}))
    assert two == (
        "unknown field: query parameter 'colour'; query parameter 'dedicatd' (did you mean "
        "'dedicated'?); the operation takes 'dedicated' or 'enabled'"
    )
    many = refused(acme.get("/v3/ips", params={f"p{i}": "1" for i in range(15)}))
    assert "'p9'" in many and "'p10'" not in many and "and 5 more" in many
    long = refused(acme.get("/v3/ips", params={"x" * 500: "1"}))
    assert len(long) < 200


def test_a_field_sent_in_the_wrong_place_is_named_as_such(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.raw("acme")
    query = acme.post(
        "/v3/ip_pools", params={"name": "tx"}, data={"name": "tx", "description": "Receipts"}
    )
    assert "query parameter 'name' (the operation takes it as a form field)" in refused(query)
    # An SDK that sends a DELETE's query parameters as a form would lose the replacement IP.
    body = acme.request("DELETE", f"/v3/ip_pools/{SPARE}", data={"ip": "shared"})
    assert "form field 'ip' (the operation takes it as a query parameter)" in refused(body)
    assert SPARE in [p["pool_id"] for p in acme.get("/v3/ip_pools").json()["ip_pools"]]
    # A body that is neither a form nor JSON is still ignored by an operation that takes none.
    text = acme.request("DELETE", f"/v3/ip_pools/{SPARE}", content=b"ip=shared")
    assert text.status_code == 200, text.text


def test_an_unknown_json_property_is_refused(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.raw("acme")
    answer = acme.post(f"/v3/ip_pools/{SPARE}/ips.json", json={"ips": [FREE_IP], "ip": FREE_IP})
    assert refused(answer) == "unknown field: JSON body property 'ip' (did you mean 'ips'?)"
    assert acme.get(f"/v3/ip_pools/{SPARE}").json()["details"]["ips"] == []
    # Nested properties are the schema's business; only the top level is checked here.
    accepted = acme.post(f"/v3/ip_pools/{SPARE}/ips.json", json={"ips": [FREE_IP]})
    assert accepted.status_code == 200, accepted.text


def _declared_query(spec: Spec, op: Any) -> dict[str, str]:
    return {p["name"]: "1" for p in spec.parameters(op) if p["in"] == "query"}


def test_nothing_the_spec_declares_is_refused_as_unknown(
    mgip_mock: InProcessMock, spec: Spec
) -> None:
    """Every operation with every query parameter and body field it declares, and the headers
    a client or a gateway adds: the answer may refuse a value, never a name."""
    acme = mgip_mock.raw("acme")
    headers = {
        "X-Mailgun-Account-Id": "5f0e0a0a0a0a0a0a0a0a0a01",
        "X-Mailgun-Requestor": "ops@acme.test",
        "X-Mailgun-Requestor-Client": "tests",
        "X-Request-Id": "abc",
        "User-Agent": "mailgun.js/12",
    }
    for op in spec.operations():
        path = op.path
        for name, value in (("ip", "192.0.2.10"), ("addr", "192.0.2.10"), ("pool_id", SPARE)):
            path = path.replace("{" + name + "}", value)
        path = path.replace("{name}", "mail.acme.test").replace("{pool_name}", "dynamic_good")
        body = spec.resolve(op.raw.get("requestBody", {})).get("content", {})
        fields = {}
        if body:
            schema = spec.deref(next(iter(body.values()))["schema"])
            fields = {name: "1" for name in schema.get("properties", {})}
        kwargs: dict[str, Any] = {}
        if "application/json" in body:
            kwargs["json"] = fields
        elif body:
            kwargs["data"] = fields
        answer = acme.request(
            op.method.upper(),
            path,
            params=_declared_query(spec, op),
            headers=headers,
            **kwargs,
        )
        said = answer.json()
        assert not isinstance(said, dict) or said.get("rule") != RULE, (op.operation_id, said)


def test_lenient_settings_accept_them_as_before(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.raw("acme")
    settings = mgip_mock.control("PUT", "/settings", json={"unknown_fields": "ignore"})
    assert settings.json()["unknown_fields"] == "ignore"
    assert create_with_ips(acme, "multipart").status_code == 200
    made = acme.get("/v3/ip_pools").json()["ip_pools"][-1]
    # What a lenient mock hides: the SDK's pool is created, without its IP.
    assert (made["name"], made["ips"]) == ("tx", [])
    assert acme.get("/v3/ips", params={"dedicatd": "true"}).status_code == 200
    assert acme.post(f"/v3/ip_pools/{SPARE}/ips.json", json={"ips": [FREE_IP], "x": 1}).is_success
    mgip_mock.control("PUT", "/settings", json={"unknown_fields": "refuse"}).raise_for_status()
    refused(acme.get("/v3/ips", params={"dedicatd": "true"}))


def test_the_setting_is_validated(mgip_mock: InProcessMock) -> None:
    answer = mgip_mock.control("PUT", "/settings", json={"unknown_fields": "sometimes"})
    assert answer.status_code == 400
    assert "unknown_fields" in answer.json()["message"]
    with pytest.raises(ValueError, match="refuse or ignore"):
        build_app(unknown_fields="sometimes")


LENIENT = """
version: 1
settings: {unknown_fields: ignore}
accounts:
  - {name: acme, keys: [key-acme-0001]}
ips:
  - {address: 192.0.2.10, account: acme}
"""


def test_the_scenario_setting_round_trips_through_export(
    tmp_path: Path, mgip_mock: InProcessMock
) -> None:
    assert scenario.export(build_app().world)["settings"]["unknown_fields"] == "refuse"
    world = scenario.load_text(LENIENT)
    assert world.settings.unknown_fields == "ignore"
    exported = scenario.export(world)
    assert exported["settings"]["unknown_fields"] == "ignore"
    assert scenario.export(scenario.build(exported, tmp_path / "x.yaml")) == exported
    # Loaded through the control interface, kept by a reset, and exported again.
    mgip_mock.load_text(LENIENT)
    mgip_mock.control("POST", "/reset").raise_for_status()
    state = mgip_mock.control("GET", "/state").json()
    assert state["settings"]["unknown_fields"] == "ignore"
    answer = mgip_mock.raw("acme").get("/v3/ips", params={"dedicatd": "true"})
    assert answer.status_code == 200
    file = tmp_path / "lenient.yaml"
    file.write_text(LENIENT)
    assert build_app(file).world.settings.unknown_fields == "ignore"
    assert build_app(file, unknown_fields="refuse").world.settings.unknown_fields == "refuse"


def test_the_mutant_that_ignores_them_is_told_apart() -> None:
    broken = InProcessMock(build_app(mutant=f"{RULE}.unenforced"))
    try:
        assert create_with_ips(broken.raw("acme"), "multipart").status_code == 200
    finally:
        broken.close()
