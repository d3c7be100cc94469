package io.docqa.ingest;

import io.agroal.api.AgroalDataSource;
import io.docqa.corpus.Chunk;
import io.docqa.corpus.ChunkRepository;
import io.docqa.corpus.ChunkRepository.NewChunk;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentRepository;
import io.docqa.embedding.Embedder;
import io.docqa.ingest.chunk.ChunkDraft;
import io.docqa.ingest.chunk.Chunker;
import io.docqa.ingest.extract.Extractors;
import io.docqa.ingest.pipeline.PipelineDefinition;
import io.docqa.ingest.pipeline.PipelineRegistry;
import io.docqa.ingest.index.LuceneChunkWriter;
import io.docqa.ingest.parse.DocumentParser;
import io.docqa.ingest.parse.DocumentRejectedException;
import io.docqa.ingest.parse.ParsedDocument;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Ingests one document: parse → chunk → embed → store. PostgreSQL is the source of truth: chunks are inserted
 * in a transaction, Lucene is updated (one atomic commit per document), and only then is the transaction
 * committed with the document READY. A crash in between leaves the document PROCESSING; it is queued again at
 * start, and re-ingesting replaces whatever Lucene held for it.
 */
@ApplicationScoped
public class IngestPipeline {

    private static final Logger LOG = Logger.getLogger(IngestPipeline.class);

    private final DocumentParser parser;
    private final Chunker chunker;
    private final Embedder embedder;
    private final LuceneChunkWriter luceneWriter;
    private final DocumentRepository documents;
    private final ChunkRepository chunks;
    private final OriginalsStore originals;
    private final AgroalDataSource dataSource;
    private final IngestConfig config;
    private final PipelineRegistry pipelines;
    private final Extractors extractors;

    public IngestPipeline(DocumentParser parser, Chunker chunker, Embedder embedder, LuceneChunkWriter luceneWriter,
            DocumentRepository documents, ChunkRepository chunks, OriginalsStore originals,
            AgroalDataSource dataSource, IngestConfig config, PipelineRegistry pipelines, Extractors extractors) {
        this.pipelines = pipelines;
        this.extractors = extractors;
        this.parser = parser;
        this.chunker = chunker;
        this.embedder = embedder;
        this.luceneWriter = luceneWriter;
        this.documents = documents;
        this.chunks = chunks;
        this.originals = originals;
        this.dataSource = dataSource;
        this.config = config;
    }

    /** Processes a document that a worker has claimed (status PROCESSING). Never throws: failures are recorded. */
    public void process(long documentId) {
        Document doc = documents.findById(documentId).orElse(null);
        if (doc == null) {
            return; // deleted while queued
        }
        long t0 = System.nanoTime();
        try {
            // the collection's pipeline (ingest-pipelines/*.yaml) decides parser options, chunking and extractors
            PipelineDefinition pipeline = pipelines.forCollection(doc.collectionId()).orElse(null);
            if (pipeline == null) {
                documents.markFailed(documentId, "The collection's ingestion pipeline no longer exists on the server."
                        + " Choose another pipeline for the collection and upload the document again.", "UNKNOWN_PIPELINE");
                return;
            }
            ParsedDocument parsed = parser.parse(originals.pathOf(documentId), doc.name(), pipeline.parseOptions());
            List<ChunkDraft> drafts = pipelines.chunker(pipeline).chunk(parsed);
            List<float[]> vectors = embed(drafts);
            store(doc, parsed, drafts, vectors, pipeline);
            LOG.infof("Ingested %s (id %d): %d chunks in %d ms", doc.name(), documentId, drafts.size(),
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (DocumentRejectedException e) {
            LOG.infof("Document %s (id %d) failed: %s", doc.name(), documentId, e.getMessage());
            documents.markFailed(documentId, e.getMessage(), e.reason().name());
        } catch (Exception | Error e) { // a worker must survive anything a single document does
            LOG.errorf(e, "Unexpected error while ingesting %s (id %d)", doc.name(), documentId);
            documents.markFailed(documentId, "Unexpected error while processing the document: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), "INTERNAL");
        }
    }

    private List<float[]> embed(List<ChunkDraft> drafts) {
        List<float[]> vectors = new ArrayList<>(drafts.size());
        int batch = Math.max(1, config.embedBatchSize());
        for (int i = 0; i < drafts.size(); i += batch) {
            List<String> texts = drafts.subList(i, Math.min(drafts.size(), i + batch)).stream()
                    .map(ChunkDraft::embeddingText).toList();
            vectors.addAll(embedder.embedPassages(texts));
        }
        return vectors;
    }

    private void store(Document doc, ParsedDocument parsed, List<ChunkDraft> drafts, List<float[]> vectors,
            PipelineDefinition pipeline) throws SQLException, IOException {
        List<NewChunk> rows = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            ChunkDraft d = drafts.get(i);
            rows.add(new NewChunk(d.ordinal(), d.text(), d.headingPath(), d.page(), d.pageEnd(), d.start(), d.end(),
                    vectors.get(i), d.context()));
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Chunk> stored = chunks.replaceChunks(c, doc.id(), doc.collectionId(), rows);
                extractors.run(c, doc.id(), parsed.text(), stored, pipeline);
                luceneWriter.replaceDocument(doc.id(), doc.collectionId(), doc.name(), stored);
                boolean stillWanted = documents.markReady(c, doc.id(), parsed.contentType(), parsed.pageCount(),
                        stored.size(), parsed.text());
                if (stillWanted) {
                    c.commit();
                } else {
                    c.rollback();
                    luceneWriter.deleteDocument(doc.id()); // deleted while being processed
                }
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                luceneWriter.deleteDocument(doc.id());
                throw e;
            }
        }
    }
}
