"""A `newsfold run` killed with SIGKILL mid-ingest loses nothing and duplicates nothing when run again."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

NEWSFOLD = Path(sys.executable).with_name("newsfold")
# Six batches of 200: the kill lands after the first commit, while later batches are being cleaned. Both runs
# stop after the store (`--until store`): what a kill must not break is the ingest, and folding 1,200
# unrelated articles into 1,200 one-article stories and briefs would only buy test time.
RECORDS = 1200


def _corpus(path: Path) -> None:
    """RECORDS distinct JSONL articles (random made-up words, so none is a copy of another), unique titles."""
    rng = random.Random(7)
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    vocabulary = ["".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(20000)]
    with path.open("w", encoding="utf-8") as out:
        for i in range(RECORDS):
            body = [" ".join(rng.choices(vocabulary, k=14)).capitalize() + "." for _ in range(6)]
            text = " ".join(body[:3]) + "\n\n" + " ".join(body[3:])
            out.write(json.dumps({"title": f"Article number {i}", "text": text, "date": "2024-03-01"}) + "\n")


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    connection = sqlite3.connect(db, timeout=30)
    try:
        return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not migrated yet
        return 0
    finally:
        connection.close()


def _run(corpus: Path, db: Path, report: Path) -> subprocess.Popen:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    command = [str(NEWSFOLD), "run", str(corpus), "--db", str(db), "--json", str(report), "--until", "store"]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _kill_mid_ingest(process: subprocess.Popen, db: Path) -> int:
    """SIGKILL once at least one batch is committed; the count the store had just before."""
    deadline = time.monotonic() + 240
    while _count(db) == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    finished = process.poll() is not None
    process.send_signal(signal.SIGKILL)  # also when stalled: never leave a run behind
    process.wait()
    if finished or _count(db) == 0:
        pytest.fail(f"run ended or stalled before its first commit: {process.stderr.read()!r}")
    assert process.returncode == -signal.SIGKILL
    return _count(db)


def test_sigkill_mid_ingest_then_rerun_stores_every_article_once(tmp_path: Path) -> None:
    corpus, db, report = tmp_path / "corpus.jsonl", tmp_path / "crash.db", tmp_path / "report.json"
    _corpus(corpus)
    survived = _kill_mid_ingest(_run(corpus, db, report), db)
    assert 0 < survived < RECORDS, "the kill must land mid-ingest"
    assert not report.exists()
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert connection.execute("SELECT finished FROM runs").fetchall() == [(None,)]  # the killed run
    connection.close()

    again = _run(corpus, db, report)
    try:
        assert again.wait(timeout=600) == 0, again.stderr.read()
    finally:
        again.kill()  # a no-op once it has exited; never leave a run behind
    document = json.loads(report.read_text(encoding="utf-8"))["report"]
    assert document == {"read": RECORDS, "stored": RECORDS - survived, "skipped": survived, "rejected": []}

    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = connection.execute("SELECT count(*), count(DISTINCT id), count(DISTINCT title) FROM articles")
    assert rows.fetchone() == (RECORDS, RECORDS, RECORDS)
    fts = connection.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    assert fts == RECORDS  # the search index committed with its articles, never half
    connection.close()
