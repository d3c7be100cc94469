-- Failed sign-ins are counted per account id ('account:<id>'), or per name while no account has it ('name:<name>'),
-- so they never carry over to a new account that re-uses a deleted account's name.
ALTER TABLE login_failures RENAME COLUMN username TO account;
ALTER TABLE login_failures ALTER COLUMN account TYPE varchar(120);
UPDATE login_failures f SET account = 'account:' || u.id FROM users u WHERE u.username = f.account;
UPDATE login_failures SET account = 'name:' || account WHERE account NOT LIKE 'account:%';

-- One HNSW graph per collection and embedding generation instead of one per generation over every collection: a
-- search goes through the graphs of the collections it may read only, so its approximate results cannot depend on
-- the content of any other collection. pgvector needs a fixed dimension, so each index is a partial expression index
-- (see V23). The statement is written in one place, chunk_vectors_index_sql, which the application uses too.
CREATE FUNCTION chunk_vectors_index_name(p_generation integer, p_collection bigint) RETURNS text LANGUAGE sql
    IMMUTABLE AS $$ SELECT 'chunk_vectors_g' || p_generation || '_c' || p_collection || '_hnsw' $$;

CREATE FUNCTION chunk_vectors_index_sql(p_generation integer, p_collection bigint, p_concurrently boolean)
    RETURNS text LANGUAGE sql STABLE AS $$
    SELECT format('CREATE INDEX %sIF NOT EXISTS %I ON chunk_vectors USING hnsw (%s %s) '
        || 'WITH (m = 16, ef_construction = 64) WHERE generation_id = %s AND collection_id = %s',
        CASE WHEN p_concurrently THEN 'CONCURRENTLY ' ELSE '' END, chunk_vectors_index_name(g.id, p_collection),
        CASE WHEN g.storage = 'halfvec' THEN '(embedding_half::halfvec(' || g.dimensions || '))'
             ELSE '(embedding::vector(' || g.dimensions || '))' END,
        CASE WHEN g.storage = 'halfvec' THEN 'halfvec_cosine_ops' ELSE 'vector_cosine_ops' END, g.id, p_collection)
    FROM embedding_generations g WHERE g.id = p_generation $$;

-- A new collection gets the index of every generation in use, whoever inserts the row; a deleted one loses them all.
CREATE FUNCTION create_collection_vector_indexes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE g integer;
BEGIN
    FOR g IN SELECT id FROM embedding_generations WHERE state IN ('ACTIVE', 'BUILDING') ORDER BY id LOOP
        EXECUTE chunk_vectors_index_sql(g, NEW.id, false);
    END LOOP;
    RETURN NEW;
END $$;

CREATE FUNCTION drop_collection_vector_indexes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE i text;
BEGIN
    FOR i IN SELECT relname FROM pg_class WHERE relkind = 'i'
            AND relname LIKE 'chunk\_vectors\_g%\_c' || OLD.id || '\_hnsw' LOOP
        EXECUTE format('DROP INDEX IF EXISTS %I', i);
    END LOOP;
    RETURN OLD;
END $$;

CREATE TRIGGER collections_vector_index_create AFTER INSERT ON collections
    FOR EACH ROW EXECUTE FUNCTION create_collection_vector_indexes();
CREATE TRIGGER collections_vector_index_drop AFTER DELETE ON collections
    FOR EACH ROW EXECUTE FUNCTION drop_collection_vector_indexes();

DO $$
DECLARE g integer; c bigint;
BEGIN
    FOR g IN SELECT id FROM embedding_generations WHERE state IN ('ACTIVE', 'BUILDING') ORDER BY id LOOP
        FOR c IN SELECT id FROM collections ORDER BY id LOOP
            EXECUTE chunk_vectors_index_sql(g, c, false);
        END LOOP;
        EXECUTE format('DROP INDEX IF EXISTS %I', 'chunk_vectors_g' || g || '_hnsw');
    END LOOP;
END $$;
