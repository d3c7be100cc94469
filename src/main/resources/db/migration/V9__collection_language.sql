-- The language of a collection's documents: selects the Lucene analyzer (stemming, stop words) used to index and
-- query its text. ISO 639-1 code or 'none'; chosen at creation. Existing collections keep English analysis.
ALTER TABLE collections ADD COLUMN language varchar(10) NOT NULL DEFAULT 'en'
    CHECK (language IN ('en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'none'));
