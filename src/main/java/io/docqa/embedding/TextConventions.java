package io.docqa.embedding;

/** What a model expects before a query, a passage and a sentence (server models: nothing). */
record TextConventions(String queryPrefix, String passagePrefix, String sentencePrefix) {

    static final TextConventions NONE = new TextConventions("", "", "");

    static TextConventions of(EmbeddingModels m) {
        return new TextConventions(m.queryPrefix(), m.passagePrefix(), m.sentencePrefix());
    }

    String queryText(String query) {
        return queryPrefix + query;
    }

    String passageText(String passage) {
        return passagePrefix + passage;
    }

    String sentenceText(String sentence) {
        return sentencePrefix + sentence;
    }
}
