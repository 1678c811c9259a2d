"""How far the Spark job's windowed story placement drifts from the online clusterer, per window setting.

The Spark job (newsfold/scale/stories.py) places families one time window at a time, each window first
replaying `context_days` of families before it, and then continues, per story the replay built, the
earlier story most of its replayed families came from. A window task's cost grows with window + context,
and so does the total work (each family is placed (window + context) / window times). This bench runs
that scheme on one machine (`windowed_stories`, which tests/scale/test_scale_windows.py checks Spark
reproduces exactly) over a real dated stream, the whole GVA corpus (3,063 local news reports, 2013-2017,
gold incident ids), and compares every setting with the online clusterer over the whole stream (what
`newsfold run` gives):

- agreement with online: B-cubed F1 and ARI of the windowed stories scored against the online stories;
- quality: B-cubed F1 against the gold incidents, next to the online clusterer's;
- cost: placements per family and the most families one window task places.
Ablations: `--rules all` (join every replayed family's two stories) and `--prior-df 0` (window idf).

    .venv/bin/python bench/scale_windows.py [--windows 30 7 1] [--contexts 120 30 14 7 3] [--tag _x]
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

import cluster_data as data

from newsfold.cluster import ClusterConfig, FamilyFeatures, StoryState, assign_features
from newsfold.cluster.evaluate import score
from newsfold.scale.stories import window_range, windowed_stories

OUT = Path(__file__).resolve().parent / "out"


def online(feats: list[FamilyFeatures], config: ClusterConfig) -> dict[str, str]:
    """Family -> story from one online pass over the whole stream."""
    state = StoryState()
    ordered = sorted(feats, key=lambda f: (f.day is None, f.day or 0))
    placed = assign_features(ordered, state, config)
    return {f.family: state.resolve(s) for f, s in zip(ordered, placed, strict=True)}


def cost(feats: list[FamilyFeatures], width: int, context: int) -> dict[str, float]:
    """Placements per family, and the most families one window task places."""
    sizes: Counter[int] = Counter()
    for f in feats:
        own, last = window_range(f.day, width, context)
        sizes.update(range(own, last + 1))
    return {"placements_per_family": sum(sizes.values()) / len(feats), "largest_window": max(sizes.values())}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--windows", type=int, nargs="+", default=[30, 7, 1])
    parser.add_argument("--contexts", type=int, nargs="+", default=[120, 30, 14, 7, 3])
    parser.add_argument("--rules", nargs="+", default=["all", "replay"])
    parser.add_argument(
        "--prior-df",
        nargs="+",
        type=int,
        default=[0, 1],
        help="1: windows start from the idf of all earlier families",
    )
    parser.add_argument(
        "--tag", default="", help="suffix of the output file bench/out/scale_windows{TAG}.json"
    )
    args = parser.parse_args()
    config = ClusterConfig()
    halves = data.gva()
    gold_of: dict[str, str] = {}
    feats: list[FamilyFeatures] = []
    for half in halves:
        feats.extend(data.features(half, config))
        gold_of.update({a.id: g for a, g in zip(half.articles, half.gold, strict=True)})
    feats.sort(key=lambda f: (f.day is None, f.day or 0, f.family))  # the corpus's date order
    families = [f.family for f in feats]
    gold = [gold_of[f] for f in families]
    started = time.process_time()
    reference = online(feats, config)
    rows = [
        {
            "setting": "online (newsfold run)",
            "cpu_s": round(time.process_time() - started, 1),
            "gold_b3_f1": round(score(gold, [reference[f] for f in families]).b3_f1, 4),
            "stories": len(set(reference.values())),
        }
    ]
    print(json.dumps(rows[0]))
    online_labels = [reference[f] for f in families]
    ref_mates = _mates(reference)
    for width, context, rule, prior_df in itertools.product(
        args.windows, args.contexts, args.rules, args.prior_df
    ):
        if True:
            started = time.process_time()
            result = windowed_stories(feats, config, width, context, prior_idf=bool(prior_df), reconcile=rule)
            labels = [result[f] for f in families]
            mates = _mates(result)
            agree = score(online_labels, labels)
            row = {
                "setting": f"window {width} d, context {context} d, {rule}, prior idf {bool(prior_df)}",
                "cpu_s": round(time.process_time() - started, 1),
                "gold_b3_f1": round(score(gold, labels).b3_f1, 4),
                "stories": len(set(labels)),
                "agree_b3_f1": round(agree.b3_f1, 4),
                "agree_ari": round(agree.ari, 4),
                "families_moved": sum(ref_mates[f] != mates[f] for f in families),
                **{k: round(v, 2) for k, v in cost(feats, width, context).items()},
            }
            rows.append(row)
            print(json.dumps(row))
    OUT.mkdir(exist_ok=True)
    (OUT / f"scale_windows{args.tag}.json").write_text(
        json.dumps({"families": len(feats), "rows": rows}, indent=1)
    )


def _mates(labels: dict[str, str]) -> dict[str, frozenset[str]]:
    """For each family, the families sharing its story (story ids differ between runs; mates do not)."""
    groups: dict[str, set[str]] = defaultdict(set)
    for family, story in labels.items():
        groups[story].add(family)
    frozen = {story: frozenset(members) for story, members in groups.items()}
    return {family: frozen[story] for family, story in labels.items()}


if __name__ == "__main__":
    main()
