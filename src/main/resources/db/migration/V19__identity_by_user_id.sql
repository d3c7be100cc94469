-- Identity is a stable user id, not a name: what a user owns references users(id), so deleting a user deletes it
-- and a new account with the same name starts with nothing. (Memberships and API tokens have referenced users(id)
-- with ON DELETE CASCADE since V6.)

-- Conversations belong to the user's id. Conversations whose owner no longer exists would have gone to the next
-- account created with that name; they are deleted.
ALTER TABLE conversations ADD COLUMN owner_id bigint REFERENCES users(id) ON DELETE CASCADE;
UPDATE conversations c SET owner_id = u.id FROM users u WHERE u.username = c.owner;
DELETE FROM conversations WHERE owner_id IS NULL;
ALTER TABLE conversations ALTER COLUMN owner_id SET NOT NULL;
DROP INDEX conversations_owner_idx;
CREATE INDEX conversations_owner_idx ON conversations (owner_id, updated_at DESC);
ALTER TABLE conversations DROP COLUMN owner;

-- Audit rows keep the actor's id next to the name as it was, for history: no foreign key, nothing is removed when
-- the user is. Rows written before this version get the id of the account that has the name now.
ALTER TABLE audit_log ADD COLUMN actor_id bigint;
UPDATE audit_log a SET actor_id = u.id FROM users u WHERE u.username = a.actor;
CREATE INDEX audit_log_actor_id_idx ON audit_log (actor_id);

-- OpenID Connect accounts are bound to the IdP's issuer and subject, never to a local account of the same name.
-- Accounts created by an OIDC sign-in before this version (known from the audit trail) are bound at their next
-- OIDC sign-in; no other account can ever be claimed by a token.
ALTER TABLE users ADD COLUMN oidc_issuer varchar(500);
ALTER TABLE users ADD COLUMN oidc_subject varchar(255);
ALTER TABLE users ADD COLUMN oidc_unbound boolean NOT NULL DEFAULT false;
ALTER TABLE users ADD CONSTRAINT users_oidc_identity_key UNIQUE (oidc_issuer, oidc_subject);
UPDATE users u SET oidc_unbound = true WHERE EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'USER_CREATED'
    AND a.target = u.username AND a.detail ->> 'via' = 'oidc');

-- Failed sign-ins per (user name, client address): wrong guesses from one address lock that address out of the
-- account, not the account's owner elsewhere. The row with address '*' counts the account's failures from
-- every address; past a much higher cap it tightens the limit of addresses the account never signed in from
-- (succeeded_at) but never locks the account itself.
DROP TABLE login_failures;
CREATE TABLE login_failures (
    username      varchar(100) NOT NULL,
    address       varchar(64) NOT NULL,
    failures      integer NOT NULL,
    last_failure  timestamptz NOT NULL,
    locked_until  timestamptz,
    succeeded_at  timestamptz,
    PRIMARY KEY (username, address)
);
