package io.docqa.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.docqa.embedding.Embedder;
import io.docqa.embedding.EmbeddingModels;
import io.docqa.embedding.PassageText;
import io.docqa.retrieve.core.RankedHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * A dense ranking of one collection's passages by another in-jar embedding model than the server's, kept in memory:
 * every chunk of the collection's READY documents embedded as the product embeds it ({@link PassageText} and the
 * model's passage convention), queries searched exactly (cosine over all of them). For measuring an ensemble of two
 * models without a second server.
 */
final class InMemoryDenseRanking {

    private static final int BATCH = 64;

    private final EmbeddingModels model;
    private final EmbeddingModel loaded;
    private final long[] ids;
    private final long[] documentIds;
    private final List<float[]> vectors;
    private final double chunksPerSecond;

    private InMemoryDenseRanking(EmbeddingModels model, EmbeddingModel loaded, long[] ids, long[] documentIds,
            List<float[]> vectors, double chunksPerSecond) {
        this.model = model;
        this.loaded = loaded;
        this.ids = ids;
        this.documentIds = documentIds;
        this.vectors = vectors;
        this.chunksPerSecond = chunksPerSecond;
    }

    /** The collection's passages embedded with {@code model} (loaded once by the caller). */
    static InMemoryDenseRanking of(EmbeddingModels model, EmbeddingModel loaded, Jdbi jdbi, long collectionId) {
        record Row(long id, long documentId, String text) {
        }
        List<Row> rows = jdbi.withHandle(h -> h.createQuery("SELECT c.id, c.document_id, c.text, c.heading_path, c.context"
                + " FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.collection_id = ? AND d.status = 'READY'"
                + " ORDER BY c.id")
                .bind(0, collectionId)
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getLong(2),
                        PassageText.of(rs.getString(3), rs.getString(4), rs.getString(5))))
                .list());
        long t0 = System.nanoTime();
        List<float[]> vectors = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i += BATCH) {
            List<TextSegment> batch = rows.subList(i, Math.min(rows.size(), i + BATCH)).stream()
                    .map(r -> TextSegment.from(model.passageText(r.text()))).toList();
            loaded.embedAll(batch).content().forEach(e -> vectors.add(e.vector()));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new InMemoryDenseRanking(model, loaded, rows.stream().mapToLong(Row::id).toArray(),
                rows.stream().mapToLong(Row::documentId).toArray(), vectors, rows.size() / Math.max(1e-9, seconds));
    }

    int size() {
        return ids.length;
    }

    double chunksPerSecond() {
        return chunksPerSecond;
    }

    /**
     * The {@code depth} passages nearest to the query (cosine, best first; ties by chunk id), within
     * {@code documents} unless it is null.
     */
    List<RankedHit> nearest(String query, int depth, Set<Long> documents) {
        float[] q = loaded.embed(model.queryText(query)).content().vector();
        List<RankedHit> all = new ArrayList<>(ids.length);
        for (int i = 0; i < ids.length; i++) {
            if (documents != null && !documents.contains(documentIds[i])) {
                continue;
            }
            all.add(new RankedHit(ids[i], Embedder.cosine(q, vectors.get(i))));
        }
        all.sort(Comparator.comparingDouble(RankedHit::score).reversed().thenComparingLong(RankedHit::chunkId));
        return List.copyOf(all.subList(0, Math.min(depth, all.size())));
    }
}
