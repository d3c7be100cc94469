package io.docqa.embedding;

/** What the embedding model reads for a chunk: the section path and the context give a passage its meaning. */
public final class PassageText {

    private PassageText() {
    }

    /** The text embedded for a chunk's {@code text} under {@code headingPath}, after its {@code context} (if any). */
    public static String of(String text, String headingPath, String context) {
        String body = context == null || context.isEmpty() ? text : context + "\n" + text;
        return headingPath == null || headingPath.isEmpty() || text.startsWith(headingPath)
                ? body
                : headingPath + "\n" + body;
    }
}
