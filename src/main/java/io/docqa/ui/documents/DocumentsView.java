package io.docqa.ui.documents;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.shared.Registration;
import com.vaadin.flow.component.select.Select;
import io.docqa.corpus.CollectionPipelines;
import io.docqa.corpus.CollectionRepository;
import io.docqa.ingest.pipeline.PipelineDefinition;
import io.docqa.ingest.pipeline.PipelineRegistry;
import io.docqa.corpus.Document;
import io.docqa.corpus.CollectionLanguage;
import io.docqa.corpus.DocumentCollection;
import io.docqa.corpus.DocumentRepository;
import io.docqa.corpus.DocumentStatus;
import io.docqa.corpus.DuplicateNameException;
import io.docqa.ingest.IngestService;
import io.docqa.ui.MainLayout;
import io.docqa.ui.CurrentUser;
import io.docqa.security.AccessPolicy;
import io.docqa.security.Caller;
import io.docqa.security.MembershipRepository;
import io.docqa.security.Role;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import java.util.Map;
import jakarta.annotation.security.RolesAllowed;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.time.Instant;
import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.SortDirection;
import java.util.HashMap;
import java.util.Objects;
import java.util.stream.Stream;
import com.vaadin.flow.component.progressbar.ProgressBar;
import io.docqa.corpus.BatchSummary;
import io.docqa.ingest.jobs.JobRepository;
import io.docqa.corpus.JobState;

/** Collections, uploads (several files at once) and each document's ingestion status, refreshed live. */
@Route(value = "documents", layout = MainLayout.class)
@PageTitle("Documents · DocQA")
@RolesAllowed({"ADMIN", "EDITOR"})
public class DocumentsView extends VerticalLayout {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final int POLL_MILLIS = 1500;

    private final CollectionRepository collections;
    private final DocumentRepository documents;
    private final IngestService ingest;
    private final AccessPolicy access;
    private final MembershipRepository members;
    private final AuditLog audit;
    private final Caller caller;
    // ---- ingestion progress ----
    private final JobRepository jobs;
    private final Span batchStatus = new Span();
    private final Span collectionActivity = new Span();
    // job states and warnings of the rows the grid has fetched (one page at a time, never the whole collection)
    private final Map<Long, JobState> jobStates = new HashMap<>();
    private final Map<Long, List<String>> warnings = new HashMap<>();
    private Long shownCollection;
    private final Button pipelineButton = new Button();
    private String uploadBatch;
    private String lastBatch;
    private final ComboBox<DocumentCollection> collection = new ComboBox<>("Collection");
    private final Grid<Document> grid = new Grid<>(Document.class, false);
    private final Upload upload;
    private final String user;
    private Registration pollRegistration;

    private final PipelineRegistry pipelines;
    private final CollectionPipelines collectionPipelines;

