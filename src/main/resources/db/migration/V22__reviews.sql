-- Review tables: documents of one collection × columns (questions with an answer type); one row per cell, which is
-- also its job in the durable queue (the same lease pattern as ingestion jobs, see V15).
CREATE TABLE reviews (
    id            BIGSERIAL PRIMARY KEY,
    name          TEXT        NOT NULL,
    collection_id BIGINT      NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
    created_by    TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    template_id   TEXT,
    cancelled_by  TEXT,
    cancelled_at  TIMESTAMPTZ
);
CREATE INDEX reviews_collection_idx ON reviews (collection_id);

CREATE TABLE review_columns (
    review_id    BIGINT      NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    column_key   TEXT        NOT NULL,
    position     INTEGER     NOT NULL,
    name         TEXT        NOT NULL,
    question     TEXT        NOT NULL,
    answer_type  TEXT        NOT NULL,
    instructions TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (review_id, column_key)
);

-- The rows. No foreign key to documents: a deleted document keeps its row (deleted_at set) so the table says what
-- happened to it; its cells still to compute end as DOCUMENT_DELETED (trigger below), never stuck.
CREATE TABLE review_documents (
    review_id     BIGINT      NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    document_id   BIGINT      NOT NULL,
    document_name TEXT        NOT NULL,
    added_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    deleted_at    TIMESTAMPTZ,
    PRIMARY KEY (review_id, document_id)
);
CREATE INDEX review_documents_document_idx ON review_documents (document_id);

-- state: QUEUED, RUNNING, DONE, CANCELLED, DOCUMENT_DELETED; status (when DONE): SUPPORTED, NOT_FOUND, UNSUPPORTED,
-- CONFLICTING, ERROR. A RUNNING cell names its holder (owner, attempts) and lease; only that claim writes the answer.
CREATE TABLE review_cells (
    review_id       BIGINT      NOT NULL,
    document_id     BIGINT      NOT NULL,
    column_key      TEXT        NOT NULL,
    state           TEXT        NOT NULL DEFAULT 'QUEUED',
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    owner           TEXT,
    lease_until     TIMESTAMPTZ,
    queued_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at      TIMESTAMPTZ,
    finished_at     TIMESTAMPTZ,
    status          TEXT,
    value           TEXT,
    normalized      TEXT,
    score           DOUBLE PRECISION,
    quotes          JSONB,
    message         TEXT,
    override_value  TEXT,
    overridden_by   TEXT,
    overridden_at   TIMESTAMPTZ,
    verified_by     TEXT,
    verified_at     TIMESTAMPTZ,
    flagged_by      TEXT,
    flagged_at      TIMESTAMPTZ,
    comment         TEXT,
    comment_by      TEXT,
    comment_at      TIMESTAMPTZ,
    rating          TEXT CHECK (rating IN ('up', 'down')),
    rating_reason   TEXT,
    rated_by        TEXT,
    rated_at        TIMESTAMPTZ,
    PRIMARY KEY (review_id, document_id, column_key),
    FOREIGN KEY (review_id, document_id) REFERENCES review_documents (review_id, document_id) ON DELETE CASCADE,
    FOREIGN KEY (review_id, column_key) REFERENCES review_columns (review_id, column_key) ON DELETE CASCADE
);
CREATE INDEX review_cells_queue_idx ON review_cells (next_attempt_at) WHERE state = 'QUEUED';
CREATE INDEX review_cells_lease_idx ON review_cells (lease_until) WHERE state = 'RUNNING';
CREATE INDEX review_cells_review_state_idx ON review_cells (review_id, state);
CREATE INDEX review_cells_pending_document_idx ON review_cells (document_id) WHERE state IN ('QUEUED', 'RUNNING');

CREATE FUNCTION review_documents_deleted() RETURNS trigger AS $$
BEGIN
    UPDATE review_documents SET deleted_at = now() WHERE document_id = OLD.id AND deleted_at IS NULL;
    UPDATE review_cells SET state = 'DOCUMENT_DELETED', owner = NULL, lease_until = NULL, finished_at = now(),
           message = 'The document was deleted.'
     WHERE document_id = OLD.id AND state IN ('QUEUED', 'RUNNING');
    RETURN OLD;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER documents_deleted_for_reviews AFTER DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION review_documents_deleted();

-- Saved column templates (the built-in ones live in the code).
CREATE TABLE review_templates (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT        NOT NULL,
    description TEXT,
    columns     JSONB       NOT NULL,
    created_by  TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
