-- A bulk load into a collection fills its vectors first and builds the collection's HNSW graph once at the end
-- (ingest/index/BulkVectorIndex): READY (the graph exists and ingestion inserts into it), DEFERRED (no graph while
-- a large load is queued; searches of the collection compare every vector exactly), BUILDING (one instance builds
-- the graph, holding the collection's advisory lock; another instance takes over when that lock is free).
ALTER TABLE collections ADD COLUMN vector_index varchar(10) NOT NULL DEFAULT 'READY'
    CHECK (vector_index IN ('READY', 'DEFERRED', 'BUILDING'));
