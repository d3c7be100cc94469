package io.docqa.ingest.pipeline;

import io.docqa.corpus.CollectionRepository;
import io.docqa.embedding.EmbeddingConfig;
import io.docqa.ingest.config.IngestConfig;
import io.docqa.ingest.chunk.Chunker;
import io.docqa.ingest.chunk.ClauseChunker;
import io.docqa.ingest.chunk.StructureChunker;
import io.docqa.ingest.parse.TikaDocumentParser;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The ingestion pipelines: the built-in ones packaged in the application ({@code ingest-pipelines/*.yaml} of the
 * repository, copied into the jar) and an operator's directory ({@code docqa.pipelines.dir}) whose files replace
 * built-ins of the same name. All are validated at start-up; one invalid file stops the start with messages
 * naming file, line and field.
 */
@Startup
@ApplicationScoped
public class PipelineRegistry {

    private static final Logger LOG = Logger.getLogger(PipelineRegistry.class);

    /** The pipelines packaged in the application (resources {@code ingest-pipelines/<name>.yaml}). */
    public static final List<String> BUILT_IN = List.of("default", "contracts", "knowledge-base");

    private final Map<String, PipelineDefinition> pipelines;
    private final Map<String, Chunker> chunkers = new TreeMap<>();
    private final CollectionRepository collections;
    private final boolean ocrAvailable;

    public PipelineRegistry(PipelineConfig config, IngestConfig ingest, EmbeddingConfig embedding,
            CollectionRepository collections, TikaDocumentParser parser) {
        this.collections = collections;
        this.ocrAvailable = parser.ocrAvailable();
        PipelineLoader loader = new PipelineLoader(new PipelineLoader.Defaults(ingest.maxFileBytes(),
                ingest.chunking().maxChars(), ingest.chunking().overlapChars(), embedding.model()));
        this.pipelines = loadAll(loader, Path.of(config.dir()));
        for (PipelineDefinition p : pipelines.values()) {
            chunkers.put(p.name(), PipelineDefinition.STRATEGY_CLAUSES.equals(p.chunking().strategy())
                    ? new ClauseChunker(p.chunking().maxChars(), p.chunking().overlapChars())
                    : new StructureChunker(p.chunking().maxChars(), p.chunking().overlapChars()));
        }
        LOG.infof("Ingestion pipelines: %s", pipelines.keySet());
    }

    static Map<String, PipelineDefinition> loadAll(PipelineLoader loader, Path dir) {
        Map<String, PipelineDefinition> out = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        for (String name : BUILT_IN) {
            String resource = "ingest-pipelines/" + name + ".yaml";
            try (InputStream in = PipelineRegistry.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    problems.add(resource + ": missing from the application package");
                    continue;
                }
                out.put(name, loader.load(name, "(built-in) " + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (PipelineException e) {
                problems.addAll(e.problems());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                    String fileName = file.getFileName().toString();
                    String name = fileName.substring(0, fileName.length() - ".yaml".length());
                    try {
                        out.put(name, loader.load(name, file.toString(), Files.readString(file)));
                    } catch (PipelineException e) {
                        problems.addAll(e.problems());
                    }
                }
            } catch (IOException e) {
                problems.add(dir + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new PipelineException(problems);
        }
        if (!out.containsKey(PipelineDefinition.DEFAULT)) {
            throw new PipelineException(List.of("no pipeline named \"default\""));
        }
        return out;
    }

    /** All pipelines, by name. */
    public List<PipelineDefinition> all() {
        return List.copyOf(pipelines.values());
    }

    public Optional<PipelineDefinition> find(String name) {
        return Optional.ofNullable(pipelines.get(name));
    }

    /** The pipeline a collection chose; empty when that pipeline no longer exists (its file was removed). */
    public Optional<PipelineDefinition> forCollection(long collectionId) {
        return find(collections.pipelineOf(collectionId).orElse(PipelineDefinition.DEFAULT));
    }

    /** Whether Tesseract is installed, so that pipelines with OCR on can read scans. */
    public boolean ocrAvailable() {
        return ocrAvailable;
    }

    /** The chunker configured by a pipeline. */
    public Chunker chunker(PipelineDefinition pipeline) {
        return chunkers.get(pipeline.name());
    }
}
