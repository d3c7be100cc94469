package io.docqa.ui.ask;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import io.docqa.corpus.DocumentFilter;
import io.docqa.corpus.DocumentTags;
import java.util.List;
import java.util.Optional;

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

    /** The filter the fields describe, or empty (with the field marked) when a value is not acceptable. */
    Optional<DocumentFilter> filter() {
        tag.setInvalid(false);
        to.setInvalid(false);
        List<String> tags;
        try {
            tags = tag.isEmpty() ? List.of() : DocumentTags.normalize(List.of(tag.getValue()));
        } catch (IllegalArgumentException e) {
            tag.setErrorMessage(e.getMessage());
            tag.setInvalid(true);
            return Optional.empty();
        }
        if (from.getValue() != null && to.getValue() != null && from.getValue().isAfter(to.getValue())) {
            to.setErrorMessage("The end date is before the start date.");
            to.setInvalid(true);
            return Optional.empty();
        }
        List<String> types = type.getValue() == null ? List.of() : List.of(type.getValue());
        return Optional.of(new DocumentFilter(List.of(), types, from.getValue(), to.getValue(), tags));
    }
}