    public DocumentsView(CollectionRepository collections, DocumentRepository documents, IngestService ingest,
            AccessPolicy access, MembershipRepository members, AuditLog audit, PipelineRegistry pipelines,
            CollectionPipelines collectionPipelines, JobRepository jobs) {
        this.jobs = jobs;
        this.pipelines = pipelines;
        this.collectionPipelines = collectionPipelines;
        this.collections = collections;
        this.documents = documents;
        this.ingest = ingest;
        this.access = access;
        this.members = members;
        this.audit = audit;
        this.caller = CurrentUser.get();
        this.user = VaadinRequest.getCurrent() == null || VaadinRequest.getCurrent().getUserPrincipal() == null
                ? null : VaadinRequest.getCurrent().getUserPrincipal().getName();
        addClassName("documents-view");

        collection.setItemLabelGenerator(DocumentCollection::name);
        collection.setPlaceholder("Choose a collection");
        collection.setWidth("24em");
        Button create = new Button("New collection", VaadinIcon.PLUS.create(), e -> openCreateDialog());
        pipelineButton.setId("change-pipeline");
        pipelineButton.setIcon(VaadinIcon.COG.create());
        pipelineButton.addClickListener(e -> openPipelineDialog());
        pipelineButton.setVisible(false);
        HorizontalLayout top = new HorizontalLayout(collection, pipelineButton, create);
        top.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        upload = new Upload(UploadHandler.toTempFile((meta, file) -> {
            DocumentCollection target = collection.getValue();
            try (InputStream in = Files.newInputStream(file.toPath())) {
                access.requireWritable(caller, target.id());
                Document doc = ingest.submit(target.id(), meta.fileName(), in, user, currentBatch());
                audit.record(caller.username(), AuditAction.UPLOAD, List.of(target.id()), Long.toString(doc.id()),
                        Map.of("name", doc.name(), "status", doc.status().name(), "via", "ui"));
                UI ui = UI.getCurrent();
                if (ui != null) {
                    ui.access(() -> {
                        if (doc.status() == DocumentStatus.FAILED) {
                            Notification.show(doc.name() + ": " + doc.error(), 6000, Notification.Position.BOTTOM_END)
                                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
                        }
                        refresh();
                    });
                }
            } finally {
                Files.deleteIfExists(file.toPath());
            }
        }));
        upload.setWidthFull();
        upload.setVisible(false);
        upload.addAllFinishedListener(e -> uploadBatch = null); // the next drop starts a new batch
        batchStatus.setId("batch-status");
        batchStatus.addClassName("batch-status");
        collectionActivity.setId("collection-activity");
        collectionActivity.addClassName("batch-status");
        collection.addValueChangeListener(e -> {
            upload.setVisible(e.getValue() != null);
            refreshPipelineButton();
            refresh();
        });
        upload.setId("upload");

        grid.addColumn(Document::name).setHeader("Name").setFlexGrow(3).setSortable(true).setSortProperty("name");
        grid.addComponentColumn(this::statusOf).setHeader("Status").setFlexGrow(3);
        grid.addComponentColumn(this::progressOf).setHeader("Progress").setWidth("11em").setFlexGrow(1);
        grid.addColumn(d -> d.pages() == null ? "" : d.pages()).setHeader("Pages").setAutoWidth(true);
        grid.addColumn(Document::chunks).setHeader("Chunks").setAutoWidth(true);
        grid.addColumn(d -> TIME.format(d.createdAt())).setHeader("Uploaded").setAutoWidth(true);
        grid.addComponentColumn(this::deleteButton).setAutoWidth(true).setFlexGrow(0);
        grid.setEmptyStateText("No documents yet: drop files above to upload them.");
        grid.setWidthFull();
        grid.setId("documents-grid");

        add(new H2("Documents"), top, upload, batchStatus, collectionActivity, grid);
        setSizeFull();
        grid.setMinHeight("20em");
        expand(grid); // the list takes the height the window has
        List<DocumentCollection> all = access.writableCollections(caller);
        collection.setItems(all);
        if (!all.isEmpty()) {
            collection.setValue(all.get(0));
        }
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().setPollInterval(POLL_MILLIS);
        pollRegistration = event.getUI().addPollListener(e -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        event.getUI().setPollInterval(-1);
        if (pollRegistration != null) {
            pollRegistration.remove();
        }
    }

    private void refresh() {
        DocumentCollection c = collection.getValue();
        boolean visible = c != null && access.mayRead(caller, c.id());
        Long shown = visible ? c.id() : null;
        if (!Objects.equals(shown, shownCollection)) {
            shownCollection = shown;
            jobStates.clear();
            warnings.clear();
            grid.setItems(this::fetchPage, query -> shown == null ? 0 : documents.countInCollection(shown));
        } else {
            grid.getDataProvider().refreshAll(); // the grid fetches again only the rows it shows
        }
        refreshBatchStatus();
    }

    /** The rows the grid asks for, with their job states and warnings: a page, whatever the collection's size. */
    private Stream<Document> fetchPage(Query<Document, Void> query) {
        Long id = shownCollection;
        DocumentRepository.Order order = query.getSortOrders().stream().findFirst()
                .map(o -> o.getDirection() == SortDirection.DESCENDING ? DocumentRepository.Order.NAME_DESCENDING
                        : DocumentRepository.Order.NAME)
                .orElse(DocumentRepository.Order.UPLOADED);
        int offset = query.getOffset();
        int limit = query.getLimit();
        if (id == null) {
            return Stream.empty();
        }
        List<Document> page = documents.pageOfCollection(id, order, offset, limit);
        List<Long> ids = page.stream().map(Document::id).toList();
        if (!ids.isEmpty()) {
            ids.forEach(warnings::remove);
            jobStates.putAll(jobs.findByIds(ids));
            warnings.putAll(documents.warningsOf(ids));
        }
        return page.stream();
    }

    private synchronized String currentBatch() {
        if (uploadBatch == null) {
            uploadBatch = IngestService.newBatchId();
            lastBatch = uploadBatch;
        }
        return uploadBatch;
    }

    /**
     * Counts and time left of the latest upload from this view, and of all the work still in flight in the chosen
     * collection wherever it came from (REST, the {@code ingest} command, the watched folder, another browser), so
     * that progress survives leaving the view and is there for uploads this view did not make.
     */
    private void refreshBatchStatus() {
        Optional<BatchSummary> batch = lastBatch == null ? Optional.empty() : jobs.batch(lastBatch);
        batchStatus.setVisible(batch.isPresent());
        batch.ifPresent(b -> batchStatus.setText("Last upload: " + describe(b)));
        DocumentCollection c = collection.getValue();
        Optional<BatchSummary> inFlight = c == null || !access.mayRead(caller, c.id()) ? Optional.empty()
                : jobs.workInFlight(c.id());
        // the view's own upload, still running, is all there is: the line above says it already
        boolean onlyOwn = batch.isPresent() && batch.get().done() < batch.get().total()
                && inFlight.map(w -> w.total() == batch.get().total()).orElse(false);
        collectionActivity.setVisible(inFlight.isPresent() && !onlyOwn);
        inFlight.ifPresent(w -> collectionActivity.setText("Ingesting in this collection: " + describe(w)));
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

    private com.vaadin.flow.component.Component progressOf(Document d) {
        JobState job = jobStates.get(d.id());
        if (job == null || d.status().isFinal()) {
            return new Span();
        }
        ProgressBar bar = new ProgressBar(0, 1, job.progress());
        bar.setWidthFull();
        bar.addClassName("doc-progress");
        Span stage = new Span(stageLabel(job));
        Button cancel = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> {
            ingest.cancel(d.id(), user);
            refresh();
        });
        cancel.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_SMALL);
        cancel.setAriaLabel("Cancel " + d.name());
        cancel.setTooltipText("Cancel ingestion");
        // the bar over the stage and the cancel button: all of it fits the column, the stage text is never cut
        HorizontalLayout row = new HorizontalLayout(stage, cancel);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        row.setSpacing(false);
        VerticalLayout cell = new VerticalLayout(bar, row);
        cell.setPadding(false);
        cell.setSpacing(false);
        cell.setWidthFull();
        return cell;
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

    private com.vaadin.flow.component.Component statusOf(Document d) {
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
        List<String> notes = d.status() == DocumentStatus.READY ? warnings.getOrDefault(d.id(), List.of()) : List.of();
        if (notes.isEmpty()) {
            return s;
        }
        // usable but incomplete: each warning as a visible badge with its text
        VerticalLayout cell = new VerticalLayout(s);
        cell.setPadding(false);
        cell.setSpacing(false);
        cell.setWidthFull();
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

    private void refreshPipelineButton() {
        DocumentCollection c = collection.getValue();
        pipelineButton.setVisible(c != null);
        if (c != null) {
            pipelineButton.setText("Pipeline: " + collectionPipelines.pipelineOf(c.id()).orElse(PipelineDefinition.DEFAULT));
        }
    }

    /** Another pipeline for the chosen collection: after a confirmation its documents are re-processed as one batch. */
    private void openPipelineDialog() {
        DocumentCollection target = collection.getValue();
        if (target == null) {
            return;
        }
        String current = collectionPipelines.pipelineOf(target.id()).orElse(PipelineDefinition.DEFAULT);
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Pipeline of " + target.name());
        Select<PipelineDefinition> pipeline = new Select<>();
        pipeline.setLabel("Ingestion pipeline");
        pipeline.setItems(pipelines.all());
        pipeline.setItemLabelGenerator(p -> p.name() + (p.description().isEmpty() ? "" : " — " + p.description()));
        pipeline.setValue(pipelines.find(current).orElse(null));
        pipeline.setWidth("24em");
        pipeline.setId("new-pipeline");
        Button apply = new Button("Change…", e -> {
            PipelineDefinition chosen = pipeline.getValue();
            if (chosen == null || chosen.name().equals(current)) {
                dialog.close();
                return;
            }
            ConfirmDialog confirm = new ConfirmDialog("Re-process " + target.name() + "?",
                    "Every document of the collection will be read again with the pipeline \"" + chosen.name()
                            + "\". Searches keep using the current version of each document until its new one is ready.",
                    "Re-process", ev -> {
                        access.requireWritable(caller, target.id());
                        IngestService.Reprocessing r = ingest.changePipeline(target.id(), chosen.name(), caller.username());
                        audit.record(caller.username(), AuditAction.UPDATE_COLLECTION, List.of(target.id()), target.name(),
                                Map.of("pipeline", chosen.name(), "previousPipeline", current,
                                        "reprocessing", Integer.toString(r.documents()), "via", "ui"));
                        if (r.batchId() != null) {
                            lastBatch = r.batchId();
                        }
                        Notification.show("Pipeline changed to " + chosen.name() + "; re-processing " + r.documents()
                                + " document(s).", 4000, Notification.Position.BOTTOM_END);
                        dialog.close();
                        refreshPipelineButton();
                        refresh();
                    });
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("primary");
            confirm.open();
        });
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.setId("apply-pipeline");
        dialog.add(new VerticalLayout(pipeline));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), apply);
        dialog.open();
    }

