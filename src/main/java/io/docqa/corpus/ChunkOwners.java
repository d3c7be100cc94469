package io.docqa.corpus;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** The document and collection of chunks, looked up by id without loading their text (used in fusion). */
@ApplicationScoped
public class ChunkOwners {

    public record Owner(long documentId, long collectionId) {
    }

    private final Jdbi jdbi;

    public ChunkOwners(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Owners of the chunks that still exist. */
    public Map<Long, Owner> of(Collection<Long> chunkIds) {
        if (chunkIds.isEmpty()) {
            return new HashMap<>();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT id, document_id, collection_id FROM chunks WHERE id = ANY(?)")
                .bind(0, chunkIds.toArray(Long[]::new)).reduceResultSet(new HashMap<Long, Owner>(), (out, rs, ctx) -> {
                    out.put(rs.getLong(1), new Owner(rs.getLong(2), rs.getLong(3)));
                    return out;
                }));
    }
}
