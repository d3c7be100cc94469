package io.docqa.embedding;

import io.docqa.embedding.EmbeddingConfig.Provider;
import io.docqa.embedding.EmbeddingConfig.Storage;

/**
 * What makes vectors comparable: the provider, the model, its dimensions, and how they are stored. Vectors of two
 * identities never share an index (one generation each). The server's address is not part of it: the same model on
 * another server gives the same vectors.
 */
public record EmbeddingIdentity(Provider provider, String model, int dimensions, Storage storage) {

    /** The key of the embedding cache: in-process models keep their bare id (the key of earlier versions). */
    public String cacheKey() {
        return provider == Provider.ONNX ? model : provider.id() + ":" + model + ":" + dimensions;
    }

    /** Whether vectors of {@code other} are vectors of this model (storage aside). */
    public boolean sameModel(EmbeddingIdentity other) {
        return provider == other.provider && model.equals(other.model) && dimensions == other.dimensions;
    }

    @Override
    public String toString() {
        return provider.id() + " model " + model + " (" + dimensions + " dimensions, " + storage.id() + ")";
    }
}
