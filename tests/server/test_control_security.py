"""The control interface cannot be turned against the machine it runs on.

One test per attack: each is refused with a 4xx (or the server refuses to start) and the state
is what it was before.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from mgip.server.testing import InProcessMock

YAML = {"Content-Type": "application/yaml"}
SMALL = {"version": 1, "accounts": [{"name": "a", "keys": ["key-aaaaaaaa"]}]}


@contextmanager
def unchanged(mock: InProcessMock) -> Iterator[None]:
    before = mock.control("GET", "/state").json()
    yield
    assert mock.control("GET", "/state").json() == before


def refused(response: Any, status: int = 400, says: str = "") -> None:
    assert response.status_code == status, response.text
    assert says in response.json()["message"]


def scenario_with(**extra: Any) -> bytes:
    return json.dumps({**SMALL, **extra}).encode()


# --- scenarios by bundled name only ---------------------------------------------------------


@pytest.mark.parametrize("name", ["/etc/passwd", "../scenarios/demo.yaml", "/dev/zero", "."])
def test_a_scenario_name_is_never_a_path(mgip_mock: InProcessMock, name: str) -> None:
    with unchanged(mgip_mock):
        response = mgip_mock.control("PUT", "/state", params={"name": name})
        refused(response, 400, "not a bundled scenario")
        assert "root:" not in response.text


def test_a_fifo_is_not_opened(mgip_mock: InProcessMock, tmp_path: Any) -> None:
    import os

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    with unchanged(mgip_mock):
        refused(mgip_mock.control("PUT", "/state", params={"name": str(fifo)}), 400)


def test_a_bundled_name_still_loads(mgip_mock: InProcessMock) -> None:
    response = mgip_mock.control("PUT", "/state", params={"name": "no_shared_ips"})
    assert response.status_code == 200


# --- bounded parsing ------------------------------------------------------------------------


def test_a_yaml_alias_bomb_is_refused(mgip_mock: InProcessMock) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{','.join(['*' + previous] * 9)}]")
    bomb = "\n".join(lines).encode()
    with unchanged(mgip_mock):
        refused(mgip_mock.control("PUT", "/state", content=bomb, headers=YAML), 400, "alias")


def test_a_yaml_anchor_is_refused(mgip_mock: InProcessMock) -> None:
    text = b"version: 1\naccounts: [&one {name: a, keys: [key-aaaaaaaa]}]\n"
    with unchanged(mgip_mock):
        refused(mgip_mock.control("PUT", "/state", content=text, headers=YAML), 400, "anchors")


def test_deeply_nested_yaml_is_refused(mgip_mock: InProcessMock) -> None:
    deep = b"version: 1\naccounts: " + b"[" * 5000 + b"]" * 5000
    with unchanged(mgip_mock):
        response = mgip_mock.control("PUT", "/state", content=deep, headers=YAML)
        refused(response, 400, "nested deeper than 64")


def test_deeply_nested_json_is_refused(mgip_mock: InProcessMock) -> None:
    deep = b'{"version": 1, "accounts": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    with unchanged(mgip_mock):
        refused(mgip_mock.control("PUT", "/state", content=deep), 400, "nested deeper than 64")
        refused(mgip_mock.control("PUT", "/settings", content=deep), 400, "nested deeper")


def test_too_many_nodes_are_refused(mgip_mock: InProcessMock) -> None:
    text = "version: 1\naccounts:\n" + "".join(
        f"- {{name: a{i}, keys: [key-{i:08d}]}}\n" for i in range(5000)
    )
    with unchanged(mgip_mock):
        response = mgip_mock.control("PUT", "/state", content=text.encode(), headers=YAML)
        refused(response, 400, "more than")


def test_an_oversized_control_body_is_refused(mgip_mock: InProcessMock) -> None:
    huge = b'{"description": "' + b"x" * (1 << 20) + b'"}'
    with unchanged(mgip_mock):
        refused(mgip_mock.control("PUT", "/state", content=huge), 400, "exceeds")


# --- everything a scenario carries is validated ---------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b'version: 1\naccounts: [{name: "a\\0b", keys: [key-aaaaaaaa]}]\n',
        b"version: 1\naccounts: [{name: a\x00b, keys: [key-aaaaaaaa]}]\n",
    ],
)
def test_a_nul_byte_in_yaml_is_refused(mgip_mock: InProcessMock, body: bytes) -> None:
    with unchanged(mgip_mock):
        refused(mgip_mock.control("PUT", "/state", content=body, headers=YAML), 400, "NUL")


def test_a_nul_byte_in_json_is_refused(mgip_mock: InProcessMock) -> None:
    body = scenario_with(accounts=[{"name": "a\x00b", "keys": ["key-aaaaaaaa"]}])
    with unchanged(mgip_mock):
        refused(mgip_mock.control("PUT", "/state", content=body), 400, "NUL")


@pytest.mark.parametrize("moment", ["yesterday", "2026-02-30T00:00:00Z", "2026-10-08"])
def test_a_date_time_that_is_not_one_is_refused(mgip_mock: InProcessMock, moment: str) -> None:
    body = scenario_with(domains=[{"name": "x.test", "account": "a", "registered_at": moment}])
    with unchanged(mgip_mock):
        refused(mgip_mock.control("PUT", "/state", content=body), 400, "domains[0]")


def test_a_job_missing_an_argument_is_refused(mgip_mock: InProcessMock) -> None:
    body = scenario_with(jobs=[{"id": "j1", "kind": "recheck_domain", "args": {}}])
    with unchanged(mgip_mock):
        refused(mgip_mock.control("PUT", "/state", content=body), 400, "'domain'")


def test_a_job_argument_of_the_wrong_type_is_refused(mgip_mock: InProcessMock) -> None:
    body = scenario_with(jobs=[{"id": "j1", "kind": "sync_dipp_domains", "args": {"pool_id": []}}])
    with unchanged(mgip_mock):
        refused(mgip_mock.control("PUT", "/state", content=body), 400, "'pool_id'")


@pytest.mark.parametrize(
    "raw", [b'{"delay": NaN}', b'{"delay": Infinity}', b'{"health_interval": 1e999}']
)
def test_settings_must_be_finite(mgip_mock: InProcessMock, raw: bytes) -> None:
    with unchanged(mgip_mock):
        refused(mgip_mock.control("PUT", "/settings", content=raw), 400)


def test_metrics_must_be_finite(mgip_mock: InProcessMock) -> None:
    raw = b'{"metrics": {"shop.acme.test": {"bounce_rate": NaN}}}'
    with unchanged(mgip_mock):
        refused(mgip_mock.control("POST", "/health-checks", content=raw), 400)


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_a_scenario_number_must_be_finite(mgip_mock: InProcessMock, value: str) -> None:
    text = (
        f"version: 1\naccounts: [{{name: a, keys: [key-aaaaaaaa]}}]\nsettings: {{delay: {value}}}"
    )
    with unchanged(mgip_mock):
        response = mgip_mock.control("PUT", "/state", content=text.encode(), headers=YAML)
        refused(response, 400, "finite")


# --- control writes take JSON only ------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/reset"), ("POST", "/jobs/settle"), ("PUT", "/settings"), ("PUT", "/state")],
)
@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_a_simple_cross_origin_write_is_refused(
    mgip_mock: InProcessMock, method: str, path: str, content_type: str
) -> None:
    body = scenario_with() if path == "/state" else b"{}"
    with unchanged(mgip_mock):
        response = mgip_mock.control(
            method, path, content=body, headers={"Content-Type": content_type}
        )
        refused(response, 415, "application/json")


def test_a_health_check_from_a_form_moves_nothing(mgip_mock: InProcessMock) -> None:
    raw = b'{"metrics": {"shop.acme.test": {"bounce_rate": 0.9}}}'
    with unchanged(mgip_mock):
        response = mgip_mock.control(
            "POST", "/health-checks", content=raw, headers={"Content-Type": "text/plain"}
        )
        refused(response, 415)


# --- the Host header (DNS rebinding) --------------------------------------------------------


@pytest.fixture
def served() -> Iterator[Any]:
    from mgip.server.app import build_app
    from mgip.server.testing import serve

    with serve(build_app("demo")) as running:
        yield running


def _port(url: str) -> str:
    return url.rsplit(":", 1)[1]


def test_a_rebound_host_cannot_read_the_api_keys(served: Any) -> None:
    evil = {"Host": f"rebind.attacker.example:{_port(served.url)}"}
    response = served.control("GET", "/accounts", headers=evil)
    refused(response, 421, "Host")
    assert served.key() not in response.text


def test_a_rebound_host_cannot_reset_the_state(served: Any) -> None:
    served.control("PUT", "/settings", json={"delay": 7}).raise_for_status()
    before = served.control("GET", "/state").json()
    evil = {"Host": f"rebind.attacker.example:{_port(served.url)}"}
    refused(served.control("POST", "/reset", headers=evil), 421)
    refused(served.control("PUT", "/state", params={"name": "no_shared_ips"}, headers=evil), 421)
    assert served.control("GET", "/state").json() == before


def test_a_rebound_host_cannot_use_the_api(served: Any) -> None:
    import httpx

    before = served.control("GET", "/state").json()
    evil = {"Host": f"rebind.attacker.example:{_port(served.url)}"}
    answer = httpx.post(
        f"{served.url}/v3/ip_pools",
        auth=("api", served.key()),
        data={"name": "x", "description": "y"},
        headers=evil,
    )
    refused(answer, 421, "Host")
    assert served.control("GET", "/state").json() == before


def test_the_loopback_names_are_answered(served: Any) -> None:
    import httpx

    port = _port(served.url)
    for name in ("localhost", "127.0.0.1"):
        answer = httpx.get(f"{served.url}/mgip/identity", headers={"Host": f"{name}:{port}"})
        assert answer.status_code == 200
    wrong_port = httpx.get(f"{served.url}/mgip/identity", headers={"Host": "localhost:1"})
    assert wrong_port.status_code == 421


# --- a control token beyond loopback ----------------------------------------------------------

TOKEN = "s3cret-control-token"


@pytest.fixture
def guarded(mgip_mock: InProcessMock) -> Iterator[Any]:
    """The mock with a control token, and a client that does not know it."""
    import httpx

    mgip_mock.app.control_token = TOKEN
    with httpx.Client(transport=mgip_mock.transport, base_url=mgip_mock.base_url) as client:
        yield client


@pytest.mark.parametrize("path", ["/accounts", "/state", "/jobs", "/health"])
def test_without_the_token_nothing_is_read(
    mgip_mock: InProcessMock, guarded: Any, path: str
) -> None:
    for headers in ({}, {"X-Mgip-Control-Token": "wrong"}, {"Authorization": "Bearer wrong"}):
        response = guarded.get(f"/mgip{path}", headers=headers)
        refused(response, 401, "X-Mgip-Control-Token")
        assert mgip_mock.key("acme") not in response.text


def test_without_the_token_nothing_is_written(mgip_mock: InProcessMock, guarded: Any) -> None:
    with unchanged(mgip_mock):
        refused(guarded.post("/mgip/reset", json={}), 401)
        refused(guarded.put("/mgip/state", params={"name": "no_shared_ips"}, json={}), 401)
        refused(guarded.put("/mgip/settings", json={"jobs": "manual"}), 401)


def test_with_the_token_the_interface_answers(guarded: Any) -> None:
    answer = guarded.get("/mgip/accounts", headers={"X-Mgip-Control-Token": TOKEN})
    assert answer.status_code == 200
    assert guarded.get("/mgip/identity").status_code == 200  # carries no secret


def test_beyond_loopback_a_token_is_made_and_announced() -> None:
    from mgip.server import serving

    assert serving.control_token_for("127.0.0.1", None) is None
    assert serving.control_token_for("localhost", None) is None
    assert serving.control_token_for("::1", None) is None
    made = serving.control_token_for("0.0.0.0", None)
    assert made and len(made) >= 16
    assert serving.control_token_for("0.0.0.0", "given-token") == "given-token"
    warning = "\n".join(serving.exposure_warning("0.0.0.0", made))
    assert "warning" in warning and made in warning
    assert serving.exposure_warning("127.0.0.1", None) == []


def test_a_bad_control_token_refuses_to_start() -> None:
    import subprocess
    import sys
    from pathlib import Path

    mgip = str(Path(sys.executable).with_name("mgip"))
    result = subprocess.run(
        [mgip, "mock", "--port", "0", "--host", "0.0.0.0", "--control-token", "short"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "--control-token" in result.stdout + result.stderr


def test_contracts_send_the_token_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mgip.contracts.target import remote
    from mgip.server.app import build_app
    from mgip.server.testing import serve

    app = build_app("demo")
    with serve(app) as running:
        app.control_token = TOKEN
        monkeypatch.delenv("MGIP_CONTROL_TOKEN", raising=False)
        assert remote(running.url, running.key()).account_id == ""
        monkeypatch.setenv("MGIP_CONTROL_TOKEN", TOKEN)
        target = remote(running.url, running.key())
        assert target.account_id == next(iter(app.world.accounts))
        assert TOKEN not in repr(target)
