-- ingestion pipelines chosen per collection, chunk context, contract glossaries and cross-references.

-- The pipeline (a YAML file in ingest-pipelines/, by name without ".yaml") that ingests a collection's documents.
ALTER TABLE collections ADD COLUMN pipeline varchar(100) NOT NULL DEFAULT 'default';

-- Text needed to understand a chunk that is not part of its [start_offset, end_offset) span, such as the header
-- row of a table split by rows. Embedded and indexed with the chunk; citations still use the exact span.
ALTER TABLE chunks ADD COLUMN context text;

-- Defined terms of a document ("Term" means ...), extracted by the defined-terms extractor.
CREATE TABLE document_glossary (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id  bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    term         varchar(200) NOT NULL,
    definition   text NOT NULL,
    chunk_id     bigint REFERENCES chunks(id) ON DELETE CASCADE,
    start_offset integer NOT NULL,
    end_offset   integer NOT NULL,
    UNIQUE (document_id, term)
);

-- Cross-references inside a document ("Section 12.3", "Exhibit B"): from the chunk that mentions the target to
-- the chunk where the referenced clause starts.
CREATE TABLE chunk_links (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id      bigint NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    source_chunk_id  bigint NOT NULL REFERENCES chunks(id) ON DELETE CASCADE,
    target_chunk_id  bigint NOT NULL REFERENCES chunks(id) ON DELETE CASCADE,
    label            varchar(100) NOT NULL,
    UNIQUE (source_chunk_id, target_chunk_id, label)
);
CREATE INDEX chunk_links_document_idx ON chunk_links(document_id);
CREATE INDEX chunk_links_target_idx ON chunk_links(target_chunk_id);
