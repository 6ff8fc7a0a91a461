"""What `mgip check` does around the run: the report paths checked before anything is sent, the
target, the progress lines, the replay line, and the reports."""

from __future__ import annotations

import functools
import os
import shlex
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.text import Text

from mgip.core.problems import InputError
from mgip.core.verdicts import Verdict

if TYPE_CHECKING:  # the contracts are imported when a run needs them, so the CLI starts fast
    from mgip.contracts.report import RunReport
    from mgip.contracts.run import CheckRun, Size
    from mgip.contracts.target import Target
    from mgip.contracts.wire import Limits

# Options that do not shape a run: where its reports go, the key (it comes from MGIP_API_KEY),
# and the seed (the replay line gives the one the run used).
NOT_REPLAYED = frozenset({"api_key", "junit", "report", "json_file", "html", "seed"})
# When stdout is not a terminal, a line at least this often while a layer runs (seconds).
HEARTBEAT = 60.0


def replay_line(ctx: typer.Context, seed: int) -> str:
    """The command that replays a run: its seed and every option given to it (on the command
    line or by its environment variable), the key and the report paths aside. Quoted for a
    POSIX shell."""
    parts = ["mgip", "check", "--seed", str(seed)]
    for param in ctx.command.params:
        name = param.name
        if param.param_type_name != "option" or name is None or name in NOT_REPLAYED:
            continue
        source = ctx.get_parameter_source(name)
        if source is None or source.name in ("DEFAULT", "DEFAULT_MAP"):
            continue
        value = ctx.params[name]
        if getattr(param, "is_flag", False):
            if value:
                parts.append(param.opts[0])
            elif param.secondary_opts:
                parts.append(param.secondary_opts[0])
        elif value is not None:
            parts += [param.opts[0], f"{value:g}" if isinstance(value, float) else str(value)]
    return shlex.join(parts)


def prepare_reports(paths: dict[str, Path | None]) -> None:
    """Make sure every report can be written before the run starts, so that a path never costs
    a run its verdict: a missing folder is created (as pytest's --junitxml does), and a path
    that is a folder, names a file already named, or cannot be written is an InputError."""
    seen: dict[Path, str] = {}
    for flag, path in paths.items():
        if path is None:
            continue
        where = path.resolve()
        if where in seen:
            raise InputError(f"{flag} and {seen[where]} name the same file: {path}")
        seen[where] = flag
        if path.is_dir():
            raise InputError(f"{flag} {path}: is a folder, not a file")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            why = exc.strerror or type(exc).__name__
            raise InputError(
                f"{flag} {path}: cannot create its folder {path.parent}: {why}"
            ) from None
        if path.exists() and not os.access(path, os.W_OK):
            raise InputError(f"{flag} {path}: the file is not writable")
        try:
            with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".mgip-"):
                pass
        except OSError as exc:
            why = exc.strerror or type(exc).__name__
            raise InputError(f"{flag} {path}: cannot write in {path.parent}: {why}") from None


def target(
    base_url: str | None,
    api_key: str,
    *,
    headers: str,
    read_only: bool,
    writes: tuple[bool, Path | None, bool],
    mutant: str | None = None,
    limits: Limits | None = None,
    strictness: str | None = None,
) -> Target:
    """The run's target, its safety settled: reads only unless it is an mgip reference server or
    a scope allows writes. Bad combinations of options are InputErrors."""
    from mgip.contracts.scope import Scope
    from mgip.contracts.target import Target
    from mgip.contracts.target import remote as remote_target

    allow_writes, scope_file, dry_run = writes
    if allow_writes and scope_file is None:
        raise InputError("--allow-writes needs --scope FILE naming what the suites may change")
    if (scope_file is not None or dry_run) and not allow_writes:
        raise InputError("--scope and --dry-run go with --allow-writes")
    if allow_writes and (base_url is None or read_only):
        raise InputError("--allow-writes is for a --base-url target that is not --read-only")
    if mutant is not None and base_url is not None:
        raise InputError("--mutant breaks the embedded server; it cannot go with --base-url")
    scope = Scope.load(scope_file) if allow_writes and scope_file is not None else None
    if base_url is None:
        try:
            chosen = Target.embedded(gateway=headers == "gateway", mutant=mutant)
        except KeyError as exc:
            raise InputError(str(exc.args[0])) from None
        if limits is not None:
            chosen.limits = limits
    else:
        chosen = remote_target(base_url, api_key, limits=limits)
        # A real account is never changed unless the user allowed it: reads only, wherever the
        # target is (a tunnel to a real account looks like loopback), unless the server says it
        # is an mgip reference server.
        chosen.read_only = not chosen.identified
    if scope is not None:
        chosen.scope = scope
        chosen.read_only = False
        chosen.dry_run = dry_run
    chosen.read_only = chosen.read_only or read_only
    # Another server is held to what the documentation fixes unless asked for more; the embedded
    # one follows mgip's conventions, and is held to them.
    chosen.strictness = strictness or ("strict" if base_url is None else "documented")
    return chosen


