-- DocQA schema. Embeddings are 384-dimensional: every supported in-process model produces 384 dimensions.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      varchar(100) NOT NULL UNIQUE,
    password_hash text NOT NULL,
    role          varchar(20) NOT NULL CHECK (role IN ('ADMIN', 'EDITOR', 'READER')),
    enabled       boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE collections (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       varchar(200) NOT NULL UNIQUE,
    created_by varchar(100),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE documents (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    collection_id bigint NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    name          varchar(500) NOT NULL,
    content_type  varchar(200),
    size_bytes    bigint NOT NULL,
    sha256        char(64) NOT NULL,
    status        varchar(20) NOT NULL CHECK (status IN ('QUEUED', 'PROCESSING', 'READY', 'FAILED')),
    error         text,
    error_code    varchar(40),
    pages         integer,
    chunk_count   integer NOT NULL DEFAULT 0,
    text          text,
    created_by    varchar(100),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX documents_collection_idx ON documents(collection_id);
CREATE INDEX documents_queue_idx ON documents(id) WHERE status IN ('QUEUED', 'PROCESSING');
CREATE INDEX documents_sha_idx ON documents(collection_id, sha256);

CREATE TABLE chunks (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id   bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    collection_id bigint NOT NULL,
    ordinal       integer NOT NULL,
    text          text NOT NULL,
    heading_path  text,
    page          integer,
    page_end      integer,
    start_offset  integer NOT NULL,
    end_offset    integer NOT NULL,
    embedding     vector(384) NOT NULL,
    UNIQUE (document_id, ordinal)
);
CREATE INDEX chunks_document_idx ON chunks(document_id);
CREATE INDEX chunks_collection_idx ON chunks(collection_id);
CREATE INDEX chunks_embedding_hnsw ON chunks USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64);
