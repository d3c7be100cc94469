-- Security: collection membership, personal API tokens, the audit trail and failed sign-in tracking.

-- Who may read (READER) or also upload and delete (EDITOR) in a collection. ADMINs need no membership.
CREATE TABLE collection_members (
    collection_id bigint NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    user_id       bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role          varchar(20) NOT NULL CHECK (role IN ('EDITOR', 'READER')),
    granted_by    varchar(100),
    granted_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (collection_id, user_id)
);
CREATE INDEX collection_members_user_idx ON collection_members(user_id);

-- Personal API tokens: only a SHA-256 of the token is stored (tokens are 256-bit random, so no slow hash is needed).
CREATE TABLE api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name         varchar(100) NOT NULL,
    token_hash   char(64) NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens(user_id);

-- Append-only record of questions, uploads, deletions, permission changes and sign-ins.
CREATE TABLE audit_log (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL DEFAULT now(),
    actor          varchar(100),
    action         varchar(40) NOT NULL,
    collection_ids bigint[] NOT NULL DEFAULT '{}',
    target         text,
    detail         jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log(at);

-- Failed sign-ins per user name (also for unknown names, so probing cannot tell them apart).
CREATE TABLE login_failures (
    username      varchar(100) PRIMARY KEY,
    failures      integer NOT NULL,
    last_failure  timestamptz NOT NULL,
    locked_until  timestamptz
);
