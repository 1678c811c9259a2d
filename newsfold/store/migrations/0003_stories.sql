-- 0003: stories (online clustering state and results), their articles, the merge history.
-- Everything the cluster stage needs to continue tomorrow where today's run stopped is here.

CREATE TABLE stories (
    id            TEXT PRIMARY KEY,          -- "s" + hash of the family that started it
    label         TEXT NOT NULL,             -- most representative member title
    first         TEXT,                      -- ISO 8601, earliest publication
    last          TEXT,
    first_day     INTEGER,                   -- proleptic ordinal of `first` (time decay)
    last_day      INTEGER,
    families      TEXT NOT NULL DEFAULT '[]', -- JSON list of family ids, in arrival order
    entities      TEXT NOT NULL DEFAULT '{}', -- JSON {entity: count}
    terms         TEXT NOT NULL DEFAULT '{}', -- JSON centroid {term: weight}
    embedding_sum BLOB NOT NULL,             -- float32 x 384, sum of member embeddings
    titles        TEXT NOT NULL DEFAULT '[]', -- JSON, one title per family
    updated       TEXT NOT NULL
);
CREATE INDEX stories_last ON stories (last);

CREATE TABLE story_articles (
    story   TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
    article TEXT NOT NULL,
    pos     INTEGER NOT NULL,
    PRIMARY KEY (story, article)
);
CREATE INDEX story_articles_article ON story_articles (article);

-- every family ever placed, with the story it was placed in (follow story_merges for its story now)
CREATE TABLE story_families (
    seq       INTEGER PRIMARY KEY,           -- key in the embedding index
    family    TEXT NOT NULL UNIQUE,
    story     TEXT NOT NULL,
    day       INTEGER,
    embedding BLOB NOT NULL
);

CREATE TABLE story_merges (
    id       INTEGER PRIMARY KEY,
    into_story TEXT NOT NULL,
    absorbed TEXT NOT NULL UNIQUE,
    family   TEXT NOT NULL,                  -- the family that bridged them
    at       TEXT,                           -- its publication date
    merged   TEXT NOT NULL                   -- when the merge was stored (ISO 8601, UTC)
);

CREATE TABLE story_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE story_postings (term TEXT PRIMARY KEY, stories TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE story_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
