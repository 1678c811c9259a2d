"""`newsfold run` end to end on real files and a real SQLite file: in-process (CliRunner) and subprocess."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfold.cli import app
from newsfold.store import Store

ARTICLE_KEYS = {
    "id", "origin", "title", "published", "source", "url", "dateline", "wire", "byline", "language", "text",
    "paragraphs", "sentences", "removed",
}  # fmt: skip
NEWSFOLD = Path(sys.executable).with_name("newsfold")  # the console script installed beside this python


def newsfold(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "COLUMNS": "200"}
    command = [str(NEWSFOLD), *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def check_shape(document: dict, articles: int) -> None:
    """The public JSON shape of docs/json.md, with spans inside the text."""
    assert {"articles", "report"} <= set(document)
    assert set(document["report"]) == {"read", "stored", "skipped", "rejected"}
    assert len(document["articles"]) == articles
    for article in document["articles"]:
        assert set(article) == ARTICLE_KEYS
        assert article["text"].strip()
        for start, end in article["paragraphs"] + article["sentences"]:
            assert 0 <= start < end <= len(article["text"])
        for removed in article["removed"]:
            assert set(removed) == {"start", "end", "reason", "text"} and removed["reason"]


def test_cli_runner_on_the_seeds(seeds_dir: Path, tmp_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "run.json"
    result = CliRunner().invoke(app, ["run", str(seeds_dir), "--db", str(tmp_db), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "stored" in result.output and "rejected" in result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    check_shape(document, 5)
    assert document["report"] == {"read": 5, "stored": 5, "skipped": 0, "rejected": []}
    with Store.open(tmp_db) as store:
        assert store.count_articles() == 5
        for item in document["articles"]:
            stored = store.get_article(item["id"])
            assert stored.text == item["text"] and stored.origin == item["origin"]
            assert (seeds_dir / Path(item["origin"]).name).read_text(encoding="utf-8") == stored.raw
        run = store.list_runs()[0]
        assert (run.read, run.stored, run.finished is not None) == (5, 5, True)


def test_subprocess_ingest_then_rerun_folds_and_stores_nothing_new(seeds_dir: Path, tmp_path: Path) -> None:
    db, first, second = tmp_path / "s.db", tmp_path / "1.json", tmp_path / "2.json"
    done = newsfold("run", seeds_dir, "--db", db, "--json", first, "--until", "store")
    assert done.returncode == 0, done.stderr
    again = newsfold("run", seeds_dir, "--db", db, "--json", second)
    assert again.returncode == 0, again.stderr
    one, two = (json.loads(p.read_text(encoding="utf-8")) for p in (first, second))
    assert one["report"]["stored"] == 5 and not one.get("families") and not one.get("stories")
    assert two["report"] == {"read": 5, "stored": 0, "skipped": 5, "rejected": []}
    check_shape(two, 5)  # known articles are still listed, and folded: the later stages see them
    assert [a["id"] for a in one["articles"]] == [a["id"] for a in two["articles"]]
    assert two["families"] and two["stories"], "the rerun folds articles the ingest-only run stored"
    with Store.open(db) as store:
        assert store.count_articles() == 5 and len(store.list_runs()) == 2


def test_python_dash_m_and_default_db(seeds_dir: Path, tmp_path: Path) -> None:
    seed = sorted(seeds_dir.iterdir())[0]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "newsfold", "run", str(seed)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    with Store.open(tmp_path / "newsfold.db") as store:
        assert store.count_articles() == 1


def _bad_inputs(folder: Path, seeds_dir: Path) -> dict[str, str]:
    """Write one file per kind of bad input; return {file name: a word its rejection must contain}."""
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 40)
    # A download cut short: well past the readers' 64 KiB sniffing head, then the stream just ends.
    text = b"\n\n".join(p.read_bytes() for p in sorted(seeds_dir.iterdir())) * 8
    packed = gzip.compress(text)
    (folder / "truncated.txt.gz").write_bytes(packed[: len(packed) * 2 // 3])
    (folder / "lines.jsonl").write_text(
        '{"title": "Flood in the lower town", "text": "The river rose overnight. Residents were moved."}\n'
        '{"title": broken\n[1, 2]\n',
        encoding="utf-8",
    )
    chunk = (b"All work and no play makes a very long file. " * 23000)[: 1 << 20]
    with (folder / "huge.txt").open("wb") as handle:
        for _ in range(200):
            handle.write(chunk)
    return {"empty.txt": "empty", "binary.bin": "binary", "truncated.txt.gz": "truncated",
            "lines.jsonl#line 2": "JSON", "lines.jsonl#line 3": "", "huge.txt": "large"}  # fmt: skip


def test_bad_input_is_reported_item_by_item_and_the_run_goes_on(
    seeds_dir: Path, tmp_db: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["run", str(seeds_dir), "--db", str(tmp_db)]).exit_code == 0
    with Store.open(tmp_db) as store:
        before = {a.id: a for a in store.iter_articles()}
    bad = tmp_path / "bad"
    expected = _bad_inputs(bad, seeds_dir)
    (bad / "cp1252.txt").write_bytes(
        "Café owners in Montréal reopen\n\nThe cafés on the main street reopened on Monday, owners said. "
        "“We are back,” one said.\n".encode("cp1252")
    )
    missing, out = tmp_path / "does-not-exist.txt", tmp_path / "bad.json"
    args = ["run", str(bad), str(missing), str(seeds_dir), "--db", str(tmp_db), "--json", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))["report"]
    errors = {Path(r["origin"]).name: r["error"] for r in report["rejected"]}
    for name, word in {**expected, missing.name: "no such"}.items():
        assert name in errors, f"{name} not rejected: {errors}"
        assert word.lower() in errors[name].lower() and errors[name].strip(), errors[name]
    assert report["stored"] == 2 and report["skipped"] == 5  # the good JSONL line and the cp1252 file
    assert report["read"] == report["stored"] + report["skipped"] + len(report["rejected"])
    with Store.open(tmp_db) as store:
        after = {a.id: a for a in store.iter_articles()}
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert len(after) == 7 and all(after[i] == a for i, a in before.items())
    cafe = next(a for a in after.values() if a.origin.endswith("cp1252.txt"))
    assert "Café" in cafe.title and "“We are back,”" in cafe.text


@pytest.mark.parametrize("where", ["missing-folder", "directory"])
def test_unusable_database_exits_2_with_a_message(seeds_dir: Path, tmp_path: Path, where: str) -> None:
    db = tmp_path / "no" / "such" / "x.db" if where == "missing-folder" else tmp_path
    result = CliRunner().invoke(app, ["run", str(seeds_dir), "--db", str(db)])
    assert result.exit_code == 2
    assert "cannot" in result.output and str(db) in result.output.replace("\n", "")


@pytest.mark.parametrize("where", ["missing-folder", "directory"])
def test_unwritable_json_path_exits_2_before_the_run(
    seeds_dir: Path, tmp_db: Path, tmp_path: Path, where: str
) -> None:
    target = tmp_path / "missing" / "out.json" if where == "missing-folder" else tmp_path
    result = CliRunner().invoke(app, ["run", str(seeds_dir), "--db", str(tmp_db), "--json", str(target)])
    assert result.exit_code == 2 and "cannot write" in result.output
    assert not tmp_db.exists()  # nothing was run


def test_seeds_run_fixture_matches_the_report_invariants(seeds_run) -> None:
    report, db_path = seeds_run
    assert (report.read, report.stored, report.skipped, report.rejected) == (5, 5, 0, [])
    with Store.open(db_path) as store:
        assert {a.id for a in report.articles} == {a.id for a in store.iter_articles()}


def test_fields_option_maps_odd_column_names(seeds_dir: Path, tmp_path: Path) -> None:
    seed = sorted(seeds_dir.iterdir())[0].read_text(encoding="utf-8")
    rows = [{"story": seed, "ts": "2022-02-15T10:00:00Z", "site": "example-news.test"}]
    feed = tmp_path / "odd.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")

    plain = CliRunner().invoke(app, ["run", str(feed), "--db", str(tmp_path / "a.db"), "--until", "store"])
    assert plain.exit_code == 0 and "no article text" in plain.output

    db = tmp_path / "b.db"
    spec = "text=story,published=ts,source=site"
    args = ["run", str(feed), "--db", str(db), "--until", "store", "--fields", spec]
    mapped = CliRunner().invoke(app, args)
    assert mapped.exit_code == 0, mapped.output
    with Store.open(db) as store:
        (article,) = store.iter_articles()
    assert article.source == "example-news.test" and (article.published or "").startswith("2022-02-15")
    assert "Russia" in article.text

    bad = CliRunner().invoke(app, ["dedup", str(feed), "--db", str(tmp_path / "c.db"), "--fields", "body=x"])
    assert bad.exit_code == 2 and "unknown field 'body'" in bad.output
    assert not (tmp_path / "c.db").exists()
