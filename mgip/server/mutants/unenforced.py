"""Rule mutants made from the handlers' own source: one refusal the catalogue states, not made.

For every input rule and feature gate, each statement of the operation modules that refuses with
`Rule.X` (a `raise`, or a call statement such as a feature check) is replaced by `pass`, the
module is compiled again into a fresh handler table, and the handler carries on as though the
rule held. This is the classic source-level mutation, applied to exactly the rule's code. A rule
whose refusal is not a statement of its own (an argument of a lookup, say) gets a mutant that
refuses with the wrong status instead. The refusal of fields an operation does not declare is made
while the request is validated, before any handler: its mutant swaps that check out.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from mailgun_ip_client.rules import RULES, Rule

from mgip.server import operations, validation
from mgip.server.mutants import Mutant, Wrap, instead, register
from mgip.server.operations import Call, Handler
from mgip.server.refusals import Refusal

MODULES = ("ips", "domain_ips", "dipps", "dynamic_pools", "dynamic_domains", "warmups")
REFUSAL_KINDS = ("input_rule", "feature_gate")


class _Unenforce(ast.NodeTransformer):
    """Replace each statement that refuses with `Rule.<member>` by `pass`."""

    def __init__(self, member: str) -> None:
        self.member = member
        self.sites = 0

    def _names_rule(self, node: ast.AST) -> bool:
        return any(
            isinstance(n, ast.Attribute)
            and n.attr == self.member
            and isinstance(n.value, ast.Name)
            and n.value.id == "Rule"
            for n in ast.walk(node)
        )

    def visit_Raise(self, node: ast.Raise) -> ast.AST:
        if self._names_rule(node):
            self.sites += 1
            return ast.copy_location(ast.Pass(), node)
        return node

    def visit_Expr(self, node: ast.Expr) -> ast.AST:
        if isinstance(node.value, ast.Call) and self._names_rule(node):
            self.sites += 1
            return ast.copy_location(ast.Pass(), node)
        return node


@cache
def _source(module: str) -> tuple[str, str]:
    loaded = importlib.import_module(f"mgip.server.operations.{module}")
    path = Path(str(loaded.__file__))
    return path.read_text(encoding="utf-8"), str(path)


def _mutated_tree(module: str, member: str) -> tuple[ast.Module, int]:
    text, _ = _source(module)
    changer = _Unenforce(member)
    tree = changer.visit(ast.parse(text))
    return ast.fix_missing_locations(tree), changer.sites


def sites(rule: str) -> dict[str, int]:
    """How many refusal statements of `rule` each operation module has."""
    found = {}
    for module in MODULES:
        _, count = _mutated_tree(module, Rule(rule).name)
        if count:
            found[module] = count
    return found


def _handlers_without(rule: str) -> dict[str, Handler]:
    """The handlers of every module that refuses with `rule`, compiled without those refusals."""
    fresh: dict[str, Handler] = {}
    for module in sites(rule):
        tree, _ = _mutated_tree(module, Rule(rule).name)
        _, filename = _source(module)
        namespace: dict[str, Any] = {"__name__": f"mgip.server.operations.{module}"}
        table: dict[str, Handler] = {}
        saved = operations.HANDLERS
        operations.HANDLERS = table  # `handles` registers into the module's current table
        try:
            exec(compile(tree, filename, "exec"), namespace)  # our own source, mutated
        finally:
            operations.HANDLERS = saved
        fresh.update(table)
    return fresh


def _unenforced_wraps(rule: str) -> Mapping[str, Wrap]:
    return {op: instead(handler) for op, handler in _handlers_without(rule).items()}


WRONG_STATUS = {400: 403, 403: 400, 404: 400}


def _wrong_status_wraps(rule: str) -> Mapping[str, Wrap]:
    info = RULES[Rule(rule)]

    def wrap(handler: Handler) -> Handler:
        def mutated(call: Call) -> Any:
            try:
                return handler(call)
            except Refusal as refusal:
                if refusal.rule == Rule(rule):
                    refusal.status = WRONG_STATUS.get(refusal.status, 400)
                raise

        return mutated

    return {op: wrap for op in info.operations}


def _nothing_unknown(*_args: Any) -> list[str]:
    return []


def _mutants() -> Iterator[Mutant]:
    for rule, info in RULES.items():
        if info.kind not in REFUSAL_KINDS:
            continue
        rule_id = str(rule)
        if rule is Rule.DIPP_UNKNOWN_FIELDS_REFUSED:
            yield Mutant(
                name=f"{rule_id}.unenforced",
                breaks=f"the refusal is never made: {info.statement}",
                rules=(rule_id,),
                patches=lambda: ((validation, "unknown_fields", _nothing_unknown),),
            )
        elif sites(rule_id):
            yield Mutant(
                name=f"{rule_id}.unenforced",
                breaks=f"the refusal is never made: {info.statement}",
                rules=(rule_id,),
                wraps=lambda r=rule_id: _unenforced_wraps(r),  # type: ignore[misc]
            )
        else:
            wrong = WRONG_STATUS.get(info.status or 400, 400)
            yield Mutant(
                name=f"{rule_id}.wrong_status",
                breaks=f"the refusal answers {wrong} instead of {info.status}",
                rules=(rule_id,),
                wraps=lambda r=rule_id: _wrong_status_wraps(r),  # type: ignore[misc]
            )


for _mutant in _mutants():
    register(_mutant)
