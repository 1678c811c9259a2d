"""Articles in, sentence and paragraph spans out (cleaning's spans when it gave them, else a plain split)."""

from __future__ import annotations

import re

from newsfold.model import Article, Span

_SENTENCE_END = re.compile(r"(?<=[.!?\"'\u201d\u2019])\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")
_MIN_WORDS = 4  # shorter "sentences" (bylines, "He said.") align with anything, so they are not passages


def sentence_spans(article: Article) -> list[Span]:
    """Sentences worth aligning: cleaning's spans, or a regex split when cleaning gave none."""
    spans = article.sentences or [s for p in paragraph_spans(article) for s in _split(article.text, p)]
    heads = {(h.start, h.end) for h in article.headings}
    return [s for s in spans if (s.start, s.end) not in heads and _words(article.text, s) >= _MIN_WORDS]


def paragraph_spans(article: Article) -> list[Span]:
    """Paragraphs: cleaning's spans, or the text's non-empty lines."""
    if article.paragraphs:
        return list(article.paragraphs)
    spans, pos = [], 0
    for line in article.text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped)
            spans.append(Span(start, start + len(stripped)))
        pos += len(line) + 1
    return spans


def paragraph_of(sentences: list[Span], paragraphs: list[Span]) -> list[int]:
    """Index of the paragraph holding each sentence (-1 when none does)."""
    out, p = [], 0
    for s in sentences:
        while p < len(paragraphs) and paragraphs[p].end <= s.start:
            p += 1
        out.append(p if p < len(paragraphs) and paragraphs[p].start <= s.start else -1)
    return out


def _split(text: str, paragraph: Span) -> list[Span]:
    chunk = text[paragraph.start : paragraph.end]
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(chunk):
        spans.append(Span(paragraph.start + start, paragraph.start + match.start()))
        start = match.end()
    spans.append(Span(paragraph.start + start, paragraph.end))
    return [s for s in spans if s.end > s.start]


def _words(text: str, span: Span) -> int:
    return len(text[span.start : span.end].split())
