package io.docqa.testing;

import io.docqa.embedding.EmbeddingModels;
import java.util.Random;

/** Seeded random unit vectors of the model dimension, for tests that write straight into pgvector. */
public final class RandomVectors {

    private RandomVectors() {
    }

    public static float[] unit(Random random) {
        float[] v = new float[EmbeddingModels.DIMENSION];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
