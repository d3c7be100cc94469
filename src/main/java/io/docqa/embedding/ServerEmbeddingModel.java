package io.docqa.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.docqa.embedding.EmbeddingConfig.Provider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * An embedding model on a server that speaks the OpenAI {@code /v1/embeddings} API (OpenAI, Azure, Text Embeddings
 * Inference, vLLM, Ollama), through LangChain4j's {@link OpenAiEmbeddingModel}. Texts are sent in batches of
 * {@code docqa.embedding.server-batch-size}, the batches of one call in parallel, never more requests in flight than
 * the shared {@link Semaphore} allows. LangChain4j retries server errors and timeouts with exponential backoff; what
 * is left is mapped to {@link EmbeddingRejectedException} (the input, for good) or
 * {@link EmbeddingUnavailableException} (the server, for now).
 */
final class ServerEmbeddingModel implements EmbeddingModel {

    private final OpenAiEmbeddingModel client;
    private final String description;
    private final int batchSize;
    private final Semaphore inFlight;
    private final Integer expectedDimensions;

    /**
     * @param expectedDimensions checked on every response and sent as the {@code dimensions} parameter; null to take
     *        what the server returns (to learn the dimension)
     */
    ServerEmbeddingModel(Provider provider, String baseUrl, String apiKey, String model, Integer expectedDimensions,
            EmbeddingConfig config, Semaphore inFlight) {
        String url = provider == Provider.OLLAMA && !baseUrl.replaceAll("/+$", "").endsWith("/v1")
                ? baseUrl.replaceAll("/+$", "") + "/v1"
                : baseUrl;
        this.client = OpenAiEmbeddingModel.builder()
                .baseUrl(url)
                .apiKey(apiKey == null || apiKey.isBlank() ? "none" : apiKey)
                .modelName(model)
                .dimensions(expectedDimensions)
                .timeout(config.serverTimeout())
                .maxRetries(config.serverMaxRetries())
                .maxSegmentsPerBatch(Math.max(1, config.serverBatchSize()))
                .build();
        this.description = "the embedding server at " + url + " (model " + model + ")";
        this.batchSize = Math.max(1, config.serverBatchSize());
        this.inFlight = inFlight;
        this.expectedDimensions = expectedDimensions;
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        if (segments.size() <= batchSize) {
            return Response.from(embedBatch(segments));
        }
        List<List<TextSegment>> batches = new ArrayList<>();
        for (int i = 0; i < segments.size(); i += batchSize) {
            batches.add(segments.subList(i, Math.min(segments.size(), i + batchSize)));
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Embedding>>> futures = batches.stream().map(b -> pool.submit(() -> embedBatch(b))).toList();
            List<Embedding> all = new ArrayList<>(segments.size());
            for (Future<List<Embedding>> f : futures) {
                all.addAll(f.get());
            }
            return Response.from(all);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingUnavailableException("Interrupted while waiting for " + description, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new EmbeddingUnavailableException("Embedding failed: " + e.getCause(), e.getCause());
        }
    }

    private List<Embedding> embedBatch(List<TextSegment> batch) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingUnavailableException("Interrupted while waiting for " + description, e);
        }
        List<Embedding> vectors;
        try {
            vectors = client.embedAll(batch).content();
        } catch (InvalidRequestException | ModelNotFoundException e) {
            throw new EmbeddingRejectedException(EmbeddingRejectedException.REJECTED,
                    "The embedding server rejected the text: " + message(e), e);
        } catch (AuthenticationException e) {
            throw new EmbeddingUnavailableException(description + " refused the API key (DOCQA_EMBEDDING_API_KEY): "
                    + message(e), e);
        } catch (RuntimeException e) {
            throw new EmbeddingUnavailableException(description + " failed after "
                    + "its retries: " + message(e), e);
        } finally {
            inFlight.release();
        }
        if (vectors.size() != batch.size()) {
            throw new EmbeddingUnavailableException(description + " returned " + vectors.size() + " vectors for "
                    + batch.size() + " texts", null);
        }
        for (Embedding v : vectors) {
            if (expectedDimensions != null && v.dimension() != expectedDimensions) {
                throw new EmbeddingRejectedException(EmbeddingRejectedException.WRONG_DIMENSIONS, description
                        + " returned vectors of " + v.dimension() + " dimensions, but the stored vectors have "
                        + expectedDimensions + " (DOCQA_EMBEDDING_DIMENSIONS); check the model and its settings", null);
            }
        }
        return vectors;
    }

    private static String message(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.length() > 500 ? m.substring(0, 500) + "…" : m;
    }

    @Override
    public String modelName() {
        return description;
    }
}
