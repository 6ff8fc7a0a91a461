"""Writes to a real account: only with --allow-writes and a scope, never outside it; --dry-run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from contracts.scope import Scope, ScopeGuard
from mgip.cli import app
from mgip.problems import InputError
from reference_server.app import build_app
from reference_server.testing import RunningServer, serve

runner = CliRunner()
KEY = "key-acme-demo-0001"
SCOPE = "ips: [192.0.2.16, 192.0.2.18]\ndomains: [fresh.acme.test]\ndipps: []\n"


def test_a_scope_file_is_checked_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "scope.yaml"
    path.write_text("ips: [192.0.2.16]\ndomain: [x.test]\n")
    with pytest.raises(InputError) as caught:
        Scope.load(path)
    assert caught.value.line == 2 and "domain" in caught.value.message


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("GET", "/v3/ip_pools/64f0b0b0b0b0b0b0b0b0b001", True),
        ("POST", "/v3/ip_pools", True),
        ("PATCH", "/v3/ip_pools/64f0b0b0b0b0b0b0b0b0b001", False),
        ("PUT", "/v3/ip_pools/mine/ips/192.0.2.16", True),
        ("PUT", "/v3/ip_pools/mine/ips/192.0.2.10", False),
        ("POST", "/v3/ip_warmups/192.0.2.18", True),
        ("DELETE", "/v3/ip_warmups/192.0.2.10", False),
        ("POST", "/v3/domains/fresh.acme.test/dynamic_pools", True),
        ("DELETE", "/v3/domains/news.acme.test/dynamic_pools", False),
        ("POST", "/v3/dynamic_pools/all", False),
        ("POST", "/v3/ips/request/new", False),
        ("POST", "/v3/ips/192.0.2.16/domains", False),
        ("POST", "/v3/domains/all/dynamic_pools/enroll", False),
    ],
)
def test_the_scope_decides_each_write(method: str, path: str, allowed: bool) -> None:
    scope = Scope(ips={"192.0.2.16", "192.0.2.18"}, domains={"fresh.acme.test"})
    assert (scope.allows(method, path, created={"mine"}) is None) is allowed


def test_the_guard_never_sends_what_the_scope_forbids() -> None:
    sent: list[str] = []

    def server(request: httpx.Request) -> httpx.Response:
        sent.append(f"{request.method} {request.url.path}")
        return httpx.Response(200, json={"message": "ok", "pool_id": "mine"})

    guard = ScopeGuard(httpx.MockTransport(server), Scope(ips={"192.0.2.16"}), dry_run=False)
    with httpx.Client(transport=guard, base_url="http://x") as client:
        assert client.post("/v3/ip_pools", data={"name": "n"}).status_code == 200
        assert client.put("/v3/ip_pools/mine/ips/192.0.2.16").status_code == 200
        kept = client.delete("/v3/ip_pools/someone-elses")
    assert kept.status_code == 418 and "outside the scope" in kept.json()["message"]
    assert sent == ["POST /v3/ip_pools", "PUT /v3/ip_pools/mine/ips/192.0.2.16"]
    assert guard.blocked == [
        "DELETE /v3/ip_pools/someone-elses: DIPP someone-elses is outside the scope"
    ]


class MethodLog:
    def __init__(self) -> None:
        self.inner = build_app()
        self.requests: list[str] = []
        self.routes, self.world = self.inner.routes, self.inner.world

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.requests.append(f"{scope['method']} {scope['path']}")
        await self.inner(scope, receive, send)


@pytest.fixture
def logged() -> Iterator[tuple[RunningServer, MethodLog]]:
    log = MethodLog()
    with serve(log) as running:  # type: ignore[arg-type]
        yield running, log


def _writes(log: MethodLog) -> list[str]:
    return [r for r in log.requests if not r.startswith(("GET ", "HEAD "))]


def test_scoped_writes_stay_in_scope(
    tmp_path: Path, logged: tuple[RunningServer, MethodLog]
) -> None:
    running, log = logged
    scope = tmp_path / "scope.yaml"
    scope.write_text(SCOPE)
    args = ["check", "--base-url", running.url, "--allow-writes", "--scope", str(scope)]
    result = runner.invoke(
        app, [*args, "--seed", "3", "--profile", "quick"], env={"MGIP_API_KEY": KEY}
    )
    assert result.exit_code == 0, result.output
    writes = _writes(log)
    assert writes, "a scoped run made no write at all"
    allowed = Scope.load(scope)
    original = set(build_app().world.dipps)

    class MadeByTheRun(set[str]):
        # A DIPP that was not in the scenario can only have been created by the run itself.
        def __contains__(self, pool_id: object) -> bool:
            return pool_id not in original

    for write in writes:
        method, path = write.split(" ", 1)
        assert allowed.allows(method, path, MadeByTheRun()) is None, write


def test_a_dry_run_sends_no_write_and_prints_the_plan(
    tmp_path: Path, logged: tuple[RunningServer, MethodLog]
) -> None:
    running, log = logged
    scope = tmp_path / "scope.yaml"
    scope.write_text(SCOPE)
    args = [
        "check",
        "--base-url",
        running.url,
        "--allow-writes",
        "--scope",
        str(scope),
        "--dry-run",
    ]
    result = runner.invoke(
        app, [*args, "--seed", "3", "--profile", "quick"], env={"MGIP_API_KEY": KEY}
    )
    assert result.exit_code == 0, result.output
    assert _writes(log) == []
    assert "write(s) planned, none sent" in result.output


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--allow-writes"], "--allow-writes needs --scope FILE"),
        (["--scope", "s.yaml"], "--scope and --dry-run go with --allow-writes"),
        (["--dry-run"], "--scope and --dry-run go with --allow-writes"),
    ],
)
def test_write_flags_must_come_together(args: list[str], needle: str) -> None:
    result = runner.invoke(app, ["check", *args])
    assert result.exit_code == 2
    assert needle in result.output
