"""Brief speed: warm (per-article analysis already in the store) against cold, for real 50-article stories.

    .venv/bin/python bench/brief_speed.py [--articles 50] [--runs 7] [--cold-runs 3] [--only naeb]

Stories (articles cleaned once, not timed; each stored in a fresh SQLite file):
  naeb    the first 50 English NAEB gold bodies, each its own family (every sentence distinct)
  wire    10 NAEB bodies, each printed by 5 outlets (whole, or trimmed by 1-4 closing paragraphs), one family
          per body: a story where wire copies dominate
  seeds   the five seed articles, through `pipeline.run` (real dedup, clustering and brief)
Per story, after a warm-up (models load):
  warm    the brief as `newsfold run` rewrites it when a story grows: articles and their stored analyses read
          from SQLite, compare, write_brief. Median wall and CPU seconds over --runs (target: < 1 s)
  grown   the same with the last article new (its analysis computed in the brief, as at its first brief)
  cold    nothing cached: compare analyses every article (embedding, NER) then briefs; of which embedding
          and NER seconds; the analysis cost per article is what moved to an article's first brief
  lexrank the baseline, LexRank (TF-IDF cosine graph + PageRank) over the same sentences, same process
Also checks that warm and cold give the same brief. CPU seconds are the process's (all threads); wall seconds
depend on the machine's load, printed beside them. Writes bench/out/brief_speed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import brief_rouge

import newsfold.compare as compare_stage
from newsfold import embed, pipeline
from newsfold.brief import brief_to_json, write_brief
from newsfold.clean import clean
from newsfold.compare import CompareConfig, analysis, analysis_version, compare
from newsfold.model import Article, CopyFamily, FamilyMember, Origin, RawRecord, Story
from newsfold.store import Store

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "naeb" / "articles.json"
SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"
OUT = Path(__file__).resolve().parent / "out"


@dataclass(slots=True)
class Case:
    """One story to brief, with its articles and families as the pipeline would pass them."""

    name: str
    story: Story
    articles: list[Article]
    families: list[CopyFamily]
    db: Path


def naeb_bodies(n: int) -> list[dict]:
    """The first n English NAEB gold bodies of at least 1,000 characters, with a title."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return [v for v in data.values() if len(v.get("articleBody") or "") >= 1000 and v.get("title")][:n]


def _article(v: dict, body: str, outlet: str = "") -> Article:
    origin = Origin(str(DATA), f"id {v['id']}{outlet}")
    return clean(RawRecord(origin, body, title=v["title"], published=v["date"]))


def story_articles(n: int) -> list[Article]:
    """The first n NAEB bodies, cleaned (also used by tests and other benches)."""
    return [_article(v, v["articleBody"]) for v in naeb_bodies(n)]


