"""Spark read+clean gives the local pipeline's articles and rejects; bad input never fails the job."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newsfold import pipeline
from newsfold.scale.ingest import load_units, read_clean
from newsfold.scale.rows import article_to_row, row_to_article
from newsfold.store import Store

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"


def _corrupt_inputs(folder: Path) -> list[str]:
    """A binary file, an empty file, a JSONL file with one good and one broken line, a cut gzip."""
    folder.mkdir()
    (folder / "junk.bin").write_bytes(bytes(range(256)) * 4)
    (folder / "empty.txt").write_bytes(b"")
    body = "The harbour bridge reopened on Monday after repairs. " * 5
    good = {"title": "Harbour bridge reopens", "text": body}
    (folder / "feed.jsonl").write_text(json.dumps(good) + "\n{not json at all\n", encoding="utf-8")
    (folder / "cut.txt.gz").write_bytes(gzip.compress(b"A story about the river flood. " * 40)[:30])
    return [str(folder)]


def test_spark_articles_and_rejects_match_local_run(spark, tmp_path: Path) -> None:
    inputs = [str(SEEDS), *_corrupt_inputs(tmp_path / "bad")]
    rows = read_clean(load_units(spark, inputs)).collect()
    spark_ids = {r.article.id for r in rows if r.article is not None}
    spark_rejects = {(r.reject.origin, r.reject.error) for r in rows if r.reject is not None}

    with Store.open(tmp_path / "local.db") as store:
        report = pipeline.run(inputs, store)
    assert spark_ids == {a.id for a in report.articles}
    assert len(spark_ids) == 6  # five seeds and the good JSONL line
    # Spark's file source never lists zero-length files, so an empty file is the one reject it cannot see.
    local_rejects = {(r.origin, r.error) for r in report.rejected if not r.origin.endswith("empty.txt")}
    assert spark_rejects == local_rejects
    assert {Path(o.split("#")[0]).name for o, _ in spark_rejects} >= {"junk.bin", "feed.jsonl", "cut.txt.gz"}


def test_article_row_round_trip_keeps_every_field(spark) -> None:
    rows = read_clean(load_units(spark, [str(SEEDS / "003_321157089727e079.txt")])).collect()
    article = row_to_article(rows[0].article.asDict(recursive=True))
    assert article.removed and article.paragraphs and article.sentences
    assert article_to_row(article) == rows[0].article.asDict(recursive=True)
