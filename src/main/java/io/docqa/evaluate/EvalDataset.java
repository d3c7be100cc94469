package io.docqa.evaluate;

import java.nio.file.Path;
import java.util.List;

/**
 * A labelled dataset: documents to ingest and judged queries. BEIR corpus records are held in memory as text
 * documents; golden-QA documents are files in the dataset's {@code documents/} folder.
 */
public record EvalDataset(String name, Format format, List<SourceDocument> documents, List<EvalQuery> queries) {

    public enum Format { BEIR, GOLDEN }

    public EvalDataset {
        documents = List.copyOf(documents);
        queries = List.copyOf(queries);
    }

    /**
     * One document to ingest: {@code key} is how judgements name it, {@code fileName} the name it is uploaded under,
     * and either in-memory {@code text} or a {@code file}.
     */
    public record SourceDocument(String key, String fileName, String text, Path file) {
    }

    /** Only the queries of one split ({@code dev} or {@code test}); all of them for null. */
    public EvalDataset split(String split) {
        return split == null ? this : new EvalDataset(name, format, documents,
                queries.stream().filter(q -> split.equals(q.split())).toList());
    }

    public EvalDataset limitQueries(int limit) {
        return limit <= 0 || limit >= queries.size() ? this
                : new EvalDataset(name, format, documents, queries.subList(0, limit));
    }
}
