-- Conversations: questions and their verified answers, per user. A stored answer is the JSON of the
-- answer as it was shown (text, citations with spans, sentence checks), so reopening shows exactly that.
CREATE TABLE conversations (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner      varchar(100) NOT NULL,
    title      varchar(200) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversations_owner_idx ON conversations (owner, updated_at DESC);

CREATE TABLE conversation_turns (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id     bigint NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    question            text NOT NULL,
    standalone_question text NOT NULL,
    answer              jsonb NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversation_turns_conversation_idx ON conversation_turns (conversation_id, id);
