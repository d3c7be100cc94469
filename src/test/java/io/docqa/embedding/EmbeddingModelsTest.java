package io.docqa.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each model's text conventions; and since DocQA runs the in-jar ONNX models with its own thread settings, the
 * vectors must be the ones the stock LangChain4j model gives (stored vectors stay valid), in input order.
 */
class EmbeddingModelsTest {

    @Test
    void bge_instructs_queries_only() {
        EmbeddingModels m = EmbeddingModels.byId("bge-small-en-v1.5-q");
        assertEquals("Represent this sentence for searching relevant passages: notice period", m.queryText("notice period"));
        assertEquals("The notice period is 30 days.", m.passageText("The notice period is 30 days."));
        assertEquals("The notice period is 30 days.", m.sentenceText("The notice period is 30 days."));
    }

    @Test
    void minilm_takes_text_as_it_is() {
        EmbeddingModels m = EmbeddingModels.byId("all-minilm-l6-v2-q");
        assertEquals("notice period", m.queryText("notice period"));
        assertEquals("The notice period is 30 days.", m.passageText("The notice period is 30 days."));
    }

    @Test
    void e5_marks_queries_and_passages() {
        EmbeddingModels m = EmbeddingModels.byId("e5-small-v2-q");
        assertEquals("query: notice period", m.queryText("notice period"));
        assertEquals("passage: The notice period is 30 days.", m.passageText("The notice period is 30 days."));
        assertEquals("query: The notice period is 30 days.", m.sentenceText("The notice period is 30 days."));
        assertEquals(512, m.maxTokens());
    }

    @Test
    void an_unknown_model_is_refused_with_the_choices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EmbeddingModels.byId("e5-large"));
        assertTrue(e.getMessage().contains("e5-small-v2-q"), e.getMessage());
    }

    @Test
    void e5_scores_a_relevant_passage_above_an_irrelevant_one() {
        EmbeddingModels m = EmbeddingModels.E5_SMALL_V2_Q;
        EmbeddingModel model = m.load();
        float[] query = model.embed(m.queryText("How many days notice are needed to terminate the agreement?"))
                .content().vector();
        float[] relevant = model.embed(m.passageText(
                "Either party may terminate this Agreement by giving the other party thirty (30) days written notice."))
                .content().vector();
        float[] irrelevant = model.embed(m.passageText(
                "The Supplier shall keep the premises clean and store chemicals in locked cabinets."))
                .content().vector();
        assertEquals(EmbeddingModels.DIMENSION, query.length);
        double good = Embedder.cosine(query, relevant);
        double bad = Embedder.cosine(query, irrelevant);
        assertTrue(good > bad + 0.02, "relevant " + good + " vs irrelevant " + bad);
    }

    private static final List<String> TEXTS = List.of(
            "Either party may terminate this Agreement for convenience on 90 days' written notice.",
            "Employees receive 25 days of paid vacation per calendar year.",
            "The supplier shall indemnify the customer against third-party claims.",
            "VACUUM reclaims storage occupied by dead tuples.");

    @Test
    void bge_vectors_match_the_stock_model_in_order() {
        assertSameVectors(new BgeSmallEnV15QuantizedEmbeddingModel(), EmbeddingModels.BGE_SMALL_EN_V15_Q.load(2));
    }

    @Test
    void minilm_vectors_match_the_stock_model_in_order() {
        assertSameVectors(new AllMiniLmL6V2QuantizedEmbeddingModel(), EmbeddingModels.ALL_MINILM_L6_V2_Q.load(2));
    }

    @Test
    void e5_vectors_match_the_stock_model_in_order() {
        assertSameVectors(new E5SmallV2QuantizedEmbeddingModel(), EmbeddingModels.E5_SMALL_V2_Q.load(2));
    }

    @Test
    void a_single_passage_on_the_pool_and_a_single_query_on_the_caller_get_the_stock_vectors() {
        EmbeddingModel stock = new BgeSmallEnV15QuantizedEmbeddingModel();
        EmbeddingModel ours = EmbeddingModels.BGE_SMALL_EN_V15_Q.load(1);
        TextSegment passage = TextSegment.from(TEXTS.get(3));
        float[] expected = stock.embed(passage).content().vector();
        var batchOfOne = ours.embedAll(List.of(passage)).content(); // on the embedding pool
        assertEquals(1, batchOfOne.size());
        assertTrue(Embedder.cosine(expected, batchOfOne.getFirst().vector()) > 0.9999);
        assertTrue(Embedder.cosine(expected, ours.embed(passage).content().vector()) > 0.9999); // on this thread
        assertTrue(Embedder.cosine(expected, ours.embed(TEXTS.get(3)).content().vector()) > 0.9999);
        assertEquals(EmbeddingModels.DIMENSION, ours.embed(TEXTS.get(0)).content().dimension());
    }

    private static void assertSameVectors(EmbeddingModel stock, EmbeddingModel ours) {
        List<TextSegment> segments = TEXTS.stream().map(TextSegment::from).toList();
        var expected = stock.embedAll(segments).content();
        var actual = ours.embedAll(segments).content();
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            double cos = Embedder.cosine(expected.get(i).vector(), actual.get(i).vector());
            assertTrue(cos > 0.9999, "text " + i + ": cosine " + cos);
        }
        // and the order is kept: text 0 is not text 1
        assertTrue(Embedder.cosine(expected.get(0).vector(), actual.get(1).vector()) < 0.99);
    }
}