class Progress:
    """What a run says while it runs. On a terminal, a spinner names the layer at work; in a
    CI log (stdout not a terminal), a line as each layer starts and ends, and one at least
    every HEARTBEAT seconds while a layer runs, so that the log is never silent for long."""

    def __init__(self, console: Console, label: str) -> None:
        self.console, self.label = console, label
        self.started = time.perf_counter()
        self.layer = ""
        self.said = time.monotonic()
        self.status: Any = None
        self.stop = threading.Event()

    def say(self, line: str) -> None:
        self.console.print(f"  {line}", soft_wrap=True, highlight=False)
        self.said = time.monotonic()

    def starting(self, layer: str) -> None:
        self.layer = layer
        if self.status is not None:
            self.status.update(f"checking {self.label}: {layer} ...")
        else:
            self.say(f"{layer}: started ({time.perf_counter() - self.started:.1f} s)")

    def _beat(self) -> None:
        while not self.stop.wait(HEARTBEAT / 4):
            if self.layer and time.monotonic() - self.said >= HEARTBEAT:
                elapsed = time.perf_counter() - self.started
                self.say(f"{self.layer}: still running ({elapsed:.0f} s)")

    @contextmanager
    def shown(self) -> Iterator[Progress]:
        if self.console.is_terminal:
            with self.console.status(f"checking {self.label} ...") as status:
                self.status = status
                yield self
            return
        beat = threading.Thread(target=self._beat, name="mgip-progress", daemon=True)
        beat.start()
        try:
            yield self
        finally:
            self.stop.set()


def run(target: Target, *, seed: int, headers: str, size: Size, console: Console) -> CheckRun:
    """The server layers against `target`, their progress shown; Ctrl+C ends the run with
    what it found so far (`CheckRun.interrupted`)."""
    from mgip.contracts.run import check

    progress = Progress(console, target.label)
    with progress.shown():
        return check(
            target,
            seed=seed,
            headers=headers,
            size=size,
            progress=progress.say,
            starting=progress.starting,
        )


def write_reports(
    report: RunReport,
    target: Target,
    paths: dict[str, Path | None],
    say: Callable[[str], None],
) -> None:
    """Each report asked for, redacted by the target's redaction."""
    from mgip.contracts import report as reports
    from mgip.contracts import report_html

    writers = {
        "--junit": (reports.junit, "JUnit report"),
        "--report": (reports.markdown, "report"),
        "--json": (reports.write_json, "JSON report"),
        "--html": (report_html.write_html, "HTML report"),
    }
    for flag, path in paths.items():
        if path is not None:
            write, what = writers[flag]
            write(path, report, redact=target.redact)
            say(f"{what}: {path}")


def conclude(
    run: CheckRun,
    target: Target,
    console: Console,
    *,
    seed: int,
    replay: str,
    options: dict[str, Any],
    started: float,
) -> RunReport:
    """Print what the run found (the table, the rules, the figures, the verdict and the replay
    line) and give it as the reports' `RunReport`."""
    from mgip.contracts import report_console
    from mgip.contracts.report import RunReport
    from mgip.core import catalogue
    from mgip.core.verdicts import per_rule

    replay = target.redact(replay)  # a key in --base-url's userinfo, say
    rules = per_rule(run.verdicts, catalogue.load().rules)
    seconds = time.perf_counter() - started
    outcome = RunReport(
        target=target.label,
        seed=seed,
        replay=replay,
        seconds=seconds,
        checks=run.verdicts,
        rules=rules,
        options=options,
        stopped=run.stopped,
        interrupted=run.interrupted,
        figures={
            "requests_sent": run.sent,
            "schemathesis_requests": run.requests,
            "steps": run.steps,
            "writes": run.writes,
            "planned_writes": run.planned,
            "blocked_writes": len(run.blocked),
        },
    )
    say = functools.partial(_say, console)
    say("")
    figures = (
        f"rule layers: {run.sent} requests sent; "
        f"Schemathesis: {run.requests} requests in {run.schemathesis_seconds:.1f} s "
        f"({run.requests / max(run.schemathesis_seconds, 1e-9):.0f}/s); state machine: "
        f"{run.steps} steps ({run.writes} writes) in {run.machine_seconds:.1f} s "
        f"({run.steps / max(run.machine_seconds, 1e-9):.0f}/s)"
    )
    width = console.width
    for line in report_console.wrap(figures, width, later=""):
        say(line)
    if run.planned:
        say(f"dry run: {len(run.planned)} write(s) planned, none sent:")
        for line in run.planned:
            say(f"  {line}")
    if run.blocked:
        say(f"{len(run.blocked)} write(s) outside the scope were not sent")
    say("")
    sources = {rule.id: rule.seed for rule in catalogue.load().rules}
    for line in report_console.render(outcome, width, sources):
        say(target.redact(line))
    return outcome


def _say(console: Console, line: str) -> None:
    """A line as it is: never wrapped (rich would split a long word), its verdict coloured."""
    style = {"FAILED": "bold red", "ERROR": "bold magenta", "mgip": "bold"}.get(
        line.split(" ", 1)[0], ""
    )
    console.print(Text(line, style=style), soft_wrap=True, highlight=False)


def print_verdicts(console: Console, verdicts: list[Verdict], title: str = "mgip check") -> bool:
    """Print each check's verdict, name and detail, then its problems, a line each and wrapped
    at spaces only (as the end of a run is); True when something failed."""
    from mgip.contracts.report_console import check_lines

    failed = any(v.status in ("failed", "error") for v in verdicts)
    _say(console, f"{title}: {'FAILED' if failed else 'passed'}, {len(verdicts)} check(s)")
    for verdict in verdicts:
        for line in check_lines(verdict, console.width):
            _say(console, line)
    return failed
