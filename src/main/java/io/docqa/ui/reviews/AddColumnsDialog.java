package io.docqa.ui.reviews;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import io.docqa.app.reviews.ColumnInput;
import io.docqa.app.reviews.ReviewDetails;
import io.docqa.ui.Refusals;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Adds columns to a review: only their cells are computed. A refusal is shown and the dialog stays open. */
class AddColumnsDialog extends Dialog {

    AddColumnsDialog(Function<List<ColumnInput>, ReviewDetails> add, Consumer<ReviewDetails> added) {
        setHeaderTitle("Add columns");
        setWidth("min(1000px, 96vw)");
        ColumnEditor editor = new ColumnEditor();
        editor.show(List.of(new ColumnInput("", "", "text", null)));
        Button save = new Button("Add and compute", e -> {
            ReviewDetails now = Refusals.get(() -> add.apply(editor.columns()));
            if (now != null) {
                close();
                added.accept(now);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("add-columns-save");
        add(editor);
        getFooter().add(new Button("Cancel", e -> close()), save);
    }
}
