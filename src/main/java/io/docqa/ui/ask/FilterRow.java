package io.docqa.ui.ask;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.docqa.app.ask.QueryFilter;
import io.docqa.corpus.DocumentTags;
import java.util.List;

/** A compact row of metadata filters for a question: file type, tag and date range. Empty fields filter nothing. */
class FilterRow extends HorizontalLayout {

    static final List<String> TYPES = List.of("pdf", "docx", "doc", "xlsx", "pptx", "odt", "rtf", "html", "md", "txt",
            "eml", "msg");

    final ComboBox<String> type = new ComboBox<>("Type");
    final TextField tag = new TextField("Tag");
    final DatePicker from = new DatePicker("From");
    final DatePicker to = new DatePicker("To");

    FilterRow() {
        addClassName("filter-row");
        setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        type.setItems(TYPES);
        type.setPlaceholder("Any");
        type.setClearButtonVisible(true);
        type.setId("filter-type");
        tag.setPlaceholder("Any");
        tag.setMaxLength(DocumentTags.MAX_LENGTH);
        tag.setClearButtonVisible(true);
        tag.setId("filter-tag");
        from.setClearButtonVisible(true);
        from.setId("filter-from");
        to.setClearButtonVisible(true);
        to.setId("filter-to");
        add(type, tag, from, to);
    }

    /** The filter the fields describe, unchecked: the ask service checks it as it checks the REST API's. */
    QueryFilter filter() {
        type.setInvalid(false);
        tag.setInvalid(false);
        to.setInvalid(false);
        return new QueryFilter(List.of(), type.getValue() == null ? List.of() : List.of(type.getValue()),
                date(from), date(to), tag.isEmpty() ? List.of() : List.of(tag.getValue()));
    }

    /** Marks the field a refusal of the filters names (its message starts with "filters.<field>"). */
    boolean mark(String refusal) {
        HasValidation field = refusal.startsWith("filters.tags") ? tag
                : refusal.startsWith("filters.types") ? type
                : refusal.startsWith("filters.date") ? to : null;
        if (field != null) {
            field.setErrorMessage(refusal);
            field.setInvalid(true);
        }
        return field != null;
    }

    private static String date(DatePicker picker) {
        return picker.getValue() == null ? null : picker.getValue().toString();
    }
}
