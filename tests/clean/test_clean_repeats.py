"""Inner repetition: a repeated run of prose paragraphs is kept once; short recurring lines stay."""

from __future__ import annotations

from newsfold.clean import clean
from newsfold.model import Origin, RawRecord

PARAS = [
    f"Paragraph {i}: the bank left interest rates unchanged on Thursday, citing persistent inflation "
    f"in services and a labour market that remains tight, despite slowing growth "
    f"and weak demand (item {i}) abroad."
    for i in range(6)
]


def _clean(paragraphs: list[str]):
    return clean(RawRecord(origin=Origin("t.txt"), content="\n".join(paragraphs)))


def test_a_pasted_block_is_kept_once():
    article = _clean([PARAS[0], *PARAS[1:4], *PARAS[1:4], PARAS[4]])
    assert [item.reason for item in article.removed] == ["inner-repeat"]
    assert [article.span_text(span) for span in article.paragraphs] == PARAS[:5]
    removed = article.removed[0]
    assert article.raw[removed.start : removed.end] == "\n".join(PARAS[1:4])


def test_a_single_long_paragraph_repeated_is_a_copy():
    article = _clean([*PARAS[:3], PARAS[1], PARAS[3]])
    assert [item.reason for item in article.removed] == ["inner-repeat"]
    assert len(article.paragraphs) == 4


def test_repeated_short_lines_are_tables_not_copies():
    rows = ["Jon Jones", "Next fight: TBA", "Previous ranking: No. 2", "Alex Pereira", "Next fight: TBA"]
    article = _clean([PARAS[0], *rows, "Previous ranking: No. 2", PARAS[1]])
    assert article.removed == []


def test_typographic_variants_of_a_block_still_match():
    curly = [p.replace("labour", "\u201clabour\u201d") for p in PARAS[1:3]]
    straight = [p.replace("labour", '"labour"') for p in PARAS[1:3]]
    article = _clean([PARAS[0], *curly, *straight])
    assert [item.reason for item in article.removed] == ["inner-repeat"]
