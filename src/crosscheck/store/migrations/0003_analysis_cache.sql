-- crosscheck store, schema 3: corpus-wide analysis kept between processes.
-- Copy groups and merged entities do not depend on the question; computing them takes
-- seconds on a large corpus, so they are saved with the corpus state they were computed
-- for and reused until the corpus changes.
CREATE TABLE analysis_cache (
    key    TEXT PRIMARY KEY,
    state  TEXT NOT NULL,
    value  TEXT NOT NULL
);
