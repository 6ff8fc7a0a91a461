"""Requests/s and latency of the reference server beside Stoplight Prism, measured with wrk.

    python bench/throughput.py [--duration 10] [--connections 1,32] [--no-prism] [--json FILE]

Both servers run the curated spec on 127.0.0.1. Two requests are measured at each connection
count: a read (GET /v3/ips) and a validated multipart write (PATCH of a DIPP, a new description
each time, so every request is a real change our server validates, applies and keeps). This is a
benchmark, not a test: it prints figures and fails only when it cannot measure.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from servers import AUTH, PRISM, SPEC, ensure_prism, free_port, process

POOL = "64f0b0b0b0b0b0b0b0b0b002"

READ = f"""
wrk.method = "GET"
wrk.headers["Authorization"] = "{AUTH}"
"""

# Each request carries a new description (thread id + counter): an unchanged edit would be
# refused by our server ("no changes"), which would measure the refusal path instead.
WRITE = f"""
local counter = 0
local thread_id = 0
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  thread_id = id or 0
end
function request()
  counter = counter + 1
  local body = "--mgipbench\\r\\n" ..
    "Content-Disposition: form-data; name=\\"description\\"\\r\\n\\r\\n" ..
    "revision " .. thread_id .. "-" .. counter .. "\\r\\n--mgipbench--\\r\\n"
  return wrk.format("PATCH", "/v3/ip_pools/{POOL}", {{
    ["Authorization"] = "{AUTH}",
    ["Content-Type"] = "multipart/form-data; boundary=mgipbench",
  }}, body)
end
"""


@dataclass
class Figure:
    target: str
    request: str
    connections: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    non_2xx: int


def to_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, script: str, connections: int, duration: int) -> tuple[float, float, float, int]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    # One wrk thread: on a two-core machine the other core belongs to the server under test.
    result = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "-s", handle.name, url],
        capture_output=True,
        text=True,
        check=True,
    )
    Path(handle.name).unlink()
    out = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = to_ms(re.search(r"\s50%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    p99 = to_ms(re.search(r"\s99%\s+(\S+)", out).group(1))  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rate, p50, p99, int(errors.group(1)) if errors else 0


def measure(target: str, base: str, connections: list[int], duration: int) -> list[Figure]:
    figures = []
    for name, path, script in (
        ("GET /v3/ips", "/v3/ips", READ),
        ("PATCH /v3/ip_pools/{id} (multipart)", f"/v3/ip_pools/{POOL}", WRITE),
    ):
        for count in connections:
            rate, p50, p99, errors = wrk(base + path, script, count, duration)
            figures.append(Figure(target, name, count, rate, p50, p99, errors))
            print(
                f"{target:<9} {name:<38} c={count:<3} {rate:>9.0f} req/s  "
                f"p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  non-2xx {errors}",
                flush=True,
            )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", default="1,32", help="comma-separated counts")
    parser.add_argument("--no-prism", action="store_true", help="measure our server only")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("bench: wrk is not installed (Debian: apt-get install wrk)")
    try:
        connections = [int(c) for c in args.connections.split(",")]
    except ValueError:
        raise SystemExit(f"bench: --connections takes numbers, not {args.connections!r}") from None
    figures: list[Figure] = []
    port = free_port()
    ours = [str(Path(sys.executable).with_name("mgip")), "mock", "--port", str(port)]
    with process(ours, f"http://127.0.0.1:{port}/mgip/health"):
        figures += measure("mgip", f"http://127.0.0.1:{port}", connections, args.duration)
    if not args.no_prism:
        ensure_prism()
        port = free_port()
        prism = [str(PRISM), "mock", str(SPEC), "-h", "127.0.0.1", "-p", str(port)]
        with process(prism, f"http://127.0.0.1:{port}/v3/ips"):
            figures += measure("prism", f"http://127.0.0.1:{port}", connections, args.duration)
        print()
        for figure in figures:
            if figure.target != "mgip":
                continue
            other = next(
                f
                for f in figures
                if f.target == "prism"
                and f.request == figure.request
                and f.connections == figure.connections
            )
            print(
                f"{figure.request:<38} c={figure.connections:<3} "
                f"mgip/prism = {figure.requests_per_second / other.requests_per_second:.1f}x"
            )
    if args.json:
        args.json.write_text(json.dumps([asdict(f) for f in figures], indent=2) + "\n")


if __name__ == "__main__":
    main()
