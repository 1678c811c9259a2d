"""`newsfold spark INPUT... --out DIR` end to end in a subprocess: the four Parquet tables and their rows."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsfold import pipeline
from newsfold.store import Store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def folded(
    sample_inputs: list[str], tmp_path_factory: pytest.TempPathFactory
) -> tuple[subprocess.CompletedProcess, Path, list[str]]:
    inputs = sample_inputs  # seeds + real NAEB articles + generated copies + corrupt records
    out = tmp_path_factory.mktemp("cli-out") / "folded"
    newsfold = Path(sys.executable).parent / "newsfold"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    command = [str(newsfold), "spark", *inputs, "--out", str(out), "--shuffle-partitions", "2"]
    done = subprocess.run(command, capture_output=True, text=True, env=env)  # pytest-timeout bounds it
    return done, out, inputs


def _table(out: Path, name: str) -> list[dict]:
    return pq.read_table(out / name).to_pylist()


def test_cli_writes_four_tables_and_counts_them(folded: tuple, tmp_path: Path) -> None:
    done, out, inputs = folded
    assert done.returncode == 0, done.stderr[-3000:]
    articles, rejects = _table(out, "articles"), _table(out, "rejects")
    with Store.open(tmp_path / "local.db") as store:
        local = pipeline.run(inputs, store, pipeline.PipelineConfig(stop_after="store"))
    ids = [a["id"] for a in articles]
    assert len(ids) == len(set(ids)) and set(ids) == {a.id for a in local.articles}
    # Corrupt records (a broken JSONL line, a binary file) are rows with their reasons, not failures.
    assert {(r["origin"], r["error"]) for r in rejects} == {(r.origin, r.error) for r in local.rejected}
    assert {Path(r["origin"].split("#")[0]).name for r in rejects} >= {"copies.jsonl", "junk.bin"}
    assert all(r["error"] for r in rejects)
    for table, rows in (("articles", articles), ("rejects", rejects)):
        assert f"{table}/" in done.stdout and str(len(rows)) in done.stdout


def test_cli_families_hold_the_planted_copies(folded: tuple) -> None:
    _, out, _ = folded
    articles, families = _table(out, "articles"), _table(out, "families")
    family_of = {r["article_id"]: r["family_id"] for r in families}
    assert len(family_of) == len(families) == len(articles)  # every article in exactly one family
    by_url = {a["url"]: a["id"] for a in articles}
    pairs = [(by_url[url], by_url[url[: -len("?copy")]]) for url in by_url if url and url.endswith("?copy")]
    assert len(pairs) >= 4  # shuffled and truncated copies keep their own content ids
    assert all(family_of[copy] == family_of[original] for copy, original in pairs)
    assert {r["relation"] for r in families} >= {"canonical"} and all(0 < r["score"] <= 1 for r in families)


def test_cli_stories_cover_each_article_once_and_keep_families_together(folded: tuple) -> None:
    _, out, _ = folded
    articles, families, stories = _table(out, "articles"), _table(out, "families"), _table(out, "stories")
    story_of = {r["article_id"]: r["story_id"] for r in stories}
    assert len(story_of) == len(stories) and set(story_of) == {a["id"] for a in articles}
    members: dict[str, set[str]] = defaultdict(set)
    for row in families:
        members[row["family_id"]].add(story_of[row["article_id"]])
    assert all(len(found) == 1 for found in members.values())  # a family lies in one story
