"""Copy families at scale: candidate groups as Spark jobs, then the local `dedup.find_families` per group.

1. Keys on executors from dedup's own functions: exact key (`fingerprint`), LSH band keys (`sign`,
   `band_keys`) and distinct sentence hashes. Articles sharing a key are linked to the key's smallest
   article id (a star, so a big bucket stays linear); sentence keys held by more distinct texts than
   dedup's `max_sentence_df` are boilerplate and dropped, as dedup drops them.
2. Meaning: the articles the lexical keys left alone (and one per lexical group) get sentence vectors
   (`meaning.embed_articles`, on a GPU when the executor has one) and SimHash band keys of their centroid.
3. Connected components of those links are candidate groups: any pair dedup could link shares a group.
4. Each group goes through `dedup.find_families` in arrival order (by origin), so the families, their
   canonical members, relations and scores are the local stage's own.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsfold.scale.components import connected_components
from newsfold.scale.config import ScaleConfig
from newsfold.scale.rows import row_to_article

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa
    from pyspark.sql import DataFrame

    from newsfold.dedup import DedupConfig

log = logging.getLogger(__name__)

KEYS_SCHEMA = "article_id string, kind string, key long, text_key long"
FAMILIES_SCHEMA = "family_id string, article_id string, relation string, score double"


def find_families(
    articles: DataFrame, config: ScaleConfig = ScaleConfig(), dedup_config: DedupConfig | None = None
) -> DataFrame:
    """One row per member: (family_id, article_id, relation, score), every article in exactly one family."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from newsfold.dedup import DedupConfig

    dedup_config = dedup_config or DedupConfig()
    keyed = articles.select(F.col("id").alias("article_id"), "text")
    # Key tables feed both the bucket counts and the join back to articles: kept on disk so the Python
    # key functions (the embedding model, for meaning keys) run once per article, not once per use.
    # Materialised by a count before use: the stages that read a cached frame can start together, and
    # each would otherwise fill the cache itself.
    lexical = keyed.mapInArrow(_runner(_lexical_keys, dedup_config, config), KEYS_SCHEMA)
    keys = [lexical.persist(StorageLevel.DISK_ONLY)]
    edges = _star_edges(keys[0], dedup_config)
    if dedup_config.meaning.enabled:
        bare = articles.drop("raw", "markup", "removed")  # what sentence spans need, no more
        meaning = bare.mapInArrow(_runner(_meaning_keys, dedup_config, config), KEYS_SCHEMA)
        keys.append(meaning.persist(StorageLevel.DISK_ONLY))
        edges = edges.unionByName(_star_edges(keys[1], dedup_config, config.max_bucket))
    for frame in keys:
        frame.count()
    groups = connected_components(edges, config).withColumnRenamed("node", "id")  # eager: keys are read
    for frame in keys:
        frame.unpersist()
    grouped = articles.join(groups, "id", "left").withColumn("group", F.coalesce("label", "id")).drop("label")
    return _families(grouped, dedup_config)


