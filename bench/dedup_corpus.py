"""Real article bodies and a copy generator for the dedup benchmarks (never the seeds as bases).

Bases: NAEB gold bodies and Zyte ground-truth bodies (and, for the speed run's volume, GVA texts).
Copies of each kind are made in code from a base; hard negatives are other real articles on the same
subject (ECB+ documents of the same topic, GVA articles about other shootings).
`NEWSFOLD_BENCH_DATA` points at a folder holding the data files when ../shared/data is not beside the repo.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
from functools import lru_cache
from pathlib import Path

import xxhash

DATA = Path(
    os.environ.get("NEWSFOLD_BENCH_DATA", Path(__file__).resolve().parents[1] / ".." / "shared" / "data")
)
KINDS = ("exact", "shuffled", "dropped", "wrapped", "doubled", "headers", "truncated", "appended", "edited")

CHROME = (
    "Sign up for our daily newsletter to get the top stories delivered to your inbox.",
    "Share this article on Facebook, Twitter or by email with friends and family.",
    "Advertisement",
    "Copyright 2023 Media Group LLC. All rights reserved. This material may not be published or rewritten.",
    "Read more: the latest headlines from around the region, updated throughout the day.",
    "Follow us on social media for breaking news alerts and live coverage.",
    "Comments are moderated and may take a few minutes to appear below this story.",
)
HEADERS = (
    "By Staff Writer",
    "Updated 10:42 AM ET",
    "Published December 12, 2023",
    "BREAKING",
    "Print this page",
)
BRITISH = {"color": "colour", "center": "centre", "organize": "organise", "defense": "defence",
           "favor": "favour", "labor": "labour", "program": "programme", "analyze": "analyse"}  # fmt: skip


def paragraphs_of(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def _gz_rows(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@lru_cache(maxsize=1)
def bases() -> list[tuple[str, str]]:
    """(id, body) of NAEB and Zyte articles with >= 4 paragraphs and >= 150 words, exact repeats dropped."""
    out, seen = [], set()
    naeb = json.loads((DATA / "naeb" / "articles.json").read_text(encoding="utf-8"))
    zyte = json.loads((DATA / "zyte" / "ground-truth.json").read_text(encoding="utf-8"))
    items = [(f"naeb:{k}", v.get("articleBody") or "") for k, v in naeb.items()]
    items += [(f"zyte:{k}", v.get("articleBody") or "") for k, v in zyte.items()]
    for key, body in items:
        paras = [p for p in paragraphs_of(body) if len(p.split()) >= 4]
        digest = xxhash.xxh3_64_intdigest(" ".join(body.lower().split()).encode())
        if len(paras) >= 4 and len(body.split()) >= 150 and digest not in seen:
            seen.add(digest)
            out.append((key, "\n\n".join(paras)))
    return out


@lru_cache(maxsize=1)
def gva() -> list[dict]:
    return [
        r
        for r in _gz_rows(DATA / "gva" / "gva_incidents_dev.jsonl.gz")
        if len((r["text"] or "").split()) >= 80
    ]


@lru_cache(maxsize=1)
def ecbplus() -> list[dict]:
    return [
        r for r in _gz_rows(DATA / "ecbplus" / "ecbplus_topics_1-35.jsonl.gz") if len(r["text"].split()) >= 60
    ]


def make_copy(kind: str, body: str, rng: random.Random) -> str:
    """One copy of `body` of the given kind."""
    paras = paragraphs_of(body)
    if kind == "exact":
        return body
    if kind == "shuffled":
        return "\n\n".join(rng.sample(paras, len(paras)))
    if kind == "dropped":
        keep = sorted(rng.sample(range(len(paras)), len(paras) - max(1, round(0.3 * len(paras)))))
        return "\n\n".join(paras[i] for i in keep)
    if kind == "wrapped":
        return "\n\n".join([*rng.sample(CHROME, 3), *paras, *rng.sample(CHROME, 3)])
    if kind == "doubled":
        return "\n\n".join(paras + paras)
    if kind == "headers":
        return "\n".join([*rng.sample(HEADERS, 3), "", *paras])
    if kind == "truncated":
        return "\n\n".join(paras[: max(1, len(paras) // 3)]) if len(body) > 600 else body
    if kind == "appended":
        local = paragraphs_of(rng.choice(gva())["text"])[:3]
        return "\n\n".join([*paras, *local])
    if kind == "edited":
        return "\n\n".join(_edit(p, rng) for p in paras)
    raise ValueError(kind)


def _edit(paragraph: str, rng: random.Random) -> str:
    """Quote style flipped, British spelling, and a typo in about one sentence in five."""
    text = paragraph.replace('"', "\u201c").replace("'", "\u2019")
    for us, uk in BRITISH.items():
        text = re.sub(rf"\b{us}", uk, text)
    sentences = re.split(r"(?<=[.!?])\s+", text)
    for i, sentence in enumerate(sentences):
        words = sentence.split()
        long = [k for k, w in enumerate(words) if len(w) >= 6 and w.isalpha()]
        if long and rng.random() < 0.2:
            k = rng.choice(long)
            w = words[k]
            j = rng.randrange(1, len(w) - 2)
            words[k] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
            sentences[i] = " ".join(words)
    return " ".join(sentences)


def corpus(n: int, seed: int = 0) -> list[str]:
    """n real-text articles: every base and GVA text, plus copies of random kinds until n are made."""
    rng = random.Random(seed)
    pool = [b for _, b in bases()] + ["\n\n".join(paragraphs_of(r["text"])) for r in gva()]
    out = pool[:n]
    while len(out) < n:
        out.append(make_copy(rng.choice(KINDS), rng.choice(pool), rng))
    rng.shuffle(out)
    return out
