-- Per-user request budgets shared by every instance (security/RateLimiter): one token bucket per user and kind of
-- request, taken from in one statement per request, so N instances allow a user the limit, not N times it.
-- UNLOGGED: these hot rows write no WAL, so a request waits for no disk flush; after a crash of PostgreSQL (or on a
-- failover to a replica) the buckets simply start full again.
CREATE UNLOGGED TABLE rate_limit_buckets (
    username    varchar(100)     NOT NULL,
    kind        varchar(20)      NOT NULL,
    tokens      double precision NOT NULL,
    refilled_at timestamptz      NOT NULL,
    allowed     boolean          NOT NULL,
    PRIMARY KEY (username, kind)
);
