"""Boilerplate blocks: banners, appeals (donation, subscription, newsletter, cookies), prompts, credits.

Rules are general patterns held to a position (banners at the top; credits and copyright at the bottom)
and a size (prompts are short); `SiteProfile` adds what repeats across many articles of one site.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsfold.clean.blocks import Block
from newsfold.clean.config import CleanConfig
from newsfold.clean.normalize import normalize_for_matching
from newsfold.model import Article

_I = re.IGNORECASE
# Short lines that only stand over or under an article: "Support The Moscow Times!", "Advertisement".
_BANNER = re.compile(
    r"^(?:support|donate to|subscribe to|become a (?:member|subscriber|patron) of)\b[^.?]{0,60}[!.]?$", _I
)
_ADVERT = re.compile(r"^(?:advertisement|sponsored(?: content)?|skip to (?:main )?content|ad)\s*[:.]?$", _I)
# The stub that ends an appeal or a teaser: "Continue", "Read more", "Learn more ›".
_STUB = re.compile(
    r"^(?:continue(?: reading)?|read (?:more|the full story)|learn more|show more|see more|load more"
    r"|subscribe(?: now)?|donate(?: now)?|support us|sign up|accept(?: all)?|close)"
    r"\s*[.\u2026>\u203a\u00bb!]*$",
    _I,
)
# How an appeal opens; from here to its stub is one block of furniture.
_APPEAL_OPENING = re.compile(
    r"small favou?r to ask|please (?:consider )?(?:support|donat|subscrib)"
    r"|support (?:our|independent|quality) journalism"
    r"|(?:make|become) a (?:donation|contribution|member|subscriber|supporter)|donate (?:now|today)"
    r"|if you (?:value|appreciate|enjoy|like) (?:our|this|what)|already a (?:subscriber|member)"
    r"|to continue reading,? (?:subscribe|sign in|log in)|subscribe (?:now|today) (?:to|for)",
    _I,
)
_APPEAL_WORDS = re.compile(r"support|donat|subscri|journalism|contribut|newsletter|member|independent", _I)
_NEWSLETTER = re.compile(
    r"(?:sign up|subscribe|register)\b.{0,80}\bnewsletters?\b|newsletters?\b.{0,60}\b(?:sign up|subscribe)"
    r"|\b(?:delivered|straight|direct)(?: to| into)? your inbox",
    _I,
)
_COOKIE = re.compile(r"\bcookies?\b.{0,100}\b(?:use|accept|consent|policy|settings|preferences)\b", _I)
_PROMPT = re.compile(
    r"^(?:(?:share|tweet|email|print|save|comments?)(?: this)?(?: article| story| page| on \w+)?\W*$"
    r"|(?:facebook|twitter|linkedin|whatsapp|pinterest|reddit)\W*$"
    r"|share (?:this|on|via)\b|follow (?:us|@|on)\b|like us on|click (?:here )?to"
    r"|join (?:us|the conversation) on|download (?:our|the) (?:free )?app|(?:read|see) (?:more|also)\s*:"
    r"|related\s*:"
    r"|more on this|recommended(?: for you)?\s*:?|also read\s*:"
    r"|report an error|submit a (?:news )?tip|stay in touch with us)",
    _I,
)
# A sign-in or registration wall captured instead of (or around) the article: "Welcome back. Please sign
# in", "Already have an account?", "{* loginWidget *}" (an unrendered template). Seen on TV-station pages
# of the GVA corpus, where it was the whole captured text of some pages.
_ACCOUNT = re.compile(
    r"^(?:welcome back\W+)?please (?:sign|log) in\b|^(?:sign|log) ?in (?:using|with|to|now)\b"
    r"|^(?:sign|log) ?in\W*$|already have an account|need an account\?|forgot (?:your )?password"
    r"|thank you for registering|sent (?:you )?an? (?:confirmation|verification) email"
    r"|check your (?:spam|junk)\b|sign in to update your profile|^create (?:an|your) (?:free )?account"
    r"|by (?:submitting|clicking|signing up|registering)\b.{0,120}\b(?:terms of (?:service|use)|privacy)"
    r"|^why are we asking this\W*$|^(?:just one more thing|almost done)\W*$|\{\* ?[#/]?\w+ ?\*\}"
    # an author-alert widget and a CMS's edit notice, the whole captured text of some GVA newspaper pages
    r"|your notification has been saved|problem saving your notification|email notifications are only sent"
    r"|get email notifications on\b|^you are the owner of this article"
    r"|^or,? use your (?:facebook|google|twitter|apple) account\W*$",
    _I,
)
# A metered paywall's notice: "You've now read the maximum number of stories available without a
# subscription."
_PAYWALL = re.compile(
    r"maximum number of (?:free )?(?:stories|articles)|have an online subscription"
    r"|enjoyed your (?:free )?preview"
    r"|not in our deliverable area|sign up for digital access|^get digital access\W*$"
    r"|(?:subscribe|subscription)(?: now)? for (?:complete|full|unlimited)\b.{0,30}\baccess",
    _I,
)
_COPYRIGHT = re.compile(
    r"^(?:\u00a9|\(c\)|copyright\b)|all rights reserved\W*$"
    r"|may not be (?:published|reproduced|redistributed)",
    _I,
)
# Credits: "X contributed to this report", "(Reporting by X; Editing by Y)", "Karmanov reported from Kiev."
_CREDITS = re.compile(
    r"contributed (?:to )?(?:this |the )?report|contributed reporting"
    r"|^[(\u2014-]*\s*(?:with |additional )?(?:reporting|writing|editing) by\b"
    r"|^[A-Z][\w'.-]+(?: [A-Z][\w'.-]+){0,3} reported from\b",
    _I,
)


def mark_boilerplate(blocks: list[Block], config: CleanConfig, profile: SiteProfile | None = None) -> None:
    """Set `reason` on every boilerplate block: anywhere-rules first, then bottom-only rules."""
    for index, block in enumerate(blocks):
        if block.reason is None:
            block.reason = _anywhere_reason(block.text, index, len(blocks), config)
        if block.reason is None and profile is not None and profile.is_repeat(block.text):
            block.reason = "site-repeat"
    _mark_appeals(blocks, config)
    _mark_bottom(blocks, config)


def _anywhere_reason(text: str, index: int, count: int, config: CleanConfig) -> str | None:
    """The reason a block is furniture wherever it stands (or at the edges, for banners)."""
    words = len(text.split())
    edge = index < config.top_blocks or index >= count - config.bottom_blocks
    if edge and words <= config.prompt_max_words and _BANNER.match(text):
        return "banner"
    if _ADVERT.match(text):
        return "advertisement"
    if words <= config.prompt_max_words and _PROMPT.match(text):
        return "share-prompt"
    if words <= config.notice_max_words and _ACCOUNT.search(text):
        return "account-prompt"
    if words <= config.notice_max_words and _PAYWALL.search(text):
        return "paywall"
    lowered = text.lower()  # cheap keyword checks before the wide regexes
    if words <= config.notice_max_words and "cookie" in lowered and _COOKIE.search(text):
        return "cookie-notice"
    if (
        words <= config.newsletter_max_words
        and ("newsletter" in lowered or "inbox" in lowered)
        and _NEWSLETTER.search(text)
    ):
        return "newsletter-appeal"
    return None


def _mark_appeals(blocks: list[Block], config: CleanConfig) -> None:
    """An appeal runs from its opening block to its stub ("Continue") when the stub comes soon enough."""
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if (
            block.reason is None
            and len(block.text.split()) <= config.appeal_max_words
            and _APPEAL_OPENING.search(block.text)
        ):
            end = _appeal_end(blocks, index, config)
            if end == index and len(_appeal_stems(block.text)) < config.appeal_min_stems:
                index += 1  # a lone "please consider donating" inside prose is the author's, not the site's
                continue
            reason = "subscription-appeal" if "subscri" in block.text.lower() else "donation-appeal"
            for inner in blocks[index : end + 1]:
                inner.reason = inner.reason or reason
            index = end
        index += 1
    for block in blocks:
        if (
            block.reason is None
            and len(block.text.split()) <= config.stub_max_words
            and _STUB.match(block.text)
        ):
            block.reason = "stub"


def _appeal_end(blocks: list[Block], start: int, config: CleanConfig) -> int:
    """Index of the appeal's last block: its stub, or the last block that still talks like an appeal."""
    window = blocks[start + 1 : start + 1 + config.appeal_max_blocks]
    for offset, block in enumerate(window, start + 1):
        if _STUB.match(block.text):
            return offset
    end = start
    for offset, block in enumerate(window, start + 1):
        if len(_appeal_stems(block.text)) < config.appeal_min_stems:
            break
        end = offset
    return end


