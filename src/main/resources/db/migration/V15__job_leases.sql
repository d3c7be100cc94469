-- Jobs with leases, so that several instances share one queue. A claimed document (and a running evaluation run)
-- records which instance holds it and until when; the holder renews the lease while it works. Any instance re-queues
-- a document whose lease ran out (its holder is gone), and only the current holder may write its final state.
-- Rows without a lease (PROCESSING before this migration) count as expired.
ALTER TABLE documents
    ADD COLUMN owner       varchar(200),
    ADD COLUMN lease_until timestamptz;
CREATE INDEX documents_lease_idx ON documents(lease_until) WHERE status = 'PROCESSING';

ALTER TABLE eval_runs
    ADD COLUMN owner       varchar(200),
    ADD COLUMN lease_until timestamptz;
