package io.docqa.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;

/** What tests of the per-collection HNSW graphs read from PostgreSQL, and the synthetic query vectors they search with. */
public final class VectorIndexes {

    private VectorIndexes() {
    }

    /** The HNSW indexes on the vectors whose condition names this collection. */
    public static List<String> of(DataSource dataSource, long collection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT indexname FROM pg_indexes WHERE tablename = 'chunk_vectors' "
                        + "AND indexdef LIKE '%USING hnsw%' AND indexdef LIKE '%(collection_id = " + collection + ")%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** {@code n} pseudo-random vectors with components in [-0.5, 0.5). */
    public static List<float[]> randomVectors(int n, int dimensions, long seed) {
        Random random = new Random(seed);
        List<float[]> vectors = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            float[] v = new float[dimensions];
            for (int i = 0; i < dimensions; i++) {
                v[i] = random.nextFloat() - 0.5f;
            }
            vectors.add(v);
        }
        return vectors;
    }
}
