"""Sentences/s of the meaning layer's embedding step vs plain SentenceTransformer.encode, CPU or GPU.

    python bench/embed_throughput.py --n 200000 [--model PATH] [--device cuda]

Sentences are real: NAEB/Zyte/GVA bodies split into sentences, repeated to --n. Both systems run after a
warm-up, in one process: the baseline is `SentenceTransformer.encode` (batch 128; fp16 on a GPU, like the
figure in the issue), newsfold is `newsfold.dedup.encoder.encode` (length-sorted batches, fp16, tokenizing
ahead in threads). Agreement is the mean cosine between the two on the first 2,000 sentences.
Prints JSON and writes bench/out/embed_throughput.json. `--model` points at a sentence-transformers
folder when the packaged model is not installed (the lent GPU machine).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import dedup_corpus as dc

OUT = Path(__file__).resolve().parent / "out"


def sentences(n: int) -> list[str]:
    pool = [b for _, b in dc.bases()] + [r["text"] for r in dc.gva()]
    found = [s for body in pool for s in re.split(r"(?<=[.!?])\s+", body) if len(s.split()) >= 4]
    return (found * (n // len(found) + 1))[:n]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--model", default=None)
    ap.add_argument("--device", default=None)
    ap.add_argument("--baseline-n", type=int, default=None, help="sentences for the (slower) baseline")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import torch

    from newsfold import embed
    from newsfold.dedup.config import MeaningConfig
    from newsfold.dedup.encoder import encode

    if args.model:
        embed.model_path = lambda: args.model  # the lent machine has no packaged model: load this folder
    texts = sentences(args.n)
    base_texts = texts[: args.baseline_n or args.n]
    model = embed.load_model(args.device)
    on_gpu = model.device.type == "cuda"
    if on_gpu:
        model.half()
    encode(texts[:2000], MeaningConfig(), args.device)  # warm-up
    model.encode(base_texts[:2000], batch_size=128, convert_to_numpy=True, normalize_embeddings=True)

    def timed(fn):
        if on_gpu:
            torch.cuda.synchronize()
        t = time.perf_counter()
        result = fn()
        if on_gpu:
            torch.cuda.synchronize()
        return result, time.perf_counter() - t

    ours, t_ours = timed(lambda: encode(texts, MeaningConfig(), args.device))
    base, t_base = timed(
        lambda: model.encode(base_texts, batch_size=128, convert_to_numpy=True, normalize_embeddings=True)
    )
    k = min(2000, len(base))
    agreement = float(np.mean(np.sum(ours[:k] * np.asarray(base[:k], dtype=np.float32), axis=1)))
    report = {
        "device": torch.cuda.get_device_name() if on_gpu else "cpu",
        "torch_threads": torch.get_num_threads(),
        "sentences": len(texts),
        "newsfold_sentences_per_s": round(len(texts) / t_ours, 1),
        "baseline_sentences": len(base_texts),
        "baseline_sentences_per_s": round(len(base_texts) / t_base, 1),
        "speedup": round((len(texts) / t_ours) / (len(base_texts) / t_base), 2),
        "mean_cosine_agreement": round(agreement, 5),
    }
    OUT.mkdir(exist_ok=True)
    tag = "gpu" if on_gpu else "cpu"
    (OUT / f"embed_throughput_{tag}.json").write_text(json.dumps(report, indent=1))
    print(json.dumps(report))


if __name__ == "__main__":
    main()
