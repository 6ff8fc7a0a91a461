"""The server layers of `mgip check`, as verdicts beside the spec layer's."""

from __future__ import annotations

from collections.abc import Iterator

from contracts import conformance
from contracts.target import Target
from mgip.conformance import Verdict


def _describe(failure: conformance.Failure) -> list[str]:
    status = f" -> {failure.status}" if failure.status is not None else ""
    return [
        f"{failure.operation} [{failure.check}] {failure.title}{status}",
        f"    {failure.curl}",
    ]


def server_verdicts(
    target: Target, *, seed: int, profile: str, max_examples: int
) -> Iterator[Verdict]:
    result = conformance.run(
        target, seed=seed, max_examples=max_examples, stateful=True, profile=profile
    )
    for layer, title in (
        (result.conformance, "conformance: Schemathesis on every operation"),
        (result.stateful, "stateful sequences over the spec's links"),
    ):
        problems = [line for failure in layer.failures for line in _describe(failure)]
        detail = (
            f"{len(layer.operations)} operation(s), {layer.scenarios} scenario(s), "
            f"{layer.requests} request(s), {len(layer.failures)} failure(s)"
        )
        yield Verdict(title, "failed" if problems else "passed", detail, problems)
    if result.errors:
        yield Verdict("the run itself", "failed", f"{len(result.errors)} error(s)", result.errors)
