"""What a scoped run creates, it deletes; what it changes, it puts back.

`Keeper.start` reads the scope's objects through the public API before the state machine's first
step (the `Snapshot`); `Keeper.finish` deletes the DIPPs the run created, puts every scoped object
back as it was read, reads again and returns what still differs: each line a finding. The writes
it sends are built from the snapshot alone, so they name the scoped objects and the values they
held before the run (the DIPP a domain was linked to, the IPs of a dynamic pool), and, when a
domain must get its single IP back, a temporary DIPP it creates and deletes. See
`mgip.contracts.scope` for the scope format and what the guard lets through during the run.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from mailgun_ip_client import ApiError

from mgip.contracts.scope import Scope
from mgip.contracts.wire import TargetFault, TargetGone

POOL_FIELDS = {
    "dynamic_good": "good_reputation",
    "dynamic_poor": "poor_reputation",
    "dynamic_new": "new_senders",
}
# Asynchronous effects (a deleted DIPP's domains, an IP's linked domains) may take a moment on a
# real account: the final read is repeated, a bounded number of times, while something differs.
SETTLE_READS = 5
SETTLE_PAUSE = 1.0


@dataclass(slots=True)
class Snapshot:
    """The scoped objects as the public API shows them, in plain values that compare with ==."""

    ips: dict[str, dict[str, Any]] = field(default_factory=dict)
    domains: dict[str, dict[str, Any]] = field(default_factory=dict)
    dipps: dict[str, dict[str, Any]] = field(default_factory=dict)
    dynamic: dict[str, list[str]] | None = None  # only when the scope allows changing them
    pool_ids: set[str] = field(default_factory=set)  # every DIPP the account lists

    def differences(self, other: Snapshot) -> list[str]:
        """How `other` departs from this snapshot, one line per object."""
        lines = []
        for kind, mine, theirs in (
            ("IP", self.ips, other.ips),
            ("domain", self.domains, other.domains),
            ("DIPP", self.dipps, other.dipps),
        ):
            for name, was in mine.items():
                now = theirs.get(name)
                if now != was:
                    lines.append(f"{kind} {name} was {_shown(was)}, is {_shown(now)}")
        if self.dynamic != other.dynamic:
            lines.append(f"the dynamic pools were {self.dynamic}, are {other.dynamic}")
        return lines


def _shown(value: dict[str, Any] | None) -> str:
    if value is None:
        return "absent"
    return ", ".join(f"{k}={v}" for k, v in value.items() if k != "id")


def _optional(read: Callable[[], Any], default: Any) -> Any:
    """A read the account may refuse (a feature it does not have), or the target may not
    implement (an answer off the spec): `default` then. A target gone is not hidden."""
    try:
        return read()
    except ApiError:
        return default
    except TargetFault as fault:
        if isinstance(fault, TargetGone):
            raise
        return default


def _domains_of(client: Any, ip: str) -> list[Any]:
    return list(client.ips.list_domains(ip, limit=1000).items)


def _linked_of(client: Any, pool_id: str) -> Any:
    return client.dipps.get(pool_id).details.linked_domains


def read(client: Any, scope: Scope) -> Snapshot:
    """The scoped objects, read through the public API."""
    listed = list(client.ips.list_all().items)
    warming = {w.ip for w in _optional(lambda: client.warmups.list_all(limit=1000).items, [])}
    pools = list(_optional(lambda: client.dipps.list_all().ip_pools, []))
    dynamic_pools = _optional(lambda: client.dynamic_pools.list_all().pools, [])
    dynamic = {p.name: sorted(p.ips) for p in dynamic_pools}
    enrolled = {d.name: d for d in _optional(lambda: client.dynamic_pools.list_domains().items, [])}
    assignable = _optional(lambda: client.dynamic_pools.list_assignable_domains().items, [])
    ids = {d.name: d.id for d in assignable} | {n: d.id for n, d in enrolled.items()}
    # Which IPs each domain has: an IP's domains are listed per IP, so every IP is read.
    domain_ips: dict[str, list[str]] = {}
    ip_domains: dict[str, list[str]] = {}
    for ip in listed:
        items: list[Any] = _optional(partial(_domains_of, client, ip), [])
        ip_domains[ip] = sorted(item.domain for item in items)
        for item in items:
            domain_ips.setdefault(item.domain, list(item.ips))
    linked: dict[str, str] = {}
    for pool in pools:
        if not pool.is_inherited:
            names = _optional(partial(_linked_of, client, pool.pool_id), [])
            linked.update({n: pool.pool_id for n in (names if isinstance(names, list) else [])})
    snapshot = Snapshot(pool_ids={p.pool_id for p in pools})
    for ip in sorted(scope.ips & set(listed)):
        snapshot.ips[ip] = {
            "domains": ip_domains.get(ip, []),
            "dipp": next((p.pool_id for p in pools if ip in p.ips), None),
            "dynamic_pool": next((n for n, held in dynamic.items() if ip in held), None),
            "warming": ip in warming,
        }
    for name in sorted(scope.domains & (set(ids) | set(domain_ips))):
        entry = enrolled.get(name)
        snapshot.domains[name] = {
            "id": ids.get(name),
            "ips": sorted(domain_ips.get(name, [])),
            "dipp": linked.get(name),
            "pool": entry.pool if entry is not None else None,
            "override": bool(entry.override) if entry is not None else False,
        }
    for pool in pools:
        if pool.pool_id in scope.dipps:
            snapshot.dipps[pool.pool_id] = {
                "name": pool.name,
                "description": pool.description,
                "ips": sorted(pool.ips),
            }
    if scope.dynamic_pools:
        snapshot.dynamic = dynamic
    return snapshot


class Keeper:
    """Reads the scope before the run; afterwards deletes what it created and puts back the rest."""

    def __init__(self, client: Any, scope: Scope, before: Snapshot) -> None:
        self.client = client
        self.scope = scope
        self.before = before
        self.writes: list[str] = []  # every write the put-back sent, accepted or not
        self.refused: list[str] = []
        self.restarted: set[str] = set()  # IPs whose cancelled warm-up the put-back restarted
        self.settle_pause = SETTLE_PAUSE

    @classmethod
    def start(cls, target: Any, guard: Any, profile: str = "public") -> Keeper:
        """Read the scope before the run, and tell `guard` the ids of the scope's domains (DIPP
        links name domains by id). The keeper's own client sends through the transport under
        the guard: its writes are the put-back, built from what it read here."""
        from mailgun_ip_client import MailgunIp

        from mgip.contracts import profiles

        options: dict[str, Any] = dict(profiles.client_options(profile, target.account_id))
        options["httpx_args"] = {"transport": guard.inner}
        client = MailgunIp(target.api_key, base_url=target.base_url, timeout=10.0, **options)
        before = read(client, guard.scope)
        guard.domain_ids |= {d["id"] for d in before.domains.values() if d["id"]}
        return cls(client, guard.scope, before)

    def _send(self, call: str, *args: Any, **kwargs: Any) -> Any:
        """Call the client's `section.method` with the arguments; its answer, or None if refused."""
        section, method = call.split(".")
        shown = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
        description = f"{call}({', '.join(shown)})"
        self.writes.append(description)
        try:
            return getattr(getattr(self.client, section), method)(*args, **kwargs)
        except ApiError as error:
            self.refused.append(f"{description}: HTTP {error.status_code} {error.message}")
            return None
        except TargetFault as fault:  # an answer off the spec: the rest is still put back
            if isinstance(fault, TargetGone):
                raise
            self.refused.append(f"{description}: {fault.finding}")
            return None

    def finish(self, created: set[str]) -> list[str]:
        """Delete the DIPPs the run created, put the scope back; what could not be, as findings."""
        try:
            self._put_back(created)
            findings = self.before.differences(self._settled())
        except Exception as exc:  # a read or write the target could not take at all
            return [f"putting the scope back stopped: {type(exc).__name__}: {exc}"]
        findings += [
            f"IP {ip}: its warm-up plan was cancelled; it was started again from the first stage"
            for ip in sorted(self.restarted)
        ]
        if findings:
            findings += [f"a write of the put-back was refused: {r}" for r in self.refused]
        return findings

    def _settled(self) -> Snapshot:
        for _ in range(SETTLE_READS - 1):
            now = read(self.client, self.scope)
            if not self.before.differences(now):
                return now
            time.sleep(self.settle_pause)
        return read(self.client, self.scope)

    # --- the put-back, in an order that lets each step succeed -----------------------------------
    def _put_back(self, created: set[str]) -> None:
        now = read(self.client, self.scope)
        # 1. Scoped IPs leave the DIPPs they joined (the run could only put them in scoped or
        #    created ones), so that domains can take them as replacements and DIPPs can go.
        for ip, was in self.before.ips.items():
            pool = now.ips.get(ip, {}).get("dipp")
            if pool is not None and pool != was["dipp"]:
                self._send("dipps.remove_ip", pool, ip)
        # 2. Warm-ups, before the dynamic pools (each pool must keep an IP that is not warming).
        for ip, was in self.before.ips.items():
            warming = now.ips.get(ip, {}).get("warming")
            if was["warming"] and warming is False:
                self.restarted.add(ip)
                self._send("warmups.create", ip)
            elif not was["warming"] and warming:
                self._send("warmups.cancel", ip)
        # 3. The dynamic pools, all at once.
        if self.before.dynamic is not None and self.before.dynamic != now.dynamic:
            from mailgun_ip_client.models import SetDynamicPoolsForm

            lists = {key: self.before.dynamic.get(name, []) for name, key in POOL_FIELDS.items()}
            self._send("dynamic_pools.set_all", body=SetDynamicPoolsForm(**lists))
        # 4. Scoped DIPPs: name, description, IPs.
        for pool_id, was in self.before.dipps.items():
            self._put_back_dipp(pool_id, was, now.dipps.get(pool_id))
        # 5. Scoped domains: enrolment, link, IPs.
        now = read(self.client, self.scope)
        for name, was in self.before.domains.items():
            if now.domains.get(name) != was:
                self._put_back_domain(name, was, now.domains.get(name, was))
        # 6. The DIPPs the run created, now that no scoped domain or IP needs them.
        for pool_id in sorted(created - self.before.pool_ids):
            self._delete_created(pool_id)
        # 7. Scoped IPs join the DIPPs they were in.
        now = read(self.client, self.scope)
        for ip, was in self.before.ips.items():
            if was["dipp"] is not None and now.ips.get(ip, {}).get("dipp") is None:
                self._send("dipps.add_ip", was["dipp"], ip)

    def _put_back_dipp(self, pool_id: str, was: dict[str, Any], now: dict[str, Any] | None) -> None:
        from mailgun_ip_client.models import EditDippForm

        if now is None:
            return  # deleted: the guard never lets a run delete a DIPP it did not create
        fields: dict[str, Any] = {}
        if now["name"] != was["name"]:
            fields["name"] = was["name"]
        if now["description"] != was["description"]:
            fields["description"] = was["description"]
        extra = [ip for ip in now["ips"] if ip not in was["ips"]]
        missing = [ip for ip in was["ips"] if ip not in now["ips"]]
        if extra:
            fields["remove_ip"] = extra
        if missing:
            fields["add_ip"] = missing
        if fields:
            self._send("dipps.edit", pool_id, body=EditDippForm(**fields))

    def _put_back_domain(self, name: str, was: dict[str, Any], now: dict[str, Any]) -> None:
        from mailgun_ip_client.models import EditDippForm, OverrideForm

        if was["pool"] is not None:  # it was enrolled in Dynamic IP Pools
            if now["pool"] is None and now["dipp"] is not None:
                # A linked domain's IPs cannot change, so it cannot be enrolled: unlink it first,
                # with one of the IPs it had (the pool's; enrolling replaces them anyway).
                replacement = was["ips"][0] if was["ips"] else "shared"
                self._send("ips.remove_domain_ip", name, "ip_pool", ip_query=replacement)
            if now["pool"] is None:
                self._send("dynamic_pools.enroll_domain", name)
            if was["override"]:
                self._send("dynamic_pools.set_override", name, body=OverrideForm(pool=was["pool"]))
            elif now["override"]:
                self._send("dynamic_pools.remove_override", name)
        elif was["dipp"] is not None:  # it was linked to a DIPP
            pool = was["dipp"]
            if now["pool"] is not None:
                self._send("dynamic_pools.unenroll_domain", name, replacement_pool_id=pool)
            elif now["dipp"] is not None:
                self._send("ips.remove_domain_ip", name, "ip_pool", pool_id=pool)
            elif was["id"]:
                self._send("dipps.edit", pool, body=EditDippForm(link_domain=[was["id"]]))
        else:
            self._put_back_domain_ips(name, was, now)

    def _put_back_domain_ips(self, name: str, was: dict[str, Any], now: dict[str, Any]) -> None:
        """A domain that had IPs of its own (neither enrolled nor linked) gets them back."""
        from mailgun_ip_client.models import CreateDippForm, EditDippForm

        wanted, has = was["ips"], now["ips"]
        if now["pool"] is not None:  # leaving the dynamic pools gives it exactly `wanted`
            self._send("dynamic_pools.unenroll_domain", name, replacement_ip=wanted or ["shared"])
            if not wanted:
                self._send("ips.remove_domain_ip", name, "all")
            return
        if now["dipp"] is not None and len(wanted) == 1:  # unlinking with an IP gives it that IP
            self._send("ips.remove_domain_ip", name, "ip_pool", ip_query=wanted[0])
            return
        if now["dipp"] is not None:  # unlinked, it keeps the DIPP's IPs; then as below
            self._send("dipps.edit", now["dipp"], body=EditDippForm(unlink_domain=[was["id"]]))
        if not wanted:
            self._send("ips.remove_domain_ip", name, "all")
            return
        if set(wanted) <= set(has):
            for ip in sorted(set(has) - set(wanted)):
                self._send("ips.remove_domain_ip", name, ip)
            return
        # It lacks an IP, and no operation adds one IP to one domain: link it to a temporary
        # empty DIPP and unlink it with its IP as the replacement (one IP), or enroll it and
        # leave with its IPs as replacements (several).
        if len(wanted) == 1 and was["id"]:
            form = CreateDippForm(name="mgip-put-back", description="mgip puts a domain back")
            made = self._send("dipps.create", body=form)
            if made is not None:
                self._send("dipps.edit", made.pool_id, body=EditDippForm(link_domain=[was["id"]]))
                self._send("ips.remove_domain_ip", name, "ip_pool", ip_query=wanted[0])
                self._delete_created(made.pool_id)
                return
        self._send("dynamic_pools.enroll_domain", name)
        self._send("dynamic_pools.unenroll_domain", name, replacement_ip=wanted)

    def _delete_created(self, pool_id: str) -> None:
        from mailgun_ip_client.models import EditDippForm

        try:
            details = self.client.dipps.get(pool_id).details
        except ApiError:
            return  # already gone (deleted by the run)
        if details.ips:  # a DIPP with IPs is deleted only with a replacement: empty it first
            self._send("dipps.edit", pool_id, body=EditDippForm(remove_ip=list(details.ips)))
        self._send("dipps.delete", pool_id)
