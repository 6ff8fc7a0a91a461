"""The HTML report of a `mgip check` run: one page for people, with filters and Copy buttons.

The page is rendered from the JSON report's form (`report.as_json`), so every text on it has
passed through the target's redaction, and with Jinja2's autoescape on, so no text of a finding
can become markup. It is self-contained: its stylesheet and script are inline and allowed by
their hashes in the page's Content-Security-Policy, which forbids everything else, so opening it
makes no request of any kind. Without JavaScript every rule is shown; the script only adds the
filters (by section and by verdict) and the Copy buttons. The template, the stylesheet and the
script are package data of `mgip.contracts` (`templates/`).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from mgip.contracts.report import RunReport, as_json, write_text
from mgip.core.verdicts import STATUSES, counts

TEMPLATES = "templates"


def _template_file(name: str) -> str:
    return resources.files("mgip.contracts").joinpath(TEMPLATES, name).read_text("utf-8")


def csp_source(text: str) -> str:
    """The Content-Security-Policy source that allows exactly this inline style or script."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def _shown(value: Any) -> str:
    """An option's or a figure's value as the page shows it."""
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "\n".join(value) or "none"
    return json.dumps(value)


def _headline(data: dict[str, Any]) -> str:
    """What the verdict stands on, in a few words."""
    found, total = data["counts"]["rules"], len(data["rules"])
    if found["failed"]:
        said = f"{found['failed']} of {total} rules failed"
    elif found["error"]:
        said = f"{found['error']} of {total} rules could not be evaluated"
    elif data["counts"]["checks"]["failed"] or data["counts"]["checks"]["error"]:
        said = "a check about no rule failed"
    else:
        said = f"no rule of {total} failed"
    return said + ("; the run was interrupted" if data["verdict"] == "interrupted" else "")


def render(report: RunReport, *, redact: Callable[[str], str]) -> str:
    """The page's HTML (what `write_html` writes)."""
    import jinja2
    from markupsafe import Markup

    data = as_json(report, redact=redact)
    sections = report.sections
    style, script = _template_file("report.css"), _template_file("report.js")
    environment = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    template = environment.from_string(_template_file("report.html.j2"))
    return template.render(
        run=data,
        verdict_word=report.word,
        headline=_headline(data),
        statuses=STATUSES,
        sections=sections,
        section_counts={
            section: counts(r for r in report.rules if r.section == section) for section in sections
        },
        other_checks=[check for check in data["checks"] if not check["rules"]],
        settings=[(name, _shown(value)) for name, value in data["options"].items()],
        figures=[(name, _shown(value)) for name, value in data["figures"].items()],
        # Inserted verbatim: they are mgip's own files, and their hashes are of these exact texts.
        style=Markup(style),
        script=Markup(script),
        policy=(
            f"default-src 'none'; style-src {csp_source(style)}; "
            f"script-src {csp_source(script)}; base-uri 'none'; form-action 'none'"
        ),
    )


def write_html(path: Path, report: RunReport, *, redact: Callable[[str], str]) -> None:
    """Write the run's HTML report to `path`; InputError when it cannot be written."""
    write_text(path, render(report, redact=redact))
