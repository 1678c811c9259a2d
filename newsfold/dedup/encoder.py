"""Sentences in, unit vectors out, as fast as the device allows (the meaning layer's embedding step).

On a GPU: the model in fp16, sentences sorted by length so batches carry little padding, large batches,
tokenizing run ahead in worker threads (with pinned memory) so the GPU is never waiting, and mean pooling
done on the GPU. On a CPU the plain sentence-transformers path is already the fast one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from newsfold import embed
from newsfold.dedup.config import MeaningConfig

log = logging.getLogger(__name__)


def encode(
    texts: Sequence[str], config: MeaningConfig = MeaningConfig(), device: str | None = None
) -> np.ndarray:
    """Unit-length float32 vectors, one row per text, in the order given."""
    if not texts:
        return np.zeros((0, embed.DIMENSIONS), dtype=np.float32)
    model = embed.load_model(device)
    if model.device.type != "cuda":
        order = np.argsort([len(t) for t in texts], kind="stable")
        vectors = np.zeros((len(texts), embed.DIMENSIONS), dtype=np.float32)
        vectors[order] = embed.encode([texts[i] for i in order], batch_size=config.batch_size, device=device)
        return vectors
    return _encode_gpu(model, list(texts), config)


def _encode_gpu(model, texts: list[str], config: MeaningConfig) -> np.ndarray:
    import torch

    bert = model[0].auto_model.half().eval()
    device = model.device
    order = np.argsort([len(t) for t in texts], kind="stable")
    chunks = [order[i : i + config.gpu_batch_size] for i in range(0, len(texts), config.gpu_batch_size)]
    out = torch.empty((len(texts), embed.DIMENSIONS), dtype=torch.float16, device=device)
    with torch.inference_mode():
        for rows, batch in _tokenized(model, texts, chunks, config.tokenizer_threads):
            ids = batch["input_ids"].to(device, non_blocking=True)
            mask = batch["attention_mask"].to(device, non_blocking=True)
            hidden = bert(input_ids=ids, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(dim=1).float() / weights.sum(dim=1).float().clamp(min=1.0)
            out[torch.from_numpy(rows).to(device)] = torch.nn.functional.normalize(pooled, dim=-1).half()
    log.debug("encoded %d sentences on %s", len(texts), device)
    return out.float().cpu().numpy()


def _tokenized(
    model, texts: list[str], chunks: list[np.ndarray], threads: int
) -> Iterator[tuple[np.ndarray, dict]]:
    """Tokenized batches in order, produced ahead of use by a thread pool."""
    tokenizer, limit = model.tokenizer, model[0].max_seq_length

    def work(rows: np.ndarray) -> tuple[np.ndarray, dict]:
        batch = tokenizer(
            [texts[i] for i in rows], padding=True, truncation=True, max_length=limit, return_tensors="pt"
        )
        return rows, {k: v.pin_memory() for k, v in batch.items() if k in ("input_ids", "attention_mask")}

    with ThreadPoolExecutor(max_workers=threads) as pool:
        yield from pool.map(work, chunks)
