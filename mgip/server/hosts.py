"""Which `Host` headers a served reference server answers (against DNS rebinding).

A web page on a domain that an attacker re-points at 127.0.0.1 reaches a loopback server with
the browser's same-origin blessing, but its requests still say `Host: attacker.example`. So a
server that knows the address it listens on (`mgip mock`, `testing.serve`) answers only requests
for that address: its host:port, and on loopback also localhost, 127.0.0.1 and [::1] at that
port, plus the names in-process transports use (`IN_PROCESS`), so a served app can still be
driven in-process. In-process apps (no socket, `app.allowed_hosts is None`) are not checked.
"""

from __future__ import annotations

import ipaddress
import socket

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")
WILDCARDS = ("", "0.0.0.0", "::")
# The names in-process transports use (testing.InProcessMock, contracts' embedded target): no
# resolver answers for .test or .embedded, so a rebinding page cannot send them.
IN_PROCESS = frozenset({"mgip.test", "mgip.embedded"})


def _shown(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def is_loopback(host: str) -> bool:
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def allowed(hosts: list[str], port: int) -> frozenset[str]:
    """The Host header values a server listening on `hosts` (as asked and as bound) at `port`
    answers. Bound to every interface, it also takes this machine's name and addresses."""
    names: set[str] = set()
    for host in hosts:
        if host in WILDCARDS:
            names.update(LOOPBACK_NAMES)
            for own in {socket.gethostname(), socket.getfqdn()}:
                names.add(own)
                try:
                    infos = socket.getaddrinfo(own, port, proto=socket.IPPROTO_TCP)
                except OSError:
                    infos = []
                names.update(_shown(str(info[4][0])) for info in infos)
            continue
        names.add(_shown(host))
        if is_loopback(host):
            names.update(LOOPBACK_NAMES)
    with_port = {f"{name.lower()}:{port}" for name in names}
    if port == 80:  # clients leave the default port out
        with_port |= {name.lower() for name in names}
    return frozenset(with_port | IN_PROCESS)


def refusal(allowed_hosts: frozenset[str] | None, host: str | None) -> str | None:
    """Why a request with this Host header is refused, or None."""
    if allowed_hosts is None:
        return None
    if host is not None and host.lower() in allowed_hosts:
        return None
    shown = ", ".join(sorted(allowed_hosts))
    return (
        f"this server does not answer for Host {host!r} (DNS rebinding?); it answers for: {shown}"
    )
