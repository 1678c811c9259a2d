"""Planted copy families built in code from real article bodies (NAEB gold text), for the dedup tests."""

from __future__ import annotations

import json
import random
from functools import lru_cache
from pathlib import Path

from newsfold.model import Article

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"


@lru_cache(maxsize=1)
def bodies() -> list[str]:
    """NAEB gold bodies with at least six paragraphs of prose, in file order."""
    articles = json.loads((DATA / "naeb" / "articles.json").read_text(encoding="utf-8"))
    out = []
    for item in articles.values():
        paragraphs = paragraphs_of(item.get("articleBody") or "")
        if len(paragraphs) >= 6 and sum(len(p.split()) for p in paragraphs) >= 250:
            out.append("\n\n".join(paragraphs))
    return out


def paragraphs_of(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if len(p.split()) >= 6]


def article(text: str, aid: str) -> Article:
    return Article(id=aid, origin=f"planted:{aid}", raw=text, text=text)


BOILERPLATE = (
    "Subscribe to our newsletter for the latest headlines delivered to your inbox every morning.",
    "Copyright 2024 Local Daily Herald. All rights reserved. This material may not be redistributed.",
)

LOCAL = (
    "In local news, the county board met Tuesday to discuss the new budget for road repairs.",
    "Residents can comment on the plan at the library until the end of the month, officials said.",
)


def copies(base: str, rng: random.Random) -> dict[str, str]:
    """One copy of each lexical kind (shuffled, dropped, wrapped, doubled, truncated, appended, edited)."""
    paras = paragraphs_of(base)
    shuffled = paras[:]
    rng.shuffle(shuffled)
    keep = sorted(rng.sample(range(len(paras)), k=len(paras) - max(1, round(0.3 * len(paras)))))
    edited = [p.replace(" the ", " teh ", 1).replace('"', "\u201c", 1) for p in paras]
    return {
        "exact": base,
        "shuffled": "\n\n".join(shuffled),
        "dropped": "\n\n".join(paras[i] for i in keep),
        "wrapped": "\n\n".join([BOILERPLATE[0], *paras, BOILERPLATE[1]]),
        "doubled": "\n\n".join(paras + paras),
        "headers": "\n\n".join(["BREAKING NEWS", "Updated 5:42 PM EST", *paras]),
        "truncated": "\n\n".join(paras[: max(2, len(paras) // 3)]),
        "appended": "\n\n".join([*paras, *LOCAL]),
        "edited": "\n\n".join(edited),
    }
