package io.docqa.app.reviews;

/** How many cells were queued (again). */
public record RerunResult(int queued) {
}
