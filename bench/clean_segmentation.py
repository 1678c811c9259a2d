"""Sentence splitting and language detection of the clean stage, measured against gold.

Sentences: MEANTIME's English Wikinews articles (gold sentence splits; ../shared/data/meantime) plus the
hand-written hard cases in tests/clean/sentence_cases.py; boundary precision/recall/F1 and speed of the
spaCy senter (newsfold's default) next to the regex rules splitter.
Languages: the same articles in en/es/it/nl; accuracy of newsfold's stopword detector.
Run: .venv/bin/python bench/clean_segmentation.py
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data" / "meantime" / "meantime_parallel.jsonl.gz"
OUT = ROOT / "bench" / "out" / "clean_segmentation.json"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "clean"))

from sentence_cases import CASES  # noqa: E402

from newsfold.clean.config import CleanConfig  # noqa: E402
from newsfold.clean.metadata import detect_language  # noqa: E402
from newsfold.clean.segment import split_sentences_rules, split_sentences_spacy  # noqa: E402

SPLITTERS = {"spacy-senter": split_sentences_spacy, "rules": split_sentences_rules}


def load_meantime() -> list[dict]:
    """One record per article, with its four language versions."""
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def gold_paragraphs(articles: list[dict]) -> list[tuple[str, ...]]:
    """English sentences per article (dateline left out), with the CoNLL ``quotes'' turned back into '"'."""
    return [tuple(_detokenize(s) for s in a["en"]["sentences"][1:] if s.strip()) for a in articles] + CASES


def _detokenize(sentence: str) -> str:
    """Undo the treebank quote marks the corpus was rebuilt with."""
    return re.sub(r"\s*''", '"', re.sub(r"``\s*", '"', sentence)).strip()


def boundary_scores(gold: list[tuple[str, ...]], splitter) -> dict[str, float]:
    """Precision/recall/F1 of sentence-end offsets inside each joined paragraph."""
    paragraphs = [" ".join(sentences) for sentences in gold]
    found = splitter(paragraphs)
    tp = fp = fn = 0
    for sentences, spans in zip(gold, found, strict=True):
        ends, offset = set(), 0
        for sentence in sentences[:-1]:
            offset += len(sentence)
            ends.add(offset)
            offset += 1
        predicted = {end for _, end in spans[:-1]}
        tp, fp, fn = tp + len(ends & predicted), fp + len(predicted - ends), fn + len(ends - predicted)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall)}


def speed(paragraphs: list[str], splitter, runs: int = 5) -> float:
    """Median paragraphs per second over several runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        splitter(paragraphs)
        times.append(time.perf_counter() - start)
    return len(paragraphs) / statistics.median(times)


def language_accuracy(articles: list[dict]) -> dict[str, float]:
    """Share of articles whose language the stopword detector names correctly, per language."""
    config = CleanConfig()
    result = {}
    for lang in ("en", "es", "it", "nl"):
        texts = [" ".join(a[lang]["sentences"]) for a in articles]
        result[lang] = statistics.mean(detect_language(text, config) == lang for text in texts)
    return result


def main() -> None:
    articles = load_meantime()
    gold = gold_paragraphs(articles)
    paragraphs = [" ".join(sentences) for sentences in gold]
    report: dict[str, dict] = {}
    for name, splitter in SPLITTERS.items():
        splitter(paragraphs[:5])  # warm-up: model load
        report[name] = boundary_scores(gold, splitter) | {"paragraphs_per_s": speed(paragraphs, splitter)}
    report["language_accuracy"] = language_accuracy(articles)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"{'splitter':<14} {'P':>6} {'R':>6} {'F1':>6} {'para/s':>9}")
    for name in SPLITTERS:
        row = report[name]
        scores = f"{row['precision']:>6.3f} {row['recall']:>6.3f} {row['f1']:>6.3f}"
        print(f"{name:<14} {scores} {row['paragraphs_per_s']:>9.0f}")
    print("language accuracy:", {k: round(v, 3) for k, v in report["language_accuracy"].items()})


if __name__ == "__main__":
    main()
