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
NAEB = SEEDS.parent / "data" / "naeb" / "articles.json"


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
        report = pipeline.run(inputs, store, pipeline.PipelineConfig(stop_after="store"))
    assert spark_ids == {a.id for a in report.articles}
    assert len(spark_ids) == 6  # five seeds and the good JSONL line
    # Spark's file source never lists zero-length files, so an empty file is the one reject it cannot see.
    local_rejects = {(r.origin, r.error) for r in report.rejected if not r.origin.endswith("empty.txt")}
    assert spark_rejects == local_rejects
    assert {Path(o.split("#")[0]).name for o, _ in spark_rejects} >= {"junk.bin", "feed.jsonl", "cut.txt.gz"}


def test_parquet_rows_are_read_like_jsonl_lines(spark, tmp_path: Path) -> None:
    """A Parquet dataset (a folder of part files, as Spark writes it) gives the articles and rejects the
    local pipeline gets from the same records as a JSONL file; a row with no text is a reject, not a crash."""
    records = [{k: r[k] for k in ("title", "date", "url", "articleBody")} for r in _naeb(4)]
    records.append(
        {"title": "Headline only", "date": "2023-12-22", "url": "https://x.example/1", "articleBody": ""}
    )
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    parquet = str(tmp_path / "records.parquet")
    spark.createDataFrame(records).repartition(2).write.parquet(parquet)

    rows = read_clean(load_units(spark, [parquet])).collect()
    with Store.open(tmp_path / "local.db") as store:
        report = pipeline.run([str(jsonl)], store, pipeline.PipelineConfig(stop_after="store"))
    assert {r.article.id for r in rows if r.article} == {a.id for a in report.articles}
    assert len(report.articles) == 4
    errors = sorted(r.reject.error for r in rows if r.reject)
    assert errors == sorted(r.error for r in report.rejected) and len(errors) == 1
    assert all(".parquet" in r.reject.origin for r in rows if r.reject)  # the origin names the part file


def _naeb(n: int) -> list[dict]:
    articles = json.loads(NAEB.read_text(encoding="utf-8"))
    return [articles[k] for k in sorted(articles) if len(articles[k]["articleBody"].split()) >= 150][:n]


def test_article_row_round_trip_keeps_every_field(spark) -> None:
    rows = read_clean(load_units(spark, [str(SEEDS / "003_321157089727e079.txt")])).collect()
    article = row_to_article(rows[0].article.asDict(recursive=True))
    assert article.removed and article.paragraphs and article.sentences
    assert article_to_row(article) == rows[0].article.asDict(recursive=True)
