"""Stories at scale: the online clusterer per time window (with the horizon replayed), then reconciled.

1. Features: `cluster.extract` runs on executors over batches of families (one NER and one embedding
   pass per batch; the embedding model uses a GPU when the executor has one).
2. Windows: families are grouped by day into windows of `window_days`; a window also receives, as
   context, the families of the `horizon_days` before it. `cluster.assign_features` places them all in
   publication order, exactly as the local pipeline does, and each window keeps its own families' stories.
3. Reconcile: a context family has a story in its own window and one in the next; those two stories are
   the same story, so the story graph's connected components give the global stories.
Undated families are placed last, in the last window, as the online clusterer places them last.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from newsfold.scale.components import connected_components
from newsfold.scale.config import ScaleConfig
from newsfold.scale.families import arrival_key
from newsfold.scale.rows import row_to_article

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa
    from pyspark.sql import DataFrame

    from newsfold.cluster import ClusterConfig

log = logging.getLogger(__name__)

FEATURES_SCHEMA = "family string, day long, arrival string, blob binary"
PLACED_SCHEMA = "window long, family string, story string, own boolean"
STORIES_SCHEMA = "story_id string, article_id string"


def find_stories(
    articles: DataFrame,
    families: DataFrame,
    config: ScaleConfig = ScaleConfig(),
    cluster_config: ClusterConfig | None = None,
    persisted: list[DataFrame] | None = None,
) -> DataFrame:
    """One row per article: (story_id, article_id), from the families table and the articles table.

    Intermediate frames kept on disk are appended to `persisted`; unpersist them after the result is written.
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from newsfold.cluster import ClusterConfig

    cluster_config = cluster_config or ClusterConfig()
    # Features (NER + embeddings) and placements are the costly Python steps, and both are read more
    # than once (the last window, the components rounds, the final join): kept on disk, computed once.
    feats = family_features(articles, families, cluster_config).persist(StorageLevel.DISK_ONLY)
    placed = _place(_windows(feats, config, cluster_config), cluster_config).persist(StorageLevel.DISK_ONLY)
    placed.count()  # filled once here: the reconcile reads it from two concurrent stages
    if persisted is not None:
        persisted.extend([feats, placed])
    story = _reconcile(placed, config)
    members = families.select("family_id", "article_id")
    joined = members.join(story, "family_id")
    return joined.select(F.col("story_id"), F.col("article_id")).dropDuplicates(["article_id"])


