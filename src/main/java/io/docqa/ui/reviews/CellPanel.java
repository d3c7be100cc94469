package io.docqa.ui.reviews;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.docqa.app.ask.OpenSource;
import io.docqa.app.ask.SourceService;
import io.docqa.app.reviews.CellUpdate;
import io.docqa.app.reviews.ReviewCellView;
import io.docqa.app.reviews.ReviewColumnView;
import io.docqa.review.ReviewLimits;
import io.docqa.review.cell.CellQuote;
import io.docqa.security.Caller;
import io.docqa.ui.Refusals;
import io.docqa.ui.source.SourcePassage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The side panel of a review: the selected cell's value (and the computed one under an override), status, score,
 * marks and comment, the quote it relies on highlighted in its document (the viewer answers use), and the
 * reviewer's actions. Changes go through the review service; {@code changed} gets the cell as it now is.
 */
class CellPanel extends Div {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    /** What the panel asks of the review service for the cell shown. */
    interface Actions {
        ReviewCellView update(CellUpdate update);

        void rerunCell();

        void rerunColumn();

        void rerunRow();
    }

    private final SourceService sources;
    private final Caller caller;
    private final Runnable closed;

    /** {@code closed}: called when the user closes the panel. */
    CellPanel(SourceService sources, Caller caller, Runnable closed) {
        this.sources = sources;
        this.caller = caller;
        this.closed = closed;
        addClassName("cell-panel");
        setId("cell-panel");
        empty();
    }

    /** Hidden until a cell is chosen: the table has the whole width. */
    void empty() {
        removeAll();
        setVisible(false);
    }

    /** Shows {@code cell} of {@code column} in document {@code documentName}; actions only when {@code mayEdit}. */
    void show(String documentName, ReviewColumnView column, ReviewCellView cell, boolean mayEdit, Actions actions,
            Consumer<ReviewCellView> changed) {
        removeAll();
        setVisible(true);
        Button close = new Button(VaadinIcon.CLOSE.create(), e -> {
            empty();
            closed.run();
        });
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        close.setAriaLabel("Close the cell");
        close.addClassName("cell-panel-close");
        close.setId("cell-panel-close");
        H3 title = new H3(documentName);
        Span question = new Span(column.name() + " (" + column.type() + "): " + column.question());
        question.addClassName("cell-meta");
        add(close, title, question);

        Div value = new Div(cell.value() == null ? "—" : cell.value());
        value.addClassName("cell-value");
        value.setId("cell-value");
        add(value);
        if (cell.overridden()) {
            Span original = new Span(cell.computedValue() == null ? "(not found)" : cell.computedValue());
            original.addClassName("cell-original");
            add(original, meta("Overridden by " + cell.overriddenBy() + " " + time(cell.overriddenAt())));
        }
        Span status = new Span(ReviewGrid.statusLabel(cell.status()));
        status.addClassNames("cell-status", cell.status());
        status.setId("cell-status");
        HorizontalLayout line = new HorizontalLayout(status);
        line.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        if (cell.score() != null) {
            line.add(meta(String.format(Locale.ROOT, "score %.2f", cell.score())));
        }
        if (cell.verified()) {
            line.add(meta("✓ verified by " + cell.verifiedBy()));
        }
        if (cell.flagged()) {
            line.add(meta("⚑ flagged by " + cell.flaggedBy()));
        }
        add(line);
        if (cell.message() != null && !cell.message().isBlank()) {
            add(meta(cell.message()));
        }
        if (cell.comment() != null && !cell.comment().isBlank()) {
            Paragraph comment = new Paragraph("“" + cell.comment() + "” — " + cell.commentBy());
            comment.addClassName("cell-meta");
            comment.setId("cell-comment");
            add(comment);
        }

        if (!cell.quotes().isEmpty()) {
            add(new H4(cell.quotes().size() == 1 ? "Quote" : "Quotes"));
            Div passage = new Div();
            passage.setId("cell-passage");
            passage.addClassName(SourcePassage.SCROLLER);
            if (cell.quotes().size() > 1) {
                HorizontalLayout choice = new HorizontalLayout();
                int n = 1;
                for (CellQuote q : cell.quotes()) {
                    Button b = new Button("Quote " + n++ + (q.page() == null ? "" : " · p. " + q.page()),
                            e -> showQuote(passage, cell.documentId(), q));
                    b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                    choice.add(b);
                }
                add(choice);
            }
            add(passage);
            showQuote(passage, cell.documentId(), cell.quotes().getFirst());
        }
        if (mayEdit) {
            add(editor(cell, actions, changed));
        }
        add(rating(cell, actions, changed));
    }

