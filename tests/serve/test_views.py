"""Text cutting for templates: pieces rebuild the text exactly and carry exactly the marks covering them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsfold.model import Article, Brief, Removed, Span, TimelineEvent
from newsfold.serve import views


@st.composite
def text_and_marks(draw: st.DrawFn) -> tuple[str, list[views.Mark]]:
    text = draw(st.text(alphabet="ab <>&\"'\n", min_size=1, max_size=60))
    bounds = st.integers(0, len(text))
    marks = []
    for key in range(draw(st.integers(0, 4))):
        lo, hi = sorted((draw(bounds), draw(bounds)))
        if lo < hi:
            marks.append(views.Mark(lo, hi, "pair", key=str(key)))
    return text, marks


@given(text_and_marks())
def test_cut_rebuilds_the_text_and_marks_exactly(case: tuple[str, list[views.Mark]]) -> None:
    text, marks = case
    pieces = views.cut(text, 0, len(text), marks)
    assert "".join(p.text for p in pieces) == text
    position = 0
    for piece in pieces:
        end = position + len(piece.text)
        assert piece.text
        assert set(piece.marks) == {m for m in marks if m.start <= position and m.end >= end}
        position = end


def test_blocks_anchor_the_first_piece_of_a_cited_span_across_paragraphs() -> None:
    text = "First paragraph here.\n\nSecond one follows."
    article = Article(id="a1", origin="t", raw=text, text=text, paragraphs=[Span(0, 21), Span(23, 42)])
    cite = views.cite_span(article, 6, 30)
    blocks = views.blocks(article, [cite], {cite: "cite"})
    marked = [p for b in blocks for p in b.pieces if p.marks]
    assert [p.text for p in marked] == ["paragraph here.", "Second "]
    assert [p.anchor for p in marked] == ["cite", ""]
    assert views.cite_span(article, 30, 6) is None and views.cite_span(article, 0, 999) is None


def test_raw_pieces_grey_removed_spans_with_their_reason() -> None:
    raw = "Support us!\nBody text.\n(c) 2022"
    removed = [Removed(0, 11, "banner", "Support us!"), Removed(23, 31, "copyright", "(c) 2022")]
    pieces = views.raw_pieces(raw, removed)
    assert "".join(p.text for p in pieces) == raw
    assert [(p.text, p.note) for p in pieces if p.marks] == [
        ("Support us!", "banner"),
        ("(c) 2022", "copyright"),
    ]
    assert all(p.classes == "m-removed" for p in pieces if p.marks)


def test_timeline_places_days_in_order_and_centres_a_single_day() -> None:
    article = Article(id="a", origin="o", raw="r", text="t", published="2022-02-15", source="X")
    brief = Brief(
        story="s",
        headline="h",
        timeline=[TimelineEvent("2022-02-14", "talks"), TimelineEvent("2022-02-16", "unity day")],
    )
    chart = views.timeline(brief, [article])
    assert [d.day for d in chart.dots] == ["2022-02-14", "2022-02-15", "2022-02-16"]
    xs = [d.x for d in chart.dots]
    assert xs == sorted(xs) and abs((xs[0] + xs[2]) / 2 - xs[1]) < 1e-6
    single = views.timeline(None, [article])
    assert len(single.dots) == 1 and single.dots[0].x == single.width / 2
    assert views.timeline(None, [Article(id="b", origin="o", raw="r", text="t")]) is None
