package io.docqa.bench;

import io.docqa.testing.ScriptedOpenAiServer;
import io.docqa.testing.ScriptedReader;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * {@link RealCorporaBenchmark} through the LLM answer path: DocQA talks to an OpenAI-compatible server over HTTP
 * whose replies come from {@link ScriptedReader} (a lexical reader, not a model). Writes target/bench-real-corpora.md.
 * Run with {@code scripts/bench.sh real-corpora dev llm}.
 */
@QuarkusTest
@TestProfile(RealCorporaLlmBenchmark.WithScriptedReader.class)
class RealCorporaLlmBenchmark extends RealCorporaBenchmark {

    static final ScriptedOpenAiServer SERVER = start();

    public static class WithScriptedReader implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ReaderResource.class));
        }
    }

    public static class ReaderResource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            SERVER.respondWith(new ScriptedReader());
            return Map.of("docqa.answer.llm.provider", "openai", "docqa.answer.llm.base-url", SERVER.baseUrl(),
                    "docqa.answer.llm.api-key", "test-key", "docqa.answer.llm.model", "scripted-reader",
                    "docqa.answer.llm.timeout", "10s");
        }

        @Override
        public void stop() {
            // the server lives as long as the test JVM
        }
    }

    private static ScriptedOpenAiServer start() {
        try {
            return new ScriptedOpenAiServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
