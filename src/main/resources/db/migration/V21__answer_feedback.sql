-- Every answer DocQA gives, as asked, so that its asker can rate it and administrators can learn from it.
CREATE TABLE answer_records (
    id                  BIGSERIAL PRIMARY KEY,
    asked_by            TEXT        NOT NULL,
    -- the account, not the name: a user re-created under the same name sees none of these (ON DELETE: gone)
    asked_by_id         BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    asked_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    channel             TEXT        NOT NULL,
    question            TEXT        NOT NULL,
    answer              TEXT        NOT NULL,
    mode                TEXT        NOT NULL,
    grounded            BOOLEAN     NOT NULL,
    abstained           BOOLEAN     NOT NULL,
    citations           JSONB       NOT NULL,
    retrieved_chunk_ids BIGINT[]    NOT NULL,
    collection_ids      BIGINT[]    NOT NULL,
    latency_ms          BIGINT      NOT NULL,
    conversation_id     BIGINT
);
CREATE INDEX answer_records_asked_at ON answer_records (asked_at);
CREATE INDEX answer_records_collections ON answer_records USING GIN (collection_ids);

-- One rating per answer and author; a second rating replaces the first.
CREATE TABLE answer_feedback (
    id                BIGSERIAL PRIMARY KEY,
    answer_id         BIGINT      NOT NULL REFERENCES answer_records (id) ON DELETE CASCADE,
    author            TEXT        NOT NULL,
    author_id         BIGINT      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    rating            TEXT        NOT NULL CHECK (rating IN ('up', 'down')),
    reason            TEXT        CHECK (reason IN ('wrong', 'incomplete', 'wrong_citation', 'should_have_said_not_found', 'other')),
    comment           TEXT,
    correct_chunk_ids BIGINT[]    NOT NULL DEFAULT '{}',
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (answer_id, author_id)
);
CREATE INDEX answer_feedback_updated_at ON answer_feedback (updated_at);
