"""The generated client sends every operation as documented: method, path, query, headers, body."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
from mailgun_ip_client import ApiError, AsyncMailgunIp, MailgunIp
from mailgun_ip_client.models import (
    AddDippIpsBody,
    CreateDippForm,
    EditDippForm,
    IpBandForm,
    ListDynamicPoolDomainsSortBy,
    OverrideForm,
    SetDynamicPoolsForm,
    UpdateDynamicPoolForm,
)

from mgip.core.spec import Spec

KEY = "key-0123456789abcdef"
V6 = "2001:db8::1"


class Recorder:
    """An in-test transport: records each request and answers with the spec's 200 example."""

    def __init__(self, spec: Spec, status: int = 200, body: Any = None) -> None:
        self.spec = spec
        self.status = status
        self.body = body
        self.requests: list[httpx.Request] = []
        self.routes = [
            (
                op,
                re.compile(
                    "^"
                    + re.sub(
                        r"\{[^}]+\}",
                        "[^/]+",
                        re.escape(op.path).replace(r"\{", "{").replace(r"\}", "}"),
                    )
                    + "$"
                ),
            )
            for op in spec.operations()
        ]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.body is not None:
            return httpx.Response(self.status, json=self.body)
        raw_path = request.url.raw_path.decode().split("?")[0]
        for op, pattern in self.routes:
            if op.method.upper() == request.method and pattern.match(raw_path):
                example = self.spec.resolve(op.raw["responses"]["200"])["content"][
                    "application/json"
                ]["example"]
                return httpx.Response(200, json=example)
        return httpx.Response(404, json={"message": "no such route"})


@dataclass(frozen=True)
class Case:
    operation_id: str
    call: Callable[[MailgunIp], Any]
    path: str
    query: list[tuple[str, str]]
    body: str | None = None  # "multipart", "json" or None
    fields: tuple[tuple[str, str], ...] = ()


