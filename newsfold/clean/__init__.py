"""Clean stage: RawRecord -> Article (metadata, clean text, paragraph/sentence spans, removed spans)."""

from newsfold.clean.boilerplate import SiteProfile
from newsfold.clean.config import CleanConfig
from newsfold.clean.normalize import article_id, normalize_for_matching
from newsfold.clean.stage import clean, strip_site_repeats

__all__ = [
    "CleanConfig",
    "SiteProfile",
    "article_id",
    "clean",
    "normalize_for_matching",
    "strip_site_repeats",
]