def family_features(articles: DataFrame, families: DataFrame, cluster_config: ClusterConfig) -> DataFrame:
    """(family, day, blob): `cluster.extract` run on executors; blob is the pickled FamilyFeatures."""
    from pyspark.sql import functions as F

    cols = [c for c in articles.columns if c != "markup"]  # clustering never reads the page markup
    rows = families.join(articles.select(*cols).withColumnRenamed("id", "article_id"), "article_id")
    member = F.struct("relation", "score", F.struct(F.col("article_id").alias("id"), *cols[1:]).alias("a"))
    grouped = rows.groupBy("family_id").agg(F.collect_list(member).alias("members"))

    def run(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        yield from _feature_batches(batches, cluster_config)

    return grouped.mapInArrow(run, FEATURES_SCHEMA)


def _feature_batches(batches: Iterable[pa.RecordBatch], cluster_config: ClusterConfig) -> Iterator[Any]:
    """mapInArrow body: CopyFamily + Articles rebuilt from rows, features from the local extractor."""
    import pyarrow as pa

    from newsfold.cluster import extract
    from newsfold.model import CopyFamily, FamilyMember

    for batch in batches:
        fams, arts = [], {}
        for row in batch.to_pylist():
            members = sorted(row["members"], key=lambda m: (m["relation"] != "canonical", m["a"]["id"]))
            for m in members:
                arts[m["a"]["id"]] = row_to_article(m["a"])
            listed = [FamilyMember(m["a"]["id"], m["relation"], m["score"]) for m in members]
            fams.append(CopyFamily(id=row["family_id"], canonical=listed[0].article, members=listed))
        feats = extract(fams, arts, cluster_config)
        out = {"family": [f.family for f in feats], "day": [f.day for f in feats]}
        out["arrival"] = [min(arrival_key(arts[a].origin) for a in f.articles) for f in feats]
        out["blob"] = [pickle.dumps(f, protocol=pickle.HIGHEST_PROTOCOL) for f in feats]
        yield pa.RecordBatch.from_pydict(out, schema=_arrow(FEATURES_SCHEMA))


def _arrow(schema: str) -> pa.Schema:
    """Arrow schema for a flat 'name type, ...' string (string, long, binary, boolean)."""
    import pyarrow as pa

    kinds = {"string": pa.string(), "long": pa.int64(), "binary": pa.binary(), "boolean": pa.bool_()}
    return pa.schema([(n, kinds[k]) for n, k in (f.split() for f in schema.split(","))])


def _windows(feats: DataFrame, config: ScaleConfig, cluster_config: ClusterConfig) -> DataFrame:
    """(window, own, family, day, blob): each family in its own window and as context in later ones."""
    from pyspark.sql import functions as F

    width = config.window_days
    own = F.floor(F.col("day") / width)
    # Windows whose start lies within the horizon after the family's day see it as context.
    last = F.floor((F.col("day") + F.lit(int(cluster_config.horizon_days))) / width)
    dated = feats.where("day is not null").withColumn("own_window", own)
    dated = dated.withColumn("window", F.explode(F.sequence(F.col("own_window"), last)))
    dated = dated.withColumn("own", F.col("window") == F.col("own_window")).drop("own_window")
    final = dated.agg(F.max(F.when(F.col("own"), F.col("window")))).first()[0]
    undated = feats.where("day is null").withColumn("window", F.lit(final if final is not None else 0))
    undated = undated.withColumn("own", F.lit(True))
    return dated.unionByName(undated.select(*dated.columns))


def _place(windows: DataFrame, cluster_config: ClusterConfig) -> DataFrame:
    """(window, family, story, own): the local online clusterer over each window's families."""

    def run(frame: pd.DataFrame) -> pd.DataFrame:
        return place_window(frame, cluster_config)

    return windows.groupBy("window").applyInPandas(run, PLACED_SCHEMA)


def place_window(frame: pd.DataFrame, cluster_config: ClusterConfig) -> pd.DataFrame:
    """Place one window's families with `cluster.assign_features` on a fresh state; story per family."""
    import pandas as pd

    from newsfold.cluster import StoryState, assign_features

    feats = [pickle.loads(blob) for blob in frame["blob"]]
    own = dict(zip(frame["family"], frame["own"], strict=True))
    arrival = dict(zip(frame["family"], frame["arrival"], strict=True))
    # The local pipeline's order: by day (undated last), ties in arrival order of the families' first
    # members (dedup lists families so); assign_features's sort is stable, so its order is this order
    # and the story ids it returns line up with `feats`.
    feats.sort(key=lambda f: (f.day is None, f.day or 0, arrival[f.family]))
    state = StoryState()
    placed = assign_features(feats, state, cluster_config)
    window = int(frame["window"].iloc[0])
    pairs = zip(feats, placed, strict=True)
    rows = [(window, f.family, state.resolve(s), bool(own[f.family])) for f, s in pairs]
    return pd.DataFrame(rows, columns=["window", "family", "story", "own"])


def _reconcile(placed: DataFrame, config: ScaleConfig) -> DataFrame:
    """(family_id, story_id): stories that share a family across windows are one story."""
    from pyspark.sql import functions as F

    node = F.concat(F.lpad(F.col("window").cast("string"), 12, "0"), F.lit(":"), F.col("story"))
    nodes = placed.select("family", "own", node.alias("node"))
    owned = nodes.where("own").select("family", F.col("node").alias("dst"))
    edges = nodes.where("not own").select("family", F.col("node").alias("src")).join(owned, "family")
    labels = connected_components(edges.select("src", "dst"), config)
    joined = owned.join(labels.withColumnRenamed("node", "dst"), "dst", "left")
    # The earliest window's id names the story (the zero-padded window sorts first), as online would.
    label = F.coalesce(F.col("label"), F.col("dst"))
    story = F.substring_index(label, ":", -1)
    return joined.select(F.col("family").alias("family_id"), story.alias("story_id"))
