"""Writes to a real account: only with --allow-writes and a scope, never outside it; --dry-run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from mgip.cli import app
from mgip.contracts import machine, scope
from mgip.contracts.restore import Keeper
from mgip.contracts.scope import Scope, ScopeGuard
from mgip.contracts.target import Target
from mgip.core.problems import InputError
from mgip.core.spec import Spec
from mgip.server.app import build_app
from mgip.server.testing import DirectTransport, RunningServer, serve

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


# --- the guard reads every object a write names ------------------------------------------------

ACME = "5f0e0a0a0a0a0a0a0a0a0a01"
SPARE = "64f0b0b0b0b0b0b0b0b0b003"  # acme's empty DIPP in the demo scenario
FRESH_ID = "650000000000000000000005"  # fresh.acme.test


def test_the_guard_knows_every_operation_of_the_spec_and_each_of_its_fields() -> None:
    spec_routes = scope._routes()
    assert set(scope.OPERATIONS) == set(spec_routes.by_id)
    assert len(scope.OPERATIONS) == len(list(Spec.load().operations())) == 38
    for operation_id, op in spec_routes.by_id.items():
        entry = scope.OPERATIONS[operation_id]
        assert entry.read == (op.method == "GET"), operation_id
        if entry.read:
            continue
        # Every parameter and body field the spec declares for a write is judged by the table.
        assert set(entry.path) == set(op.path_names), operation_id
        assert set(entry.query) == set(op.query), operation_id
        assert set(entry.body) == set(op.body.properties() if op.body else ()), operation_id


def _guarded(sent: list[httpx.Request], allowed: Scope) -> tuple[ScopeGuard, Any]:
    from mailgun_ip_client import MailgunIp

    def server(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"message": "ok", "pool_id": "made"})

    guard = ScopeGuard(httpx.MockTransport(server), allowed, dry_run=False)
    client = MailgunIp("key", base_url="http://x", httpx_args={"transport": guard})
    return guard, client


SCOPED = Scope(ips={"192.0.2.16"}, domains={"fresh.acme.test"}, dipps={SPARE})


def test_an_out_of_scope_ip_in_a_multipart_body_is_not_sent() -> None:
    from mailgun_ip_client import ApiError
    from mailgun_ip_client.models import CreateDippForm, EditDippForm

    sent: list[httpx.Request] = []
    guard, client = _guarded(sent, SCOPED)
    with pytest.raises(ApiError) as kept:
        # The generated client sends multipart/form-data with a random boundary.
        client.dipps.create(body=CreateDippForm(name="n", description="d", ip=["192.0.2.10"]))
    assert kept.value.status_code == 418 and "IP 192.0.2.10 is outside" in kept.value.message
    with pytest.raises(ApiError):
        client.dipps.edit(SPARE, body=EditDippForm(add_ip=["192.0.2.16", "192.0.2.11"]))
    with pytest.raises(ApiError):  # a domain named by its id, which is not the scope's
        client.dipps.edit(SPARE, body=EditDippForm(link_domain=["650000000000000000000002"]))
    assert sent == []
    client.dipps.create(body=CreateDippForm(name="n", description="d", ip=["192.0.2.16"]))
    guard.domain_ids.add(FRESH_ID)
    client.dipps.edit("made", body=EditDippForm(link_domain=[FRESH_ID], remove_ip=["192.0.2.16"]))
    assert [r.headers["content-type"].split(";")[0] for r in sent] == ["multipart/form-data"] * 2
    assert guard.created == {"made"}


def test_an_out_of_scope_object_in_a_form_or_json_body_is_not_sent() -> None:
    sent: list[httpx.Request] = []
    guard, _ = _guarded(sent, SCOPED)
    with httpx.Client(transport=guard, base_url="http://x") as raw:
        form = raw.patch(f"/v3/ip_pools/{SPARE}", data={"add_ip": ["192.0.2.16", "192.0.2.12"]})
        pools = raw.post("/v3/dynamic_pools/all", data={"good_reputation": "192.0.2.16"})
        body = raw.post(f"/v3/ip_pools/{SPARE}/ips.json", json={"ips": ["192.0.2.16", "10.1.1.1"]})
        nested = raw.post(f"/v3/ip_pools/{SPARE}/ips.json", json={"ips": [["192.0.2.16"]]})
        assert raw.post(f"/v3/ip_pools/{SPARE}/ips.json", json={"ips": ["192.0.2.16"]}).is_success
    assert "IP 192.0.2.12 is outside" in form.json()["message"]
    assert "dynamic pools" in pools.json()["message"]
    assert "IP 10.1.1.1 is outside" in body.json()["message"]
    assert nested.status_code == 418
    assert len(sent) == 1


@pytest.mark.parametrize(
    ("method", "url", "allowed"),
    [
        ("DELETE", "/v3/ip_pools/made?ip=192.0.2.10", False),  # replacement IP
        ("DELETE", "/v3/ip_pools/made?ip=shared", True),  # `shared` names no IP
        ("DELETE", "/v3/ip_pools/made?pool_id=64f0b0b0b0b0b0b0b0b0b001", False),
        ("DELETE", f"/v3/ip_pools/made?pool_id={SPARE}", True),
        ("DELETE", f"/v3/ip_pools/{SPARE}", False),  # not created by the run: not undoable
        ("DELETE", "/v3/domains/fresh.acme.test/ips/ip_pool?ip=192.0.2.11", False),
        ("DELETE", "/v3/domains/fresh.acme.test/ips/ip_pool?ip=192.0.2.16", True),
        (
            "DELETE",
            "/v3/domains/fresh.acme.test/pool/ip_pool?pool_id=64f0b0b0b0b0b0b0b0b0b002",
            False,
        ),
        ("DELETE", "/v3/domains/fresh.acme.test/ips/all", True),
        ("DELETE", "/v3/domains/fresh.acme.test/ips/192.0.2.200", False),
        ("DELETE", "/v3/domains/fresh.acme.test/dynamic_pools?replacement_ip=192.0.2.13", False),
        ("DELETE", "/v3/domains/fresh.acme.test/dynamic_pools?replacement_ip=shared", True),
        ("DELETE", "/v3/domains/fresh.acme.test/dynamic_pools?replacement_pool_id=made", True),
        ("POST", "/v3/domains/fresh.acme.test/dynamic_pools?replacement_ip=192.0.2.12", False),
        ("POST", "/v3/domains/fresh.acme.test/dynamic_pools?surprise=1", False),  # unknown
        ("DELETE", "/v3/ips/192.0.2.16/domains?alternative=192.0.2.16", False),  # account-wide
        ("POST", "/v3/ips/192.0.2.16/ip_band", False),  # cannot be read back
        ("POST", "/v3/domains/all/dynamic_pools/enroll", False),
        ("DELETE", "/v1/dynamic_pools/domains/fresh.acme.test/override", True),
        ("DELETE", "/v1/dynamic_pools/domains/news.acme.test/override", False),
        ("POST", "/mgip/reset", False),  # not an operation of the spec
        ("PUT", "/v3/ip_pools", False),  # not a method of the path
    ],
)
def test_the_guard_reads_the_query_too(method: str, url: str, allowed: bool) -> None:
    sent: list[httpx.Request] = []
    guard, _ = _guarded(sent, SCOPED)
    guard.created.add("made")
    with httpx.Client(transport=guard, base_url="http://x") as raw:
        answer = raw.request(method, url)
    assert (answer.status_code != 418) is allowed, answer.json()
    assert len(sent) == int(allowed)


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data; boundary=xyz", b"--xyz\r\nContent-Disposition: form-data\r\n\r\nx"),
        ("multipart/form-data", b"--xyz\r\n"),  # no boundary
        ("application/json", b"{not json"),
        ("application/x-www-form-urlencoded", b"add_ip=%ff"),
        ("text/plain", b"add_ip=192.0.2.16"),
        ("application/json", b'["192.0.2.16"]'),
    ],
)
def test_a_body_the_guard_cannot_read_is_not_sent(content_type: str, body: bytes) -> None:
    sent: list[httpx.Request] = []
    guard, _ = _guarded(sent, SCOPED)
    with httpx.Client(transport=guard, base_url="http://x") as raw:
        answer = raw.patch(
            f"/v3/ip_pools/{SPARE}", content=body, headers={"content-type": content_type}
        )
    assert answer.status_code == 418 and sent == []


# --- what the run changes, it puts back --------------------------------------------------------


@pytest.fixture
def in_process() -> Iterator[DirectTransport]:
    """The demo scenario's reference server, reached in-process."""
    transport = DirectTransport(build_app())
    yield transport
    transport.shutdown()


