-- Every instance's Lucene index follows PostgreSQL by itself (issue 15).
-- index_followers: how far each live instance has applied the change log; its heartbeat tells live from gone.
-- index_changes_horizon: the highest change number compacted away; an index that applied less must be rebuilt.
-- A NOTIFY on docqa_index_changes, sent at the commit of every transaction that records a change, wakes followers.
CREATE TABLE index_followers (
    instance_id text PRIMARY KEY,
    role        text        NOT NULL,
    applied_seq bigint      NOT NULL,
    started_at  timestamptz NOT NULL DEFAULT now(),
    heartbeat   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE index_changes_horizon (
    single boolean PRIMARY KEY DEFAULT true CHECK (single),
    seq    bigint  NOT NULL
);
INSERT INTO index_changes_horizon (single, seq) VALUES (true, 0);

CREATE FUNCTION notify_index_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('docqa_index_changes', '');
    RETURN NULL;
END $$;

CREATE TRIGGER index_changes_notify AFTER INSERT ON index_changes
    FOR EACH STATEMENT EXECUTE FUNCTION notify_index_changes();
