"""Paragraph, heading and sentence spans; the splitter survives abbreviations, quotes and ellipses."""

from __future__ import annotations

import pytest
from sentence_cases import CASES

from newsfold.clean import CleanConfig, clean
from newsfold.clean.segment import segment, split_sentences_rules, split_sentences_spacy
from newsfold.model import Origin, RawRecord


@pytest.mark.parametrize("splitter", [split_sentences_spacy, split_sentences_rules])
def test_hard_cases(splitter):
    paragraphs = [" ".join(case) for case in CASES]
    wrong = []
    for paragraph, case, spans in zip(paragraphs, CASES, splitter(paragraphs), strict=True):
        found = tuple(paragraph[a:b] for a, b in spans)
        if found != case:
            wrong.append(found)
    # The senter misses one of the cases (a quoted question followed by a new sentence); rules miss none.
    assert len(wrong) <= (1 if splitter is split_sentences_spacy else 0), wrong


def test_spans_cover_the_text_and_headings_are_not_sentences():
    paragraphs = [
        "Russia said Tuesday that some units would return to bases. The U.S. was sceptical.",
        "'Large-scale' drills continue",
        "Maj. Gen. Igor Konashenkov said drills went on. Nobody knew how many troops left.",
        "Believe what you see",
        "Kuleba said: \u201cWe will believe when we see.\u201d",
    ]
    result = segment(paragraphs, CleanConfig())
    assert result.text == "\n\n".join(paragraphs)
    assert [result.text[s.start : s.end] for s in result.paragraphs] == paragraphs
    assert [result.text[s.start : s.end] for s in result.headings] == [paragraphs[1], paragraphs[3]]
    sentences = [result.text[s.start : s.end] for s in result.sentences]
    assert sentences == [
        "Russia said Tuesday that some units would return to bases.",
        "The U.S. was sceptical.",
        "Maj. Gen. Igor Konashenkov said drills went on.",
        "Nobody knew how many troops left.",
        "Kuleba said: \u201cWe will believe when we see.\u201d",
    ]


def test_short_closing_lines_are_not_headings():
    paragraphs = [
        "A lead paragraph that opens the story.",
        "The US reacted tepidly.",
        "and then, nothing",
        "The end.",
    ]
    result = segment(paragraphs, CleanConfig())
    assert [result.text[s.start : s.end] for s in result.headings] == []


def test_hard_wrapped_text_is_joined_into_paragraphs():
    wrapped = (
        "Russia said Tuesday that some units participating in military\n"
        "exercises would begin returning to their bases, adding to glimmers\n"
        "of hope that the Kremlin may not be planning to invade.\n"
        "\n"
        "The announcement came a day after the foreign minister said the\n"
        "country was ready to keep talking about security grievances.\n"
    )
    article = clean(RawRecord(origin=Origin("w.txt"), content=wrapped))
    assert len(article.paragraphs) == 2
    assert article.span_text(article.paragraphs[0]).startswith(
        "Russia said Tuesday that some units participating in"
    )
    assert "military exercises" in article.text
    assert len(article.sentences) == 2


def test_rules_segmenter_is_selectable():
    record = RawRecord(
        origin=Origin("t.txt"), content="One sentence here. Another one there.\nA second paragraph."
    )
    article = clean(record, CleanConfig(segmenter="rules"))
    assert [article.span_text(s) for s in article.sentences] == [
        "One sentence here.",
        "Another one there.",
        "A second paragraph.",
    ]
