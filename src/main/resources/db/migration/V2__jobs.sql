-- Ingestion jobs. The documents table stays the durable queue; these columns make each row a job
-- with retries, progress, batches and cancellation. index_changes is the change sequence that keeps Lucene in step
-- with PostgreSQL (the source of truth).
ALTER TABLE documents
    ADD COLUMN attempts            integer NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at     timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN last_error          text,
    ADD COLUMN progress            real NOT NULL DEFAULT 0,
    ADD COLUMN progress_stage      varchar(20),
    ADD COLUMN batch_id            varchar(40),
    ADD COLUMN cancel_requested_by varchar(100),
    ADD COLUMN started_at          timestamptz,
    ADD COLUMN finished_at         timestamptz,
    ADD COLUMN version             integer NOT NULL DEFAULT 1,
    ADD COLUMN replaces_id         bigint;
CREATE INDEX documents_batch_idx ON documents(batch_id) WHERE batch_id IS NOT NULL;
CREATE INDEX documents_name_idx ON documents(collection_id, name);

-- One row per change of a document's chunks (new chunks, new version, deletion), in commit order: rows are
-- inserted under a transaction-scoped advisory lock held until commit, so a reader never sees seq n+1 before n.
-- The Lucene commit records the last seq it applied; at start the missing changes are replayed from here.
CREATE TABLE index_changes (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id bigint NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
