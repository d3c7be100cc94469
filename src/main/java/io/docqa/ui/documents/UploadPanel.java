package io.docqa.ui.documents;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import io.docqa.app.UseCaseException;
import io.docqa.app.documents.UploadService;
import io.docqa.app.documents.Uploaded;
import io.docqa.app.documents.UploadedFile;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentCollection;
import io.docqa.corpus.DocumentStatus;
import io.docqa.security.Caller;
import io.docqa.ui.Refusals;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.function.Supplier;

/**
 * The drop zone for files. The browser sends a drop of files one request per file; they form one batch, and the
 * {@link UploadService} applies the REST rules to it: write access, at most as many files as one REST request may
 * hold, and a file refused outright (too large, a type DocQA does not read) is not stored but shown as a refusal.
 */
class UploadPanel extends Composite<Upload> {

    private final Upload upload;
    private final UploadService uploads;
    private final Caller caller;
    private final Supplier<DocumentCollection> target;
    private final Runnable uploaded;
    private String batch;
    private String lastBatch;

    /** {@code target}: the collection files go to; {@code uploaded}: called (in the UI) after each file. */
    UploadPanel(UploadService uploads, Caller caller, Supplier<DocumentCollection> target, Runnable uploaded) {
        this.uploads = uploads;
        this.caller = caller;
        this.target = target;
        this.uploaded = uploaded;
        upload = new Upload(UploadHandler.toTempFile((meta, file) -> receive(meta.fileName(), file)));
        upload.setMaxFiles(uploads.maxFilesPerRequest());
        upload.setWidthFull();
        upload.setId("upload");
        upload.addAllFinishedListener(e -> { // the next drop starts a new batch, with room for as many files
            batch = null;
            upload.clearFileList();
        });
    }

    @Override
    protected Upload initContent() {
        return upload;
    }

    /** The batch of the latest upload from this panel, or null. */
    synchronized String lastBatch() {
        return lastBatch;
    }

    /** Follow this batch as the latest (e.g. documents re-processed after a pipeline change). */
    synchronized void follow(String batchId) {
        lastBatch = batchId;
    }

    private void receive(String fileName, File file) throws IOException {
        UI ui = UI.getCurrent();
        try {
            DocumentCollection collection = target.get();
            if (collection == null) {
                return;
            }
            Uploaded result = uploads.addToBatch(caller, collection.id(), currentBatch(),
                    List.of(new UploadedFile(file.toPath(), fileName)));
            inUi(ui, () -> {
                result.documents().stream().filter(d -> d.status() == DocumentStatus.FAILED).forEach(UploadPanel::failed);
                uploaded.run();
            });
        } catch (UseCaseException refused) {
            inUi(ui, () -> Refusals.show(refused));
        } catch (java.io.UncheckedIOException unavailable) { // e.g. the object store cannot be reached: nothing was kept
            inUi(ui, () -> Notification.show(fileName + ": the file could not be stored now, so nothing was kept."
                    + " Try again in a moment; if it keeps failing, tell your administrator.", 8000,
                    Notification.Position.BOTTOM_END).addThemeVariants(NotificationVariant.LUMO_ERROR));
        } finally {
            Files.deleteIfExists(file.toPath());
        }
    }

    private static void failed(Document d) {
        Notification.show(d.name() + ": " + d.error(), 6000, Notification.Position.BOTTOM_END)
                .addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private static void inUi(UI ui, Runnable action) {
        if (ui != null) {
            ui.access(action::run);
        }
    }

    private synchronized String currentBatch() {
        if (batch == null) {
            batch = uploads.newBatch();
            lastBatch = batch;
        }
        return batch;
    }
}
