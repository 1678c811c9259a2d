-- 0001: runs, articles (every Article field, raw original and markup kept untouched), full-text search.

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    started     TEXT NOT NULL,             -- ISO 8601, UTC
    finished    TEXT,                      -- NULL while running or when the process died
    config_hash TEXT NOT NULL DEFAULT '',
    read        INTEGER NOT NULL DEFAULT 0,
    stored      INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    rejections  TEXT NOT NULL DEFAULT '[]' -- JSON [{"origin", "error"}]
);

CREATE TABLE articles (
    id            TEXT PRIMARY KEY,        -- content id (clean.article_id): re-adding is a no-op
    origin        TEXT NOT NULL,
    run_id        INTEGER REFERENCES runs(id),
    added         TEXT NOT NULL,           -- ISO 8601, UTC
    raw           TEXT NOT NULL,
    text          TEXT NOT NULL,
    title         TEXT,
    published     TEXT,
    published_how TEXT,
    source        TEXT,
    url           TEXT,
    dateline      TEXT,
    byline        TEXT,
    wire          TEXT,
    language      TEXT,
    paragraphs    TEXT NOT NULL DEFAULT '[]', -- JSON [[start, end], ...] into text
    sentences     TEXT NOT NULL DEFAULT '[]',
    headings      TEXT NOT NULL DEFAULT '[]',
    removed       TEXT NOT NULL DEFAULT '[]', -- JSON [{"start", "end", "reason", "text"}] into raw
    markup        TEXT                        -- the original HTML page, when the input was HTML
);

CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_source ON articles (source);
CREATE INDEX articles_run ON articles (run_id);

-- FTS keeps its own copy of title+text keyed by the article id: an external-content table would key on the
-- implicit rowid, which VACUUM may renumber for a table whose primary key is not an INTEGER.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (id, title, text) VALUES (new.id, coalesce(new.title, ''), new.text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE id = old.id;
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    DELETE FROM articles_fts WHERE id = old.id;
    INSERT INTO articles_fts (id, title, text) VALUES (new.id, coalesce(new.title, ''), new.text);
END;
