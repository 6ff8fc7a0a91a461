"""The ASGI application: routing, authentication, validation, handlers, jobs and the state file.

A request goes through, in order: due background jobs; the route (404 outside the spec, 405 for
another method); HTTP basic auth (401); the fields the operation does not declare (400, unless the
settings say to ignore them) and the spec's parameter and body schemas (400); the operation's
handler, which enforces the rule catalogue (400/403/404) or answers 200. A write that was
answered 2xx is in the state file before the answer leaves.
"""

from __future__ import annotations

import base64
import binascii
import copy
import json
import sys
import time
import traceback
from collections.abc import Awaitable, Callable, MutableMapping
from contextlib import AbstractContextManager, nullcontext
from functools import cache
from pathlib import Path
from typing import Any

from mgip.server import control, health, hosts, jobs, scenario
from mgip.server.forms import MultipartError, multipart_pairs
from mgip.server.model import UNKNOWN_FIELDS, Account, World
from mgip.server.mutants import Active, Mutant
from mgip.server.operations import HANDLERS, Call
from mgip.server.refusals import Refusal
from mgip.server.state_file import StateFile
from mgip.server.validation import (
    FORM,
    FORM_TYPES,
    JSON_BODY,
    Invalid,
    Match,
    Operation,
    Routes,
    media_type,
    refuse_unknown,
)
from mgip.server.validation import form_values as validate_form
from mgip.server.validation import json_value as validate_json
from mgip.server.validation import query_values as validate_query

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

MAX_BODY = 1 << 20
JSON_HEADERS = [(b"content-type", b"application/json")]


@cache
def default_routes() -> Routes:
    from mgip.core.spec import Spec

    return Routes(Spec.load())


