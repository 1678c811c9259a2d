"""Helpers for the read tests: collect what a reader yields, split into records and errors."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from newsfold.model import RawRecord, ReadError


def split(items: Iterable[RawRecord | ReadError]) -> tuple[list[RawRecord], list[ReadError]]:
    """Records and errors, in order, checking that nothing else came out."""
    records, errors = [], []
    for item in items:
        assert isinstance(item, RawRecord | ReadError), item
        (records if isinstance(item, RawRecord) else errors).append(item)
    return records, errors


@pytest.fixture
def only():
    """Read and assert exactly one item, returning it."""

    def one(items):
        got = list(items)
        assert len(got) == 1, got
        return got[0]

    return one
