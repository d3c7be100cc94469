package io.docqa.answer.extractive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.docqa.answer.model.Answer;
import io.docqa.answer.model.AnswerConfig;
import io.docqa.corpus.Chunk;
import io.docqa.embedding.Embedder;
import io.docqa.embedding.EmbeddingConfig;
import io.docqa.embedding.EmbeddingConfig.Provider;
import io.docqa.embedding.EmbeddingConfig.Storage;
import io.docqa.embedding.EmbeddingIdentity;
import io.docqa.embedding.Generation;
import io.docqa.retrieve.core.RetrievedPassage;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An extractive answer reads each sentence under its section's heading: in a FAQ or a manual the sentence that
 * answers often says what it is about only through that heading (the in-jar model, no database).
 */
class SectionContextAnswerTest {

    /** The defaults (the in-jar bge-small model) with one thread and no cache. */
    static final EmbeddingConfig EMBEDDING = new SmallRyeConfigBuilder().addDefaultInterceptors()
            .withSources(new PropertiesConfigSource(Map.of("docqa.embedding.threads", "1", "docqa.embedding.cache",
                    "false"), "test", 300))
            .withMapping(EmbeddingConfig.class).build().getConfigMapping(EmbeddingConfig.class);

    /** The in-jar model without a database: its generation is the one a fresh start would create. */
    static final Embedder IN_JAR_MODEL = new Embedder(EMBEDDING, null, null) {
        @Override
        public Generation activeGeneration() {
            return new Generation(1, new EmbeddingIdentity(Provider.ONNX, "bge-small-en-v1.5-q", 384, Storage.VECTOR),
                    null, Generation.State.ACTIVE, 0, null, null, null, null);
        }
    };

    static final AnswerConfig ANSWERS = new AnswerConfig() {
        public int sources() {
            return 6;
        }

        public int maxSentences() {
            return 1;
        }

        public double minSimilarity() {
            return 0.65;
        }

        public double minTermCoverage() {
            return 0.6;
        }

        public double minKeyTermCoverage() {
            return 0.0;
        }
    };

    static RetrievedPassage passage(long id, String heading, String text) {
        return new RetrievedPassage(new Chunk(id, id, 1, 0, text, heading, null, null, 0, text.length()), "bashref.html",
                1.0 / id, (int) id, (int) id, 0.7);
    }

    @Test
    void the_description_under_the_section_of_the_asked_command_is_cited_rather_than_a_passing_mention() {
        ExtractiveAnswerer answerer = new ExtractiveAnswerer(IN_JAR_MODEL, ANSWERS);
        List<RetrievedPassage> passages = List.of(
                passage(1, "Bash Features › 6 Bash Features › 6.11 Bash POSIX Mode",
                        "Parsing command substitutions will behave as if extended glob is enabled, so that parsing a "
                                + "command substitution containing an extglob pattern does not fail."),
                passage(2, "Bash Features › 4 Shell Builtin Commands › 4.3 Modifying Shell Behavior › 4.3.2 The Shopt Builtin",
                        "extdebug\nIf set at shell invocation, arrange to execute the debugger profile before the shell starts."
                                + "\nextglob\nIf set, the extended pattern matching features described above are enabled."));

        Answer answer = answerer.answer("What does `shopt -s extglob` enable?", passages, null);

        assertTrue(!answer.abstained() && !answer.citations().isEmpty(), answer.answer());
        assertEquals(2, answer.citations().get(0).chunkId(), answer.answer());
        assertTrue(answer.answer().startsWith("If set, the extended pattern matching features"), answer.answer());
    }
}
