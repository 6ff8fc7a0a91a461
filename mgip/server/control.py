"""The control interface under /mgip/: outside the spec, for tests and contract set-up.

Documented in docs/control-interface.md so that other mocks can offer the same endpoints and run
our contracts. On loopback it needs no credentials; a server bound beyond loopback has a control
token (`app.control_token`) that every endpoint but /mgip/identity requires. Writes must say
`Content-Type: application/json` (or `application/yaml` for a scenario), which a browser cannot
send cross-origin without a preflight, and their bodies are parsed within bounds (`untrusted`).
"""

from __future__ import annotations

import hmac
import json
from typing import Any, Protocol
from urllib.parse import parse_qsl

from jsonschema import Draft202012Validator

from mgip.core.problems import InputError
from mgip.server import health, jobs, scenario, untrusted
from mgip.server.model import HealthThresholds, Metrics, World
from mgip.server.operations import timestamp
from mgip.server.state_file import StateFile
from mgip.server.validation import Routes


class ReferenceApp(Protocol):
    """What the control endpoints need of the server they control (the app, which imports
    this module, provides it)."""

    world: World
    routes: Routes
    state_file: StateFile | None
    control_token: str | None

    def replace_world(self, world: World) -> None: ...

    def reset(self) -> None: ...


Answer = tuple[int, Any]


def handle(  # noqa: PLR0917  (the parts of one request, in order)
    app: ReferenceApp,
    method: str,
    path: str,
    query_string: bytes,
    body: bytes,
    headers: dict[str, str],
) -> Answer:
    route = path.rstrip("/").removeprefix("/mgip") or "/"
    endpoints = ENDPOINTS.get(route)
    if endpoints is None:
        known = ", ".join(f"{m} /mgip{p}" for p, e in ENDPOINTS.items() for m in e)
        return 404, {"message": f"no control endpoint {path}; there are: {known}"}
    endpoint = endpoints.get(method)
    if endpoint is None:
        return 405, {"message": f"{method} is not allowed on /mgip{route}"}
    refused = _refusal(app, method, route, headers)
    if refused is not None:
        return refused
    query = dict(parse_qsl(query_string.decode("latin-1")))
    try:
        answer: Answer = endpoint(app, query, body, headers)
        return answer
    except InputError as exc:
        return 400, {"message": str(exc)}
    except RecursionError:  # JSON or YAML nested past what the parsers take
        return 400, {"message": "the body nests too deep"}


TOKEN_HEADER = "x-mgip-control-token"
JSON_TYPE = "application/json"
YAML_TYPE = "application/yaml"


def media_type(headers: dict[str, str]) -> str:
    return headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _refusal(app: ReferenceApp, method: str, route: str, headers: dict[str, str]) -> Answer | None:
    """401 without the control token (when the server has one), 415 for a write that is not
    JSON (or YAML for a scenario): a simple cross-origin request cannot carry either."""
    token: str | None = getattr(app, "control_token", None)
    if token and route != "/identity":
        given = headers.get(TOKEN_HEADER, "")
        if not hmac.compare_digest(given.encode(), token.encode()):
            return 401, {
                "message": "this server listens beyond loopback: its control interface needs the "
                "token it printed at start, in the X-Mgip-Control-Token header"
            }
    if method != "GET":
        allowed = (JSON_TYPE, YAML_TYPE) if route == "/state" else (JSON_TYPE,)
        if media_type(headers) not in allowed:
            return 415, {
                "message": f"{method} /mgip{route} takes Content-Type {' or '.join(allowed)}, "
                f"not {headers.get('content-type') or 'none'}"
            }
    return None


def _json(body: bytes) -> Any:
    return untrusted.json_value(body, empty={})


def _check(value: Any, schema: dict[str, Any], what: str) -> None:
    errors = list(Draft202012Validator(schema).iter_errors(value))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(root)"
        raise InputError(f"{what} {where}: {errors[0].message}", path="<request body>")


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(scenario.SCHEMA.read_text())
    return schema


# What a client reads at GET /mgip/identity to know it talks to an mgip reference server (and
# so may use this interface), whatever the server's address. Documented; never changes shape.
PRODUCT = "mgip-reference-server"
INTERFACE_VERSION = 1


def product_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mgip")
    except PackageNotFoundError:
        return "0+unknown"


def identity(app: ReferenceApp, query: dict[str, str], body: bytes, headers: Any) -> Answer:
    return 200, {
        "product": PRODUCT,
        "version": product_version(),
        "control_interface": INTERFACE_VERSION,
    }


def health_status(app: ReferenceApp, query: dict[str, str], body: bytes, headers: Any) -> Answer:
    world = app.world
    return 200, {
        "status": "ok",
        "operations": len(app.routes.by_id),
        "accounts": len(world.accounts),
        "pending_jobs": len(world.jobs),
        "jobs": world.settings.jobs,
        "state_file": str(app.state_file.path) if app.state_file else None,
    }


