"""A fuzz campaign: hostile bytes at a running reference server, counting 5xx answers and hangs.

    python bench/fuzz.py [--requests 10000] [--seed 1] [--timeout 10] [--max-seconds 900]

`mgip mock --port 0` runs in a child process; every request goes over its own loopback
connection as raw bytes (no HTTP client would send most of them): random methods, the spec's
paths (and the control interface's) with mutated segments and query strings, random, oversized
and invalid headers (Authorization above all), Content-Types with odd boundaries and charsets,
bodies of random bytes, JSON nested deep or with NaN and huge numbers, broken forms and
multipart. A request with no answer within `--timeout` seconds is a hang. A benchmark, not a
test: it prints figures (requests, 5xx with the first requests that caused them, hangs, the
server's RSS before and after) and exits 1 when any request got a 5xx or hung.

The control interface gets its own attacks: `PUT /mgip/state?name=` with file paths (the
server loads bundled scenarios by name only), YAML alias bombs and anchors, scenarios nested
thousands deep or carrying NUL bytes, dates that are not dates, jobs without their arguments and
numbers that are not finite, sent as JSON, YAML and the simple content types a cross-origin page
may send.

Then Schemathesis, in negative mode (`--schemathesis-examples` per operation, 0 to skip), sends
schema-violating requests to all 38 operations with a valid key and checks that none gets a 5xx.

tests/server/test_hostile_input.py runs a sample of the raw-bytes generator in-process.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

MGIP = str(Path(sys.executable).with_name("mgip"))
KEY = "key-acme-demo-0001"  # the demo scenario's key: a mock's, never a real account's
GOOD_AUTH = b"Basic " + base64.b64encode(f"api:{KEY}".encode())
CONTROL = [
    ("GET", "/mgip/identity"),
    ("GET", "/mgip/health"),
    ("GET", "/mgip/accounts"),
    ("GET", "/mgip/state"),
    ("PUT", "/mgip/state"),
    ("POST", "/mgip/reset"),
    ("GET", "/mgip/jobs"),
    ("POST", "/mgip/jobs/settle"),
    ("PUT", "/mgip/settings"),
    ("POST", "/mgip/health-checks"),
]
BUNDLED = ["demo", "no_shared_ips", "all_ips_warming", "inherited_dipp", "nope", ""]
# Names that are paths: the server must refuse them without opening anything.
NOT_BUNDLED = [
    "/etc/passwd", "/dev/zero", "/dev/stdin", "../scenarios/demo.yaml", "scenarios/demo.yaml",
    "/proc/self/environ", ".", "demo.yaml", "%2Fetc%2Fpasswd", "demo%00", "~/.ssh/id_rsa",
]  # fmt: skip
SCENARIO = '{"version": 1, "accounts": [{"name": "a", "keys": ["key-aaaaaaaa"]}]'
ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{c}: &{c} [{','.join(['*' + chr(ord(c) - 1)] * 9)}]" for c in "bcdefghi"]
)
CONTROL_BODIES = [
    ALIAS_BOMB,
    "version: 1\naccounts: [&one {name: a, keys: [key-aaaaaaaa]}]\nx: *one\n",
    "version: 1\naccounts: " + "[" * 5000 + "]" * 5000,
    '{"version": 1, "accounts": ' + "[" * 5000 + "]" * 5000 + "}",
    "version: 1\naccounts: [{name: a\x00b, keys: [key-aaaaaaaa]}]\n",
    SCENARIO + ', "domains": [{"name": "x.test", "account": "a", "registered_at": "yesterday"}]}',
    SCENARIO + ', "domains": [{"name": "x.test", "account": "a", "registered_at": "2026-02-30"}]}',
    SCENARIO + ', "jobs": [{"id": "j1", "kind": "recheck_domain", "args": {}}]}',
    SCENARIO + ', "jobs": [{"id": "j1", "kind": "sync_dipp_domains", "args": {"pool_id": []}}]}',
    SCENARIO + ', "settings": {"delay": NaN}}',
    '{"delay": NaN}',
    '{"delay": Infinity}',
    '{"health_interval": 1e999}',
    '{"metrics": {"shop.acme.test": {"bounce_rate": NaN}}}',
    "version: 1\naccounts: [{name: a, keys: [key-aaaaaaaa]}]\nsettings: {delay: .nan}\n",
    "version: 1\naccounts:\n"
    + "".join(f"- {{name: a{i}, keys: [k-{i:08d}]}}\n" for i in range(3000)),
    "!!python/object/apply:os.system ['true']",
    '{"domain": "acme.example", "pool": "x"}',
]
RELOAD_EVERY = 50
CONTROL_TYPES = [
    b"application/json", b"application/yaml", b"text/plain", b"application/x-www-form-urlencoded",
    b"multipart/form-data; boundary=b", None,
]  # fmt: skip
METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO", "get"]
# Values that name something in the demo scenario, so that some requests get past the routing.
NAMES = ["1.2.3.4", "10.0.0.1", "127.0.0.1", "acme.example", "mg.acme.example", "pool", "all"]
SEGMENTS = [
    "%", "%f", "%ff%fe", "%e9", "%ed%a0%80", "%c3%a9", "%00", "..", "%2e%2e", "%2f", "%2F..%2F",
    "%25", "%%", "x" * 5000, "%41" * 3000, "\u00e9".encode().decode("latin-1"), "%20", "+", ";",
    "-1", "99999999999999999999999", "1e999", "NaN", "{ip}", "%7Bip%7D", "~", "%u00e9",
]  # fmt: skip
QUERY_VALUES = [
    "%", "%ff", "%e9%80", "1", "-1", "0", "1e999", "NaN", "99999999999999999999999999",
    "true", "x" * 3000, "%00", "a%20b", "%C3%A9", "[]", "{}", "", "+%2B+",
]  # fmt: skip
QUERY_KEYS = ["limit", "page", "skip", "p", "pivot", "ip", "name", "sort", "%ff", "%", "a"]
CHARSETS = ["utf-8", "UTF-8", "latin-1", "utf-16", "ascii", "nope", "\xff", ""]


@dataclass(slots=True)
class Request:
    method: str
    target: bytes  # the raw request target: path and query, percent-encoded or not
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: bytes = b""

    def wire(self) -> bytes:
        lines = [self.method.encode("latin-1") + b" " + self.target + b" HTTP/1.1"]
        lines += [name + b": " + value for name, value in self.headers]
        lines.append(b"content-length: " + str(len(self.body)).encode())
        lines.append(b"connection: close")
        return b"\r\n".join(lines) + b"\r\n\r\n" + self.body

    def shown(self, limit: int = 300) -> str:
        text = repr(self.wire())
        return text if len(text) <= limit else text[:limit] + f"... ({len(self.body)} body bytes)"


def operations() -> list[tuple[str, str]]:
    """(method, path template) for every operation of the spec and every control endpoint."""
    from mgip.core.spec import Spec

    spec = [(op.method.upper(), op.path) for op in Spec.load().operations()]
    return spec + CONTROL


def _rand_bytes(rng: random.Random, most: int) -> bytes:
    return rng.randbytes(rng.randrange(most + 1))


def _path(rng: random.Random, template: str) -> str:
    parts = []
    for literal in template.split("/")[1:]:
        part = literal
        if literal.startswith("{"):
            roll = rng.random()
            if roll < 0.5:
                part = rng.choice(NAMES)
            elif roll < 0.9:
                part = rng.choice(SEGMENTS)
            else:
                part = quote(_rand_bytes(rng, 12), safe="")
        elif rng.random() < 0.05:
            part = rng.choice(SEGMENTS)
        parts.append(part)
    path = "/" + "/".join(parts)
    if rng.random() < 0.05:
        path += rng.choice(["/", "//", "/x", "%", "?"])
    return path


def _query(rng: random.Random, path: str) -> str:
    if path.startswith("/mgip/state") and rng.random() < 0.5:
        return "name=" + rng.choice(BUNDLED + NOT_BUNDLED)
    pairs = [
        f"{rng.choice(QUERY_KEYS)}={rng.choice(QUERY_VALUES)}" for _ in range(rng.randrange(1, 4))
    ]
    if rng.random() < 0.1:
        pairs.append(rng.choice(["%", "=", "&&", "a", "%ff=%fe", "=%"]))
    query = "&".join(pairs)
    if "name=" in query and path.startswith("/mgip"):
        query = query.replace("name=", "nome=")
    return query


def _authorization(rng: random.Random) -> bytes | None:
    choices: list[Callable[[], bytes | None]] = [
        lambda: GOOD_AUTH,
        lambda: GOOD_AUTH,
        lambda: GOOD_AUTH,
        lambda: None,
        lambda: b"Basic " + _rand_bytes(rng, 40).replace(b"\r", b"").replace(b"\n", b""),
        lambda: b"Basic " + bytes(rng.randrange(128, 256) for _ in range(rng.randrange(1, 20))),
        lambda: b"Basic " + base64.b64encode(b"api:" + _rand_bytes(rng, 20)),
        lambda: b"Basic " + base64.b64encode(_rand_bytes(rng, 30)),
        lambda: b"Basic " + base64.b64encode(b"api:" + KEY.encode())[:-2],
        lambda: b"Basic " + base64.b64encode(f"api:{KEY}".encode()) + b"\xe9",
        lambda: b"Basic",
        lambda: b"basic  " + base64.b64encode(f"api:{KEY}".encode()),
        lambda: b"Bearer " + KEY.encode(),
        lambda: b"Basic " + b"A" * rng.choice([100, 5000, 20000]),
        lambda: b"\xff\xfe Basic",
    ]
    value = rng.choice(choices)()
    return value.replace(b"\r", b"").replace(b"\n", b"") if value is not None else None


def _json_body(rng: random.Random) -> bytes:
    depth = rng.choice([2, 31, 33, 256, 257, 300, 1000, 5000, 100_000])
    choices: list[Callable[[], str]] = [
        lambda: "[" * depth + "]" * depth,
        lambda: '{"a":' * depth + "1" + "}" * depth,
        lambda: '{"ips": [NaN]}',
        lambda: '{"ips": [Infinity, -Infinity]}',
        lambda: '{"ip": 1e999}',
        lambda: '{"ip": ' + "9" * rng.choice([20, 4300, 5000]) + "}",
        lambda: '{"ip": "1.2.3.4", "ip": "1.2.3.5"}',
        lambda: '{"ips": ["1.2.3.4"], "ips": 3}',
        lambda: '{"ips": ["\\ud800"]}',
        lambda: '{"name": "\\u0000", "description": "' + "x" * 10000 + '"}',
        lambda: json.dumps({"ips": [rng.choice(NAMES)], "name": "p", "description": "d"}),
        lambda: "[]",
        lambda: "null",
        lambda: "",
        lambda: '{"a": 1',
    ]
    text = rng.choice(choices)()
    raw = text.encode("utf-8", "surrogatepass")
    roll = rng.random()
    if roll < 0.05:
        return b"\xef\xbb\xbf" + raw
    if roll < 0.1:
        return text.encode("utf-16")
    if roll < 0.15:
        return raw + b"\xff\xfe"
    return raw


def _form_body(rng: random.Random) -> bytes:
    choices: list[Callable[[], bytes]] = [
        lambda: b"ip=1.2.3.4&name=p&description=d",
        lambda: b"ip=%ff%fe",
        lambda: b"name=%",
        lambda: b"name=%e9&description=%ed%a0%80",
        lambda: b"\xff\xfe=\x00",
        lambda: b"a=1&" * rng.choice([10, 1000, 5000]),
        lambda: b"ip=" + b"9" * 5000,
        lambda: b"ips=1.2.3.4&ips=%zz&ips=",
        lambda: b"=&=&&&=",
        lambda: _rand_bytes(rng, 200),
    ]
    return rng.choice(choices)()


def _part(boundary: bytes, name: bytes, value: bytes, extra: bytes = b"") -> bytes:
    return (
        b"--" + boundary + b'\r\nContent-Disposition: form-data; name="' + name + b'"' + extra
        + b"\r\n\r\n" + value + b"\r\n"
    )  # fmt: skip


def _multipart(rng: random.Random) -> tuple[bytes, bytes]:
    boundary = rng.choice(
        [
            b"b",
            b"x" * 70,
            b"y" * 256,
            b"z" * 257,
            b"w" * rng.choice([300, 1000, 4000]),
            b"",
            b'"quoted boundary"',
            b"\xe9\xff",
            b"--",
            b"a;b=c",
        ]
    )
    charset = rng.choice(["", "; charset=" + rng.choice(CHARSETS)]).encode("latin-1")
    content_type = b"multipart/form-data; boundary=" + boundary + charset
    if rng.random() < 0.05:
        content_type = b"multipart/form-data"
    real = boundary.strip(b'"')
    parts: list[Callable[[], bytes]] = [
        lambda: _part(real, b"ip", b"1.2.3.4") + _part(real, b"name", b"p"),
        lambda: _part(real, b"name", b"\xff\xfe\xe9"),
        lambda: _part(real, b"\xff", b"x"),
        lambda: _part(real, b"ip", b"x", b'; filename="a.txt"'),
        lambda: b"--" + real + b"\r\nContent-Type: text/plain\r\n\r\nx\r\n",
        lambda: b"".join(_part(real, b"ips", b"1.2.3.4") for _ in range(rng.choice([3, 1001]))),
        lambda: _rand_bytes(rng, 300),
        lambda: b"--" + real + b"\r\n" + b"X" * 5000,
    ]
    body = rng.choice(parts)()
    if rng.random() < 0.8:
        body += b"--" + real + b"--\r\n"
    return content_type, body


def _clean(value: bytes) -> bytes:
    """A header value a server can still split into lines (no CR, LF or NUL)."""
    return value.replace(b"\r", b"").replace(b"\n", b"").replace(b"\x00", b"")


def hostile(rng: random.Random, targets: list[tuple[str, str]]) -> Request:
    """One request meant to break something: its method, path, headers or body."""
    method, template = rng.choice(targets)
    if rng.random() < 0.1:
        method = rng.choice(METHODS)
    path = _path(rng, template)
    target = path.encode("latin-1", "replace")
    if rng.random() < 0.4:
        target += b"?" + _query(rng, path).encode("latin-1", "replace")
    # Mostly a Host the server answers for (`mgip.test` is one in-process and served alike), so
    # the rest of the request reaches a handler; sometimes one it must refuse.
    host = b"mgip.test"
    if rng.random() < 0.15:
        host = rng.choice([b"127.0.0.1", b"attacker.example", b"\xe9.example", b"a" * 300])
    headers = [(b"host", host)]
    auth = _authorization(rng)
    if auth is not None:
        headers.append((b"authorization", auth))
    if rng.random() < 0.2:
        headers.append((b"x-mailgun-account-id", _clean(_rand_bytes(rng, 30))))
    if rng.random() < 0.1:
        headers.append((b"x-mailgun-requestor", _clean(_rand_bytes(rng, 30))))
    if rng.random() < 0.05:
        headers.append((b"x-junk", b"v" * rng.choice([100, 8000, 70000])))
    if rng.random() < 0.05:
        headers += [(b"x-many-%d" % i, b"1") for i in range(rng.choice([50, 500]))]
    kind = rng.choice(["json", "form", "multipart", "bytes", "none", "json", "multipart"])
    if path.startswith("/mgip") and rng.random() < 0.5:
        kind = "control"
    body = b""
    content_type: bytes | None = None
    if kind == "json":
        content_type = rng.choice(
            [b"application/json", b"application/json; charset=utf-8", b"APPLICATION/JSON"]
        )
        body = _json_body(rng)
    elif kind == "form":
        content_type = b"application/x-www-form-urlencoded" + rng.choice(
            [b"", b"; charset=latin-1", b"; charset=\xff"]
        )
        body = _form_body(rng)
    elif kind == "multipart":
        content_type, body = _multipart(rng)
    elif kind == "bytes":
        content_type = rng.choice(
            [b"text/plain", b"application/octet-stream", b"\x01/\x02", b";;;", b"", None]
        )
        body = _rand_bytes(rng, 400)
    elif kind == "control":
        content_type = rng.choice(CONTROL_TYPES)
        body = rng.choice(CONTROL_BODIES).encode("utf-8", "surrogatepass")
    if rng.random() < 0.002:
        body = b"{" + b" " * (1 << 20)  # past the server's cap
    if content_type is not None:
        headers.append((b"content-type", _clean(content_type)))
    rng.shuffle(headers)
    return Request(method, target, headers, body)


def campaign(seed: int, count: int) -> list[Request]:
    rng = random.Random(seed)
    targets = operations()
    return [hostile(rng, targets) for _ in range(count)]


# --- in-process (the test's way) ------------------------------------------------------------


async def call_app(app: Any, request: Request) -> tuple[int, bytes]:
    """Send one request to an ASGI app directly, as uvicorn would hand it over."""
    raw_path, _, query = request.target.partition(b"?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": request.method,
        "scheme": "http",
        "path": unquote(raw_path.decode("latin-1")),
        "raw_path": raw_path,
        "query_string": query,
        "root_path": "",
        "headers": [(name.lower(), value) for name, value in request.headers],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
    }
    sent = False
    answer: dict[str, Any] = {"status": 0, "body": b""}

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": request.body, "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
        elif message["type"] == "http.response.body":
            answer["body"] += message.get("body", b"")

    await app(scope, receive, send)
    return int(answer["status"]), bytes(answer["body"])


# --- over loopback (the campaign's way) -----------------------------------------------------

STATUS = re.compile(rb"^HTTP/1\.[01] (\d{3})")


def send_raw(port: int, request: Request, timeout: float) -> tuple[int | None, bytes]:
    """The status (None: the connection closed with no answer) and the answer's bytes.

    Raises TimeoutError when the server keeps the connection open without answering.
    """
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            sock.sendall(request.wire())  # a server that refuses early has still said why
        chunks = []
        deadline = time.monotonic() + timeout
        while True:
            if time.monotonic() > deadline:
                raise TimeoutError
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    data = b"".join(chunks)
    found = STATUS.match(data)
    return (int(found.group(1)) if found else None), data


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def start_server(log: Any) -> tuple[subprocess.Popen[str], int]:
    child = subprocess.Popen(
        [MGIP, "mock", "--port", "0", "--host", "127.0.0.1"],
        stdout=subprocess.PIPE,
        stderr=log,  # a file, not a pipe: tracebacks must never fill a buffer and stall it
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},  # the banner names the port: read it now
    )
    assert child.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        found = re.search(r"http://127\.0\.0\.1:(\d+)", line)
        if found:
            return child, int(found.group(1))
    child.kill()
    raise SystemExit("fuzz: mgip mock did not start")


@dataclass(slots=True)
class Outcome:
    """What one part of the campaign sent and got."""

    sent: int = 0
    wall: float = 0.0
    statuses: Counter[int | None] = field(default_factory=Counter)
    failures: list[tuple[int, Request]] = field(default_factory=list)
    hangs: list[Request] = field(default_factory=list)
    notes: str = ""


@dataclass(slots=True)
class Campaign:
    raw: Outcome
    schemathesis: Outcome
    rss: tuple[int, int] = (0, 0)  # KiB, before the first request and after the last
    stderr: str = ""  # the server's


def load_demo(port: int, timeout: float) -> None:
    """Load the demo scenario again: the campaign loads others, whose keys are not `KEY`."""
    demo = Request(
        "PUT",
        b"/mgip/state?name=demo",
        [(b"host", b"mgip.test"), (b"content-type", b"application/json")],
    )
    status, answer = send_raw(port, demo, timeout)
    if status != 200:
        raise SystemExit(f"fuzz: could not load the demo scenario: {answer[:300]!r}")


def send_all(port: int, requests: list[Request], timeout: float, max_seconds: float) -> Outcome:
    """Send `requests`, one connection each, until `max_seconds` have passed. Every
    `RELOAD_EVERY` requests the demo scenario is loaded again (not counted)."""
    outcome = Outcome()
    started = time.monotonic()
    for index, request in enumerate(requests):
        if time.monotonic() - started > max_seconds:
            break
        if index and index % RELOAD_EVERY == 0:
            load_demo(port, timeout)
        outcome.sent += 1
        try:
            status, _ = send_raw(port, request, timeout)
        except TimeoutError:
            outcome.hangs.append(request)
            continue
        except ConnectionRefusedError:
            raise SystemExit(f"fuzz: the server stopped after {outcome.sent}") from None
        outcome.statuses[status] += 1
        if status is not None and status >= 500:
            outcome.failures.append((status, request))
    outcome.wall = time.monotonic() - started
    return outcome


def run(requests: list[Request], args: argparse.Namespace) -> Campaign:
    """Both parts against one fresh `mgip mock`, which is stopped at the end."""
    with tempfile.TemporaryFile(mode="w+") as log:
        child, port = start_server(log)
        try:
            time.sleep(0.5)
            before = rss_kib(child.pid)
            raw = send_all(port, requests, args.timeout, args.max_seconds)
            negative = Outcome()
            if args.schemathesis_examples > 0:
                load_demo(port, args.timeout)
                negative = schemathesis_negative(
                    port, args.seed, args.schemathesis_examples, args.timeout
                )
            result = Campaign(raw, negative, (before, rss_kib(child.pid)))
        finally:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
            log.seek(0)
            stderr = log.read()
    result.stderr = stderr
    return result


def schemathesis_negative(port: int, seed: int, examples: int, timeout: float) -> Outcome:
    """Schemathesis's examples, coverage and fuzzing phases in negative mode against the served
    mock, with the demo key: statuses per request, and the requests that got a 5xx."""
    import schemathesis
    from schemathesis.config import SchemathesisConfig
    from schemathesis.engine import events, from_schema

    from mgip.core.spec import Spec

    text = "\n".join(
        [
            f"seed = {seed}",
            f"request-timeout = {timeout}",
            "[generation]",
            'mode = "negative"',
            f"max-examples = {examples}",
            'database = "none"',
            # The valid key on every request, so that the broken data reaches the handlers.
            "with-security-parameters = false",
            "[phases.stateful]",
            "enabled = false",
            "[checks]",
            "enabled = false",
            "not_a_server_error.enabled = true",
        ]
    )
    schema: Any = schemathesis.openapi.from_dict(
        Spec.load().data, config=SchemathesisConfig.from_str(text + "\n")
    )
    schema.config.update(
        base_url=f"http://127.0.0.1:{port}", basic_auth=("api", KEY), max_redirects=0
    )
    outcome = Outcome()
    started = time.monotonic()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            for interaction in event.recorder.interactions.values():
                response = interaction.response
                status = response.status_code if response is not None else None
                outcome.sent += 1
                outcome.statuses[status] += 1
                if status is None:
                    outcome.hangs.append(_as_request(interaction.request))
                elif status >= 500:
                    outcome.failures.append((status, _as_request(interaction.request)))
        elif isinstance(event, events.NonFatalError | events.FatalError):
            message = getattr(getattr(event, "info", None), "message", None) or str(
                getattr(event, "exception", event)
            )
            outcome.notes += f"schemathesis: {message}\n"
    outcome.wall = time.monotonic() - started
    return outcome


def _as_request(sent: Any) -> Request:
    """A Schemathesis request, shown as the raw-bytes campaign shows its own."""
    body = sent.body if isinstance(sent.body, bytes) else str(sent.body or "").encode()
    headers = [
        (name.encode("latin-1", "replace"), ", ".join(values).encode("latin-1", "replace"))
        for name, values in sent.headers.items()
    ]
    target = sent.uri.split("//", 1)[-1].partition("/")[2]
    return Request(sent.method, b"/" + target.encode("latin-1", "replace"), headers, body)


def report(name: str, out: Outcome, args: argparse.Namespace) -> None:
    print(f"{name}: {out.sent} requests in {out.wall:.1f} s")
    shown = ", ".join(f"{s or 'no answer'}: {n}" for s, n in sorted(out.statuses.items(), key=str))
    print(f"  statuses: {shown}")
    control = sum(1 for _, r in out.failures if r.target.startswith(b"/mgip"))
    print(f"  5xx: {len(out.failures)} ({control} of them from /mgip/*)")
    print(f"  hangs (no answer within {args.timeout:g} s): {len(out.hangs)}")
    for status, request in out.failures[: args.show]:
        print(f"  {status} for {request.shown()}")
    for request in out.hangs[: args.show]:
        print(f"  hang for {request.shown()}")
    for line in out.notes.splitlines()[: args.show]:
        print(f"  {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000, help="raw requests to send")
    parser.add_argument("--seed", type=int, default=1, help="the generators' seed")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a hang")
    parser.add_argument(
        "--max-seconds", type=float, default=900.0, help="stop sending raw requests after"
    )
    parser.add_argument(
        "--schemathesis-examples",
        type=int,
        default=100,
        help="negative examples per operation and phase (0: no Schemathesis part)",
    )
    parser.add_argument("--show", type=int, default=5, help="how many 5xx requests to print")
    args = parser.parse_args()
    if args.requests < 0 or args.schemathesis_examples < 0 or args.timeout <= 0:
        parser.error("--requests and --schemathesis-examples take 0 or more, --timeout above 0")

    result = run(campaign(args.seed, args.requests), args)
    print(f"fuzz: seed {args.seed}, one mgip mock on loopback")
    report("raw bytes", result.raw, args)
    if args.schemathesis_examples:
        report("schemathesis, negative mode", result.schemathesis, args)
    parts = (result.raw, result.schemathesis)
    failures = sum(len(p.failures) for p in parts)
    hangs = sum(len(p.hangs) for p in parts)
    print(f"total: {sum(p.sent for p in parts)} requests, {failures} 5xx, {hangs} hangs")
    print(f"  tracebacks on the server's stderr: {result.stderr.count('Traceback')}")
    before, after = result.rss
    print(f"  server RSS: {before / 1024:.1f} MiB before, {after / 1024:.1f} MiB after")
    if failures or hangs or "Traceback" in result.stderr:
        sys.exit(1)


if __name__ == "__main__":
    main()
