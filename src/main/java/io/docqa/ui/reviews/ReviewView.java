package io.docqa.ui.reviews;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.docqa.app.UseCaseException;
import io.docqa.app.ask.SourceService;
import io.docqa.app.documents.DocumentDetails;
import io.docqa.app.documents.DocumentService;
import io.docqa.app.reviews.CellQuery;
import io.docqa.app.reviews.CellUpdate;
import io.docqa.app.reviews.RerunInput;
import io.docqa.app.reviews.RerunResult;
import io.docqa.app.reviews.ReviewCellView;
import io.docqa.app.reviews.ReviewColumnView;
import io.docqa.app.reviews.ReviewDetails;
import io.docqa.app.reviews.ReviewExport;
import io.docqa.app.reviews.ReviewRow;
import io.docqa.app.reviews.ReviewService;
import io.docqa.security.Caller;
import io.docqa.ui.CurrentUser;
import io.docqa.ui.MainLayout;
import io.docqa.ui.Polling;
import io.docqa.ui.Refusals;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One review: its progress (live while computing), the table of documents × questions with a colour per cell, filters
 * by value and status, and the selected cell in a side panel with its quote highlighted in the document. Editors get
 * add column / documents, re-run and cancel; everyone who sees the review can export what they may read. Every rule
 * (who sees which rows, who may change what) is the {@link ReviewService}'s.
 */
@Route(value = "reviews/:reviewId", layout = MainLayout.class)
@PageTitle("Review · DocQA")
@PermitAll
public class ReviewView extends VerticalLayout implements BeforeEnterObserver {

    /** Status filter choices, as the service's filter spells them. */
    static final List<String> STATUS_FILTERS = List.of("supported", "not_found", "unsupported", "conflicting", "error",
            "queued", "running", "cancelled", "document_deleted");

    private final ReviewService reviews;
    private final DocumentService documents;
    private final Caller caller;
    private final H2 title = new H2();
    private final Span progress = new Span();
    private final HorizontalLayout toolbar = new HorizontalLayout();
    private final TextField text = new TextField();
    private final Select<String> status = new Select<>();
    private final Select<String> inColumn = new Select<>();
    private final CellPanel panel;
    private ReviewGrid grid;
    private long reviewId;
    private ReviewDetails details;
    private ReviewRow selectedRow;
    private String selectedColumn;
    private ReviewCellView shownCell;
    private boolean wasRunning;

    public ReviewView(ReviewService reviews, SourceService sources, DocumentService documents) {
        this.reviews = reviews;
        this.documents = documents;
        this.caller = CurrentUser.get();
        this.panel = new CellPanel(sources, caller, () -> {
            shownCell = null;
            selectedRow = null;
            grid.select(null, null);
        });
        addClassName("review-view");
        setSizeFull();
        progress.addClassName("review-progress");
        progress.setId("review-progress");
        Polling.whileAttached(this, ReviewsView.POLL_MILLIS, this::poll);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<Long> id = event.getRouteParameters().getLong("reviewId");
        details = id.map(i -> Refusals.get(() -> reviews.get(caller, i))).orElse(null);
        if (details == null) {
            event.forwardTo(ReviewsView.class);
            return;
        }
        reviewId = details.summary().id();
        build();
        // a link back from an export names one cell: it opens in the side panel
        Map<String, List<String>> query = event.getLocation().getQueryParameters().getParameters();
        String column = query.getOrDefault("column", List.of()).stream().findFirst().orElse(null);
        Long document = query.getOrDefault("document", List.of()).stream().findFirst().map(ReviewView::parseId).orElse(null);
        if (column != null && document != null && grid.column(column).isPresent()) {
            DocumentDetails doc = Refusals.get(() -> documents.get(caller, document));
            if (doc != null) {
                select(new ReviewRow(document, doc.document().name(), false, List.of()), column);
            }
        }
    }

