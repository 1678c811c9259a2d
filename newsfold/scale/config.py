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
    # Input files are packed into read partitions of at most this size (Spark's default is 128 MB). Each
    # partition is read and cleaned by one task at ~0.1-1 MB of text per CPU-second, so smaller partitions
    # keep every core busy to the end (100 MB of JSONL on two cores gave 2+1 partitions at 128 MB).
    input_partition_mb: int = 16
    # Rows per Arrow batch handed to Python workers: whole files (WARC/JSONL) travel as one row each, so
    # a small batch bounds worker memory at (batch x largest file).
    arrow_batch_rows: int = 64
    # Label propagation with pointer jumping halves the distance to the component minimum each round;
    # 40 rounds covers chains of 2**40 nodes, so hitting it means a bug, not a big graph.
    max_component_rounds: int = 40
    # A meaning-band bucket holding more articles than this is a broad topic, not a copy: its star would
    # pull unrelated articles into one candidate group, so it is skipped.
    max_bucket: int = 1000
    # Stories are placed by the online clusterer one time window at a time (windows run in parallel);
    # each window first replays `context_days` of families before it, so stories open at a boundary
    # continue, and stories that share a replayed family are joined afterwards.
    window_days: int = 30
    # None replays the clusterer's whole horizon (120 days): the online result, at the price of placing
    # each family 1 + 120/window times. Fewer days cost less and split only stories whose next report
    # comes later than that across a boundary (bench/scale_windows.py measures how many; docs/scale.md).
    context_days: int | None = None
    # Meaning-layer candidate groups: random-hyperplane (SimHash) bands over article centroids, since a
    # global k-NN does not distribute. A band of 12 bits matches with p = (1 - angle/pi)^12; with 16 bands,
    # P(same group) is 0.94 at cosine 0.9, 0.65 at 0.8 and 0.2 at 0.6 (paraphrase copies sit near 0.9+).
    meaning_band_bits: int = 12
    meaning_bands: int = 16
    meaning_seed: int = 7
    # Spark's app name as seen in the cluster UI and history server.
    app_name: str = "newsfold"
