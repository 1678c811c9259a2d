-- 0004: one brief per story (the latest written), as its public JSON shape (docs/brief.md).
CREATE TABLE briefs (
    story   TEXT PRIMARY KEY,   -- the story id
    brief   TEXT NOT NULL,      -- JSON, brief_to_json(brief)
    updated TEXT NOT NULL       -- ISO 8601 UTC, when it was written
);
