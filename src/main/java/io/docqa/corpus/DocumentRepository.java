package io.docqa.corpus;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Documents in PostgreSQL. The documents table is also the durable ingestion queue: workers claim
 * QUEUED rows with {@code FOR UPDATE SKIP LOCKED}.
 */
@ApplicationScoped
public class DocumentRepository {

    private static final String COLUMNS =
            "id, collection_id, name, content_type, size_bytes, sha256, status, error, error_code, pages, chunk_count, created_at, updated_at";

    private final Jdbi jdbi;

    public DocumentRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Document insert(long collectionId, String name, String contentType, long sizeBytes, String sha256,
            DocumentStatus status, String error, String errorCode, String createdBy) {
        // A queued document is held back from the workers (next_attempt_at = infinity) until its original is
        // stored and its job fields are set; JobRepository.release hands it over.
        String sql = "INSERT INTO documents(collection_id, name, content_type, size_bytes, sha256, status, error, error_code, "
                + "created_by, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "CASE WHEN ? = 'QUEUED' THEN 'infinity'::timestamptz ELSE now() END) RETURNING " + COLUMNS;
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, collectionId).bind(1, name).bind(2, contentType)
                .bind(3, sizeBytes).bind(4, sha256).bind(5, status.name()).bind(6, error).bind(7, errorCode)
                .bind(8, createdBy).bind(9, status.name()).map((rs, ctx) -> map(rs)).one());
    }

    public Optional<Document> findById(long id) {
        return queryOne("SELECT " + COLUMNS + " FROM documents WHERE id = ?", id);
    }

    public Document require(long id) {
        return findById(id).orElseThrow(() -> new NotFoundException("No document with id " + id + "."));
    }

    public List<Document> findByCollection(long collectionId) {
        return documents("SELECT " + COLUMNS + " FROM documents WHERE collection_id = ? ORDER BY id",
                q -> q.bind(0, collectionId));
    }

    /** Orders of a page of a collection's documents. */
    public enum Order {
        UPLOADED("id"), NAME("lower(name), id"), NAME_DESCENDING("lower(name) DESC, id DESC");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    /** One page of a collection's documents, for views that show a few rows of a collection of any size. */
    public List<Document> pageOfCollection(long collectionId, Order order, int offset, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM documents WHERE collection_id = ? ORDER BY " + order.sql
                + " OFFSET ? LIMIT ?";
        return documents(sql, q -> q.bind(0, collectionId).bind(1, Math.max(0, offset)).bind(2, Math.max(0, limit)));
    }

    /** How much a collection holds: its documents and the bytes of their originals. */
    public record Usage(long documents, long bytes) {
    }

    public Usage usageOf(long collectionId) {
        return jdbi.withHandle(h -> h.createQuery(
                "SELECT count(*), COALESCE(sum(size_bytes), 0) FROM documents WHERE collection_id = ?")
                .bind(0, collectionId).map((rs, ctx) -> new Usage(rs.getLong(1), rs.getLong(2))).one());
    }

    public int countInCollection(long collectionId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM documents WHERE collection_id = ?")
                .bind(0, collectionId).mapTo(Integer.class).one());
    }

    /** A document in the collection with exactly these bytes that did not fail, if any. */
    public Optional<Document> findSameContent(long collectionId, String sha256) {
        String sql = "SELECT " + COLUMNS + " FROM documents WHERE collection_id = ? AND sha256 = ? AND status <> 'FAILED' "
                + "ORDER BY id LIMIT 1";
        return documents(sql, q -> q.bind(0, collectionId).bind(1, sha256)).stream().findFirst();
    }

    /** Ids of READY documents after {@code afterId}, ascending, at most {@code limit} (paging for index rebuilds). */
    public List<Long> readyIdsAfter(long afterId, int limit) {
        String sql = "SELECT id FROM documents WHERE status = 'READY' AND id > ? ORDER BY id LIMIT ?";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, afterId).bind(1, limit).mapTo(Long.class).list());
    }

    /** Id → name of at most {@code limit} READY documents of a collection (to recognise documents a question names). */
    public Map<Long, String> readyNames(long collectionId, int limit) {
        String sql = "SELECT id, name FROM documents WHERE collection_id = ? AND status = 'READY' ORDER BY id LIMIT ?";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, collectionId).bind(1, limit)
                .reduceResultSet(new LinkedHashMap<Long, String>(), (out, rs, ctx) -> {
                    out.put(rs.getLong(1), rs.getString(2));
                    return out;
                }));
    }

    /** The newest document of this name in the collection that has not failed: the one a re-upload replaces. */
    public Optional<Document> findLatestByName(long collectionId, String name) {
        String sql = "SELECT " + COLUMNS + " FROM documents WHERE collection_id = ? AND name = ? AND status <> 'FAILED' "
                + "ORDER BY id DESC LIMIT 1";
        return documents(sql, q -> q.bind(0, collectionId).bind(1, name)).stream().findFirst();
    }

    /** Records why a document failed: a message for people and a stable code for programs. */
    public void markFailed(long id, String error, String errorCode) {
        String sql = "UPDATE documents SET status = 'FAILED', error = ?, error_code = ?, updated_at = now() WHERE id = ?";
        jdbi.useHandle(h -> h.createUpdate(sql).bind(0, error).bind(1, errorCode).bind(2, id).execute());
    }

    /** Marks a PROCESSING document READY inside the caller's transaction; false when it was deleted meanwhile. */
    public boolean markReady(Connection c, long id, String contentType, Integer pages, int chunks, String text)
            throws SQLException {
        String sql = "UPDATE documents SET status = 'READY', error = NULL, error_code = NULL, content_type = ?, pages = ?, chunk_count = ?, "
                + "text = ?, updated_at = now() WHERE id = ? AND status = 'PROCESSING'";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, contentType);
            if (pages == null) {
                ps.setNull(2, Types.INTEGER);
            } else {
                ps.setInt(2, pages);
            }
            ps.setInt(3, chunks);
            ps.setString(4, text);
            ps.setLong(5, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Stores what could not be read of a usable document, inside the transaction that makes it READY. */
    public void setWarnings(Connection c, long id, List<String> warnings) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents SET warnings = ? WHERE id = ?")) {
            ps.setArray(1, c.createArrayOf("text", warnings.toArray()));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** The document's warnings (empty when everything was read). */
    public List<String> warnings(long id) {
        return warningsOf(List.of(id)).getOrDefault(id, List.of());
    }

    /** Warnings of these documents (those without warnings are absent). */
    public Map<Long, List<String>> warningsOf(Collection<Long> documentIds) {
        String sql = "SELECT id, warnings FROM documents WHERE id = ANY(?) AND cardinality(warnings) > 0";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, documentIds.toArray(Long[]::new))
                .reduceResultSet(new HashMap<Long, List<String>>(), (out, rs, ctx) -> {
                    out.put(rs.getLong(1), List.of((String[]) rs.getArray(2).getArray()));
                    return out;
                }));
    }

    /** Deletes the document and, by cascade, its chunks; returns false when there was none. */
    public boolean delete(long id) {
        return jdbi.withHandle(h -> h.execute("DELETE FROM documents WHERE id = ?", id)) == 1;
    }

    /**
     * Up to {@code radius} characters of the document's text on each side of [start, end), without loading the
     * whole text. Returns the excerpt and where it starts.
     */
    public Optional<TextWindow> textAround(long documentId, int start, int end, int radius) {
        int from = Math.max(0, start - radius);
        int length = (end + radius) - from;
        String sql = "SELECT substr(text, ?, ?) FROM documents WHERE id = ? AND text IS NOT NULL";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, from + 1).bind(1, length).bind(2, documentId)
                .map((rs, ctx) -> new TextWindow(rs.getString(1), from)).findOne());
    }

    /** A piece of a document's text starting at character {@code offset}. */
    public record TextWindow(String text, int offset) {
    }

    private Optional<Document> queryOne(String sql, long id) {
        return documents(sql, q -> q.bind(0, id)).stream().findFirst();
    }

    /** Runs a query of documents with the arguments {@code binder} binds. */
    private List<Document> documents(String sql, Function<Query, Query> binder) {
        return jdbi.withHandle(h -> binder.apply(h.createQuery(sql)).map((rs, ctx) -> map(rs)).list());
    }

    private static Document map(ResultSet rs) throws SQLException {
        int pages = rs.getInt("pages");
        Integer pagesOrNull = rs.wasNull() ? null : pages;
        return new Document(rs.getLong("id"), rs.getLong("collection_id"), rs.getString("name"),
                rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
                DocumentStatus.valueOf(rs.getString("status")), rs.getString("error"), rs.getString("error_code"), pagesOrNull,
                rs.getInt("chunk_count"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
