package io.docqa.corpus;

import io.docqa.db.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * The filterable metadata of documents (columns {@code documents.tags} and {@code documents.document_date}) and
 * the resolution of a {@link DocumentFilter} to document ids in SQL.
 */
@ApplicationScoped
public class DocumentAttributes {

    private final Jdbi jdbi;

    public DocumentAttributes(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public DocumentMetadata of(long documentId) {
        return of(List.of(documentId)).getOrDefault(documentId, DocumentMetadata.NONE);
    }

    public Map<Long, DocumentMetadata> of(Collection<Long> documentIds) {
        if (documentIds.isEmpty()) {
            return Map.of();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT id, tags, document_date FROM documents WHERE id = ANY(?)")
                .bind(0, documentIds.toArray(Long[]::new))
                .map((rs, ctx) -> Map.entry(rs.getLong(1),
                        new DocumentMetadata(tags(rs.getArray(2)), Sql.instant(rs.getTimestamp(3)))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** Replaces the document's tags (already {@link DocumentTags#normalize normalized}); false when it is gone. */
    public boolean setTags(long documentId, List<String> tags) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE documents SET tags = ?, updated_at = now() WHERE id = ?")
                .bind(0, tags.toArray(String[]::new)).bind(1, documentId).execute()) == 1;
    }

    /**
     * In the caller's transaction: a new version that was uploaded without tags keeps the tags of the version it
     * replaces (re-uploads and re-processing must not lose them); tags given with the new upload win.
     */
    public void inheritTags(Connection c, long documentId, long previousId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE documents d SET tags = o.tags FROM documents o "
                + "WHERE d.id = ? AND o.id = ? AND cardinality(d.tags) = 0 AND cardinality(o.tags) > 0")) {
            ps.setLong(1, documentId);
            ps.setLong(2, previousId);
            ps.executeUpdate();
        }
    }

    /** Stores the document's date in the caller's transaction: the file's own date, else the upload time. */
    public void setDocumentDate(Connection c, long documentId, Instant fromFile) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE documents SET document_date = COALESCE(?, created_at) WHERE id = ?")) {
            if (fromFile == null) {
                ps.setNull(1, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(1, fromFile.atOffset(ZoneOffset.UTC));
            }
            ps.setLong(2, documentId);
            ps.executeUpdate();
        }
    }

    /**
     * Ids of the documents in the given collections that match the filter, ascending. Only these collections are
     * searched, so a filter naming documents elsewhere matches nothing there.
     */
    public List<Long> matching(List<Long> collectionIds, DocumentFilter filter) {
        if (collectionIds.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT id FROM documents WHERE collection_id = ANY(?)");
        List<Object> params = new ArrayList<>();
        params.add(collectionIds.toArray(Long[]::new));
        if (!filter.documentIds().isEmpty()) {
            sql.append(" AND id = ANY(?)");
            params.add(filter.documentIds().toArray(Long[]::new));
        }
        if (!filter.types().isEmpty()) {
            // the file extension, or else the subtype of the detected content type ("application/pdf" is "pdf")
            sql.append(" AND (lower(name) LIKE ANY(?) OR lower(split_part(content_type, '/', 2)) = ANY(?))");
            params.add(filter.types().stream().map(t -> "%." + t).toArray(String[]::new));
            params.add(filter.types().toArray(String[]::new));
        }
        if (!filter.tags().isEmpty()) {
            sql.append(" AND tags && ?");
            params.add(filter.tags().toArray(String[]::new));
        }
        if (filter.dateFrom() != null) {
            sql.append(" AND COALESCE(document_date, created_at) >= ?");
            params.add(startOf(filter.dateFrom()));
        }
        if (filter.dateTo() != null) {
            sql.append(" AND COALESCE(document_date, created_at) < ?");
            params.add(startOf(filter.dateTo().plusDays(1)));
        }
        sql.append(" ORDER BY id");
        return jdbi.withHandle(h -> {
            Query query = h.createQuery(sql.toString());
            for (int i = 0; i < params.size(); i++) {
                query.bind(i, params.get(i));
            }
            return query.mapTo(Long.class).list();
        });
    }

    private static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static List<String> tags(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