class ReferenceApp:
    """One reference server: a `World`, the spec's routes, and optionally a state file."""

    def __init__(
        self,
        world: World,
        *,
        routes: Routes | None = None,
        state_file: StateFile | None = None,
        reset_to: dict[str, Any] | None = None,
        mutant: Mutant | None = None,
        control: bool = True,
    ) -> None:
        self.world = world
        # Set when served on a socket (serving.run, testing.serve): the Host headers it answers
        # (mgip.server.hosts), and the control token required beyond loopback.
        self.allowed_hosts: frozenset[str] | None = None
        self.control_token: str | None = None
        # Without the control interface the server is a plain API server: /mgip/ is unknown.
        self.control = control
        # A mutant (a deliberately broken server) swaps handlers and helpers; see mutants/.
        self.mutant = mutant
        self._active = Active(mutant, HANDLERS) if mutant is not None else None
        self.handlers = self._active.handlers if self._active is not None else HANDLERS
        self.routes = routes or default_routes()
        self.state_file = state_file
        # What POST /mgip/reset returns to: the scenario loaded last.
        self.reset_to = reset_to if reset_to is not None else scenario.export(world)
        self._pristine: tuple[dict[str, Any], World] | None = None  # see `reset`
        if self.state_file is not None:
            self.state_file.save(world)

    # --- ASGI -----------------------------------------------------------------------------------
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        try:
            body = await _read_body(receive)
        except _TooLarge:
            body = None
        status, payload, extra = self.respond(scope, body)
        await _send(send, status, payload, extra)
        self.after_answer(scope)

    def respond(
        self, scope: Scope, body: bytes | None
    ) -> tuple[int, Any, list[tuple[bytes, bytes]]]:
        """The answer to one HTTP request (`scope` as ASGI gives it; `body` None when it was
        past the size cap), computed synchronously: the ASGI entry point and the in-process
        transport (`testing.DirectTransport`) both come here."""
        raw_path = scope.get("raw_path") or scope["path"].encode()
        path = raw_path.decode("utf-8", "replace")
        if self.allowed_hosts is not None:
            refused = hosts.refusal(self.allowed_hosts, _host(scope))
            if refused is not None:
                return 421, {"message": refused}, []
        if body is None:
            return 400, {"message": f"the request body exceeds {MAX_BODY} bytes"}, []
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if self._is_control(path):
            with self._mutation():
                status, payload = control.handle(
                    self, scope["method"], path, scope.get("query_string", b""), body, headers
                )
            if scope["method"] != "GET":
                self._persist()
            return status, payload, []
        return self.answer(scope, path, body, headers)

    def after_answer(self, scope: Scope) -> None:
        """After an API answer has left: "immediate" jobs run now, not before it."""
        raw_path = scope.get("raw_path") or scope["path"].encode()
        if self._is_control(raw_path.decode("utf-8", "replace")):
            return
        immediate = self.world.settings.jobs == "immediate" and self.world.jobs
        if immediate:
            with self._mutation():
                if jobs.run_due(self.world):
                    self._persist()

    def answer(
        self, scope: Scope, path: str, body: bytes, headers: dict[str, str]
    ) -> tuple[int, Any, list[tuple[bytes, bytes]]]:
        with self._mutation():
            if jobs.run_due(self.world) or health.periodic(self.world, time.time()):
                self._persist()
        method = scope["method"]
        found = self.routes.match(method, path)
        if found is None:
            return 404, {"message": f"no operation at {method} {path}"}, []
        if isinstance(found, list):
            allow = ", ".join(found).encode()
            return 405, {"message": f"{method} is not allowed here"}, [(b"allow", allow)]
        account = self.authenticate(headers)
        if isinstance(account, Refusal) and self._skips_auth(found.operation.operation_id):
            account = next(iter(self.world.accounts.values()))
        if isinstance(account, Refusal):
            return 401, account.body(), [(b"www-authenticate", b'Basic realm="MG API"')]
        try:
            with self._mutation():
                call = self.prepare(scope, found, account, body, headers)
        except Invalid as exc:
            return 400, {"message": "; ".join(exc.problems), "errors": exc.problems}, []
        except Refusal as refusal:  # a field the operation does not declare
            return refusal.status, refusal.body(), []
        try:
            with self._mutation():
                payload = self.handlers[found.operation.operation_id](call)
        except Refusal as refusal:
            return refusal.status, refusal.body(), []
        except Exception as exc:  # a bug of ours: say so, and keep serving
            traceback.print_exc(file=sys.stderr)
            return 500, {"message": f"reference server error: {type(exc).__name__}: {exc}"}, []
        if method != "GET":
            self._persist()
        return 200, payload, []

    def authenticate(self, headers: dict[str, str]) -> Account | Refusal:
        value = headers.get("authorization", "")
        scheme, _, encoded = value.partition(" ")
        if scheme.lower() != "basic":
            return Refusal(401, "Invalid private key")
        try:
            # Header values arrive as latin-1 text: anything but base64's ASCII is refused, as
            # is a payload that is not UTF-8.
            raw = base64.b64decode(encoded.encode("ascii"), validate=True)
            user, _, key = raw.decode("utf-8").partition(":")
        except (binascii.Error, UnicodeError):
            return Refusal(401, "Invalid private key: the credentials are not base64 of UTF-8")
        account = self.world.account_for_key(key) if user == "api" else None
        if account is None:
            return Refusal(401, "Invalid private key")
        acting_for = headers.get("x-mailgun-account-id")
        if acting_for and acting_for != account.id:
            subs = {a.id: a for a in self.world.subaccounts(account)}
            if acting_for not in subs:
                return Refusal(401, f"this key cannot act for account {acting_for!r}")
            return subs[acting_for]
        return account

    def prepare(
        self, scope: Scope, found: Match, account: Account, body: bytes, headers: dict[str, str]
    ) -> Call:
        from mgip.server.validation import check_body_presence, check_gateway_headers

        op = found.operation
        if self.world.settings.gateway_headers:
            check_gateway_headers(op, headers)
        refuse = self.world.settings.unknown_fields == "refuse"
        query_string = scope.get("query_string", b"").decode("latin-1")
        query = validate_query(op, query_string, refuse=refuse)
        kind = check_body_presence(op, headers.get("content-type", ""), len(body))
        if kind is None and op.body is None and body and refuse:
            _refuse_stray_fields(op, headers.get("content-type", ""), body)
        values: Any = {}
        if kind == "application/x-www-form-urlencoded":
            values = validate_form(op, _urlencoded_pairs(body), refuse=refuse)
        elif kind in FORM_TYPES:
            try:
                pairs = multipart_pairs(headers.get("content-type", ""), body)
            except MultipartError as exc:
                raise Invalid([str(exc)]) from None
            values = validate_form(op, pairs, refuse=refuse)
        elif kind is not None:
            values = validate_json(op, body, refuse=refuse)
        host = headers.get("host", "localhost")
        return Call(
            world=self.world,
            account=account,
            path=found.path,
            query=query,
            body=values,
            url=f"{scope.get('scheme', 'http')}://{host}{scope.get('path', '')}",
            requestor=headers.get("x-mailgun-requestor") or "api",
        )

    def _is_control(self, path: str) -> bool:
        return self.control and (path == "/mgip" or path.startswith("/mgip/"))

    def _mutation(self) -> AbstractContextManager[None]:
        return self._active.applied() if self._active is not None else nullcontext()

    def _skips_auth(self, operation_id: str) -> bool:
        return self.mutant is not None and self.mutant.unchecked_auth == operation_id

    # --- state ----------------------------------------------------------------------------------
    def replace_world(self, world: World) -> None:
        self.world = world
        self.reset_to = scenario.export(world)

    def reset(self) -> None:
        """Back to the scenario loaded last. It is built (and validated) once; every reset after
        that is a copy of it, about a seventh of the time."""
        if self._pristine is None or self._pristine[0] is not self.reset_to:
            self._pristine = (self.reset_to, scenario.build(self.reset_to, scenario.SCHEMA))
        self.world = copy.deepcopy(self._pristine[1])

    def _persist(self) -> None:
        if self.state_file is not None:
            self.state_file.save(self.world)


