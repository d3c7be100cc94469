-- Metadata filters on documents and fusion weights per collection.

-- Free labels given at upload or later (lower case, any-of matching in filters).
ALTER TABLE documents ADD COLUMN tags text[] NOT NULL DEFAULT '{}';
-- The date the document speaks for: its own created/modified metadata when the file has it, else the upload time.
ALTER TABLE documents ADD COLUMN document_date timestamptz;
UPDATE documents SET document_date = created_at WHERE document_date IS NULL;

CREATE INDEX documents_tags_idx ON documents USING gin (tags);
CREATE INDEX documents_date_idx ON documents (collection_id, document_date);
-- filtered vector search restricts chunks by document id together with the collection
CREATE INDEX IF NOT EXISTS chunks_collection_document_idx ON chunks (collection_id, document_id);

-- Weights of the BM25 and the vector ranking in reciprocal rank fusion; NULL means the server default.
ALTER TABLE collections ADD COLUMN bm25_weight double precision CHECK (bm25_weight >= 0);
ALTER TABLE collections ADD COLUMN vector_weight double precision CHECK (vector_weight >= 0);
