-- Failed sign-ins are counted per account id ('account:<id>'), or per name while no account has it ('name:<name>'),
-- so they never carry over to a new account that re-uses a deleted account's name.
ALTER TABLE login_failures RENAME COLUMN username TO account;
ALTER TABLE login_failures ALTER COLUMN account TYPE varchar(120);
UPDATE login_failures f SET account = 'account:' || u.id FROM users u WHERE u.username = f.account;
UPDATE login_failures SET account = 'name:' || account WHERE account NOT LIKE 'account:%';

-- One HNSW graph per collection instead of one over every collection: a search goes through the graphs of the
-- collections it may read only, so its approximate results cannot depend on the content of any other collection.
-- The index of a collection is created with it and dropped with it (triggers below), whoever inserts the row.
CREATE FUNCTION create_chunks_vector_index(collection_id bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON chunks USING hnsw (embedding vector_cosine_ops) '
        || 'WITH (m = 16, ef_construction = 64) WHERE collection_id = %s', 'chunks_embedding_c' || collection_id,
        collection_id);
END $$;

CREATE FUNCTION create_collection_vector_index() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM create_chunks_vector_index(NEW.id);
    RETURN NEW;
END $$;

CREATE FUNCTION drop_collection_vector_index() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('DROP INDEX IF EXISTS %I', 'chunks_embedding_c' || OLD.id);
    RETURN OLD;
END $$;

CREATE TRIGGER collections_vector_index_create AFTER INSERT ON collections
    FOR EACH ROW EXECUTE FUNCTION create_collection_vector_index();
CREATE TRIGGER collections_vector_index_drop AFTER DELETE ON collections
    FOR EACH ROW EXECUTE FUNCTION drop_collection_vector_index();

SELECT create_chunks_vector_index(id) FROM collections ORDER BY id;

DROP INDEX chunks_embedding_hnsw;
