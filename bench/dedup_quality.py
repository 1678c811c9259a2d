"""Copy-family quality: planted copies of real articles, hard negatives, and real rewrites/translations.

    .venv/bin/python bench/dedup_quality.py [--bases 120] [--negatives 300] [--no-meaning]

Part 1 (lexical kinds): each base (NAEB gold / Zyte ground-truth body) gets one copy of every kind in
`dedup_corpus.KINDS`; hard negatives are other real articles on the same subjects (one ECB+ document per
gold event, where every topic holds two different events of one kind, and one GVA article per shooting
incident), each its own family. Per kind: pairwise precision/recall/F1 of (copy, its base); ARI of all
families; pairs of different true families merged. Systems: exact hashing, datasketch MinHashLSH (5-word
shingles, threshold 0.8, 128 permutations), newsfold (all four layers).
Part 2 (meaning): the seed pair (000+001 copies; 002-004 not), MEANTIME translations (English-only model),
and GVA station/wire rewrites labelled by hand (`GVA_LABELS`).
Prints JSON; writes bench/out/dedup_quality.json.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import xxhash
from sklearn.metrics import adjusted_rand_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dedup_corpus as dc

from newsfold.dedup import DedupConfig, MeaningConfig, find_families
from newsfold.model import Article

OUT = Path(__file__).resolve().parent / "out"
SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"

# GVA pairs labelled by hand (doc ids, both in one incident): True = one is a reprint, update or
# station/wire rewrite of the other (same sentences in the same or other words), False = independent
# reports of the same shooting. How: among incidents with 2-6 articles, the 14 pairs with the highest
# vocabulary Jaccard (< 0.95) and 14 random other pairs (random.Random(5)) were printed with the first
# 420 characters of both texts; each was read and judged by the engineer, not by newsfold's output.
# Three were left out as undecidable from the opening (video-playlist and photo-gallery page chrome,
# an update whose body was not shown): 25 pairs, 10 copies.
GVA_LABELS: dict[tuple[str, str], bool] = {
    ("51f73548b78490297cdfffd1c124ebd7", "a29c1f6e65a73f4fe97e8b6ec2655d61"): True,  # 0
    ("04e0f7562c383eccb20fb9569c3e32de", "86b9c5df98ceb660d6c4a717dfaa914d"): True,  # 1
    ("96edf701107ea75c8df1d406aa19f478", "ae9a487100d64401b423ad11a5b38cb9"): True,  # 3
    ("c29204633cd516b86c40de20496d2437", "c2f6dc2fadd01ce33f13ad444055568a"): True,  # 4
    ("5d634486e969d6f97c8ef5c8ef89f735", "de2b5771d5a0fa57e5fd11df5047b79c"): True,  # 5
    ("5d5d3848f7c25bdd1c5ee4d5ce27fba9", "e058609ebf065a72809cd75a9f9236a2"): True,  # 6
    ("0773d2236933c7177c3f89a35ebd8264", "3030dcf3006eade2309434e0d42cb7b2"): True,  # 8
    ("4925d9ce1809820942cbd2ed5b018c6a", "c482496bb00f3054f1ed21b1753a2608"): True,  # 9
    ("02ad07a28b545be09f7816778d2f0fb6", "ce0452c7f1634ce8b27cf5bdf171443a"): True,  # 10
    ("2e1ef1be9caa6b713576d166405c3dea", "69f02280e040f9fbf1f1224b44a60cc8"): False,  # 11
    ("aee9ec90f7c0e2669a9910336ed1e278", "d90dc6060fbd3a01da83b60c830b1f9f"): True,  # 12
    ("53fbdf2e90ea62719b6d6786bb01d1dc", "f36b56cdfeffbace0d0d1d7177f2d506"): False,  # 14
    ("862ef02d5dff840ac4d1dc29d1671f05", "d2c7d8e840b5093c5693aab85844ce9b"): False,  # 15
    ("3c6b6f6b4901a8963417cf455860e3b8", "43c91d9042f9b55d02909c3f2660705b"): False,  # 16
    ("52ddc440a47046b04b437f333e0221b0", "a7eddc8f6b99593fe9ec605325634aab"): False,  # 17
    ("6b899bd5fb8e0752efdcca227d47960e", "df3f4718ba75a60fa029dfc34a7695e3"): False,  # 18
    ("8e4103a9c4689850d3f507c879f6874c", "f91174f2a5c14d3ac87938d1e4f0e110"): False,  # 19
    ("4406703f1f67431001470571d330b9f9", "c3da4ad40bcf32515b4197bec0587cc4"): False,  # 20
    ("444493650361f49ba1f042362e14d3c0", "dc342e7e3f0c20ebb238c21e2d953d83"): False,  # 21
    ("007d7cc29e5632865d4f4f8e51f615fd", "e851819b148915983d59b691aa1d4a1d"): False,  # 22
    ("837bcec61b2045b4aea5608d688459bc", "ce5b963c32f09c53aeb5d9e2e802ead4"): False,  # 23
    ("5d5d3848f7c25bdd1c5ee4d5ce27fba9", "74a01fff4efc49342c95531030a972e0"): False,  # 24
    ("3e602d4f6f06e5e5f8e40fba2dbfefc9", "de77fb7adc1c1cb68d230849908fecfb"): False,  # 25
    ("7eced4de8969b137c70fe5a07abca9d2", "e16c249b59b4800c4a111a2a2981f66a"): False,  # 26
    ("1d97657dc49a1dcab134d1b0c1c62e1d", "dd70651809749665b54c75a78b9e2ada"): False,  # 27
}


def planted(n_bases: int, n_negatives: int, seed: int = 1) -> list[tuple[str, str, str, str]]:
    """(id, text, true family, kind) for bases, their copies, and hard negatives."""
    rng = random.Random(seed)
    items = []
    for key, body in dc.bases()[:n_bases]:
        items.append((f"{key}#base", body, key, "base"))
        for kind in dc.KINDS:
            items.append((f"{key}#{kind}", dc.make_copy(kind, body, rng), key, kind))
    for key, text in _negatives(n_negatives, rng):
        items.append((key, text, key, "negative"))
    return items


def _negatives(n: int, rng: random.Random) -> list[tuple[str, str]]:
    """One ECB+ document per gold event and one GVA article per incident: same subjects, not copies."""
    by_event: dict[str, dict] = {}
    for row in dc.ecbplus():
        by_event.setdefault(row["cluster_id"], row)
    by_incident: dict[str, dict] = {}
    for row in dc.gva():
        by_incident.setdefault(row["incident_id"], row)
    ecb = [(f"ecb:{r['doc_id']}", r["text"]) for r in by_event.values()]
    gva = [(f"gva:{r['doc_id']}", "\n\n".join(dc.paragraphs_of(r["text"]))) for r in by_incident.values()]
    rng.shuffle(gva)
    return ecb[: n // 2] + gva[: n - min(len(ecb), n // 2)]


def predict_newsfold(items, meaning: bool) -> dict[str, str]:
    config = DedupConfig(meaning=MeaningConfig(enabled=meaning))
    articles = [Article(id=i, origin=i, raw=t, text=t) for i, t, _, _ in items]
    result = find_families(articles, config=config)
    return {a: f.id for f in result.families for a in f.article_ids}


def predict_exact(items) -> dict[str, str]:
    return {i: str(xxhash.xxh3_64_intdigest(" ".join(t.lower().split()).encode())) for i, t, _, _ in items}


def predict_datasketch(items) -> dict[str, str]:
    from datasketch import MinHash, MinHashLSH

    lsh, hashes = MinHashLSH(threshold=0.8, num_perm=128), {}
    for i, text, _, _ in items:
        words = text.lower().split()
        m = MinHash(num_perm=128)
        m.update_batch([" ".join(words[k : k + 5]).encode() for k in range(max(1, len(words) - 4))])
        lsh.insert(i, m)
        hashes[i] = m
    parent = {i: i for i, _, _, _ in items}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, m in hashes.items():
        for j in lsh.query(m):
            parent[find(i)] = find(j)
    return {i: find(i) for i in parent}


def score(items, predicted: dict[str, str]) -> dict:
    """Per kind P/R/F1 of (copy, base) pairs, ARI, and merges across true families."""
    members = defaultdict(list)
    for i, _, fam, _ in items:
        members[predicted[i]].append(fam)
    truth = {i: fam for i, _, fam, _ in items}
    out: dict = {}
    for kind in dc.KINDS:
        tp = fp = fn = 0
        for i, _, fam, k in items:
            if k != kind:
                continue
            together = predicted[i] == predicted[f"{fam}#base"]
            tp, fn = tp + together, fn + (not together)
            fp += sum(1 for f in members[predicted[i]] if f != fam)
        p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
        out[kind] = {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(2 * p * r / max(1e-9, p + r), 4),
        }
    ids = [i for i, _, _, _ in items]
    out["ari"] = round(adjusted_rand_score([truth[i] for i in ids], [predicted[i] for i in ids]), 4)
    wrong = sum(len(fams) * (len(fams) - 1) // 2 - _same_pairs(fams) for fams in members.values())
    out["pairs_merged_across_true_families"] = wrong
    negatives = {i for i, _, _, k in items if k == "negative"}
    out["hard_negatives_merged"] = sum(1 for i in negatives if len(members[predicted[i]]) > 1)
    return out


def _same_pairs(fams: list[str]) -> int:
    counts = defaultdict(int)
    for f in fams:
        counts[f] += 1
    return sum(c * (c - 1) // 2 for c in counts.values())


def seeds_pair() -> dict:
    """Precision/recall of copy pairs on the five seeds (gold: only 000+001)."""
    from newsfold import clean, read

    arts = {Path(r.origin.path).name[:3]: clean.clean(r) for r in read.read_paths([str(SEEDS)])}
    result = find_families(list(arts.values()))
    name = {a.id: k for k, a in arts.items()}
    pairs = {tuple(sorted((name[x], name[y]))) for f in result.families for x in f.article_ids
             for y in f.article_ids if x < y}  # fmt: skip
    gold = {("000", "001")}
    reuse = sorted(tuple(sorted((name[r.a], name[r.b]))) for r in result.reuse)
    return {"predicted_pairs": sorted(pairs), **_pr(pairs, gold), "reuse": reuse}


def meantime(limit: int | None = None) -> dict:
    """Translations (en-es/it/nl) of 120 Wikinews articles: what the English-only model folds together."""
    rows = dc._gz_rows(dc.DATA / "meantime" / "meantime_parallel.jsonl.gz")[:limit]
    articles, gold = [], set()
    for row in rows:
        for lang in ("en", "es", "it", "nl"):
            text = "\n".join(row[lang]["sentences"][1:])
            articles.append(Article(id=f"{row['doc_id']}#{lang}", origin="meantime", raw=text, text=text))
        gold |= {tuple(sorted((f"{row['doc_id']}#en", f"{row['doc_id']}#{x}"))) for x in ("es", "it", "nl")}
    result = find_families(articles, config=DedupConfig(evidence=False))
    pairs = {
        tuple(sorted((x, y))) for f in result.families for x in f.article_ids for y in f.article_ids if x < y
    }
    en_pairs = {p for p in pairs if p[0].endswith("#en") or p[1].endswith("#en")}
    by_lang = {}
    for x in ("#es", "#it", "#nl"):
        mine = {p for p in en_pairs if p[0].endswith(x) or p[1].endswith(x)}
        by_lang[x] = _pr(mine, {g for g in gold if g[0].endswith(x) or g[1].endswith(x)})
    same_language_pairs = sum(1 for a, b in pairs if a.split("#")[1] == b.split("#")[1])
    return {"articles": len(articles), **_pr(en_pairs, gold), "by_language": by_lang,
            "same_language_pairs_merged": same_language_pairs}  # fmt: skip


def gva_rewrites() -> dict:
    """Precision/recall on the hand-labelled GVA pairs."""
    if not GVA_LABELS:
        return {"labelled_pairs": 0}
    rows = {r["doc_id"]: r for r in dc.gva()}
    ids = sorted({d for pair in GVA_LABELS for d in pair if d in rows})
    articles = []
    for d in ids:
        text = "\n\n".join(dc.paragraphs_of(rows[d]["text"]))
        articles.append(Article(id=d, origin="gva", raw=text, text=text))
    result = find_families(articles, config=DedupConfig(evidence=False))
    fam = {a: f.id for f in result.families for a in f.article_ids}
    predicted = {p for p in GVA_LABELS if p[0] in fam and p[1] in fam and fam[p[0]] == fam[p[1]]}
    gold = {p for p, copy in GVA_LABELS.items() if copy}
    return {"labelled_pairs": len(GVA_LABELS), "copies": len(gold), **_pr(predicted, gold)}


def _pr(predicted: set, gold: set) -> dict:
    tp = len(predicted & gold)
    p, r = (tp / len(predicted) if predicted else 1.0), (tp / len(gold) if gold else 1.0)
    return {
        "precision": round(p, 4),
        "recall": round(r, 4),
        "tp": tp,
        "predicted": len(predicted),
        "gold": len(gold),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bases", type=int, default=120)
    ap.add_argument("--negatives", type=int, default=300)
    ap.add_argument("--no-meaning", action="store_true")
    ap.add_argument("--skip-part2", action="store_true")
    ap.add_argument("--skip-part1", action="store_true", help="only the seeds, GVA rewrites and MEANTIME")
    ap.add_argument("--out", default="dedup_quality.json", help="file name under bench/out/")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    items = planted(args.bases, args.negatives)
    report: dict = {"items": len(items), "bases": args.bases, "negatives": args.negatives, "systems": {}}
    for name, fn in (("exact", predict_exact), ("datasketch", predict_datasketch),
                     ("newsfold", lambda it: predict_newsfold(it, not args.no_meaning))):  # fmt: skip
        if args.skip_part1:
            break
        t = time.perf_counter()
        report["systems"][name] = {**score(items, fn(items)), "seconds": round(time.perf_counter() - t, 2)}
    if not args.skip_part2:
        report["seeds"] = seeds_pair()
        report["gva_rewrites"] = gva_rewrites()
        report["meantime"] = meantime()
    OUT.mkdir(exist_ok=True)
    (OUT / args.out).write_text(json.dumps(report, indent=1))
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
