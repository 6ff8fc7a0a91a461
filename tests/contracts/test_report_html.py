"""The HTML report of `mgip check`: what it shows, escaped, redacted, and loading nothing."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from mgip.contracts.report import RunReport, as_json
from mgip.contracts.report_html import csp_source, render, write_html
from mgip.core import catalogue
from mgip.core.problems import InputError
from mgip.core.verdicts import STATUSES, Verdict, per_rule

KEY = "key-secret-0001"
HOSTILE = "<script>alert('x')</script> & \"quoted\""
REPRODUCTION = [
    "export MGIP_BASE_URL=http://127.0.0.1:8025",
    f"curl -sS -u api:{KEY} -X POST \"$MGIP_BASE_URL/v3/ip_pools\" -F 'name=<b>&amp;'",
]


def redact(text: str) -> str:
    return text.replace(KEY, "[REDACTED]")


VERDICTS = [
    Verdict("every operation asks for credentials", "passed", "38 operation(s)"),
    Verdict(
        "rules: delegated DIPPs",
        "failed",
        "1 finding",
        [f"dipp_ip_in_one_pool: {HOSTILE}", f"    sent with api:{KEY}"],
        rules=("dipp_ip_in_one_pool", "dipp_create_returns_new_id"),
        notes=["what the documentation says:", "  dipp_ip_in_one_pool: at most one DIPP"],
        reproduction=REPRODUCTION,
    ),
    Verdict("rules: not run", "skipped", "no account lacks it", rules=("ips_band_needs_feature",)),
    Verdict("warm-up: could not read", "error", "timed out", rules=("warmup_list_paginated",)),
    Verdict(
        "conformance: Schemathesis on every operation",
        "failed",
        "1 failure(s)",
        ["GET /v3/ips -> 500"],
        reproduction=["curl -sS http://127.0.0.1:8025/v3/ips"],
    ),
]


def _report(**overrides: Any) -> RunReport:
    fields: dict[str, Any] = {
        "target": "embedded <server>",
        "seed": 7,
        "replay": "mgip check --seed 7 --profile quick",
        "seconds": 12.34,
        "checks": VERDICTS,
        "rules": per_rule(VERDICTS, catalogue.load().rules),
        "options": {"profile": "quick", "scope": None},
        "figures": {"steps": 3, "planned_writes": ["POST /v3/ips"]},
    }
    return RunReport(**{**fields, **overrides})


class Page(HTMLParser):
    """The elements of a page with their attributes, and the text of its <pre>, <style> and
    <script> elements by id (or by tag)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: dict[str, str] = {}
        self._open: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.elements.append((tag, attributes))
        if tag in ("pre", "style", "script", "td", "title") or "data-count" in attributes:
            self._open.append(attributes.get("id") or tag)
            self.texts.setdefault(self._open[-1], "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("pre", "style", "script", "td", "title") and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open:
            self.texts[self._open[-1]] += data

    def having(self, attribute: str) -> list[dict[str, str]]:
        return [attrs for _, attrs in self.elements if attribute in attrs]


@pytest.fixture(scope="module")
def page() -> str:
    return render(_report(), redact=redact)


def test_one_row_per_catalogue_rule_with_its_section_and_verdict(page: str) -> None:
    data = as_json(_report(), redact=redact)
    rows = Page(page).having("data-rule")
    assert [(r["data-rule"], r["data-section"], r["data-status"]) for r in rows] == [
        (r["id"], r["section"], r["status"]) for r in data["rules"]
    ]
    assert len(rows) == len(catalogue.load().rules)
    statuses = {r["data-rule"]: r["data-status"] for r in rows}
    assert statuses["dipp_ip_in_one_pool"] == "failed"
    assert statuses["ips_band_needs_feature"] == "skipped"
    assert statuses["warmup_list_paginated"] == "error"
    assert f"showing {len(rows)} of {len(rows)} rules" in page


def test_the_counts_are_the_json_reports(page: str) -> None:
    data = as_json(_report(), redact=redact)
    parsed = Page(page)
    tiles = [a for tag, a in parsed.elements if tag == "a" and "data-count" in a]
    assert [a["data-count"] for a in tiles] == list(STATUSES)
    shown = re.findall(r'data-count="(\w+)"[^>]*><span class="n">(\d+)</span>', page)
    assert {status: int(n) for status, n in shown} == data["counts"]["rules"]
    assert data["counts"]["rules"]["failed"] == 1
    for section in ("ips", "domain_ips", "dipp", "dynamic", "warmup"):
        row = re.search(rf'<tr data-count-section="{section}">.*?</tr>', page, re.S)
        assert row is not None, section
        cells = dict(re.findall(r'<td data-count="(\w+)"[^>]*>(\d+)</td>', row.group(0)))
        mine = [r for r in data["rules"] if r["section"] == section]
        assert {s: int(n) for s, n in cells.items()} == {
            s: sum(r["status"] == s for r in mine) for s in STATUSES
        }


def test_the_header_has_the_verdict_target_seed_duration_and_replay(page: str) -> None:
    parsed = Page(page)
    assert 'id="verdict" class="verdict" data-verdict="failed">FAILED</span>' in page
    assert '<dd id="target">embedded &lt;server&gt;</dd>' in page
    assert '<dd id="seed">7</dd>' in page and '<dd id="duration">12.3 s</dd>' in page
    assert parsed.texts["replay"] == "\nmgip check --seed 7 --profile quick"
    assert {"data-copy": "replay"}.items() <= parsed.having("data-copy")[0].items()


@pytest.mark.parametrize(
    ("overrides", "word"),
    [({"interrupted": True}, "INTERRUPTED"), ({"checks": VERDICTS[:1]}, "passed")],
)
def test_every_verdict_has_its_word(overrides: dict[str, Any], word: str) -> None:
    if "checks" in overrides:
        overrides["rules"] = per_rule(overrides["checks"], catalogue.load().rules)
    text = render(_report(**overrides), redact=redact)
    assert re.search(rf'id="verdict" class="verdict" data-verdict="\w+">{word}</span>', text)


def test_a_failed_rule_has_its_evidence_reproduction_and_notes(page: str) -> None:
    parsed = Page(page)
    # A <pre> opens with a newline the HTML parser drops: its text is exactly the lines.
    expected = "\n".join(REPRODUCTION).replace(KEY, "[REDACTED]")
    assert parsed.texts["reproduction-dipp_ip_in_one_pool"] == "\n" + expected
    copies = [a["data-copy"] for a in parsed.having("data-copy")]
    assert "reproduction-dipp_ip_in_one_pool" in copies
    assert "reproduction-dipp_create_returns_new_id" not in copies  # passed: no finding
    row = re.search(r'<li [^>]*data-rule="dipp_ip_in_one_pool".*?</li>', page, re.S)
    assert row is not None
    assert "sent with api:[REDACTED]" in row.group(0)
    assert "what the documentation says:" in row.group(0)
    assert "checked by: rules: delegated DIPPs" in row.group(0)
    skipped = re.search(r'<li [^>]*data-rule="ips_band_needs_feature".*?</li>', page, re.S)
    assert skipped is not None and "no account lacks it" in skipped.group(0)


def test_checks_about_no_rule_have_their_status_problems_and_reproduction(page: str) -> None:
    parsed = Page(page)
    checks = {a["data-check"]: a["data-status"] for a in parsed.having("data-check")}
    assert checks == {
        "every operation asks for credentials": "passed",
        "conformance: Schemathesis on every operation": "failed",
    }
    assert "GET /v3/ips -&gt; 500" in page
    assert parsed.texts["reproduction-check-2"] == "\ncurl -sS http://127.0.0.1:8025/v3/ips"


def test_every_text_is_escaped_and_redacted(page: str) -> None:
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &#34;quoted&#34;" in page
    assert page.count("<script") == 1  # the page's own
    assert "name=&lt;b&gt;&amp;amp;" in page
    assert KEY not in page


def test_the_page_loads_nothing(page: str) -> None:
    parsed = Page(page)
    assert not [tag for tag, _ in parsed.elements if tag in ("link", "img", "iframe", "object")]
    for tag, attributes in parsed.elements:
        assert "src" not in attributes, tag
        assert "style" not in attributes, tag  # an inline style attribute is refused by the policy
        href = attributes.get("href", "#")
        assert href.startswith("#"), (tag, href)
    assert not re.search(r"https?://", parsed.texts["style"] + parsed.texts["script"])
    assert not re.search(r"@import|url\(|fetch\(|XMLHttpRequest|WebSocket", page)


def test_the_policy_allows_exactly_the_inline_style_and_script(page: str) -> None:
    parsed = Page(page)
    [meta] = [a for tag, a in parsed.elements if a.get("http-equiv") == "Content-Security-Policy"]
    policy = dict(part.strip().split(" ", 1) for part in meta["content"].split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["style-src"] == csp_source(parsed.texts["style"])
    assert policy["script-src"] == csp_source(parsed.texts["script"])
    # The policy comes before anything it governs.
    assert page.index("Content-Security-Policy") < page.index("<style>")


def test_an_unwritable_html_report_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot write the report"):
        write_html(tmp_path / "missing" / "r.html", _report(), redact=redact)
    write_html(tmp_path / "r.html", _report(), redact=redact)
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_the_template_is_package_data_and_jinja2_a_dependency() -> None:
    import tomllib
    from importlib import resources

    from mgip.core import resources as mgip_resources

    project = tomllib.loads((mgip_resources.ROOT / "pyproject.toml").read_text())
    assert "templates/*" in project["tool"]["setuptools"]["package-data"]["mgip.contracts"]
    assert any(d.startswith("jinja2") for d in project["project"]["dependencies"])
    templates = resources.files("mgip.contracts").joinpath("templates")
    names = {item.name for item in templates.iterdir()}
    assert {"report.html.j2", "report.css", "report.js"} <= names


def test_the_replay_line_leaves_the_html_report_out() -> None:
    from mgip.cli_check import NOT_REPLAYED

    assert "html" in NOT_REPLAYED


def test_an_html_path_that_cannot_be_written_stops_the_run_before_it_starts(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from mgip.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["check", "--seed", "1", "--html", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert f"--html {tmp_path}: is a folder, not a file" in result.output.replace("\n", "")
    same = ["--json", str(tmp_path / "r"), "--html", str(tmp_path / "r")]
    result = runner.invoke(app, ["check", "--seed", "1", *same])
    assert result.exit_code == 2
    assert "--html and --json name the same file" in result.output.replace("\n", "")
    assert "credentials" not in result.output  # nothing was sent