def _state(transport: DirectTransport) -> dict[str, Any]:
    with httpx.Client(transport=transport, base_url="http://mgip.test") as c:
        state: dict[str, Any] = c.get("/mgip/state").json()
        return state


def _keeper(transport: DirectTransport, allowed: Scope) -> tuple[Keeper, ScopeGuard, Any]:
    from mailgun_ip_client import MailgunIp

    guard = ScopeGuard(transport, allowed, dry_run=False)
    target = Target(base_url="http://mgip.test", api_key=KEY, account_id=ACME, scope=allowed)
    keeper = Keeper.start(target, guard)
    client = MailgunIp(KEY, base_url="http://mgip.test", httpx_args={"transport": guard})
    return keeper, guard, client


def _same_but_history(before: dict[str, Any], after: dict[str, Any], domains: set[str]) -> None:
    """The states agree but for what the public API cannot undo (see the scoped-run test)."""
    new = after["history"][len(before["history"]) :]
    assert after["history"][: len(before["history"])] == before["history"]
    assert {record["domain"] for record in new} <= domains
    ignored = ("serial", "history")
    assert {k: v for k, v in after.items() if k not in ignored} == {
        k: v for k, v in before.items() if k not in ignored
    }


def test_every_kind_of_change_in_the_scope_is_put_back(in_process: DirectTransport) -> None:
    from mailgun_ip_client.models import CreateDippForm, EditDippForm, OverrideForm

    before = _state(in_process)
    allowed = Scope(
        ips={"192.0.2.16", "192.0.2.18"},
        domains={"fresh.acme.test", "mail.acme.test"},
        dipps={SPARE},
    )
    keeper, guard, client = _keeper(in_process, allowed)
    made = client.dipps.create(
        body=CreateDippForm(name="tmp", description="d", ip=["192.0.2.16"])
    ).pool_id
    client.dipps.edit(SPARE, body=EditDippForm(name="renamed", add_ip=["192.0.2.18"]))
    client.dipps.edit(made, body=EditDippForm(link_domain=[FRESH_ID]))  # fresh: 192.0.2.16
    # Unlinked from its DIPP (transactional) first: a linked domain cannot be enrolled.
    client.ips.remove_domain_ip("mail.acme.test", "ip_pool", ip_query="192.0.2.18")
    client.dynamic_pools.enroll_domain("mail.acme.test")
    client.dynamic_pools.set_override("mail.acme.test", body=OverrideForm(pool="dynamic_poor"))
    client.warmups.create("192.0.2.16")
    assert guard.sent == 7 and guard.blocked == []
    assert keeper.finish(guard.created) == []
    _same_but_history(before, _state(in_process), allowed.domains)


