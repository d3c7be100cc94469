package io.docqa.app.reviews;

import io.docqa.app.Callers;
import io.docqa.app.Throttle;
import io.docqa.app.UseCaseException;
import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentAttributes;
import io.docqa.corpus.DocumentCollection;
import io.docqa.corpus.DocumentFilter;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.DocumentStatus;
import io.docqa.review.Cell;
import io.docqa.review.ColumnKeys;
import io.docqa.review.Review;
import io.docqa.review.ReviewConfig;
import io.docqa.review.ReviewExporter;
import io.docqa.review.ReviewLimits;
import io.docqa.review.ReviewRepository;
import io.docqa.review.ReviewRepository.NewRow;
import io.docqa.review.ReviewRepository.RowFilter;
import io.docqa.review.ReviewRowData;
import io.docqa.review.ReviewTemplates;
import io.docqa.review.ReviewWorker;
import io.docqa.review.StoredColumn;
import io.docqa.review.cell.AnswerType;
import io.docqa.review.cell.ReviewColumn;
import io.docqa.security.AccessPolicy;
import io.docqa.security.Caller;
import io.docqa.security.RateLimiter;
import io.docqa.security.Role;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

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
    /** The pace of the last this many seconds estimates the time left. */
    static final int PACE_WINDOW_SECONDS = 120;
    /** The answer types as the API spells them, for error messages. */
    public static final List<String> TYPES = Arrays.stream(AnswerType.values()).map(AnswerType::wire).toList();
    /** Reasons a cell's rating may give (issue 19, like answer feedback). */
    public static final List<String> RATING_REASONS = List.of("wrong", "incomplete", "wrong_citation",
            "should_have_said_not_found", "other");

    private final Callers callers;
    private final Throttle throttle;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final ReviewRepository reviews;
    private final ReviewWorker worker;
    private final ReviewExporter exporter;
    private final ReviewConfig config;
    private final CollectionRepository collections;
    private final DocumentRepository documents;
    private final DocumentAttributes attributes;

    public ReviewService(Callers callers, Throttle throttle, AccessPolicy access, AuditLog audit,
            ReviewRepository reviews, ReviewWorker worker, ReviewExporter exporter, ReviewConfig config,
            CollectionRepository collections, DocumentRepository documents, DocumentAttributes attributes) {
        this.callers = callers;
        this.throttle = throttle;
        this.access = access;
        this.audit = audit;
        this.reviews = reviews;
        this.worker = worker;
        this.exporter = exporter;
        this.config = config;
        this.collections = collections;
        this.documents = documents;
        this.attributes = attributes;
    }

    /** Creates a review and queues its cells; refused (400) for bad columns, no documents or too many. */
    public ReviewDetails create(Caller claimed, NewReview input) {
        Caller caller = callers.current(claimed);
        if (input == null) {
            throw UseCaseException.invalid("Send {\"name\", \"collectionId\", \"documentIds\"?, \"filters\"?,"
                    + " \"columns\": [{\"name\", \"question\", \"type\", \"instructions\"?}] or \"templateId\"}.");
        }
        if (input.collectionId() == null) {
            throw UseCaseException.invalid("collectionId is required.");
        }
        DocumentCollection collection = writable(caller, input.collectionId());
        String name = name(input.name(), "name");
        List<ReviewColumn> columns = new ArrayList<>();
        String templateId = blankToNull(input.templateId());
        if (templateId != null) {
            columns.addAll(templateColumns(templateId));
        }
        columns.addAll(columns(input.columns(), columns.stream().map(ReviewColumn::key).toList()));
        if (columns.isEmpty()) {
            throw UseCaseException.invalid("A review needs at least one column: send \"columns\" or a \"templateId\".");
        }
        checkColumnCount(columns.size());
        List<NewRow> rows = rowsFor(collection, input.documentIds(), input.filters(), Set.of());
        if (rows.isEmpty()) {
            throw UseCaseException.invalid("The review has no documents: the collection has no ready document that"
                    + " matches. Upload documents or change the filters.");
        }
        throttle.count(caller, RateLimiter.Kind.EXPENSIVE, "review runs");
        Review review = reviews.create(name, collection.id(), caller.username(), templateId, columns, rows);
        worker.wakeUp();
        audit.record(caller.username(), AuditAction.REVIEW_CREATED, List.of(collection.id()), target(review.id()),
                detail("name", name, "documents", rows.size(), "columns", columns.size(), "cells",
                        (long) rows.size() * columns.size(), "templateId", templateId));
        return details(caller, review);
    }

    /** The reviews of the collections the caller may read (of one collection when {@code collectionId} is set). */
    public List<ReviewSummary> list(Caller claimed, Long collectionId) {
        Caller caller = callers.current(claimed);
        List<Long> readable = access.readableIds(caller);
        List<Long> scope = collectionId == null ? readable
                : readable.contains(collectionId) ? List.of(collectionId) : List.of();
        if (collectionId != null && scope.isEmpty()) {
            throw UseCaseException.notFound("No collection with id " + collectionId + ".");
        }
        return reviews.findByCollections(scope).stream().map(r -> summary(r, readable)).toList();
    }

    public ReviewDetails get(Caller claimed, long reviewId) {
        Caller caller = callers.current(claimed);
        return details(caller, readable(caller, reviewId));
    }

    /** A page of rows (documents the caller may read), each with its cells in column order. */
    public RowPage rows(Caller claimed, long reviewId, CellQuery query) {
        Caller caller = callers.current(claimed);
        Review review = readable(caller, reviewId);
        CellQuery q = query == null ? new CellQuery(null, null, null, null, null) : query;
        int offset = q.offset() == null ? 0 : q.offset();
        int limit = q.limit() == null ? DEFAULT_PAGE : q.limit();
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw UseCaseException.invalid("offset must be 0 or more and limit between 1 and " + MAX_PAGE + ".");
        }
        String column = blankToNull(q.column());
        if (column != null && columnsOf(review).stream().noneMatch(c -> c.key().equals(column))) {
            throw UseCaseException.invalid("The review has no column \"" + column + "\".");
        }
        String status = blankToNull(q.status());
        if (status != null) {
            status = status.toLowerCase(Locale.ROOT).replace(' ', '_');
            if (!ReviewRepository.STATUS_WORDS.contains(status)) {
                throw UseCaseException.invalid("Unknown status \"" + q.status() + "\"; one of: "
                        + String.join(", ", ReviewRepository.STATUS_WORDS) + ".");
            }
        }
        RowFilter filter = new RowFilter(column, status, blankToNull(q.text()));
        List<Long> readableIds = access.readableIds(caller);
        List<ReviewRow> rows = reviews.rows(review.id(), readableIds, filter, offset, limit).stream()
                .map(ReviewService::row).toList();
        return new RowPage(rows, reviews.countRows(review.id(), readableIds, filter));
    }

    /** One cell (for the side panel with the cited passage). */
    public ReviewCellView cell(Caller claimed, long reviewId, long documentId, String column) {
        Caller caller = callers.current(claimed);
        Review review = readable(caller, reviewId);
        return view(visibleCell(caller, review, documentId, column));
    }

    /** Override, verify, flag, comment or rate a cell; who and when is kept on the cell and in the audit log. */
    public ReviewCellView updateCell(Caller claimed, long reviewId, long documentId, String column, CellUpdate update) {
        Caller caller = callers.current(claimed);
        Review review = readable(caller, reviewId);
        Cell before = visibleCell(caller, review, documentId, column);
        requireEditor(caller, review);
        if (update == null) {
            throw UseCaseException.invalid("Send {\"value\"?, \"clearOverride\"?, \"verified\"?, \"flagged\"?,"
                    + " \"comment\"?, \"rating\"?, \"ratingReason\"?}.");
        }
        String value = update.value();
        if (value != null && value.length() > ReviewLimits.MAX_CELL_TEXT_CHARS) {
            throw UseCaseException.invalid("The value may be at most " + ReviewLimits.MAX_CELL_TEXT_CHARS + " characters.");
        }
        String comment = update.comment() == null ? null : update.comment().strip();
        if (comment != null && comment.length() > ReviewLimits.MAX_CELL_TEXT_CHARS) {
            throw UseCaseException.invalid("The comment may be at most " + ReviewLimits.MAX_CELL_TEXT_CHARS
                    + " characters.");
        }
        String rating = update.rating() == null ? null : update.rating().strip().toLowerCase(Locale.ROOT);
        if (rating != null && !rating.isEmpty() && !rating.equals("up") && !rating.equals("down")) {
            throw UseCaseException.invalid("rating must be \"up\" or \"down\" (or \"\" to remove it).");
        }
        String reason = blankToNull(update.ratingReason());
        if (reason != null && !RATING_REASONS.contains(reason)) {
            throw UseCaseException.invalid("Unknown ratingReason \"" + reason + "\"; one of: "
                    + String.join(", ", RATING_REASONS) + ".");
        }
        boolean clear = Boolean.TRUE.equals(update.clearOverride());
        if (value == null && !clear && update.verified() == null && update.flagged() == null && comment == null
                && rating == null) {
            throw UseCaseException.invalid("Nothing to change: send value, clearOverride, verified, flagged, comment"
                    + " or rating.");
        }
        Cell after = reviews.mark(review.id(), documentId, before.columnKey(), caller.username(),
                new ReviewRepository.Marks(value, clear, update.verified(), update.flagged(), comment, rating, reason))
                .orElseThrow(() -> noCell(documentId, column));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("documentId", documentId);
        detail.put("column", before.columnKey());
        if (value != null) {
            detail.put("override", value);
            detail.put("previous", before.shownValue());
            detail.put("computed", before.value());
        }
        if (clear) {
            detail.put("overrideCleared", true);
        }
        putIfSet(detail, "verified", update.verified());
        putIfSet(detail, "flagged", update.flagged());
        putIfSet(detail, "comment", comment);
        putIfSet(detail, "rating", rating);
        putIfSet(detail, "ratingReason", reason);
        audit.record(caller.username(), AuditAction.REVIEW_CELL_UPDATED, List.of(review.collectionId()),
                target(review.id()), detail);
        return view(after);
    }

    /** Adds columns; only their cells are computed. */
    public ReviewDetails addColumns(Caller claimed, long reviewId, List<ColumnInput> columns) {
        Caller caller = callers.current(claimed);
        Review review = editable(caller, reviewId);
        List<String> taken = columnsOf(review).stream().map(ReviewColumn::key).toList();
        List<ReviewColumn> added = columns(columns, taken);
        if (added.isEmpty()) {
            throw UseCaseException.invalid("Send at least one column: [{\"name\", \"question\", \"type\"}].");
        }
        checkColumnCount(taken.size() + added.size());
        throttle.count(caller, RateLimiter.Kind.EXPENSIVE, "review runs");
        int queued = reviews.addColumns(review.id(), added);
        worker.wakeUp();
        audit.record(caller.username(), AuditAction.REVIEW_RUN, List.of(review.collectionId()), target(review.id()),
                detail("run", "columns added", "columns", added.stream().map(ReviewColumn::key).toList(), "queued",
                        queued));
        return details(caller, review);
    }

    /**
     * Adds documents of the review's collection ({@code documentIds}, or when null every ready document not yet in
     * the review); only their cells are computed.
     */
    public ReviewDetails addDocuments(Caller claimed, long reviewId, List<Long> documentIds) {
        Caller caller = callers.current(claimed);
        Review review = editable(caller, reviewId);
        Set<Long> present = new HashSet<>(reviews.documentIds(review.id()));
        DocumentCollection collection = collections.findById(review.collectionId())
                .orElseThrow(() -> noReview(reviewId));
        List<NewRow> rows = rowsFor(collection, documentIds, null, present);
        if (present.size() + rows.size() > ReviewLimits.MAX_DOCUMENTS) {
            throw UseCaseException.invalid("A review may have at most " + ReviewLimits.MAX_DOCUMENTS
                    + " documents; it has " + present.size() + " and " + rows.size() + " would be added.");
        }
        throttle.count(caller, RateLimiter.Kind.EXPENSIVE, "review runs");
        int queued = rows.isEmpty() ? 0 : reviews.addRows(review.id(), rows);
        worker.wakeUp();
        audit.record(caller.username(), AuditAction.REVIEW_RUN, List.of(review.collectionId()), target(review.id()),
                detail("run", "documents added", "documents", rows.size(), "queued", queued));
        return details(caller, review);
    }

    /** Queues again a column, a row, one cell or the failed / cancelled cells. */
    public RerunResult rerun(Caller claimed, long reviewId, RerunInput input) {
        Caller caller = callers.current(claimed);
        Review review = editable(caller, reviewId);
        String column = input == null ? null : blankToNull(input.column());
        Long documentId = input == null ? null : input.documentId();
        boolean failed = input != null && Boolean.TRUE.equals(input.failed());
        if (column == null && documentId == null && !failed) {
            throw UseCaseException.invalid("Say what to re-run: {\"column\": key}, {\"documentId\": id} (both: one"
                    + " cell) or {\"failed\": true} for the cells that failed or were cancelled.");
        }
        if (column != null && columnsOf(review).stream().noneMatch(c -> c.key().equals(column))) {
            throw UseCaseException.invalid("The review has no column \"" + column + "\".");
        }
        if (documentId != null && !reviews.documentIds(review.id()).contains(documentId)) {
            throw UseCaseException.invalid("Document " + documentId + " is not in this review.");
        }
        throttle.count(caller, RateLimiter.Kind.EXPENSIVE, "review runs");
        int queued = reviews.requeue(review.id(), column, documentId, failed);
        worker.wakeUp();
        audit.record(caller.username(), AuditAction.REVIEW_RUN, List.of(review.collectionId()), target(review.id()),
                detail("run", "rerun", "column", column, "documentId", documentId, "failed", failed, "queued", queued));
        return new RerunResult(queued);
    }

    /** Cancels the cells not yet computed (cells being computed end as cancelled too); rerun with failed=true resumes. */
    public ReviewDetails cancel(Caller claimed, long reviewId) {
        Caller caller = callers.current(claimed);
        Review review = editable(caller, reviewId);
        int cancelled = reviews.cancel(review.id(), caller.username());
        audit.record(caller.username(), AuditAction.REVIEW_CANCELLED, List.of(review.collectionId()),
                target(review.id()), detail("cancelled", cancelled));
        return details(caller, reviews.find(review.id()).orElseThrow(() -> noReview(reviewId)));
    }

    /** Deletes a review with its cells (editors of its collection). */
    public void delete(Caller claimed, long reviewId) {
        Caller caller = callers.current(claimed);
        Review review = editable(caller, reviewId);
        reviews.delete(review.id());
        audit.record(caller.username(), AuditAction.REVIEW_DELETED, List.of(review.collectionId()),
                target(review.id()), detail("name", review.name()));
    }

    /** An export ({@code xlsx} or {@code csv}) of the rows the caller may read, checked and audited before it streams. */
    public ReviewExport export(Caller claimed, long reviewId, String format) {
        return export(claimed, reviewId, format, "");
    }

    /**
     * An export whose links back to the cells start with {@code requestBaseUrl} (the address the request came to)
     * unless {@code docqa.review.public-url} is set.
     */
    public ReviewExport export(Caller claimed, long reviewId, String format, String requestBaseUrl) {
        Caller caller = callers.current(claimed);
        Review review = readable(caller, reviewId);
        String f = format == null || format.isBlank() ? "xlsx" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("xlsx") && !f.equals("csv")) {
            throw UseCaseException.invalid("Unknown export format \"" + format + "\"; one of: xlsx, csv.");
        }
        throttle.count(caller, RateLimiter.Kind.EXPENSIVE, "exports");
        List<Long> readableIds = access.readableIds(caller);
        long rows = reviews.countRows(review.id(), readableIds, RowFilter.NONE);
        String base = trimSlash(config.publicUrl().filter(u -> !u.isBlank()).orElse(
                requestBaseUrl == null ? "" : requestBaseUrl));
        ReviewExporter.Source source = new ReviewExporter.Source(review.id(), review.name(), columnsOf(review), base,
                (offset, limit) -> reviews.rows(review.id(), readableIds, RowFilter.NONE, offset, limit));
        audit.record(caller.username(), AuditAction.REVIEW_EXPORTED, List.of(review.collectionId()),
                target(review.id()), detail("format", f, "rows", rows));
        String file = fileName(review) + "." + f;
        return f.equals("xlsx")
                ? new ReviewExport(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        out -> exporter.xlsx(source, out))
                : new ReviewExport(file, "text/csv; charset=UTF-8", out -> exporter.csv(source, out));
    }

    /** The built-in templates, then the saved ones. */
    public List<ReviewTemplateView> templates(Caller claimed) {
        callers.current(claimed);
        List<ReviewTemplateView> all = new ArrayList<>();
        ReviewTemplates.ALL.forEach(t -> all.add(new ReviewTemplateView(t.id(), t.name(), t.description(), true, null,
                inputs(t.columns()))));
        reviews.templates().forEach(t -> all.add(new ReviewTemplateView(Long.toString(t.id()), t.name(),
                t.description(), false, t.createdBy(), inputs(t.columns()))));
        return all;
    }

    /** Saves a template (editors and administrators). */
    public ReviewTemplateView createTemplate(Caller claimed, NewTemplate input) {
        Caller caller = callers.requireRole(claimed, Role.EDITOR);
        if (input == null) {
            throw UseCaseException.invalid("Send {\"name\", \"description\"?, \"columns\": [{\"name\", \"question\","
                    + " \"type\", \"instructions\"?}]}.");
        }
        String name = name(input.name(), "name");
        String description = blankToNull(input.description());
        if (description != null && description.length() > ReviewLimits.MAX_INSTRUCTIONS_CHARS) {
            throw UseCaseException.invalid("The description may be at most " + ReviewLimits.MAX_INSTRUCTIONS_CHARS
                    + " characters.");
        }
        List<ReviewColumn> columns = columns(input.columns(), List.of());
        if (columns.isEmpty()) {
            throw UseCaseException.invalid("A template needs at least one column.");
        }
        checkColumnCount(columns.size());
        throttle.count(caller, RateLimiter.Kind.EXPENSIVE, "templates");
        ReviewRepository.StoredTemplate t = reviews.saveTemplate(name, description, columns, caller.username());
        audit.record(caller.username(), AuditAction.REVIEW_TEMPLATE_CREATED, List.of(), "template:" + t.id(),
                detail("name", name, "columns", columns.size()));
        return new ReviewTemplateView(Long.toString(t.id()), t.name(), t.description(), false, t.createdBy(),
                inputs(t.columns()));
    }

    // --- access ---

    private Review readable(Caller caller, long reviewId) {
        return reviews.find(reviewId).filter(r -> access.mayRead(caller, r.collectionId()))
                .orElseThrow(() -> noReview(reviewId));
    }

    private Review editable(Caller caller, long reviewId) {
        Review review = readable(caller, reviewId);
        requireEditor(caller, review);
        return review;
    }

    private void requireEditor(Caller caller, Review review) {
        if (!access.mayWrite(caller, review.collectionId())) {
            throw UseCaseException.forbidden("You may read this review but not change or run it: that takes an editor"
                    + " of its collection.");
        }
    }

    private DocumentCollection writable(Caller caller, long collectionId) {
        DocumentCollection collection = collections.findById(collectionId)
                .filter(c -> access.mayRead(caller, c.id()))
                .orElseThrow(() -> UseCaseException.notFound("No collection with id " + collectionId + "."));
        if (!access.mayWrite(caller, collectionId)) {
            throw UseCaseException.forbidden("Creating a review takes an editor of the collection.");
        }
        return collection;
    }

    private Cell visibleCell(Caller caller, Review review, long documentId, String column) {
        String key = column == null ? "" : column;
        Cell cell = reviews.cell(review.id(), documentId, key).orElseThrow(() -> noCell(documentId, column));
        documents.findById(documentId).ifPresent(d -> {
            if (!access.mayRead(caller, d.collectionId())) {
                throw noCell(documentId, column);
            }
        });
        return cell;
    }

    private static UseCaseException noReview(long id) {
        return UseCaseException.notFound("No review with id " + id + ".");
    }

    private static UseCaseException noCell(long documentId, String column) {
        return UseCaseException.notFound("No cell for document " + documentId + " and column \"" + column + "\".");
    }

    // --- validation ---

    private List<ReviewColumn> templateColumns(String templateId) {
        var builtIn = ReviewTemplates.find(templateId);
        if (builtIn.isPresent()) {
            return builtIn.get().columns();
        }
        try {
            return reviews.template(Long.parseLong(templateId)).map(ReviewRepository.StoredTemplate::columns)
                    .orElseThrow(() -> unknownTemplate(templateId));
        } catch (NumberFormatException e) {
            throw unknownTemplate(templateId);
        }
    }

    private static UseCaseException unknownTemplate(String id) {
        return UseCaseException.invalid("Unknown templateId \"" + id + "\"; GET /api/review-templates lists them"
                + " (built in: " + ReviewTemplates.ALL.stream().map(ReviewTemplates.BuiltIn::id)
                        .collect(Collectors.joining(", ")) + ").");
    }

    /** Validates columns as given and gives each a key unique among {@code taken} and each other. */
    static List<ReviewColumn> columns(List<ColumnInput> inputs, List<String> taken) {
        if (inputs == null) {
            return List.of();
        }
        List<String> keys = new ArrayList<>(taken);
        List<ReviewColumn> out = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            ColumnInput in = inputs.get(i);
            String where = "columns[" + i + "]";
            if (in == null) {
                throw UseCaseException.invalid(where + " is empty.");
            }
            String question = in.question() == null ? "" : in.question().strip();
            if (question.isEmpty()) {
                throw UseCaseException.invalid(where + ".question is empty: say what to ask of every document.");
            }
            if (question.length() > ReviewLimits.MAX_QUESTION_CHARS) {
                throw UseCaseException.invalid(where + ".question has " + question.length() + " characters; at most "
                        + ReviewLimits.MAX_QUESTION_CHARS + " are allowed.");
            }
            AnswerType type = AnswerType.fromWire(in.type() == null ? "" : in.type())
                    .or(() -> AnswerType.fromWire(in.type() == null ? "" : in.type().replace('_', ' ')))
                    .orElseThrow(() -> UseCaseException.invalid(where + ".type \"" + in.type()
                            + "\" is not an answer type; one of: " + String.join(", ", TYPES) + "."));
            String name = blankToNull(in.name()) == null
                    ? question.substring(0, Math.min(60, question.length()))
                    : name(in.name(), where + ".name");
            String instructions = blankToNull(in.instructions());
            if (instructions != null && instructions.length() > ReviewLimits.MAX_INSTRUCTIONS_CHARS) {
                throw UseCaseException.invalid(where + ".instructions may be at most "
                        + ReviewLimits.MAX_INSTRUCTIONS_CHARS + " characters.");
            }
            String key = ColumnKeys.of(name, keys);
            keys.add(key);
            out.add(new ReviewColumn(key, name, question, type, instructions));
        }
        return out;
    }

    private static void checkColumnCount(int count) {
        if (count > ReviewLimits.MAX_COLUMNS) {
            throw UseCaseException.invalid("A review may have at most " + ReviewLimits.MAX_COLUMNS + " columns ("
                    + count + " asked).");
        }
    }

    private static String name(String raw, String field) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            throw UseCaseException.invalid(field + " is required.");
        }
        if (name.length() > ReviewLimits.MAX_NAME_CHARS) {
            throw UseCaseException.invalid(field + " may be at most " + ReviewLimits.MAX_NAME_CHARS + " characters.");
        }
        return name;
    }

    /**
     * The rows to add: the named documents (each must be a document of the collection; ready ones only), else the
     * ready documents matching the filters, else every ready document; minus those already present.
     */
    private List<NewRow> rowsFor(DocumentCollection collection, List<Long> ids, ReviewFilterInput filters,
            Set<Long> present) {
        if (ids != null && !ids.isEmpty()) {
            List<Long> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
            if (distinct.contains(null)) {
                throw UseCaseException.invalid("documentIds holds an empty id.");
            }
            if (distinct.size() > ReviewLimits.MAX_DOCUMENTS) {
                throw tooMany(distinct.size());
            }
            Map<Long, Document> inCollection = documents.findByCollection(collection.id()).stream()
                    .collect(Collectors.toMap(Document::id, Function.identity()));
            List<NewRow> rows = new ArrayList<>();
            for (Long id : distinct) {
                Document d = inCollection.get(id);
                if (d == null) {
                    throw UseCaseException.invalid("Document " + id + " is not in collection \"" + collection.name()
                            + "\".");
                }
                if (d.status() != DocumentStatus.READY) {
                    throw UseCaseException.invalid("Document " + id + " (" + d.name() + ") is not ready ("
                            + d.status().name().toLowerCase(Locale.ROOT) + "); add it once it is ingested.");
                }
                if (!present.contains(id)) {
                    rows.add(new NewRow(id, d.name()));
                }
            }
            return rows;
        }
        List<Document> ready = documents.findByCollection(collection.id()).stream()
                .filter(d -> d.status() == DocumentStatus.READY && !present.contains(d.id())).toList();
        if (filters != null) {
            DocumentFilter filter = new DocumentFilter(List.of(), filters.types(), date(filters.dateFrom(), "dateFrom"),
                    date(filters.dateTo(), "dateTo"), filters.tags());
            if (!filter.isEmpty()) {
                Set<Long> matching = new HashSet<>(attributes.matching(List.of(collection.id()), filter));
                ready = ready.stream().filter(d -> matching.contains(d.id())).toList();
            }
        }
        if (ready.size() + present.size() > ReviewLimits.MAX_DOCUMENTS && present.isEmpty()) {
            throw tooMany(ready.size());
        }
        return ready.stream().map(d -> new NewRow(d.id(), d.name())).toList();
    }

    private static UseCaseException tooMany(int count) {
        return UseCaseException.invalid("A review may have at most " + ReviewLimits.MAX_DOCUMENTS + " documents ("
                + count + " asked); choose fewer documents or narrow the filters.");
    }

    private static LocalDate date(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw UseCaseException.invalid("filters." + field + " must be a date such as 2024-03-31.");
        }
    }

    // --- views ---

    private List<ReviewColumn> columnsOf(Review review) {
        return reviews.columns(review.id()).stream().map(StoredColumn::column).toList();
    }

    private ReviewDetails details(Caller caller, Review review) {
        List<Long> readable = access.readableIds(caller);
        Map<String, ReviewRepository.Counts> counts = reviews.countsByColumn(review.id(), readable);
        List<ReviewColumnView> columns = reviews.columns(review.id()).stream().map(s -> {
            ReviewColumn c = s.column();
            ReviewRepository.Counts n = counts.getOrDefault(c.key(),
                    new ReviewRepository.Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
            return new ReviewColumnView(c.key(), c.name(), c.question(), c.type().wire(), c.instructions(),
                    s.position(), new ColumnCounts(n.supported(), n.notFound(), n.unsupported(), n.conflicting(),
                            n.error(), n.pending(), n.cancelled(), n.deleted(), n.verified(), n.flagged(),
                            n.overridden()));
        }).toList();
        return new ReviewDetails(summary(review, readable), columns, access.mayWrite(caller, review.collectionId()));
    }

    private ReviewSummary summary(Review review, List<Long> readable) {
        String collectionName = collections.findById(review.collectionId()).map(DocumentCollection::name).orElse("");
        int rows = (int) reviews.countRows(review.id(), readable, RowFilter.NONE);
        int columnCount = reviews.columns(review.id()).size();
        return new ReviewSummary(review.id(), review.name(), review.collectionId(), collectionName, review.createdBy(),
                review.createdAt(), rows, columnCount, progress(review));
    }

    private ReviewProgress progress(Review review) {
        ReviewRepository.Tally t = reviews.tally(review.id(), PACE_WINDOW_SECONDS);
        long pending = t.queued() + t.running();
        long finished = t.total() - pending;
        Long secondsLeft = null;
        if (pending > 0 && t.recentDone() > 0 && t.recentStart() != null) {
            double elapsed = Math.max(1, Duration.between(t.recentStart(), t.now()).toMillis()) / 1000.0;
            secondsLeft = Math.max(1, Math.round(pending / (t.recentDone() / elapsed)));
        }
        String state = pending > 0 ? "running" : review.cancelledAt() != null ? "cancelled" : "done";
        String text = finished + " of " + t.total() + " cells"
                + (pending == 0 ? (state.equals("cancelled") ? ", cancelled" : ", done")
                        : secondsLeft == null ? ", estimating the time left" : ", about " + human(secondsLeft) + " left");
        return new ReviewProgress(finished, t.total(), t.queued(), t.running(), t.failed(), secondsLeft, state, text);
    }

    static String human(long seconds) {
        if (seconds < 90) {
            return seconds + " s";
        }
        if (seconds < 90 * 60) {
            return Math.round(seconds / 60.0) + " min";
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }

    private static ReviewRow row(ReviewRowData data) {
        return new ReviewRow(data.documentId(), data.documentName(), data.documentDeleted(),
                data.cells().stream().map(ReviewService::view).toList());
    }

    static ReviewCellView view(Cell c) {
        return new ReviewCellView(c.documentId(), c.columnKey(), c.statusWord(), c.shownValue(), c.value(),
                c.normalized(), c.score(), c.quotes(), c.message(), c.override().set(), c.override().by(),
                c.override().at(), c.verified().set(), c.verified().by(), c.verified().at(), c.flagged().set(),
                c.flagged().by(), c.flagged().at(), c.commentText(), c.comment().by(), c.comment().at(), c.rating(),
                c.ratingReason(), c.rated().by(), c.rated().at(), c.attempts(), c.finishedAt());
    }

    private static List<ColumnInput> inputs(List<ReviewColumn> columns) {
        return columns.stream().map(c -> new ColumnInput(c.name(), c.question(), c.type().wire(), c.instructions()))
                .toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String trimSlash(String url) {
        String u = url.strip();
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    private static String fileName(Review review) {
        String base = review.name().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return "review-" + review.id() + (base.isEmpty() ? "" : "-" + base.substring(0, Math.min(60, base.length())));
    }

    private static String target(long reviewId) {
        return "review:" + reviewId;
    }

    private static void putIfSet(Map<String, Object> detail, String key, Object value) {
        if (value != null) {
            detail.put(key, value);
        }
    }

    private static Map<String, Object> detail(Object... pairs) {
        Map<String, Object> detail = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            detail.put((String) pairs[i], pairs[i + 1]);
        }
        return detail;
    }
}
