"""The `mgip` command line. A thin layer: each command calls one module and reports."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from mgip.checkout import drift
from mgip.core import resources
from mgip.core.problems import InputError
from mgip.core.spec import Spec

app = typer.Typer(
    help="Contract testing and code generation for Mailgun's IP management API.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)

EXIT_OK, EXIT_FAILED, EXIT_UNUSABLE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _show_version(asked: bool) -> None:
    if asked:
        from mgip import __version__

        console.print(f"mgip {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Contract testing and code generation for Mailgun's IP management API."""


def _fail_input(exc: InputError) -> typer.Exit:
    errors.print(f"[bold red]error:[/] {exc}", markup=True, soft_wrap=True)
    return typer.Exit(EXIT_UNUSABLE)


@app.command("generate")
def generate_command() -> None:
    """Checkout command: regenerate generated/ (client package and reference) from spec/."""
    try:
        resources.checkout("generate")
        from mgip.checkout import generate

        result = generate.write()
    except InputError as exc:
        raise _fail_input(exc) from None
    files = sum(1 for p in result.root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    console.print(f"generated {files} files into {result.root} in {result.seconds:.2f} s")


@app.command("check-generated")
def check_generated_command() -> None:
    """Checkout command: regenerate into a temporary folder; fail if generated/ differs."""
    try:
        resources.checkout("check-generated")
        from mgip.checkout import generate

        problems, seconds = generate.check()
    except InputError as exc:
        raise _fail_input(exc) from None
    if problems:
        for problem in problems:
            errors.print(problem)
        errors.print(
            f"generated/ is stale ({len(problems)} file(s)): run `make generate` and commit."
        )
        raise typer.Exit(EXIT_FAILED)
    console.print(f"generated/ is up to date (regenerated in {seconds:.2f} s)")


@app.command("check-spec")
def check_spec_command() -> None:
    """Checkout command: the spec is valid, its examples hold, the catalogue quotes the seeds.

    Also: every departure from the upstream file is recorded. Seeds and upstream are read from
    beside the checkout (../shared/) and skipped, with why, when absent.
    """
    try:
        resources.checkout("check-spec")
        from mgip.checkout import spec_checks

        verdicts = list(spec_checks.run())
    except InputError as exc:
        raise _fail_input(exc) from None
    from mgip.cli_check import print_verdicts

    failed = print_verdicts(console, verdicts, "mgip check-spec")
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


@app.command("drift")
def drift_command(
    upstream: Annotated[
        Path, typer.Option(help="An upstream OpenAPI file to compare with the curated spec.")
    ],
    curated: Annotated[Path, typer.Option(help="The curated spec.")] = resources.SPEC,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    show_curated: Annotated[bool, typer.Option(help="List the curated differences too.")] = False,
) -> None:
    """Separate recorded curation from new, unexplained drift. Exit 1 on unexplained drift."""
    try:
        report = drift.compare(Spec.load(upstream), Spec.load(curated))
    except InputError as exc:
        raise _fail_input(exc) from None
    if as_json:
        payload = {
            "curated": [_drift_json(d) for d in report.curated],
            "unexplained": [_drift_json(d) for d in report.unexplained],
            "stale_curation": [
                {"scope": c.scope, "facets": list(c.patterns), "line": c.line} for c in report.stale
            ],
        }
        sys.stdout.write(json.dumps(payload, indent=2) + "\n")
    else:
        _print_drift(report, show_curated)
    if report.unexplained:
        raise typer.Exit(EXIT_FAILED)


def _drift_json(item: drift.Drift) -> dict[str, object]:
    entry: dict[str, object] = {
        "operation": item.operation,
        "facet": item.facet,
        "upstream": item.upstream,
        "curated": item.curated,
    }
    if item.curation is not None:
        entry["reason"] = item.curation.reason
        entry["seed"] = item.curation.seed
    return entry


def _print_drift(report: drift.Report, show_curated: bool) -> None:
    rows = report.drifts if show_curated else report.unexplained
    if rows:
        table = Table(title="Differences from upstream", show_lines=False)
        for column in ("operation", "facet", "upstream", "curated", "verdict"):
            table.add_column(column, overflow="fold")
        for item in rows:
            verdict = "[green]curated[/]" if item.explained else "[red]unexplained[/]"
            table.add_row(
                item.operation, item.facet, str(item.upstream), str(item.curated), verdict
            )
        console.print(table)
    for stale in report.stale:
        console.print(
            f"[yellow]stale curation[/] ({stale.scope}, line {stale.line}): "
            + ", ".join(stale.patterns)
        )
    console.print(
        f"{len(report.curated)} curated, {len(report.unexplained)} unexplained, "
        f"{len(report.stale)} stale curation entries"
    )


@app.command("mock")
def mock_command(  # noqa: PLR0917  (Typer maps each option to a parameter)
    port: Annotated[
        int, typer.Option(help="TCP port; 0 picks a free one.", min=0, max=65535)
    ] = 8025,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    scenario: Annotated[
        str | None,
        typer.Option(help="A scenario file, or a bundled scenario's name (default: demo)."),
    ] = None,
    state: Annotated[
        Path | None,
        typer.Option(help="Keep state in this file across restarts (saved after every write)."),
    ] = None,
    jobs: Annotated[
        str | None,
        typer.Option(help="When background jobs run: immediate, delay or manual."),
    ] = None,
    gateway: Annotated[
        bool,
        typer.Option(help="Require the X-Mailgun-* headers, as servers behind the gateway do."),
    ] = False,
    lenient: Annotated[
        bool,
        typer.Option(
            help="Ignore query parameters, form fields and JSON properties an operation does "
            "not declare, instead of refusing them with 400 (the scenario's setting "
            "unknown_fields: ignore)."
        ),
    ] = False,
    mutant: Annotated[
        str | None,
        typer.Option(
            envvar="MGIP_MUTANT",
            help="Serve a deliberately broken variant (`mgip mutants --list`).",
        ),
    ] = None,
    control: Annotated[
        bool,
        typer.Option(
            help="Offer the /mgip/ control interface (--no-control: serve the API alone, "
            "as a server that is not mgip's would)."
        ),
    ] = True,
    control_token: Annotated[
        str | None,
        typer.Option(
            envvar="MGIP_CONTROL_TOKEN",
            help="The token /mgip/ calls must send as X-Mgip-Control-Token (default: none on "
            "loopback; a new random one, printed, beyond it).",
        ),
    ] = None,
) -> None:
    """Serve the stateful reference server until stopped (Ctrl+C)."""
    from mgip.server import serving

    if jobs is not None and jobs not in ("immediate", "delay", "manual"):
        raise _fail_input(InputError(f"--jobs must be immediate, delay or manual, not {jobs!r}"))
    try:
        serving.run(
            host=host,
            port=port,
            scenario=scenario,
            state=state,
            jobs=jobs,
            out=console,
            gateway_headers=gateway,
            lenient=lenient,
            mutant=mutant,
            control=control,
            control_token=control_token,
        )
    except InputError as exc:
        raise _fail_input(exc) from None


@app.command("check")
def check_command(  # noqa: PLR0917  (Typer maps each option to a parameter)
    ctx: typer.Context,
    seed: Annotated[
        int | None, typer.Option(help="Replay a run with the seed it printed (default: random).")
    ] = None,
    profile: Annotated[
        str, typer.Option(help="How much to generate: quick, default or thorough.")
    ] = "default",
    headers: Annotated[
        str, typer.Option(help="public: no X-Mailgun-* headers; gateway: they are required.")
    ] = "public",
    max_examples: Annotated[
        int | None,
        typer.Option(
            help="Generated cases per operation and phase (overrides the profile).", min=1
        ),
    ] = None,
    base_url: Annotated[
        str | None,
        typer.Option(help="Check the server at this URL instead of the embedded one."),
    ] = None,
    api_key: Annotated[
        str | None,
        typer.Option(
            envvar="MGIP_API_KEY",
            help="The target's API key (or MGIP_API_KEY).",
            show_default=False,
        ),
    ] = None,
    read_only: Annotated[
        bool,
        typer.Option(help="Send reads only. Always on for a target outside loopback."),
    ] = False,
    allow_writes: Annotated[
        bool,
        typer.Option(help="Let the rule layer change a real account, inside --scope only."),
    ] = False,
    scope: Annotated[
        Path | None,
        typer.Option(help="YAML naming the IPs, domains and DIPPs the suites may change."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option(help="With --allow-writes: print the writes instead of sending them.")
    ] = False,
    junit: Annotated[Path | None, typer.Option(help="Also write a JUnit XML report here.")] = None,
    report: Annotated[
        Path | None, typer.Option(help="Also write a Markdown report for people here.")
    ] = None,
    json_file: Annotated[
        Path | None,
        typer.Option(
            "--json",
            help="Also write the run as JSON here (its JSON Schema: mgip/contracts/"
            "report.schema.json).",
        ),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option(help="Also write an HTML report here: one page, with filters, no requests."),
    ] = None,
    mutant: Annotated[
        str | None,
        typer.Option(
            help="Check a deliberately broken embedded server (`mgip mutants --list`).",
        ),
    ] = None,
    max_time: Annotated[
        float | None,
        typer.Option(
            help="Seconds the whole run may take (default per profile: quick 120, default 300, "
            "thorough 1200); what was checked by then is reported.",
            min=1,
        ),
    ] = None,
    request_timeout: Annotated[
        float,
        typer.Option(help="Seconds one request may wait for its answer.", min=0.1),
    ] = 10.0,
    strictness: Annotated[
        str | None,
        typer.Option(
            help=(
                "documented: hold the target to what the documentation fixes (a refusal is any "
                "4xx but 401); strict: to mgip's conventions too (the catalogue's statuses). "
                "Default: documented for --base-url, strict for the embedded server."
            ),
            show_default=False,
        ),
    ] = None,
) -> None:
    """The main job: check a server against the spec and the rules.

    Without a target, the embedded reference server runs in-process. Exit 0 when everything
    checked holds, 1 when something failed, 2 when the run could not be made, 130 when Ctrl+C
    ended it (with the verdicts so far, and the reports).
    """
    import dataclasses
    import random

    from mgip import cli_check
    from mgip.contracts.profiles import PROFILES
    from mgip.contracts.run import MAX_TIME, SIZES
    from mgip.contracts.strictness import STRICTNESSES
    from mgip.contracts.wire import Limits

    if profile not in SIZES:
        raise _fail_input(InputError(f"--profile must be one of {', '.join(SIZES)}"))
    if headers not in PROFILES:
        raise _fail_input(InputError(f"--headers must be one of {', '.join(PROFILES)}"))
    if strictness is not None and strictness not in STRICTNESSES:
        raise _fail_input(InputError(f"--strictness must be one of {', '.join(STRICTNESSES)}"))
    size = SIZES[profile]
    if max_examples is not None:
        size = dataclasses.replace(size, max_examples=max_examples)
    seed = seed if seed is not None else random.randrange(1 << 31)
    replay = cli_check.replay_line(ctx, seed)
    paths = {"--junit": junit, "--report": report, "--json": json_file, "--html": html}
    started = time.perf_counter()
    limits = Limits.within(max_time or MAX_TIME[profile], request_timeout=request_timeout)
    try:
        cli_check.prepare_reports(paths)
        target = cli_check.target(
            base_url,
            api_key or "",
            headers=headers,
            read_only=read_only,
            writes=(allow_writes, scope, dry_run),
            mutant=mutant,
            limits=limits,
            strictness=strictness,
        )
        said = f"{target.label}{' (read-only)' if target.read_only else ''}"
        for line in [*_wrapped(f"target: {said}", indent=""), f"strictness: {target.strictness}"]:
            console.print(line, soft_wrap=True, markup=False)
        run = cli_check.run(target, seed=seed, headers=headers, size=size, console=console)
    except InputError as exc:
        raise _fail_input(exc) from None
    except KeyboardInterrupt:  # before the run started: nothing was checked
        errors.print("interrupted (Ctrl+C) before the run started")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    options = {
        "profile": profile,
        "headers": headers,
        "max_examples": size.max_examples,
        "base_url": base_url,
        "read_only": target.read_only,
        "allow_writes": allow_writes,
        "scope": str(scope) if scope is not None else None,
        "dry_run": dry_run,
        "mutant": mutant,
        "max_time": max_time or MAX_TIME[profile],
        "request_timeout": request_timeout,
        "strictness": target.strictness,
    }
    try:
        outcome = cli_check.conclude(
            run, target, console, seed=seed, replay=replay, options=options, started=started
        )
        cli_check.write_reports(outcome, target, paths, console.print)
    except InputError as exc:
        raise _fail_input(exc) from None
    except KeyboardInterrupt:  # a second Ctrl+C, while the reports were written
        errors.print("interrupted (Ctrl+C) while the reports were written")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    raise typer.Exit(outcome.exit_code)


@app.command("mutants")
def mutants_command(  # noqa: PLR0917  (Typer maps each option to a parameter)
    only: Annotated[
        list[str] | None,
        typer.Option(help="Run only these mutants (a name, or a shell pattern); repeatable."),
    ] = None,
    subset: Annotated[
        str | None, typer.Option(help="Run a named subset of the mutants, such as `ci`.")
    ] = None,
    list_only: Annotated[
        bool, typer.Option("--list", help="List the mutants and what each breaks; run nothing.")
    ] = False,
    shard: Annotated[
        str | None,
        typer.Option(
            help="Run shard I of N (`--shard 2/3`): every Nth mutant from the Ith, so that N "
            "CI jobs share the mutants; each shard also runs the correct server."
        ),
    ] = None,
    seed: Annotated[int, typer.Option(help="The seed of every contract run.")] = 1,
    profile: Annotated[
        str, typer.Option(help="The contract run's profile: quick, default or thorough.")
    ] = "default",
    workers: Annotated[
        int | None, typer.Option(help="Parallel worker processes (default: one per CPU).", min=1)
    ] = None,
    budget: Annotated[
        float, typer.Option(help="Seconds one contract run may take before it is cut off.", min=1)
    ] = 120.0,
    markdown: Annotated[Path, typer.Option(help="Write the kill matrix as Markdown here.")] = Path(
        "reports/mutants.md"
    ),
    json_file: Annotated[
        Path, typer.Option("--json", help="Write the kill matrix as JSON here.")
    ] = Path("reports/mutants.json"),
) -> None:
    """Run the default contract run against every mutant and print the kill matrix.

    Exit 0 when every mutant was killed, 1 when one survived, 2 when the run could not be made
    (including a correct server that fails its own contracts).
    """
    from mgip.contracts import mutation
    from mgip.contracts.run import SIZES

    if profile not in SIZES:
        raise _fail_input(InputError(f"--profile must be one of {', '.join(SIZES)}"))
    try:
        names = _sharded(_chosen_mutants(only, subset), shard)
    except InputError as exc:
        raise _fail_input(exc) from None
    if list_only:
        _list_mutants(names)
        return
    chosen = workers or mutation.default_workers()
    console.print(
        f"{len(names)} mutant(s), seed {seed}, profile {profile}, {chosen} worker(s), "
        f"budget {budget:.0f} s each"
    )
    started = time.perf_counter()

    def progress(result: mutation.MutantResult) -> None:
        if result.kind == "control":
            verdict = "passes" if not result.killed and not result.error else "FAILS"
            console.print(f"  the correct server {verdict} ({result.seconds:.1f} s)")
            return
        word = "[green]killed[/]" if result.killed else "[bold red]SURVIVED[/]"
        first = f" at {result.first_failure:.1f} s" if result.first_failure is not None else ""
        console.print(f"  {word} {result.name}{first} {result.error}", soft_wrap=True)

    results = mutation.run_all(
        names, seed=seed, profile=profile, workers=chosen, budget=budget, progress=progress
    )
    meta = {
        "seed": seed,
        "profile": profile,
        "workers": chosen,
        "budget": budget,
        "seconds": round(time.perf_counter() - started, 1),
    }
    control = results[0]
    _print_matrix(results)
    for path, text in (
        (markdown, mutation.to_markdown(results, meta)),
        (json_file, mutation.to_json(results, meta)),
    ):
        try:
            mutation.write(path, text)
        except OSError as exc:
            raise _fail_input(InputError(f"cannot write {path}: {exc.strerror}")) from None
    console.print(f"kill matrix: {markdown} and {json_file}")
    if control.killed or control.error:
        problem = control.error or ", ".join(control.caught_by)
        raise _fail_input(InputError(f"the correct server fails its contracts: {problem}"))
    facts = mutation.summary(results)
    raise typer.Exit(EXIT_FAILED if facts["survived"] else EXIT_OK)


def _chosen_mutants(only: list[str] | None, subset: str | None) -> list[str]:
    import fnmatch

    from mgip.server import mutants

    every = list(mutants.load_all())
    if subset is not None:
        if subset not in mutants.SUBSETS:
            known = ", ".join(mutants.SUBSETS)
            raise InputError(f"--subset must be one of {known}, not {subset!r}")
        every = [n for n in every if n in mutants.SUBSETS[subset]]
    if not only:
        return every
    chosen = []
    for pattern in only:
        matched = [n for n in every if fnmatch.fnmatchcase(n, pattern)]
        if not matched:
            raise InputError(f"--only {pattern!r} matches no mutant (`mgip mutants --list`)")
        chosen += [n for n in matched if n not in chosen]
    return chosen


def _sharded(names: list[str], shard: str | None) -> list[str]:
    """The mutants of shard `I/N`: every Nth name from the Ith, in the registry's order."""
    if shard is None:
        return names
    index, _, count = shard.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise InputError(f"--shard must be I/N with 1 <= I <= N, such as 1/2, not {shard!r}")
    return names[int(index) - 1 :: int(count)]


def _wrapped(text: str, indent: str = "  ") -> list[str]:
    """`text` wrapped at the console's width at spaces only (no name is ever split); the lines
    after the first indented by `indent`, or by two spaces when `indent` is empty."""
    from mgip.contracts.report_console import wrap

    return wrap(text, console.width, indent, indent or "  ")


def _list_mutants(names: list[str]) -> None:
    """A mutant's name on a line of its own (to copy into --mutant), then what it breaks."""
    from mgip.server import mutants

    console.print(f"{len(names)} mutants", soft_wrap=True)
    for name in names:
        mutant = mutants.MUTANTS[name]
        broken = ", ".join(mutant.rules) or f"fault: {mutant.fault}"
        console.print(name, soft_wrap=True, markup=False)
        for line in _wrapped(f"{broken}: {mutant.breaks}"):
            console.print(line, soft_wrap=True, markup=False)


def _print_matrix(results: list[Any]) -> None:
    from mgip.contracts import mutation

    facts = mutation.summary(results)
    console.print("kill matrix (survivors first):")
    for r in mutation.ordered(results):
        first = f"first failure {r.first_failure:.1f} s" if r.first_failure is not None else ""
        word = "killed" if r.killed else "[bold red]SURVIVED[/]"
        console.print(f"{word} {r.name} {first}".rstrip(), soft_wrap=True)
        caught = f"caught by {', '.join(r.caught_by)}" if r.killed else r.error
        for line in _wrapped(caught):
            console.print(line, soft_wrap=True, markup=False)
    console.print(
        f"killed {facts['killed']} of {facts['mutants']}; time to first failure: median "
        f"{facts['median_first_failure']} s, worst {facts['worst_first_failure']} s"
    )
