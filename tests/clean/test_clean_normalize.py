"""normalize_for_matching folds typographic variants; article_id is stable and content-based."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsfold.clean import article_id, normalize_for_matching


def test_quotes_dashes_and_spaces_fold():
    curly = "\u201cWe\u2019ll see,\u201d he said \u2014 then\u00a0left."
    straight = '"We\'ll see," he said -- then  left.'
    assert (
        normalize_for_matching(curly)
        == normalize_for_matching(straight)
        == '"We\'ll see," he said - then left.'
    )


def test_doubled_stops_and_doubled_words_are_mended():
    assert normalize_for_matching("details of the withdrawal. .") == "details of the withdrawal."
    assert normalize_for_matching("other measures. measures. Next") == "other measures. Next"
    assert normalize_for_matching("Is it over?. Yes") == "Is it over? Yes"


def test_ellipsis_and_real_repetition_survive():
    assert normalize_for_matching("Wait\u2026 what... really") == "Wait... what... really"
    assert (
        normalize_for_matching("No. No. Never.") == "No. No. Never."
        # words under three letters are never treated as doubled
    )


def test_article_id_is_stable_across_typography():
    a = article_id("\u201cRussia said Tuesday\u201d \u2014 more.")
    assert a == article_id('"Russia said Tuesday" -- more.')
    assert len(a) == 16 and a != article_id("Russia said Wednesday")


@given(st.text(max_size=200))
def test_normalize_is_idempotent(text):
    once = normalize_for_matching(text)
    assert normalize_for_matching(once) == once
