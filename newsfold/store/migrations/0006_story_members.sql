-- 0006: what story clustering keeps per family to compare a story member by member and to split it
-- (newsfold/cluster/revisit.py), and the split history.

-- one row per family placed: its sketch (heaviest unit-tf terms, names, title, day, articles) and the
-- pair model's P with earlier members of its story, as JSON; the embedding stays in story_families
CREATE TABLE story_members (
    family TEXT PRIMARY KEY,
    sketch TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE story_splits (
    id       INTEGER PRIMARY KEY,
    story    TEXT NOT NULL,                  -- the story that was split (keeps its id and older members)
    into_story TEXT NOT NULL UNIQUE,         -- the new story the newer half became
    families TEXT NOT NULL,                  -- JSON list of the families that moved
    family   TEXT NOT NULL,                  -- the family whose arrival showed two events
    at       TEXT,                           -- the new story's latest publication date
    split    TEXT NOT NULL                   -- when the split was stored (ISO 8601, UTC)
);
