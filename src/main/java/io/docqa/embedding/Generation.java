package io.docqa.embedding;

import java.time.Instant;

/**
 * The vectors of one embedding model in {@code chunk_vectors} (migration V23). One generation is ACTIVE; a BUILDING
 * one is being filled by a re-embedding; RETIRED ones wait for their rows to be deleted.
 *
 * @param baseUrl the server the generation was embedded with (null in process), so that queries can still be embedded
 *        with its model while a re-embedding into another model runs
 * @param embedded chunks embedded into it by the re-embedding so far
 */
public record Generation(int id, EmbeddingIdentity identity, String baseUrl, State state, long embedded, String error,
        String requestedBy, Instant createdAt, Instant activatedAt) {

    /** Where a generation is in its life. */
    public enum State {
        ACTIVE, BUILDING, RETIRED
    }

    /**
     * A LIKE pattern matching the names of the generation's HNSW indexes: one per collection
     * ({@code chunk_vectors_g<generation>_c<collection>_hnsw}, made by the SQL function
     * {@code chunk_vectors_index_sql} of migration V26), so that no collection's graph holds another's vectors.
     */
    public String indexNamePattern() {
        return "chunk\\_vectors\\_g" + id + "\\_c%\\_hnsw";
    }

    /** The indexed expression: the generation's column cast to its fixed dimension (pgvector's HNSW needs one). */
    public String vectorExpression() {
        int d = identity.dimensions();
        return identity.storage() == EmbeddingConfig.Storage.HALFVEC ? "(embedding_half::halfvec(" + d + "))"
                : "(embedding::vector(" + d + "))";
    }

    /** A bound parameter ({@code ?}, a pgvector {@code vector}) cast to the type of {@link #vectorExpression()}. */
    public String parameterExpression() {
        int d = identity.dimensions();
        return identity.storage() == EmbeddingConfig.Storage.HALFVEC ? "(CAST(? AS vector)::halfvec(" + d + "))"
                : "(CAST(? AS vector)::vector(" + d + "))";
    }

}
