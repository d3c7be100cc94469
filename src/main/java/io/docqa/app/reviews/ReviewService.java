package io.docqa.app.reviews;

import io.docqa.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Review tables as use cases. Every method takes the caller explicitly and acts on their current role and
 * memberships: a review belongs to its collection, so readers of the collection see it (only the rows of documents
 * they can read), editors of the collection (global role EDITOR or ADMIN) create, change and run it; anyone else is
 * told there is no such review (404). Runs (create, add columns or documents, rerun, cancel) and exports are
 * rate-limited and audited.
 */
@ApplicationScoped
public class ReviewService {

    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 1_000;

    /** Creates a review and queues its cells; refused (400) for bad columns, no documents or too many. */
    public ReviewDetails create(Caller claimed, NewReview input) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The reviews of the collections the caller may read (of one collection when {@code collectionId} is set). */
    public List<ReviewSummary> list(Caller claimed, Long collectionId) {
        throw new UnsupportedOperationException("not yet");
    }

    public ReviewDetails get(Caller claimed, long reviewId) {
        throw new UnsupportedOperationException("not yet");
    }

    /** A page of rows (documents the caller may read), each with its cells in column order. */
    public RowPage rows(Caller claimed, long reviewId, CellQuery query) {
        throw new UnsupportedOperationException("not yet");
    }

    /** One cell (for the side panel with the cited passage). */
    public ReviewCellView cell(Caller claimed, long reviewId, long documentId, String column) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Override, verify, flag, comment or rate a cell; who and when is kept on the cell and in the audit log. */
    public ReviewCellView updateCell(Caller claimed, long reviewId, long documentId, String column, CellUpdate update) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Adds columns; only their cells are computed. */
    public ReviewDetails addColumns(Caller claimed, long reviewId, List<ColumnInput> columns) {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Adds documents of the review's collection ({@code documentIds}, or when null every ready document not yet in
     * the review); only their cells are computed.
     */
    public ReviewDetails addDocuments(Caller claimed, long reviewId, List<Long> documentIds) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Queues again a column, a row, one cell or the failed / cancelled cells. */
    public RerunResult rerun(Caller claimed, long reviewId, RerunInput input) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Cancels the cells not yet computed (cells being computed end as cancelled too); rerun with failed=true resumes. */
    public ReviewDetails cancel(Caller claimed, long reviewId) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Deletes a review with its cells (editors of its collection). */
    public void delete(Caller claimed, long reviewId) {
        throw new UnsupportedOperationException("not yet");
    }

    /** An export ({@code xlsx} or {@code csv}) of the rows the caller may read, checked and audited before it streams. */
    public ReviewExport export(Caller claimed, long reviewId, String format) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The built-in templates, then the saved ones. */
    public List<ReviewTemplateView> templates(Caller claimed) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Saves a template (editors and administrators). */
    public ReviewTemplateView createTemplate(Caller claimed, NewTemplate input) {
        throw new UnsupportedOperationException("not yet");
    }
}
