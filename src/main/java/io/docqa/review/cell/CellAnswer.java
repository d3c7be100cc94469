package io.docqa.review.cell;

import java.util.List;

/**
 * The answer of one cell (one document, one column): {@code value} as shown to the reviewer, {@code normalized}
 * in the type's canonical form (ISO date {@code 2024-03-31}, {@code 1000000 USD}, months {@code 36}, {@code yes} /
 * {@code no}, parties joined by {@code "; "}; null when not found), the supporting quotes, a score in [0, 1] and a
 * message for {@link CellStatus#ERROR} or a short reason otherwise (may be null).
 */
public record CellAnswer(String value, String normalized, CellStatus status, double score, List<CellQuote> quotes,
        String message) {

    public CellAnswer {
        quotes = quotes == null ? List.of() : List.copyOf(quotes);
    }

    public static CellAnswer notFound(String reason) {
        return new CellAnswer(null, null, CellStatus.NOT_FOUND, 0, List.of(), reason);
    }

    public static CellAnswer error(String message) {
        return new CellAnswer(null, null, CellStatus.ERROR, 0, List.of(), message);
    }
}
