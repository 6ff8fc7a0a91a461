"""`mgip mock`: the reference server as a long-running process under uvicorn."""

from __future__ import annotations

import secrets
import socket
from pathlib import Path
from typing import Any

from rich.console import Console

from mgip.core.problems import InputError
from mgip.server import hosts
from mgip.server.app import ReferenceApp, build_app


def _check_free(host: str, port: int) -> None:
    # uvicorn reports a busy port only in its log and exits; say it plainly instead.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise InputError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def control_token_for(host: str, given: str | None, *, control: bool = True) -> str | None:
    """The control token a server on `host` requires: the one given, else a new random one when
    it listens beyond loopback (its control interface is then reachable from the network)."""
    if not control:
        return None
    if given:
        if not (given.isascii() and given.isprintable() and " " not in given and len(given) >= 8):
            raise InputError("--control-token must be at least 8 printable ASCII characters")
        return given
    return None if hosts.is_loopback(host) else secrets.token_urlsafe(24)


def exposure_warning(host: str, token: str | None) -> list[str]:
    if hosts.is_loopback(host):
        return []
    return [
        f"[bold yellow]warning[/]: listening on {host}, beyond loopback: anyone who can reach "
        "this address can use the API keys printed below.",
        f"  control token: {token}  (send it as X-Mgip-Control-Token on every /mgip/ call)"
        if token
        else "  the control interface is off (--no-control)",
    ]


def banner(app: ReferenceApp, url: str, out: Console) -> None:
    world = app.world
    state = app.state_file.path if app.state_file else "none (state is lost on exit)"
    lines = [f"mgip reference server on [bold]{url}[/]"]
    gateway = "required" if world.settings.gateway_headers else "optional"
    unknown = "refused" if world.settings.unknown_fields == "refuse" else "ignored (--lenient)"
    lines.append(
        f"  jobs: {world.settings.jobs}   X-Mailgun-* headers: {gateway}   "
        f"unknown fields: {unknown}"
    )
    lines.append(f"  state file: {state}")
    for account in world.accounts.values():
        parent = world.accounts.get(account.parent_id or "")
        role = f", subaccount of {parent.name}" if parent else ""
        lines.append(f"  account {account.name} ({account.id}{role}): key {account.keys[0]}")
    if app.control:
        lines.append(f"  control interface: {url}/mgip/health  (docs/control-interface.md)")
    else:
        lines.append("  control interface: off (--no-control): a plain API server")
    lines.append("Press Ctrl+C to stop.")
    for line in lines:
        out.print(line, soft_wrap=True)


def run(
    *,
    host: str,
    port: int,
    scenario: str | None,
    state: Path | None,
    jobs: str | None,
    out: Console,
    gateway_headers: bool = False,
    lenient: bool = False,
    mutant: str | None = None,
    control: bool = True,
    control_token: str | None = None,
) -> None:
    import uvicorn

    try:
        app = build_app(
            scenario,
            state=state,
            jobs_mode=jobs,
            gateway_headers=gateway_headers or None,
            unknown_fields="ignore" if lenient else None,
            mutant=mutant,
            control=control,
        )
    except KeyError as exc:  # an unknown mutant name
        raise InputError(str(exc.args[0])) from None
    if mutant:
        out.print(f"[bold red]mutant {mutant}[/]: {app.mutant.breaks if app.mutant else ''}")
    app.control_token = control_token_for(host, control_token, control=control)
    if port:
        _check_free(host, port)
    for line in exposure_warning(host, app.control_token):
        out.print(line, soft_wrap=True)

    class Server(uvicorn.Server):
        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets=sockets)
            bound = [s for server in self.servers for s in server.sockets]
            if bound:
                address = bound[0].getsockname()
                app.allowed_hosts = hosts.allowed([host, address[0]], address[1])
                shown = f"[{address[0]}]" if ":" in address[0] else address[0]
                banner(app, f"http://{shown}:{address[1]}", out)

    config = uvicorn.Config(
        app, host=host, port=port, log_level="warning", access_log=False, lifespan="off"
    )
    Server(config).run()
