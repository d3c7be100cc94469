package io.docqa.testing;

import java.util.Random;

/**
 * Plain-text documents made of sentences of words drawn (seeded) from a list, for tests that need many files of a
 * known shape: a heading, then paragraphs of sentences that each end with a tag naming the file.
 */
public final class GeneratedTexts {

    private GeneratedTexts() {
    }

    /**
     * {@code heading}, a blank line, then {@code paragraphs} paragraphs of {@code sentences} sentences: "The" and
     * {@code 1 + wordsPerSentence} random words, then " {tag}. ".
     */
    public static String text(Random random, String[] words, String heading, String tag, int paragraphs, int sentences,
            int wordsPerSentence) {
        StringBuilder text = new StringBuilder(heading).append("\n\n");
        for (int p = 0; p < paragraphs; p++) {
            for (int s = 0; s < sentences; s++) {
                text.append("The ").append(words[random.nextInt(words.length)]);
                for (int w = 0; w < wordsPerSentence; w++) {
                    text.append(' ').append(words[random.nextInt(words.length)]);
                }
                text.append(' ').append(tag).append(". ");
            }
            text.append("\n\n");
        }
        return text.toString();
    }
}
