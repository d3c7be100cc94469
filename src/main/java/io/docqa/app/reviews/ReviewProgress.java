package io.docqa.app.reviews;

/**
 * How far a review's computation is: {@code done} of {@code total} cells are final (answered, failed, cancelled or
 * of a deleted document), {@code queued} and {@code running} are still to come, {@code failed} ended in error;
 * {@code secondsLeft} is an estimate from the recent pace (null when unknown or nothing is left); {@code state} is
 * {@code running}, {@code done} or {@code cancelled}; {@code text} reads "n of m cells, about X left".
 */
public record ReviewProgress(long done, long total, long queued, long running, long failed, Long secondsLeft,
        String state, String text) {
}
