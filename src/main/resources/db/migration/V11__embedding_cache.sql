-- Passage vectors keyed by model and the SHA-256 of the exact embedded text, so that the same text ingested again
-- (another collection, a re-upload, a reindex) costs no model call. Only a cache: it may be emptied at any time
-- (POST /api/admin/embedding-cache/purge, or TRUNCATE embedding_cache) and refills as documents are ingested.
CREATE TABLE embedding_cache (
    model       varchar(100) NOT NULL,
    text_sha256 char(64) NOT NULL,
    embedding   vector(384) NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model, text_sha256)
);
