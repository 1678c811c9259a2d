"""Labelled event streams for the cluster benches: ECB+ and GVA from ../shared/data, split in two halves.

Not a bench itself: `cluster_quality.py` and `cluster_speed.py` import it. Features are cached in
bench/out/ because embedding and NER dominate the cost and do not depend on the thresholds being tuned.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import pickle
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsfold.cluster import ClusterConfig, FamilyFeatures, extract
from newsfold.model import Article, CopyFamily, FamilyMember

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
OUT = Path(__file__).resolve().parent / "out"
# what the feature cache holds: features.py's output for families of one, unchanged since stories.v2
# (stories.v3 changed how families are placed, stories.v4 how a family of several is read); bump it when
# extraction of a single article changes
_FEATURES_VERSION = "stories.v2"


@dataclass(slots=True)
class Stream:
    """One labelled stream: articles in the order they arrive, and each one's gold event."""

    name: str
    articles: list[Article]
    gold: list[str]


def _jsonl(path: Path) -> list[dict]:
    """Rows of a gzipped JSON-lines file."""
    with gzip.open(path, "rt") as handle:
        return [json.loads(line) for line in handle]


def _half(key: str) -> int:
    """A stable coin flip from a key (the split does not depend on file order)."""
    return hashlib.blake2b(key.encode(), digest_size=2).digest()[0] % 2


def ecbplus() -> tuple[Stream, Stream]:
    """ECB+ topics 1-35 (no dates): odd topics train, even topics test; docs in a stable shuffled order."""
    rows = _jsonl(DATA / "ecbplus" / "ecbplus_topics_1-35.jsonl.gz")
    rows.sort(key=lambda r: hashlib.blake2b(r["doc_id"].encode(), digest_size=8).digest())
    halves: tuple[Stream, Stream] = (Stream("ecbplus-train", [], []), Stream("ecbplus-test", [], []))
    for r in rows:
        art = Article(
            id=r["doc_id"], origin="ecbplus", raw=r["text"], text=r["text"] or r["title"], title=r["title"]
        )
        half = halves[0] if r["topic"] % 2 else halves[1]
        half.articles.append(art)
        half.gold.append(r["cluster_id"])
    return halves


def gva() -> tuple[Stream, Stream]:
    """GVA incidents in date order, split by a hash of the incident id; multi-incident docs dropped."""
    rows = _jsonl(DATA / "gva" / "gva_incidents_dev.jsonl.gz")
    twice = {d for d, n in Counter(r["doc_id"] for r in rows).items() if n > 1}
    rows = sorted((r for r in rows if r["doc_id"] not in twice), key=lambda r: (r["dct"], r["doc_id"]))
    halves: tuple[Stream, Stream] = (Stream("gva-train", [], []), Stream("gva-test", [], []))
    for r in rows:
        art = Article(
            id=r["doc_id"], origin="gva", raw=r["text"], text=r["text"], title=r["title"], published=r["dct"]
        )
        half = halves[_half(r["incident_id"])]
        half.articles.append(art)
        half.gold.append(r["incident_id"])
    return halves


def neus() -> tuple[Stream, Stream]:
    """NeuS/AllSides roundups (no dates, US politics): train and val, 3 outlets' title + lead per cluster.

    A third, independent source of same-story pairs and of contemporary hard negatives (many clusters name
    the same politicians). Articles of all clusters in one stable shuffled order, like ECB+.
    """
    halves: list[Stream] = []
    for part in ("train", "val"):
        stream = Stream(f"neus-{part}", [], [])
        rows = _jsonl(DATA / "neus" / f"neus_{part}.jsonl.gz")
        docs = [(r["cluster_id"], k, a) for r in rows for k, a in enumerate(r["articles"])]
        docs.sort(key=lambda d: hashlib.blake2b(f"{d[0]}/{d[1]}".encode(), digest_size=8).digest())
        for cluster, k, a in docs:
            text = a["text"] or a["title"]
            art = Article(id=f"{cluster}/{k}", origin="neus", raw=text, text=text, title=a["title"])
            stream.articles.append(art)
            stream.gold.append(cluster)
        halves.append(stream)
    return halves[0], halves[1]


def ecb_topic(gold: str) -> str:
    """The topic of an ECB+ gold event id: "12ecbplus" -> "12" (both events of a topic share it)."""
    return "".join(c for c in gold if c.isdigit())


def groups(stream: Stream) -> list[str]:
    """What a bootstrap draws as one unit, per document: its ECB+ topic, else its event.

    An ECB+ topic's two events succeed or fail together (merged with each other), so the topic is the unit.
    """
    if stream.name.startswith("ecbplus"):
        return [ecb_topic(g) for g in stream.gold]
    return list(stream.gold)


def write_json(name: str, result: object) -> None:
    """A bench's results as bench/out/<name>.json (indented: they are read and diffed by people)."""
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.json").write_text(json.dumps(result, indent=1))


def singleton_families(articles: list[Article]) -> list[CopyFamily]:
    """Each article as its own copy family (the benches measure clustering, not dedup)."""
    return [
        CopyFamily(id=a.id, canonical=a.id, members=[FamilyMember(a.id, "canonical", 1.0)]) for a in articles
    ]


def features(stream: Stream, config: ClusterConfig = ClusterConfig()) -> list[FamilyFeatures]:
    """Family features of a stream, cached on disk by stream name and feature settings."""
    key = hashlib.blake2b(
        repr(
            (
                stream.name,
                len(stream.articles),
                _FEATURES_VERSION,
                config.lead_chars,
                config.entity_labels,
                config.entity_weight,
                config.max_doc_terms,
            )
        ).encode(),
        digest_size=6,
    ).hexdigest()
    path = OUT / f"features-{stream.name}-{key}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    feats = extract(singleton_families(stream.articles), {a.id: a for a in stream.articles}, config)
    OUT.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(feats))
    return feats
