"""pipeline.run_records: bad items become rejections, batches commit, known articles skipped but listed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from newsfold import pipeline
from newsfold.model import Origin, RawRecord, ReadError
from newsfold.read import read_bytes
from newsfold.store import Store

INGEST = pipeline.PipelineConfig(stop_after="store", batch_size=2)


def _records(seeds_dir: Path) -> list[RawRecord | ReadError]:
    paths = sorted(seeds_dir.iterdir())
    items = [item for path in paths for item in read_bytes(path.read_bytes(), path.name)]
    assert len(items) == 5 and all(isinstance(i, RawRecord) for i in items)
    return items


def test_a_record_that_breaks_cleaning_is_rejected_and_the_run_goes_on(seeds_dir: Path, tmp_db: Path) -> None:
    items = _records(seeds_dir)
    broken = RawRecord(Origin("feed.jsonl", "line 3"), content=None)  # a reader bug: no content at all
    blank = RawRecord(Origin("blank.txt"), content="\n \n\t\n")
    unread = ReadError(Origin("x.gz"), "truncated input")
    with Store.open(tmp_db) as store:
        report = pipeline.run_records([items[0], broken, blank, unread, *items[1:]], store, INGEST)
        assert store.count_articles() == 5
        run = store.list_runs()[0]
    assert (report.read, report.stored, report.skipped) == (8, 5, 0)
    errors = {r.origin: r.error for r in report.rejected}
    assert errors["feed.jsonl#line 3"].startswith("cleaning failed: ")
    assert errors["blank.txt"] and errors["x.gz"] == "truncated input"
    assert run.finished is not None and run.rejected == report.rejected
    assert run.config_hash == pipeline.config_hash(INGEST) != pipeline.config_hash(pipeline.PipelineConfig())


def test_a_reader_that_raises_ends_the_input_but_keeps_what_was_read(seeds_dir: Path, tmp_db: Path) -> None:
    items = _records(seeds_dir)

    def reader() -> Iterator[RawRecord | ReadError]:
        yield from items[:3]
        raise OSError("device went away")

    with Store.open(tmp_db) as store:
        report = pipeline.run_records(reader(), store, INGEST)
        assert store.count_articles() == 3
    assert (report.read, report.stored) == (3, 3)
    assert report.rejected[0].error == "reading stopped: OSError: device went away"


def test_known_and_repeated_articles_are_skipped_but_listed(seeds_dir: Path, tmp_db: Path) -> None:
    items = _records(seeds_dir)
    seen: list[tuple[int, str]] = []
    with Store.open(tmp_db) as store:
        pipeline.run_records(items[:2], store, INGEST)
        report = pipeline.run_records(
            [*items, items[4]], store, INGEST, on_progress=lambda r, origin: seen.append((r.read, origin))
        )
    assert (report.read, report.stored, report.skipped) == (6, 3, 3)
    assert [a.origin for a in report.articles] == [str(i.origin) for i in [*items, items[4]]]
    assert [n for n, _ in seen] == [1, 2, 3, 4, 5, 6] and seen[0][1] == str(items[0].origin)
