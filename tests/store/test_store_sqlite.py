"""The SQLite core: pragmas, migrations, runs, environment errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsfold.errors import StoreError
from newsfold.model import Rejection, RunReport
from newsfold.store import Store
from newsfold.store.sqlite import MIGRATIONS, find_migrations, split_statements


def test_open_sets_wal_normal_sync_and_foreign_keys(tmp_db: Path) -> None:
    with Store.open(tmp_db) as store:
        assert store._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert store._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_every_packaged_migration_is_applied_once(tmp_db: Path) -> None:
    versions = [m.version for m in find_migrations()]
    assert versions and versions[0] == 1
    with Store.open(tmp_db) as store:
        assert store.applied_migrations() == versions
    with Store.open(tmp_db) as store:  # reopening applies nothing twice
        assert store.applied_migrations() == versions
        assert store._db.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(versions)


def test_runner_picks_up_any_new_numbered_file(tmp_path: Path, tmp_db: Path) -> None:
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, folder)
    with Store.open(tmp_db, migrations=folder) as store:
        before = store.applied_migrations()
    (folder / "0900_notes.sql").write_text(
        "-- a later area\nCREATE TABLE notes (id TEXT PRIMARY KEY REFERENCES articles(id), body TEXT);\n"
        "CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN\n"
        "  UPDATE notes SET body = 'x;y' WHERE 0;\nEND;\n"
    )
    with Store.open(tmp_db, migrations=folder) as store:
        assert store.applied_migrations() == [*before, 900]
        with pytest.raises(StoreError, match="FOREIGN KEY"), store.transaction() as db:
            db.execute("INSERT INTO notes VALUES ('unknown-article', 'b')")


def test_a_failing_migration_is_rolled_back(tmp_path: Path, tmp_db: Path) -> None:
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, folder)
    (folder / "0901_bad.sql").write_text("CREATE TABLE half (a);\nCREATE TABLE broken (;\n")
    with pytest.raises(StoreError, match=r"0901_bad\.sql"):
        Store.open(tmp_db, migrations=folder)
    (folder / "0901_bad.sql").unlink()
    with Store.open(tmp_db, migrations=folder) as store:
        assert 901 not in store.applied_migrations()
        assert not store._db.execute("SELECT 1 FROM sqlite_master WHERE name = 'half'").fetchone()


def test_migration_names_are_checked(tmp_path: Path) -> None:
    (tmp_path / "0001_a.sql").write_text("SELECT 1;")
    (tmp_path / "1_b.sql").write_text("SELECT 1;")
    with pytest.raises(StoreError, match="share number 1"):
        find_migrations(tmp_path)
    (tmp_path / "1_b.sql").unlink()
    (tmp_path / "notes.sql").write_text("SELECT 1;")
    with pytest.raises(StoreError, match="NNNN_name"):
        find_migrations(tmp_path)


def test_split_statements_keeps_triggers_and_strings_whole() -> None:
    sql = "-- c\nCREATE TABLE t (a);\nCREATE TRIGGER x AFTER INSERT ON t BEGIN SELECT ';'; SELECT 2; END;\n"
    assert len(list(split_statements(sql))) == 2
    with pytest.raises(StoreError, match="incomplete"):
        list(split_statements("CREATE TABLE t (a)"))


def test_runs_record_counts_and_rejections(tmp_db: Path) -> None:
    report = RunReport(
        read=7, stored=4, skipped=1, rejected=[Rejection("a.gz", "truncated"), Rejection("b", "x")]
    )
    with Store.open(tmp_db) as store:
        first = store.begin_run("cfg1")
        assert store.get_run(first).finished is None
        store.finish_run(report)
        assert store.run_id is None
        second = store.begin_run("cfg2")
        runs = store.list_runs()
    assert [r.id for r in runs] == [second, first]
    done = runs[1]
    assert (done.read, done.stored, done.skipped, done.config_hash) == (7, 4, 1, "cfg1")
    assert done.rejected == report.rejected and done.finished is not None
    with Store.open(tmp_db) as store, pytest.raises(StoreError, match="without begin_run"):
        store.finish_run(report)


@pytest.mark.parametrize("kind", ["directory", "missing-folder", "not-a-database"])
def test_environment_problems_raise_store_error(tmp_path: Path, kind: str) -> None:
    path = {"directory": tmp_path, "missing-folder": tmp_path / "no" / "x.db"}.get(kind, tmp_path / "junk.db")
    if kind == "not-a-database":
        path.write_bytes(b"this is not sqlite" * 300)
    with pytest.raises(StoreError, match="cannot"):
        Store.open(path)


def test_concurrent_stores_on_one_file_see_each_others_commits(tmp_db: Path) -> None:
    with Store.open(tmp_db) as writer, Store.open(tmp_db) as reader:
        from newsfold.model import Article

        writer.add_articles([Article(id="x", origin="o", raw="r", text="t")])
        assert reader.count_articles() == 1
