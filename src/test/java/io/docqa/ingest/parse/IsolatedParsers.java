package io.docqa.ingest.parse;

import java.util.List;

/** Parsers as the server runs them: in parser processes (real child JVMs through Tika's ForkParser). */
final class IsolatedParsers {

    private static TikaDocumentParser shared;

    private IsolatedParsers() {
    }

    /**
     * The server's default: parsing in a parser process of 512 MB, shared by the format tests of this JVM run (a
     * process starts in seconds; it ends with the test JVM, whose end closes its input).
     */
    static synchronized TikaDocumentParser shared() {
        if (shared == null) {
            shared = isolated(100_000_000, 20_000_000, "512m");
        }
        return shared;
    }

    /** One parser process with the given heap; close it with {@link TikaDocumentParser#stop()}. */
    static TikaDocumentParser isolated(long maxFileBytes, int maxTextChars, String heap) {
        return new TikaDocumentParser(maxFileBytes, maxTextChars,
                new ParserProcesses(heap, List.of("-XX:TieredStopAtLevel=1"), 1, maxFileBytes, maxTextChars)); // ParseConfig's default
    }
}
