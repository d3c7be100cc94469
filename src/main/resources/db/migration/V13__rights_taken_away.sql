-- Rights that are taken away are gone at once.

-- Form-login sessions: the encrypted cookie carries the user's session epoch; signing out, a password reset and
-- disabling the account raise it, so every cookie issued before is refused on its next request.
ALTER TABLE users ADD COLUMN session_epoch bigint NOT NULL DEFAULT 0;

-- API tokens: an optional expiry, and whether a request authenticated by the token may create further tokens.
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
ALTER TABLE api_tokens ADD COLUMN can_create_tokens boolean NOT NULL DEFAULT false;
