"""The store: every stage's output kept in one SQLite file (`Store.open(path)`); see store/sqlite.py."""

from newsfold.store.sqlite import RunRecord, Store

__all__ = ["RunRecord", "Store"]
