package io.docqa.ui.documents;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import io.docqa.app.collections.CollectionChange;
import io.docqa.app.collections.CollectionService;
import io.docqa.app.collections.CollectionUpdated;
import io.docqa.corpus.DocumentCollection;
import io.docqa.ingest.pipeline.PipelineDefinition;
import io.docqa.security.Caller;
import io.docqa.ui.Refusals;
import java.util.List;
import java.util.function.Consumer;

/** Another pipeline for a collection: after a confirmation its documents are re-processed as one batch. */
class PipelineDialog extends Dialog {

    PipelineDialog(CollectionService collections, List<PipelineDefinition> pipelines, Caller caller,
            DocumentCollection target, Consumer<CollectionUpdated> changed) {
        setHeaderTitle("Pipeline of " + target.name());
        String current = target.pipeline();
        Select<PipelineDefinition> pipeline = picker(pipelines, current);
        pipeline.setWidth("24em");
        pipeline.setId("new-pipeline");
        Button apply = new Button("Change…", e -> {
            PipelineDefinition chosen = pipeline.getValue();
            if (chosen == null || chosen.name().equals(current)) {
                close();
                return;
            }
            ConfirmDialog confirm = new ConfirmDialog("Re-process " + target.name() + "?",
                    "Every document of the collection will be read again with the pipeline \"" + chosen.name()
                            + "\". Searches keep using the current version of each document until its new one is ready.",
                    "Re-process", ev -> {
                        CollectionUpdated r = Refusals.get(() -> collections.update(caller, target.id(),
                                new CollectionChange(chosen.name(), null, null)));
                        if (r == null) {
                            return;
                        }
                        Notification.show("Pipeline changed to " + chosen.name() + "; re-processing "
                                + r.reprocessing() + " document(s).", 4000, Notification.Position.BOTTOM_END);
                        close();
                        changed.accept(r);
                    });
            confirm.setCancelable(true);
            confirm.setConfirmButtonTheme("primary");
            confirm.open();
        });
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.setId("apply-pipeline");
        add(new VerticalLayout(pipeline));
        getFooter().add(new Button("Cancel", e -> close()), apply);
    }

    /** A choice of pipeline, each with its description, {@code selected} chosen. */
    static Select<PipelineDefinition> picker(List<PipelineDefinition> pipelines, String selected) {
        Select<PipelineDefinition> pipeline = new Select<>();
        pipeline.setLabel("Ingestion pipeline");
        pipeline.setItems(pipelines);
        pipeline.setItemLabelGenerator(p -> p.name() + (p.description().isEmpty() ? "" : " — " + p.description()));
        pipelines.stream().filter(p -> p.name().equals(selected)).findFirst().ifPresent(pipeline::setValue);
        return pipeline;
    }
}
