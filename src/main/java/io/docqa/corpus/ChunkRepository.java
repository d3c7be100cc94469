package io.docqa.corpus;

import com.pgvector.PGvector;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Chunks and their vectors ({@code chunk_vectors}, one row per embedding generation) in PostgreSQL (pgvector). */
@ApplicationScoped
public class ChunkRepository {

    static final String CHUNK_COLUMNS = "c.id, c.document_id, c.collection_id, c.ordinal, c.text, c.heading_path, "
            + "c.page, c.page_end, c.start_offset, c.end_offset, c.context";

    private final Jdbi jdbi;

    public ChunkRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A chunk to store, before it has an id. */
    public record NewChunk(int ordinal, String text, String headingPath, Integer page, Integer pageEnd,
            int startOffset, int endOffset, float[] embedding, String context) {

        public NewChunk(int ordinal, String text, String headingPath, Integer page, Integer pageEnd,
                int startOffset, int endOffset, float[] embedding) {
            this(ordinal, text, headingPath, page, pageEnd, startOffset, endOffset, embedding, null);
        }
    }

    /**
     * Replaces all chunks of a document inside the caller's transaction and returns them with their ids,
     * in ordinal order. Their vectors go to the active embedding generation.
     */
    public List<Chunk> replaceChunks(Connection c, long documentId, long collectionId, List<NewChunk> chunks)
            throws SQLException {
        return replaceChunks(c, documentId, collectionId, chunks, null);
    }

