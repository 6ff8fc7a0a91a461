"""Layer 3: a Hypothesis state machine that changes the target and checks the rules after each step.

The steps are the writes a client makes (DIPPs, dynamic pools, enrollment, overrides, warm-ups),
with arguments drawn from what the target lists at that moment, so most of them are meaningful.
A refusal is an acceptable outcome of a step; what must hold is every invariant in
`mgip.contracts.invariants`, read back through the generated client. After a step that was accepted,
the invariants that read a section of the state the step may change (`STEP_CHANGES`) run again;
at the end of every example all of them do, on fresh reads, so a change a server makes where it
should not is still caught. Hypothesis shrinks a failure to the shortest sequence of steps that
still breaks the rule.

The modules: `records` (what each check covers, what each step may change, the record of a run),
`base` (the machine's shared machinery and the invariants), one module of steps per section of
the API (`ips`, `domain_ips`, `dipps`, `dynamic_pools`, `dynamic_domains`, `warmups`), and
`runner` (the machine composed from them, and the run). A tunable such as `base.SETTLE_SECONDS`
or `runner.EXTRA_ROUNDS` is read from its own module: set it there.
"""

from mgip.contracts.machine.base import POOL_NAMES, MachineBase
from mgip.contracts.machine.records import (
    ANSWERS,
    STEP_CHANGES,
    STEP_CHECKS,
    CheckOutcome,
    MachineResult,
    Recorder,
    covered_rules,
)
from mgip.contracts.machine.runner import build_machine, run

__all__ = [
    "ANSWERS",
    "POOL_NAMES",
    "STEP_CHANGES",
    "STEP_CHECKS",
    "CheckOutcome",
    "MachineBase",
    "MachineResult",
    "Recorder",
    "build_machine",
    "covered_rules",
    "run",
]
