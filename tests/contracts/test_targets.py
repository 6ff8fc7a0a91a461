"""`mgip check` against a server at a URL: reachability, the key, read-only safety, redaction."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mgip.cli import app
from mgip.server.app import ReferenceApp, build_app
from mgip.server.testing import RunningServer, serve

runner = CliRunner()
KEY = "key-acme-demo-0001"


class MethodLog:
    """An ASGI wrapper that records the method of every request the app receives."""

    def __init__(self, inner: ReferenceApp) -> None:
        self.inner = inner
        self.methods: list[str] = []
        # serve() reads these from the app it runs.
        self.routes = inner.routes
        self.world = inner.world

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.methods.append(scope["method"])
        await self.inner(scope, receive, send)


@pytest.fixture
def logged_server() -> Iterator[tuple[RunningServer, MethodLog]]:
    logged = MethodLog(build_app())
    with serve(logged) as running:  # type: ignore[arg-type]
        yield running, logged


def test_a_server_that_does_not_say_it_is_mgips_gets_reads_only() -> None:
    # A loopback address proves nothing (a tunnel to a real account looks the same): without
    # the reference server's identity answer, the run sends reads only.
    logged = MethodLog(build_app(control=False))
    with serve(logged) as running:  # type: ignore[arg-type]
        args = ["check", "--base-url", running.url, "--seed", "3", "--profile", "quick"]
        result = runner.invoke(app, args, env={"MGIP_API_KEY": KEY})
    assert "(read-only)" in result.output, result.output
    assert logged.methods, "the run sent nothing"
    assert set(logged.methods) <= {"GET"}


def test_a_read_only_run_sends_no_write(logged_server: tuple[RunningServer, MethodLog]) -> None:
    running, logged = logged_server
    before = running.app.world.dipps.keys()
    args = ["check", "--base-url", running.url, "--read-only", "--seed", "2", "--max-examples", "3"]
    result = runner.invoke(app, args, env={"MGIP_API_KEY": KEY})
    assert result.exit_code == 0, result.output
    assert "(read-only)" in result.output
    assert logged.methods, "the run sent nothing"
    assert set(logged.methods) <= {"GET"}
    assert running.app.world.dipps.keys() == before


def test_a_loopback_server_gets_the_full_run(
    logged_server: tuple[RunningServer, MethodLog],
) -> None:
    running, logged = logged_server
    args = [
        "check",
        "--base-url",
        running.url,
        "--api-key",
        KEY,
        "--seed",
        "4",
        "--max-examples",
        "3",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert {"POST", "PATCH", "DELETE", "PUT"} <= set(logged.methods)


def test_the_key_never_appears_in_the_output(
    logged_server: tuple[RunningServer, MethodLog],
) -> None:
    running, _ = logged_server
    args = ["check", "--base-url", running.url, "--seed", "1", "--max-examples", "2"]
    result = runner.invoke(app, args, env={"MGIP_API_KEY": KEY})
    assert KEY not in result.output
    assert "a2V5LWFjbWUtZGVtby0wMDAx" not in result.output  # base64 of the key


def test_an_unreachable_target_is_a_clear_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = runner.invoke(
        app, ["check", "--base-url", f"http://127.0.0.1:{port}"], env={"MGIP_API_KEY": KEY}
    )
    assert result.exit_code == 2
    assert f"cannot reach http://127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "env", "needle"),
    [
        (["--base-url", "ftp://example.test"], {"MGIP_API_KEY": KEY}, "must be an http(s) URL"),
        (["--base-url", "http://127.0.0.1:9"], {"MGIP_API_KEY": ""}, "an API key is needed"),
        # Refused before anything is sent: the target is unreachable, and not said to be.
        (["--base-url", "http://127.0.0.1:9"], {"MGIP_API_KEY": "k"}, "the API key is 1 char"),
        (["--base-url", "http://127.0.0.1:9"], {"MGIP_API_KEY": "key-1234"}, "cannot reach"),
        (
            ["--base-url", "http://127.0.0.1:9"],
            {"MGIP_API_KEY": KEY, "MGIP_CONTROL_TOKEN": "tok"},
            "MGIP_CONTROL_TOKEN is 3 character(s) long; mgip takes 8 or more",
        ),
    ],
)
def test_bad_target_flags(args: list[str], env: dict[str, str], needle: str) -> None:
    result = runner.invoke(app, ["check", *args], env=env)
    assert result.exit_code == 2
    assert needle in result.output


def test_a_refused_key_is_a_clear_error(logged_server: tuple[RunningServer, MethodLog]) -> None:
    running, _ = logged_server
    result = runner.invoke(
        app, ["check", "--base-url", running.url, "--api-key", "key-not-valid-000"]
    )
    assert result.exit_code == 2
    assert "refused the API key" in result.output
    assert "key-not-valid-000" not in result.output


def _statuses(report: Path) -> dict[str, str]:
    """Each rule's verdict, from a run's JSON report."""
    return {rule["id"]: rule["status"] for rule in json.loads(report.read_text())["rules"]}


def test_a_separate_mock_gets_the_verdicts_of_the_embedded_run(
    logged_server: tuple[RunningServer, MethodLog], tmp_path: Path
) -> None:
    running, _ = logged_server
    common = ["check", "--seed", "6", "--profile", "quick", "--json"]
    embedded = runner.invoke(app, [*common, str(tmp_path / "embedded.json")])
    remote = ["--base-url", running.url, "--api-key", KEY]
    over_loopback = runner.invoke(app, [*common, str(tmp_path / "loopback.json"), *remote])
    assert embedded.exit_code == over_loopback.exit_code == 0, over_loopback.output
    found = _statuses(tmp_path / "embedded.json")
    assert found == _statuses(tmp_path / "loopback.json")
    assert list(found.values()).count("passed") > 100


def test_redaction_replaces_the_whole_key_in_every_form_it_is_sent_in_and_nothing_else() -> None:
    import base64
    from urllib.parse import quote

    from mgip.contracts.target import Target

    key = "chec+k/12="  # a key whose URL-encoded forms differ from it
    target = Target(base_url="http://x", api_key=key, control_token="control-token-1")
    basic = base64.b64encode(f"api:{key}".encode()).decode()
    text = (
        f"curl -u api:{key} -H 'Authorization: Basic {basic}' 'http://x/v3?k={quote(key, safe='')}'"
        " -H 'X-Mgip-Control-Token: control-token-1'"
    )
    assert target.redact(text) == (
        "curl -u api:[REDACTED] -H 'Authorization: Basic [REDACTED]' 'http://x/v3?k=[REDACTED]'"
        " -H 'X-Mgip-Control-Token: [REDACTED]'"
    )
    # Inside a longer word it is not the secret: words stay whole.
    word = Target(base_url="http://x", api_key="abcdefgh")
    assert word.redact("# mgip check xabcdefgh abcdefghx abcdefgh.") == (
        "# mgip check xabcdefgh abcdefghx [REDACTED]."
    )


def test_a_key_too_short_to_redact_safely_is_refused() -> None:
    from mgip.contracts.target import MIN_SECRET, check_secret
    from mgip.core.problems import InputError

    check_secret("k" * MIN_SECRET, "the API key")
    with pytest.raises(
        InputError, match=f"the API key is 7 character.s. long; mgip takes {MIN_SECRET}"
    ):
        check_secret("k" * 7, "the API key")
