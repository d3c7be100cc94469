-- The collections a conversation asks over, as the user chose them (empty: every collection the user may read).
-- Ids of collections the user can no longer read are dropped when the conversation is read, never shown.
ALTER TABLE conversations ADD COLUMN collection_ids bigint[] NOT NULL DEFAULT '{}';
