package io.docqa.ui.documents;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.SortDirection;
import io.docqa.app.documents.DocumentOrder;
import io.docqa.app.documents.DocumentRow;
import io.docqa.app.documents.DocumentService;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentStatus;
import io.docqa.ingest.jobs.JobState;
import io.docqa.security.Caller;
import io.docqa.ui.Refusals;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The documents of one collection with their status, progress and warnings. Rows are fetched a page at a time
 * (sorted by the database), so a collection of any size shows at once; cancel and delete go through the
 * {@link DocumentService}.
 */
class DocumentGrid extends Grid<DocumentRow> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final DocumentService documents;
    private final Caller caller;
    private Long shown;

    DocumentGrid(DocumentService documents, Caller caller) {
        super(DocumentRow.class, false);
        this.documents = documents;
        this.caller = caller;
        addColumn(r -> r.document().name()).setHeader("Name").setFlexGrow(3).setSortable(true).setSortProperty("name");
        addComponentColumn(DocumentGrid::statusOf).setHeader("Status").setFlexGrow(3);
        addComponentColumn(this::progressOf).setHeader("Progress").setWidth("11em").setFlexGrow(1);
        addColumn(r -> r.document().pages() == null ? "" : r.document().pages()).setHeader("Pages").setAutoWidth(true);
        addColumn(r -> r.document().chunks()).setHeader("Chunks").setAutoWidth(true);
        addColumn(r -> TIME.format(r.document().createdAt())).setHeader("Uploaded").setAutoWidth(true);
        addComponentColumn(this::deleteButton).setAutoWidth(true).setFlexGrow(0);
        setEmptyStateText("No documents yet: drop files above to upload them.");
        setWidthFull();
        setId("documents-grid");
    }

    /** Shows this collection (null: none); the same one again is fetched anew, only the rows in view. */
    void show(Long collectionId) {
        if (!Objects.equals(collectionId, shown)) {
            shown = collectionId;
            setItems(new CallbackDataProvider<>(this::fetchPage,
                    query -> shown == null ? 0 : documents.count(caller, shown), row -> row.document().id()));
        } else {
            getDataProvider().refreshAll();
        }
    }

    private void refresh() {
        show(shown);
    }

    private Stream<DocumentRow> fetchPage(Query<DocumentRow, Void> query) {
        Long id = shown;
        DocumentOrder order = query.getSortOrders().stream().findFirst()
                .map(o -> o.getDirection() == SortDirection.DESCENDING ? DocumentOrder.NAME_DESCENDING : DocumentOrder.NAME)
                .orElse(DocumentOrder.UPLOADED);
        int offset = query.getOffset();
        int limit = query.getLimit();
        return id == null ? Stream.empty() : documents.rows(caller, id, order, offset, limit).stream();
    }

    private Component progressOf(DocumentRow r) {
        Document d = r.document();
        JobState job = r.job();
        if (job == null || d.status().isFinal()) {
            return new Span();
        }
        ProgressBar bar = new ProgressBar(0, 1, job.progress());
        bar.setWidthFull();
        bar.addClassName("doc-progress");
        Span stage = new Span(stageLabel(job));
        Button cancel = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> {
            Refusals.run(() -> documents.cancel(caller, d.id()));
            refresh();
        });
        cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        cancel.setAriaLabel("Cancel " + d.name());
        cancel.setTooltipText("Cancel ingestion");
        // the bar over the stage and the cancel button: all of it fits the column, the stage text is never cut
        HorizontalLayout row = new HorizontalLayout(stage, cancel);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        row.setSpacing(false);
        return column(bar, row);
    }

    private static String stageLabel(JobState job) {
        String stage = switch (job.stage() == null ? "QUEUED" : job.stage()) {
            case "PARSING" -> "reading";
            case "CHUNKING" -> "splitting";
            case "EMBEDDING" -> "embedding";
            case "STORING" -> "indexing";
            case "RETRY" -> "retry " + (job.attempts() + 1) + " soon";
            default -> "queued";
        };
        return job.status() == DocumentStatus.PROCESSING ? stage + " " + Math.round(job.progress() * 100) + "%" : stage;
    }

    private static Component statusOf(DocumentRow r) {
        Document d = r.document();
        String label = switch (d.status()) {
            case QUEUED -> "Queued";
            case PROCESSING -> "Processing…";
            case READY -> "Ready";
            case FAILED -> "Failed: " + d.error();
        };
        Span s = new Span(label);
        s.addClassName("status-" + d.status().name());
        if (d.status() == DocumentStatus.FAILED) {
            s.addClassName("doc-error");
        }
        List<String> notes = d.status() == DocumentStatus.READY ? r.warnings() : List.of();
        if (notes.isEmpty()) {
            return s;
        }
        // usable but incomplete: each warning as a visible badge with its text
        VerticalLayout cell = column(s);
        for (String note : notes) {
            Span badge = new Span(VaadinIcon.WARNING.create(), new Span(note));
            badge.getElement().getThemeList().add("badge warning");
            badge.addClassName("doc-warning");
            badge.getStyle().set("white-space", "normal").set("max-width", "100%").set("box-sizing", "border-box")
                    .set("overflow-wrap", "anywhere").set("height", "auto");
            cell.add(badge);
        }
        return cell;
    }

    private static VerticalLayout column(Component... parts) {
        VerticalLayout cell = new VerticalLayout(parts);
        cell.setPadding(false);
        cell.setSpacing(false);
        cell.setWidthFull();
        return cell;
    }

    private Button deleteButton(DocumentRow r) {
        Document d = r.document();
        Button delete = new Button(VaadinIcon.TRASH.create(), e -> {
            ConfirmDialog confirm = new ConfirmDialog("Delete " + d.name() + "?",
                    "It will disappear from search and answers at once.", "Delete", ev -> {
                        Refusals.run(() -> documents.delete(caller, d.id()));
                        refresh();
                    });
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("error primary");
            confirm.open();
        });
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        delete.setAriaLabel("Delete " + d.name());
        return delete;
    }
}
