"""Start (or join) the SparkSession the job runs in."""

from __future__ import annotations

import logging
import os
import sys
from typing import TYPE_CHECKING

from newsfold.scale.config import ScaleConfig

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

log = logging.getLogger(__name__)


def spark_session(config: ScaleConfig = ScaleConfig()) -> SparkSession:
    """A SparkSession configured for newsfold; local masters get this interpreter for their workers."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(config.app_name)
    if config.master:
        # Local workers must run this virtualenv's Python (pyarrow, the models); on a cluster the
        # interpreter is chosen by spark-submit (PYSPARK_PYTHON / an archived environment).
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        builder = builder.master(config.master).config("spark.ui.enabled", "false")
        builder = builder.config("spark.ui.showConsoleProgress", "false")
    builder = builder.config("spark.sql.shuffle.partitions", str(config.shuffle_partitions))
    builder = builder.config("spark.sql.files.maxPartitionBytes", f"{config.input_partition_mb}m")
    # Python workers stay up between tasks (Spark's default, stated because the job relies on it): each
    # loads spaCy and the models once per process (newsfold.nlp / newsfold.embed cache them).
    builder = builder.config("spark.python.worker.reuse", "true")
    builder = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", str(config.arrow_batch_rows))
    builder = builder.config("spark.sql.execution.arrow.pyspark.enabled", "true")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    log.info("spark %s, master %s", spark.version, spark.sparkContext.master)
    return spark
