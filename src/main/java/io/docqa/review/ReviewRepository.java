package io.docqa.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.corpus.DataAccessException;
import io.docqa.review.cell.AnswerType;
import io.docqa.review.cell.CellQuote;
import io.docqa.review.cell.CellStatus;
import io.docqa.review.cell.ReviewColumn;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Reviews, their columns, rows (documents) and cells in PostgreSQL: what the application service reads and the
 * reviewer's marks it writes. The job side of the cells (claiming, leases, answers) is {@link CellQueue}'s.
 * <p>
 * Rows are visible to a caller when their document is in one of the collections the caller may read (or, for a
 * deleted document, when the review's collection is): callers pass those collection ids as {@code readable}.
 */
@ApplicationScoped
public class ReviewRepository {

    /** The cell columns every read selects, in the order {@link #cell} maps them. */
    static final String CELL_COLUMNS = "c.review_id, c.document_id, c.column_key, c.state, c.attempts, c.started_at,"
            + " c.finished_at, c.status, c.value, c.normalized, c.score, c.quotes::text, c.message, c.override_value,"
            + " c.overridden_by, c.overridden_at, c.verified_by, c.verified_at, c.flagged_by, c.flagged_at, c.comment,"
            + " c.comment_by, c.comment_at, c.rating, c.rating_reason, c.rated_by, c.rated_at";
    private static final String VISIBLE = "(d.id IS NULL AND r.collection_id = ANY(:readable)"
            + " OR d.collection_id = ANY(:readable))";
    private static final String ROWS_FROM = " FROM review_documents rd JOIN reviews r ON r.id = rd.review_id"
            + " LEFT JOIN documents d ON d.id = rd.document_id WHERE rd.review_id = :review AND " + VISIBLE;
    private static final TypeReference<List<CellQuote>> QUOTES = new TypeReference<>() {
    };

    private final Jdbi jdbi;
    private final ObjectMapper json;

    public ReviewRepository(Jdbi jdbi, ObjectMapper json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    /** A document of a review as it is added: its id and current name. */
    public record NewRow(long documentId, String documentName) {
    }

    /** Creates a review with its columns and rows and queues every cell, in one transaction. */
    public Review create(String name, long collectionId, String createdBy, String templateId, List<ReviewColumn> columns,
            List<NewRow> rows) {
        return jdbi.inTransaction(h -> {
            long id = h.createQuery("INSERT INTO reviews (name, collection_id, created_by, template_id)"
                    + " VALUES (?, ?, ?, ?) RETURNING id").bind(0, name).bind(1, collectionId).bind(2, createdBy)
                    .bind(3, templateId).mapTo(Long.class).one();
            insertColumns(h, id, columns, 0);
            insertRows(h, id, rows);
            queueMissing(h, id);
            return findReview(h, id).orElseThrow();
        });
    }

    /** Adds columns after the existing ones and queues only their cells; returns how many cells were queued. */
    public int addColumns(long reviewId, List<ReviewColumn> columns) {
        return jdbi.inTransaction(h -> {
            h.execute("SELECT id FROM reviews WHERE id = ? FOR UPDATE", reviewId);
            int next = h.createQuery("SELECT coalesce(max(position) + 1, 0) FROM review_columns WHERE review_id = ?")
                    .bind(0, reviewId).mapTo(Integer.class).one();
            insertColumns(h, reviewId, columns, next);
            return queueMissing(h, reviewId);
        });
    }

    /** Adds rows not yet in the review and queues only their cells; returns how many cells were queued. */
    public int addRows(long reviewId, List<NewRow> rows) {
        return jdbi.inTransaction(h -> {
            h.execute("SELECT id FROM reviews WHERE id = ? FOR UPDATE", reviewId);
            insertRows(h, reviewId, rows);
            return queueMissing(h, reviewId);
        });
    }

    private static void insertColumns(Handle h, long reviewId, List<ReviewColumn> columns, int firstPosition) {
        var batch = h.prepareBatch("INSERT INTO review_columns (review_id, column_key, position, name, question,"
                + " answer_type, instructions) VALUES (?, ?, ?, ?, ?, ?, ?)");
        int position = firstPosition;
        for (ReviewColumn c : columns) {
            batch.bind(0, reviewId).bind(1, c.key()).bind(2, position++).bind(3, c.name()).bind(4, c.question())
                    .bind(5, c.type().name()).bind(6, c.instructions()).add();
        }
        batch.execute();
    }

    private static void insertRows(Handle h, long reviewId, List<NewRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        h.createUpdate("INSERT INTO review_documents (review_id, document_id, document_name)"
                + " SELECT :review, * FROM unnest(:ids, :names) ON CONFLICT DO NOTHING").bind("review", reviewId)
                .bind("ids", rows.stream().map(NewRow::documentId).toArray(Long[]::new))
                .bind("names", rows.stream().map(NewRow::documentName).toArray(String[]::new)).execute();
    }

    /** Creates the cells that are missing (new columns × all rows, new rows × all columns) as QUEUED. */
    private static int queueMissing(Handle h, long reviewId) {
        return h.createUpdate("INSERT INTO review_cells (review_id, document_id, column_key, state)"
                + " SELECT rd.review_id, rd.document_id, col.column_key,"
                + " CASE WHEN rd.deleted_at IS NULL THEN 'QUEUED' ELSE 'DOCUMENT_DELETED' END"
                + " FROM review_documents rd JOIN review_columns col ON col.review_id = rd.review_id"
                + " WHERE rd.review_id = :review ON CONFLICT DO NOTHING").bind("review", reviewId).execute();
    }

    public Optional<Review> find(long id) {
        return jdbi.withHandle(h -> findReview(h, id));
    }

    private static Optional<Review> findReview(Handle h, long id) {
        return h.createQuery("SELECT * FROM reviews WHERE id = ?").bind(0, id).map((rs, ctx) -> review(rs)).findOne();
    }

    /** Reviews of the given collections, newest first. */
    public List<Review> findByCollections(Collection<Long> collectionIds) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM reviews WHERE collection_id = ANY(?)"
                + " ORDER BY created_at DESC, id DESC").bind(0, collectionIds.toArray(Long[]::new))
                .map((rs, ctx) -> review(rs)).list());
    }

    public List<StoredColumn> columns(long reviewId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM review_columns WHERE review_id = ? ORDER BY position")
                .bind(0, reviewId).map((rs, ctx) -> new StoredColumn(new ReviewColumn(rs.getString("column_key"),
                        rs.getString("name"), rs.getString("question"), AnswerType.valueOf(rs.getString("answer_type")),
                        rs.getString("instructions")), rs.getInt("position"))).list());
    }

    /** Ids of the documents already in the review. */
    public List<Long> documentIds(long reviewId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT document_id FROM review_documents WHERE review_id = ?"
                + " ORDER BY document_id").bind(0, reviewId).mapTo(Long.class).list());
    }

    /** How many rows and cells the review has in all. */
    public record Size(int rows, long cells) {
    }

    public Size size(long reviewId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT (SELECT count(*) FROM review_documents WHERE review_id = :r),"
                + " (SELECT count(*) FROM review_cells WHERE review_id = :r)").bind("r", reviewId)
                .map((rs, ctx) -> new Size(rs.getInt(1), rs.getLong(2))).one());
    }

    /** How many cells are in each state, over the whole review, and the recent pace of finished cells. */
    public record Tally(long queued, long running, long done, long failed, long cancelled, long deleted,
            long recentDone, Instant recentStart, Instant now) {

        public long total() {
            return queued + running + done + cancelled + deleted;
        }
    }

    /** The whole review's cells by state, and how many finished in the last {@code recentSeconds}. */
    public Tally tally(long reviewId, int recentSeconds) {
        String sql = "SELECT count(*) FILTER (WHERE state = 'QUEUED'), count(*) FILTER (WHERE state = 'RUNNING'),"
                + " count(*) FILTER (WHERE state = 'DONE'), count(*) FILTER (WHERE state = 'DONE' AND status = 'ERROR'),"
                + " count(*) FILTER (WHERE state = 'CANCELLED'), count(*) FILTER (WHERE state = 'DOCUMENT_DELETED'),"
                + " count(*) FILTER (WHERE state = 'DONE' AND finished_at > now() - make_interval(secs => :recent)),"
                + " min(started_at) FILTER (WHERE state = 'DONE' AND finished_at > now() - make_interval(secs => :recent)),"
                + " now() FROM review_cells WHERE review_id = :review";
        return jdbi.withHandle(h -> h.createQuery(sql).bind("review", reviewId).bind("recent", recentSeconds)
                .map((rs, ctx) -> new Tally(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)))).one());
    }

    /** Per column (by key), how many of the visible cells are in each status / carry each mark. */
    public record Counts(long supported, long notFound, long unsupported, long conflicting, long error, long pending,
            long cancelled, long deleted, long verified, long flagged, long overridden) {
    }

    public Map<String, Counts> countsByColumn(long reviewId, Collection<Long> readable) {
        String sql = "SELECT c.column_key,"
                + " count(*) FILTER (WHERE c.state = 'DONE' AND c.status = 'SUPPORTED'),"
                + " count(*) FILTER (WHERE c.state = 'DONE' AND c.status = 'NOT_FOUND'),"
                + " count(*) FILTER (WHERE c.state = 'DONE' AND c.status = 'UNSUPPORTED'),"
                + " count(*) FILTER (WHERE c.state = 'DONE' AND c.status = 'CONFLICTING'),"
                + " count(*) FILTER (WHERE c.state = 'DONE' AND c.status = 'ERROR'),"
                + " count(*) FILTER (WHERE c.state IN ('QUEUED', 'RUNNING')),"
                + " count(*) FILTER (WHERE c.state = 'CANCELLED'),"
                + " count(*) FILTER (WHERE c.state = 'DOCUMENT_DELETED'),"
                + " count(*) FILTER (WHERE c.verified_at IS NOT NULL),"
                + " count(*) FILTER (WHERE c.flagged_at IS NOT NULL),"
                + " count(*) FILTER (WHERE c.overridden_at IS NOT NULL)"
                + " FROM review_cells c JOIN reviews r ON r.id = c.review_id LEFT JOIN documents d ON d.id = c.document_id"
                + " WHERE c.review_id = :review AND " + VISIBLE + " GROUP BY c.column_key";
        return jdbi.withHandle(h -> h.createQuery(sql).bind("review", reviewId)
                .bind("readable", readable.toArray(Long[]::new))
                .reduceResultSet(new LinkedHashMap<String, Counts>(), (out, rs, ctx) -> {
                    out.put(rs.getString(1), new Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
                            rs.getLong(12)));
                    return out;
                }));
    }

    /** Which rows to read: optionally those with a cell (of {@code column}) in a status or whose value contains text. */
    public record RowFilter(String column, String statusWord, String text) {
        public static final RowFilter NONE = new RowFilter(null, null, null);

        boolean isEmpty() {
            return column == null && statusWord == null && text == null;
        }
    }

    /** How many visible rows match. */
    public long countRows(long reviewId, Collection<Long> readable, RowFilter filter) {
        return jdbi.withHandle(h -> bindRows(h.createQuery("SELECT count(*)" + ROWS_FROM + rowFilter(filter)),
                reviewId, readable, filter).mapTo(Long.class).one());
    }

    /** One page of the visible rows matching, by document name then id, each with its cells in column order. */
    public List<ReviewRowData> rows(long reviewId, Collection<Long> readable, RowFilter filter, int offset, int limit) {
        String sql = "SELECT rd.document_id, rd.document_name, rd.deleted_at IS NOT NULL OR d.id IS NULL" + ROWS_FROM
                + rowFilter(filter) + " ORDER BY rd.document_name, rd.document_id OFFSET :offset LIMIT :limit";
        return jdbi.withHandle(h -> {
            List<ReviewRowData> heads = bindRows(h.createQuery(sql), reviewId, readable, filter).bind("offset", offset)
                    .bind("limit", limit).map((rs, ctx) -> new ReviewRowData(rs.getLong(1), rs.getString(2),
                            rs.getBoolean(3), new ArrayList<>())).list();
            if (heads.isEmpty()) {
                return heads;
            }
            Map<Long, List<Cell>> byDocument = new LinkedHashMap<>();
            heads.forEach(r -> byDocument.put(r.documentId(), r.cells()));
            h.createQuery("SELECT " + CELL_COLUMNS + " FROM review_cells c JOIN review_columns col"
                    + " ON col.review_id = c.review_id AND col.column_key = c.column_key"
                    + " WHERE c.review_id = :review AND c.document_id = ANY(:ids) ORDER BY c.document_id, col.position")
                    .bind("review", reviewId).bind("ids", byDocument.keySet().toArray(Long[]::new))
                    .map((rs, ctx) -> cell(rs)).forEach(c -> byDocument.get(c.documentId()).add(c));
            return heads.stream().map(r -> new ReviewRowData(r.documentId(), r.documentName(), r.documentDeleted(),
                    List.copyOf(r.cells()))).toList();
        });
    }

    private static Query bindRows(Query q, long reviewId, Collection<Long> readable, RowFilter filter) {
        q.bind("review", reviewId).bind("readable", readable.toArray(Long[]::new));
        if (filter.column() != null) {
            q.bind("column", filter.column());
        }
        if (filter.text() != null) {
            q.bind("text", "%" + filter.text().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        return q;
    }

    private static String rowFilter(RowFilter filter) {
        if (filter.isEmpty()) {
            return "";
        }
        StringBuilder sql = new StringBuilder(" AND EXISTS (SELECT 1 FROM review_cells f WHERE f.review_id = rd.review_id"
                + " AND f.document_id = rd.document_id");
        if (filter.column() != null) {
            sql.append(" AND f.column_key = :column");
        }
        if (filter.statusWord() != null) {
            sql.append(" AND ").append(statusCondition("f", filter.statusWord()));
        }
        if (filter.text() != null) {
            sql.append(" AND lower(coalesce(CASE WHEN f.overridden_at IS NOT NULL THEN f.override_value END, f.value))"
                    + " LIKE :text");
        }
        return sql.append(')').toString();
    }

    /** The SQL condition for a status word of {@link Cell#statusWord()}; the word must be one of {@link #STATUS_WORDS}. */
    static String statusCondition(String alias, String word) {
        if (!STATUS_WORDS.contains(word)) {
            throw new IllegalArgumentException(word);
        }
        String upper = word.toUpperCase(Locale.ROOT);
        for (CellStatus s : CellStatus.values()) {
            if (s.name().equals(upper)) {
                return alias + ".state = 'DONE' AND " + alias + ".status = '" + upper + "'";
            }
        }
        return alias + ".state = '" + upper + "'";
    }

    /** Every status word a cell can have, as the API spells them. */
    public static final List<String> STATUS_WORDS = List.of("queued", "running", "supported", "not_found",
            "unsupported", "conflicting", "error", "cancelled", "document_deleted");

    public Optional<Cell> cell(long reviewId, long documentId, String columnKey) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + CELL_COLUMNS + " FROM review_cells c WHERE"
                + " c.review_id = ? AND c.document_id = ? AND c.column_key = ?").bind(0, reviewId).bind(1, documentId)
                .bind(2, columnKey).map((rs, ctx) -> cell(rs)).findOne());
    }

    /** A reviewer's change to a cell; null fields are left as they are (see the service for the meaning of each). */
    public record Marks(String overrideValue, boolean clearOverride, Boolean verified, Boolean flagged, String comment,
            String rating, String ratingReason) {
    }

    /** Applies the reviewer's marks, each stamped with {@code by} and now; returns the updated cell. */
    public Optional<Cell> mark(long reviewId, long documentId, String columnKey, String by, Marks m) {
        List<String> sets = new ArrayList<>();
        if (m.overrideValue() != null) {
            sets.add("override_value = :override, overridden_by = :by, overridden_at = now()");
        } else if (m.clearOverride()) {
            sets.add("override_value = NULL, overridden_by = NULL, overridden_at = NULL");
        }
        if (m.verified() != null) {
            sets.add(m.verified() ? "verified_by = :by, verified_at = now()" : "verified_by = NULL, verified_at = NULL");
        }
        if (m.flagged() != null) {
            sets.add(m.flagged() ? "flagged_by = :by, flagged_at = now()" : "flagged_by = NULL, flagged_at = NULL");
        }
        if (m.comment() != null) {
            sets.add(m.comment().isEmpty() ? "comment = NULL, comment_by = NULL, comment_at = NULL"
                    : "comment = :comment, comment_by = :by, comment_at = now()");
        }
        if (m.rating() != null) {
            sets.add(m.rating().isEmpty() ? "rating = NULL, rating_reason = NULL, rated_by = NULL, rated_at = NULL"
                    : "rating = :rating, rating_reason = :reason, rated_by = :by, rated_at = now()");
        }
        if (!sets.isEmpty()) {
            String sql = "UPDATE review_cells SET " + String.join(", ", sets)
                    + " WHERE review_id = :review AND document_id = :document AND column_key = :column";
            jdbi.useHandle(h -> h.createUpdate(sql).bind("review", reviewId).bind("document", documentId)
                    .bind("column", columnKey).bind("by", by).bind("override", m.overrideValue())
                    .bind("comment", m.comment()).bind("rating", m.rating()).bind("reason", m.ratingReason())
                    .execute());
        }
        return cell(reviewId, documentId, columnKey);
    }

    /**
     * Queues again the cells of a column, a row (both: one cell) or, with {@code failedOnly}, those that ended in error
     * or were cancelled; cells of deleted documents stay as they are. The computed answer is cleared, the reviewer's
     * verified mark too (it was about the old value); overrides, flags and comments stay. Returns how many.
     */
    public int requeue(long reviewId, String columnKey, Long documentId, boolean failedOnly) {
        StringBuilder sql = new StringBuilder("UPDATE review_cells SET state = 'QUEUED', attempts = 0,"
                + " next_attempt_at = now(), queued_at = now(), owner = NULL, lease_until = NULL, started_at = NULL,"
                + " finished_at = NULL, status = NULL, value = NULL, normalized = NULL, score = NULL, quotes = NULL,"
                + " message = NULL, verified_by = NULL, verified_at = NULL"
                + " WHERE review_id = :review AND state <> 'DOCUMENT_DELETED'");
        if (columnKey != null) {
            sql.append(" AND column_key = :column");
        }
        if (documentId != null) {
            sql.append(" AND document_id = :document");
        }
        if (failedOnly) {
            sql.append(" AND (state = 'CANCELLED' OR state = 'DONE' AND status = 'ERROR')");
        }
        return jdbi.inTransaction(h -> {
            h.execute("UPDATE reviews SET cancelled_by = NULL, cancelled_at = NULL WHERE id = ?", reviewId);
            return h.createUpdate(sql.toString()).bind("review", reviewId).bind("column", columnKey)
                    .bind("document", documentId).execute();
        });
    }

    /** Cancels the cells still to compute (a cell being computed is dropped when its worker ends); returns how many. */
    public int cancel(long reviewId, String by) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("UPDATE reviews SET cancelled_by = :by, cancelled_at = now() WHERE id = :review")
                    .bind("by", by).bind("review", reviewId).execute();
            return h.createUpdate("UPDATE review_cells SET state = 'CANCELLED', owner = NULL, lease_until = NULL,"
                    + " finished_at = now(), message = 'Cancelled by ' || :by"
                    + " WHERE review_id = :review AND state IN ('QUEUED', 'RUNNING')").bind("by", by)
                    .bind("review", reviewId).execute();
        });
    }

    public boolean delete(long reviewId) {
        return jdbi.withHandle(h -> h.execute("DELETE FROM reviews WHERE id = ?", reviewId)) == 1;
    }

    /** A saved template as stored. */
    public record StoredTemplate(long id, String name, String description, List<ReviewColumn> columns, String createdBy) {
    }

    public StoredTemplate saveTemplate(String name, String description, List<ReviewColumn> columns, String createdBy) {
        String body = write(columns.stream().map(c -> Map.of("key", c.key(), "name", c.name(), "question",
                c.question(), "type", c.type().name(), "instructions", c.instructions() == null ? "" : c.instructions()))
                .toList());
        long id = jdbi.withHandle(h -> h.createQuery("INSERT INTO review_templates (name, description, columns,"
                + " created_by) VALUES (?, ?, ?::jsonb, ?) RETURNING id").bind(0, name).bind(1, description)
                .bind(2, body).bind(3, createdBy).mapTo(Long.class).one());
        return new StoredTemplate(id, name, description, columns, createdBy);
    }

    public List<StoredTemplate> templates() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, description, columns::text, created_by"
                + " FROM review_templates ORDER BY name, id").map((rs, ctx) -> template(rs)).list());
    }

    public Optional<StoredTemplate> template(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, name, description, columns::text, created_by"
                + " FROM review_templates WHERE id = ?").bind(0, id).map((rs, ctx) -> template(rs)).findOne());
    }

    private StoredTemplate template(ResultSet rs) throws SQLException {
        List<Map<String, String>> raw = read(rs.getString(4), new TypeReference<>() {
        });
        List<ReviewColumn> columns = raw.stream().map(m -> new ReviewColumn(m.get("key"), m.get("name"),
                m.get("question"), AnswerType.valueOf(m.get("type")),
                m.get("instructions") == null || m.get("instructions").isEmpty() ? null : m.get("instructions")))
                .toList();
        return new StoredTemplate(rs.getLong(1), rs.getString(2), rs.getString(3), columns, rs.getString(5));
    }

    private static Review review(ResultSet rs) throws SQLException {
        return new Review(rs.getLong("id"), rs.getString("name"), rs.getLong("collection_id"),
                rs.getString("created_by"), instant(rs.getTimestamp("created_at")), rs.getString("template_id"),
                rs.getString("cancelled_by"), instant(rs.getTimestamp("cancelled_at")));
    }

    Cell cell(ResultSet rs) throws SQLException {
        String status = rs.getString(8);
        String quotes = rs.getString(12);
        double score = rs.getDouble(11);
        Double scoreOrNull = rs.wasNull() ? null : score;
        return new Cell(rs.getLong(1), rs.getLong(2), rs.getString(3), CellState.valueOf(rs.getString(4)), rs.getInt(5),
                instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7)), status == null ? null : CellStatus.valueOf(status),
                rs.getString(9), rs.getString(10), scoreOrNull, quotes == null ? List.of() : read(quotes, QUOTES),
                rs.getString(13), mark(rs, 15), rs.getString(14), mark(rs, 17), mark(rs, 19), mark(rs, 22),
                rs.getString(21), mark(rs, 26), rs.getString(24), rs.getString(25));
    }

    private static Cell.Mark mark(ResultSet rs, int byColumn) throws SQLException {
        return new Cell.Mark(rs.getString(byColumn), instant(rs.getTimestamp(byColumn + 1)));
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new DataAccessException("Could not write JSON", e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new DataAccessException("Could not read stored JSON", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
