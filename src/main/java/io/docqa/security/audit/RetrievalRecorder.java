package io.docqa.security.audit;

import jakarta.enterprise.context.RequestScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The chunk ids retrieval returned during the current request, so that a question's audit entry can list the
 * passages that were retrieved as well as those that were cited, without changing the answer flow's signatures.
 */
@RequestScoped
public class RetrievalRecorder {

    private final List<Long> retrieved = new ArrayList<>();

    void add(List<Long> chunkIds) {
        retrieved.addAll(chunkIds);
    }

    /** Retrieved chunk ids in order, duplicates removed. */
    public List<Long> retrieved() {
        return retrieved.stream().distinct().toList();
    }

    public void clear() {
        retrieved.clear();
    }
}
