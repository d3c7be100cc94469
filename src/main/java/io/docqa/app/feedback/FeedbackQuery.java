package io.docqa.app.feedback;

/**
 * Which feedback an administrator lists: optionally of answers over one collection, of one rating, given in
 * [from, to) (ISO-8601 instants or dates), one page ({@code offset} default 0, {@code limit} default
 * {@link FeedbackService#DEFAULT_PAGE}).
 */
public record FeedbackQuery(Long collectionId, String rating, String from, String to, Integer offset, Integer limit) {
}
