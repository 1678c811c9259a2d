"""The main job: read -> clean -> store (one transaction per batch) -> dedup -> cluster -> compare/brief.

`run(paths, store)` reads inputs itself; `run_records(items, store)` takes items already read (the HTTP API
ingests through it). Both return a `RunReport`: counts (read == stored + skipped + rejected), every
rejection with its origin and reason, and every article of the input, stored now or known before.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from newsfold import brief as brief_stage
from newsfold import clean as clean_stage
from newsfold import cluster as cluster_stage
from newsfold import compare as compare_stage
from newsfold import dedup as dedup_stage
from newsfold import read as read_stage
from newsfold.clean.config import CleanConfig
from newsfold.dedup.config import DedupConfig
from newsfold.model import Article, RawRecord, ReadError, Rejection, RunReport
from newsfold.read.config import FieldMapping, ReadConfig
from newsfold.store import Store

log = logging.getLogger(__name__)

# Called after every input item with the report so far and the item's origin (for progress bars).
OnProgress = Callable[[RunReport, str], None]


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """Settings of the whole job; its hash is stored with each run."""

    # Articles per store transaction: one commit (and WAL sync) is shared by 200 articles, and a killed run
    # loses at most one uncommitted batch (~1 s of cleaning), which the next run redoes.
    batch_size: int = 200
    # Which input fields of JSONL/CSV files mean title, text, date, ... (None: the readers' defaults).
    mapping: FieldMapping | None = None
    read: ReadConfig = field(default_factory=ReadConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    cluster: cluster_stage.ClusterConfig = field(default_factory=cluster_stage.ClusterConfig)
    compare: compare_stage.CompareConfig = field(default_factory=compare_stage.CompareConfig)
    brief: brief_stage.BriefConfig = field(default_factory=brief_stage.BriefConfig)
    # The last stage to run ("store" ingests only, "dedup" for `newsfold dedup`); None runs them all.
    stop_after: str | None = None


def config_hash(config: PipelineConfig) -> str:
    """A short stable hash of every setting, so a run's results can be tied to the settings that made them."""
    settings = json.dumps(dataclasses.asdict(config), sort_keys=True, default=str)
    return hashlib.sha256(settings.encode()).hexdigest()[:16]


def run(
    paths: Iterable[str],
    store: Store,
    config: PipelineConfig = PipelineConfig(),
    on_progress: OnProgress | None = None,
) -> RunReport:
    """Read every path (files, folders, globs, `-`), then run `run_records` on what was read."""
    items = read_stage.read_paths(list(paths), config.mapping, config.read)
    return run_records(items, store, config, on_progress)


def run_records(
    items: Iterable[RawRecord | ReadError],
    store: Store,
    config: PipelineConfig = PipelineConfig(),
    on_progress: OnProgress | None = None,
) -> RunReport:
    """Clean and store items already read, then fold them; a run the process does not finish stays open."""
    report = RunReport()
    store.begin_run(config_hash(config))
    batch: list[Article] = []
    for item in _guarded(items, report):
        report.read += 1
        outcome = clean_item(item, config.clean)
        if isinstance(outcome, Rejection):
            report.rejected.append(outcome)
        else:
            batch.append(outcome)
        if len(batch) >= config.batch_size:
            _store_batch(store, batch, report)
            batch = []
        if on_progress is not None:
            on_progress(report, str(item.origin))
    _store_batch(store, batch, report)
    _fold(store, report, config)
    store.finish_run(report)
    log.info("run: read %d, stored %d, skipped %d, rejected %d", *_counts(report))
    return report


def _counts(report: RunReport) -> tuple[int, int, int, int]:
    return report.read, report.stored, report.skipped, len(report.rejected)


def _guarded(items: Iterable[RawRecord | ReadError], report: RunReport) -> Iterator[RawRecord | ReadError]:
    """Yield items; a reader that raises ends the input, recorded as a rejection rather than a crash."""
    iterator = iter(items)
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            return
        except Exception as exc:  # a reader bug: keep what was read, say where reading stopped
            log.exception("reading failed")
            report.rejected.append(Rejection("(input)", f"reading stopped: {type(exc).__name__}: {exc}"))
            return
        yield item


