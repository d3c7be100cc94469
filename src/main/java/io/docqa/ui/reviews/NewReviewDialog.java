package io.docqa.ui.reviews;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.docqa.app.UseCaseException;
import io.docqa.app.collections.CollectionDetails;
import io.docqa.app.collections.CollectionService;
import io.docqa.app.documents.DocumentOrder;
import io.docqa.app.documents.DocumentRow;
import io.docqa.app.documents.DocumentService;
import io.docqa.app.reviews.NewReview;
import io.docqa.app.reviews.ReviewDetails;
import io.docqa.app.reviews.ReviewService;
import io.docqa.app.reviews.ReviewTemplateView;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentCollection;
import io.docqa.review.ReviewLimits;
import io.docqa.security.Caller;
import io.docqa.ui.Refusals;
import java.util.List;
import java.util.function.Consumer;

/**
 * The "New review" dialog: a name, the collection, optionally chosen documents (none chosen: all its ready
 * documents), and the columns, filled from a template and edited, or typed. The {@link ReviewService} checks it all,
 * as for the REST API; a refusal is shown and the dialog stays open.
 */
class NewReviewDialog extends Dialog {

    private final TextField name = new TextField("Name");

    NewReviewDialog(ReviewService reviews, CollectionService collections, DocumentService documents, Caller caller,
            Consumer<ReviewDetails> created) {
        setHeaderTitle("New review");
        setWidth("min(1100px, 96vw)");
        name.setMaxLength(ReviewLimits.MAX_NAME_CHARS);
        name.setWidth("24em");
        name.setId("review-name");

        ComboBox<DocumentCollection> collection = new ComboBox<>("Collection");
        List<DocumentCollection> writable = Refusals.get(() -> collections.writable(caller).stream()
                .map(CollectionDetails::collection).toList());
        collection.setItems(writable == null ? List.of() : writable);
        collection.setItemLabelGenerator(DocumentCollection::name);
        collection.setWidth("24em");
        collection.setId("review-collection");

        MultiSelectComboBox<Document> chosen = new MultiSelectComboBox<>("Documents");
        chosen.setItemLabelGenerator(Document::name);
        chosen.setPlaceholder("All ready documents of the collection");
        chosen.setWidth("32em");
        chosen.setId("review-documents");
        collection.addValueChangeListener(e -> {
            chosen.clear();
            List<Document> docs = e.getValue() == null ? List.of()
                    : Refusals.get(() -> documents.rows(caller, e.getValue().id(),
                            DocumentOrder.NAME, 0, DocumentService.MAX_PAGE).stream()
                            .map(DocumentRow::document).toList());
            chosen.setItems(docs == null ? List.of() : docs);
        });

        ColumnEditor columns = new ColumnEditor();
        columns.setId("review-columns");
        Select<ReviewTemplateView> template = new Select<>();
        template.setLabel("Columns from a template");
        List<ReviewTemplateView> templates = Refusals.get(() -> reviews.templates(caller));
        template.setItems(templates == null ? List.of() : templates);
        template.setItemLabelGenerator(t -> t == null ? "" : t.name() + " (" + t.columns().size() + " columns)");
        template.setEmptySelectionAllowed(true);
        template.setEmptySelectionCaption("None: type the columns");
        template.setWidth("24em");
        template.setId("review-template");
        template.addValueChangeListener(e -> columns.show(e.getValue() == null ? List.of() : e.getValue().columns()));
        Span hint = new Span("Each column is one question asked of every document; edit a template's columns freely.");
        hint.addClassName("review-progress");

        Button create = new Button("Create and run", e -> {
            List<Long> ids = chosen.getSelectedItems().stream().map(Document::id).sorted().toList();
            NewReview wanted = new NewReview(name.getValue().strip(),
                    collection.getValue() == null ? null : collection.getValue().id(), ids.isEmpty() ? null : ids, null,
                    columns.columns(), null);
            try {
                ReviewDetails made = reviews.create(caller, wanted);
                close();
                created.accept(made);
            } catch (UseCaseException refused) {
                Refusals.show(refused);
            }
        });
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-review");

        HorizontalLayout top = new HorizontalLayout(name, collection);
        top.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        add(new VerticalLayout(top, chosen, template, hint, columns));
        getFooter().add(new Button("Cancel", e -> close()), create);
        if (writable != null && writable.size() == 1) {
            collection.setValue(writable.getFirst());
        }
    }

    @Override
    public void open() {
        super.open();
        name.focus();
    }
}