CASES = [
    Case(
        "listIps",
        lambda m: m.ips.list_all(dedicated=True, enabled=False),
        "/v3/ips",
        [("dedicated", "true"), ("enabled", "false")],
    ),
    Case("getIp", lambda m: m.ips.get(V6), f"/v3/ips/{V6}", []),
    Case(
        "listIpDomains",
        lambda m: m.ips.list_domains("1.2.3.4", limit=5, skip=10, search="shop news"),
        "/v3/ips/1.2.3.4/domains",
        [("limit", "5"), ("search", "shop news"), ("skip", "10")],
    ),
    Case(
        "assignIpToAllDomains",
        lambda m: m.ips.assign_to_all_domains("1.2.3.4"),
        "/v3/ips/1.2.3.4/domains",
        [],
    ),
    Case(
        "removeIpFromAllDomains",
        lambda m: m.ips.remove_from_all_domains("1.2.3.4", alternative="5.6.7.8"),
        "/v3/ips/1.2.3.4/domains",
        [("alternative", "5.6.7.8")],
    ),
    Case(
        "setIpBand",
        lambda m: m.ips.set_band("1.2.3.4", body=IpBandForm(ip_band="band-a")),
        "/v3/ips/1.2.3.4/ip_band",
        [],
        "multipart",
        (("ip_band", "band-a"),),
    ),
    Case("getNewIpAllowance", lambda m: m.ips.get_new_ip_allowance(), "/v3/ips/request/new", []),
    Case("requestNewIp", lambda m: m.ips.request_new(), "/v3/ips/request/new", []),
    Case(
        "removeDomainIp",
        lambda m: m.ips.remove_domain_ip("example.com", "ip_pool", ip_query="shared"),
        "/v3/domains/example.com/ips/ip_pool",
        [("ip", "shared")],
    ),
    Case(
        "removeDomainPoolIp",
        lambda m: m.ips.remove_domain_pool_ip("example.com", V6, pool_id="p1"),
        f"/v3/domains/example.com/pool/{V6}",
        [("pool_id", "p1")],
    ),
    Case("listDipps", lambda m: m.dipps.list_all(), "/v3/ip_pools", []),
    Case(
        "createDipp",
        lambda m: m.dipps.create(
            body=CreateDippForm(name="tx", description="Receipts", ip=["1.2.3.4", "5.6.7.8"])
        ),
        "/v3/ip_pools",
        [],
        "multipart",
        (("name", "tx"), ("description", "Receipts"), ("ip", "1.2.3.4"), ("ip", "5.6.7.8")),
    ),
    Case("getDipp", lambda m: m.dipps.get("p1"), "/v3/ip_pools/p1", []),
    Case(
        "deleteDipp",
        lambda m: m.dipps.delete("p1", pool_id_query="p2"),
        "/v3/ip_pools/p1",
        [("pool_id", "p2")],
    ),
    Case(
        "editDipp",
        lambda m: m.dipps.edit(
            "p1", body=EditDippForm(add_ip=["1.2.3.4", "5.6.7.8"], unlink_domain=["d1"])
        ),
        "/v3/ip_pools/p1",
        [],
        "multipart",
        (("add_ip", "1.2.3.4"), ("add_ip", "5.6.7.8"), ("unlink_domain", "d1")),
    ),
    Case(
        "listDippDomains",
        lambda m: m.dipps.list_domains("p1", limit=20, page="abc"),
        "/v3/ip_pools/p1/domains",
        [("limit", "20"), ("page", "abc")],
    ),
    Case("addDippIp", lambda m: m.dipps.add_ip("p1", "1.2.3.4"), "/v3/ip_pools/p1/ips/1.2.3.4", []),
    Case("removeDippIp", lambda m: m.dipps.remove_ip("p1", V6), f"/v3/ip_pools/p1/ips/{V6}", []),
    Case(
        "addDippIps",
        lambda m: m.dipps.add_ips("p1", body=AddDippIpsBody(ips=["1.2.3.4", "5.6.7.8"])),
        "/v3/ip_pools/p1/ips.json",
        [],
        "json",
    ),
    Case(
        "enrollDomain",
        lambda m: m.dynamic_pools.enroll_domain("example.com"),
        "/v3/domains/example.com/dynamic_pools",
        [],
    ),
    Case(
        "unenrollDomain",
        lambda m: m.dynamic_pools.unenroll_domain(
            "example.com", replacement_ip=["1.2.3.4", "5.6.7.8"]
        ),
        "/v3/domains/example.com/dynamic_pools",
        [("replacement_ip", "1.2.3.4"), ("replacement_ip", "5.6.7.8")],
    ),
    Case(
        "listAssignableDomains",
        lambda m: m.dynamic_pools.list_assignable_domains(domain="^shop"),
        "/v3/domains/dynamic_pools/assignable",
        [("domain", "^shop")],
    ),
    Case(
        "enrollAllDomains",
        lambda m: m.dynamic_pools.enroll_all_domains(include_subaccounts=True),
        "/v3/domains/all/dynamic_pools/enroll",
        [("include_subaccounts", "true")],
    ),
    Case("listDynamicPools", lambda m: m.dynamic_pools.list_all(), "/v3/dynamic_pools", []),
    Case(
        "setDynamicPools",
        lambda m: m.dynamic_pools.set_all(
            body=SetDynamicPoolsForm(
                good_reputation=["1.0.0.1", "1.0.0.2"],
                poor_reputation=["1.0.0.3"],
                new_senders=["1.0.0.4"],
            )
        ),
        "/v3/dynamic_pools/all",
        [],
        "multipart",
        (
            ("good_reputation", "1.0.0.1"),
            ("good_reputation", "1.0.0.2"),
            ("poor_reputation", "1.0.0.3"),
            ("new_senders", "1.0.0.4"),
        ),
    ),
    Case("removeDynamicPools", lambda m: m.dynamic_pools.remove_all(), "/v3/dynamic_pools/all", []),
    Case(
        "addDynamicPoolIp",
        lambda m: m.dynamic_pools.add_ip("dynamic_good", V6),
        f"/v3/dynamic_pools/dynamic_good/{V6}",
        [],
    ),
    Case(
        "updateDynamicPool",
        lambda m: m.dynamic_pools.update(
            "dynamic_good", body=UpdateDynamicPoolForm(add_ip=["1.0.0.5"], remove_ip=["1.0.0.1"])
        ),
        "/v3/dynamic_pools/dynamic_good",
        [],
        "multipart",
        (("add_ip", "1.0.0.5"), ("remove_ip", "1.0.0.1")),
    ),
    Case(
        "listDynamicPoolDomains",
        lambda m: m.dynamic_pools.list_domains(
            limit=50,
            account=["a1", "a2"],
            pool=["dynamic_good"],
            sort_by=ListDynamicPoolDomainsSortBy.BOUNCE_RATE,
        ),
        "/v1/dynamic_pools/domains",
        [
            ("limit", "50"),
            ("account", "a1"),
            ("account", "a2"),
            ("pool", "dynamic_good"),
            ("sort_by", "bounce_rate"),
            ("sort_order", "ascending"),
        ],
    ),
    Case(
        "previewDomainPool",
        lambda m: m.dynamic_pools.preview_domain("example.com"),
        "/v1/dynamic_pools/domains/example.com/preview",
        [],
    ),
    Case(
        "listDomainHistory",
        lambda m: m.dynamic_pools.domain_history("example.com"),
        "/v1/dynamic_pools/domains/example.com/history",
        [],
    ),
    Case(
        "setDomainOverride",
        lambda m: m.dynamic_pools.set_override(
            "example.com", body=OverrideForm(pool="dynamic_good")
        ),
        "/v1/dynamic_pools/domains/example.com/override",
        [],
        "multipart",
        (("pool", "dynamic_good"),),
    ),
    Case(
        "removeDomainOverride",
        lambda m: m.dynamic_pools.remove_override("example.com"),
        "/v1/dynamic_pools/domains/example.com/override",
        [],
    ),
    Case(
        "listDynamicPoolHistory",
        lambda m: m.dynamic_pools.history(
            limit=25, domain="example.com", before="Mon, 02 Jan 2006 15:04:05 MST"
        ),
        "/v1/dynamic_pools/history",
        [("Limit", "25"), ("domain", "example.com"), ("before", "Mon, 02 Jan 2006 15:04:05 MST")],
    ),
    Case(
        "listWarmups",
        lambda m: m.warmups.list_all(page="p2"),
        "/v3/ip_warmups",
        [("page", "p2"), ("limit", "10")],
    ),
    Case("getWarmup", lambda m: m.warmups.get("1.2.3.4"), "/v3/ip_warmups/1.2.3.4", []),
    Case("createWarmup", lambda m: m.warmups.create(V6), f"/v3/ip_warmups/{V6}", []),
    Case("cancelWarmup", lambda m: m.warmups.cancel("1.2.3.4"), "/v3/ip_warmups/1.2.3.4", []),
]


