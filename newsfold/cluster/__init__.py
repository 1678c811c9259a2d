"""cluster stage: copy families in publication order -> stories (online, incremental, with merges).

feats = extract(families, articles)          # features.py: terms, entities, embedding, day
state = StoryState()                         # state.py: loaded/saved by the pipeline via the store
touched = assign_stories(families, articles, state)   # online.py
everything = stories(state)
"""

from newsfold.cluster.config import ClusterConfig
from newsfold.cluster.features import FamilyFeatures, extract
from newsfold.cluster.online import (
    assign_features,
    assign_stories,
    stories,
    stories_of,
    to_story,
    with_singletons,
)
from newsfold.cluster.state import Merge, Split, StoryState, StoryVector

__all__ = [
    "ClusterConfig",
    "FamilyFeatures",
    "Merge",
    "Split",
    "StoryState",
    "StoryVector",
    "assign_features",
    "assign_stories",
    "extract",
    "stories",
    "stories_of",
    "to_story",
    "with_singletons",
]
