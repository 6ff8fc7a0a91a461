"""Layer 1: Schemathesis over every operation of the curated spec.

Schemathesis checks server errors, status codes, content types, response schemas, rejection of
schema-violating input, acceptance of schema-valid input, authentication and methods. A valid
request to this API is still refused when it breaks a business rule (a missing feature, an
object of another account, an IP in a DIPP...), so an operation's expected statuses for
schema-valid data are the ones the spec declares for it, and the rule catalogue's statuses are
declared there too (a spec test makes sure).

Those statuses are mgip's convention, not the documentation's. With `--strictness documented`,
a refusal may have any 4xx status but 401 (every operation gets a `4XX` response), valid data
may be refused so too, and the checks that hold the server to what the documentation never
promises are off: `negative_data_rejection` (it promises no 400 for schema-violating data) and
`unsupported_method` (nor a 405 for a method it does not list).

A request body with a property its schema does not list is valid OpenAPI (the spec's schemas do
not forbid them), and Schemathesis generates such bodies as positive data; mgip's convention
(rule dipp_unknown_fields_refused) refuses them. With `--strictness strict` the bodies are closed
(`closed_bodies`): positive data carries only declared fields, and a body with another one is
negative data, to be refused. With `documented` they stay open and either answer is right.
Undeclared query parameters are Schemathesis's negative data in both modes, and it does not
judge a case whose only fault they are.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

from mgip.contracts import answer_cap, profiles
from mgip.contracts.target import Target
from mgip.core.spec import Spec

CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
    "missing_required_header",
    "ignored_auth",
    "unsupported_method",
)


@dataclass(slots=True)
class Failure:
    operation: str
    check: str
    title: str
    message: str
    curl: str  # the request again, as a curl line (see mgip.contracts.wire.curl)
    status: int | None
    response: str


@dataclass(slots=True)
class Layer:
    """What one group of Schemathesis phases did."""

    name: str
    operations: set[str] = field(default_factory=set)
    scenarios: int = 0
    requests: int = 0
    failures: list[Failure] = field(default_factory=list)


@dataclass(slots=True)
class ConformanceResult:
    conformance: Layer = field(default_factory=lambda: Layer("conformance"))
    stateful: Layer = field(default_factory=lambda: Layer("stateful"))
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    interrupted: bool = False  # Ctrl+C ended the phases (what they found by then is kept)

    @property
    def failures(self) -> list[Failure]:
        return [*self.conformance.failures, *self.stateful.failures]


def expected_statuses(spec: Spec) -> dict[str, list[int]]:
    """Per operationId: what a schema-valid request may be answered with (all but 401 and 5xx)."""
    return {
        op.operation_id: sorted(
            int(code)
            for code in op.raw.get("responses", {})
            if code.isdigit() and code != "401" and int(code) < 500
        )
        for op in spec.operations()
    }


# Form fields travel as text: a "negative" value of another type (a number, a boolean, one
# array item) is the same bytes as a valid string, so Schemathesis's negative_data_rejection
# reports false positives on form bodies. Those operations' input rules are checked by the rule
# layer instead.
FORM_MEDIA = ("multipart/form-data", "application/x-www-form-urlencoded")


def _takes_form(spec: Spec, raw: dict[str, Any]) -> bool:
    content = spec.resolve(raw.get("requestBody", {})).get("content", {})
    return any(media in content for media in FORM_MEDIA)


# What the documentation never promises: a 400 for schema-violating data, a 405 for a method an
# operation does not list. Off with --strictness documented.
UNDOCUMENTED_CHECKS = ("negative_data_rejection", "unsupported_method")
# Any 4xx but 401 (which refuses the credentials, not the request).
REFUSALS = [str(code) for code in range(400, 500) if code != 401]


def config_text(
    spec: Spec,
    *,
    seed: int,
    max_examples: int,
    stateful: bool,
    read_only: bool = False,
    strictness: str = "strict",
    coverage: bool = True,
) -> str:
    # Against a read-only target nothing may probe a path with the methods it does not declare
    # (unsupported_method, the coverage phase's unexpected methods): that would send writes.
    documented = strictness == "documented"
    checks = [
        c
        for c in CHECKS
        if not (read_only and c == "unsupported_method")
        and not (documented and c in UNDOCUMENTED_CHECKS)
    ]
    lines = [
        f"seed = {seed}",
        # A hung server fails its request instead of the run (Schemathesis also waits out 429s).
        "request-timeout = 10",
        "[generation]",
        f"max-examples = {max_examples}",
        'database = "none"',
        # Negative cases must not be re-signed by the configured auth (Schemathesis would send
        # the valid credentials on a request meant to have broken ones).
        "with-security-parameters = false",
        "[phases.coverage]",
        f"enabled = {'true' if coverage else 'false'}",
        "unexpected-methods = []" if read_only else "",
        "[phases.stateful]",
        f"enabled = {'true' if stateful else 'false'}",
        "[phases.stateful.inference]",
        "algorithms = []",
        "[checks]",
        "enabled = false",
        *[f"{name}.enabled = true" for name in checks],
    ]
    if documented:
        # Valid data may be refused (a rule), and a missing header too, with any 4xx but 401.
        accepted = json.dumps(["2XX", *REFUSALS])
        lines += [
            f"positive_data_acceptance.expected-statuses = {accepted}",
            'missing_required_header.expected-statuses = ["4XX"]',
        ]
        return "\n".join(lines) + "\n"
    forms = {op.operation_id for op in spec.operations() if _takes_form(spec, op.raw)}
    # One block per kind of operation, not per operation: Schemathesis matches every block
    # against every operation on every lookup, which cost seconds per run with 38 blocks.
    groups: dict[tuple[tuple[int, ...], bool], list[str]] = {}
    for operation_id, statuses in expected_statuses(spec).items():
        groups.setdefault((tuple(statuses), operation_id in forms), []).append(operation_id)
    for (expected, form), operation_ids in sorted(groups.items()):
        lines += [
            "[[operations]]",
            f"include-operation-id = {json.dumps(sorted(operation_ids))}",
            f"checks.positive_data_acceptance.expected-statuses = {json.dumps(list(expected))}",
        ]
        if form:
            lines.append("checks.negative_data_rejection.enabled = false")
    return "\n".join(lines) + "\n"


def any_refusal(document: dict[str, Any]) -> dict[str, Any]:
    """The document with a `4XX` response on every operation: a refusal may have any status
    (401 stays as declared). What the operation declares for a status still holds for it."""
    methods = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
    paths: dict[str, Any] = {}
    for path, item in document.get("paths", {}).items():
        paths[path] = {
            key: (
                {
                    **value,
                    "responses": {
                        **value.get("responses", {}),
                        "4XX": {"description": "A refusal; the documentation fixes no status."},
                    },
                }
                if key in methods and isinstance(value, dict)
                else value
            )
            for key, value in item.items()
        }
    return {**document, "paths": paths}


def closed_bodies(document: dict[str, Any], spec: Spec) -> dict[str, Any]:
    """The document with every request body's object schema closed (`additionalProperties:
    false`, unless it says what other properties it takes): what a server that refuses
    undeclared fields accepts. Schemas are copied where they are used (their `$ref`s resolved
    in `spec`, whose components the document shares); components stay as they are."""
    paths: dict[str, Any] = {}
    for path, item in document.get("paths", {}).items():
        paths[path] = dict(item)
        for method, operation in item.items():
            body = operation.get("requestBody") if isinstance(operation, dict) else None
            if body is None:
                continue
            body = spec.resolve(body)
            content = {}
            for media, entry in body.get("content", {}).items():
                schema = spec.resolve(entry.get("schema", {}))
                open_ = "additionalProperties" in schema or "patternProperties" in schema
                closed = {**schema, "additionalProperties": False}
                content[media] = (
                    {**entry, "schema": closed}
                    if schema.get("type") == "object" and not open_
                    else entry
                )
            paths[path][method] = {**operation, "requestBody": {**body, "content": content}}
    return {**document, "paths": paths}


def read_only(document: dict[str, Any]) -> dict[str, Any]:
    """The document with its reads only: a run against it can change nothing on the server."""
    kept: dict[str, Any] = {}
    for path, item in document.get("paths", {}).items():
        if "get" in item:
            kept[path] = {k: v for k, v in item.items() if k in ("get", "parameters")}
    reads = {item["get"].get("operationId") for item in kept.values()}
    for item in kept.values():
        for response in item["get"].get("responses", {}).values():
            links = response.get("links") if isinstance(response, dict) else None
            if links:
                response["links"] = {
                    name: link for name, link in links.items() if link.get("operationId") in reads
                }
    return {**document, "paths": kept}


def run(
    target: Target,
    *,
    seed: int,
    max_examples: int,
    stateful: bool = False,
    coverage: bool = True,
    profile: str = "public",
    missing: frozenset[str] = frozenset(),
) -> ConformanceResult:
    """Schemathesis's phases against the target, within the run's limits: its remaining time,
    a per-request timeout, no redirect followed (a redirect is an answer to judge) and answers
    cut off at the size cap. `missing` operations (not implemented by the target, reported once
    elsewhere) are left out."""
    import schemathesis
    from schemathesis.config import SchemathesisConfig
    from schemathesis.engine import from_schema

    spec = Spec.load()
    text = config_text(
        spec,
        seed=seed,
        max_examples=max_examples,
        stateful=stateful,
        read_only=not target.generated_writes_allowed,
        strictness=target.strictness,
        coverage=coverage,
    )
    config = SchemathesisConfig.from_str(text)
    document = profiles.apply(spec.data, profile, target.account_id)
    if not target.generated_writes_allowed:
        document = read_only(document)
    if target.strictness == "documented":
        document = any_refusal(document)
    else:
        document = closed_bodies(document, spec)
    schema: Any = schemathesis.openapi.from_dict(document, config=config)
    if missing:
        schema = schema.exclude(operation_id=sorted(missing))
    if target.app is not None:
        schema.app = target.app
    schema.config.update(
        base_url=target.base_url,
        basic_auth=("api", target.api_key),
        max_redirects=0,
        request_timeout=target.limits.request_timeout,
    )
    result = ConformanceResult()
    started = time.perf_counter()
    stream = from_schema(schema).execute()
    # Schemathesis's own max-time repeats its phases until the time is up; the run's deadline
    # only ends them early (between scenarios, each request bounded by its timeout).
    remaining = target.limits.remaining()
    deadline = threading.Event()

    def out_of_time() -> None:
        deadline.set()
        stream.stop()

    timer = threading.Timer(remaining, out_of_time) if remaining is not None else None
    if timer is not None:
        timer.daemon = True
        timer.start()
    capped = answer_cap.watching(schema, target.limits.max_answer_bytes)
    try:
        with capped if target.app is None else contextlib.nullcontext():
            _collect(stream, result, target)
    except KeyboardInterrupt:  # between two of Schemathesis's events; within one, it says so
        stream.stop()
        result.interrupted = True
    finally:
        if timer is not None:
            timer.cancel()
    # Schemathesis says "interrupted" when the deadline stopped it too: that is not Ctrl+C.
    result.interrupted = result.interrupted and not deadline.is_set()
    result.seconds = time.perf_counter() - started
    return result


def _collect(stream: Any, result: ConformanceResult, target: Target) -> None:
    from schemathesis.engine import events

    for event in stream:
        if isinstance(event, events.ScenarioFinished):
            layer = (
                result.stateful if event.phase.name == "STATEFUL_TESTING" else result.conformance
            )
            layer.scenarios += 1
            layer.operations.add(event.recorder.label)
            layer.requests += len(event.recorder.interactions)
            layer.failures += _failures(event, target)
        elif isinstance(event, events.NonFatalError):
            result.errors.append(target.redact(f"{event.label}: {event.info.message}"))
        elif isinstance(event, events.FatalError):
            result.errors.append(target.redact(f"fatal: {event.exception}"))
        elif isinstance(event, events.Interrupted):
            result.interrupted = True


def _curl(interaction: Any, sample: str) -> str:
    """The failing request as mgip's curl line (the key from $MGIP_API_KEY, the embedded
    server's requests sent to `mgip mock`); Schemathesis's own sample when it kept none."""
    from mgip.contracts.wire import curl

    if interaction is None:
        return sample
    sent = interaction.request
    headers = [(name, value) for name, values in sent.headers.items() for value in values]
    request = httpx.Request(sent.method, sent.uri, headers=headers, content=sent.body or b"")
    return curl(request, status=True)


def _failures(event: Any, target: Target) -> list[Failure]:
    found = []
    for case_id, checks in event.recorder.checks.items():
        for check in checks:
            if check.status.value != "failure" or check.failure_info is None:
                continue
            interaction = event.recorder.interactions.get(case_id)
            response = interaction.response if interaction is not None else None
            failure = check.failure_info.failure
            found.append(
                Failure(
                    operation=event.recorder.label,
                    check=check.name,
                    title=failure.title,
                    message=target.redact(failure.message or ""),
                    curl=target.redact(_curl(interaction, check.failure_info.code_sample)),
                    status=response.status_code if response is not None else None,
                    response=target.redact(
                        response.content[:500].decode("utf-8", "replace") if response else ""
                    ),
                )
            )
    return found