def wire_articles(n: int, copies: int = 5) -> tuple[list[Article], list[CopyFamily]]:
    """n // copies NAEB bodies, each reprinted `copies` times (trimmed by 0..copies-1 closing paragraphs)."""
    articles, families = [], []
    bodies = [(v, [p for p in v["articleBody"].split("\n") if p.strip()]) for v in naeb_bodies(n * 4)]
    for v, paragraphs in [(v, ps) for v, ps in bodies if len(ps) > copies][: max(n // copies, 1)]:
        members = []
        for k in range(copies):
            body = "\n".join(paragraphs[: max(len(paragraphs) - k, 1)])
            members.append(_article(v, body, f" outlet {k}"))
        family = CopyFamily(id=f"fam-{members[0].id}", canonical=members[0].id, members=[])
        family.members = [
            FamilyMember(a.id, "canonical" if i == 0 else "contained", 1.0) for i, a in enumerate(members)
        ]
        articles += members
        families.append(family)
    return articles, families


def _case(name: str, articles: list[Article], families: list[CopyFamily], folder: Path) -> Case:
    """Store the articles in a fresh SQLite file, as an ingest would have."""
    db = folder / f"{name}.db"
    with Store.open(db) as store:
        store.add_articles(articles)
    story = Story(id=name, label="", first=None, last=None, articles=[a.id for a in articles])
    return Case(name, story, articles, families, db)


def seeds_case(folder: Path) -> Case:
    """The seeds through the whole pipeline (which also stores their analyses); their one story."""
    db = folder / "seeds.db"
    with Store.open(db) as store:
        report = pipeline.run([str(SEEDS)], store)
    story = max(report.stories, key=lambda s: len(s.articles))
    ids = set(story.articles)
    articles = [a for a in report.articles if a.id in ids]
    families = [f for f in report.families if ids & set(f.article_ids)]
    return Case("seeds", story, articles, families, db)


def _clock(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """(wall seconds, CPU seconds of the process, result)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


class _Meter:
    """Adds up the wall seconds spent in one function, replacing it on its module while in use."""

    def __init__(self, module: Any, name: str) -> None:
        self.module, self.name, self.inner = module, name, getattr(module, name)
        self.seconds = self.cpu_seconds = 0.0

    def __enter__(self) -> _Meter:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return self.inner(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.cpu_seconds += time.process_time() - cpu

        setattr(self.module, self.name, timed)
        return self

    def __exit__(self, *exc: object) -> None:
        setattr(self.module, self.name, self.inner)


def _stored_brief(case: Case, leave_out: str | None = None, cached: bool = True) -> tuple[Any, list]:
    """The brief from the store: articles and analyses read, compare, write_brief (as pipeline._brief).

    Articles come in the store's order in every mode: ties in ranking follow article order.
    """
    version = analysis_version(CompareConfig())
    wanted = [i for i in case.story.articles if i != leave_out] if cached else []
    with Store.open(case.db) as store:
        articles = store.get_articles(case.story.articles)
        known = store.get_analyses(wanted, version)
    comparison = compare(case.story, articles, case.families, None, known)
    return write_brief(case.story, comparison, articles, case.families), comparison.fresh


def _cold_brief(case: Case) -> tuple[Any, list]:
    return _stored_brief(case, cached=False)


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def measure(case: Case, runs: int, cold_runs: int) -> dict[str, Any]:
    """Cold runs (which fill the store), then warm and grown runs and the baseline, all medians."""
    keys = ("wall", "cpu", "embedding", "ner", "analysis", "analysis_cpu")
    cold: dict[str, list[float]] = {key: [] for key in keys}
    for _ in range(cold_runs):
        with (
            _Meter(embed, "encode") as embedding,
            _Meter(analysis, "name_votes") as ner,
            _Meter(compare_stage, "analyze") as analysing,
        ):
            wall, cpu, (cold_brief, fresh) = _clock(lambda: _cold_brief(case))
        found = (wall, cpu, embedding.seconds, ner.seconds, analysing.seconds, analysing.cpu_seconds)
        for key, value in zip(keys, found, strict=True):
            cold[key].append(value)
    with Store.open(case.db) as store:
        store.save_analyses(fresh)
        stored = store._db.execute(
            "SELECT AVG(LENGTH(sentence_spans) + LENGTH(sentence_vectors) + LENGTH(quote_spans)"
            " + LENGTH(quote_vectors) + LENGTH(names)) FROM article_analysis"
        ).fetchone()[0]
    warm = [_clock(lambda: _stored_brief(case)[0]) for _ in range(runs)]
    grown = [_clock(lambda: _stored_brief(case, case.story.articles[-1])[0]) for _ in range(runs)]
    sentences = [s for a in case.articles for s in brief_rouge.sentences(a)]
    lexrank = [_clock(lambda: brief_rouge.lexrank(sentences))[0] for _ in range(runs)]
    same = all(brief_to_json(b) == brief_to_json(cold_brief) for _, _, b in warm + grown)
    return {
        "articles": len(case.articles),
        "sentences": len(sentences),
        "warm_wall_s": _median([w for w, _, _ in warm]),
        "warm_cpu_s": _median([c for _, c, _ in warm]),
        "grown_wall_s": _median([w for w, _, _ in grown]),
        "grown_cpu_s": _median([c for _, c, _ in grown]),
        "cold_wall_s": _median(cold["wall"]),
        "cold_cpu_s": _median(cold["cpu"]),
        "cold_embedding_wall_s": _median(cold["embedding"]),
        "cold_ner_wall_s": _median(cold["ner"]),
        "analysis_wall_s_per_article": round(statistics.median(cold["analysis"]) / len(case.articles), 4),
        "analysis_cpu_s_per_article": round(statistics.median(cold["analysis_cpu"]) / len(case.articles), 4),
        "analysis_bytes_per_article": round(stored or 0),
        "lexrank_wall_s": _median(lexrank),
        "ratio_warm_vs_lexrank": round(
            statistics.median(w for w, _, _ in warm) / statistics.median(lexrank), 1
        ),
        "ratio_cold_vs_warm": round(
            statistics.median(cold["wall"]) / statistics.median(w for w, _, _ in warm), 1
        ),
        "warm_brief_equals_cold": same,
        "runs": runs,
        "cold_runs": cold_runs,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--runs", type=int, default=7, help="warm, grown and LexRank runs (>= 5)")
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--only", choices=("naeb", "wire", "seeds"), action="append")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    load_before = os.getloadavg()[0]
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        wanted = args.only or ["naeb", "wire", "seeds"]
        cases = []
        if "naeb" in wanted:
            cases.append(_case("naeb", story_articles(args.articles), [], folder))
        if "wire" in wanted:
            cases.append(_case("wire", *wire_articles(args.articles), folder))
        if "seeds" in wanted:
            cases.append(seeds_case(folder))
        first = cases[0]
        _cold_brief(
            replace(first, story=replace(first.story, articles=first.story.articles[:2]))
        )  # models load
        for case in cases:
            report[case.name] = measure(case, args.runs, args.cold_runs)
            print(case.name, json.dumps(report[case.name]), flush=True)
    report["target_warm_s"] = 1.0
    report["cpu_count"] = os.cpu_count()
    report["torch_threads"] = torch.get_num_threads()
    report["load_average_1m"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]  # at start, at end
    OUT.mkdir(exist_ok=True)
    (OUT / "brief_speed.json").write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
