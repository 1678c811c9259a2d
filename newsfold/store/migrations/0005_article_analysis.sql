-- 0005: per-article analysis reused by every brief of the article's story (newsfold/compare/analysis.py).
-- One row per article and analysis version; a new version (other model or settings) is a new row.
CREATE TABLE article_analysis (
    article          TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version          TEXT NOT NULL,     -- analysis_version(config): code, models, settings
    sentence_spans   BLOB NOT NULL,     -- int32 (n x 2) start, end of each sentence unit
    sentence_vectors BLOB NOT NULL,     -- float16 (n x 384)
    quote_spans      BLOB NOT NULL,     -- int32 (q x 2) start, end of each quoted passage
    quote_vectors    BLOB NOT NULL,     -- float16 (q x 384)
    names            TEXT NOT NULL,     -- JSON {"full name": NER votes}
    PRIMARY KEY (article, version)
);
