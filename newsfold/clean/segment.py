"""Paragraph, heading and sentence spans of the clean text; sentences come from spaCy's senter."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsfold.clean.config import CleanConfig
from newsfold.model import Span

PARAGRAPH_SEPARATOR = "\n\n"
# A subhead stops without sentence punctuation; a closing quote after a word is fine ("'Believe it'").
_CLOSES_SENTENCE = re.compile(r"[.!?;:,\u2026]['\"\u2019\u201d)]*$")
# Rule splitter: a stop, optional closing quotes, space, then an opening quote or capital or digit.
_RULE_BOUNDARY = re.compile(r"(?<=[.!?\u2026])['\"\u2019\u201d)]*\s+(?=['\"\u2018\u201c(]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "maj",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "jr",
        "sr",
        "inc",
        "corp",
        "co",
        "ltd",
        "no",
        "vs",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
    ]
)


@dataclass(slots=True)
class Segments:
    """The clean text and its spans."""

    text: str
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    headings: list[Span] = field(default_factory=list)


def segment(paragraphs: list[str], config: CleanConfig) -> Segments:
    """Join paragraphs with blank lines; subheads become headings, the rest is split into sentences."""
    text = PARAGRAPH_SEPARATOR.join(paragraphs)
    result = Segments(text)
    offset = 0
    body: list[tuple[int, str]] = []
    for index, paragraph in enumerate(paragraphs):
        span = Span(offset, offset + len(paragraph))
        result.paragraphs.append(span)
        if is_heading(paragraph, index, len(paragraphs), config):
            result.headings.append(span)
        else:
            body.append((offset, paragraph))
        offset = span.end + len(PARAGRAPH_SEPARATOR)
    splitter = split_sentences_spacy if config.segmenter == "spacy" else split_sentences_rules
    for start, sentences in zip((start for start, _ in body), splitter([p for _, p in body]), strict=True):
        result.sentences.extend(Span(start + a, start + b) for a, b in sentences)
    return result


def is_heading(paragraph: str, index: int, count: int, config: CleanConfig) -> bool:
    """A subhead: short, no closing punctuation, not the first paragraph (a lead) nor the last."""
    if index == 0 or index == count - 1:
        return False
    if len(paragraph) > config.heading_max_chars or len(paragraph.split()) > config.heading_max_words:
        return False
    opens = paragraph[:1].isupper() or paragraph[:1] in "'\"\u2018\u201c"
    return opens and not _CLOSES_SENTENCE.search(paragraph)


def split_sentences_spacy(paragraphs: list[str]) -> list[list[tuple[int, int]]]:
    """Sentence offsets per paragraph from en_core_web_sm's senter (the tagger and parser stay off)."""
    from newsfold import nlp

    language = nlp.load(disable=("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"))
    senter = language.get_pipe("senter")
    result = []
    for doc in senter.pipe(language.tokenizer.pipe(paragraphs)):
        spans = [(sent.start_char, sent.end_char) for sent in doc.sents]
        result.append(_mend_spans(doc.text, spans))
    return result


def _mend_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Strip spaces off spans and glue a piece that does not start a sentence onto the previous one."""
    mended: list[tuple[int, int]] = []
    for start, end in spans:
        piece = text[start:end]
        start, end = start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())
        if start >= end:
            continue
        if mended and not _starts_sentence(text[start:end], text[mended[-1][0] : mended[-1][1]]):
            mended[-1] = (mended[-1][0], end)
        else:
            mended.append((start, end))
    return mended


def _starts_sentence(piece: str, previous: str) -> bool:
    """False for fragments the model cut off wrongly: after an abbreviation, or in lower case."""
    last_word = previous.rsplit(None, 1)[-1].rstrip(".").lower() if previous.split() else ""
    if previous.endswith(".") and (
        last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha())
    ):
        return False  # "Maj. Gen.", "Michael M. Sears": the stop belongs to an abbreviation or an initial
    if previous.endswith(("...", "\u2026")) and _open_quote(previous):
        return False  # a pause inside a quotation: "There is no panic in society... You see how ..."
    lower_start = piece[:1].islower() and not piece[1:2].isupper()  # "iPhone", "eBay" do start sentences
    return not lower_start and not (len(piece) <= 2 and not piece[:1].isalnum())


def _open_quote(text: str) -> bool:
    """True when a double quotation opened in `text` is not closed by its end."""
    straight = text.count('"') % 2 == 1
    return straight or text.count("\u201c") > text.count("\u201d")


def split_sentences_rules(paragraphs: list[str]) -> list[list[tuple[int, int]]]:
    """Fast regex splitter: stops followed by a capital, minus known abbreviations."""
    result = []
    for paragraph in paragraphs:
        spans, start = [], 0
        for match in _RULE_BOUNDARY.finditer(paragraph):
            spans.append((start, match.start() + len(match.group().rstrip())))
            start = match.end()
        spans.append((start, len(paragraph)))
        result.append(_mend_spans(paragraph, spans))
    return result