def test_a_domain_that_lost_its_only_ip_gets_it_back(in_process: DirectTransport) -> None:
    before = _state(in_process)
    allowed = Scope(ips={"192.0.2.16"}, domains={"fresh.acme.test"})
    keeper, guard, client = _keeper(in_process, allowed)
    client.ips.remove_domain_ip("fresh.acme.test", "all")
    assert keeper.finish(guard.created) == []
    assert any("mgip-put-back" in write for write in keeper.writes)
    _same_but_history(before, _state(in_process), allowed.domains)


def test_what_cannot_be_put_back_is_reported(in_process: DirectTransport) -> None:
    # 192.0.2.17 is warming up, at stage 3; news.acme.test has 192.0.2.16 and the shared
    # 192.0.2.200, and no operation gives a domain a dedicated and a shared IP together.
    allowed = Scope(ips={"192.0.2.16", "192.0.2.17"}, domains={"news.acme.test"})
    keeper, guard, client = _keeper(in_process, allowed)
    keeper.settle_pause = 0  # the reference server's jobs run at once: nothing to wait for
    client.warmups.cancel("192.0.2.17")
    client.ips.remove_domain_ip("news.acme.test", "192.0.2.16")
    findings = keeper.finish(guard.created)
    assert findings[0].startswith("IP 192.0.2.16 was domains=['blog.acme.test', 'fresh.acme")
    assert findings[1].startswith("domain news.acme.test was ips=['192.0.2.16', '192.0.2.200']")
    assert findings[2] == (
        "IP 192.0.2.17: its warm-up plan was cancelled; it was started again from the first stage"
    )
    assert "HTTP" in findings[3]  # the put-back's write the server refused, and why


