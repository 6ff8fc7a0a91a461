"""`mgip mock` as a process: its banner, its errors, and a state file that survives kill -9."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

MGIP = str(Path(sys.executable).with_name("mgip"))
MARKETING = "64f0b0b0b0b0b0b0b0b0b002"
AUTH = ("api", "key-acme-demo-0001")


@contextmanager
def mock_process(*args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    process = subprocess.Popen(
        [MGIP, "mock", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = ""
        deadline = time.monotonic() + 30
        while not url and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            found = re.search(r"on (http://127\.0\.0\.1:\d+)", line)
            url = found.group(1) if found else ""
        assert url, f"no URL printed; stderr: {process.stderr.read() if process.stderr else ''}"
        yield process, url
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def test_mock_prints_url_and_keys_and_serves(tmp_path: Path) -> None:
    with mock_process() as (_, url):
        response = httpx.get(f"{url}/v3/ips", auth=AUTH)
        assert response.status_code == 200
        assert "192.0.2.10" in response.json()["items"]
        assert httpx.get(f"{url}/mgip/health").json()["status"] == "ok"


def test_lenient_mock_ignores_unknown_fields() -> None:
    sdk_style = {"name": "tx", "description": "Receipts", "ips": "192.0.2.16"}  # `ip`, documented
    with mock_process() as (_, url):
        refused = httpx.post(f"{url}/v3/ip_pools", data=sdk_style, auth=AUTH)
        assert refused.status_code == 400
        assert "did you mean 'ip'?" in refused.json()["message"]
    with mock_process("--lenient") as (process, url):
        assert process.stdout is not None
        assert "unknown fields: ignored (--lenient)" in process.stdout.readline()
        assert httpx.post(f"{url}/v3/ip_pools", data=sdk_style, auth=AUTH).status_code == 200
        settings = httpx.get(f"{url}/mgip/state").json()["settings"]
        assert settings["unknown_fields"] == "ignore"


def test_acknowledged_writes_survive_kill_9(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with mock_process("--state", str(state)) as (process, url):
        for index in range(20):
            answer = httpx.patch(
                f"{url}/v3/ip_pools/{MARKETING}",
                files={"description": (None, f"revision {index}")},
                auth=AUTH,
            )
            assert answer.status_code == 200
        created = httpx.post(
            f"{url}/v3/ip_pools", data={"name": "kept", "description": "after a crash"}, auth=AUTH
        ).json()["pool_id"]
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    json.loads(state.read_text())  # never torn
    assert not list(tmp_path.glob(".*.tmp"))
    with mock_process("--state", str(state)) as (_, url):
        details = httpx.get(f"{url}/v3/ip_pools/{MARKETING}", auth=AUTH).json()["details"]
        assert details["description"] == "revision 19"
        assert httpx.get(f"{url}/v3/ip_pools/{created}", auth=AUTH).status_code == 200


def test_a_busy_port_is_a_clear_error() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [MGIP, "mock", "--port", str(port)],
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--scenario", "nowhere"], "no such scenario file"),
        (["--jobs", "later"], "--jobs must be"),
        (["--port", "70000"], "70000"),
    ],
)
def test_bad_flags_are_clear_errors(args: list[str], needle: str) -> None:
    result = subprocess.run(
        [MGIP, "mock", *args], check=False, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_scenario_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("version: 1\naccounts:\n  - {name: a, keys: [short]}\n")
    result = subprocess.run(
        [MGIP, "mock", "--scenario", str(path)],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert f"{path}:3:" in result.stderr
