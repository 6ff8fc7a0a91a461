"""Scenarios: the documented YAML/JSON format that seeds a reference server, and its export.

A scenario names accounts by name (or id), IPs by address, DIPPs by name (or id), so it reads
like the situation it sets up. `export()` writes the same format with every id explicit, so an
exported state loads back unchanged (the state file relies on it). Errors name the file and line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from mgip.core import documents
from mgip.core.problems import InputError
from mgip.server import jobs, untrusted
from mgip.server.model import (
    POOL_KEYS,
    Account,
    Dipp,
    Domain,
    DynamicPool,
    Features,
    HealthThresholds,
    HistoryRecord,
    Ip,
    Job,
    Metrics,
    Settings,
    Warmup,
    World,
    is_ip_address,
    now,
)

SCHEMA = Path(__file__).with_name("scenario.schema.json")
SCENARIOS = Path(__file__).with_name("scenarios")
DEFAULT = SCENARIOS / "demo.yaml"


def bundled() -> dict[str, Path]:
    """The scenarios shipped with the server, by name."""
    return {p.stem: p for p in sorted(SCENARIOS.glob("*.yaml"))}


def resolve(name_or_path: str | Path) -> Path:
    """A scenario file from a path, or the name of a bundled scenario."""
    path = Path(name_or_path)
    if path.exists():
        return path
    shipped = bundled()
    if str(name_or_path) in shipped:
        return shipped[str(name_or_path)]
    raise InputError(f"no such scenario file (bundled scenarios: {', '.join(shipped)})", path=path)


def bundled_path(name: str) -> Path:
    """A bundled scenario by name only (never a path): what the control interface may load."""
    shipped = bundled()
    if name not in shipped:
        raise InputError(
            f"{name!r} is not a bundled scenario; ?name= takes one of: {', '.join(shipped)} "
            "(load any other scenario by sending it as the body)"
        )
    return shipped[name]


def load_file(path: Path) -> World:
    return build(documents.load(path), path)


def load_text(text: str, source: str = "<request body>") -> World:
    """A scenario from untrusted text: bounded nesting and size, no YAML anchors or aliases."""
    return build(untrusted.yaml_tree(text, source), Path(source))


def build(tree: Any, path: Path) -> World:
    if not isinstance(tree, dict):
        raise InputError("a scenario must be a mapping", path=path, line=1)
    data = documents.check_schema(tree, json.loads(SCHEMA.read_text()), path)
    untrusted.check_values(data, str(path))
    return _Builder(tree, data, path).world


# RFC 3339 date-times (the schema's "format": "date-time", which jsonschema does not enforce).
DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})?$"
)

# The arguments each job kind reads: name -> (required, the types it may have).
JOB_ARGS: dict[str, dict[str, tuple[bool, tuple[type, ...]]]] = {
    "sync_dipp_domains": {"pool_id": (True, (str,))},
    "retire_dipp": {
        "pool_id": (True, (str,)),
        "replacement_pool_id": (False, (str, type(None))),
        "replacement_ip": (False, (str, type(None))),
    },
    "enroll_all": {
        "account_id": (True, (str,)),
        "include_subaccounts": (False, (bool,)),
        "initiated_by": (False, (str,)),
    },
    "assign_ip_everywhere": {"account_id": (True, (str,)), "ip": (True, (str,))},
    "remove_ip_everywhere": {
        "account_id": (True, (str,)),
        "ip": (True, (str,)),
        "alternative": (False, (str, type(None))),
    },
    "recheck_domain": {"domain": (True, (str,))},
}


def _job_args_problem(kind: str, args: dict[str, Any]) -> str | None:
    expected = JOB_ARGS.get(kind)
    if expected is None:
        return None
    for name, (required, types) in expected.items():
        if name not in args:
            if required:
                return f"a {kind} job needs the argument {name!r}"
        elif not isinstance(args[name], types) or (
            bool not in types and isinstance(args[name], bool)
        ):
            allowed = " or ".join("null" if t is type(None) else t.__name__ for t in types)
            return f"argument {name!r} of a {kind} job must be {allowed}"
    extra = sorted(set(args) - set(expected))
    if extra:
        return f"a {kind} job takes no argument {extra[0]!r}"
    return None


def _time(value: str | None) -> datetime:
    if value is None:
        return now()
    if not DATE_TIME.match(value):
        raise ValueError(f"{value!r} is not an RFC 3339 date-time (2026-10-08T09:00:00Z)")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ValueError(f"{value!r} is not a real date and time") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _metrics(raw: dict[str, Any] | None) -> Metrics:
    raw = raw or {}
    return Metrics(raw.get("bounce_rate"), raw.get("complaint_rate"), raw.get("processed_count"))


class _Builder:
    def __init__(self, tree: Any, data: dict[str, Any], path: Path) -> None:
        self.tree, self.path = tree, path
        self.world = World()
        self.world.serial = data.get("serial", 0)
        self._settings(data.get("settings", {}))
        self._accounts(data["accounts"])
        self._ips(data.get("ips", []))
        self._dipps(data.get("dipps", []))
        self._dynamic_pools(data.get("dynamic_pools", []))
        self._domains(data.get("domains", []))
        self._history(data.get("history", []))
        self._jobs(data.get("jobs", []))

    def fail(self, section: str, index: int, message: str) -> InputError:
        node = self.tree.get(section)
        return InputError(
            f"{section}[{index}]: {message}", path=self.path, line=documents.line_of(node, index)
        )

    def _at(self, section: str, index: int, value: str | None) -> datetime:
        try:
            return _time(value)
        except ValueError as exc:
            raise self.fail(section, index, str(exc)) from None

    def _settings(self, raw: dict[str, Any]) -> None:
        self.world.settings = Settings(
            jobs=raw.get("jobs", "immediate"),
            delay=float(raw.get("delay", 0.0)),
            health_interval=float(raw.get("health_interval", 0.0)),
            gateway_headers=bool(raw.get("gateway_headers", False)),
            unknown_fields=raw.get("unknown_fields", "refuse"),
            health=HealthThresholds(**raw.get("health", {})),
        )

    def _accounts(self, items: list[dict[str, Any]]) -> None:
        keys: set[str] = set()
        for index, raw in enumerate(items):
            account_id = raw.get("id") or self.world.new_id(f"account:{raw['name']}")
            if account_id in self.world.accounts or self._account(raw["name"]) is not None:
                raise self.fail("accounts", index, f"account {raw['name']!r} is given twice")
            if keys & set(raw["keys"]):
                raise self.fail("accounts", index, "an API key is given to two accounts")
            keys |= set(raw["keys"])
            self.world.accounts[account_id] = Account(
                id=account_id,
                name=raw["name"],
                keys=list(raw["keys"]),
                features=Features(**raw.get("features", {})),
            )
        for index, raw in enumerate(items):
            if "parent" not in raw:
                continue
            child = self._account(raw["name"])
            parent = self._account(raw["parent"])
            if parent is None or child is None or parent is child:
                raise self.fail("accounts", index, f"parent {raw['parent']!r} is not an account")
            child.parent_id = parent.id
        for index, raw in enumerate(items):
            child = self._account(raw["name"])
            if child is not None and child.parent_id is not None:
                parent = self.world.accounts[child.parent_id]
                if parent.parent_id is not None:
                    raise self.fail("accounts", index, "a subaccount cannot have subaccounts")

    def _account(self, ref: str) -> Account | None:
        if ref in self.world.accounts:
            return self.world.accounts[ref]
        for account in self.world.accounts.values():
            if account.name == ref:
                return account
        return None

    def _owner(self, section: str, index: int, ref: str) -> Account:
        account = self._account(ref)
        if account is None:
            raise self.fail(section, index, f"account {ref!r} is not in accounts")
        return account

    def _ips(self, items: list[dict[str, Any]]) -> None:
        for index, raw in enumerate(items):
            address = raw["address"]
            if not is_ip_address(address):
                raise self.fail("ips", index, f"{address!r} is not an IP address")
            if address in self.world.ips:
                raise self.fail("ips", index, f"IP {address} is given twice")
            warmup = raw.get("warmup")
            plan = None
            if warmup:
                spec = warmup if isinstance(warmup, dict) else {}
                plan = Warmup(
                    started_at=self._at("ips", index, spec.get("started_at")),
                    **{k: v for k, v in spec.items() if k != "started_at"},
                )
                if not raw.get("dedicated", True):
                    raise self.fail("ips", index, "only a dedicated IP can warm up")
            self.world.ips[address] = Ip(
                address=address,
                account_id=self._owner("ips", index, raw["account"]).id,
                dedicated=raw.get("dedicated", True),
                enabled=raw.get("enabled", True),
                rdns=raw.get("rdns", ""),
                band=raw.get("band"),
                warmup=plan,
            )

    def _owned_dedicated(self, section: str, index: int, account: Account, address: str) -> None:
        ip = self.world.ips.get(address)
        if ip is None or ip.account_id != account.id:
            raise self.fail(section, index, f"IP {address} is not an IP of {account.name}")
        if not ip.dedicated:
            raise self.fail(section, index, f"IP {address} is not dedicated")

    def _dipps(self, items: list[dict[str, Any]]) -> None:
        for index, raw in enumerate(items):
            owner = self._owner("dipps", index, raw["account"])
            for address in raw.get("ips", []):
                self._owned_dedicated("dipps", index, owner, address)
                if self.world.dipp_holding(address) is not None:
                    raise self.fail("dipps", index, f"IP {address} is already in another DIPP")
            delegated = []
            for ref in raw.get("delegated_to", []):
                sub = self._owner("dipps", index, ref)
                if sub.parent_id != owner.id:
                    raise self.fail(
                        "dipps", index, f"{sub.name} is not a subaccount of {owner.name}"
                    )
                if self.world.inherited_dipp(sub) is not None:
                    raise self.fail("dipps", index, f"{sub.name} already inherits a DIPP")
                delegated.append(sub.id)
            dipp = Dipp(
                id=raw.get("id") or self.world.new_id(f"dipp:{raw['name']}"),
                account_id=owner.id,
                name=raw["name"],
                description=raw.get("description", ""),
                ips=list(raw.get("ips", [])),
                delegated_to=delegated,
                deleted=raw.get("deleted", False),
            )
            if dipp.id in self.world.dipps:
                raise self.fail("dipps", index, f"DIPP id {dipp.id} is given twice")
            self.world.dipps[dipp.id] = dipp

    def _dynamic_pools(self, items: list[dict[str, Any]]) -> None:
        for index, raw in enumerate(items):
            owner = self._owner("dynamic_pools", index, raw["account"])
            if owner.parent_id is not None:
                raise self.fail("dynamic_pools", index, "dynamic pools belong to a parent account")
            if owner.id in self.world.dynamic_pools:
                raise self.fail("dynamic_pools", index, f"{owner.name} has dynamic pools twice")
            pools: dict[str, DynamicPool] = {}
            seen: set[str] = set()
            for name, key in POOL_KEYS.items():
                for address in raw[key]:
                    self._owned_dedicated("dynamic_pools", index, owner, address)
                    if address in seen:
                        raise self.fail("dynamic_pools", index, f"IP {address} is in two pools")
                    seen.add(address)
                pools[name] = DynamicPool(
                    id=raw.get("ids", {}).get(name) or self.world.new_id(f"pool:{name}"),
                    account_id=owner.id,
                    name=name,
                    ips=list(raw[key]),
                )
            self.world.dynamic_pools[owner.id] = pools

    def _parents(self, owner: Account, address: str) -> bool:
        """A subaccount's domain may carry its parent's IP (DIPP syncs and assignments put it
        there), so the server's own exported state loads back."""
        ip = self.world.ips.get(address)
        return ip is not None and owner.parent_id is not None and ip.account_id == owner.parent_id

    def _domains(self, items: list[dict[str, Any]]) -> None:
        for index, raw in enumerate(items):
            owner = self._owner("domains", index, raw["account"])
            if raw["name"] in self.world.domains:
                raise self.fail("domains", index, f"domain {raw['name']} is given twice")
            for address in raw.get("ips", []):
                if self.world.find_ip(owner, address) is None and not self._parents(owner, address):
                    raise self.fail("domains", index, f"IP {address} is not an IP of {owner.name}")
            dipp_id = None
            if raw.get("dipp"):
                found = [
                    d
                    for d in self.world.dipps.values()
                    if raw["dipp"] in (d.id, d.name)
                    and (d.account_id == owner.id or owner.id in d.delegated_to)
                ]
                if not found:
                    raise self.fail("domains", index, f"DIPP {raw['dipp']!r} is not {owner.name}'s")
                dipp_id = found[0].id
            pool = raw.get("dynamic_pool")
            if pool is not None and not self.world.pools_of(owner):
                raise self.fail("domains", index, "enrolled, but no dynamic pools are configured")
            domain = Domain(
                id=raw.get("id") or self.world.new_id(f"domain:{raw['name']}"),
                name=raw["name"],
                account_id=owner.id,
                ips=list(raw.get("ips", [])),
                registered_at=self._at("domains", index, raw.get("registered_at")),
                dipp_id=dipp_id,
                pool=pool,
                override=raw.get("override", False),
                metrics=_metrics(raw.get("metrics")),
            )
            if dipp_id is not None and not domain.ips:
                domain.ips = list(self.world.dipps[dipp_id].ips)
            self.world.domains[domain.name] = domain

    def _history(self, items: list[dict[str, Any]]) -> None:
        for index, raw in enumerate(items):
            domain = self.world.domains.get(raw["domain"])
            if domain is None:
                raise self.fail("history", index, f"domain {raw['domain']!r} is not in domains")
            account = self.world.accounts[domain.account_id]
            self.world.history.append(
                HistoryRecord(
                    id=raw.get("id") or self.world.new_id("history"),
                    owning_account_id=self.world.pools_owner(account).id,
                    account_id=account.id,
                    domain_id=domain.id,
                    domain_name=domain.name,
                    prev_band=raw["prev_band"],
                    new_band=raw["new_band"],
                    reason=raw.get("reason", "health_check"),
                    metrics=_metrics(raw.get("metrics")),
                    initiated_by=raw.get("initiated_by", "health_check"),
                    timestamp=self._at("history", index, raw["timestamp"]),
                )
            )

    def _jobs(self, items: list[dict[str, Any]]) -> None:
        for index, raw in enumerate(items):
            if raw["kind"] not in jobs.EFFECTS:
                raise self.fail("jobs", index, f"unknown job kind {raw['kind']!r}")
            problem = _job_args_problem(raw["kind"], raw["args"])
            if problem is not None:
                raise self.fail("jobs", index, problem)
            self.world.jobs.append(
                Job(
                    id=raw["id"],
                    kind=raw["kind"],
                    args=dict(raw["args"]),
                    created=self._at("jobs", index, raw.get("created")),
                    due=raw.get("due"),
                )
            )