def clean_item(item: RawRecord | ReadError, config: CleanConfig = CleanConfig()) -> Article | Rejection:
    """One item to an Article, or to a Rejection saying why not; never raises for bad input."""
    origin = str(item.origin)
    if isinstance(item, ReadError):
        return Rejection(origin, item.reason)
    try:
        article = clean_stage.clean(item, config)
    except Exception as exc:  # one article that breaks cleaning must not sink the whole run
        log.warning("cleaning %s failed", origin, exc_info=True)
        return Rejection(origin, f"cleaning failed: {type(exc).__name__}: {exc}")
    if not article.text.strip():
        return Rejection(origin, "no article text left after cleaning" + _removed_summary(article))
    return article


def _removed_summary(article: Article) -> str:
    """What cleaning took away (runs of furniture, by reason) for a rejection: " (removed: stub x2)"."""
    counts = Counter(item.reason for item in article.removed)
    if not counts:
        return ""
    return " (removed: " + ", ".join(f"{r} x{n}" if n > 1 else r for r, n in counts.most_common()) + ")"


def _store_batch(store: Store, batch: list[Article], report: RunReport) -> None:
    """One transaction for the batch; known ids count as skipped but stay in the report's articles."""
    if not batch:
        return
    new = store.add_articles(batch)
    report.stored += sum(new)
    report.skipped += len(new) - sum(new)
    report.articles.extend(batch)


def _dedup(store: Store, report: RunReport, config: PipelineConfig) -> None:
    """Copy families: the stored dedup state grows by this run's articles, then families are saved."""
    state = store.load_dedup_state(config.dedup.minhash.num_perm)
    result = dedup_stage.find_families(report.articles, state, config.dedup, lookup=store.get_article)
    store.save_dedup_state(result.state)
    store.save_families(result.families, result.reuse)
    report.families = result.families
    report.reuse = store.reuse_of(a.id for a in report.articles)  # earlier runs' reuse of these too


def _cluster(store: Store, report: RunReport, config: PipelineConfig) -> None:
    """Stories: the stored clustering state grows by this run's families; report the stories they are in."""
    articles = {a.id: a for a in report.articles}
    wanted = {f.canonical for f in report.families} - articles.keys()
    articles.update((a.id, a) for a in store.get_articles(wanted))  # canonicals stored by earlier runs
    state = store.load_story_state(config.cluster.posting_cap)
    cluster_stage.assign_stories(report.families, articles, state, config.cluster)
    store.save_story_state(state)
    report.stories = cluster_stage.stories_of(state, (a.id for a in report.articles))


def _brief(store: Store, report: RunReport, config: PipelineConfig) -> None:
    """Compare and brief every story this run touched; briefs go to the report and the store."""
    for story in report.stories:
        articles = store.get_articles(story.articles)
        family_ids = {store.family_of(a.id) or a.id for a in articles}
        families = [f for f in (store.get_family(i) for i in sorted(family_ids)) if f is not None]
        # per-article analysis (vectors, names) is computed at an article's first brief and reused after
        known = store.get_analyses(story.articles, compare_stage.analysis_version(config.compare))
        comparison = compare_stage.compare(story, articles, families, config.compare, known)
        store.save_analyses(comparison.fresh)
        report.briefs[story.id] = brief_stage.write_brief(story, comparison, articles, families, config.brief)
    store.save_briefs(report.briefs.values())


def _fold(store: Store, report: RunReport, config: PipelineConfig) -> None:
    """The stages after storing; each fills its part of the report (and of the store) with a small call."""
    if config.stop_after == "store":  # ingest only (bench/pipeline_ingest.py)
        return
    # -- dedup --            copy families and partial reuse over report.articles -> report.families, .reuse
    _dedup(store, report, config)
    if config.stop_after == "dedup":
        return
    # -- cluster --          stories over articles in time order, families as units -> report.stories
    _cluster(store, report, config)
    if config.stop_after == "cluster":  # the Spark job's comparison point (bench/scale_throughput.py)
        return
    # -- compare / brief --  one comparison and brief per story -> report.briefs
    _brief(store, report, config)
