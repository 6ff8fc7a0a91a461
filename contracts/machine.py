"""Layer 3: a Hypothesis state machine that changes the target and checks the rules after each step.

The steps are the writes a client makes (DIPPs, dynamic pools, enrollment, overrides, warm-ups),
with arguments drawn from what the target lists at that moment, so most of them are meaningful.
A refusal is an acceptable outcome of a step; what must hold is every invariant in
`contracts.invariants`, read back through the generated client after every step. Hypothesis
shrinks a failure to the shortest sequence of steps that still breaks the rule.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from typing import Any

import hypothesis.strategies as st
from hypothesis import HealthCheck, settings
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from mailgun_ip_client import ApiError

from contracts.invariants import CHECKS, View
from contracts.target import Target

POOL_NAMES = ("dynamic_good", "dynamic_poor", "dynamic_new")


@dataclass(slots=True)
class CheckOutcome:
    name: str
    rules: tuple[str, ...]
    runs: int = 0
    problems: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)


@dataclass(slots=True)
class MachineResult:
    checks: dict[str, CheckOutcome]
    steps: int = 0
    requests: int = 0
    seconds: float = 0.0
    error: str | None = None


class _Recorder:
    """Shared by the machine instances of one run: what ran, what failed, after which steps."""

    def __init__(self) -> None:
        self.outcomes = {c.name: CheckOutcome(c.name, c.rules) for c in CHECKS}
        self.steps = 0


def _client(target: Target, profile: str) -> Any:
    from mailgun_ip_client import MailgunIp

    from contracts import profiles

    options: dict[str, Any] = {}
    if profile == "gateway":
        options = {
            "account_id": target.account_id,
            "requestor": profiles.REQUESTOR,
            "requestor_client": profiles.REQUESTOR_CLIENT,
        }
    if target.app is not None:
        from reference_server.testing import SyncASGITransport

        options["httpx_args"] = {"transport": SyncASGITransport(target.app)}
    return MailgunIp(target.api_key, base_url=target.base_url, **options)


def build_machine(target: Target, recorder: _Recorder, client: Any) -> type[RuleBasedStateMachine]:
    writes = not target.read_only

    class IpManagement(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.log: list[str] = []

        @initialize()
        def start_from_the_scenario(self) -> None:
            if target.app is not None:
                from reference_server import scenario

                target.app.world = scenario.build(target.app.reset_to, scenario.SCHEMA)

        def _view(self) -> View:
            return View(client)

        def _do(self, description: str, action: Any) -> None:
            self.log.append(description)
            recorder.steps += 1
            # A refusal is a possible outcome of a step; the invariants say what must hold.
            with contextlib.suppress(ApiError):
                action()

        # --- steps -----------------------------------------------------------------------------
        @rule(data=st.data())
        def create_dipp(self, data: st.DataObject) -> None:
            if not writes:
                return
            from mailgun_ip_client.models import CreateDippForm

            view = self._view()
            candidates = list(getattr(view.ips(dedicated=True), "items", []))
            chosen = (
                data.draw(st.lists(st.sampled_from(candidates), max_size=3, unique=True))
                if candidates
                else []
            )
            form = CreateDippForm(
                name=f"pool-{len(self.log)}", description="made by mgip", ip=chosen
            )
            self._do(f"dipps.create(ip={chosen})", lambda: client.dipps.create(body=form))

        @rule(data=st.data())
        def add_ip_to_dipp(self, data: st.DataObject) -> None:
            view = self._view()
            pools = [p.pool_id for p in view.dipps()]
            ips = list(view.ips().items)
            if not writes or not pools or not ips:
                return
            pool, ip = data.draw(st.sampled_from(pools)), data.draw(st.sampled_from(ips))
            self._do(f"dipps.add_ip({pool}, {ip})", lambda: client.dipps.add_ip(pool, ip))

        @rule(data=st.data())
        def remove_ip_from_dipp(self, data: st.DataObject) -> None:
            pairs = [(p.pool_id, ip) for p in self._view().dipps() for ip in p.ips]
            if not writes or not pairs:
                return
            pool, ip = data.draw(st.sampled_from(pairs))
            self._do(f"dipps.remove_ip({pool}, {ip})", lambda: client.dipps.remove_ip(pool, ip))

        @rule(data=st.data())
        def delete_dipp(self, data: st.DataObject) -> None:
            view = self._view()
            pools = [p.pool_id for p in view.dipps()]
            if not writes or not pools:
                return
            pool = data.draw(st.sampled_from(pools))
            replacement = data.draw(st.sampled_from(["none", "shared", "pool", "ip"]))
            kwargs: dict[str, str] = {}
            if replacement == "shared":
                kwargs["ip"] = "shared"
            elif replacement == "pool":
                kwargs["pool_id_query"] = data.draw(st.sampled_from(pools))
            elif replacement == "ip" and view.ips(dedicated=True).items:
                kwargs["ip"] = data.draw(st.sampled_from(list(view.ips(dedicated=True).items)))
            self._do(f"dipps.delete({pool}, {kwargs})", lambda: client.dipps.delete(pool, **kwargs))

        @rule(data=st.data())
        def set_dynamic_pools(self, data: st.DataObject) -> None:
            from mailgun_ip_client.models import SetDynamicPoolsForm

            dedicated = list(self._view().ips(dedicated=True).items)
            if not writes or len(dedicated) < 3:
                return
            shuffled = data.draw(st.permutations(dedicated))
            cut = data.draw(st.integers(1, len(shuffled) - 2))
            cut2 = data.draw(st.integers(cut + 1, len(shuffled) - 1))
            form = SetDynamicPoolsForm(
                good_reputation=list(shuffled[:cut]),
                poor_reputation=list(shuffled[cut:cut2]),
                new_senders=list(shuffled[cut2:]),
            )
            self._do("dynamic_pools.set_all(...)", lambda: client.dynamic_pools.set_all(body=form))

        @rule(data=st.data())
        def add_ip_to_dynamic_pool(self, data: st.DataObject) -> None:
            ips = list(self._view().ips().items)
            if not writes or not ips:
                return
            pool, ip = data.draw(st.sampled_from(POOL_NAMES)), data.draw(st.sampled_from(ips))
            self._do(
                f"dynamic_pools.add_ip({pool}, {ip})", lambda: client.dynamic_pools.add_ip(pool, ip)
            )

        @rule(data=st.data())
        def update_dynamic_pool(self, data: st.DataObject) -> None:
            from mailgun_ip_client.models import UpdateDynamicPoolForm

            ips = list(self._view().ips().items)
            if not writes or not ips:
                return
            pool = data.draw(st.sampled_from(POOL_NAMES))
            add = data.draw(st.lists(st.sampled_from(ips), max_size=2, unique=True))
            remove = data.draw(st.lists(st.sampled_from(ips), max_size=2, unique=True))
            form = UpdateDynamicPoolForm(add_ip=add, remove_ip=remove)
            self._do(
                f"dynamic_pools.update({pool}, add={add}, remove={remove})",
                lambda: client.dynamic_pools.update(pool, body=form),
            )

        @rule(data=st.data())
        def enroll_or_leave(self, data: st.DataObject) -> None:
            view = self._view()
            names = sorted({d.name for d in view.assignable()} | {d.name for d in view.enrolled()})
            if not writes or not names:
                return
            name = data.draw(st.sampled_from(names))
            if data.draw(st.booleans()):
                self._do(
                    f"dynamic_pools.enroll_domain({name})",
                    lambda: client.dynamic_pools.enroll_domain(name),
                )
            else:
                self._do(
                    f"dynamic_pools.unenroll_domain({name}, shared)",
                    lambda: client.dynamic_pools.unenroll_domain(name, replacement_ip=["shared"]),
                )

        @rule(data=st.data())
        def warm_up_or_cancel(self, data: st.DataObject) -> None:
            ips = list(self._view().ips(dedicated=True).items)
            if not writes or not ips:
                return
            ip = data.draw(st.sampled_from(ips))
            if data.draw(st.booleans()):
                self._do(f"warmups.create({ip})", lambda: client.warmups.create(ip))
            else:
                self._do(f"warmups.cancel({ip})", lambda: client.warmups.cancel(ip))

        # --- the rules -------------------------------------------------------------------------
        @invariant()
        def the_rules_hold(self) -> None:
            view = self._view()
            broken = []
            for item in CHECKS:
                outcome = recorder.outcomes[item.name]
                outcome.runs += 1
                problems = item.run(view)
                if problems:
                    broken.append((item, problems))
            if broken:
                lines = []
                for item, problems in broken:
                    outcome = recorder.outcomes[item.name]
                    outcome.problems = problems
                    outcome.steps = list(self.log)
                    lines.append(f"{item.name} ({', '.join(item.rules)}): {'; '.join(problems)}")
                raise AssertionError("\n".join(lines))

    return IpManagement


def run(
    target: Target, *, seed: int, max_examples: int, steps: int, profile: str = "public"
) -> MachineResult:
    recorder = _Recorder()
    client = _client(target, profile)
    machine = build_machine(target, recorder, client)
    started = time.perf_counter()
    result = MachineResult(checks=recorder.outcomes)
    config = settings(
        max_examples=max_examples,
        stateful_step_count=steps,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    from hypothesis import seed as with_seed

    try:
        # @seed on the machine class is what Hypothesis's stateful runner reads.
        run_state_machine_as_test(with_seed(seed)(machine), settings=config)
    except AssertionError as exc:
        result.error = str(exc).splitlines()[0] if str(exc) else "a rule failed"
    except Exception as exc:  # a step the target could not take at all (transport, decoding)
        result.error = target.redact(f"the state machine stopped: {type(exc).__name__}: {exc}")
    finally:
        client.close()
    result.steps = recorder.steps
    result.seconds = time.perf_counter() - started
    return result