    /**
     * Replaces all chunks of a document inside the caller's transaction; their vectors go to {@code generationId}
     * ({@code chunk_vectors}, migration V23; null: the active generation), in its storage type.
     */
    public List<Chunk> replaceChunks(Connection c, long documentId, long collectionId, List<NewChunk> chunks,
            Integer generationId) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM chunks WHERE document_id = ?")) {
            del.setLong(1, documentId);
            del.executeUpdate();
        }
        // one statement for the whole document: the rows arrive as arrays (unnest), so PostgreSQL plans and runs one
        // statement instead of one per chunk; a generation in halfvec storage gets each vector cast
        String sql = "WITH input AS (SELECT * FROM unnest(?::int[], ?::text[], ?::text[], ?::int[], ?::int[], ?::int[], "
                + "?::int[], ?::text[], ?::text[]) WITH ORDINALITY AS t(ordinal, text, heading_path, page, page_end, "
                + "start_offset, end_offset, context, embedding, n)), "
                + "chunk AS (INSERT INTO chunks(document_id, collection_id, ordinal, text, heading_path, page, page_end, "
                + "start_offset, end_offset, context) SELECT ?, ?, ordinal, text, heading_path, page, page_end, "
                + "start_offset, end_offset, context FROM input ORDER BY n RETURNING id, ordinal), "
                + "vector AS (INSERT INTO chunk_vectors(generation_id, chunk_id, collection_id, document_id, embedding, "
                + "embedding_half) SELECT g.id, chunk.id, ?, ?, CASE WHEN g.storage = 'vector' THEN i.embedding::vector END, "
                + "CASE WHEN g.storage = 'halfvec' THEN i.embedding::vector::halfvec END FROM chunk JOIN input i ON "
                + "i.ordinal = chunk.ordinal, embedding_generations g WHERE "
                + (generationId == null ? "g.state = 'ACTIVE'" : "g.id = ?") + " RETURNING chunk_id) "
                + "SELECT id, ordinal, (SELECT count(*) FROM vector) FROM chunk";
        List<Chunk> stored = new ArrayList<>(chunks.size());
        if (chunks.isEmpty()) {
            return stored;
        }
        int size = chunks.size();
        Integer[] ordinals = new Integer[size];
        String[] texts = new String[size];
        String[] headings = new String[size];
        Integer[] pages = new Integer[size];
        Integer[] pageEnds = new Integer[size];
        Integer[] starts = new Integer[size];
        Integer[] ends = new Integer[size];
        String[] contexts = new String[size];
        String[] vectors = new String[size];
        for (int i = 0; i < size; i++) {
            NewChunk n = chunks.get(i);
            ordinals[i] = n.ordinal();
            texts[i] = n.text();
            headings[i] = n.headingPath();
            pages[i] = n.page();
            pageEnds[i] = n.pageEnd();
            starts[i] = n.startOffset();
            ends[i] = n.endOffset();
            contexts[i] = n.context();
            vectors[i] = new PGvector(n.embedding()).getValue();
        }
        Map<Integer, Long> ids = new HashMap<>();
        long vectorsStored = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("integer", ordinals));
            ps.setArray(2, c.createArrayOf("text", texts));
            ps.setArray(3, c.createArrayOf("text", headings));
            ps.setArray(4, c.createArrayOf("integer", pages));
            ps.setArray(5, c.createArrayOf("integer", pageEnds));
            ps.setArray(6, c.createArrayOf("integer", starts));
            ps.setArray(7, c.createArrayOf("integer", ends));
            ps.setArray(8, c.createArrayOf("text", contexts));
            ps.setArray(9, c.createArrayOf("text", vectors));
            ps.setLong(10, documentId);
            ps.setLong(11, collectionId);
            ps.setLong(12, collectionId);
            ps.setLong(13, documentId);
            if (generationId != null) {
                ps.setInt(14, generationId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getInt(2), rs.getLong(1));
                    vectorsStored = rs.getLong(3);
                }
            }
        }
        if (vectorsStored != size || ids.size() != size) {
            throw new SQLException("No embedding generation " + (generationId == null ? "is active" : generationId
                    + " exists") + ": the chunks' vectors have nowhere to go");
        }
        for (NewChunk n : chunks) {
            stored.add(new Chunk(ids.get(n.ordinal()), documentId, collectionId, n.ordinal(), n.text(),
                    n.headingPath(), n.page(), n.pageEnd(), n.startOffset(), n.endOffset(), n.context()));
        }
        return stored;
    }

    /** Loads the given chunks with their document names; ids that no longer exist are left out. */
    public Map<Long, ChunkWithSource> findWithSource(List<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String sql = "SELECT " + CHUNK_COLUMNS + ", d.name AS document_name FROM chunks c "
                + "JOIN documents d ON d.id = c.document_id WHERE c.id = ANY(?) AND d.status = 'READY'";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, ids.toArray(Long[]::new))
                .reduceResultSet(new HashMap<Long, ChunkWithSource>(), (out, rs, ctx) -> {
                    Chunk chunk = map(rs);
                    out.put(chunk.id(), new ChunkWithSource(chunk, rs.getString("document_name")));
                    return out;
                }));
    }

    /** A READY document's chunks in ordinal order, for (re)building the Lucene index; empty when it is not READY. */
    public List<Chunk> findByReadyDocument(long documentId) {
        String sql = "SELECT " + CHUNK_COLUMNS + " FROM chunks c JOIN documents d ON d.id = c.document_id "
                + "WHERE c.document_id = ? AND d.status = 'READY' ORDER BY c.ordinal";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, documentId).map((rs, ctx) -> map(rs)).list());
    }

    /** The first chunk of a document (its title, preamble or parties), empty when it has none. */
    public Optional<Chunk> firstOf(long documentId) {
        String sql = "SELECT " + CHUNK_COLUMNS + " FROM chunks c WHERE c.document_id = ? ORDER BY c.ordinal LIMIT 1";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, documentId).map((rs, ctx) -> map(rs)).findOne());
    }

    /** Ids of the document's chunks within {@code radius} positions of {@code ordinal}, itself excluded, in order. */
    public List<Long> idsNear(long documentId, int ordinal, int radius) {
        String sql = "SELECT id FROM chunks WHERE document_id = ? AND ordinal BETWEEN ? AND ? AND ordinal <> ? ORDER BY ordinal";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, documentId).bind(1, ordinal - radius)
                .bind(2, ordinal + radius).bind(3, ordinal).mapTo(Long.class).list());
    }

    public Optional<ChunkWithSource> findById(long id) {
        return Optional.ofNullable(findWithSource(List.of(id)).get(id));
    }

    /**
     * The first and last page (1-based) of the chunks that overlap [start, end) of the document's text; empty when
     * no chunk does or the document has no pages.
     */
    public Optional<int[]> pagesOverlapping(long documentId, int start, int end) {
        String sql = "SELECT min(page), max(coalesce(page_end, page)) FROM chunks "
                + "WHERE document_id = ? AND start_offset < ? AND end_offset > ? AND page IS NOT NULL";
        return jdbi.withHandle(h -> h.createQuery(sql).bind(0, documentId).bind(1, Math.max(end, start + 1))
                .bind(2, start).map((rs, ctx) -> {
                    int first = rs.getInt(1);
                    return rs.wasNull() ? Optional.<int[]>empty() : Optional.of(new int[] {first, rs.getInt(2)});
                }).one());
    }

    public int countByDocument(long documentId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM chunks WHERE document_id = ?").bind(0, documentId)
                .mapTo(Integer.class).one());
    }

    public static Chunk map(ResultSet rs) throws SQLException {
        int page = rs.getInt("page");
        Integer pageOrNull = rs.wasNull() ? null : page;
        int pageEnd = rs.getInt("page_end");
        Integer pageEndOrNull = rs.wasNull() ? null : pageEnd;
        return new Chunk(rs.getLong("id"), rs.getLong("document_id"), rs.getLong("collection_id"),
                rs.getInt("ordinal"), rs.getString("text"), rs.getString("heading_path"), pageOrNull, pageEndOrNull,
                rs.getInt("start_offset"), rs.getInt("end_offset"), contextOrNull(rs));
    }

    /** Queries that do not select the context column (written before it existed) still map. */
    private static String contextOrNull(ResultSet rs) throws SQLException {
        try {
            return rs.getString(rs.findColumn("context"));
        } catch (SQLException missing) {
            return null;
        }
    }

}
