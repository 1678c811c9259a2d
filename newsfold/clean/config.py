"""The one frozen configuration of the clean stage: every threshold it uses, with why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CleanConfig:
    """Thresholds of cleaning; the defaults are measured on the seeds, NAEB and Zyte pages."""

    # Header lines (title, date, URL, byline) sit at the very top; past this many blocks it is body.
    header_max_blocks: int = 5
    # Headlines are short: longer first lines are lead paragraphs, not titles.
    title_max_chars: int = 250
    title_max_words: int = 35
    # A one-word <h1> is a logo or a section name ("Politics"), not a headline.
    headline_min_words: int = 2
    # Outlet names are short ("The Worcester Telegram & Gazette"); a longer "site name" is a page slug.
    site_name_max_words: int = 6
    # A date line is short ("Feb. 15, 2022 10:00 AM EST"); longer lines with a date are prose.
    date_line_max_chars: int = 60
    # Hard-wrapped text: a group of at least this many lines, none longer than an editor's width ...
    wrap_min_lines: int = 3
    wrap_max_chars: int = 120
    # ... and not short: a title, byline and URL line stacked together are headers, not a wrapped paragraph.
    wrap_min_chars: int = 40
    # ... most of which stop mid-sentence (unwrapped paragraphs nearly always end a sentence).
    wrap_min_share: float = 0.5
    # In wrapped text, a line that stops well short of the width closes its paragraph.
    wrap_close_ratio: float = 0.7
    # Subheads are a few words without closing punctuation; longer lines are sentences.
    heading_max_words: int = 12
    heading_max_chars: int = 90
    # A repeated run of paragraphs (one long paragraph too) must be this long in all to be a paste error:
    # shorter repeats are refrains, table rows and list items ("Next fight: TBA"), which legitimately recur.
    repeat_min_chars: int = 200
    # ... and made of prose paragraphs, not short list lines (measured on NAEB/Zyte ranking and recipe pages).
    repeat_min_avg_chars: int = 80
    # Earlier places a paragraph is compared from: bounds the work on a line repeated thousands of times.
    repeat_max_candidates: int = 32
    # Credits, copyright lines and end appeals live in the last blocks; a quote mid-article must stay.
    bottom_blocks: int = 4
    # Banners live in the first blocks.
    top_blocks: int = 3
    # An appeal runs from its opening to its "Continue"/"Read more" stub within this many blocks.
    appeal_max_blocks: int = 8
    # Prompts ("Share this article", "Follow us") are short; a long paragraph naming Twitter is prose.
    prompt_max_words: int = 14
    # A stray stub is "Continue" or "Read more ›", nothing longer.
    stub_max_words: int = 3
    # Notices and appeals are a few sentences; a long paragraph about cookies or newsletters is reporting.
    notice_max_words: int = 80
    newsletter_max_words: int = 60
    appeal_max_words: int = 150
    # An appeal without its stub needs this many distinct appeal words ("support", "donat", "journalism"):
    # one alone ("please consider donating" in a quote) is prose.
    appeal_min_stems: int = 2
    # A copyright line is one short sentence; credits name a handful of reporters.
    copyright_max_words: int = 40
    credits_max_words: int = 100
    # Language: the opening of the text is enough to count stopwords, and keeps the cost flat.
    language_sample_chars: int = 4000
    # Language: at least this many stopword hits before we name a language at all.
    language_min_hits: int = 5
    # ... and the winner must lead the runner-up by this factor, else the text is too mixed to say.
    language_margin: float = 1.5
    # A paragraph seen in this many articles of one site is site furniture (newsletter box, tagline) ...
    site_repeat_min_articles: int = 3
    # ... and in at least this share of them, so that a quoted wire line shared by two stories survives.
    site_repeat_min_share: float = 0.3
    # Sentence splitter: "spacy" (en_core_web_sm senter, measured best) or "rules" (fast fallback).
    segmenter: str = "spacy"
