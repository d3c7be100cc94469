package io.docqa.corpus;

import io.docqa.corpus.DocumentCollection.Weights;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/**
 * Collections in PostgreSQL, as whole aggregates: name, pipeline, fusion weights and language are one row and one
 * {@link DocumentCollection}. Retrieval reads languages and weights per query, so it has narrow lookups by id;
 * a collection's language never changes after creation, so languages once read are kept in memory.
 */
@ApplicationScoped
public class CollectionRepository {

    private static final String COLUMNS = "id, name, created_at, pipeline, bm25_weight, vector_weight, language, vector_index";

    private final Jdbi jdbi;
    private final Map<Long, CollectionLanguage> languages = new ConcurrentHashMap<>();

    public CollectionRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Creates a collection with the default settings; throws {@link DuplicateNameException} when the name is taken. */
    public DocumentCollection create(String name, String createdBy) {
        return create(name, createdBy, DocumentCollection.DEFAULT_PIPELINE, Weights.DEFAULT, CollectionLanguage.DEFAULT);
    }

    /** Creates a collection with these settings; throws {@link DuplicateNameException} when the name is taken. */
    public DocumentCollection create(String name, String createdBy, String pipeline, Weights weights,
            CollectionLanguage language) {
        String sql = "INSERT INTO collections(name, created_by, pipeline, bm25_weight, vector_weight, language) "
                + "VALUES (:name, :createdBy, :pipeline, :bm25, :vector, :language) RETURNING " + COLUMNS;
        try {
            return jdbi.withHandle(h -> h.createQuery(sql).bind("name", name).bind("createdBy", createdBy)
                    .bind("pipeline", pipeline).bind("bm25", weights.bm25()).bind("vector", weights.vector())
                    .bind("language", language.code()).map(this::map).one());
        } catch (JdbiException e) {
            if (e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState())) {
                throw new DuplicateNameException("A collection named \"" + name + "\" already exists.");
            }
            throw new DataAccessException("Could not create collection", e);
        }
    }

    public List<DocumentCollection> findAll() {
        return read("Could not list collections", h -> h.createQuery("SELECT " + COLUMNS
                + " FROM collections ORDER BY name, id").map(this::map).list());
    }

    public Optional<DocumentCollection> findById(long id) {
        return read("Could not read collection " + id, h -> h.createQuery("SELECT " + COLUMNS
                + " FROM collections WHERE id = :id").bind("id", id).map(this::map).findOne());
    }

    public Optional<DocumentCollection> findByName(String name) {
        return read("Could not read collection " + name, h -> h.createQuery("SELECT " + COLUMNS
                + " FROM collections WHERE name = :name").bind("name", name).map(this::map).findOne());
    }

    public DocumentCollection require(long id) {
        return findById(id).orElseThrow(() -> new NotFoundException("No collection with id " + id + "."));
    }

    /** The collection's pipeline, or empty when the collection does not exist. */
    public Optional<String> pipelineOf(long collectionId) {
        return findById(collectionId).map(DocumentCollection::pipeline);
    }

    public void setPipeline(long collectionId, String pipeline) {
        update("UPDATE collections SET pipeline = :pipeline WHERE id = :id", collectionId, u -> u.bind("pipeline", pipeline));
    }

    /** The weights of these collections; collections that do not exist are left out. */
    public Map<Long, Weights> weightsOf(Collection<Long> collectionIds) {
        return byId(collectionIds, "bm25_weight, vector_weight",
                rs -> new Weights(nullable(rs, "bm25_weight"), nullable(rs, "vector_weight")));
    }

    /** Sets the given weights; a null argument leaves that weight as it is. */
    public void setWeights(long collectionId, Double bm25, Double vector) {
        update("UPDATE collections SET bm25_weight = COALESCE(:bm25, bm25_weight), "
                + "vector_weight = COALESCE(:vector, vector_weight) WHERE id = :id",
                collectionId, u -> u.bind("bm25", bm25).bind("vector", vector));
    }

    /** The collection's language; the default for a collection that does not exist (it has nothing to analyze). */
    public CollectionLanguage languageOf(long collectionId) {
        return languagesOf(List.of(collectionId)).get(collectionId);
    }

    /** The languages of these collections; every id is in the answer (the default for unknown ids). */
    public Map<Long, CollectionLanguage> languagesOf(Collection<Long> collectionIds) {
        Map<Long, CollectionLanguage> out = new HashMap<>();
        List<Long> missing = collectionIds.stream().filter(id -> !languages.containsKey(id)).distinct().toList();
        byId(missing, "language", rs -> CollectionLanguage.ofStored(rs.getString("language"))).forEach(languages::put);
        for (long id : collectionIds) {
            out.put(id, languages.getOrDefault(id, CollectionLanguage.DEFAULT));
        }
        return out;
    }

    private <T> Map<Long, T> byId(Collection<Long> ids, String columns, RowValue<T> value) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return read("Could not read collections " + ids, h -> {
            Map<Long, T> out = new HashMap<>();
            h.createQuery("SELECT id, " + columns + " FROM collections WHERE id = ANY(:ids)")
                    .bind("ids", ids.toArray(Long[]::new))
                    .map((rs, ctx) -> Map.entry(rs.getLong("id"), value.of(rs)))
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
            return out;
        });
    }

    private void update(String sql, long collectionId, UnaryOperator<Update> values) {
        int changed = read("Could not update collection " + collectionId,
                h -> values.apply(h.createUpdate(sql)).bind("id", collectionId).execute());
        if (changed == 0) {
            throw new NotFoundException("No collection with id " + collectionId + ".");
        }
    }

    private <T> T read(String failure, HandleCallback<T, RuntimeException> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (JdbiException e) {
            throw new DataAccessException(failure, e);
        }
    }

    private DocumentCollection map(ResultSet rs, StatementContext ctx) throws SQLException {
        CollectionLanguage language = CollectionLanguage.ofStored(rs.getString("language"));
        languages.put(rs.getLong("id"), language);
        return new DocumentCollection(rs.getLong("id"), rs.getString("name"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("pipeline"), new Weights(nullable(rs, "bm25_weight"), nullable(rs, "vector_weight")),
                language, rs.getString("vector_index"));
    }

    private static Double nullable(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    /** One value of a row. */
    @FunctionalInterface
    private interface RowValue<T> {
        T of(ResultSet rs) throws SQLException;
    }
}
