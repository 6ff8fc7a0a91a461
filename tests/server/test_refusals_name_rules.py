"""Every refusal a handler makes names a catalogue rule.

The handlers (mgip/server/operations/) are read as source: a refusal is built only with
`Refusal.of(Rule.X)` (never `Refusal(status, message)`, which names no rule), and every `raise`
raises such a refusal, directly or through a name or helper that holds one. A handler that says
no without a rule is a behaviour the catalogue does not state, which this test does not allow.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from mailgun_ip_client.rules import RULES, Rule

from mgip.server import operations
from mgip.server.testing import InProcessMock

HANDLERS = sorted(Path(operations.__file__).parent.glob("*.py"))


def _is_refusal_of(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "of"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "Refusal"
    )


def _refusal_helpers(tree: ast.Module) -> set[str]:
    """Functions, nested ones too, annotated to return a Refusal."""
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and isinstance(node.returns, ast.Name | ast.Constant)
        and getattr(node.returns, "id", getattr(node.returns, "value", None)) == "Refusal"
    }


def _problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    helpers = _refusal_helpers(tree)
    # `handles` registers handlers when the module is imported; its error is a programming one.
    registration = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and node.name == "handles"
        for inner in ast.walk(node)
    }
    problems = []
    for node in ast.walk(tree):
        if id(node) in registration:
            continue
        where = f"{path.name}:{getattr(node, 'lineno', '?')}"
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "Refusal"
        ):
            problems.append(f"{where}: Refusal(...) names no rule; use Refusal.of(Rule.X)")
        if isinstance(node, ast.expr) and _is_refusal_of(node):
            assert isinstance(node, ast.Call)
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Attribute) and isinstance(first.value, ast.Name):
                if first.value.id == "Rule" and first.attr not in Rule.__members__:
                    problems.append(f"{where}: Rule.{first.attr} is not a catalogue rule")
            elif not isinstance(first, ast.Name):  # a parameter that holds a Rule
                problems.append(f"{where}: Refusal.of without a rule")
        if isinstance(node, ast.Raise) and node.exc is not None:
            exc = node.exc
            named_helper = (
                isinstance(exc, ast.Call)
                and isinstance(exc.func, ast.Name)
                and exc.func.id in helpers
            )
            if not (_is_refusal_of(exc) or isinstance(exc, ast.Name) or named_helper):
                problems.append(f"{where}: raises {ast.unparse(exc)}, not a rule's refusal")
    return problems


def test_every_handler_refusal_names_a_catalogue_rule() -> None:
    assert len(HANDLERS) >= 7  # the package and its six section modules
    problems = [p for path in HANDLERS for p in _problems(path)]
    assert problems == []


def test_the_scan_catches_a_refusal_without_a_rule(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def handler(call):\n"
        "    if call.query.get('x'):\n"
        "        raise Refusal(400, 'x is not allowed')\n"
        "    if call.query.get('y'):\n"
        "        raise ValueError('y')\n"
        "    raise Refusal.of(Rule.NOT_A_RULE)\n"
    )
    problems = _problems(bad)
    assert len(problems) == 4, problems  # the constructor, its raise, the ValueError, the id


@pytest.mark.parametrize(
    ("method", "path", "rule"),
    [
        ("GET", "/v3/ips/198.51.100.1", Rule.IPS_DETAILS_IP_MUST_BELONG),
        ("GET", "/v3/ip_pools/000000000000000000000000", Rule.DIPP_OBJECTS_EXIST),
        ("GET", "/v3/ip_warmups?page=bm9wZQ", Rule.WARMUP_LIST_PAGE_TOKEN_ISSUED),
        ("DELETE", "/v3/domains/nowhere.test/ips/192.0.2.16", Rule.DOMAIN_IPS_OBJECTS_EXIST),
        ("GET", "/v1/dynamic_pools/domains/nowhere.test/history", Rule.DYNAMIC_OBJECTS_EXIST),
    ],
)
def test_a_refusal_answer_names_its_rule(
    mgip_mock: InProcessMock, method: str, path: str, rule: Rule
) -> None:
    answer = mgip_mock.raw().request(method, path)
    assert answer.status_code == RULES[rule].status, answer.text
    assert answer.json()["rule"] == rule
