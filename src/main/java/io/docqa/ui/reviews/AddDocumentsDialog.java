package io.docqa.ui.reviews;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import io.docqa.app.documents.DocumentOrder;
import io.docqa.app.documents.DocumentRow;
import io.docqa.app.documents.DocumentService;
import io.docqa.app.reviews.ReviewDetails;
import io.docqa.corpus.Document;
import io.docqa.security.Caller;
import io.docqa.ui.Refusals;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Adds documents of the review's collection: the chosen ones, or with none chosen every ready document not yet in
 * the review (e.g. uploaded since). Only their cells are computed.
 */
class AddDocumentsDialog extends Dialog {

    AddDocumentsDialog(DocumentService documents, Caller caller, long collectionId,
            Function<List<Long>, ReviewDetails> add, Consumer<ReviewDetails> added) {
        setHeaderTitle("Add documents");
        MultiSelectComboBox<Document> chosen = new MultiSelectComboBox<>("Documents");
        chosen.setItemLabelGenerator(Document::name);
        chosen.setPlaceholder("Every ready document not yet in the review");
        chosen.setWidth("32em");
        List<Document> all = Refusals.get(() -> documents.rows(caller, collectionId, DocumentOrder.NAME, 0,
                DocumentService.MAX_PAGE).stream().map(DocumentRow::document).toList());
        chosen.setItems(all == null ? List.of() : all);
        Button save = new Button("Add and compute", e -> {
            List<Long> ids = chosen.getSelectedItems().stream().map(Document::id).sorted().toList();
            ReviewDetails now = Refusals.get(() -> add.apply(ids.isEmpty() ? null : ids));
            if (now != null) {
                close();
                added.accept(now);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("add-documents-save");
        add(chosen);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }
}
