package io.docqa.corpus;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Documents in PostgreSQL. The documents table is also the durable ingestion queue: workers claim
 * QUEUED rows with {@code FOR UPDATE SKIP LOCKED}.
 */
@ApplicationScoped
public class DocumentRepository {

    private static final String COLUMNS =
            "id, collection_id, name, content_type, size_bytes, sha256, status, error, error_code, pages, chunk_count, created_at, updated_at";

    private final AgroalDataSource dataSource;

    public DocumentRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Document insert(long collectionId, String name, String contentType, long sizeBytes, String sha256,
            DocumentStatus status, String error, String errorCode, String createdBy) {
        // A queued document is held back from the workers (next_attempt_at = infinity) until its original is
        // stored and its job fields are set; JobRepository.release hands it over.
        String sql = "INSERT INTO documents(collection_id, name, content_type, size_bytes, sha256, status, error, error_code, "
                + "created_by, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "CASE WHEN ? = 'QUEUED' THEN 'infinity'::timestamptz ELSE now() END) RETURNING " + COLUMNS;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, collectionId);
            ps.setString(2, name);
            ps.setString(3, contentType);
            ps.setLong(4, sizeBytes);
            ps.setString(5, sha256);
            ps.setString(6, status.name());
            ps.setString(7, error);
            ps.setString(8, errorCode);
            ps.setString(9, createdBy);
            ps.setString(10, status.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return map(rs);
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not store document " + name, e);
        }
    }

    public Optional<Document> findById(long id) {
        return queryOne("SELECT " + COLUMNS + " FROM documents WHERE id = ?", id);
    }

    public Document require(long id) {
        return findById(id).orElseThrow(() -> new NotFoundException("No document with id " + id + "."));
    }

    public List<Document> findByCollection(long collectionId) {
        String sql = "SELECT " + COLUMNS + " FROM documents WHERE collection_id = ? ORDER BY id";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, collectionId);
            return list(ps);
        } catch (SQLException e) {
            throw new DataAccessException("Could not list documents", e);
        }
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
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, collectionId);
            ps.setInt(2, Math.max(0, offset));
            ps.setInt(3, Math.max(0, limit));
            return list(ps);
        } catch (SQLException e) {
            throw new DataAccessException("Could not list documents", e);
        }
    }

    public int countInCollection(long collectionId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM documents WHERE collection_id = ?")) {
            ps.setLong(1, collectionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not count documents", e);
        }
    }

    /** A document in the collection with exactly these bytes that did not fail, if any. */
    public Optional<Document> findSameContent(long collectionId, String sha256) {
        String sql = "SELECT " + COLUMNS + " FROM documents WHERE collection_id = ? AND sha256 = ? AND status <> 'FAILED' "
                + "ORDER BY id LIMIT 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, collectionId);
            ps.setString(2, sha256);
            List<Document> found = list(ps);
            return found.stream().findFirst();
        } catch (SQLException e) {
            throw new DataAccessException("Could not look up document content", e);
        }
    }

    /** Ids of READY documents after {@code afterId}, ascending, at most {@code limit} (paging for index rebuilds). */
    public List<Long> readyIdsAfter(long afterId, int limit) {
        String sql = "SELECT id FROM documents WHERE status = 'READY' AND id > ? ORDER BY id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, afterId);
            ps.setInt(2, limit);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("Could not list documents", e);
        }
    }

    /** Id → name of at most {@code limit} READY documents of a collection (to recognise documents a question names). */
    public Map<Long, String> readyNames(long collectionId, int limit) {
        String sql = "SELECT id, name FROM documents WHERE collection_id = ? AND status = 'READY' ORDER BY id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, collectionId);
            ps.setInt(2, limit);
            Map<Long, String> out = new java.util.LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("Could not list document names", e);
        }
    }

    /** The newest document of this name in the collection that has not failed: the one a re-upload replaces. */
    public Optional<Document> findLatestByName(long collectionId, String name) {
        String sql = "SELECT " + COLUMNS + " FROM documents WHERE collection_id = ? AND name = ? AND status <> 'FAILED' "
                + "ORDER BY id DESC LIMIT 1";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, collectionId);
            ps.setString(2, name);
            return list(ps).stream().findFirst();
        } catch (SQLException e) {
            throw new DataAccessException("Could not look up document " + name, e);
        }
    }

    /** Records why a document failed: a message for people and a stable code for programs. */
    public void markFailed(long id, String error, String errorCode) {
        String sql = "UPDATE documents SET status = 'FAILED', error = ?, error_code = ?, updated_at = now() WHERE id = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, error);
            ps.setString(2, errorCode);
            ps.setLong(3, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("Could not update document " + id, e);
        }
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
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("bigint", documentIds.toArray()));
            Map<Long, List<String>> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), List.of((String[]) rs.getArray(2).getArray()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new DataAccessException("Could not read document warnings", e);
        }
    }

    /** Deletes the document and, by cascade, its chunks; returns false when there was none. */
    public boolean delete(long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM documents WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new DataAccessException("Could not delete document " + id, e);
        }
    }

    /**
     * Up to {@code radius} characters of the document's text on each side of [start, end), without loading the
     * whole text. Returns the excerpt and where it starts.
     */
    public Optional<TextWindow> textAround(long documentId, int start, int end, int radius) {
        int from = Math.max(0, start - radius);
        int length = (end + radius) - from;
        String sql = "SELECT substr(text, ?, ?) FROM documents WHERE id = ? AND text IS NOT NULL";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, from + 1);
            ps.setInt(2, length);
            ps.setLong(3, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new TextWindow(rs.getString(1), from)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DataAccessException("Could not read document text", e);
        }
    }

    /** A piece of a document's text starting at character {@code offset}. */
    public record TextWindow(String text, int offset) {
    }

    private Optional<Document> queryOne(String sql, long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            return list(ps).stream().findFirst();
        } catch (SQLException e) {
            throw new DataAccessException("Could not read document " + id, e);
        }
    }

    private static List<Document> list(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<Document> out = new ArrayList<>();
            while (rs.next()) {
                out.add(map(rs));
            }
            return out;
        }
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
