"""Settings of the read stage: size limits, sniffing depth, and which input fields mean what."""

from __future__ import annotations

from dataclasses import dataclass

_MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadConfig:
    """Limits and heuristics of the readers; every field says why it has its value."""

    # The largest real news pages (HTML with inline scripts and images as data URIs) are a few MB; a single
    # "article" above 20 MB is a dump or a mistake, and reading it whole would cost memory for nothing.
    max_article_bytes: int = 20 * _MB
    # One JSONL line, CSV field or WARC payload holds one article, so it gets the same ceiling.
    max_record_bytes: int = 20 * _MB
    # feedparser parses a feed whole; big podcast/news feeds reach a few MB, 64 MB leaves room without risk.
    max_feed_bytes: int = 64 * _MB
    # A JSON array file is parsed whole too, like a feed.
    max_json_bytes: int = 64 * _MB
    # 64 KiB shows a doctype, a feed's root element, a first JSON line or a CSV header, and a meta charset.
    sniff_bytes: int = 64 * 1024
    # Where to look for <link rel=canonical>: news sites' inline scripts push it past 64 KB (NAEB: 72 KB),
    # and a "</head>" inside a script string makes stopping there unreliable; 512 KB scan in well under 1 ms.
    max_head_bytes: int = 512 * 1024
    # charset-normalizer is slow on big inputs; 64 KiB of a document is plenty to tell its encoding.
    detect_bytes: int = 64 * 1024
    # Undeclared legacy text whose letters are mostly ASCII is Latin script, and cp1252 is the web's de facto
    # default there (WHATWG maps latin-1 to it); charset-normalizer misreads short cp1252 as mac/cp1250.
    latin_ascii_share: float = 0.7
    # Text has almost no control characters; more than 10% of the head being control bytes means binary.
    max_control_share: float = 0.1
    # Chunk for streamed copies: big enough to be fast, small enough to keep memory flat.
    chunk_bytes: int = 1 * _MB
    # A CSV that keeps failing row after row is not going to recover; stop after this many in a row.
    max_consecutive_row_errors: int = 100


@dataclass(frozen=True, slots=True)
class FieldMapping:
    """Which input field names (case-insensitive, first present wins) fill which RawRecord field."""

    title: tuple[str, ...] = ("title", "headline", "name")
    text: tuple[str, ...] = ("text", "body", "content", "articlebody", "maintext", "article", "description")
    published: tuple[str, ...] = (
        "date",
        "published",
        "publish_date",
        "pubdate",
        "date_publish",
        "published_at",
        "datepublished",
        "timestamp",
    )
    url: tuple[str, ...] = ("url", "link", "uri", "href")
    source: tuple[str, ...] = (
        "source",
        "outlet",
        "site",
        "domain",
        "publisher",
        "site_name",
        "source_domain",
    )
    author: tuple[str, ...] = ("author", "authors", "byline", "creator")
    language: tuple[str, ...] = ("language", "lang")

    def with_names(self, **names: str) -> FieldMapping:
        """A mapping where each given RawRecord field reads the given input name first."""
        changes = {}
        for target, name in names.items():
            if target not in _TARGETS:
                raise ValueError(f"unknown field {target!r}; expected one of {', '.join(_TARGETS)}")
            changes[target] = (name.lower(), *getattr(self, target))
        return FieldMapping(**{t: changes.get(t, getattr(self, t)) for t in _TARGETS})

    @classmethod
    def parse(cls, spec: str) -> FieldMapping:
        """Build a mapping from `field=name,field=name` (e.g. `text=story,published=ts`)."""
        pairs = [p.split("=", 1) for p in spec.split(",") if p.strip()]
        if any(len(p) != 2 for p in pairs):
            raise ValueError(f"field mapping {spec!r} is not of the form field=name,field=name")
        return cls().with_names(**{k.strip(): v.strip() for k, v in pairs})


_TARGETS = ("title", "text", "published", "url", "source", "author", "language")
