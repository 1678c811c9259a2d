-- 0002: copy families (dedup), partial reuse, and the dedup stage's state for incremental runs.

-- One row per article dedup has seen, in arrival order (seq is the stage's index into its state).
CREATE TABLE dedup_articles (
    seq        INTEGER PRIMARY KEY,       -- 0, 1, 2, ... in the order dedup first saw the article
    article    TEXT NOT NULL UNIQUE,
    published  TEXT,
    exact      BLOB NOT NULL,             -- uint64 key of the normalised token stream
    signature  BLOB NOT NULL,             -- uint32 x num_perm MinHash over order-insensitive shingles
    sentences  BLOB NOT NULL,             -- distinct uint64 sentence hashes
    vectors    BLOB,                      -- float16 sentence vectors (rows x 384), when layer 4 embedded it
    n_vectors  INTEGER
);

-- Verified copy links between articles (by seq); families are the connected components.
CREATE TABLE dedup_links (
    id     INTEGER PRIMARY KEY,
    a      INTEGER NOT NULL,
    b      INTEGER NOT NULL,
    layer  TEXT NOT NULL,                 -- exact | near | contained | paraphrase
    score  REAL NOT NULL
);

CREATE TABLE dedup_meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE TABLE families (
    id         TEXT PRIMARY KEY,          -- fam-<first-seen member's article id>
    canonical  TEXT NOT NULL,
    size       INTEGER NOT NULL,
    run_id     INTEGER                    -- the run that last changed it
);

CREATE TABLE family_members (
    article   TEXT PRIMARY KEY,           -- an article is in exactly one family
    family    TEXT NOT NULL,
    relation  TEXT NOT NULL,              -- canonical | exact | near | reordered | contained | paraphrase
    score     REAL NOT NULL,
    position  INTEGER NOT NULL
);
CREATE INDEX family_members_family ON family_members (family);

CREATE TABLE family_evidence (
    id        INTEGER PRIMARY KEY,
    family    TEXT NOT NULL,
    a         TEXT NOT NULL,
    a_start   INTEGER NOT NULL,
    a_end     INTEGER NOT NULL,
    b         TEXT NOT NULL,
    b_start   INTEGER NOT NULL,
    b_end     INTEGER NOT NULL,
    score     REAL NOT NULL
);
CREATE INDEX family_evidence_family ON family_evidence (family);

CREATE TABLE reuse (
    a          TEXT NOT NULL,
    b          TEXT NOT NULL,
    sentences  TEXT NOT NULL DEFAULT '[]', -- JSON [[a_start, a_end, b_start, b_end, score], ...]
    PRIMARY KEY (a, b)
);
