"""Dynamic IP Pool health checks: which pool a domain's sending metrics put it in.

The documentation says domains are placed "based on the result of periodic health checks" but
gives no thresholds. The reference server uses `HealthThresholds` (configurable per scenario):
a domain that has sent fewer than `new_sender_volume` messages is a new sender; otherwise a
bounce rate or complaint rate at or above its threshold is poor reputation; anything else is good.
"""

from __future__ import annotations

from dataclasses import dataclass

from mgip.server.model import Domain, HealthThresholds, HistoryRecord, Metrics, World, now


@dataclass(frozen=True, slots=True)
class Verdict:
    pool: str
    bands: dict[str, tuple[float | int | None, str]]  # metric -> (value, band)


def assess(metrics: Metrics, thresholds: HealthThresholds) -> Verdict:
    volume = metrics.processed_count
    new = volume is None or volume < thresholds.new_sender_volume
    bounce_poor = metrics.bounce_rate is not None and (
        metrics.bounce_rate >= thresholds.poor_bounce_rate
    )
    complaint_poor = metrics.complaint_rate is not None and (
        metrics.complaint_rate >= thresholds.poor_complaint_rate
    )
    if new:
        pool = "dynamic_new"
    elif bounce_poor or complaint_poor:
        pool = "dynamic_poor"
    else:
        pool = "dynamic_good"
    bands: dict[str, tuple[float | int | None, str]] = {
        "bounce_rate": (metrics.bounce_rate, _band(metrics.bounce_rate, bounce_poor)),
        "complaint_rate": (metrics.complaint_rate, _band(metrics.complaint_rate, complaint_poor)),
        "processed_count": (volume, "unknown" if volume is None else ("new" if new else "good")),
    }
    return Verdict(pool=pool, bands=bands)


def _band(value: float | None, poor: bool) -> str:
    if value is None:
        return "unknown"
    return "poor" if poor else "good"


def record_move(
    world: World, domain: Domain, prev: str, new: str, *, reason: str, initiated_by: str
) -> HistoryRecord:
    account = world.accounts[domain.account_id]
    record = HistoryRecord(
        id=world.new_id("history"),
        owning_account_id=world.pools_owner(account).id,
        account_id=account.id,
        domain_id=domain.id,
        domain_name=domain.name,
        prev_band=prev,
        new_band=new,
        reason=reason,
        metrics=Metrics(
            domain.metrics.bounce_rate,
            domain.metrics.complaint_rate,
            domain.metrics.processed_count,
        ),
        initiated_by=initiated_by,
        timestamp=now(),
    )
    world.history.append(record)
    return record


def place(world: World, domain: Domain, pool: str, reason: str, initiated_by: str) -> bool:
    """Put an enrolled domain in `pool` and give it the pool's IPs; True (and recorded) if moved."""
    prev = domain.pool or ""
    domain.pool = pool
    follow_pool(world, domain)
    if prev == pool:
        return False
    record_move(world, domain, prev, pool, reason=reason, initiated_by=initiated_by)
    return True


def follow_pool(world: World, domain: Domain) -> None:
    account = world.accounts[domain.account_id]
    pool = world.pools_of(account).get(domain.pool or "")
    if pool is not None and pool.ips:
        domain.ips = list(pool.ips)


def periodic(world: World, moment: float) -> list[Domain]:
    """The periodic round, when `health_interval` seconds have passed since the last one."""
    interval = world.settings.health_interval
    if interval <= 0 or moment - world.last_health_round < interval:
        return []
    world.last_health_round = moment
    return run(world, list(world.domains.values()))


def run(world: World, domains: list[Domain], initiated_by: str = "health_check") -> list[Domain]:
    """One health-check round over enrolled domains without an override; the domains moved."""
    moved = []
    for domain in domains:
        if not domain.enrolled or domain.override:
            continue
        verdict = assess(domain.metrics, world.settings.health)
        if place(world, domain, verdict.pool, "health_check", initiated_by):
            moved.append(domain)
    return moved
