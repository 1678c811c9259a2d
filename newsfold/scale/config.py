"""Settings of the Spark job: every threshold and size with the reason for its value."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ScaleConfig:
    """How the Spark job partitions, batches and iterates; stage thresholds stay in the stages' configs."""

    # None leaves the master to spark-submit (a cluster); the CLI passes "local[2]" on one machine.
    master: str | None = None
    # 200 is Spark's default and suits a cluster; local runs and tests lower it, since each partition
    # of a shuffle costs a task (~10 ms) even when empty.
    shuffle_partitions: int = 200
    # Rows per Arrow batch handed to Python workers: whole files (WARC/JSONL) travel as one row each, so
    # a small batch bounds worker memory at (batch x largest file).
    arrow_batch_rows: int = 64
    # Label propagation with pointer jumping halves the distance to the component minimum each round;
    # 40 rounds covers chains of 2**40 nodes, so hitting it means a bug, not a big graph.
    max_component_rounds: int = 40
    # Texts per call of the embedding model inside an executor: 256 keeps a GPU busy and a CPU's
    # memory flat (384 floats x 256 rows is 400 KB).
    embed_batch: int = 256
    # A candidate band bucket holding more articles than this is boilerplate shared by unrelated pages
    # (cookie banners, empty bodies); its pairs would be quadratic, so it is skipped and counted.
    max_bucket: int = 1000
    # Stories are placed by the online clusterer one time window at a time (windows run in parallel);
    # each window first replays the families of the clusterer's horizon before it, so stories open
    # at a boundary continue. 30 days with a 30-day horizon replays each family about twice.
    window_days: int = 30
    # Spark's app name as seen in the cluster UI and history server.
    app_name: str = "newsfold"
