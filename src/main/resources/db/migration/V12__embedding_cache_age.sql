-- The embedding cache is bounded (docqa.embedding.cache-max-entries): the oldest entries go first.
CREATE INDEX embedding_cache_created_idx ON embedding_cache (created_at);
