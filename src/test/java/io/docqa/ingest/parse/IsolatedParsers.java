package io.docqa.ingest.parse;

/** Parsers as the server runs them: in parser processes (real child JVMs through Tika's ForkParser). */
final class IsolatedParsers {

    private IsolatedParsers() {
    }

    /** One parser process with the given heap; close it with {@link TikaDocumentParser#stop()}. */
    static TikaDocumentParser isolated(long maxFileBytes, int maxTextChars, String heap) {
        return new TikaDocumentParser(maxFileBytes, maxTextChars,
                new ParserProcesses(heap, 1, maxFileBytes, maxTextChars));
    }
}
