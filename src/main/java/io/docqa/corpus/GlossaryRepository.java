package io.docqa.corpus;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** A document's defined terms and cross-reference links between its chunks (tables of migration V3). */
@ApplicationScoped
public class GlossaryRepository {

    /** Longest term stored, as in the database column. */
    public static final int TERM_MAX_LENGTH = 200;

    private final Jdbi jdbi;

    public GlossaryRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A defined term: its definition is the sentence that defines it, at [start, end) of the document text. */
    public record Term(String term, String definition, Long chunkId, int start, int end) {
    }

    /** A cross-reference: the chunk {@code sourceChunkId} mentions {@code label}, which starts in {@code targetChunkId}. */
    public record Link(long sourceChunkId, long targetChunkId, String label) {
    }

    /** Replaces a document's glossary and links inside the caller's transaction (the one that stores its chunks). */
    public void replace(Connection c, long documentId, List<Term> terms, List<Link> links) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM document_glossary WHERE document_id = ?");
                PreparedStatement delLinks = c.prepareStatement("DELETE FROM chunk_links WHERE document_id = ?")) {
            del.setLong(1, documentId);
            del.executeUpdate();
            delLinks.setLong(1, documentId);
            delLinks.executeUpdate();
        }
        if (!terms.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO document_glossary(document_id, term, definition, "
                    + "chunk_id, start_offset, end_offset) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (document_id, term) DO NOTHING")) {
                for (Term t : terms) {
                    ps.setLong(1, documentId);
                    ps.setString(2, t.term());
                    ps.setString(3, t.definition());
                    if (t.chunkId() == null) {
                        ps.setNull(4, Types.BIGINT);
                    } else {
                        ps.setLong(4, t.chunkId());
                    }
                    ps.setInt(5, t.start());
                    ps.setInt(6, t.end());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!links.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO chunk_links(document_id, source_chunk_id, "
                    + "target_chunk_id, label) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (Link l : links) {
                    ps.setLong(1, documentId);
                    ps.setLong(2, l.sourceChunkId());
                    ps.setLong(3, l.targetChunkId());
                    ps.setString(4, l.label());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** The document's defined terms in alphabetical order. */
    public List<Term> terms(long documentId) {
        String sql = "SELECT term, definition, chunk_id, start_offset, end_offset FROM document_glossary "
                + "WHERE document_id = ? ORDER BY lower(term), id";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, documentId).map((rs, ctx) -> {
            long chunk = rs.getLong(3);
            return new Term(rs.getString(1), rs.getString(2), rs.wasNull() ? null : chunk, rs.getInt(4), rs.getInt(5));
        }).list());
    }

    /** The document's cross-references, in the order of their source chunks. */
    public List<Link> links(long documentId) {
        String sql = "SELECT l.source_chunk_id, l.target_chunk_id, l.label FROM chunk_links l "
                + "JOIN chunks s ON s.id = l.source_chunk_id WHERE l.document_id = ? ORDER BY s.ordinal, l.label, l.id";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, documentId)
                .map((rs, ctx) -> new Link(rs.getLong(1), rs.getLong(2), rs.getString(3))).list());
    }
}