def test_the_cases_cover_every_operation(spec: Spec) -> None:
    assert sorted(c.operation_id for c in CASES) == sorted(
        op.operation_id for op in spec.operations()
    )


def _client(recorder: Recorder, **options: Any) -> MailgunIp:
    return MailgunIp(
        KEY,
        base_url="https://mailgun.test",
        httpx_args={"transport": httpx.MockTransport(recorder)},
        **options,
    )


def _multipart_fields(request: httpx.Request) -> list[tuple[str, str]]:
    content_type = request.headers["content-type"]
    boundary = content_type.split("boundary=", 1)[1]
    fields = []
    for part in request.content.split(f"--{boundary}".encode())[1:-1]:
        head, _, value = part.strip(b"\r\n").partition(b"\r\n\r\n")
        name = re.search(rb'name="([^"]+)"', head)
        assert name is not None
        fields.append((name.group(1).decode(), value.decode()))
    return fields


@pytest.mark.parametrize("case", CASES, ids=[c.operation_id for c in CASES])
def test_each_operation_goes_out_as_documented(spec: Spec, case: Case) -> None:
    recorder = Recorder(spec)
    with _client(
        recorder, account_id="acc-1", requestor="ops@example.com", requestor_client="mgip-tests"
    ) as mg:
        result = case.call(mg)
    assert result is not None
    [request] = recorder.requests
    op = spec.operation(case.operation_id)
    assert request.method == op.method.upper()
    raw_path = request.url.raw_path.decode().split("?")[0]
    assert unquote(raw_path) == case.path
    if V6 in case.path:
        assert "2001%3Adb8%3A%3A1" in raw_path, "path segments are percent-encoded"
    assert request.url.params.multi_items() == case.query
    assert request.headers["authorization"] == httpx.BasicAuth("api", KEY)._auth_header
    assert request.headers["x-mailgun-account-id"] == "acc-1"
    assert request.headers["x-mailgun-requestor-client"] == "mgip-tests"
    if case.body == "multipart":
        assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
        assert _multipart_fields(request) == list(case.fields)
    elif case.body == "json":
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == {"ips": ["1.2.3.4", "5.6.7.8"]}
    else:
        assert request.content == b""


