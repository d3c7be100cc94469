-- Evaluation runs: one row per run of the harness over a labelled dataset, kept so runs can be
-- compared over time. Metrics are stored as JSON because the set of retrievers and metrics grows.
CREATE TABLE eval_runs (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset       text NOT NULL,          -- the dataset directory on the server, as given
    dataset_name  varchar(200) NOT NULL,  -- its folder name, for display
    format        varchar(20),            -- BEIR or GOLDEN once the dataset was read
    collection_id bigint REFERENCES collections(id) ON DELETE SET NULL,
    retrievers    text NOT NULL,          -- comma-separated retriever ids, e.g. bm25,vector,hybrid
    config        jsonb NOT NULL,         -- retrieval settings in force (depth, RRF k and weights, ef_search, model)
    status        varchar(20) NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
    progress      text,
    error         text,
    results       jsonb,                  -- ingestion summary and one metrics row per retriever
    created_by    varchar(100),
    started_at    timestamptz NOT NULL DEFAULT now(),
    finished_at   timestamptz
);
CREATE INDEX eval_runs_started ON eval_runs (started_at DESC, id DESC);
