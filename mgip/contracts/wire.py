"""What the checker sends and reads over the network, within limits a hostile server cannot break.

Every request the contract layers make to a URL target goes through `LimitedTransport`:

- the run's deadline: a request that would start after it is not sent (`DeadlineReached`);
- a per-request timeout (connect, read, write and pool);
- a cap on the size of an answer: a larger one is cut off and becomes a `TargetFault`;
- redirects are never followed (httpx's default), so a redirect is an answer to judge;
- transport errors (refused, reset, timed out, a broken HTTP message) become a `TargetFault`
  that names the request, never an httpx traceback;
- every request sent is counted, whether it was answered or not.

A `TargetFault` is a finding about the target, not a bug of the checker: the layers report it
with the request that caused it and go on, or end the run with a clear error when the target
has stopped answering altogether (`TargetGone`).
"""

from __future__ import annotations

import shlex
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx

# The embedded server's base URL inside a run (an in-process app, no network), and where a
# reproduction reaches the same server started by `mgip mock` (its default port).
EMBEDDED_URL = "http://mgip.embedded"
MOCK_URL = "http://127.0.0.1:8025"
CONTROL_TOKEN_HEADER = "x-mgip-control-token"
# No answer of this API comes near this size: the largest lists are a few hundred kilobytes.
MAX_ANSWER_BYTES = 4 << 20
REQUEST_TIMEOUT = 10.0
# After this many transport failures in a row, the target is taken to have stopped answering.
GONE_AFTER = 3


class TargetFault(Exception):
    """The target's answer could not be had or read: a finding about the target."""

    def __init__(self, message: str, request: httpx.Request) -> None:
        self.request = request
        self.finding = f"{request.method} {request.url.raw_path.decode('ascii', 'replace')}: "
        self.finding += message
        super().__init__(self.finding)

    @property
    def command(self) -> str:
        """The request as a command that sends it again."""
        return curl(self.request)


class DeadlineReached(Exception):
    """The run's time is up: no further request is sent."""


class TargetGone(TargetFault):
    """Several requests in a row got no answer: the target has stopped answering."""


@dataclass(slots=True)
class Limits:
    """The bounds of one run, shared by every transport the run makes."""

    deadline: float | None = None  # time.monotonic() after which nothing is sent
    request_timeout: float = REQUEST_TIMEOUT
    max_answer_bytes: int = MAX_ANSWER_BYTES
    sent: int = 0
    failures_in_a_row: int = 0
    faults: list[str] = field(default_factory=list)

    @classmethod
    def within(cls, seconds: float | None, **kwargs: float | int) -> Limits:
        deadline = time.monotonic() + seconds if seconds is not None else None
        return cls(deadline=deadline, **kwargs)  # type: ignore[arg-type]

    def remaining(self) -> float | None:
        if self.deadline is None:
            return None
        return max(0.0, self.deadline - time.monotonic())

    def expired(self) -> bool:
        left = self.remaining()
        return left is not None and left <= 0.0

    def timeout(self) -> httpx.Timeout:
        left = self.remaining()
        seconds = self.request_timeout if left is None else min(self.request_timeout, left + 0.5)
        return httpx.Timeout(max(seconds, 0.1))


class LimitedTransport(httpx.BaseTransport):
    """A transport to a URL target that keeps to the run's `Limits`."""

    def __init__(self, limits: Limits, inner: httpx.BaseTransport | None = None) -> None:
        self.limits = limits
        self.inner = inner or httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        limits = self.limits
        if limits.expired():
            raise DeadlineReached("the run's time is up")
        timeout = limits.timeout()
        request.extensions["timeout"] = timeout.as_dict()
        limits.sent += 1
        try:
            response = self.inner.handle_request(request)
            body = _read_capped(response, limits.max_answer_bytes)
        except _TooLarge:
            limits.failures_in_a_row = 0
            raise self._fault(
                f"the answer is larger than {limits.max_answer_bytes} bytes (cut off)", request
            ) from None
        except httpx.TimeoutException:
            raise self._gone_or_fault(
                f"no answer within {timeout.read:.0f} s (timed out)", request
            ) from None
        except (httpx.TransportError, httpx.StreamError) as exc:
            reason = str(exc) or type(exc).__name__
            raise self._gone_or_fault(f"the connection failed: {reason}", request) from None
        limits.failures_in_a_row = 0
        return httpx.Response(
            response.status_code,
            headers=_plain(response.headers),
            content=body,
            request=request,
            extensions={"http_version": response.extensions.get("http_version", b"HTTP/1.1")},
        )

    def _fault(self, message: str, request: httpx.Request) -> TargetFault:
        fault = TargetFault(message, request)
        self.limits.faults.append(fault.finding)
        return fault

    def _gone_or_fault(self, message: str, request: httpx.Request) -> TargetFault:
        self.limits.failures_in_a_row += 1
        if self.limits.failures_in_a_row >= GONE_AFTER:
            gone = TargetGone(f"{message}; {GONE_AFTER} requests in a row got no answer", request)
            self.limits.faults.append(gone.finding)
            return gone
        return self._fault(message, request)

    def close(self) -> None:
        self.inner.close()


