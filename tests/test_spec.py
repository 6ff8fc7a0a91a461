"""The curated spec says what the documentation says."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from mgip.core.spec import Spec, example_errors, validate_document

EXPECTED_OPERATIONS = {
    # IPs
    ("GET", "/v3/ips"),
    ("GET", "/v3/ips/{ip}"),
    ("GET", "/v3/ips/{ip}/domains"),
    ("POST", "/v3/ips/{ip}/domains"),
    ("DELETE", "/v3/ips/{ip}/domains"),
    ("POST", "/v3/ips/{addr}/ip_band"),
    ("GET", "/v3/ips/request/new"),
    ("POST", "/v3/ips/request/new"),
    ("DELETE", "/v3/domains/{name}/ips/{ip}"),
    ("DELETE", "/v3/domains/{name}/pool/{ip}"),
    # IP Pools
    ("GET", "/v3/ip_pools"),
    ("POST", "/v3/ip_pools"),
    ("GET", "/v3/ip_pools/{pool_id}"),
    ("DELETE", "/v3/ip_pools/{pool_id}"),
    ("PATCH", "/v3/ip_pools/{pool_id}"),
    ("GET", "/v3/ip_pools/{pool_id}/domains"),
    ("PUT", "/v3/ip_pools/{pool_id}/ips/{ip}"),
    ("DELETE", "/v3/ip_pools/{pool_id}/ips/{ip}"),
    ("POST", "/v3/ip_pools/{pool_id}/ips.json"),
    # Dynamic IP Pools
    ("POST", "/v3/domains/{name}/dynamic_pools"),
    ("DELETE", "/v3/domains/{name}/dynamic_pools"),
    ("GET", "/v3/domains/dynamic_pools/assignable"),
    ("POST", "/v3/domains/all/dynamic_pools/enroll"),
    ("GET", "/v3/dynamic_pools"),
    ("POST", "/v3/dynamic_pools/all"),
    ("DELETE", "/v3/dynamic_pools/all"),
    ("POST", "/v3/dynamic_pools/{pool_name}/{ip}"),
    ("PATCH", "/v3/dynamic_pools/{pool_name}"),
    ("GET", "/v1/dynamic_pools/domains"),
    ("GET", "/v1/dynamic_pools/domains/{name}/preview"),
    ("GET", "/v1/dynamic_pools/domains/{name}/history"),
    ("PUT", "/v1/dynamic_pools/domains/{name}/override"),
    ("DELETE", "/v1/dynamic_pools/domains/{name}/override"),
    ("GET", "/v1/dynamic_pools/history"),
    # IP Address Warmup
    ("GET", "/v3/ip_warmups"),
    ("GET", "/v3/ip_warmups/{addr}"),
    ("POST", "/v3/ip_warmups/{addr}"),
    ("DELETE", "/v3/ip_warmups/{addr}"),
}
SECTIONS = {"IPs", "IP Pools", "Dynamic IP Pools", "IP Address Warmup"}
GATEWAY_HEADERS = ("X-Mailgun-Account-Id", "X-Mailgun-Requestor", "X-Mailgun-Requestor-Client")


def test_the_spec_has_exactly_the_38_documented_operations(spec: Spec) -> None:
    found = {(op.method.upper(), op.path) for op in spec.operations()}
    assert found == EXPECTED_OPERATIONS
    assert len(EXPECTED_OPERATIONS) == 38


def test_the_spec_is_valid_openapi_31(spec: Spec) -> None:
    assert spec.data["openapi"] == "3.1.0"
    validate_document(spec)


def test_every_example_validates_against_its_schema(spec: Spec) -> None:
    assert len(list(spec.examples())) >= 38
    assert example_errors(spec) == []


def test_an_example_that_breaks_its_schema_is_reported(spec: Spec, tmp_path: Path) -> None:
    text = spec.path.read_text().replace("total_count: 2\n", "total_count: two\n", 1)
    broken = tmp_path / "broken.yaml"
    broken.write_text(text)
    problems = example_errors(Spec.load(broken))
    assert any("listIps" in p and "total_count" in p for p in problems)


def test_operations_have_stable_ids_section_tags_and_basic_auth(spec: Spec) -> None:
    ids = [op.operation_id for op in spec.operations()]
    assert len(set(ids)) == 38
    assert all(re.fullmatch(r"[a-z][A-Za-z]+", i) for i in ids)
    assert spec.data["components"]["securitySchemes"]["basicAuth"] == {
        "type": "http",
        "scheme": "basic",
        "description": spec.data["components"]["securitySchemes"]["basicAuth"]["description"],
    }
    assert spec.data["security"] == [{"basicAuth": []}]
    for op in spec.operations():
        assert op.tags and set(op.tags) <= SECTIONS, op.key
        assert "security" not in op.raw or op.raw["security"] == [{"basicAuth": []}], op.key
    facade = [(op.section, op.facade_method) for op in spec.operations()]
    assert len(set(facade)) == 38, "facade method names must be unique within a section"


def _schema_of(spec: Spec, op: Any, status: str) -> dict[str, Any]:
    response = spec.resolve(op.raw["responses"][status])
    resolved: dict[str, Any] = spec.deref(response["content"]["application/json"]["schema"])
    return resolved


def test_responses_describe_real_json_and_errors_a_client_must_handle(spec: Spec) -> None:
    for op in spec.operations():
        statuses = set(op.raw["responses"])
        assert "200" in statuses and "401" in statuses, op.key
        ok = _schema_of(spec, op, "200")
        assert ok.get("type") in ("object", "array"), f"{op.key}: 200 must be JSON object or array"
        if any(p["in"] == "path" for p in spec.parameters(op)):
            assert "404" in statuses, f"{op.key} addresses an object, so it can answer 404"
        if "requestBody" in op.raw or any(p["in"] == "query" for p in spec.parameters(op)):
            assert "400" in statuses, f"{op.key} takes query or body input, so it can answer 400"
        for status in statuses - {"200"}:
            error = _schema_of(spec, op, status)
            shapes = error.get("anyOf", [error])
            assert any("message" in s.get("required", []) for s in shapes), f"{op.key} {status}"


def _documented_headers(seeds_dir: Path) -> dict[tuple[str, str], set[str]]:
    """(METHOD, path) -> the X-Mailgun-* headers the operation reference pages list."""
    found: dict[tuple[str, str], set[str]] = {}
    for name in ("000_642fcb44acd1e64a.txt", "002_b80b345273695be7.txt"):
        text = (seeds_dir / name).read_text()
        blocks = re.split(r"^(get|post|put|patch|delete)(/v[13]/\S+)$", text, flags=re.MULTILINE)
        for method, path, body in zip(blocks[1::3], blocks[2::3], blocks[3::3], strict=True):
            found[(method.upper(), path)] = set(
                re.findall(r"^(X-Mailgun-[A-Za-z-]+)$", body, re.MULTILINE)
            )
    return found


def test_gateway_headers_are_declared_exactly_where_the_documentation_lists_them(
    spec: Spec, seeds_dir: Path
) -> None:
    documented = _documented_headers(seeds_dir)
    assert len(documented) == 23  # 14 operation pages in 000, 9 in 002
    for op in spec.operations():
        declared = {p["name"] for p in spec.parameters(op) if p["in"] == "header"}
        assert declared == documented.get((op.method.upper(), op.path), set()), op.key
        for param in spec.parameters(op):
            if param["in"] == "header":
                assert param["name"] in GATEWAY_HEADERS
                assert param.get("x-mgip-gateway-header") is True
                assert not param.get("required", False), "the public API does not need them"


REPEATABLE = {
    ("unenrollDomain", "query", "replacement_ip"),
    ("listDynamicPoolDomains", "query", "account"),
    ("listDynamicPoolDomains", "query", "pool"),
    ("createDipp", "body", "ip"),
    ("editDipp", "body", "add_ip"),
    ("editDipp", "body", "remove_ip"),
    ("editDipp", "body", "link_domain"),
    ("editDipp", "body", "unlink_domain"),
    ("setDynamicPools", "body", "good_reputation"),
    ("setDynamicPools", "body", "poor_reputation"),
    ("setDynamicPools", "body", "new_senders"),
    ("updateDynamicPool", "body", "add_ip"),
    ("updateDynamicPool", "body", "remove_ip"),
    ("addDippIps", "body", "ips"),
}


def test_repeatable_parameters_are_arrays(spec: Spec) -> None:
    for operation_id, where, name in REPEATABLE:
        op = spec.operation(operation_id)
        if where == "query":
            param = next(p for p in spec.parameters(op) if p["name"] == name and p["in"] == "query")
            assert param["schema"]["type"] == "array", (operation_id, name)
            assert param.get("explode", True) is True
        else:
            for content in spec.resolve(op.raw["requestBody"])["content"].values():
                schema = spec.deref(content["schema"])
                assert schema["properties"][name]["type"] == "array", (operation_id, name)


@pytest.mark.parametrize(
    ("operation_id", "names"),
    [
        ("unenrollDomain", {"replacement_ip", "replacement_pool_id"}),
        ("deleteDipp", {"ip", "pool_id"}),
        ("removeDomainIp", {"ip", "pool_id"}),
        ("removeDomainPoolIp", {"ip", "pool_id"}),
    ],
)
def test_alternatives_are_not_required(spec: Spec, operation_id: str, names: set[str]) -> None:
    op = spec.operation(operation_id)
    query = {p["name"]: p for p in spec.parameters(op) if p["in"] == "query"}
    assert names <= set(query)
    assert not any(query[n].get("required") for n in names)


def test_documented_defaults_are_declared(spec: Spec) -> None:
    def default(operation_id: str, name: str) -> object:
        op = spec.operation(operation_id)
        param = next(p for p in spec.parameters(op) if p["name"] == name)
        return spec.resolve(param["schema"]).get("default")

    assert default("enrollAllDomains", "include_subaccounts") is False
    assert default("listDynamicPoolDomains", "sort_by") == "name"
    assert default("listDynamicPoolDomains", "sort_order") == "ascending"
    assert default("listWarmups", "limit") == 10


def test_form_bodies_accept_multipart_and_urlencoded(spec: Spec) -> None:
    for op in spec.operations():
        body = spec.resolve(op.raw.get("requestBody"))
        if not body:
            continue
        media = list(body["content"])
        if op.operation_id == "addDippIps":
            assert media == ["application/json"]
        else:
            assert media == ["multipart/form-data", "application/x-www-form-urlencoded"], op.key


def test_links_chain_ids_between_existing_operations(spec: Spec) -> None:
    ids = {op.operation_id: op for op in spec.operations()}
    links = 0
    for op in spec.operations():
        for response in op.raw["responses"].values():
            for name, link in spec.resolve(response).get("links", {}).items():
                links += 1
                target = ids[link["operationId"]]
                params = {f"{p['in']}.{p['name']}" for p in spec.parameters(target)}
                for key, expression in link["parameters"].items():
                    assert key in params, f"{op.operation_id} link {name}: {key}"
                    assert expression.startswith(("$response.body#/", "$request.path.")), expression
    assert links >= 20
    produced = {
        link["operationId"]
        for link in spec.data["paths"]["/v3/ip_pools"]["post"]["responses"]["200"]["links"].values()
    }
    assert {"getDipp", "editDipp", "deleteDipp", "addDippIp"} <= produced


def _problems(spec: Spec, schema_name: str, instance: Any) -> list[str]:
    """How `instance` fails the component schema `schema_name` (format checks included)."""
    from jsonschema import Draft202012Validator, FormatChecker

    schema = spec.deref({"$ref": f"#/components/schemas/{schema_name}"})
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    return [error.message for error in validator.iter_errors(instance)]


def test_an_ip_not_on_warm_up_may_omit_is_on_warmup_or_say_false(spec: Spec) -> None:
    # 004_: the sample's second IP has no is_on_warmup key; false is no departure from it.
    for detail in ({"ip": "5.6.7.8"}, {"ip": "5.6.7.8", "is_on_warmup": False}):
        assert _problems(spec, "IpSummary", detail) == [], detail
    assert _problems(spec, "IpSummary", {"ip": "1.2.3.4", "is_on_warmup": True}) == []
    assert _problems(spec, "IpSummary", {"ip": "1.2.3.4", "is_on_warmup": "yes"})


# The response sample of "List domain history" (000_ and 001_), as the documentation prints it:
# one history record, without account_name.
DOMAIN_HISTORY_SAMPLE: dict[str, Any] = {
    "id": "000000000000000000000000",
    "owning_account_id": "000000000000000000000000",
    "account_id": "685da027b1d02ec00a83fda0",
    "domain_id": "685da027b1d02ec00a83fd9f",
    "domain_name": "test.com",
    "new_band": "dynamic_good",
    "prev_band": "dynamic_poor",
    "reason": "Multiple metrics in good threshold",
    "bounce_rate": 0.2,
    "complaint_rate": 0.1,
    "processed_count": 100,
    "timestamp": "2025-06-26T14:31:51.870037-05:00",
}


def test_the_domain_history_sample_is_the_documentations(seeds_dir: Path) -> None:
    text = " ".join((seeds_dir / "001_9c87235275b4a722.txt").read_text().split())
    printed = ", - ".join(f'"{k}": {json.dumps(v)}' for k, v in DOMAIN_HISTORY_SAMPLE.items())
    assert "{- " + printed + " }" in text


def test_history_records_need_no_account_name(spec: Spec) -> None:
    # The domain history sample has no account_name; the account history samples have one.
    assert _problems(spec, "HistoryRecord", DOMAIN_HISTORY_SAMPLE) == []
    named = {**DOMAIN_HISTORY_SAMPLE, "account_name": "My Account"}
    assert _problems(spec, "HistoryRecord", named) == []
    for required in ("id", "domain_name", "new_band", "prev_band", "timestamp"):
        partial = {k: v for k, v in DOMAIN_HISTORY_SAMPLE.items() if k != required}
        assert _problems(spec, "HistoryRecord", partial), required


RFC1123_DATES = [
    "Mon, 02 Jan 2006 15:04:05 MST",  # the documented example
    "Mon, 02 Jan 2006 15:04:05 -0700",  # the same moment with a numeric zone
    "Mon, 02 Jan 2006 22:04:05 +0000",
    "Mon, 02 Jan 2006 15:04:05 GMT",
    "Mon, 2 Jan 2006 15:04:05 MST",
    "Mon, 02 Jan 2006 15:04 MST",
    "02 Jan 2006 15:04:05 +0530",
    "Mon, 02 Jan 06 15:04:05 Z",
    "mon, 02 jan 2006 15:04:05 mst",
]
NOT_RFC1123_DATES = [
    "2006-01-02T15:04:05-07:00",
    "Monday, 02 Jan 2006 15:04:05 MST",
    "Mon, 02 Jan 2006 15:04:05",
    "Mon, 02 Jan 2006 15:04:05 -07:00",
    "Mon, 02 Jan 2006 15:04:05 0700",
    "Mon, 02 Jan 2006 15:04:05 MST\n",
]


def test_history_times_take_every_rfc1123_date_and_no_other_text(spec: Spec) -> None:
    import jsonschema_rs  # the server's validator; _problems uses the Python one

    schema = spec.deref({"$ref": "#/components/schemas/Rfc1123Time"})
    server = jsonschema_rs.validator_for(schema)
    for value in RFC1123_DATES:
        assert _problems(spec, "Rfc1123Time", value) == [], value
        assert server.is_valid(value), value
    for value in NOT_RFC1123_DATES:
        assert not server.is_valid(value), value
        if not value.endswith("\n"):  # Python's `$` also matches before a final newline
            assert _problems(spec, "Rfc1123Time", value), value
    history = spec.operation("listDynamicPoolHistory")
    for param in spec.parameters(history):
        if param["name"] in ("before", "after"):
            assert param["schema"] == {"$ref": "#/components/schemas/Rfc1123Time"}


def test_the_domain_history_is_a_list_of_the_documented_record(spec: Spec) -> None:
    # 000_/001_: "Retrieves a domain's history records"; the schema and sample show one record.
    op = spec.operation("listDomainHistory")
    ok = spec.resolve(op.raw["responses"]["200"])["content"]["application/json"]
    assert spec.deref(ok["schema"]) == {
        "type": "array",
        "items": spec.deref({"$ref": "#/components/schemas/HistoryRecord"}),
    }
    assert ok["example"] == [DOMAIN_HISTORY_SAMPLE]
    (record,) = [c for c in op.raw["x-mgip-curation"] if "response 200 schema" in c["facets"]]
    assert "records" in record["quote"] and "mgip's choice" in " ".join(record["reason"].split())
