"""newsfold: fold a pile of news articles into stories with copy families and cited briefs."""

__version__ = "0.1.0"