# --- export -----------------------------------------------------------------------------------


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _metrics_out(m: Metrics) -> dict[str, Any]:
    return {
        "bounce_rate": m.bounce_rate,
        "complaint_rate": m.complaint_rate,
        "processed_count": m.processed_count,
    }


def export(world: World) -> dict[str, Any]:
    """The whole state in scenario format, ids explicit: `build(export(w))` equals `w`."""
    name: Callable[[str], str] = lambda account_id: world.accounts[account_id].name  # noqa: E731
    settings = world.settings
    return {
        "version": 1,
        "settings": {
            "jobs": settings.jobs,
            "delay": settings.delay,
            "health_interval": settings.health_interval,
            "gateway_headers": settings.gateway_headers,
            "unknown_fields": settings.unknown_fields,
            "health": {
                "new_sender_volume": settings.health.new_sender_volume,
                "poor_bounce_rate": settings.health.poor_bounce_rate,
                "poor_complaint_rate": settings.health.poor_complaint_rate,
            },
        },
        "accounts": [
            {
                "id": a.id,
                "name": a.name,
                **({"parent": a.parent_id} if a.parent_id else {}),
                "keys": list(a.keys),
                "features": {
                    "dipps": a.features.dipps,
                    "dynamic_pools": a.features.dynamic_pools,
                    "ip_bands": a.features.ip_bands,
                    "shared_ips": a.features.shared_ips,
                    "dedicated_ip_limit": a.features.dedicated_ip_limit,
                },
            }
            for a in world.accounts.values()
        ],
        "ips": [
            {
                "address": ip.address,
                "account": name(ip.account_id),
                "dedicated": ip.dedicated,
                "enabled": ip.enabled,
                "rdns": ip.rdns,
                "band": ip.band,
                "warmup": None
                if ip.warmup is None
                else {
                    "started_at": _iso(ip.warmup.started_at),
                    "stage": ip.warmup.stage,
                    "total_stages": ip.warmup.total_stages,
                    "start_volume": ip.warmup.start_volume,
                    "stage_limit": ip.warmup.stage_limit,
                    "hourly_limit": ip.warmup.hourly_limit,
                    "sent_within_stage": ip.warmup.sent_within_stage,
                },
            }
            for ip in world.ips.values()
        ],
        "dipps": [
            {
                "id": d.id,
                "account": name(d.account_id),
                "name": d.name,
                "description": d.description,
                "ips": list(d.ips),
                "delegated_to": [name(s) for s in d.delegated_to],
                "deleted": d.deleted,
            }
            for d in world.dipps.values()
        ],
        "dynamic_pools": [
            {
                "account": name(owner),
                "ids": {n: p.id for n, p in pools.items()},
                **{key: list(pools[n].ips) if n in pools else [] for n, key in POOL_KEYS.items()},
            }
            for owner, pools in world.dynamic_pools.items()
        ],
        "domains": [
            {
                "id": d.id,
                "name": d.name,
                "account": name(d.account_id),
                "ips": list(d.ips),
                "dipp": d.dipp_id,
                "dynamic_pool": d.pool,
                "override": d.override,
                "registered_at": _iso(d.registered_at),
                "metrics": _metrics_out(d.metrics),
            }
            for d in world.domains.values()
        ],
        "history": [
            {
                "id": r.id,
                "domain": r.domain_name,
                "prev_band": r.prev_band,
                "new_band": r.new_band,
                "reason": r.reason,
                "initiated_by": r.initiated_by,
                "timestamp": _iso(r.timestamp),
                "metrics": _metrics_out(r.metrics),
            }
            for r in world.history
        ],
        "jobs": [
            {"id": j.id, "kind": j.kind, "args": j.args, "created": _iso(j.created), "due": j.due}
            for j in world.jobs
        ],
        "serial": world.serial,
    }
