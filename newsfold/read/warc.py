"""WARC and WARC.gz archives via warcio: HTML `response` records become html records; the rest is skipped."""

from __future__ import annotations

import logging
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator

from newsfold.model import Origin, RawRecord, ReadError
from newsfold.read.config import FieldMapping, ReadConfig
from newsfold.read.decode import header_charset
from newsfold.read.page import page_record
from newsfold.read.registry import Item, describe, register
from newsfold.read.sniff import looks_like_markup
from newsfold.read.stream import Source

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


class _Records(ArchiveIterator):
    """warcio's iterator, minus its direct stderr warning on a bad Content-Length (we log instead)."""

    INC_RECORD = ""  # warcio writes this format string to sys.stderr; empty, the write is a no-op


@register("warc")
def read_warc(source: Source, mapping: FieldMapping, config: ReadConfig) -> Iterator[Item]:
    """Yield a record per HTML response (`offset N` = the record's byte offset in the file)."""
    records = _Records(source.stream)
    seen = found = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # warcio cannot resync after a broken record: report where, then stop
            yield ReadError(
                Origin(source.path, f"offset {records.offset}"), f"broken WARC record: {describe(exc)}"
            )
            return
        # At this point `offset` is where the current record starts (get_record_offset would consume it).
        origin = Origin(source.path, f"offset {records.offset}")
        try:
            item = _response(record, origin, config)
            missing = _drain(record, config)
        except Exception as exc:
            item, missing = ReadError(origin, f"broken WARC record: {describe(exc)}"), 0
        if missing:  # a cut-off archive ends silently inside warcio; the record is short of its length
            item = ReadError(
                origin, f"broken WARC record: truncated, {missing:,} bytes of its content missing"
            )
        seen += 1
        if item is not None:
            found += 1
            yield item
    if records.err_count:
        log.warning("%s: %d WARC records with a wrong Content-Length", source.path, records.err_count)
    if not found:  # say so, or an archive of images and redirects would vanish from the run report
        yield ReadError(Origin(source.path), f"no HTML pages among {seen} WARC records")


def _drain(record, config: ReadConfig) -> int:
    """Read the rest of a record; how many of its Content-Length bytes never came."""
    while record.raw_stream.read(config.chunk_bytes):
        pass
    return max(getattr(record.raw_stream, "limit", 0), 0)


def _response(record, origin: Origin, config: ReadConfig) -> Item | None:
    """The record as an html RawRecord; None when it is not an HTML page (skipped silently)."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    content_type = record.http_headers.get_header("Content-Type") or ""
    if not status.startswith("2") or (content_type and not content_type.lower().startswith(_HTML_TYPES)):
        return None
    payload = record.content_stream().read(config.max_record_bytes + 1)
    if len(payload) > config.max_record_bytes:
        return ReadError(origin, f"too large: payload over the {config.max_record_bytes:,}-byte limit")
    if not content_type and not looks_like_markup(payload[:4096].decode("latin-1")):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    item = page_record(payload, origin, config, header_charset(content_type), url)
    if isinstance(item, RawRecord):
        item.fetched = record.rec_headers.get_header("WARC-Date")
    return item