def _appeal_stems(text: str) -> set[str]:
    """Distinct appeal stems in a block ("support", "donat", ...): one alone is ordinary prose."""
    return {match.lower() for match in _APPEAL_WORDS.findall(text)}


def _mark_bottom(blocks: list[Block], config: CleanConfig) -> None:
    """Credits and copyright lines count only among the last kept blocks: mid-article they are prose."""
    kept = [block for block in blocks if block.reason is None]
    # In a short article the "bottom" shrinks to its last third, so a mid-article quote is never in it.
    window = max(1, min(config.bottom_blocks, len(kept) // 3))
    for block in kept[-window:]:
        block.reason = _bottom_reason(block.text, config)
    # bottom matter directly above what was removed is bottom matter too: a copyright line above a
    # station's "Report an Error" prompt in a three-paragraph report
    kept = [block for block in kept if block.reason is None]
    while kept and (reason := _bottom_reason(kept[-1].text, config)):
        kept.pop().reason = reason


def _bottom_reason(text: str, config: CleanConfig) -> str | None:
    """The bottom-matter reason of a short line ("copyright" or "credits"); None for prose."""
    words = len(text.split())
    if words <= config.copyright_max_words and _COPYRIGHT.search(text):
        return "copyright"
    if words <= config.credits_max_words and _CREDITS.search(text):
        return "credits"
    return None


@dataclass(slots=True)
class SiteProfile:
    """Paragraphs that recur across many articles of one site: furniture the patterns do not know."""

    repeats: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def learn(cls, articles: Iterable[Article], config: CleanConfig = CleanConfig()) -> SiteProfile:
        """Keep the paragraphs found in enough articles, and in a large enough share of them."""
        counts: Counter[str] = Counter()
        total = 0
        for article in articles:
            total += 1
            counts.update({_key(article.span_text(span)) for span in article.paragraphs})
        floor = max(config.site_repeat_min_articles, config.site_repeat_min_share * total)
        return cls(frozenset(key for key, seen in counts.items() if key and seen >= floor))

    def is_repeat(self, text: str) -> bool:
        """True when this paragraph is one of the site's recurring ones."""
        return _key(text) in self.repeats


def _key(text: str) -> str:
    """Matching form of a paragraph, case-folded, so trivial variants of furniture still match."""
    return normalize_for_matching(text).casefold()
