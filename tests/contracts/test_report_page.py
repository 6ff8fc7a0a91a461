"""The HTML report as a reader meets it: opened in headless Chromium, filtered, copied from.

The browser is Debian's `chromium` (`make test` installs it when /usr/bin/chromium is missing)
driven by the npm package playwright-core (`make test` installs it with `npm ci`); the driver,
tests/browser/report_page.mjs, prints what it saw as JSON. A missing browser or driver fails
these tests: they are not skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mgip.cli import app
from mgip.contracts.report import RunReport
from mgip.contracts.report_html import write_html
from mgip.core import catalogue, resources
from mgip.core.verdicts import Verdict, per_rule

DRIVER = resources.ROOT / "tests" / "browser" / "report_page.mjs"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
MUTANT = "dipp_list_covers_all_pools.last_pool_dropped"
PNG = b"\x89PNG\r\n\x1a\n"


def look(html: Path, *extra: str) -> dict[str, Any]:
    """What the driver saw on the page."""
    node = shutil.which("node")
    missing = [
        what
        for what, there in [
            (f"Chromium at {CHROMIUM} (`apt-get install chromium`)", CHROMIUM.is_file()),
            ("node", node is not None),
            (
                "playwright-core in node_modules (`npm ci`)",
                (resources.ROOT / "node_modules" / "playwright-core").is_dir(),
            ),
        ]
        if not there
    ]
    if missing or node is None:
        pytest.fail(f"the browser test needs {', '.join(missing)}: `make test` installs them")
    done = subprocess.run(
        [node, str(DRIVER), str(html), *extra],
        capture_output=True,
        text=True,
        check=False,
        timeout=150,
    )
    assert done.returncode == 0, done.stderr
    seen: dict[str, Any] = json.loads(done.stdout)
    return seen


def _filtered(seen: dict[str, Any], section: str, status: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [
        f for f in seen["filtered"] if (f["section"], f["status"]) == (section, status)
    ]
    assert len(found) == 1, (section, status)
    return found[0]


def test_a_failing_runs_page_shows_its_counts_filters_and_copies(tmp_path: Path) -> None:
    html, as_json, shot = tmp_path / "r" / "check.html", tmp_path / "r" / "check.json", tmp_path
    args = ["check", "--seed", "2", "--profile", "quick", "--max-examples", "1"]
    args += ["--mutant", MUTANT, "--json", str(as_json), "--html", str(html)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1, result.output
    assert "HTML report:" in result.output
    data = json.loads(as_json.read_text())
    assert "--html" not in data["replay"]
    seen = look(html, "--screenshot", str(shot / "page.png"), "--status", "failed")

    assert seen["verdict"] == "FAILED"
    assert seen["verdict_colour"] != seen["ink_colour"]
    assert seen["counts"] == data["counts"]["rules"]
    rules = data["rules"]
    for section, shown in seen["section_counts"].items():
        mine = [r for r in rules if r["section"] == section]
        assert shown == {s: sum(r["status"] == s for r in mine) for s in shown}, section
    assert list(seen["section_counts"]) == list(dict.fromkeys(r["section"] for r in rules))
    assert seen["rows"] == [
        {"rule": r["id"], "section": r["section"], "status": r["status"]} for r in rules
    ]
    total = len(rules)
    assert (
        len(seen["visible"]) == total and seen["shown_count"] == f"showing {total} of {total} rules"
    )

    failed = [r["id"] for r in rules if r["status"] == "failed"]
    assert failed  # the mutant is caught
    chosen = _filtered(seen, "", "failed")
    assert chosen["visible"] == failed
    assert chosen["shown_count"] == f"showing {len(failed)} of {total} rules"
    assert seen["tile_failed"]["visible"] == failed
    for section in seen["section_counts"]:
        chosen = _filtered(seen, section, "")
        assert chosen["visible"] == [r["id"] for r in rules if r["section"] == section]
        assert not chosen["no_match_visible"]
        both = _filtered(seen, section, "failed")
        expected = [r["id"] for r in rules if r["section"] == section and r["status"] == "failed"]
        assert both["visible"] == expected and both["no_match_visible"] == (not expected)
    assert len(seen["after_reset"]["visible"]) == total

    assert seen["replay"] == data["replay"]
    copies = {c["copy"]: c for c in seen["copies"]}
    assert copies["replay"]["expected"] == data["replay"]
    for rule in (r for r in rules if r["reproduction"]):
        assert copies[f"reproduction-{rule['id']}"]["expected"] == "\n".join(rule["reproduction"])
    others = [c for c in data["checks"] if not c["rules"] and c["reproduction"]]
    assert len(copies) == 1 + sum(bool(r["reproduction"]) for r in rules) + len(others)
    for copy in seen["copies"]:
        assert (copy["clipboard"], copy["state"]) == (copy["expected"], "copied"), copy["copy"]

    assert seen["without_js"]["visible"] == seen["visible"]
    assert not seen["without_js"]["filters_visible"]
    assert seen["without_js"]["copy_buttons_visible"] == 0
    assert seen["requests"] == [] and seen["errors"] == []
    picture = (shot / "page.png").read_bytes()
    assert picture.startswith(PNG)
    assert int.from_bytes(picture[16:20], "big") == 1280


def test_copy_puts_a_reproduction_on_the_clipboard_exactly(tmp_path: Path) -> None:
    lines = [
        "export MGIP_BASE_URL=http://127.0.0.1:8025",
        'curl -sS -u "api:$MGIP_API_KEY" -X PUT "$MGIP_BASE_URL/v3/ip_pools/64f0b0b0b0b0b0b0b0'
        "b0b002\" -F 'add_ip=192.0.2.16' -F 'description=<b>&amp; \"it'\\''s\"</b>'"
        + " -H 'X-Padding: "
        + "x" * 300
        + "'",
        '    curl -sS -u "api:$MGIP_API_KEY" "$MGIP_BASE_URL/v3/ip_pools"  # indented, kept',
    ]
    checks = [
        Verdict(
            "rules: a DIPP's IPs",
            "failed",
            "1 finding",
            ["dipp_ip_in_one_pool: <script>document.title = 'owned'</script>"],
            rules=("dipp_ip_in_one_pool",),
            reproduction=lines,
        ),
        Verdict("conformance", "failed", "1", ["GET /v3/ips -> 500"], reproduction=lines[:1]),
    ]
    report = RunReport(
        "t", 1, "mgip check --seed 1", 1.0, checks, per_rule(checks, catalogue.load().rules)
    )
    html = tmp_path / "page.html"
    write_html(html, report, redact=lambda text: text)
    seen = look(html)
    copied = {c["copy"]: c for c in seen["copies"]}
    assert copied["reproduction-dipp_ip_in_one_pool"]["clipboard"] == "\n".join(lines)
    assert copied["reproduction-check-1"]["clipboard"] == lines[0]
    assert all(c["label"] == "Copied" for c in seen["copies"])
    assert seen["scripts_unwrapped"]
    # Without the clipboard API, the text is selected for the reader to copy.
    fallback = seen["fallback"]
    assert fallback["selected"] == fallback["expected"] == lines[0]
    assert fallback["state"] in ("copied", "selected")
    assert seen["title"].startswith("mgip check: FAILED")  # the evidence's script never ran
    assert seen["errors"] == [] and seen["requests"] == []