    private Button deleteButton(Document d) {
        Button delete = new Button(VaadinIcon.TRASH.create(), e -> {
            ConfirmDialog confirm = new ConfirmDialog("Delete " + d.name() + "?",
                    "It will disappear from search and answers at once.", "Delete", ev -> {
                        access.requireWritableDocument(caller, d.id());
                        ingest.delete(d.id());
                        audit.record(caller.username(), AuditAction.DELETE_DOCUMENT, List.of(d.collectionId()),
                                Long.toString(d.id()), Map.of("name", d.name(), "via", "ui"));
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

    private void openCreateDialog() {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("New collection");
        TextField name = new TextField("Name");
        name.setMaxLength(DocumentCollection.NAME_MAX_LENGTH);
        name.setWidth("20em");
        name.setId("collection-name");
        name.setValueChangeMode(ValueChangeMode.EAGER);
        // the ingestion pipeline (ingest-pipelines/*.yaml) that will read this collection's documents
        Select<PipelineDefinition> pipeline = new Select<>();
        pipeline.setLabel("Ingestion pipeline");
        pipeline.setItems(pipelines.all());
        pipeline.setItemLabelGenerator(p -> p.name() + (p.description().isEmpty() ? "" : " — " + p.description()));
        pipeline.setValue(pipelines.find(PipelineDefinition.DEFAULT).orElse(null));
        pipeline.setWidth("20em");
        pipeline.setId("collection-pipeline");
        // the documents' language: chooses stemming and stop words for keyword search; fixed once created
        Select<CollectionLanguage> language = new Select<>();
        language.setLabel("Language");
        language.setItems(CollectionLanguage.values());
        language.setItemLabelGenerator(CollectionLanguage::displayName);
        language.setValue(CollectionLanguage.DEFAULT);
        language.setWidth("20em");
        language.setId("collection-language");
        Button save = new Button("Create", e -> {
            String value = name.getValue().strip();
            if (value.isEmpty()) {
                name.setInvalid(true);
                name.setErrorMessage("Give the collection a name.");
                return;
            }
            try {
                DocumentCollection created = collections.create(value, user,
                        language.getValue() == null ? CollectionLanguage.DEFAULT : language.getValue());
                if (pipeline.getValue() != null && !PipelineDefinition.DEFAULT.equals(pipeline.getValue().name())) {
                    collectionPipelines.setPipeline(created.id(), pipeline.getValue().name());
                }
                if (!caller.isAdmin()) { // an editor's new collection is theirs to fill
                    members.grant(created.id(), caller.username(), Role.EDITOR, caller.username());
                }
                audit.record(caller.username(), AuditAction.CREATE_COLLECTION, List.of(created.id()), value, Map.of("via", "ui"));
                collection.setItems(access.writableCollections(caller));
                collection.setValue(created);
                dialog.close();
            } catch (DuplicateNameException ex) {
                name.setInvalid(true);
                name.setErrorMessage(ex.getMessage());
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        save.setId("create-collection");
        dialog.add(new VerticalLayout(name, pipeline, language));
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
        name.focus();
    }
}
