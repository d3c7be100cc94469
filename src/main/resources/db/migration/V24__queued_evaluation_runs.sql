-- Evaluation runs become queued work, like ingestion jobs: POST stores a QUEUED run; an instance that runs workers
-- claims it (owner, lease_until, attempts + 1) and runs it; a run whose instance stopped goes back to QUEUED when its
-- lease runs out, and is re-run from the start by another instance, until the attempt limit.
ALTER TABLE eval_runs DROP CONSTRAINT eval_runs_status_check;
ALTER TABLE eval_runs ADD CONSTRAINT eval_runs_status_check
    CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED'));
ALTER TABLE eval_runs ADD COLUMN attempts int NOT NULL DEFAULT 0;
CREATE INDEX eval_runs_queued ON eval_runs (id) WHERE status = 'QUEUED';

-- Originals whose deletion from the object store failed (the store was down when their document was deleted).
-- One instance at a time retries them until the store confirms; then the row goes.
CREATE TABLE orphaned_originals (
    document_id  bigint PRIMARY KEY,  -- the deleted document's id, which names its original in the store
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    attempts     int NOT NULL DEFAULT 0,
    last_error   text
);
