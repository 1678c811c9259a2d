"""Stories at scale: the online clusterer per time window (a replay of the days before it), then reconciled.

1. Features: `cluster.extract` runs on executors over batches of families (one NER and one embedding
   pass per batch; the embedding model uses a GPU when the executor has one).
2. Windows: families are grouped by day into windows of `window_days`; a window also receives, as
   context, the families of the `context_days` before it (default: the clusterer's horizon), and starts
   from the document frequencies of every family before those (a prior table, `_prior_df`), so idf is
   the online clusterer's. `cluster.assign_features` places the replay, then the window's own families,
   in publication order, exactly as the local pipeline does.
3. Reconcile: per story the replay built, the window's story continues the earlier story (from the
   families' own windows) most of its replayed families came from; the story graph's connected
   components give the global stories.
Undated families are placed last, in the last window, as the online clusterer places them last.
`windowed_stories` is the same scheme on one machine: the reference for tests and bench/scale_windows.py.
"""

from __future__ import annotations

import logging
import pickle
from collections import Counter, defaultdict
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

    from newsfold.cluster import ClusterConfig, FamilyFeatures, StoryState

log = logging.getLogger(__name__)

FEATURES_SCHEMA = "family string, day long, arrival string, blob binary"
PLACED_SCHEMA = "window long, family string, story string, own boolean, replay string"
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
    placed = _place(_windows(feats, config, cluster_config), config, cluster_config).persist(
        StorageLevel.DISK_ONLY
    )
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


def window_range(day: int, width: int, context: int) -> tuple[int, int]:
    """The family's own window and the last window that replays it as context (the Spark columns below)."""
    return day // width, (day + context) // width


def _windows(feats: DataFrame, config: ScaleConfig, cluster_config: ClusterConfig) -> DataFrame:
    """(window, own, family, day, blob): each family in its own window and as context in later ones."""
    from pyspark.sql import functions as F

    width = config.window_days
    context = _context_days(config, cluster_config)
    own = F.floor(F.col("day") / width)
    # Windows whose start lies within the context after the family's day see it (as `window_range`).
    last = F.floor((F.col("day") + F.lit(context)) / width)
    dated = feats.where("day is not null").withColumn("own_window", own)
    dated = dated.withColumn("window", F.explode(F.sequence(F.col("own_window"), last)))
    dated = dated.withColumn("own", F.col("window") == F.col("own_window")).drop("own_window")
    final = dated.agg(F.max(F.when(F.col("own"), F.col("window")))).first()[0]
    undated = feats.where("day is null").withColumn("window", F.lit(final if final is not None else 0))
    undated = undated.withColumn("own", F.lit(True))
    return dated.unionByName(undated.select(*dated.columns))


def _context_days(config: ScaleConfig, cluster_config: ClusterConfig) -> int:
    """Days replayed before each window: the clusterer's horizon unless the job asks for fewer."""
    horizon = int(cluster_config.horizon_days)
    return horizon if config.context_days is None else min(config.context_days, horizon)


def _place(windows: DataFrame, config: ScaleConfig, cluster_config: ClusterConfig) -> DataFrame:
    """(window, family, story, own, replay): the local online clusterer over each window's families.

    Each window starts from the document frequencies of every family before its replay (`_prior_df`),
    so its idf is the one the online clusterer has at that point, not the window's own.
    """
    prior = _prior_df(windows, config)

    def run(frame: pd.DataFrame, seen: pd.DataFrame) -> pd.DataFrame:
        return place_window(frame, cluster_config, seen)

    return windows.groupBy("window").cogroup(prior.groupBy("window")).applyInPandas(run, PLACED_SCHEMA)


_N_DOCS = "\x00n_docs"  # the prior table's row for the family count (no term is a NUL)


