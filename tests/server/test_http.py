"""The reference server at the HTTP level: routing, credentials, validation and body encodings."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from mgip.core.spec import Spec
from mgip.server.testing import InProcessMock

TRANSACTIONAL = "64f0b0b0b0b0b0b0b0b0b001"
MARKETING = "64f0b0b0b0b0b0b0b0b0b002"


def test_every_operation_of_the_spec_has_a_handler(spec: Spec) -> None:
    from mgip.server.operations import HANDLERS

    assert sorted(HANDLERS) == sorted(op.operation_id for op in spec.operations())


def test_requests_without_valid_credentials_get_401(mgip_mock: InProcessMock) -> None:
    anonymous = mgip_mock.raw(None)
    for auth in (None, ("api", "key-wrong-0000"), ("user", mgip_mock.key("acme"))):
        response = anonymous.get("/v3/ips", auth=auth) if auth else anonymous.get("/v3/ips")
        assert response.status_code == 401, auth
        assert response.json()["message"]
        assert response.headers["www-authenticate"].startswith("Basic")
    garbled = anonymous.get("/v3/ips", headers={"Authorization": "Basic %%%"})
    assert garbled.status_code == 401


def test_the_key_decides_the_account_and_foreign_objects_look_absent(
    mgip_mock: InProcessMock,
) -> None:
    acme, globex = mgip_mock.raw("acme"), mgip_mock.raw("globex")
    assert "192.0.2.100" in globex.get("/v3/ips").json()["items"]
    assert "192.0.2.100" not in acme.get("/v3/ips").json()["items"]
    assert acme.get("/v3/ips/192.0.2.100").status_code == 404
    assert acme.get("/v3/ip_pools/64f0b0b0b0b0b0b0b0b0b004").status_code == 404


def test_a_parent_key_acts_for_its_subaccount_with_the_account_header(
    mgip_mock: InProcessMock,
) -> None:
    acme = mgip_mock.raw("acme")
    as_sub = acme.get("/v3/ip_pools", headers={"X-Mailgun-Account-Id": "5f0e0a0a0a0a0a0a0a0a0a02"})
    assert [p["is_inherited"] for p in as_sub.json()["ip_pools"]] == [True]
    foreign = acme.get("/v3/ip_pools", headers={"X-Mailgun-Account-Id": "5f0e0a0a0a0a0a0a0a0a0a03"})
    assert foreign.status_code == 401


def test_unknown_paths_and_methods(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.raw("acme")
    missing = acme.get("/v3/nothing-here")
    assert missing.status_code == 404 and "no operation" in missing.json()["message"]
    wrong = acme.put("/v3/ips")
    assert wrong.status_code == 405
    assert wrong.headers["allow"] == "GET"
    # A concrete path wins over a template before the method is looked at (OpenAPI's matching):
    # PATCH /v3/dynamic_pools/all is not an update of a pool named "all".
    concrete = acme.patch("/v3/dynamic_pools/all", data={"add_ip": "192.0.2.16"})
    assert concrete.status_code == 405
    assert concrete.headers["allow"] == "DELETE, POST"


def test_path_segments_are_percent_decoded(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.raw("acme")
    encoded = acme.get("/v3/ips/2001%3Adb8%3A%3A10")
    assert encoded.status_code == 200
    assert encoded.json()["ip"] == "2001:db8::10"
    assert acme.get("/v3/ips/192%2E0%2E2%2E10").json()["ip"] == "192.0.2.10"
    # A literal segment wins over a template: /v3/ips/request/new is not the IP "request".
    assert "allowed" in acme.get("/v3/ips/request/new").json()


@pytest.mark.parametrize(
    ("method", "url", "needle"),
    [
        ("GET", "/v3/ips?dedicated=perhaps", "'dedicated'"),
        ("GET", "/v3/ips?dedicated=true&dedicated=false", "given 2 times"),
        ("GET", "/v3/ips/192.0.2.10/domains?limit=ten", "'limit'"),
        ("GET", "/v3/ip_pools/64f0b0b0b0b0b0b0b0b0b001/domains?limit=5", "'limit'"),
        ("GET", "/v1/dynamic_pools/domains?sort_by=colour", "'sort_by'"),
        ("GET", "/v1/dynamic_pools/history?Limit=0", "'Limit'"),
        ("GET", "/v1/dynamic_pools/history?before=yesterday", "'before'"),
    ],
)
def test_parameters_are_validated_against_the_spec(
    mgip_mock: InProcessMock, method: str, url: str, needle: str
) -> None:
    response = mgip_mock.raw("acme").request(method, url)
    assert response.status_code == 400
    assert needle in response.json()["message"]


def _edit(client: httpx.Client, encoding: str, fields: dict[str, Any]) -> httpx.Response:
    url = f"/v3/ip_pools/{MARKETING}"
    if encoding == "multipart":
        parts = [(k, (None, v)) for k, vs in fields.items() for v in _values(vs)]
        return client.patch(url, files=parts)
    pairs = [(k, v) for k, vs in fields.items() for v in _values(vs)]
    return client.patch(
        url,
        content=urlencode(pairs).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )


def _values(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_form_bodies_are_understood_in_both_encodings(
    mgip_mock: InProcessMock, encoding: str
) -> None:
    acme = mgip_mock.raw("acme")
    fields = {"description": "Sent as " + encoding, "add_ip": ["192.0.2.16", "2001:db8::10"]}
    assert _edit(acme, encoding, fields).status_code == 200
    details = acme.get(f"/v3/ip_pools/{MARKETING}").json()["details"]
    assert details["description"] == f"Sent as {encoding}"
    assert details["ips"] == ["192.0.2.12", "192.0.2.16", "2001:db8::10"]


def test_json_bodies_where_the_spec_says_json(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.raw("acme")
    assert acme.post(f"/v3/ip_pools/{MARKETING}/ips.json", json={"ips": ["192.0.2.16"]}).is_success
    assert "192.0.2.16" in acme.get(f"/v3/ip_pools/{MARKETING}").json()["details"]["ips"]
    as_form = acme.post(f"/v3/ip_pools/{MARKETING}/ips.json", data={"ips": "192.0.2.18"})
    assert as_form.status_code == 400
    assert "application/json" in as_form.json()["message"]
    broken = acme.post(
        f"/v3/ip_pools/{MARKETING}/ips.json",
        content=b"{not json",
        headers={"Content-Type": "application/json"},
    )
    assert broken.status_code == 400 and "not valid JSON" in broken.json()["message"]


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"json": {"description": "x"}}, "multipart/form-data"),
        ({"files": {"description": ("notes.txt", b"x", "text/plain")}}, "file upload"),
        ({"files": {"name": (None, "a")}, "data": {"name": "b"}}, "given 2 times"),
        (
            {"content": b"--zz\r\nbroken", "headers": {"Content-Type": "multipart/form-data"}},
            "no boundary",
        ),
        (
            {
                "content": b"not parts",
                "headers": {"Content-Type": "multipart/form-data; boundary=z"},
            },
            "cannot be parsed",
        ),
        (
            {
                "content": b"--z\r\nContent-Disposition: form-data\r\n\r\nx\r\n--z--\r\n",
                "headers": {"Content-Type": "multipart/form-data; boundary=z"},
            },
            "no Content-Disposition name",
        ),
    ],
)
def test_bad_bodies_get_400_that_says_why(
    mgip_mock: InProcessMock, kwargs: dict[str, Any], needle: str
) -> None:
    response = mgip_mock.raw("acme").patch(f"/v3/ip_pools/{MARKETING}", **kwargs)
    assert response.status_code == 400
    assert needle in response.json()["message"]


def test_a_required_body_that_is_missing(mgip_mock: InProcessMock) -> None:
    response = mgip_mock.raw("acme").post("/v3/ip_pools")
    assert response.status_code == 400
    assert "request body is required" in response.json()["message"]


def test_refusals_name_the_rule_they_enforce(mgip_mock: InProcessMock) -> None:
    response = mgip_mock.raw("initech").post("/v3/ip_pools", data={"name": "x", "description": "y"})
    assert response.status_code == 403
    assert response.json() == {
        "message": "DIPPs feature not enabled",
        "rule": "dipp_create_needs_feature",
    }


NASTY = ["", "%00", "%FF", "..", "%2F", "a" * 300, "'; DROP", "192.0.2.10%0D%0A", "ÿ"]


@pytest.mark.parametrize("unknown_fields", ["refuse", "ignore"])
def test_no_input_gets_a_5xx(mgip_mock: InProcessMock, spec: Spec, unknown_fields: str) -> None:
    """Every operation with odd path segments, query values and bodies: never a server error.
    Lenient, the odd values of parameters an operation does not declare reach its handler."""
    settings = {"unknown_fields": unknown_fields}
    mgip_mock.control("PUT", "/settings", json=settings).raise_for_status()
    acme = mgip_mock.raw("acme")
    for op in spec.operations():
        for value in NASTY:
            path = op.path
            for name in ("ip", "addr", "name", "pool_id", "pool_name"):
                path = path.replace("{" + name + "}", value or "x")
            query = {"limit": value, "skip": value, "page": value, "ip": value, "pool_id": value}
            for body in ({"files": {"name": (None, value)}}, {"content": value.encode()}):
                response = acme.request(op.method.upper(), path, params=query, **body)
                assert response.status_code < 500, (op.operation_id, value, response.text)


# A valid request for every operation that takes a form body, as (method, path, fields).
FORM_REQUESTS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "setIpBand": ("POST", "/v3/ips/192.0.2.10/ip_band", {"ip_band": "band-a"}),
    "createDipp": (
        "POST",
        "/v3/ip_pools",
        {"name": "new", "description": "d", "ip": ["192.0.2.16", "192.0.2.18"]},
    ),
    "editDipp": (
        "PATCH",
        f"/v3/ip_pools/{MARKETING}",
        {"name": "renamed", "add_ip": ["192.0.2.16"]},
    ),
    "setDynamicPools": (
        "POST",
        "/v3/dynamic_pools/all",
        {
            "good_reputation": ["192.0.2.13", "192.0.2.16"],
            "poor_reputation": ["192.0.2.14"],
            "new_senders": ["192.0.2.15"],
        },
    ),
    "updateDynamicPool": ("PATCH", "/v3/dynamic_pools/dynamic_good", {"add_ip": ["192.0.2.16"]}),
    "setDomainOverride": (
        "PUT",
        "/v1/dynamic_pools/domains/shop.acme.test/override",
        {"pool": "dynamic_new"},
    ),
}


def test_every_form_operation_is_covered_here(spec: Spec) -> None:
    forms = {
        op.operation_id
        for op in spec.operations()
        if "multipart/form-data" in spec.resolve(op.raw.get("requestBody", {})).get("content", {})
    }
    assert forms == set(FORM_REQUESTS)


@pytest.mark.parametrize("operation", sorted(FORM_REQUESTS))
def test_both_form_encodings_have_the_same_effect(mgip_mock: InProcessMock, operation: str) -> None:
    method, url, fields = FORM_REQUESTS[operation]
    pairs = [(k, v) for k, vs in fields.items() for v in _values(vs)]
    effects = []
    for encoding in ("multipart", "urlencoded"):
        mgip_mock.control("POST", "/reset").raise_for_status()
        acme = mgip_mock.raw("acme")
        if encoding == "multipart":
            answer = acme.request(method, url, files=[(k, (None, v)) for k, v in pairs])
        else:
            answer = acme.request(
                method,
                url,
                content=urlencode(pairs).encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            )
        assert answer.status_code == 200, (encoding, answer.text)
        state = mgip_mock.control("GET", "/state").json()
        effects.append(
            {key: state[key] for key in ("ips", "dipps", "dynamic_pools", "domains", "serial")}
        )
    assert effects[0] == effects[1]
    mgip_mock.control("POST", "/reset").raise_for_status()
    initial = mgip_mock.control("GET", "/state").json()
    assert effects[0] != {key: initial[key] for key in effects[0]}, "the request changed nothing"


def test_gateway_mode_requires_the_documented_headers(mgip_mock: InProcessMock) -> None:
    acme = mgip_mock.raw("acme")
    assert acme.get("/v3/dynamic_pools").status_code == 200
    mgip_mock.control("PUT", "/settings", json={"gateway_headers": True}).raise_for_status()
    refused = acme.get("/v3/dynamic_pools")
    assert refused.status_code == 400
    assert "'X-Mailgun-Account-Id' is required" in refused.json()["message"]
    gateway = {
        "X-Mailgun-Account-Id": "5f0e0a0a0a0a0a0a0a0a0a01",
        "X-Mailgun-Requestor": "ops@acme.test",
        "X-Mailgun-Requestor-Client": "tests",
    }
    assert acme.get("/v3/dynamic_pools", headers=gateway).status_code == 200
    # Operations the documentation lists no such headers for do not need them.
    assert acme.get("/v3/ips").status_code == 200
