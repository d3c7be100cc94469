package io.docqa.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ONNX model shipped inside a LangChain4j jar, run with one thread per inference and texts spread over a pool
 * of {@code threads} threads. ONNX Runtime's default splits every single inference over all cores; with one text
 * per inference (as LangChain4j embeds) those threads mostly wait on each other, and any other work on the machine
 * (parsing, indexing, a search) stalls all of them. Measured on 2 cores: about 20–35 % more passages per second.
 */
final class JarOnnxModel extends AbstractInProcessEmbeddingModel {

    private final OnnxBertBiEncoder encoder;

    JarOnnxModel(String resourceBase, PoolingMode pooling, int threads) {
        super(pool(threads));
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