def accounts(app: ReferenceApp, query: dict[str, str], body: bytes, headers: Any) -> Answer:
    return 200, {
        "items": [
            {"id": a.id, "name": a.name, "parent_id": a.parent_id, "keys": a.keys}
            for a in app.world.accounts.values()
        ]
    }


def export_state(app: ReferenceApp, query: dict[str, str], body: bytes, headers: Any) -> Answer:
    return 200, scenario.export(app.world)


def load_scenario(app: ReferenceApp, query: dict[str, str], body: bytes, headers: Any) -> Answer:
    """Replace the state: a bundled scenario by `?name=` (a name, never a path), or a scenario
    as the body: JSON (application/json) or YAML without anchors (application/yaml)."""
    if "name" in query:
        world = scenario.load_file(scenario.bundled_path(query["name"]))
    elif body.strip() and media_type(headers) == JSON_TYPE:
        world = scenario.build(untrusted.json_value(body), untrusted.BODY_PATH)
    elif body.strip():
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("the scenario is not UTF-8 text", path="<request body>") from None
        world = scenario.load_text(text)
    else:
        raise InputError("send a scenario as the body, or ?name= of a bundled one")
    app.replace_world(world)
    return 200, {"message": "scenario loaded", "accounts": len(world.accounts)}


def reset(app: ReferenceApp, query: dict[str, str], body: bytes, headers: Any) -> Answer:
    app.reset()
    return 200, {"message": "state reset to the last loaded scenario"}


def list_jobs(app: ReferenceApp, query: dict[str, str], body: bytes, headers: Any) -> Answer:
    return 200, {
        "items": [
            {
                "id": j.id,
                "kind": j.kind,
                "args": j.args,
                "created": timestamp(j.created),
                "due": j.due,
            }
            for j in app.world.jobs
        ]
    }


def settle(app: ReferenceApp, query: dict[str, str], body: bytes, headers: Any) -> Answer:
    done = jobs.settle(app.world)
    return 200, {"settled": len(done), "jobs": [{"id": j.id, "kind": j.kind} for j in done]}


def settings(app: ReferenceApp, query: dict[str, str], body: bytes, headers: Any) -> Answer:
    wanted = _json(body)
    _check(wanted, _schema()["properties"]["settings"], "settings")
    current = app.world.settings
    current.jobs = wanted.get("jobs", current.jobs)
    current.delay = float(wanted.get("delay", current.delay))
    current.health_interval = float(wanted.get("health_interval", current.health_interval))
    current.gateway_headers = bool(wanted.get("gateway_headers", current.gateway_headers))
    current.unknown_fields = wanted.get("unknown_fields", current.unknown_fields)
    if "health" in wanted:
        merged = {
            "new_sender_volume": current.health.new_sender_volume,
            "poor_bounce_rate": current.health.poor_bounce_rate,
            "poor_complaint_rate": current.health.poor_complaint_rate,
            **wanted["health"],
        }
        current.health = HealthThresholds(**merged)
    return 200, scenario.export(app.world)["settings"]


HEALTH_CHECK_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "metrics": {"type": "object", "additionalProperties": {"$ref": "#/$defs/metrics"}},
        "domains": {"type": "array", "items": {"type": "string"}},
    },
}


def health_check(app: ReferenceApp, query: dict[str, str], body: bytes, headers: Any) -> Answer:
    """Set sending metrics, then run one health-check round (all enrolled domains, or `domains`)."""
    wanted = _json(body)
    _check(wanted, {**HEALTH_CHECK_SCHEMA, "$defs": _schema()["$defs"]}, "health check")
    world = app.world
    names = list(wanted.get("metrics", {})) + list(wanted.get("domains", []))
    unknown = [n for n in names if n not in world.domains]
    if unknown:
        return 404, {"message": f"no such domain: {', '.join(unknown)}"}
    for name, raw in wanted.get("metrics", {}).items():
        current = world.domains[name].metrics
        world.domains[name].metrics = Metrics(
            raw.get("bounce_rate", current.bounce_rate),
            raw.get("complaint_rate", current.complaint_rate),
            raw.get("processed_count", current.processed_count),
        )
    chosen = (
        [world.domains[n] for n in wanted["domains"]]
        if "domains" in wanted
        else list(world.domains.values())
    )
    before = {d.name: d.pool for d in chosen}
    moved = health.run(world, chosen)
    return 200, {
        "checked": sum(1 for d in chosen if d.enrolled and not d.override),
        "moved": [{"domain": d.name, "from": before[d.name], "to": d.pool} for d in moved],
    }


Endpoint = Any
ENDPOINTS: dict[str, dict[str, Endpoint]] = {
    "/identity": {"GET": identity},
    "/health": {"GET": health_status},
    "/accounts": {"GET": accounts},
    "/state": {"GET": export_state, "PUT": load_scenario},
    "/reset": {"POST": reset},
    "/jobs": {"GET": list_jobs},
    "/jobs/settle": {"POST": settle},
    "/settings": {"PUT": settings},
    "/health-checks": {"POST": health_check},
}