class WriteLog:
    """The reference server, logging every write it receives: method, path, query, body, and
    the status it answered."""

    def __init__(self) -> None:
        self.inner = build_app()
        self.routes, self.world = self.inner.routes, self.inner.world
        self.writes: list[dict[str, Any]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD"):
            await self.inner(scope, receive, send)
            return
        record: dict[str, Any] = {
            "method": scope["method"],
            "path": scope["raw_path"].decode(),
            "query": scope["query_string"].decode(),
            "content_type": dict(scope["headers"]).get(b"content-type", b"").decode(),
            "body": b"",
        }
        self.writes.append(record)

        async def logged_receive() -> Any:
            message = await receive()
            record["body"] += message.get("body", b"")
            return message

        async def logged_send(message: Any) -> None:
            if message["type"] == "http.response.start":
                record["status"] = message["status"]
            await send(message)

        await self.inner(scope, logged_receive, logged_send)


def test_a_scoped_run_writes_only_in_scope_and_puts_everything_back() -> None:
    log = WriteLog()
    allowed = Scope(ips={"192.0.2.16", "192.0.2.18"}, domains={"fresh.acme.test"}, dipps={SPARE})
    with serve(log) as running:  # type: ignore[arg-type]
        before = running.control("GET", "/state").json()
        target = Target(
            base_url=running.url, api_key=KEY, account_id=ACME, scope=allowed, control=False
        )
        result = machine.run(target, seed=1, max_examples=3, steps=6)
        after = running.control("GET", "/state").json()
    assert result.error is None and result.unrestored == []
    original = {p["id"] for p in before["dipps"]}

    class MadeByTheRun(set[str]):
        # A DIPP that was not in the scenario was created by the run (or by its put-back).
        def __contains__(self, pool_id: object) -> bool:
            return pool_id not in original

    for write in log.writes:  # the run's writes and the put-back's alike
        why = allowed.allows(
            write["method"],
            write["path"],
            MadeByTheRun(),
            query=write["query"],
            content_type=write["content_type"],
            body=write["body"],
            domain_ids={FRESH_ID},
        )
        assert why is None, write
    accepted = [w for w in log.writes if 200 <= w["status"] < 300]
    assert len(accepted) > 5, "the scoped run sent (almost) no write"
    assert {w["method"] for w in accepted} >= {"POST", "DELETE"}
    # What may differ, and why:
    # - `serial`, the server's id counter: every DIPP created (and deleted) and every history
    #   record draws an id from it, and no API call gives one back;
    # - `history`: the dynamic-pool history is the account's log of what happened; the run's
    #   enrolments and overrides of the scoped domain append records to it (with the time they
    #   happened) and the API has no way to delete one. Records before the run are untouched,
    #   and the new ones concern scoped domains only.
    # Everything else (every IP, domain, DIPP, dynamic pool, warm-up, job) is as it was.
    _same_but_history(before, after, allowed.domains)
