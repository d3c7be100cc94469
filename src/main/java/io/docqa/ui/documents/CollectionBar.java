package io.docqa.ui.documents;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.docqa.app.collections.CollectionDetails;
import io.docqa.app.collections.CollectionService;
import io.docqa.app.jobs.PipelineService;
import io.docqa.corpus.DocumentCollection;
import io.docqa.ingest.pipeline.PipelineDefinition;
import io.docqa.security.Caller;
import io.docqa.ui.Refusals;
import java.util.List;
import java.util.function.Consumer;

/**
 * The choice of collection among those the user may change, its pipeline (with the dialog to change it) and the
 * "New collection" button.
 */
class CollectionBar extends HorizontalLayout {

    private final ComboBox<DocumentCollection> collection = new ComboBox<>("Collection");
    private final Button pipelineButton = new Button();
    private final CollectionService collections;
    private final PipelineService pipelines;
    private final Caller caller;

    /** {@code reprocessing}: called with the batch of a collection's documents re-processed by a new pipeline. */
    CollectionBar(CollectionService collections, PipelineService pipelines, Caller caller, Consumer<String> reprocessing) {
        this.collections = collections;
        this.pipelines = pipelines;
        this.caller = caller;
        collection.setItemLabelGenerator(DocumentCollection::name);
        collection.setPlaceholder("Choose a collection");
        collection.setWidth("24em");
        Button create = new Button("New collection", VaadinIcon.PLUS.create(),
                e -> new NewCollectionDialog(collections, pipelineChoice(), caller, this::reload).open());
        pipelineButton.setId("change-pipeline");
        pipelineButton.setIcon(VaadinIcon.COG.create());
        pipelineButton.addClickListener(e -> {
            DocumentCollection target = collection.getValue();
            if (target != null) {
                new PipelineDialog(collections, pipelineChoice(), caller, target, r -> {
                    reload(r.collection().collection());
                    if (r.batchId() != null) {
                        reprocessing.accept(r.batchId());
                    }
                }).open();
            }
        });
        pipelineButton.setVisible(false);
        collection.addValueChangeListener(e -> {
            pipelineButton.setVisible(e.getValue() != null);
            if (e.getValue() != null) {
                pipelineButton.setText("Pipeline: " + e.getValue().pipeline());
            }
        });
        add(collection, pipelineButton, create);
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        reload(null);
    }

    /** The chosen collection, or null. */
    DocumentCollection selected() {
        return collection.getValue();
    }

    void onSelect(Consumer<DocumentCollection> listener) {
        collection.addValueChangeListener(e -> listener.accept(e.getValue()));
    }

    /** Lists the collections again and chooses {@code chosen} (by id), else the first. */
    private void reload(DocumentCollection chosen) {
        List<DocumentCollection> all = Refusals.get(() -> collections.writable(caller).stream()
                .map(CollectionDetails::collection).toList());
        if (all == null) {
            return;
        }
        collection.setItems(all);
        all.stream().filter(c -> chosen != null && c.id() == chosen.id()).findFirst()
                .or(() -> all.stream().findFirst()).ifPresent(collection::setValue);
    }

    private List<PipelineDefinition> pipelineChoice() {
        return pipelines.list(caller).all();
    }
}
