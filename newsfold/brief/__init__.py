"""brief stage: a story and its comparison -> a Brief (every line cited), rendered as JSON, Markdown or HTML.

brief = write_brief(story, comparison, articles, families)
text = render(brief, articles, "md")
"""

from newsfold.brief.config import BriefConfig
from newsfold.brief.render import FORMATS, brief_from_json, brief_to_json, render
from newsfold.brief.write import write_brief

__all__ = ["FORMATS", "BriefConfig", "brief_from_json", "brief_to_json", "render", "write_brief"]
