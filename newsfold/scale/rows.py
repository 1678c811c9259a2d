"""Articles and rejects as table rows: the Spark schemas and the conversions to and from model.py nouns."""

from __future__ import annotations

from typing import Any

from newsfold.model import Article, Rejection, Removed, Span

# Spark schemas are built in Python (not DDL strings) so executors can derive Arrow schemas without a JVM.
_SPAN = "struct<start:int,end:int>"
_REMOVED = "struct<start:int,end:int,reason:string,text:string>"
# One row per article: every field of model.Article, so executors can rebuild the exact object.
ARTICLE_FIELDS: tuple[tuple[str, str], ...] = (
    *((name, "string") for name in ("id", "origin", "raw", "text", "title", "published", "published_how")),
    *((name, "string") for name in ("source", "url", "dateline", "byline", "wire", "language")),
    *((name, f"array<{_SPAN}>") for name in ("paragraphs", "sentences", "headings")),
    ("removed", f"array<{_REMOVED}>"),
    ("markup", "string"),
)
REJECT_FIELDS: tuple[tuple[str, str], ...] = (("origin", "string"), ("error", "string"))
ARTICLE_SCHEMA = ", ".join(f"{name} {kind}" for name, kind in ARTICLE_FIELDS)
REJECT_SCHEMA = ", ".join(f"{name} {kind}" for name, kind in REJECT_FIELDS)


def spark_type(kind: str) -> Any:
    """A pyspark DataType from the small type language above (string, int, array<...>, struct<...>)."""
    from pyspark.sql import types as T

    if kind.startswith("array<"):
        return T.ArrayType(spark_type(kind[6:-1]))
    if kind.startswith("struct<"):
        return T.StructType([T.StructField(n, spark_type(k)) for n, k in _split_fields(kind[7:-1])])
    return {
        "string": T.StringType(),
        "int": T.IntegerType(),
        "long": T.LongType(),
        "double": T.DoubleType(),
        "binary": T.BinaryType(),
    }[kind]


def _split_fields(body: str) -> list[tuple[str, str]]:
    """'a:string,b:array<struct<x:int>>' -> [(a, string), (b, array<...>)], respecting nesting."""
    fields, depth, start = [], 0, 0
    for i, ch in enumerate(body + ","):
        depth += (ch == "<") - (ch == ">")
        if ch == "," and depth == 0:
            name, _, kind = body[start:i].partition(":")
            fields.append((name.strip(), kind.strip()))
            start = i + 1
    return fields


def struct_type(fields: tuple[tuple[str, str], ...]) -> Any:
    """A pyspark StructType for (name, kind) pairs."""
    return spark_type("struct<" + ",".join(f"{n}:{k}" for n, k in fields) + ">")


def cleaned_type() -> Any:
    """What read+clean yields per input item: exactly one of `article` / `reject` is set."""
    from pyspark.sql import types as T

    article = T.StructField("article", struct_type(ARTICLE_FIELDS))
    return T.StructType([article, T.StructField("reject", struct_type(REJECT_FIELDS))])


_SPAN_FIELDS = ("paragraphs", "sentences", "headings")
_PLAIN_FIELDS = (
    *("id", "origin", "raw", "text", "title", "published", "published_how", "source", "url"),
    *("dateline", "byline", "wire", "language", "markup"),
)


def article_to_row(article: Article) -> dict[str, Any]:
    """A plain dict matching ARTICLE_SCHEMA (Arrow's from_pylist takes dicts, not dataclasses)."""
    row: dict[str, Any] = {name: getattr(article, name) for name in _PLAIN_FIELDS}
    for name in _SPAN_FIELDS:
        row[name] = [{"start": s.start, "end": s.end} for s in getattr(article, name)]
    row["removed"] = [
        {"start": r.start, "end": r.end, "reason": r.reason, "text": r.text} for r in article.removed
    ]
    return row


def row_to_article(row: dict[str, Any]) -> Article:
    """Rebuild the Article an executor's stage function expects from its table row."""
    fields: dict[str, Any] = {name: row.get(name) for name in _PLAIN_FIELDS}
    for name in _SPAN_FIELDS:
        fields[name] = [Span(s["start"], s["end"]) for s in row.get(name) or []]
    removed = row.get("removed") or []
    fields["removed"] = [Removed(r["start"], r["end"], r["reason"], r["text"]) for r in removed]
    return Article(**fields)


def reject_to_row(rejection: Rejection) -> dict[str, str]:
    """A plain dict matching REJECT_SCHEMA."""
    return {"origin": rejection.origin, "error": rejection.error}
