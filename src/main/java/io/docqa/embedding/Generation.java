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

    /** Name of the generation's HNSW index. */
    public String indexName() {
        return "chunk_vectors_g" + id + "_hnsw";
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

    /** The cosine operator class of the HNSW index. */
    public String operatorClass() {
        return identity.storage() == EmbeddingConfig.Storage.HALFVEC ? "halfvec_cosine_ops" : "vector_cosine_ops";
    }

    /** The statement creating the generation's HNSW index (a partial expression index). */
    public String createIndexSql(boolean concurrently) {
        return "CREATE INDEX " + (concurrently ? "CONCURRENTLY " : "") + "IF NOT EXISTS " + indexName()
                + " ON chunk_vectors USING hnsw (" + vectorExpression() + " " + operatorClass()
                + ") WITH (m = 16, ef_construction = 64) WHERE generation_id = " + id;
    }
}