def _prior_df(windows: DataFrame, config: ScaleConfig) -> DataFrame:
    """(window, key, n): how many families before the window's replay carry each idf key.

    A family counts for every window after the last one that replays it (its `last`); counted once per
    `last` and summed over earlier `last`s, so the table has at most windows x distinct keys rows.
    """
    from pyspark.sql import functions as F

    def keys(batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        yield from _idf_keys(batches)

    # A family's last window is the largest window it appears in (as context, or as its own).
    last = windows.groupBy("family").agg(F.max("window").alias("last"), F.first("blob").alias("blob"))
    counted = last.mapInArrow(keys, "last long, key string").groupBy("last", "key").count()
    targets = windows.select(F.col("window").alias("target")).distinct()  # renamed: a self-join otherwise
    joined = counted.join(F.broadcast(targets), F.col("last") < F.col("target"))
    return joined.groupBy(F.col("target").alias("window"), "key").agg(F.sum("count").alias("n"))


def _idf_keys(batches: Iterable[pa.RecordBatch]) -> Iterator[Any]:
    """mapInArrow body: (last, key) for every key the clusterer's `observe` counts, plus one family row."""
    import pyarrow as pa

    from newsfold.cluster import StoryState
    from newsfold.cluster.state import observe

    for batch in batches:
        out: dict[str, list] = {"last": [], "key": []}
        for last, blob in zip(
            batch.column("last").to_pylist(), batch.column("blob").to_pylist(), strict=True
        ):
            scratch = StoryState()
            observe(scratch, pickle.loads(blob))
            for key in [_N_DOCS, *scratch.df]:
                out["last"].append(last)
                out["key"].append(key)
        yield pa.RecordBatch.from_pydict(out, schema=_arrow("last long, key string"))


def place_window(
    frame: pd.DataFrame, cluster_config: ClusterConfig, prior: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Place one window's families with `cluster.assign_features`; story (and replay story) per family."""
    import pandas as pd

    from newsfold.cluster import StoryState

    if frame.empty:  # a cogroup side with no families (cannot happen for windows, but cheap to allow)
        return pd.DataFrame(columns=["window", "family", "story", "own", "replay"])
    feats = [pickle.loads(blob) for blob in frame["blob"]]
    own = dict(zip(frame["family"], frame["own"], strict=True))
    arrival = dict(zip(frame["family"], frame["arrival"], strict=True))
    seen = None
    if prior is not None and not prior.empty:
        counts = dict(zip(prior["key"], prior["n"].astype(int), strict=True))
        seen = StoryState(n_docs=counts.pop(_N_DOCS, 0), df=Counter(counts))
    placed = place_families(feats, own, arrival, cluster_config, seen)
    window = int(frame["window"].iloc[0])
    rows = [(window, *row) for row in placed]
    return pd.DataFrame(rows, columns=["window", "family", "story", "own", "replay"])


def place_families(
    feats: list[FamilyFeatures],
    own: dict[str, bool],
    arrival: dict[str, str],
    cluster_config: ClusterConfig,
    seen: StoryState | None = None,
) -> list[tuple[str, str, bool, str | None]]:
    """(family, story, own, replay) for one window's families, placed in the local pipeline's order.

    `seen` carries the document frequencies of the families before the window's replay, so that idf is
    the online clusterer's. `replay` is a context family's story at the end of the replay, before any of
    the window's own families came (None for own families): `_reconcile` needs it to tell merges that the
    window's own families made from stories the replay alone put together.
    """
    from newsfold.cluster import StoryState, assign_features

    # The local pipeline's order: by day (undated last), ties in arrival order of the families' first
    # members (dedup lists families so). Context families are all earlier than the window's own ones.
    feats = sorted(feats, key=lambda f: (f.day is None, f.day or 0, arrival[f.family]))
    state = StoryState()
    if seen is not None:
        state.n_docs, state.df = seen.n_docs, Counter(seen.df)
    context = [f for f in feats if not own[f.family]]
    fresh = [f for f in feats if own[f.family]]
    replayed = assign_features(context, state, cluster_config)
    placed = assign_features(fresh, state, cluster_config)
    # where each context family is now: the window's own families may have merged or split its story
    now = [state.resolve(state.family_story[state.family_key[f.family]]) for f in context]
    rows = [(f.family, s, False, r) for f, s, r in zip(context, now, replayed, strict=True)]
    rows += [(f.family, s, True, None) for f, s in zip(fresh, placed, strict=True)]
    return rows


def _reconcile(placed: DataFrame, config: ScaleConfig) -> DataFrame:
    """(family_id, story_id): a window's story continues the earlier stories its replayed families came from.

    Per story the replay built in a window, only the earlier story most of its families came from (in
    their own windows) is joined: the replay starts with no history, so it may put together families that
    the online clusterer, which had that history, kept apart; joining every one of them chains unrelated
    stories (measured: bench/scale_windows.py). Stories that the window's own families merged stay merged:
    each replay story brings its own earlier story to the window's final one.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    def node(story: str) -> Any:
        return F.concat(F.lpad(F.col("window").cast("string"), 12, "0"), F.lit(":"), F.col(story))

    owned = placed.where("own").select("family", node("story").alias("dst"))
    replayed = placed.where("not own").select(
        "family", node("story").alias("src"), node("replay").alias("via")
    )
    votes = replayed.join(owned, "family").groupBy("src", "via", "dst").count()
    best = Window.partitionBy("src", "via").orderBy(F.desc("count"), F.asc("dst"))
    edges = votes.withColumn("rank", F.row_number().over(best)).where("rank = 1").select("src", "dst")
    labels = connected_components(edges, config)
    joined = owned.join(labels.withColumnRenamed("node", "dst"), "dst", "left")
    # The earliest window's id names the story (the zero-padded window sorts first), as online would.
    label = F.coalesce(F.col("label"), F.col("dst"))
    story = F.substring_index(label, ":", -1)
    return joined.select(F.col("family").alias("family_id"), story.alias("story_id"))


def windowed_stories(
    feats: list[FamilyFeatures],
    cluster_config: ClusterConfig,
    window_days: int,
    context_days: int,
    *,
    prior_idf: bool = True,
    reconcile: str = "replay",
) -> dict[str, str]:
    """Family -> story by the Spark job's scheme, on one machine: windows, replay, reconcile, components.

    The reference the Spark job is tested against, and what bench/scale_windows.py compares with the
    online clusterer. `feats` in arrival order (the order breaks same-day ties). Ablations, measured there:
    `prior_idf=False` starts each window from empty document frequencies; `reconcile="all"` joins a window's
    story with the earlier story of every family it replayed (the job's rule before).
    """
    from newsfold.cluster import StoryState
    from newsfold.cluster.state import observe

    dated = [None if f.day is None else window_range(f.day, window_days, context_days) for f in feats]
    final = max((span[0] for span in dated if span is not None), default=0)
    # undated families are placed last, in the last window, as `_windows` places them
    spans = [span or (final, final) for span in dated]
    frames: dict[int, list[int]] = defaultdict(list)
    for index, (own, last) in enumerate(spans):
        for window in range(own, last + 1):
            frames[window].append(index)
    arrival = {f.family: f"{i:012d}" for i, f in enumerate(feats)}
    by_last = sorted(range(len(feats)), key=lambda i: spans[i][1])
    seen, counted = StoryState(), 0
    owned: dict[str, str] = {}
    replayed: list[tuple[str, str, str]] = []  # (family, node of its story, node of its replay story)
    for window in sorted(frames):
        while prior_idf and counted < len(by_last) and spans[by_last[counted]][1] < window:
            observe(seen, feats[by_last[counted]])
            counted += 1
        members = [feats[i] for i in frames[window]]
        own = {feats[i].family: spans[i][0] == window for i in frames[window]}
        prefix = f"{window:012d}:"
        for family, story, is_own, replay in place_families(
            members, own, arrival, cluster_config, seen if prior_idf else None
        ):
            if is_own:
                owned[family] = prefix + story
            else:
                replayed.append((family, prefix + story, prefix + str(replay)))
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        while parent.get(node, node) != node:
            parent[node] = parent.get(parent[node], parent[node])  # path halving
            node = parent[node]
        return node

    for a, b in _edges(replayed, owned, reconcile):
        a, b = find(a), find(b)
        if a != b:  # the smaller node names the component, as `connected_components` does
            parent[max(a, b)] = min(a, b)
    return {family: find(node).split(":", 1)[1] for family, node in owned.items()}


def _edges(
    replayed: list[tuple[str, str, str]], owned: dict[str, str], reconcile: str
) -> list[tuple[str, str]]:
    """`_reconcile`'s edges: per (story, replay story), the earlier story most of its families came from."""
    if reconcile == "all":
        return [(node, owned[family]) for family, node, _ in replayed]
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for family, node, replay in replayed:
        votes[node, replay][owned[family]] += 1
    return [(node, min(count, key=lambda n: (-count[n], n))) for (node, _), count in votes.items()]
