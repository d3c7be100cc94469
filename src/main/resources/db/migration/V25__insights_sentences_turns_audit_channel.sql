-- Each recorded answer keeps the verification of its sentences (text, cited sources, supported, score, problem),
-- so that insights can report the share of sentences found unsupported.
ALTER TABLE answer_records ADD COLUMN sentence_checks JSONB NOT NULL DEFAULT '[]';
-- The conversation turn an answer was given in, so that a conversation's history names each turn's answerId
-- (and an earlier answer can be rated); a deleted conversation leaves the record without its turn.
ALTER TABLE answer_records ADD COLUMN turn_id BIGINT REFERENCES conversation_turns (id) ON DELETE SET NULL;
CREATE INDEX answer_records_turn ON answer_records (turn_id) WHERE turn_id IS NOT NULL;

-- Through which adapter an audited action came when it was not the REST API or the UI: 'mcp' for tool calls of
-- assistants (NULL: REST, UI or the server itself, as before).
ALTER TABLE audit_log ADD COLUMN channel TEXT;
