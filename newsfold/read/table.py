"""CSV/TSV exports: a header row names the fields; rows are streamed one by one."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from newsfold.model import Origin, ReadError
from newsfold.read.config import FieldMapping, ReadConfig
from newsfold.read.decode import stream_encoding
from newsfold.read.fields import record_from_fields
from newsfold.read.registry import Item, register
from newsfold.read.stream import Source


@register("csv")
def read_csv(source: Source, mapping: FieldMapping, config: ReadConfig) -> Iterator[Item]:
    """Yield one record (or ReadError) per data row; `row N` counts data rows from 1, after the header."""
    # Article bodies overflow csv's 128 KiB default field limit; the module-wide limit only ever grows here.
    csv.field_size_limit(max(csv.field_size_limit(), config.max_record_bytes))
    encoding = stream_encoding(source.head, config)
    lines = io.TextIOWrapper(source.stream, encoding=encoding, errors="replace", newline="")
    rows = csv.DictReader(lines, dialect=_dialect(source, encoding))
    header = rows.fieldnames or []
    if not {h.strip().lower() for h in header if h} & set(mapping.text):
        yield ReadError(Origin(source.path), f"no text column: looked for {', '.join(mapping.text)}")
        return
    yield from _rows(rows, source.path, mapping, encoding, config)


def _rows(
    rows: csv.DictReader, path: str, mapping: FieldMapping, encoding: str, config: ReadConfig
) -> Iterator[Item]:
    number, failures = 0, 0
    while True:
        number += 1
        origin = Origin(path, f"row {number}")
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:  # the parser resets, so the next row can still be read
            failures += 1
            yield ReadError(origin, f"malformed CSV row: {exc}")
            if failures >= config.max_consecutive_row_errors:
                yield ReadError(origin, "too many malformed rows in a row; stopped reading this file")
                return
            continue
        failures = 0
        yield record_from_fields(row, origin, mapping, encoding, config.max_record_bytes)


def _dialect(source: Source, encoding: str) -> type[csv.Dialect] | csv.Dialect:
    """Tab for .tsv; otherwise the delimiter the header line uses most among , ; tab and |."""
    if source.name.lower().endswith(".tsv"):
        return csv.excel_tab
    first = source.head.decode(encoding, errors="replace").split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    if best == "," or counts[best] == 0:
        return csv.excel
    return type("Sniffed", (csv.excel,), {"delimiter": best})
