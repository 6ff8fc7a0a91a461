"""Start and stop the servers the benchmarks measure: our reference server and Stoplight Prism."""

from __future__ import annotations

import base64
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SPEC = ROOT / "spec" / "mailgun-ip.yaml"
PRISM = BENCH / "node_modules" / ".bin" / "prism"
KEY = "key-acme-demo-0001"  # the demo scenario's key: a mock's, never a real account's
AUTH = "Basic " + base64.b64encode(f"api:{KEY}".encode()).decode()


def machine() -> str:
    """This machine in a line: system, CPUs the process may use, their model, Python."""
    import os
    import platform

    cpus = len(os.sched_getaffinity(0))
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.system()} {platform.machine()}, {cpus} CPU(s) {model}, "
        f"Python {platform.python_version()}"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_ready(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            httpx.get(url, headers={"Authorization": AUTH}, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit(f"bench: {url} did not answer within {seconds:.0f} s")


@contextmanager
def process(
    command: list[str], ready_url: str, env: dict[str, str] | None = None
) -> Iterator[None]:
    """Run `command` until the block ends, once `ready_url` answers."""
    with tempfile.TemporaryFile() as log:
        child = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        try:
            wait_ready(ready_url)
            yield
        finally:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def ensure_prism() -> None:
    if PRISM.exists():
        return
    if shutil.which("npm") is None:
        raise SystemExit("bench: npm is needed to install Stoplight Prism (or pass --no-prism)")
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=BENCH, check=True
    )
