package io.docqa.app.documents;

import io.docqa.app.UseCaseException;
import io.docqa.corpus.DocumentTags;
import java.util.List;
import java.util.function.Supplier;

/** The tag rules of {@link DocumentTags}, with a broken rule reported as an invalid request. */
final class TagRules {

    private TagRules() {
    }

    static List<String> normalize(List<String> tags) {
        return checked(() -> DocumentTags.normalize(tags));
    }

    static List<String> parseCommaSeparated(String tags) {
        return checked(() -> DocumentTags.parseCommaSeparated(tags));
    }

    private static List<String> checked(Supplier<List<String>> rule) {
        try {
            return rule.get();
        } catch (IllegalArgumentException e) {
            throw UseCaseException.invalid(e.getMessage());
        }
    }
}
