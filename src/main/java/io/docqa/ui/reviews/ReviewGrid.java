package io.docqa.ui.reviews;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.Query;
import io.docqa.app.reviews.CellQuery;
import io.docqa.app.reviews.ColumnCounts;
import io.docqa.app.reviews.ReviewCellView;
import io.docqa.app.reviews.ReviewColumnView;
import io.docqa.app.reviews.ReviewRow;
import io.docqa.app.reviews.RowPage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A review's table: the document column frozen on the left, one column per question, one colour per cell status
 * (CSS parts {@code rc-<status>}, plus {@code rc-verified}, {@code rc-flagged}, {@code rc-overridden}), and under each
 * column how many of its cells are verified, flagged and not found. Rows are fetched a page at a time through the
 * review service ({@code rows}), so thousands of documents show at once.
 */
class ReviewGrid extends Grid<ReviewRow> {

    private final Map<String, Column<ReviewRow>> byKey = new HashMap<>();
    private final Map<Column<ReviewRow>, String> keys = new HashMap<>();
    private List<ReviewColumnView> columns = List.of();
    private ReviewRow selectedRow;
    private String selectedColumn;

    /** {@code pages} reads a page of rows for a query (offset, limit and the view's filters). */
    ReviewGrid(Function<CellQuery, RowPage> pages, java.util.function.Supplier<CellQuery> filters) {
        super(ReviewRow.class, false);
        addClassName("review-grid");
        addThemeVariants(GridVariant.LUMO_COLUMN_BORDERS, GridVariant.LUMO_COMPACT);
        setColumnReorderingAllowed(false);
        setId("review-grid");
        setEmptyStateText("No rows: no document matches, or none you may read.");
        addColumn(ReviewRow::documentName).setHeader("Document").setFrozen(true).setWidth("16em").setFlexGrow(0)
                .setResizable(true).setPartNameGenerator(r -> r.documentDeleted() ? "rc-not_found" : null)
                .setTooltipGenerator(ReviewRow::documentName).setKey("document");
        setItems(new CallbackDataProvider<ReviewRow, Void>(
                q -> fetch(pages, filters.get(), q),
                q -> (int) pages.apply(page(filters.get(), 0, 1)).total(),
                ReviewRow::documentId));
    }

    private static Stream<ReviewRow> fetch(Function<CellQuery, RowPage> pages, CellQuery filters, Query<ReviewRow, Void> q) {
        return pages.apply(page(filters, q.getOffset(), q.getLimit())).rows().stream();
    }

    private static CellQuery page(CellQuery f, int offset, int limit) {
        return new CellQuery(offset, limit, f.column(), f.status(), f.text());
    }

    /** Sets the question columns (rebuilt when they changed) and their counts. */
    void showColumns(List<ReviewColumnView> wanted) {
        boolean same = wanted.size() == columns.size()
                && wanted.stream().map(ReviewColumnView::key).toList().equals(columns.stream().map(ReviewColumnView::key).toList());
        columns = wanted;
        if (!same) {
            byKey.values().forEach(this::removeColumn);
            byKey.clear();
            keys.clear();
            for (int i = 0; i < wanted.size(); i++) {
                ReviewColumnView c = wanted.get(i);
                int index = i;
                Column<ReviewRow> column = addColumn(r -> text(cellAt(r, index, c.key())))
                        .setWidth("14em").setFlexGrow(1).setResizable(true).setKey("col-" + c.key())
                        .setTextAlign(ColumnTextAlign.START)
                        .setPartNameGenerator(r -> part(r, cellAt(r, index, c.key())))
                        .setTooltipGenerator(r -> tooltip(cellAt(r, index, c.key())));
                Span header = new Span(c.name());
                header.getElement().setAttribute("title", c.question() + " (" + c.type() + ")");
                column.setHeader(header);
                byKey.put(c.key(), column);
                keys.put(column, c.key());
            }
        }
        for (ReviewColumnView c : wanted) {
            Span counts = new Span(counts(c.counts()));
            counts.addClassName("column-counts");
            counts.getElement().setAttribute("title", "verified · flagged · not found");
            byKey.get(c.key()).setFooter(counts);
        }
    }

    List<ReviewColumnView> columns() {
        return columns;
    }

    /** The key of the question column {@code column}, empty for the document column. */
    Optional<String> keyOf(Column<ReviewRow> column) {
        return Optional.ofNullable(keys.get(column));
    }

    Optional<ReviewColumnView> column(String key) {
        return columns.stream().filter(c -> c.key().equals(key)).findFirst();
    }

    /** Outlines this cell as the one shown in the side panel (null: none); only the rows concerned are sent again. */
    void select(ReviewRow row, String columnKey) {
        ReviewRow before = selectedRow;
        selectedRow = row;
        selectedColumn = columnKey;
        if (before != null) {
            getDataProvider().refreshItem(before);
        }
        if (row != null) {
            getDataProvider().refreshItem(row);
        }
    }

    static String counts(ColumnCounts c) {
        return c == null ? "" : "✓ " + c.verified() + " · ⚑ " + c.flagged() + " · — " + c.notFound();
    }

    /** The cell of {@code row} in column {@code key} (by position, checked by key). */
    static ReviewCellView cellAt(ReviewRow row, int index, String key) {
        List<ReviewCellView> cells = row.cells();
        if (index < cells.size() && key.equals(cells.get(index).column())) {
            return cells.get(index);
        }
        return cells.stream().filter(c -> key.equals(c.column())).findFirst().orElse(null);
    }

    private static String text(ReviewCellView cell) {
        if (cell == null) {
            return "";
        }
        String shown = switch (cell.status()) {
            case "queued", "running" -> "…";
            case "error" -> "error";
            case "cancelled" -> "cancelled";
            case "document_deleted" -> "document deleted";
            default -> cell.value() == null ? "— not found" : cell.value();
        };
        if (cell.overridden()) {
            shown = cell.value() == null ? "" : cell.value();
        }
        return (cell.verified() ? "✓ " : "") + (cell.flagged() ? "⚑ " : "") + shown;
    }

    private String part(ReviewRow row, ReviewCellView cell) {
        if (cell == null) {
            return null;
        }
        StringBuilder parts = new StringBuilder("rc-").append(switch (cell.status()) {
            case "queued", "running" -> "pending";
            case "cancelled", "document_deleted" -> "not_found";
            default -> cell.status();
        });
        if (cell.verified()) {
            parts.append(" rc-verified");
        }
        if (cell.flagged()) {
            parts.append(" rc-flagged");
        }
        if (cell.overridden()) {
            parts.append(" rc-overridden");
        }
        if (selectedRow != null && selectedRow.documentId() == row.documentId() && cell.column().equals(selectedColumn)) {
            parts.append(" rc-selected");
        }
        return parts.toString();
    }

    private static String tooltip(ReviewCellView cell) {
        if (cell == null) {
            return null;
        }
        String t = statusLabel(cell.status()) + (cell.score() == null ? "" : String.format(java.util.Locale.ROOT, " · score %.2f", cell.score()));
        return cell.message() == null ? t : t + " · " + cell.message();
    }

    /** A status as the reviewer reads it. */
    static String statusLabel(String status) {
        return switch (status) {
            case "supported" -> "Supported";
            case "not_found" -> "Not found";
            case "unsupported" -> "Unsupported";
            case "conflicting" -> "Conflicting";
            case "error" -> "Error";
            case "queued" -> "Queued";
            case "running" -> "Computing";
            case "cancelled" -> "Cancelled";
            case "document_deleted" -> "Document deleted";
            default -> status;
        };
    }
}
