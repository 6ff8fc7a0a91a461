"""Ways to reach a reference server from tests: in-process (sync or async) or over loopback."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import httpx

from mgip.server import hosts
from mgip.server.app import ReferenceApp


class DirectTransport(httpx.BaseTransport):
    """An httpx transport that hands each request to the app's synchronous `respond`: no
    socket, no event loop, the same answer the ASGI entry point would send (the app's request
    logic is synchronous; only reading the body and sending the answer are ASGI's)."""

    def __init__(self, app: ReferenceApp) -> None:
        self.app = app

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        from mgip.server.app import MAX_BODY, encode

        content = request.read()
        url = request.url
        scope = {
            "type": "http",
            "method": request.method,
            "scheme": url.scheme,
            "path": unquote(url.raw_path.split(b"?", 1)[0].decode("ascii")),
            "raw_path": url.raw_path.split(b"?", 1)[0],
            "query_string": url.query,
            "headers": [(k.lower(), v) for k, v in request.headers.raw],
        }
        body = content if len(content) <= MAX_BODY else None
        status, payload, extra = self.app.respond(scope, body)
        data, headers = encode(payload, extra)
        self.app.after_answer(scope)
        return httpx.Response(status, headers=headers, content=data, request=request)

    def shutdown(self) -> None:
        """Nothing to release (kept so that every in-process transport can be shut)."""


@dataclass(frozen=True, slots=True)
class RunningServer:
    url: str
    app: ReferenceApp

    def key(self, account: str | None = None) -> str:
        """The first API key of an account (by name), or of the first account."""
        accounts = list(self.app.world.accounts.values())
        chosen = [a for a in accounts if account in (None, a.name)]
        if not chosen:
            raise KeyError(f"no account named {account!r}")
        return chosen[0].keys[0]

    def control(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """Call the control interface, e.g. `control("POST", "/jobs/settle")`."""
        kwargs["headers"] = _control_headers(kwargs.get("headers"), self.app)
        return httpx.request(method, f"{self.url}/mgip{path}", **kwargs)


def _control_headers(given: Any, app: ReferenceApp) -> dict[str, str]:
    """JSON unless the caller says otherwise (control writes take no other type), and the
    control token when the app has one."""
    headers = {"Content-Type": "application/json"}
    token = getattr(app, "control_token", None)
    if token:
        headers["X-Mgip-Control-Token"] = token
    return {**headers, **dict(given or {})}


@contextmanager
def serve(app: ReferenceApp, host: str = "127.0.0.1", port: int = 0) -> Iterator[RunningServer]:
    """Run `app` under uvicorn in a background thread; stop it (and wait) on exit."""
    import uvicorn

    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="mgip-reference-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the reference server did not start on {host}:{port}")
        time.sleep(0.01)
    sockets = [s for srv in server.servers for s in srv.sockets]
    bound = sockets[0].getsockname()
    app.allowed_hosts = hosts.allowed([host, bound[0]], bound[1])
    shown = f"[{bound[0]}]" if sockets[0].family == socket.AF_INET6 else bound[0]
    try:
        yield RunningServer(url=f"http://{shown}:{bound[1]}", app=app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        app.allowed_hosts = None


class CheckedTransport(DirectTransport):
    """A DirectTransport that also checks every API answer against the spec.

    Answers with a status the operation does not declare, or a body off its schema, are kept in
    `problems`; the pytest fixtures fail the test that produced them.
    """

    def __init__(self, app: ReferenceApp) -> None:
        super().__init__(app)
        self.app = app
        self.problems: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        self._check(request, response)
        return response

    def _check(self, request: httpx.Request, response: httpx.Response) -> None:
        from mgip.server.validation import response_problems

        raw_path = request.url.raw_path.split(b"?", 1)[0].decode()
        if raw_path.startswith("/mgip"):
            return
        found = self.app.routes.match(request.method, raw_path)
        if found is None or isinstance(found, list):
            return
        try:
            body = response.json()
        except ValueError:
            self.problems.append(f"{request.method} {raw_path}: the answer is not JSON")
            return
        where = f"{request.method} {raw_path}"
        self.problems += [
            f"{where}: {p}" for p in response_problems(found.operation, response.status_code, body)
        ]


class InProcessMock:
    """A reference server in this process, with clients for its accounts and its control calls.

    `client("acme")` is the generated facade for that account's first key; `raw("acme")` an httpx
    client with the same credentials, for requests the facade would not send.
    """

    base_url = "http://mgip.test"

    def __init__(self, app: ReferenceApp) -> None:
        self.app = app
        self.transport = CheckedTransport(app)
        self._clients: list[Any] = []

    @property
    def world(self) -> Any:
        return self.app.world

    def key(self, account: str) -> str:
        for candidate in self.app.world.accounts.values():
            if candidate.name == account:
                return candidate.keys[0]
        raise KeyError(f"no account named {account!r} in the scenario")

    def client(self, account: str = "acme", **options: Any) -> Any:
        from mailgun_ip_client import MailgunIp

        client = MailgunIp(
            self.key(account),
            base_url=self.base_url,
            httpx_args={"transport": self.transport},
            **options,
        )
        self._clients.append(client)
        return client

    def raw(self, account: str | None = "acme") -> httpx.Client:
        auth = ("api", self.key(account)) if account is not None else None
        client = httpx.Client(transport=self.transport, base_url=self.base_url, auth=auth)
        self._clients.append(client)
        return client

    def control(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        kwargs["headers"] = _control_headers(kwargs.get("headers"), self.app)
        with httpx.Client(transport=self.transport, base_url=self.base_url) as client:
            return client.request(method, f"/mgip{path}", **kwargs)

    def settle(self) -> int:
        """Run every pending background job; how many ran."""
        return int(self.control("POST", "/jobs/settle").json()["settled"])

    def jobs_mode(self, mode: str, delay: float = 0.0) -> None:
        self.control("PUT", "/settings", json={"jobs": mode, "delay": delay}).raise_for_status()

    def pending_jobs(self) -> list[dict[str, Any]]:
        return list(self.control("GET", "/jobs").json()["items"])

    def health_check(
        self, metrics: dict[str, dict[str, Any]] | None = None, domains: list[str] | None = None
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"metrics": metrics or {}}
        if domains is not None:
            body["domains"] = domains
        response = self.control("POST", "/health-checks", json=body)
        response.raise_for_status()
        result: dict[str, Any] = response.json()
        return result

    def load(self, scenario_name: str) -> None:
        """Replace the state with a bundled scenario."""
        self.control("PUT", "/state", params={"name": scenario_name}).raise_for_status()

    def load_text(self, text: str) -> None:
        """Replace the state with a scenario written in YAML (or JSON, which is YAML)."""
        headers = {"Content-Type": "application/yaml"}
        response = self.control("PUT", "/state", content=text.encode(), headers=headers)
        if response.status_code != 200:
            raise AssertionError(f"the scenario was refused: {response.json()['message']}")

    @contextmanager
    def refuses(self, rule: str, status: int | None = None) -> Iterator[None]:
        """Expect the block to be answered with the refusal the catalogue states for `rule`."""
        from mailgun_ip_client import ApiError
        from mailgun_ip_client.rules import RULES, Rule

        info = RULES[Rule(rule)]
        expected = status if status is not None else info.status
        try:
            yield
        except ApiError as error:
            if error.status_code != expected:
                raise AssertionError(
                    f"{rule}: expected HTTP {expected}, got {error.status_code} ({error.message})"
                ) from error
            import json

            named = json.loads(error.content).get("rule")
            if named != str(rule):
                raise AssertionError(
                    f"{rule}: the refusal names rule {named!r} ({error.message})"
                ) from error
        else:
            raise AssertionError(f"{rule}: the request was accepted, expected HTTP {expected}")

    def close(self) -> None:
        for client in self._clients:
            client.close()
        self.transport.shutdown()
