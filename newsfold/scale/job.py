"""The Spark job: inputs -> articles, rejects, copy families and stories as Parquet under one folder.

Run on a cluster with spark-submit (see docs/scale.md):
    spark-submit --master yarn newsfold/scale/job.py s3a://bucket/ccnews/*.warc.gz --out s3a://bucket/folded
or locally with `newsfold spark INPUT... --out DIR` / `python -m newsfold.scale.job INPUT... --out DIR`.
"""

from __future__ import annotations

import argparse
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsfold.scale.config import ScaleConfig
from newsfold.scale.ingest import load_units, read_clean

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from newsfold.clean import CleanConfig
    from newsfold.cluster import ClusterConfig
    from newsfold.dedup import DedupConfig

log = logging.getLogger(__name__)

TABLES = ("articles", "rejects", "families", "stories")
STAGES = ("articles", "families", "stories")  # where a job may stop (`until`)


@dataclass(slots=True)
class JobReport:
    """Row counts of every table the job wrote, and where."""

    out: str
    articles: int = 0
    rejects: int = 0
    families: int = 0
    stories: int = 0


def run_job(
    spark: SparkSession,
    paths: list[str],
    out: str,
    config: ScaleConfig = ScaleConfig(),
    dedup_config: DedupConfig | None = None,
    cluster_config: ClusterConfig | None = None,
    clean_config: CleanConfig | None = None,
    until: str = "stories",
) -> JobReport:
    """Fold `paths` into Parquet tables under `out` (overwritten); counts come back, rows stay in Spark.

    `until` stops after "articles" (read + clean), "families" or "stories" (all tables), as `newsfold run
    --until` does; tables of later stages are not written.
    """
    from pyspark import StorageLevel

    if until not in STAGES:
        raise ValueError(f"until must be one of {', '.join(STAGES)}, not {until!r}")
    report = JobReport(out=out.rstrip("/"))
    units = load_units(spark, paths)
    cleaned = read_clean(units, clean_config).persist(StorageLevel.DISK_ONLY)
    # One row per content id: re-reading the same article is a no-op, as in the local store.
    articles = cleaned.where("article is not null").select("article.*").dropDuplicates(["id"])
    rejects = cleaned.where("reject is not null").select("reject.*")
    report.articles = _write(articles, report.out, "articles")
    report.rejects = _write(rejects, report.out, "rejects")
    cleaned.unpersist()
    if until != "articles":
        _fold(spark, report, config, dedup_config, cluster_config, until)
    log.info("spark job: %s", report)
    return report


def _fold(
    spark: SparkSession,
    report: JobReport,
    config: ScaleConfig,
    dedup_config: DedupConfig | None,
    cluster_config: ClusterConfig | None,
    until: str,
) -> None:
    """Families and stories over the written articles (read back, so lineage stays short)."""
    from newsfold.scale.families import find_families
    from newsfold.scale.stories import find_stories

    articles = spark.read.parquet(f"{report.out}/articles")
    families = find_families(articles, config, dedup_config)
    report.families = _write(families, report.out, "families")
    if until == "families":
        return
    families = spark.read.parquet(f"{report.out}/families")
    persisted: list[DataFrame] = []
    stories = find_stories(articles, families, config, cluster_config, persisted)
    report.stories = _write(stories, report.out, "stories")
    for frame in persisted:
        frame.unpersist()


def _write(frame: DataFrame, out: str, table: str) -> int:
    """Write one table as Parquet and return its row count (read back from the files, not recomputed)."""
    path = f"{out}/{table}"
    frame.write.mode("overwrite").parquet(path)
    return frame.sparkSession.read.parquet(path).count()


def main(argv: list[str] | None = None) -> int:
    """spark-submit entry point: parse arguments, run the job, log the counts."""
    parser = argparse.ArgumentParser(prog="newsfold.scale.job", description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", help="files, folders or globs Spark can read (s3a://, hdfs://)")
    parser.add_argument("--out", required=True, help="folder for the Parquet tables (overwritten)")
    parser.add_argument("--master", default=None, help="e.g. local[2]; leave out under spark-submit")
    parser.add_argument("--shuffle-partitions", type=int, default=ScaleConfig.shuffle_partitions)
    parser.add_argument(
        "--window-days", type=int, default=ScaleConfig.window_days, help="story window length"
    )
    parser.add_argument("--context-days", type=int, default=None, help="days replayed before each window")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    from newsfold.scale.session import spark_session

    config = ScaleConfig(
        master=args.master,
        shuffle_partitions=args.shuffle_partitions,
        window_days=args.window_days,
        context_days=args.context_days,
    )
    report = run_job(spark_session(config), args.inputs, args.out, config)
    log.info("wrote %s", report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
