"""The domain model of the reference server: accounts, IPs, domains, DIPPs, dynamic pools.

`World` holds the whole state of one server. Handlers change it only through plain attribute
writes and the queries below; nothing here knows about HTTP.
"""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

# The three pools the documentation names, and the keys of the list response that mirror them.
POOL_KEYS: dict[str, str] = {
    "dynamic_good": "good_reputation",
    "dynamic_poor": "poor_reputation",
    "dynamic_new": "new_senders",
}
POOL_NAMES = tuple(POOL_KEYS)

# Addresses the server hands out (new dedicated IPs, system-chosen shared IPs) come from the
# documentation ranges of RFC 5737, so a mock never names a real host.
ALLOCATION_RANGES = ("203.0.113.0/24", "198.51.100.0/24")


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def is_ip_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


@dataclass(slots=True)
class Features:
    """What an account may do. The defaults describe a fully featured parent account."""

    dipps: bool = True
    dynamic_pools: bool = True
    ip_bands: bool = True
    shared_ips: bool = True
    dedicated_ip_limit: int = 10


@dataclass(slots=True)
class Account:
    id: str
    name: str
    keys: list[str]
    features: Features
    parent_id: str | None = None


@dataclass(slots=True)
class Warmup:
    """An in-flight warm-up plan of a dedicated IP."""

    started_at: datetime
    stage: int = 1
    total_stages: int = 20
    start_volume: int = 100
    stage_limit: int = 1000
    hourly_limit: int = 100
    sent_within_stage: int = 0  # percent


@dataclass(slots=True)
class Ip:
    address: str
    account_id: str
    dedicated: bool
    enabled: bool = True
    rdns: str = ""
    band: str | None = None
    warmup: Warmup | None = None


@dataclass(slots=True)
class Metrics:
    """Sending metrics a health check reads; None means not measured yet."""

    bounce_rate: float | None = None
    complaint_rate: float | None = None
    processed_count: int | None = None


@dataclass(slots=True)
class Domain:
    id: str
    name: str
    account_id: str
    ips: list[str]
    registered_at: datetime
    dipp_id: str | None = None
    pool: str | None = None  # the dynamic pool while enrolled
    override: bool = False
    metrics: Metrics = field(default_factory=Metrics)

    @property
    def enrolled(self) -> bool:
        return self.pool is not None


@dataclass(slots=True)
class Dipp:
    id: str
    account_id: str
    name: str
    description: str
    ips: list[str]
    delegated_to: list[str] = field(default_factory=list)
    # Deleted by its owner but not yet retired by the background job: the owner no longer sees
    # it, subaccounts and linked domains still do until the job has run.
    deleted: bool = False


@dataclass(slots=True)
class DynamicPool:
    id: str
    account_id: str
    name: str
    ips: list[str]
    enabled: bool = True


@dataclass(slots=True)
class HistoryRecord:
    id: str
    owning_account_id: str
    account_id: str
    domain_id: str
    domain_name: str
    prev_band: str
    new_band: str
    reason: str
    metrics: Metrics
    initiated_by: str
    timestamp: datetime


@dataclass(slots=True)
class Job:
    """A documented asynchronous effect waiting to happen. `due` is a Unix time, None = manual."""

    id: str
    kind: str
    args: dict[str, Any]
    created: datetime
    due: float | None


@dataclass(slots=True)
class HealthThresholds:
    """How a health check bands a domain. The documentation gives no figures; these are ours."""

    new_sender_volume: int = 1000
    poor_bounce_rate: float = 0.05
    poor_complaint_rate: float = 0.001


UNKNOWN_FIELDS = ("refuse", "ignore")


@dataclass(slots=True)
class Settings:
    # "immediate": jobs run right after the response that started them; "delay": they run
    # `delay` seconds later (checked on every request); "manual": only on a settle request.
    jobs: str = "immediate"
    delay: float = 0.0
    # Seconds between periodic health-check rounds (checked on every request); 0 = only on
    # request through the control interface, which keeps tests deterministic.
    health_interval: float = 0.0
    # Act as a server behind Mailgun's gateway: the X-Mailgun-* headers the documentation lists
    # on an operation are required (the public API derives them from the key).
    gateway_headers: bool = False
    # "refuse": a query parameter, form field or JSON property the operation does not declare
    # is refused (rule dipp_unknown_fields_refused, mgip's convention); "ignore": it is
    # ignored, as a lenient server would (`mgip mock --lenient`).
    unknown_fields: str = "refuse"
    health: HealthThresholds = field(default_factory=HealthThresholds)


