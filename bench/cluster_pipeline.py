"""Stories as `newsfold run` makes them: clean -> copy families -> stories, scored on the test halves.

`cluster_quality.py` measures the story clusterer alone: every labelled document is its own family and
its text is the dataset's as given. The product does more before clustering: it cleans each page (an
empty one is rejected) and folds copies into families, and a family is placed once, as one unit, with
its canonical article's features. This bench runs those stages on the ECB+ and GVA test halves with the
shipped settings and scores every document by the story its family ends in, next to the clusterer-alone
row on the same documents, in the same run, each with a 95% bootstrap interval of its B-cubed F1 (ECB+
topics or GVA incidents drawn with replacement). A document that cleaning rejects gets no story: it is scored
as a story of its own (what a reader of the store would see: nothing joins it). No threshold is tuned here.

Run: OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/cluster_pipeline.py
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import cluster_data as data

from newsfold.cluster import ClusterConfig, StoryState, assign_stories
from newsfold.cluster.evaluate import bcubed_interval, score
from newsfold.cluster.learn import run_stream
from newsfold.dedup import DedupConfig, find_families
from newsfold.model import Article, Origin, RawRecord, Rejection
from newsfold.pipeline import clean_item


def cleaned(stream: data.Stream) -> tuple[list[Article | None], list[str]]:
    """Each document through `newsfold run`'s cleaning (None when rejected), and the rejection reasons."""
    out: list[Article | None] = []
    reasons = []
    for doc in stream.articles:
        record = RawRecord(
            origin=Origin(stream.name, doc.id), content=doc.text, title=doc.title, published=doc.published
        )
        outcome = clean_item(record)
        if isinstance(outcome, Rejection):
            out.append(None)
            reasons.append(outcome.error)
        else:
            out.append(outcome)
    return out, reasons


def pipeline_stories(stream: data.Stream, fold_copies: bool = True) -> tuple[list[str], dict]:
    """Per document, the story `newsfold run` would put it in (its own id when cleaning rejected it).

    `fold_copies=False` skips dedup (each cleaned article its own family): which of the two stages moves
    the score.
    """
    t0 = time.process_time()
    articles, reasons = cleaned(stream)
    kept = {a.id: a for a in articles if a is not None}  # identical cleaned texts share one id
    t1 = time.process_time()
    families = find_families(list(kept.values()), None, DedupConfig()).families if fold_copies else []
    t2 = time.process_time()
    # the pipeline's own story stage: articles in no family are families of one, every story is touched
    stories = assign_stories(families, kept, StoryState(), ClusterConfig())
    t3 = time.process_time()
    story_of_article = {a: story.id for story in stories for a in story.articles}
    predicted = [
        story_of_article[a.id] if a is not None else f"rejected:{doc.id}"
        for doc, a in zip(stream.articles, articles, strict=True)
    ]
    events_of_article: dict[str, set[str]] = defaultdict(set)  # one article id may stand for several docs
    for a, gold in zip(articles, stream.gold, strict=True):
        if a is not None:
            events_of_article[a.id].add(gold)
    multi = [f for f in families if len(f.article_ids) > 1]
    mixed = sum(len(set().union(*(events_of_article[a] for a in f.article_ids))) > 1 for f in multi)
    facts = {
        "documents": len(stream.articles),
        "rejected": len(reasons),
        "rejected_reasons": Counter(r.split(" (")[0] for r in reasons).most_common(),
        "distinct_articles": len(kept),
        "families_of_2_or_more": len(multi),
        "articles_in_them": sum(len(f.article_ids) for f in multi),
        "families_mixing_gold_events": mixed,
        "cpu_s": {"clean": round(t1 - t0, 1), "dedup": round(t2 - t1, 1), "stories": round(t3 - t2, 1)},
    }
    return predicted, facts


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    results = {}
    for train_test in (data.ecbplus(), data.gva()):
        test = train_test[1]
        name = test.name.split("-")[0]
        alone = run_stream(data.features(test), ClusterConfig())
        predicted, facts = pipeline_stories(test)
        cleaned_only, _ = pipeline_stories(test, fold_copies=False)
        runs = {
            "clusterer alone (documents as given, one family each)": alone,
            "cleaned, one family each (no copy folding)": cleaned_only,
            "whole pipeline (clean -> copy families -> stories)": predicted,
        }
        groups = data.groups(test)
        results[name] = {}
        for method, pred in runs.items():
            band = bcubed_interval(test.gold, pred, groups)  # topics or incidents drawn, 95%
            results[name][method] = {
                **asdict(score(test.gold, pred)),
                "b3_f1_95": [round(band.low, 4), round(band.high, 4)],
            }
        diff = bcubed_interval(test.gold, predicted, groups, baseline=alone)
        results[name]["pipeline minus clusterer alone, B3 F1 (95%)"] = [
            round(x, 4) for x in (diff.value, diff.low, diff.high)
        ]
        results[name]["pipeline"] = facts
        print(f"\n{name}: test half, {len(test.gold)} documents, {len(set(test.gold))} gold events")
        print(json.dumps(facts))
        for method in list(results[name])[:3]:
            r = results[name][method]
            print(
                f"  {method:55} B3 P {r['b3_p']:.3f} R {r['b3_r']:.3f} F1 {r['b3_f1']:.3f}"
                f" ({r['b3_f1_95'][0]:.3f}-{r['b3_f1_95'][1]:.3f})  pw F1 {r['pair_f1']:.3f}"
                f"  ARI {r['ari']:.3f}  merged {r['merged_events']}"
            )
        diff = results[name]["pipeline minus clusterer alone, B3 F1 (95%)"]
        print(f"  pipeline minus clusterer alone: {diff[0]:+.3f} ({diff[1]:+.3f} {diff[2]:+.3f})")
    data.write_json("cluster_pipeline", results)


if __name__ == "__main__":
    main()