class _TooLarge(Exception):
    pass


def _read_capped(response: httpx.Response, cap: int) -> bytes:
    """The body, decoded as it arrives, up to `cap` bytes (compressed answers included)."""
    chunks: list[bytes] = []
    size = 0
    try:
        declared = int(response.headers.get("content-length", "0") or 0)
    except ValueError:
        declared = 0
    if declared > cap:
        response.close()
        raise _TooLarge
    stream: Iterator[bytes] = response.iter_bytes()
    for chunk in stream:
        size += len(chunk)
        if size > cap:
            response.close()
            raise _TooLarge
        chunks.append(chunk)
    response.close()
    return b"".join(chunks)


def _plain(headers: httpx.Headers) -> list[tuple[bytes, bytes]]:
    # The body handed on is decoded already and whole: its length and encoding are new.
    dropped = (b"content-length", b"content-encoding", b"transfer-encoding")
    return [(k, v) for k, v in headers.raw if k.lower() not in dropped]


def curl(
    request: httpx.Request, *, others: frozenset[str] = frozenset(), status: bool = False
) -> str:
    """A request as a curl command line that sends it again: the key is read from
    $MGIP_API_KEY (and a control token from $MGIP_CONTROL_TOKEN), never written, except a key
    of `others` (another account of a mock's scenario, not a secret), which is given as it is;
    a request to the embedded server goes to `mgip mock` on its default port (MOCK_URL).
    With `status`, curl prints the answer's status after its body (` -> 404`)."""
    key = '"api:$MGIP_API_KEY"'  # left unquoted by shlex, so that the shell expands it
    token = '"X-Mgip-Control-Token: $MGIP_CONTROL_TOKEN"'
    parts = [
        "curl",
        "-sS",
        *(["-w", " -> %{http_code}\\n"] if status else []),
        "-X",
        request.method,
    ]
    if any(k.lower() == "authorization" for k in request.headers):
        other = _basic_password(request.headers["authorization"])
        parts += ["-u", f"api:{other}" if other in others else key]
    skipped = ("authorization", "host", "content-length", "user-agent", "accept", "connection")
    for name, value in request.headers.items():
        if name.lower() == CONTROL_TOKEN_HEADER:
            parts += ["-H", token]
        elif not (name.lower() in skipped or name.lower().startswith("accept-")):
            parts += ["-H", f"{name}: {value}"]
    try:
        body = request.content
    except httpx.RequestNotRead:  # a streamed body (multipart) that was sent, not kept
        body = request.read()
    if body:
        parts += ["--data-binary", body.decode("utf-8", "replace")]
    url = str(request.url)
    if url.startswith(EMBEDDED_URL + "/"):
        url = MOCK_URL + url[len(EMBEDDED_URL) :]
    parts.append(url)
    return " ".join(p if p in (key, token) else shlex.quote(p) for p in parts)


def _basic_password(header: str) -> str:
    import base64
    import binascii

    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return ""
    try:
        return base64.b64decode(encoded).decode("utf-8").partition(":")[2]
    except (binascii.Error, UnicodeDecodeError):
        return ""


@dataclass(slots=True)
class Exchange:
    """A request a check sent, and the status it got (None: no answer)."""

    request: httpx.Request
    status: int | None


class Tape(httpx.BaseTransport):
    """A transport that keeps the requests a check sends (the control interface's reads
    aside: they only look), so that a failure can be reproduced from them."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.exchanges: list[Exchange] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        looks = request.method == "GET" and request.url.path.startswith("/mgip/")
        try:
            response = self.inner.handle_request(request)
        except BaseException:
            if not looks:
                self.exchanges.append(Exchange(request, None))
            raise
        if not looks:
            self.exchanges.append(Exchange(request, response.status_code))
        return response

    def rewind(self) -> None:
        """Forget what was kept: the next check starts here."""
        self.exchanges.clear()

    def taken(self) -> list[Exchange]:
        return list(self.exchanges)

    def close(self) -> None:
        self.inner.close()
