"""Reports of a `mgip check` run: JUnit XML for CI, Markdown for people.

Both are built from the same verdicts the console table shows, and pass through the target's
redaction once more, so no form of the API key can reach a file.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from pathlib import Path

from mgip.core.problems import InputError
from mgip.core.verdicts import Verdict


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the report: {exc.strerror}", path=path) from None


def junit(
    path: Path, verdicts: Sequence[Verdict], *, seconds: float, redact: Callable[[str], str]
) -> None:
    suite = ET.Element(
        "testsuite",
        name="mgip check",
        tests=str(len(verdicts)),
        failures=str(sum(v.status == "failed" for v in verdicts)),
        errors=str(sum(v.status == "error" for v in verdicts)),
        skipped=str(sum(v.status == "skipped" for v in verdicts)),
        time=f"{seconds:.2f}",
    )
    for verdict in verdicts:
        case = ET.SubElement(suite, "testcase", classname="mgip", name=verdict.name)
        if verdict.status == "failed":
            failure = ET.SubElement(case, "failure", message=redact(verdict.detail))
            failure.text = redact("\n".join(verdict.problems))
        elif verdict.status == "error":  # could not be evaluated: neither passed nor failed
            error = ET.SubElement(case, "error", message=redact(verdict.detail))
            error.text = redact("\n".join(verdict.problems))
        elif verdict.status == "skipped":
            ET.SubElement(case, "skipped", message=redact(verdict.detail))
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    _write(path, ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n")


def markdown(
    path: Path,
    verdicts: Sequence[Verdict],
    *,
    target: str,
    replay: str,
    seconds: float,
    redact: Callable[[str], str],
) -> None:
    failed = [v for v in verdicts if v.status in ("failed", "error")]
    lines = [
        "# mgip check",
        "",
        f"- Target: {target}",
        f"- Verdict: {'FAILED' if failed else 'passed'} in {seconds:.1f} s",
        f"- Replay: `{replay}`",
        "",
        "| check | verdict | detail |",
        "|---|---|---|",
    ]
    lines += [f"| {v.name} | {v.status} | {v.detail.replace('|', '/')} |" for v in verdicts]
    for verdict in failed:
        lines += ["", f"## {verdict.name}", "", "```", *verdict.problems, "```"]
    _write(path, redact("\n".join(lines)) + "\n")
