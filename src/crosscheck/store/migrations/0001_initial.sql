-- crosscheck store, schema 1: documents with their removals, sentences (FTS5 for BM25),
-- mentions, sentence embeddings, and the reasons sources were skipped.
CREATE TABLE documents (
    id          TEXT PRIMARY KEY,          -- sha256 of raw (content hash)
    uri         TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    published   TEXT,
    media_type  TEXT NOT NULL,
    language    TEXT NOT NULL DEFAULT 'en',
    raw         TEXT NOT NULL,
    added_at    TEXT NOT NULL
);

CREATE TABLE removals (
    doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    reason  TEXT NOT NULL,
    detail  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX removals_doc ON removals(doc_id);

CREATE TABLE sentences (
    id      INTEGER PRIMARY KEY,
    doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx     INTEGER NOT NULL,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    text    TEXT NOT NULL,
    UNIQUE (doc_id, idx)
);

-- BM25 over sentences; external content so the text is stored once.
CREATE VIRTUAL TABLE sentences_fts USING fts5(
    text, content='sentences', content_rowid='id', tokenize='porter unicode61'
);

CREATE TABLE mentions (
    id           INTEGER PRIMARY KEY,
    sentence_id  INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    doc_id       TEXT NOT NULL,
    kind         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    "end"        INTEGER NOT NULL,
    text         TEXT NOT NULL,
    value        TEXT NOT NULL,
    granularity  TEXT,
    type         TEXT,
    unit         TEXT,
    label        TEXT
);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_kind_value ON mentions(kind, value);

-- One vector per (sentence, model); float32 little-endian BLOB.
CREATE TABLE embeddings (
    sentence_id  INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
    model        TEXT NOT NULL,
    dim          INTEGER NOT NULL,
    vector       BLOB NOT NULL,
    PRIMARY KEY (sentence_id, model)
);

-- Sources that could not be added, and why (kept so a user can look back).
CREATE TABLE skips (
    path    TEXT NOT NULL,
    reason  TEXT NOT NULL,
    at      TEXT NOT NULL
);
