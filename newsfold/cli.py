"""`newsfold ...`: thin typer commands that open the store, call the library and print with rich.

Each command is one function; every command opens the store with `_open_store` and maps a
`NewsfoldError` to its exit code with `_fail`. Printing blocks for later stages (families, stories,
briefs) go after `_print_report` in `run`, one small function each.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markdown import Markdown
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsfold import __version__, export, pipeline
from newsfold.brief import render as render_brief
from newsfold.errors import ConfigError, NewsfoldError
from newsfold.model import RunReport, Story
from newsfold.read.config import FieldMapping
from newsfold.store import Store

app = typer.Typer(
    name="newsfold",
    help="Fold a pile of news articles into stories: copy families, event clusters and cited briefs.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
# Error lines are not wrapped: a path broken over two lines cannot be copied, and logs keep one line each.
err = Console(stderr=True, soft_wrap=True)

# Rejections listed in the terminal; the rest are counted (all of them are in --json and the runs table).
MAX_REJECTIONS_SHOWN = 50

DbOption = Annotated[Path, typer.Option("--db", help="SQLite file of the store (created if missing).")]
PathsArgument = Annotated[
    list[str], typer.Argument(help="Files, folders (recursively), globs, .gz files, or - for stdin.")
]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        help="Input field names for JSONL/CSV/JSON, e.g. `text=story,published=ts` "
        "(fields: title, text, published, url, source, author, language).",
    ),
]


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


class Stage(StrEnum):
    """Where `newsfold run --until` stops: each stage includes the ones before it."""

    store = "store"
    dedup = "dedup"
    cluster = "cluster"
    brief = "brief"


def _check_writable(path: Path | None) -> None:
    """Fail now (exit 2) when an output file could not be written later."""
    if path is None:
        return
    folder = path.parent if path.parent != Path("") else Path(".")
    if path.is_dir() or not folder.is_dir() or not os.access(folder, os.W_OK):
        _fail(NewsfoldError(f"cannot write {path}: not a writable file path"))


def _open_store(db: Path) -> Store:
    """Open the store or exit with the error's code and a message saying what is wrong."""
    try:
        return Store.open(db)
    except NewsfoldError as exc:
        _fail(exc)


def _mapping(fields: str | None) -> FieldMapping | None:
    """The --fields spec as a FieldMapping, or exit 2 saying what is wrong with it."""
    if fields is None:
        return None
    try:
        return FieldMapping.parse(fields)
    except ValueError as exc:
        _fail(ConfigError(f"--fields: {exc}"))


def _run_pipeline(paths: list[str], db: Path, config: pipeline.PipelineConfig) -> RunReport:
    """Run the pipeline into the store at `db` with a progress bar; environment errors exit."""
    with _open_store(db) as store:
        try:
            with _progress() as on_progress:
                return pipeline.run(paths, store, config, on_progress=on_progress)
        except NewsfoldError as exc:
            _fail(exc)


@app.command()
def run(
    paths: PathsArgument,
    db: DbOption = Path("newsfold.db"),
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the run's result as one JSON document here.")
    ] = None,
    until: Annotated[
        Stage, typer.Option("--until", help="Last stage to run; `store` only ingests (rerun to fold later).")
    ] = Stage.brief,
    fields: FieldsOption = None,
) -> None:
    """Read, clean and store every article given, fold them into families, stories and briefs; print all."""
    _check_writable(json_out)  # before the run, not after an hour of it
    config = pipeline.PipelineConfig(
        stop_after=None if until is Stage.brief else until.value, mapping=_mapping(fields)
    )
    report = _run_pipeline(paths, db, config)
    _print_report(report, db)
    _print_families(report)
    _print_stories(report.stories, "stories of this run")
    _print_briefs(report)
    if json_out is not None:
        _write_json(report, json_out)


@app.command()
def stories(
    db: DbOption = Path("newsfold.db"),
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show at most this many stories.")] = 50,
) -> None:
    """List the stored stories, newest first, with article and independent-source counts."""
    with _open_store(db) as store:
        found = store.list_stories(limit)
        total = store.count_stories()
    if not found:
        out.print(f"no stories in {db}")
        return
    _print_stories(found, f"stories ({len(found)} of {total}, newest first)")


def _print_stories(found: list[Story], title: str) -> None:
    """One row per story: label, time span, articles, independent sources (copy families), top entities."""
    if not found:
        return
    table = Table(title=title, title_justify="left")
    table.add_column("story", no_wrap=True)
    table.add_column("label", min_width=20, ratio=3)
    table.add_column("dates", no_wrap=True)
    table.add_column("articles", justify="right")
    table.add_column("sources", justify="right")
    table.add_column("entities", ratio=1)
    for story in found:
        table.add_row(
            story.id,
            story.label[:90],
            _date_span(story.first, story.last),
            str(len(story.articles)),
            str(len(story.families)),
            ", ".join(story.entities[:3]),
        )
    out.print(table)


