"""Mutants: deliberately broken reference servers that the contracts must catch.

A mutant breaks one documented behaviour and leaves the rest correct. It is switched on by name
(`mgip mock --mutant NAME`, `mgip check --mutant NAME`, or the `MGIP_MUTANT` environment
variable) and acts through three narrow hooks, so the correct server's code stays untouched:

- `wraps`: for some operationIds, a wrapper around the handler (answer differently, change the
  state afterwards, or replace the handler with a source-level mutation of itself);
- `patches`: attributes swapped while the server works (a background job's effect, a helper);
- `unchecked_auth`: an operationId that answers without checking credentials.

`MUTANTS` holds every mutant, rule mutants first (each names the catalogue rules it breaks),
then generic server faults (each names its fault).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from mgip.server.operations import Call, Handler

Wrap = Callable[[Handler], Handler]
Patch = tuple[Any, str, Any]  # (object or dict, attribute or key, replacement)


@dataclass(frozen=True, slots=True)
class Mutant:
    name: str
    breaks: str  # what it gets wrong, in one sentence
    rules: tuple[str, ...] = ()  # the catalogue rules it breaks; empty for a generic fault
    fault: str = ""  # the generic fault it stands for; empty for a rule mutant
    wraps: Callable[[], Mapping[str, Wrap]] = field(default=lambda: {}, repr=False)
    patches: Callable[[], tuple[Patch, ...]] = field(default=lambda: (), repr=False)
    unchecked_auth: str = ""

    @property
    def kind(self) -> str:
        return "rule" if self.rules else "fault"


MUTANTS: dict[str, Mutant] = {}


def register(mutant: Mutant) -> Mutant:
    if mutant.name in MUTANTS:
        raise ValueError(f"two mutants named {mutant.name}")
    if not mutant.rules and not mutant.fault:
        raise ValueError(f"mutant {mutant.name} names neither a rule nor a fault")
    MUTANTS[mutant.name] = mutant
    return mutant


def get(name: str) -> Mutant:
    """The mutant called `name`; a KeyError whose message lists the known names."""
    load_all()
    if name not in MUTANTS:
        raise KeyError(f"no mutant named {name!r}; `mgip mutants --list` shows them all")
    return MUTANTS[name]


def load_all() -> dict[str, Mutant]:
    # Importing a module registers its mutants; the import order is the registry's order.
    from mgip.server.mutants import (  # noqa: F401
        dipps,
        dynamic,
        dynamic_domains,
        faults,
        ips,
        unenforced,
        warmups,
    )

    return MUTANTS


# --- building blocks for mutant modules ---------------------------------------------------------
def answers(change: Callable[[Call, Any], Any]) -> Wrap:
    """A wrapper that changes a successful answer's JSON body."""

    def wrap(handler: Handler) -> Handler:
        def mutated(call: Call) -> Any:
            return change(call, handler(call))

        return mutated

    return wrap


def afterwards(change: Callable[[Call, Any], None]) -> Wrap:
    """A wrapper that changes the state after a successful call (the answer stays the same)."""

    def wrap(handler: Handler) -> Handler:
        def mutated(call: Call) -> Any:
            payload = handler(call)
            change(call, payload)
            return payload

        return mutated

    return wrap


def instead(replacement: Handler) -> Wrap:
    """A wrapper that answers without calling the correct handler."""
    return lambda _handler: replacement


def with_inputs(call: Call, **overrides: Any) -> Call:
    """A copy of `call` with some inputs replaced (for mutants that drop or alter a parameter)."""
    return Call(
        world=call.world,
        account=call.account,
        path=dict(overrides.get("path", call.path)),
        query=dict(overrides.get("query", call.query)),
        body=dict(overrides.get("body", call.body)),
        url=call.url,
        requestor=call.requestor,
    )


class Active:
    """A mutant bound to one server: its handler table and the patches it swaps in."""

    def __init__(self, mutant: Mutant, handlers: Mapping[str, Handler]) -> None:
        self.mutant = mutant
        wraps = mutant.wraps()
        unknown = set(wraps) - set(handlers)
        if unknown:
            raise ValueError(f"mutant {mutant.name} wraps unknown operations {sorted(unknown)}")
        self.handlers = {
            op: (wraps[op](handler) if op in wraps else handler) for op, handler in handlers.items()
        }
        self._patches = mutant.patches()

    @contextmanager
    def applied(self) -> Iterator[None]:
        """Swap the patches in for the duration of some synchronous server work."""
        saved = []
        for owner, name, value in self._patches:
            if isinstance(owner, dict):
                saved.append((owner, name, owner[name]))
                owner[name] = value
            else:
                saved.append((owner, name, getattr(owner, name)))
                setattr(owner, name, value)
        try:
            yield
        finally:
            for owner, name, value in reversed(saved):
                if isinstance(owner, dict):
                    owner[name] = value
                else:
                    setattr(owner, name, value)


# Named subsets for `mgip mutants --subset`. "ci" takes one mutant of each kind of breakage (an
# input rule, a feature gate, a wrong status, an invariant, a side effect, an asynchronous effect,
# a read that writes, a scripted health-check rule) and five generic faults: about three minutes
# on two CPUs, where all the mutants take about half an hour.
SUBSETS: dict[str, tuple[str, ...]] = {
    "ci": (
        "dipp_add_ip_not_in_other_dipp.unenforced",
        "dipp_create_needs_feature.unenforced",
        "ips_band_ip_must_belong.wrong_status",
        "ips_total_count_matches_items.unfiltered_count",
        "dipp_edit_applies_fields.description_not_saved",
        "dipp_edit_ip_change_updates_domains.no_sync",
        "dynamic_preview_does_not_enroll.enrolls",
        "dynamic_override_freezes_health_checks.ignored",
        "fault.server_error",
        "fault.auth_unchecked",
        "fault.write_lost",
        "fault.page_repeats_item",
    ),
}