@dataclass(slots=True)
class World:
    accounts: dict[str, Account] = field(default_factory=dict)
    ips: dict[str, Ip] = field(default_factory=dict)
    domains: dict[str, Domain] = field(default_factory=dict)
    dipps: dict[str, Dipp] = field(default_factory=dict)
    dynamic_pools: dict[str, dict[str, DynamicPool]] = field(default_factory=dict)
    history: list[HistoryRecord] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    serial: int = 0
    last_health_round: float = 0.0

    # --- identity -----------------------------------------------------------------------------
    def new_id(self, kind: str) -> str:
        """A 24-hex id shaped like Mailgun's, deterministic for a given scenario and history."""
        self.serial += 1
        return hashlib.sha1(f"{kind}:{self.serial}".encode()).hexdigest()[:24]

    def allocate_address(self) -> str:
        for network in ALLOCATION_RANGES:
            for host in ipaddress.ip_network(network).hosts():
                if str(host) not in self.ips:
                    return str(host)
        raise RuntimeError("the documentation address ranges are exhausted")

    # --- accounts -----------------------------------------------------------------------------
    def account_for_key(self, key: str) -> Account | None:
        for account in self.accounts.values():
            if key in account.keys:
                return account
        return None

    def subaccounts(self, account: Account) -> list[Account]:
        return [a for a in self.accounts.values() if a.parent_id == account.id]

    def family(self, account: Account) -> list[Account]:
        """The account and its subaccounts."""
        return [account, *self.subaccounts(account)]

    def pools_owner(self, account: Account) -> Account:
        """Dynamic pools are configured on the parent account and shared with its subaccounts."""
        if account.parent_id is not None and account.parent_id in self.accounts:
            return self.accounts[account.parent_id]
        return account

    # --- IPs ----------------------------------------------------------------------------------
    def account_ips(self, account: Account) -> list[Ip]:
        """The IPs an account may use: its own, those of the DIPP it inherited, and (for a
        subaccount) its parent's IPs that the parent gave to its domains."""
        own = [ip for ip in self.ips.values() if ip.account_id == account.id]
        seen = {ip.address for ip in own}
        for address in self._borrowed(account):
            if address in self.ips and address not in seen:
                seen.add(address)
                own.append(self.ips[address])
        return own

    def _borrowed(self, account: Account) -> list[str]:
        if account.parent_id is None:
            return []
        inherited = self.inherited_dipp(account)
        addresses = list(inherited.ips) if inherited is not None else []
        for domain in self.domains.values():
            if domain.account_id == account.id:
                addresses += [
                    a
                    for a in domain.ips
                    if a in self.ips and self.ips[a].account_id == account.parent_id
                ]
        return addresses

    def find_ip(self, account: Account, address: str) -> Ip | None:
        ip = self.ips.get(address)
        if ip is None:
            return None
        if ip.account_id == account.id:
            return ip
        return ip if address in self._borrowed(account) else None

    def shared_ip_for(self, account: Account) -> str:
        """A shared IP for the account: one it already has, or a new one from the system."""
        for ip in self.account_ips(account):
            if not ip.dedicated and ip.enabled:
                return ip.address
        address = self.allocate_address()
        self.ips[address] = Ip(address=address, account_id=account.id, dedicated=False)
        return address

    # --- domains ------------------------------------------------------------------------------
    def account_domains(self, account: Account) -> list[Domain]:
        return sorted(
            (d for d in self.domains.values() if d.account_id == account.id), key=lambda d: d.id
        )

    def family_domains(self, account: Account) -> list[Domain]:
        ids = {a.id for a in self.family(account)}
        return sorted((d for d in self.domains.values() if d.account_id in ids), key=lambda d: d.id)

    def find_domain(self, account: Account, name: str) -> Domain | None:
        domain = self.domains.get(name)
        return domain if domain is not None and domain.account_id == account.id else None

    def domain_by_id(self, account: Account, domain_id: str) -> Domain | None:
        for domain in self.domains.values():
            if domain.id == domain_id and domain.account_id == account.id:
                return domain
        return None

    # --- DIPPs --------------------------------------------------------------------------------
    def inherited_dipp(self, account: Account) -> Dipp | None:
        for dipp in self.dipps.values():
            if account.id in dipp.delegated_to:
                return dipp
        return None

    def visible_dipps(self, account: Account) -> list[Dipp]:
        own = [d for d in self.dipps.values() if d.account_id == account.id and not d.deleted]
        inherited = self.inherited_dipp(account)
        return [*([inherited] if inherited is not None else []), *own]

    def find_dipp(self, account: Account, pool_id: str) -> Dipp | None:
        for dipp in self.visible_dipps(account):
            if dipp.id == pool_id:
                return dipp
        return None

    def dipp_holding(self, address: str) -> Dipp | None:
        for dipp in self.dipps.values():
            if address in dipp.ips:
                return dipp
        return None

    def linked_domains(self, dipp: Dipp, viewer: Account) -> list[Domain]:
        """Domains linked to a DIPP as `viewer` sees them: the owner sees its subaccounts' too."""
        scope = self.family(viewer) if dipp.account_id == viewer.id else [viewer]
        ids = {a.id for a in scope}
        return sorted(
            (d for d in self.domains.values() if d.dipp_id == dipp.id and d.account_id in ids),
            key=lambda d: d.id,
        )

    # --- dynamic pools ------------------------------------------------------------------------
    def pools_of(self, account: Account) -> dict[str, DynamicPool]:
        return self.dynamic_pools.get(self.pools_owner(account).id, {})

    def dynamic_pool_holding(self, account: Account, address: str) -> DynamicPool | None:
        for pool in self.pools_of(account).values():
            if address in pool.ips:
                return pool
        return None

    def enrolled_domains(self, owner: Account) -> Iterator[Domain]:
        return (d for d in self.family_domains(owner) if d.enrolled)
