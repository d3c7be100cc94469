package io.docqa.ui.reviews;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.docqa.review.cell.AnswerType;
import io.docqa.app.reviews.ColumnInput;
import io.docqa.review.ReviewLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a review being written: one row per column (name, question, answer type among the eight,
 * optional instructions), filled from a template or typed; rows can be added and removed. The service checks them.
 */
class ColumnEditor extends VerticalLayout {

    private final List<Row> rows = new ArrayList<>();
    private final VerticalLayout list = new VerticalLayout();

    ColumnEditor() {
        setPadding(false);
        list.setPadding(false);
        list.setSpacing(false);
        Button add = new Button("Add a column", VaadinIcon.PLUS.create(), e -> addRow(null));
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add.setId("add-column-row");
        add(list, add);
    }

    /** Replaces the rows by these columns (e.g. a template's). */
    void show(List<ColumnInput> columns) {
        rows.clear();
        list.removeAll();
        columns.forEach(this::addRow);
    }

    /** The columns as typed, empty rows left out. */
    List<ColumnInput> columns() {
        return rows.stream().filter(r -> !r.isBlank()).map(Row::column).toList();
    }

    private void addRow(ColumnInput column) {
        Row row = new Row(column);
        rows.add(row);
        list.add(row);
    }

    private final class Row extends HorizontalLayout {

        private final TextField name = new TextField();
        private final TextField question = new TextField();
        private final Select<AnswerType> type = new Select<>();
        private final TextField instructions = new TextField();

        Row(ColumnInput column) {
            addClassName("column-row");
            name.setPlaceholder("Name");
            name.setWidth("11em");
            name.addClassName("column-name");
            name.setMaxLength(ReviewLimits.MAX_NAME_CHARS);
            question.setMaxLength(ReviewLimits.MAX_QUESTION_CHARS);
            instructions.setMaxLength(ReviewLimits.MAX_INSTRUCTIONS_CHARS);
            question.setPlaceholder("Question asked of every document");
            question.addClassName("column-question");
            type.setItems(AnswerType.values());
            type.setItemLabelGenerator(AnswerType::wire);
            type.setValue(AnswerType.TEXT);
            type.setWidth("9em");
            type.addClassName("column-type");
            instructions.setPlaceholder("Instructions (optional)");
            instructions.setWidth("12em");
            if (column != null) {
                name.setValue(nullToEmpty(column.name()));
                question.setValue(nullToEmpty(column.question()));
                type.setValue(AnswerType.fromWire(column.type()).orElse(AnswerType.TEXT));
                instructions.setValue(nullToEmpty(column.instructions()));
            }
            Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), e -> {
                rows.remove(this);
                list.remove(this);
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            remove.setAriaLabel("Remove this column");
            add(name, question, type, instructions, remove);
            setFlexGrow(1, question);
            setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            setWidthFull();
        }

        boolean isBlank() {
            return name.getValue().isBlank() && question.getValue().isBlank();
        }

        ColumnInput column() {
            String note = instructions.getValue().strip();
            return new ColumnInput(name.getValue().strip(), question.getValue().strip(),
                    type.getValue() == null ? null : type.getValue().wire(), note.isEmpty() ? null : note);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