    private static Long parseId(String s) {
        try {
            return Long.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void build() {
        removeAll();
        title.setText(details.summary().name());
        RouterLink back = new RouterLink("← Reviews", ReviewsView.class);
        Span collection = new Span(details.summary().collectionName());
        collection.addClassName("review-progress");
        HorizontalLayout head = new HorizontalLayout(back, title, collection);
        head.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        text.setPlaceholder("Filter by value");
        text.setClearButtonVisible(true);
        text.setValueChangeMode(ValueChangeMode.LAZY);
        text.setId("review-filter-text");
        text.addValueChangeListener(e -> refreshRows());
        status.setItems(STATUS_FILTERS);
        status.setItemLabelGenerator(s -> s == null ? "" : ReviewGrid.statusLabel(s));
        status.setEmptySelectionAllowed(true);
        status.setEmptySelectionCaption("Any status");
        status.setPlaceholder("Any status");
        status.setId("review-filter-status");
        status.addValueChangeListener(e -> refreshRows());
        inColumn.setEmptySelectionAllowed(true);
        inColumn.setEmptySelectionCaption("Any column");
        inColumn.setPlaceholder("Any column");
        inColumn.setId("review-filter-column");
        inColumn.addValueChangeListener(e -> refreshRows());

        grid = new ReviewGrid(q -> reviews.rows(caller, reviewId, q), this::filters);
        grid.addItemClickListener(e -> grid.keyOf(e.getColumn()).ifPresent(key -> select(e.getItem(), key)));
        showColumns();

        toolbar.removeAll();
        toolbar.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        toolbar.setWidthFull();
        toolbar.getStyle().set("flex-wrap", "wrap");
        toolbar.add(text, status, inColumn);
        if (details.mayEdit()) { // the service decides; readers are not offered what it would refuse
            toolbar.add(action("Add column", "review-add-column", VaadinIcon.PLUS,
                    () -> new AddColumnsDialog(cols -> reviews.addColumns(caller, reviewId, cols), this::changed).open()));
            toolbar.add(action("Add documents", "review-add-documents", VaadinIcon.FILE_ADD,
                    () -> new AddDocumentsDialog(documents, caller, details.summary().collectionId(),
                            ids -> reviews.addDocuments(caller, reviewId, ids), this::changed).open()));
            toolbar.add(action("Re-run failed", "review-rerun-failed", VaadinIcon.REFRESH,
                    () -> rerun(new RerunInput(null, null, true))));
            toolbar.add(action("Cancel", "review-cancel", VaadinIcon.STOP,
                    () -> Refusals.run(() -> changed(reviews.cancel(caller, reviewId)))));
        }
        toolbar.add(export("xlsx", "Export XLSX"), export("csv", "Export CSV"));

        Div legend = new Div();
        legend.addClassName("review-legend");
        for (String s : List.of("supported", "not_found", "unsupported", "error", "pending", "verified", "flagged", "overridden")) {
            Span l = new Span(switch (s) {
                case "pending" -> "Computing";
                case "verified" -> "✓ Verified";
                case "flagged" -> "⚑ Flagged";
                case "overridden" -> "Overridden";
                case "unsupported" -> "Unsupported / conflicting";
                default -> ReviewGrid.statusLabel(s);
            });
            l.addClassName("legend-" + s);
            legend.add(l);
        }
        HorizontalLayout line = new HorizontalLayout(progress, legend);
        line.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        line.setWidthFull();
        line.expand(progress);

        Div table = new Div(grid);
        table.addClassName("review-table");
        grid.setSizeFull();
        table.setHeightFull();
        HorizontalLayout body = new HorizontalLayout(table, panel);
        body.setSizeFull();
        body.setSpacing(false);
        body.addClassName("review-body");
        body.expand(table);
        add(head, line, toolbar, body);
        expand(body);
        showProgress();
    }

    /** While cells are computed: progress, counts and the rows in view follow; once done, one last refresh. */
    private void poll() {
        boolean running = running();
        if (!running && !wasRunning) {
            return;
        }
        try {
            details = reviews.get(caller, reviewId);
        } catch (UseCaseException refused) { // e.g. access revoked meanwhile
            Refusals.show(refused);
            return;
        }
        showColumns();
        showProgress();
        refreshRows();
        if (selectedRow != null) {
            showCell(selectedRow, selectedColumn);
        }
    }

    private boolean running() {
        return details != null && "running".equals(details.summary().progress().state());
    }

    private void showProgress() {
        progress.setText(details.summary().progress().text());
        wasRunning = running();
    }

    private void showColumns() {
        grid.showColumns(details.columns());
        String chosen = inColumn.getValue();
        inColumn.setItems(details.columns().stream().map(ReviewColumnView::key).toList());
        inColumn.setItemLabelGenerator(k -> k == null ? "" : grid.column(k).map(ReviewColumnView::name).orElse(k));
        if (chosen != null && grid.column(chosen).isPresent()) {
            inColumn.setValue(chosen);
        }
    }

    private CellQuery filters() {
        String t = text.getValue() == null || text.getValue().isBlank() ? null : text.getValue().strip();
        return new CellQuery(0, ReviewService.DEFAULT_PAGE, inColumn.getValue(), status.getValue(), t);
    }

    private void refreshRows() {
        if (grid != null) {
            grid.getDataProvider().refreshAll();
        }
    }

    private void select(ReviewRow row, String column) {
        shownCell = null;
        selectedRow = row;
        selectedColumn = column;
        grid.select(row, column);
        showCell(row, column);
    }

    private void showCell(ReviewRow row, String column) {
        Optional<ReviewColumnView> col = grid.column(column);
        ReviewCellView cell = col.isEmpty() ? null
                : Refusals.get(() -> reviews.cell(caller, reviewId, row.documentId(), column));
        if (cell == null) {
            shownCell = null;
            panel.empty();
            return;
        }
        if (cell.equals(shownCell)) { // unchanged: the passage is not opened (and rendered) again
            return;
        }
        shownCell = cell;
        panel.show(row.documentName(), col.get(), cell, details.mayEdit(), new CellPanel.Actions() {
            @Override
            public ReviewCellView update(CellUpdate update) {
                return reviews.updateCell(caller, reviewId, row.documentId(), column, update);
            }

            @Override
            public void rerunCell() {
                rerun(new RerunInput(column, row.documentId(), null));
            }

            @Override
            public void rerunColumn() {
                rerun(new RerunInput(column, null, null));
            }

            @Override
            public void rerunRow() {
                rerun(new RerunInput(null, row.documentId(), null));
            }
        }, updated -> changed(Refusals.get(() -> reviews.get(caller, reviewId))));
    }

    private void rerun(RerunInput input) {
        RerunResult queued = Refusals.get(() -> reviews.rerun(caller, reviewId, input));
        if (queued != null) {
            Notification.show(queued.queued() + " cells queued", 3000, Notification.Position.BOTTOM_START);
            changed(Refusals.get(() -> reviews.get(caller, reviewId)));
        }
    }

    /** The review as the service now returns it (null: refused, already shown). */
    private void changed(ReviewDetails now) {
        if (now == null) {
            return;
        }
        details = now;
        showColumns();
        showProgress();
        refreshRows();
        if (selectedRow != null) {
            showCell(selectedRow, selectedColumn);
        }
    }

    private static Button action(String label, String id, VaadinIcon icon, Runnable run) {
        Button b = new Button(label, icon.create(), e -> run.run());
        b.setId(id);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return b;
    }

    /** Where the browser reached DocQA, for the export's links back to its cells. */
    private static String baseUrl(VaadinRequest request) {
        if (request instanceof VaadinServletRequest r) {
            boolean defaultPort = r.getServerPort() == ("https".equals(r.getScheme()) ? 443 : 80);
            return r.getScheme() + "://" + r.getServerName() + (defaultPort ? "" : ":" + r.getServerPort()) + r.getContextPath();
        }
        return "";
    }

    /** A download link: the export is checked and audited by the service when the link is followed, then streamed. */
    private Anchor export(String format, String label) {
        DownloadHandler handler = event -> {
            ReviewExport export;
            try {
                export = reviews.export(caller, reviewId, format, baseUrl(event.getRequest()));
            } catch (UseCaseException refused) {
                event.getResponse().setStatus(refused.kind().status());
                UI ui = event.getUI();
                if (ui != null) {
                    ui.access(() -> Refusals.show(refused));
                }
                return;
            }
            event.setFileName(export.fileName());
            event.setContentType(export.mediaType());
            export.writeTo(event.getOutputStream());
        };
        Anchor anchor = new Anchor(handler, AttachmentType.DOWNLOAD, label);
        anchor.setId("review-export-" + format);
        anchor.addClassName("review-export");
        return anchor;
    }
}
