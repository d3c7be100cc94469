-- Embedding generations: the vectors of one model (provider, model, dimensions, storage) form a generation. Exactly
-- one generation is ACTIVE (searched and written by ingestion); while a re-embedding runs, a BUILDING generation is
-- filled beside it, and the switch is one UPDATE of this table. RETIRED generations are deleted in the background.
--
-- pgvector needs a fixed dimension for an HNSW index, so the vector columns are unconstrained and every generation
-- gets its own partial expression index, created by the application when the generation is created:
--   CREATE INDEX chunk_vectors_g<ID>_hnsw ON chunk_vectors USING hnsw ((embedding::vector(<DIM>)) vector_cosine_ops)
--       WHERE generation_id = <ID>
-- (halfvec storage: (embedding_half::halfvec(<DIM>)) halfvec_cosine_ops). Searches repeat the same expression and
-- predicate with the generation id as a literal, so PostgreSQL uses that index.
CREATE TABLE embedding_generations (
    id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider     varchar(20)  NOT NULL,
    model        varchar(200) NOT NULL,
    dimensions   integer      NOT NULL CHECK (dimensions BETWEEN 1 AND 16000),
    storage      varchar(10)  NOT NULL CHECK (storage IN ('vector', 'halfvec')),
    base_url     varchar(1000),
    state        varchar(10)  NOT NULL CHECK (state IN ('ACTIVE', 'BUILDING', 'RETIRED')),
    -- a generation created by this migration from the vectors of an earlier version: the in-process model that
    -- made them was not recorded, so the first start adopts the configured in-process model of 384 dimensions
    adopted      boolean      NOT NULL DEFAULT false,
    embedded     bigint       NOT NULL DEFAULT 0,
    error        text,
    requested_by varchar(100),
    owner        varchar(200),
    lease_until  timestamptz,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    activated_at timestamptz,
    retired_at   timestamptz
);
CREATE UNIQUE INDEX embedding_generations_one_active ON embedding_generations ((true)) WHERE state = 'ACTIVE';
CREATE UNIQUE INDEX embedding_generations_one_building ON embedding_generations ((true)) WHERE state = 'BUILDING';

CREATE TABLE chunk_vectors (
    generation_id  integer NOT NULL REFERENCES embedding_generations(id) ON DELETE CASCADE,
    chunk_id       bigint  NOT NULL REFERENCES chunks(id) ON DELETE CASCADE,
    collection_id  bigint  NOT NULL,
    document_id    bigint  NOT NULL,
    embedding      vector,
    embedding_half halfvec,
    PRIMARY KEY (generation_id, chunk_id),
    CHECK (num_nonnulls(embedding, embedding_half) = 1)
);
CREATE INDEX chunk_vectors_collection_idx ON chunk_vectors (generation_id, collection_id);
CREATE INDEX chunk_vectors_chunk_idx ON chunk_vectors (chunk_id);

-- The vectors of earlier versions (one in-process model, 384 dimensions) become generation 1.
INSERT INTO embedding_generations (provider, model, dimensions, storage, state, adopted, activated_at)
SELECT 'onnx', 'unrecorded', 384, 'vector', 'ACTIVE', true, now() WHERE EXISTS (SELECT 1 FROM chunks);
INSERT INTO chunk_vectors (generation_id, chunk_id, collection_id, document_id, embedding)
SELECT g.id, c.id, c.collection_id, c.document_id, c.embedding
FROM chunks c CROSS JOIN embedding_generations g WHERE g.state = 'ACTIVE';
DO $$
DECLARE g integer;
BEGIN
    SELECT id INTO g FROM embedding_generations WHERE state = 'ACTIVE';
    IF g IS NOT NULL THEN
        EXECUTE format('CREATE INDEX chunk_vectors_g%s_hnsw ON chunk_vectors USING hnsw ((embedding::vector(384)) '
            || 'vector_cosine_ops) WITH (m = 16, ef_construction = 64) WHERE generation_id = %s', g, g);
    END IF;
END $$;

DROP INDEX IF EXISTS chunks_embedding_hnsw;
ALTER TABLE chunks DROP COLUMN embedding;

-- The cache keeps vectors of any dimension (keyed by model identity).
ALTER TABLE embedding_cache ALTER COLUMN embedding TYPE vector;