def _print_briefs(report: RunReport) -> None:
    """Each story's brief as rendered Markdown (every line ends with its citations)."""
    for brief in report.briefs.values():
        out.print(Markdown(render_brief(brief, None, "md")))


@app.command()
def brief(
    story: Annotated[str, typer.Argument(help="The story id, as `newsfold stories` lists it.")],
    fmt: Annotated[str, typer.Option("--format", help="md, json or html (a self-contained page).")] = "md",
    db: DbOption = Path("newsfold.db"),
) -> None:
    """Print a story's brief: summary, facts, quotes, conflicts, unique facts, timeline, sources (cited)."""
    with _open_store(db) as store:
        found = store.get_brief(story)
        if found is None:
            _fail(ConfigError(f"no brief for story {story!r} in {db} (see `newsfold stories`)"))
        articles = store.get_articles(s.article for s in found.sources)
    try:
        typer.echo(render_brief(found, articles, fmt))
    except NewsfoldError as exc:
        _fail(exc)


def _date_span(first: str | None, last: str | None) -> str:
    """'2022-02-15', or '2022-02-15..2022-03-01' when the story spans several days; '-' when undated."""
    first, last = (first or "")[:10], (last or "")[:10]
    return first if first == last else f"{first}..{last}" if first else "-"


@app.command()
def dedup(
    paths: PathsArgument,
    db: DbOption = Path("newsfold.db"),
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the result (articles, families, reuse) as JSON.")
    ] = None,
    fields: FieldsOption = None,
) -> None:
    """Read, clean and store the articles, fold them into copy families, and print the families."""
    config = pipeline.PipelineConfig(stop_after="dedup", mapping=_mapping(fields))
    report = _run_pipeline(paths, db, config)
    _print_report(report, db)
    _print_families(report)
    if json_out is not None:
        _write_json(report, json_out)


def _print_families(report: RunReport) -> None:
    """Copy families of the run (members with their relation) and partial reuse between articles."""
    if not report.families:
        return
    label = {a.id: (a.title or a.origin)[:60] for a in report.articles}
    table = Table("family", "article", "relation", "score", title="copy families", title_justify="left")
    for family in report.families:
        for k, member in enumerate(family.members):
            name = label.get(member.article, member.article[:16])
            table.add_row(family.id[:20] if k == 0 else "", name, member.relation, f"{member.score:.2f}")
    out.print(table)
    copies = sum(len(f.members) > 1 for f in report.families)
    out.print(f"{len(report.families)} families ({copies} with copies), {len(report.reuse)} partial reuse")
    for reuse in report.reuse:
        a, b = label.get(reuse.a, reuse.a[:16]), label.get(reuse.b, reuse.b[:16])
        out.print(f"  reuse: {a} <-> {b}: {len(reuse.sentences)} shared sentences")


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


@app.command()
def serve(
    db: DbOption = Path("newsfold.db"),
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; loopback by default (0.0.0.0 exposes it).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port to listen on.")] = 8000,
) -> None:
    """Serve the store as a web UI and an HTTP API (OpenAPI at /openapi.json)."""
    import uvicorn

    from newsfold.serve import ServeConfig, create_app

    _open_store(db).close()  # fail here, with a clear message, when the store cannot be opened
    out.print(f"newsfold serving {db} on http://{host}:{port}/  (Ctrl-C stops)")
    config = ServeConfig()
    uvicorn.run(
        create_app(db, config),
        host=host,
        port=port,
        log_level="warning",
        timeout_keep_alive=config.keep_alive_s,
    )


@app.command()
def spark(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders or globs Spark can read (local, s3a://, hdfs://).")
    ],
    out_dir: Annotated[str, typer.Option("--out", help="Folder for the Parquet tables (overwritten).")],
    master: Annotated[
        str, typer.Option("--master", help="Spark master: local[N] here; a cluster's via spark-submit.")
    ] = "local[2]",
    shuffle_partitions: Annotated[
        int, typer.Option("--shuffle-partitions", min=1, help="Partitions of each shuffle (joins, groups).")
    ] = 8,
    window_days: Annotated[
        int,
        typer.Option(
            "--window-days", min=1, help="Stories are placed one window of this many days at a time."
        ),
    ] = 30,
    context_days: Annotated[
        int | None,
        typer.Option(
            "--context-days",
            min=0,
            help="Days each window replays before it (default: the 120-day story horizon; fewer cost less).",
        ),
    ] = None,
) -> None:
    """Fold inputs on Apache Spark into Parquet: articles/, families/, stories/, rejects/."""
    from newsfold.scale.config import ScaleConfig
    from newsfold.scale.job import run_job
    from newsfold.scale.session import spark_session

    config = ScaleConfig(
        master=master,
        shuffle_partitions=shuffle_partitions,
        window_days=window_days,
        context_days=context_days,
    )
    report = run_job(spark_session(config), inputs, out_dir, config)
    table = Table("table", "rows", title=f"newsfold spark -> {report.out}")
    for name in ("articles", "families", "stories", "rejects"):
        table.add_row(f"{name}/", str(getattr(report, name)))
    out.print(table)
