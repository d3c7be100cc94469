package io.docqa.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.output.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ONNX model shipped inside a LangChain4j jar, run with one thread per inference and texts spread over a pool
 * of {@code threads} threads. ONNX Runtime's default splits every single inference over all cores; with one text
 * per inference (as LangChain4j embeds) those threads mostly wait on each other, and any other work on the machine
 * (parsing, indexing, a search) stalls all of them. Measured on 2 cores: about 20–35 % more passages per second.
 * Passages always run on the pool, a batch of one too (LangChain4j would embed it on the caller's thread): with
 * several ingest workers that put up to workers + pool-size inferences on the cores at once, each costing more CPU.
 * A single query ({@link #embed(TextSegment)}) still runs on the caller's thread, not behind queued passages.
 */
final class JarOnnxModel extends AbstractInProcessEmbeddingModel {

    private final OnnxBertBiEncoder encoder;
    private final Executor pool;

    JarOnnxModel(String resourceBase, PoolingMode pooling, int threads) {
        this(pool(threads), resourceBase, pooling);
    }

    private JarOnnxModel(Executor pool, String resourceBase, PoolingMode pooling) {
        super(pool);
        this.pool = pool;
        ClassLoader loader = JarOnnxModel.class.getClassLoader();
        try (InputStream model = open(loader, resourceBase + ".onnx");
                InputStream tokenizer = open(loader, resourceBase + "-tokenizer.json");
                OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            this.encoder = new OnnxBertBiEncoder(environment, session, tokenizer, pooling);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the embedding model " + resourceBase, e);
        } catch (OrtException e) {
            throw new IllegalStateException("Cannot load the embedding model " + resourceBase, e);
        }
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        if (segments.size() != 1) {
            return super.embedAll(segments); // spread over the pool
        }
        try {
            return CompletableFuture.supplyAsync(() -> super.embedAll(segments), pool).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    @Override
    public Response<Embedding> embed(TextSegment segment) {
        Response<List<Embedding>> one = super.embedAll(List.of(segment)); // on the caller's thread
        return Response.from(one.content().getFirst(), one.tokenUsage());
    }

    @Override
    public Response<Embedding> embed(String text) {
        return embed(TextSegment.from(text));
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    private static InputStream open(ClassLoader loader, String name) throws IOException {
        InputStream in = loader.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("Resource " + name + " is not on the class path");
        }
        return in;
    }

    private static Executor pool(int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "embed-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }
}
