"""One local SparkSession for every scale test (the JVM starts once per session: ~15 s)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark")

from newsfold.scale.config import ScaleConfig  # noqa: E402
from newsfold.scale.session import spark_session  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEEDS = SHARED / "seeds"
NAEB = SHARED / "data" / "naeb" / "articles.json"
# Two cores, few shuffle partitions: a test's shuffles are tiny, and each partition costs a task.
TEST_CONFIG = ScaleConfig(master="local[2]", shuffle_partitions=2, window_days=30)


@pytest.fixture(scope="session")
def spark() -> Iterator[object]:
    session = spark_session(TEST_CONFIG)
    yield session
    session.stop()


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n") if p.strip()]


def write_sample(folder: Path, n_articles: int = 10, n_copied: int = 6, seed: int = 3) -> list[str]:
    """Real NAEB articles as JSONL plus generated copies (exact, shuffled, truncated) and broken lines."""
    import json
    import random

    rng = random.Random(seed)
    records = [r for _, r in sorted(json.loads(NAEB.read_text(encoding="utf-8")).items())]
    records = [r for r in records if len(_paragraphs(r["articleBody"])) >= 4][:n_articles]
    lines = [json.dumps({k: r[k] for k in ("title", "date", "url", "articleBody")}) for r in records]
    copies = []
    for i, r in enumerate(records[:n_copied]):
        paras = _paragraphs(r["articleBody"])
        shuffled = rng.sample(paras, len(paras))
        variants = [paras, shuffled, paras[: max(2, len(paras) * 2 // 3)]]
        body = "\n".join(variants[i % 3])
        copy = {"title": r["title"], "date": r["date"], "url": f"{r['url']}?copy", "text": body}
        copies.append(json.dumps(copy))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "naeb.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "copies.jsonl").write_text("\n".join(copies) + "\n{broken json\n", encoding="utf-8")
    (folder / "junk.bin").write_bytes(bytes(range(256)) * 4)
    return [str(SEEDS), str(folder)]


@pytest.fixture(scope="session")
def sample_inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Seeds + 10 real articles + 6 generated copies + corrupt records, as input paths."""
    return write_sample(tmp_path_factory.mktemp("sample"))
