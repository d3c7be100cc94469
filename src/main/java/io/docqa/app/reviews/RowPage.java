package io.docqa.app.reviews;

import java.util.List;

/** One page of a review's rows, and how many rows match in all (the REST header X-Total-Count). */
public record RowPage(List<ReviewRow> rows, long total) {
}