def _runner(body: Any, dedup_config: DedupConfig, config: ScaleConfig) -> Any:
    """A mapInArrow function that carries the configs to the executors."""

    def run(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            yield body(batch, dedup_config, config)

    return run


def _lexical_keys(batch: pa.RecordBatch, dedup_config: DedupConfig, config: ScaleConfig) -> pa.RecordBatch:
    """Exact key, LSH band keys and distinct sentence hashes of each article, by dedup's own functions."""
    import numpy as np

    from newsfold.dedup.fingerprint import fingerprint
    from newsfold.dedup.signatures import band_keys, sign

    ids, texts = batch.column("article_id").to_pylist(), batch.column("text").to_pylist()
    fp = fingerprint(texts, dedup_config.shingles)
    bands = band_keys(sign(fp, dedup_config.minhash), dedup_config.minhash)
    rows: list[tuple[str, str, np.ndarray, int]] = []
    for i, aid in enumerate(ids):
        exact = int(fp.exact[i].astype(np.uint64).view(np.int64))
        rows.append((aid, "exact", np.array([fp.exact[i]], np.uint64), exact))
        rows.append((aid, "band", bands[i], exact))
        rows.append((aid, "sentence", np.unique(fp.sentences_of(i)), exact))
    return _key_batch(rows)


def _key_batch(rows: list[tuple[str, str, np.ndarray, int]]) -> pa.RecordBatch:
    """Flatten (article, kind, uint64 keys, exact key) into KEYS_SCHEMA rows (keys as signed 64-bit)."""
    import numpy as np
    import pyarrow as pa

    sizes = [len(k) for _, _, k, _ in rows]
    keys = np.concatenate([k.astype(np.uint64) for _, _, k, _ in rows]) if rows else np.zeros(0, np.uint64)
    return pa.RecordBatch.from_pydict(
        {
            "article_id": np.repeat([r[0] for r in rows], sizes).tolist(),
            "kind": np.repeat([r[1] for r in rows], sizes).tolist(),
            "key": keys.view(np.int64),
            "text_key": np.repeat([r[3] for r in rows], sizes).astype(np.int64),
        },
        schema=pa.schema(
            [
                ("article_id", pa.string()),
                ("kind", pa.string()),
                ("key", pa.int64()),
                ("text_key", pa.int64()),
            ]
        ),
    )


def _star_edges(keys: DataFrame, dedup_config: DedupConfig, max_bucket: int | None = None) -> DataFrame:
    """(src, dst) links from each key's smallest article to the others; boilerplate sentences dropped."""
    from pyspark.sql import functions as F

    buckets = keys.groupBy("kind", "key").agg(
        F.min("article_id").alias("hub"), F.countDistinct("text_key").alias("texts"), F.count("*").alias("n")
    )
    cap = dedup_config.containment.max_sentence_df
    buckets = buckets.where((F.col("n") > 1) & ((F.col("kind") != "sentence") | (F.col("texts") <= cap)))
    if max_bucket is not None:
        buckets = buckets.where(F.col("n") <= max_bucket)
    joined = keys.join(buckets.select("kind", "key", "hub"), ["kind", "key"])
    edges = joined.where(F.col("article_id") != F.col("hub"))
    return edges.select(F.col("hub").alias("src"), F.col("article_id").alias("dst")).distinct()


def _meaning_keys(batch: pa.RecordBatch, dedup_config: DedupConfig, config: ScaleConfig) -> pa.RecordBatch:
    """SimHash band keys of each article's centroid of sentence vectors (dedup's embedding and centroid)."""
    import numpy as np

    from newsfold.dedup.meaning import centroid, embed_articles

    articles = [row_to_article(r) for r in batch.to_pylist()]
    vectors = embed_articles(articles, dedup_config.meaning)
    planes = _planes(config, vectors[0].shape[1] if vectors else 384)
    weights = np.left_shift(np.uint64(1), np.arange(config.meaning_band_bits, dtype=np.uint64))
    salt = np.arange(config.meaning_bands, dtype=np.uint64) << np.uint64(40)
    rows = []
    for article, v in zip(articles, vectors, strict=True):
        if len(v) == 0:
            continue  # no sentences: no centroid, and dedup finds no neighbours for it either
        c = centroid(v.astype(np.float16).astype(np.float32))  # dedup keeps vectors as float16
        bits = (planes @ c > 0).reshape(config.meaning_bands, config.meaning_band_bits).astype(np.uint64)
        rows.append((article.id, "meaning", (bits * weights).sum(axis=1) | salt, 0))
    return _key_batch(rows)


def _planes(config: ScaleConfig, dims: int) -> np.ndarray:
    """The same random hyperplanes on every executor (seeded)."""
    import numpy as np

    rng = np.random.default_rng(config.meaning_seed)
    return rng.standard_normal((config.meaning_bands * config.meaning_band_bits, dims)).astype(np.float32)


def _families(grouped: DataFrame, dedup_config: DedupConfig) -> DataFrame:
    """FAMILIES_SCHEMA rows: `dedup.find_families` over each candidate group, singletons one by one."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    sized = grouped.withColumn("size", F.count("*").over(Window.partitionBy("group")))
    single = sized.where("size = 1").drop("size", "group")
    several = sized.where("size > 1").drop("size")
    alone = dataclasses.replace(
        dedup_config, meaning=dataclasses.replace(dedup_config.meaning, enabled=False)
    )

    def singles(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for batch in batches:
            rows = [r for row in batch.to_pylist() for r in fold_group([row], alone)]
            yield _family_batch(rows)

    def group(table: pa.Table) -> pa.Table:
        import pyarrow as pa

        return pa.Table.from_batches(
            [_family_batch(fold_group(table.drop(["group"]).to_pylist(), dedup_config))]
        )

    return single.mapInArrow(singles, FAMILIES_SCHEMA).unionByName(
        several.groupBy("group").applyInArrow(group, FAMILIES_SCHEMA)
    )


def fold_group(rows: list[dict[str, Any]], dedup_config: DedupConfig) -> list[tuple[str, str, str, float]]:
    """(family, article, relation, score) for one candidate group, by the local dedup stage."""
    from newsfold.dedup import find_families as local_find_families

    # Arrival order decides first-seen members (family ids) and ties; origins order it as a local
    # run over the same folder would (files sorted, records in file order).
    articles = sorted((row_to_article(r) for r in rows), key=lambda a: (arrival_key(a.origin), a.id))
    result = local_find_families(articles, None, dedup_config)
    return [(f.id, m.article, m.relation, float(m.score)) for f in result.families for m in f.members]


def arrival_key(origin: str) -> str:
    """Sort key of an origin in read order: its path, then the number in its locator (line 9 < line 12)."""
    path, _, locator = origin.partition("#")
    digits = "".join(ch for ch in locator if ch.isdigit())
    return f"{path}\x00{int(digits) if digits else 0:015d}"


def _family_batch(rows: list[tuple[str, str, str, float]]) -> pa.RecordBatch:
    import pyarrow as pa

    columns = list(zip(*rows, strict=True)) if rows else [[], [], [], []]
    names = ["family_id", "article_id", "relation", "score"]
    types = [pa.string(), pa.string(), pa.string(), pa.float64()]
    return pa.RecordBatch.from_arrays(
        [pa.array(c, t) for c, t in zip(columns, types, strict=True)], names=names
    )
