-- crosscheck store, schema 2: passages (a sentence with its neighbours) indexed for BM25,
-- and the store's own settings (which tokenizer its lexical indexes were built with).

-- A passage is named by its centre sentence, so a passage hit maps back to one sentence.
CREATE VIEW passages AS
SELECT s.id AS id, s.doc_id AS doc_id,
       coalesce(p.text || ' ', '') || s.text || coalesce(' ' || n.text, '') AS text
FROM sentences s
LEFT JOIN sentences p ON p.doc_id = s.doc_id AND p.idx = s.idx - 1
LEFT JOIN sentences n ON n.doc_id = s.doc_id AND n.idx = s.idx + 1;

-- External content over the view: the passage text is never stored twice.
CREATE VIRTUAL TABLE passages_fts USING fts5(
    text, content='passages', content_rowid='id', tokenize='porter unicode61'
);
INSERT INTO passages_fts(passages_fts) VALUES ('rebuild');

CREATE TABLE store_settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
INSERT INTO store_settings (key, value) VALUES ('stemming', 'porter');
