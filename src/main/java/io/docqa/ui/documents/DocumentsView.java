package io.docqa.ui.documents;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import io.docqa.app.UseCaseException;
import io.docqa.app.collections.CollectionService;
import io.docqa.app.documents.DocumentService;
import io.docqa.app.documents.UploadService;
import io.docqa.app.jobs.JobService;
import io.docqa.app.jobs.PipelineService;
import io.docqa.corpus.DocumentCollection;
import io.docqa.security.Caller;
import io.docqa.ui.CurrentUser;
import io.docqa.ui.MainLayout;
import io.docqa.ui.Refusals;
import jakarta.annotation.security.RolesAllowed;

/**
 * Collections, uploads (several files at once) and each document's ingestion status, refreshed live. The view only
 * arranges its parts; each part calls the application services, which apply the same rules as the REST API.
 */
@Route(value = "documents", layout = MainLayout.class)
@PageTitle("Documents · DocQA")
@RolesAllowed({"ADMIN", "EDITOR"})
public class DocumentsView extends VerticalLayout {

    private static final int POLL_MILLIS = 1500;

    private final CollectionBar collections;
    private final UploadPanel upload;
    private final IngestionStatus status;
    private final DocumentGrid grid;
    private Registration pollRegistration;

    public DocumentsView(CollectionService collectionService, PipelineService pipelines, DocumentService documents,
            UploadService uploads, JobService jobs) {
        Caller caller = CurrentUser.get();
        addClassName("documents-view");
        grid = new DocumentGrid(documents, caller);
        status = new IngestionStatus(jobs, collectionService, caller);
        upload = new UploadPanel(uploads, caller, this::selected, this::refresh);
        collections = new CollectionBar(collectionService, pipelines, caller, batch -> {
            upload.follow(batch);
            refresh();
        });
        upload.setVisible(selected() != null);
        collections.onSelect(c -> {
            upload.setVisible(c != null);
            refresh();
        });
        add(new H2("Documents"), collections, upload, status, grid);
        setSizeFull();
        grid.setMinHeight("20em");
        expand(grid); // the list takes the height the window has
        refresh();
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

    private DocumentCollection selected() {
        return collections == null ? null : collections.selected();
    }

    private void refresh() {
        DocumentCollection c = selected();
        Long id = c == null ? null : c.id();
        try {
            grid.show(id);
            status.refresh(upload.lastBatch(), id);
        } catch (UseCaseException refused) { // e.g. the account was disabled meanwhile
            Refusals.show(refused);
        }
    }
}
