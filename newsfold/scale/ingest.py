"""Inputs to articles on Spark: list input units, then run the local read and clean stages on executors.

A unit is one thing `read.read_bytes` understands: a whole file (WARC, HTML, text, JSONL, feeds), or one
Parquet row rendered as a JSON line. Whatever read or clean cannot handle becomes a reject row; the job
never fails on bad input.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsfold.model import Rejection
from newsfold.scale.rows import article_to_row, cleaned_type

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

    from newsfold.clean import CleanConfig
    from newsfold.model import RawRecord

log = logging.getLogger(__name__)

UNIT_SCHEMA = "name string, data binary"
_PARQUET_SUFFIXES = (".parquet", ".pq")


def load_units(spark: SparkSession, paths: list[str]) -> DataFrame:
    """One row per readable unit (name, data) over every path Spark can list (local, s3a://, hdfs://)."""
    from pyspark.sql import functions as F

    parquet = [p for p in paths if p.rstrip("/").endswith(_PARQUET_SUFFIXES)]
    files = [p for p in paths if p not in parquet]
    frames = []
    if files:
        found = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(files)
        frames.append(found.select(_local_name(F.col("path")).alias("name"), F.col("content").alias("data")))
    if parquet:
        rows = spark.read.parquet(*parquet)
        # The JSONL reader maps fields (title, url, text...) exactly as for a .jsonl file on disk.
        name = F.concat(_local_name(F.input_file_name()), F.lit(".jsonl"))
        data = F.to_json(F.struct(*[F.col(c) for c in rows.columns])).cast("binary")
        frames.append(rows.select(name.alias("name"), data.alias("data")))
    if not frames:
        return spark.createDataFrame([], UNIT_SCHEMA)
    units = frames[0]
    for frame in frames[1:]:
        units = units.unionByName(frame)
    return units


def _local_name(column: Any) -> Any:
    """Drop the `file:` scheme Spark adds to local paths, so origins read like the local pipeline's."""
    from pyspark.sql import functions as F

    return F.regexp_replace(column, r"^file:(//)?", "")


def read_clean(units: DataFrame, clean_config: CleanConfig | None = None) -> DataFrame:
    """Run read + clean over every unit on the executors: rows of (article, reject), one set per row."""
    from newsfold.clean import CleanConfig

    config = clean_config or CleanConfig()

    def run(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        yield from _read_clean_batches(batches, config)

    return units.mapInArrow(run, cleaned_type())


def _read_clean_batches(batches: Iterable[pa.RecordBatch], config: CleanConfig) -> Iterator[pa.RecordBatch]:
    """mapInArrow body: each unit through the local reader and cleaner."""
    import pyarrow as pa
    from pyspark.sql.pandas.types import to_arrow_schema

    schema = to_arrow_schema(cleaned_type())
    for batch in batches:
        rows: list[dict[str, Any]] = []
        for unit in batch.to_pylist():
            rows.extend(read_clean_unit(unit["name"], unit["data"] or b"", config))
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def read_clean_unit(name: str, data: bytes, config: CleanConfig | None = None) -> Iterator[dict[str, Any]]:
    """Rows for one unit: an article row per cleaned record, a reject row per failure (never raises)."""
    from newsfold import read
    from newsfold.model import ReadError

    try:
        for item in read.read_bytes(data, name):
            if isinstance(item, ReadError):
                yield _reject(str(item.origin), item.reason)
            else:
                yield _clean_record(item, config)
    except Exception as exc:  # a reader bug: the rest of the unit is lost, and said so, not the job
        log.warning("read failed on %s: %s", name, exc)
        yield _reject(name, f"reading stopped: {type(exc).__name__}: {exc}")


def _clean_record(record: RawRecord, config: CleanConfig | None) -> dict[str, Any]:
    """The local pipeline's own rule for one record (`pipeline.clean_item`), as a row."""
    from newsfold.clean import CleanConfig
    from newsfold.pipeline import clean_item

    outcome = clean_item(record, config or CleanConfig())
    if isinstance(outcome, Rejection):
        return _reject(outcome.origin, outcome.error)
    return {"article": article_to_row(outcome), "reject": None}


def _reject(origin: str, error: str) -> dict[str, Any]:
    return {"article": None, "reject": {"origin": origin, "error": error}}
