"""`newsfold ...`: thin typer commands that open the store, call the library and print with rich.

Each command is one function; every command opens the store with `_open_store` and maps a
`NewsfoldError` to its exit code with `_fail`. Printing blocks for later stages (families, stories,
briefs) go after `_print_report` in `run`, one small function each.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsfold import __version__, export, pipeline
from newsfold.errors import NewsfoldError
from newsfold.model import RunReport
from newsfold.store import Store

app = typer.Typer(
    name="newsfold",
    help="Fold a pile of news articles into stories: copy families, event clusters and cited briefs.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

# Rejections listed in the terminal; the rest are counted (all of them are in --json and the runs table).
MAX_REJECTIONS_SHOWN = 50

DbOption = Annotated[Path, typer.Option("--db", help="SQLite file of the store (created if missing).")]


def _version(show: bool) -> None:
    if show:
        out.print(f"newsfold {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what each stage does.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Fold a pile of news articles into stories: copy families, event clusters and cited briefs."""
    level = logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(message)s", handlers=[RichHandler(console=err)], force=True)


def _fail(exc: NewsfoldError) -> NoReturn:
    err.print(f"[bold red]error:[/] {exc}")
    raise typer.Exit(exc.exit_code)


def _open_store(db: Path) -> Store:
    """Open the store or exit with the error's code and a message saying what is wrong."""
    try:
        return Store.open(db)
    except NewsfoldError as exc:
        _fail(exc)


@app.command()
def run(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders (recursively), globs, .gz files, or - for stdin.")
    ],
    db: DbOption = Path("newsfold.db"),
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the run's result as one JSON document here.")
    ] = None,
) -> None:
    """Read, clean and store every article given, then print the run report."""
    with _open_store(db) as store:
        try:
            with _progress() as on_progress:
                report = pipeline.run(paths, store, on_progress=on_progress)
        except NewsfoldError as exc:
            _fail(exc)
    _print_report(report, db)
    if json_out is not None:
        _write_json(report, json_out)


@contextmanager
def _progress() -> Iterator[pipeline.OnProgress]:
    """A transient progress display on stderr (shown only on a terminal), as a pipeline callback."""
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("reading", total=None)

        def update(report: RunReport, origin: str) -> None:
            progress.update(
                task,
                description=f"read {report.read}  stored {report.stored}  skipped {report.skipped}"
                f"  rejected {len(report.rejected)}  [dim]{origin[-60:]}",
            )

        yield update


def _print_report(report: RunReport, db: Path) -> None:
    """Counts, then each rejection with its origin and reason."""
    table = Table(title=f"run report ({db})", show_header=False, title_justify="left")
    for name, value in (
        ("read", report.read),
        ("stored", report.stored),
        ("skipped (already known)", report.skipped),
        ("rejected", len(report.rejected)),
    ):
        table.add_row(name, str(value))
    out.print(table)
    if not report.rejected:
        return
    rejections = Table("origin", "reason", title="rejected", title_justify="left")
    for rejection in report.rejected[:MAX_REJECTIONS_SHOWN]:
        rejections.add_row(rejection.origin, rejection.error)
    out.print(rejections)
    hidden = len(report.rejected) - MAX_REJECTIONS_SHOWN
    if hidden > 0:
        out.print(f"… and {hidden} more rejections (all are in --json)")


def _write_json(report: RunReport, path: Path) -> None:
    """Write the run's JSON document; a path that cannot be written is an environment error (exit 2)."""
    try:
        with path.open("w", encoding="utf-8") as handle:
            export.dump_run(report, handle)
    except OSError as exc:
        _fail(NewsfoldError(f"cannot write {path}: {exc.strerror or exc}"))
    out.print(f"wrote {path}")
