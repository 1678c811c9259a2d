"""The app's hold on the store: one writer thread that runs every ingest, and a read connection per worker.

SQLite in WAL mode lets readers go on while a writer commits, but only on separate connections: a
reader sharing the writer's connection would see a batch half-written. So each request thread reads
through its own `Store`, and all writes go through one `Store` owned by a single-thread executor.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from pathlib import Path

from newsfold.model import RawRecord, ReadError, RunReport
from newsfold.store.sqlite import Store

log = logging.getLogger(__name__)


class Backend:
    """Store access for one app: `reader()` per thread, `ingest()` serialised on the writer thread."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._writes = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsfold-writer")
        self._writer: Store | None = None
        self._local = threading.local()
        self._readers: list[Store] = []
        self._guard = threading.Lock()
        # Open (and migrate) once on the writer thread before any reader opens the file.
        self._writes.submit(self._open_writer).result()

    def _open_writer(self) -> None:
        self._writer = Store.open(self.path)

    def reader(self) -> Store:
        """This thread's read connection, opened on first use."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store.open(self.path)
            self._local.store = store
            with self._guard:
                self._readers.append(store)
        return store

    def snapshot(self) -> AbstractContextManager[Store]:
        """This thread's read connection inside one read transaction: a page's queries agree."""
        return self.reader().snapshot()

    async def ingest(self, records: Iterable[RawRecord | ReadError]) -> RunReport:
        """Run the pipeline over `records` on the writer thread; other requests keep being served."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._writes, self._ingest, list(records))

    def _ingest(self, records: list[RawRecord | ReadError]) -> RunReport:
        from newsfold.pipeline import run_records

        assert self._writer is not None
        report = run_records(records, self._writer)
        log.info("ingest: read %d, stored %d, skipped %d", report.read, report.stored, report.skipped)
        return report

    def close(self) -> None:
        """Finish pending writes, then close every connection."""
        self._writes.submit(self._close_writer).result()
        self._writes.shutdown(wait=True)
        with self._guard:
            for store in self._readers:
                store.close()
            self._readers.clear()

    def _close_writer(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None