def _host(scope: Scope) -> str | None:
    for key, value in scope["headers"]:
        if key.lower() == b"host":
            return str(value.decode("latin-1"))
    return None


class _TooLarge(Exception):
    pass


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            raise _TooLarge
        chunks.append(chunk)
        if not message.get("more_body"):
            break
    return b"".join(chunks)


def _refuse_stray_fields(op: Operation, content_type: str, body: bytes) -> None:
    """A form or JSON body sent to an operation that takes none: its fields are unknown (an SDK
    that sends DELETE's query parameters as a form would otherwise lose them unnoticed). A body
    of another type, or one that does not parse, is ignored as before."""
    kind = media_type(content_type)
    try:
        if kind == "application/x-www-form-urlencoded":
            names, where = [k for k, _ in _urlencoded_pairs(body)], FORM
        elif kind == "multipart/form-data":
            names, where = [k for k, _ in multipart_pairs(content_type, body)], FORM
        elif kind == "application/json":
            value = json.loads(body)
            names, where = (list(value) if isinstance(value, dict) else []), JSON_BODY
        else:
            return
    except (Invalid, MultipartError, ValueError, RecursionError):
        return
    refuse_unknown(op, names, where)


def _urlencoded_pairs(body: bytes) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl

    try:
        return parse_qsl(body.decode("utf-8"), keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise Invalid(["the form body is not valid UTF-8 percent-encoding"]) from None


def encode(
    payload: Any, extra: list[tuple[bytes, bytes]]
) -> tuple[bytes, list[tuple[bytes, bytes]]]:
    """The body and headers of an answer."""
    body = json.dumps(payload, separators=(",", ":")).encode()
    return body, [*JSON_HEADERS, (b"content-length", str(len(body)).encode()), *extra]


async def _send(
    send: Send, status: int, payload: Any, extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    body, headers = encode(payload, extra or [])
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


def build_app(
    scenario_file: str | Path | None = None,
    *,
    state: Path | None = None,
    jobs_mode: str | None = None,
    gateway_headers: bool | None = None,
    mutant: str | None = None,
    control: bool = True,
    unknown_fields: str | None = None,
) -> ReferenceApp:
    """A reference server for a scenario (a path or a bundled name; the demo by default).

    With `state`, an existing state file is resumed instead, and every acknowledged write is
    saved to it atomically. `mutant` names a deliberately broken variant (see `mutants`).
    `unknown_fields="ignore"` makes the server lenient: a query parameter, form field or JSON
    property the operation does not declare is ignored instead of refused (`"refuse"`, the
    default unless the scenario's settings say otherwise).
    `control=False` hides the /mgip/ control interface: the server then looks like any other
    implementation of the API (contracts treat it as a plain URL target).
    """
    from mgip.server import mutants

    source = scenario.resolve(scenario_file) if scenario_file is not None else scenario.DEFAULT
    start = scenario.load_file(source)
    state_file = StateFile(state) if state is not None else None
    world = state_file.load() if state_file is not None and state_file.exists() else start
    if jobs_mode is not None:
        world.settings.jobs = jobs_mode
    if gateway_headers is not None:
        world.settings.gateway_headers = gateway_headers
    if unknown_fields is not None:
        if unknown_fields not in UNKNOWN_FIELDS:
            raise ValueError(f"unknown_fields must be refuse or ignore, not {unknown_fields!r}")
        world.settings.unknown_fields = unknown_fields
    broken = mutants.get(mutant) if mutant else None
    return ReferenceApp(
        world,
        state_file=state_file,
        reset_to=scenario.export(start),
        mutant=broken,
        control=control,
    )