def test_gateway_headers_are_not_sent_unless_configured(spec: Spec) -> None:
    recorder = Recorder(spec)
    _client(recorder).dipps.get("p1")
    assert not [h for h in recorder.requests[0].headers if h.lower().startswith("x-mailgun")]


def test_multipart_boundaries_are_random_and_cannot_be_forged(spec: Spec) -> None:
    recorder = Recorder(spec)
    mg = _client(recorder)
    forged = 'x\r\n--+++\r\nContent-Disposition: form-data; name="ip"\r\n\r\n6.6.6.6'
    mg.dipps.create(body=CreateDippForm(name=forged, description="d"))
    mg.dipps.create(body=CreateDippForm(name="tx", description="d"))
    first, second = (r.headers["content-type"] for r in recorder.requests)
    assert first != second
    assert "+++" not in first
    assert _multipart_fields(recorder.requests[0]) == [("name", forged), ("description", "d")]


def test_a_non_2xx_answer_raises_a_typed_error_with_status_and_message(spec: Spec) -> None:
    recorder = Recorder(
        spec,
        status=400,
        body={"message": "replacement_ip and replacement_pool_id cannot both be given"},
    )
    with pytest.raises(ApiError) as caught:
        _client(recorder).dynamic_pools.unenroll_domain(
            "example.com", replacement_ip=["1.2.3.4"], replacement_pool_id="p1"
        )
    assert caught.value.status_code == 400
    assert caught.value.message == "replacement_ip and replacement_pool_id cannot both be given"
    invalid = Recorder(spec, status=400, body={"Field": "pool", "Value": "dynamic_bad"})
    with pytest.raises(ApiError, match="invalid pool: 'dynamic_bad'"):
        _client(invalid).dynamic_pools.set_override(
            "example.com", body=OverrideForm(pool="dynamic_bad")
        )


def test_the_api_key_stays_out_of_reprs(spec: Spec) -> None:
    recorder = Recorder(spec)
    mg = _client(recorder)
    mg.ips.list_all()
    assert KEY not in repr(mg.client)
    token = httpx.BasicAuth("api", KEY)._auth_header.split()[1]
    assert token not in repr(mg.client)


def test_the_async_client_sends_the_same_requests(spec: Spec) -> None:
    recorder = Recorder(spec)

    async def run() -> None:
        async with AsyncMailgunIp(
            KEY,
            base_url="https://mailgun.test",
            httpx_args={"transport": httpx.MockTransport(recorder)},
        ) as mg:
            pools = await mg.dynamic_pools.list_all()
            assert [p.name for p in pools.pools] == ["dynamic_good", "dynamic_poor", "dynamic_new"]
            await mg.dynamic_pools.unenroll_domain("example.com", replacement_pool_id="p1")

    asyncio.run(run())
    assert [(r.method, r.url.path) for r in recorder.requests] == [
        ("GET", "/v3/dynamic_pools"),
        ("DELETE", "/v3/domains/example.com/dynamic_pools"),
    ]
    assert recorder.requests[1].url.params.multi_items() == [("replacement_pool_id", "p1")]
