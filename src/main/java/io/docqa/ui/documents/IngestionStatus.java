package io.docqa.ui.documents;

import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.docqa.app.collections.CollectionService;
import io.docqa.app.jobs.JobService;
import io.docqa.ingest.jobs.BatchSummary;
import io.docqa.security.Caller;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Counts and time left of the latest upload from the view, and of all the work still in flight in the chosen
 * collection wherever it came from (REST, the {@code ingest} command, the watched folder, another browser), so that
 * progress survives leaving the view and is there for uploads the view did not make.
 */
class IngestionStatus extends VerticalLayout {

    private final Span batchStatus = new Span();
    private final Span collectionActivity = new Span();
    private final Span vectorIndex = new Span();
    private final JobService jobs;
    private final CollectionService collections;
    private final Caller caller;

    IngestionStatus(JobService jobs, CollectionService collections, Caller caller) {
        this.jobs = jobs;
        this.collections = collections;
        this.caller = caller;
        vectorIndex.setId("vector-index-status");
        vectorIndex.addClassName("batch-status");
        vectorIndex.setVisible(false);
        batchStatus.setId("batch-status");
        batchStatus.addClassName("batch-status");
        collectionActivity.setId("collection-activity");
        collectionActivity.addClassName("batch-status");
        batchStatus.setVisible(false);
        collectionActivity.setVisible(false);
        setPadding(false);
        setSpacing(false);
        add(batchStatus, collectionActivity, vectorIndex);
    }

    /** Shows the state of {@code lastBatch} (may be null) and of the work in flight in the collection (may be null). */
    void refresh(String lastBatch, Long collectionId) {
        Optional<BatchSummary> batch = lastBatch == null ? Optional.empty() : jobs.findBatch(caller, lastBatch);
        batchStatus.setVisible(batch.isPresent());
        batch.ifPresent(b -> batchStatus.setText("Last upload: " + describe(b)));
        Optional<BatchSummary> inFlight = collectionId == null ? Optional.empty()
                : jobs.workInFlight(caller, collectionId);
        // the view's own upload, still running, is all there is: the line above says it already
        boolean onlyOwn = batch.isPresent() && batch.get().done() < batch.get().total()
                && inFlight.map(w -> w.total() == batch.get().total()).orElse(false);
        collectionActivity.setVisible(inFlight.isPresent() && !onlyOwn);
        inFlight.ifPresent(w -> collectionActivity.setText("Ingesting in this collection: " + describe(w)));
        // a bulk load builds the collection's search graph once at its end (ingest/index/BulkVectorIndex)
        String state = collectionId == null ? "READY" : collections.get(caller, collectionId).collection().vectorIndex();
        vectorIndex.setVisible(!state.equals("READY"));
        vectorIndex.setText(state.equals("BUILDING")
                ? "Building the collection's search graph after a bulk load; searches meanwhile compare every passage."
                : "Bulk load: the collection's search graph is built when the load is done; searches meanwhile "
                        + "compare every passage.");
    }

    private static String describe(BatchSummary b) {
        String eta = b.done() == b.total() ? "done" : etaText(b);
        return String.format(Locale.ROOT, "%d %s · %d ready · %d failed · %d in progress · %s",
                b.total(), b.total() == 1 ? "file" : "files", b.ready(), b.failed(), b.total() - b.done(), eta);
    }

    private static String etaText(BatchSummary b) {
        Long left = b.progressSum() < 0.05 * b.total() ? null : b.secondsLeft(Instant.now());
        if (left == null) {
            return "estimating time left…";
        }
        return left < 60 ? "about " + Math.max(1, left) + " s left" : "about " + (left + 59) / 60 + " min left";
    }
}