    private void showQuote(Div target, long documentId, CellQuote quote) {
        target.removeAll();
        OpenSource source = Refusals.get(() -> sources.open(caller, documentId));
        if (source == null) {
            return;
        }
        SourcePassage passage = new SourcePassage(source, quote.start(), quote.end(), quote.page(), quote.text());
        target.add(passage);
        passage.scrollToPassage();
    }

    private Div editor(ReviewCellView cell, Actions actions, Consumer<ReviewCellView> changed) {
        TextField override = new TextField("Override the value");
        override.setMaxLength(ReviewLimits.MAX_CELL_TEXT_CHARS);
        override.setWidthFull();
        override.setValue(cell.overridden() && cell.value() != null ? cell.value() : "");
        override.setId("cell-override");
        Button save = new Button("Override", e -> {
            if (override.getValue().isBlank()) {
                override.setInvalid(true);
                override.setErrorMessage("Type the value that replaces the computed one.");
                return;
            }
            ReviewCellView now = Refusals.get(() -> actions.update(new CellUpdate(override.getValue().strip(), null,
                    null, null, null, null, null)));
            if (now != null) {
                changed.accept(now);
            }
        });
        save.setId("cell-override-save");
        save.addThemeVariants(ButtonVariant.LUMO_SMALL);
        HorizontalLayout overrideRow = new HorizontalLayout(override, save);
        overrideRow.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        overrideRow.setWidthFull();
        if (cell.overridden()) {
            overrideRow.add(button("Back to computed", "cell-override-clear",
                    () -> new CellUpdate(null, true, null, null, null, null, null), actions, changed));
        }
        Button verify = button(cell.verified() ? "Unverify" : "Mark verified", "cell-verify",
                () -> new CellUpdate(null, null, !cell.verified(), null, null, null, null), actions, changed);
        verify.setIcon(VaadinIcon.CHECK.create());
        Button flag = button(cell.flagged() ? "Unflag" : "Flag", "cell-flag",
                () -> new CellUpdate(null, null, null, !cell.flagged(), null, null, null), actions, changed);
        flag.setIcon(VaadinIcon.FLAG_O.create());
        TextArea comment = new TextArea("Comment");
        comment.setMaxLength(ReviewLimits.MAX_CELL_TEXT_CHARS);
        comment.setValue(cell.comment() == null ? "" : cell.comment());
        comment.setWidthFull();
        comment.setId("cell-comment-field");
        Button saveComment = button("Save comment", "cell-comment-save",
                () -> new CellUpdate(null, null, null, null, comment.getValue(), null, null), actions, changed);
        Button rerunCell = new Button("Re-run cell", e -> actions.rerunCell());
        Button rerunColumn = new Button("Re-run column", e -> actions.rerunColumn());
        Button rerunRow = new Button("Re-run row", e -> actions.rerunRow());
        rerunCell.setId("rerun-cell");
        rerunColumn.setId("rerun-column");
        rerunRow.setId("rerun-row");
        for (Button b : new Button[] {rerunCell, rerunColumn, rerunRow}) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        HorizontalLayout marks = new HorizontalLayout(verify, flag);
        HorizontalLayout rerun = new HorizontalLayout(rerunCell, rerunColumn, rerunRow);
        rerun.setSpacing(false);
        return new Div(overrideRow, marks, comment, saveComment, rerun);
    }

    private HorizontalLayout rating(ReviewCellView cell, Actions actions, Consumer<ReviewCellView> changed) {
        Button up = button("", "cell-up", () -> new CellUpdate(null, null, null, null, null,
                "up".equals(cell.rating()) ? "" : "up", null), actions, changed);
        up.setIcon(VaadinIcon.THUMBS_UP_O.create());
        up.setAriaLabel("Good answer");
        Button down = button("", "cell-down", () -> new CellUpdate(null, null, null, null, null,
                "down".equals(cell.rating()) ? "" : "down", null), actions, changed);
        down.setIcon(VaadinIcon.THUMBS_DOWN_O.create());
        down.setAriaLabel("Wrong answer");
        if ("up".equals(cell.rating())) {
            up.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        } else if ("down".equals(cell.rating())) {
            down.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        }
        HorizontalLayout row = new HorizontalLayout(up, down);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        return row;
    }

    private static Button button(String label, String id, java.util.function.Supplier<CellUpdate> update,
            Actions actions, Consumer<ReviewCellView> changed) {
        Button b = new Button(label, e -> {
            ReviewCellView now = Refusals.get(() -> actions.update(update.get()));
            if (now != null) {
                changed.accept(now);
            }
        });
        b.setId(id);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        return b;
    }

    private static Span meta(String text) {
        Span s = new Span(text);
        s.addClassName("cell-meta");
        return s;
    }

    private static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }
}
