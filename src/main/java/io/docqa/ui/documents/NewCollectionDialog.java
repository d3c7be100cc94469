package io.docqa.ui.documents;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.docqa.app.UseCaseException;
import io.docqa.app.collections.CollectionDetails;
import io.docqa.app.collections.CollectionService;
import io.docqa.app.collections.NewCollection;
import io.docqa.corpus.CollectionLanguage;
import io.docqa.corpus.DocumentCollection;
import io.docqa.ingest.pipeline.PipelineDefinition;
import io.docqa.security.Caller;
import io.docqa.ui.Refusals;
import java.util.List;
import java.util.function.Consumer;

/**
 * The "New collection" dialog: name, pipeline, language and (optionally) fusion weights, checked by the same
 * {@link CollectionService} as the REST API; a refusal is shown on the name field and as a notification.
 */
class NewCollectionDialog extends Dialog {

    private final TextField name = new TextField("Name");

    NewCollectionDialog(CollectionService collections, List<PipelineDefinition> pipelines, Caller caller,
            Consumer<DocumentCollection> created) {
        setHeaderTitle("New collection");
        name.setMaxLength(DocumentCollection.NAME_MAX_LENGTH);
        name.setWidth("20em");
        name.setId("collection-name");
        name.setValueChangeMode(ValueChangeMode.EAGER);
        // the ingestion pipeline (ingest-pipelines/*.yaml) that will read this collection's documents
        Select<PipelineDefinition> pipeline = PipelineDialog.picker(pipelines, PipelineDefinition.DEFAULT);
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
        // how much keyword and meaning search count in this collection's results; empty: the server's defaults
        NumberField bm25 = weight("Keyword weight (BM25)", "collection-bm25-weight");
        NumberField vector = weight("Meaning weight (vector)", "collection-vector-weight");
        Button save = new Button("Create", e -> {
            NewCollection wanted = new NewCollection(name.getValue(),
                    pipeline.getValue() == null ? null : pipeline.getValue().name(), bm25.getValue(), vector.getValue(),
                    language.getValue() == null ? null : language.getValue().code());
            try {
                CollectionDetails made = collections.create(caller, wanted);
                close();
                created.accept(made.collection());
            } catch (UseCaseException refused) {
                name.setInvalid(true);
                name.setErrorMessage(refused.getMessage());
                Refusals.show(refused);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER);
        save.setId("create-collection");
        add(new VerticalLayout(name, pipeline, language, bm25, vector));
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    @Override
    public void open() {
        super.open();
        name.focus();
    }

    private static NumberField weight(String label, String id) {
        NumberField field = new NumberField(label);
        field.setPlaceholder("server default");
        field.setWidth("20em");
        field.setId(id);
        return field;
    }
}
