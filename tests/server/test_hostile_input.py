"""No input gets a 5xx from the reference server: each known cause ends in a 4xx that says what
was wrong, and a seeded sample of hostile requests over every operation gets no 5xx either."""

from __future__ import annotations

import asyncio
import base64
import importlib.util
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import httpx
import pytest

from mgip.core.spec import Spec
from mgip.server import build_app, scenario
from mgip.server.app import ReferenceApp
from mgip.server.testing import DirectTransport

KEY = "key-acme-demo-0001"


@pytest.fixture
def served() -> Iterator[tuple[httpx.Client, ReferenceApp]]:
    app = build_app()
    transport = DirectTransport(app)
    with httpx.Client(transport=transport, base_url="http://127.0.0.1") as client:
        yield client, app
    transport.shutdown()


def _part(boundary: str, name: str, value: str) -> str:
    return f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'


def test_credentials_that_are_not_ascii_base64_get_401(
    served: tuple[httpx.Client, ReferenceApp],
) -> None:
    client, _ = served
    for value in (b"Basic \xe9\xe9", b"Basic " + base64.b64encode(b"api:\xff\xfe")):
        answer = client.get("/v3/ips", headers={b"Authorization": value})
        assert answer.status_code == 401
        assert "Invalid private key" in answer.json()["message"]


def test_a_multipart_boundary_past_256_characters_gets_400(
    served: tuple[httpx.Client, ReferenceApp],
) -> None:
    client, app = served
    before = scenario.export(app.world)
    boundary = "b" * 300
    body = _part(boundary, "name", "x") + f"--{boundary}--\r\n"
    answer = client.post(
        "/v3/ip_pools",
        content=body.encode(),
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        auth=("api", KEY),
    )
    assert answer.status_code == 400
    assert "boundary is 300 characters long" in answer.json()["message"]
    assert scenario.export(app.world) == before


@pytest.mark.parametrize(
    ("body", "said"),
    [
        ("[" * 300 + "]" * 300, "nests deeper than"),
        ('{"ips":' * 300 + "1" + "}" * 300, "nests deeper than"),
        ("[" * 100_000 + "]" * 100_000, "nests too deep"),
        ('{"ips": [NaN]}', "NaN is not a JSON number"),
    ],
    ids=["arrays 300 deep", "objects 300 deep", "arrays 100,000 deep", "NaN"],
)
def test_json_nested_too_deep_or_not_json_numbers_gets_400(
    served: tuple[httpx.Client, ReferenceApp], body: str, said: str
) -> None:
    client, app = served
    pool = next(iter(app.world.dipps))
    answer = client.post(
        f"/v3/ip_pools/{pool}/ips.json",
        content=body.encode(),
        headers={"Content-Type": "application/json"},
        auth=("api", KEY),
    )
    assert answer.status_code == 400
    assert said in answer.json()["message"]


def _hostile(rng: random.Random, paths: list[tuple[str, str]]) -> dict[str, object]:
    """One request that breaks something: the path, a header, the body or its type."""
    method, path = rng.choice(paths)
    path = path.replace("{", "").replace("}", "")
    if rng.random() < 0.3:
        path += rng.choice(
            ["%", "%ff%fe", "/%00", "/..%2f..", "?a=%zz&b=\udcff"[:7], "/" + "x" * 5000]
        )
    headers: dict[str, bytes | str] = {}
    auth = rng.choice(
        [
            b"Basic " + base64.b64encode(f"api:{KEY}".encode()),
            b"Basic " + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40))),
            b"Bearer x",
            b"",
        ]
    )
    if auth:
        headers["Authorization"] = auth
    kind = rng.choice(["multipart", "form", "json", "bytes", "none"])
    body = b""
    if kind == "multipart":
        boundary = "q" * rng.choice([1, 30, 70, 256, 257, 1000])
        headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        body = rng.choice(
            [
                (_part(boundary, "ip", "1.2.3.4") + f"--{boundary}--\r\n").encode(),
                bytes(rng.randrange(256) for _ in range(rng.randrange(200))),
                f'--{boundary}\r\nContent-Disposition: form-data; name="\xff"\r\n\r\n'.encode(
                    "latin-1"
                ),
            ]
        )
    elif kind == "form":
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        body = rng.choice([b"ip=%ff%fe", b"name=" + b"%" * 10, b"a=1&" * 1000, b"\xff\xfe=\x00"])
    elif kind == "json":
        headers["Content-Type"] = "application/json; charset=utf-8"
        depth = rng.choice([1, 31, 33, 257, 5000])
        body = rng.choice(
            ["[" * depth + "]" * depth, '{"ips": [1e999]}', '{"ips": "x"}', "\x00"]
        ).encode()
    elif kind == "bytes":
        headers["Content-Type"] = rng.choice(
            ["text/plain", "application/octet-stream", "\x00/\x01"]
        )
        body = bytes(rng.randrange(256) for _ in range(rng.randrange(300)))
    return {"method": method.upper(), "url": path, "headers": headers, "content": body}


