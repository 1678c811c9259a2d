"""Connected components on Spark agree with a plain union-find, chains and stars included."""

from __future__ import annotations

import random

from newsfold.scale.components import connected_components
from newsfold.scale.config import ScaleConfig


def _union_find(edges: list[tuple[str, str]]) -> dict[str, str]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in {n for e in edges for n in e}}


def test_labels_are_component_minimums(spark) -> None:
    rng = random.Random(7)
    edges = [(f"r{rng.randrange(120):03d}", f"r{rng.randrange(120):03d}") for _ in range(90)]
    edges += [(f"c{i:03d}", f"c{i + 1:03d}") for i in range(40)]  # a chain: the slow case for propagation
    edges += [("z", f"s{i}") for i in range(10)]  # a star whose hub sorts last
    frame = spark.createDataFrame(edges, "src string, dst string")
    got = {r.node: r.label for r in connected_components(frame, ScaleConfig(shuffle_partitions=2)).collect()}
    assert got == _union_find(edges)
    assert got["c040"] == "c000" and got["z"] == "s0"


def test_no_edges_gives_no_labels(spark) -> None:
    frame = spark.createDataFrame([], "src string, dst string")
    assert connected_components(frame).count() == 0