def test_a_seeded_sample_of_hostile_requests_gets_no_5xx(
    served: tuple[httpx.Client, ReferenceApp],
) -> None:
    client, _ = served
    spec = Spec.load()
    paths = [(op.method, op.path) for op in spec.operations()]
    paths += [("get", "/mgip/accounts"), ("post", "/mgip/reset"), ("get", "/mgip/identity")]
    rng = random.Random(20261203)
    statuses: dict[int, int] = {}
    for _ in range(400):
        request = _hostile(rng, paths)
        try:
            answer = client.request(**request)  # type: ignore[arg-type]
        except (httpx.InvalidURL, UnicodeEncodeError, httpx.LocalProtocolError):
            continue  # httpx would not send it: nothing reached the server
        statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1
        assert answer.status_code < 500, (request, answer.text[:300])
        json.loads(answer.content)  # every answer is JSON, refusals included
    assert sum(statuses.values()) > 300, statuses


def _campaign() -> ModuleType:
    """bench/fuzz.py, the fuzz campaign's generator (bench/ is scripts, not a package)."""
    path = Path(__file__).resolve().parents[2] / "bench" / "fuzz.py"
    spec = importlib.util.spec_from_file_location("mgip_bench_fuzz", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_a_sample_of_the_fuzz_campaign_gets_no_5xx_and_refusals_change_nothing() -> None:
    fuzz = _campaign()
    app = build_app(jobs_mode="manual")
    app.world.settings.health_interval = 0  # no periodic round between two snapshots
    requests = fuzz.campaign(7, 450)
    loop = asyncio.new_event_loop()
    statuses: dict[int, int] = {}
    try:
        for request in requests:
            before = scenario.export(app.world)
            status, body = loop.run_until_complete(fuzz.call_app(app, request))
            statuses[status] = statuses.get(status, 0) + 1
            assert status < 500, (request.shown(), body[:300])
            answer = json.loads(body)
            if status >= 400:
                assert answer["message"], request.shown()
                assert scenario.export(app.world) == before, request.shown()
    finally:
        loop.close()
    assert len(requests) >= 400
    assert sum(n for s, n in statuses.items() if s < 300) > 0, statuses  # some get through


def test_a_sample_of_schemathesis_negative_mode_gets_no_5xx() -> None:
    from urllib.parse import urlsplit

    from mgip.server.testing import serve

    fuzz = _campaign()
    with serve(build_app(jobs_mode="manual")) as running:
        port = urlsplit(running.url).port
        assert port is not None
        out = fuzz.schemathesis_negative(port, seed=3, examples=2, timeout=10.0)
    assert not out.failures, [request.shown() for _, request in out.failures]
    assert not out.hangs
    assert out.sent >= 38, out.statuses  # every operation got at least one
    assert any(s is not None and 400 <= s < 500 and s != 401 for s in out.statuses), out.statuses


JSON_URL = "/v3/ip_pools/{pool}/ips.json"


@pytest.mark.parametrize(
    ("method", "url", "content_type", "body", "status", "said"),
    [
        ("GET", "/v3/ips?limit=%ff%fe", None, b"", 400, "not valid UTF-8"),
        ("GET", "/v1/dynamic_pools/history?domain=1%", None, b"", 200, ""),  # a literal %
        ("GET", "/v3/ips/%ff%fe", None, b"", 404, "not found"),
        ("GET", "/v3/ips/1.2.3.4%", None, b"", 404, ""),
        ("POST", "/v3/ip_pools", "application/x-www-form-urlencoded", b"name=%ff", 400, "UTF-8"),
        ("POST", "/v3/ip_pools", "multipart/form-data; boundary=b", b"--b\r\n", 400, "required"),
        ("POST", "/v3/ip_pools", "multipart/form-data; charset=nope; boundary=b", b"", 400, ""),
        ("POST", JSON_URL, "application/json", b'{"name": 1e999}', 400, "body"),
        ("POST", JSON_URL, "application/json", b'{"name": ' + b"9" * 5000 + b"}", 400, ""),
        ("POST", JSON_URL, "application/json", b'{"name": Infinity}', 400, "Infinity"),
        ("POST", JSON_URL, "application/json", b"\xff\xfe\xfd", 400, "not valid JSON"),
    ],
    ids=[
        "query not UTF-8",
        "query % at the end",
        "path not UTF-8",
        "path % at the end",
        "form not UTF-8",
        "multipart cut short",
        "multipart unknown charset",
        "JSON 1e999",
        "JSON 5000 digits",
        "JSON Infinity",
        "JSON not UTF-8",
    ],
)
def test_other_undecodable_input_gets_a_4xx_that_says_why(  # noqa: PLR0917
    served: tuple[httpx.Client, ReferenceApp],
    method: str,
    url: str,
    content_type: str | None,
    body: bytes,
    status: int,
    said: str,
) -> None:
    client, app = served
    before = scenario.export(app.world)
    headers = {"Content-Type": content_type} if content_type else {}
    url = url.replace("{pool}", next(iter(app.world.dipps)))
    answer = client.request(method, url, content=body, headers=headers, auth=("api", KEY))
    assert answer.status_code == status, answer.text
    if status >= 400:
        assert said in answer.json()["message"]
    assert scenario.export(app.world) == before


def test_a_body_sent_with_a_get_is_ignored(served: tuple[httpx.Client, ReferenceApp]) -> None:
    client, _ = served
    answer = client.request(
        "GET",
        "/v3/ips",
        content=b"[" * 1000 + b"\xff",
        headers={"Content-Type": "application/json"},
        auth=("api", KEY),
    )
    assert answer.status_code == 200
