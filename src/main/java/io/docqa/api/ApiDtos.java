package io.docqa.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.docqa.answer.model.Answer;
import io.docqa.answer.model.Citation;
import io.docqa.answer.model.SentenceCheck;
import io.docqa.corpus.Document;
import io.docqa.app.collections.CollectionDetails;
import io.docqa.app.collections.CollectionUpdated;
import io.docqa.app.documents.ListedDocument;
import io.docqa.corpus.DocumentCollection;
import io.docqa.corpus.DocumentMetadata;
import io.docqa.retrieve.core.RetrievedPassage;
import io.docqa.retrieve.core.StageTimings;
import java.time.Instant;
import java.util.List;

/** Request and response bodies of the REST API. Field names are part of the public contract. */
public final class ApiDtos {

    private ApiDtos() {
    }

    /**
     * {@code pipeline} (optional, default "default") names a file of ingest-pipelines/ without ".yaml";
     * {@code bm25Weight} and {@code vectorWeight} (optional, default the server's docqa.retrieve.*) weigh the two
     * rankings in fusion; {@code language} (optional, default "en") is the documents' language: en, de, fr, es, it,
     * nl, pt or none.
     */
    public record CreateCollectionRequest(String name, String pipeline, Double bm25Weight, Double vectorWeight,
            String language) {
        public CreateCollectionRequest(String name) {
            this(name, null, null, null, null);
        }

        public CreateCollectionRequest(String name, String pipeline) {
            this(name, pipeline, null, null, null);
        }

        public CreateCollectionRequest(String name, String pipeline, String language) {
            this(name, pipeline, null, null, language);
        }

        public CreateCollectionRequest(String name, String pipeline, Double bm25Weight, Double vectorWeight) {
            this(name, pipeline, bm25Weight, vectorWeight, null);
        }
    }

    /**
     * PATCH /api/collections/{id}: each field present is applied, absent ones are left as they are.
     * {@code pipeline}: switch the collection to another ingestion pipeline and re-process its documents;
     * {@code bm25Weight}, {@code vectorWeight}: fusion weights of the collection.
     */
    public record UpdateCollectionRequest(String pipeline, Double bm25Weight, Double vectorWeight) {
    }

    /**
     * {@code bm25Weight} and {@code vectorWeight}: the weights fusion uses; {@code language}: the analysis language;
     * {@code vectorIndex}: the state of its HNSW graph (READY; DEFERRED while a bulk load is ingested, searches then
     * compare its vectors exactly; BUILDING once the load is done).
     */
    public record CollectionResponse(long id, String name, Instant createdAt, String pipeline, double bm25Weight,
            double vectorWeight, String language, String vectorIndex) {
        static CollectionResponse of(CollectionDetails details) {
            DocumentCollection c = details.collection();
            return new CollectionResponse(c.id(), c.name(), c.createdAt(), c.pipeline(), details.bm25Weight(),
                    details.vectorWeight(), c.language().code(), c.vectorIndex());
        }
    }

    /**
     * The collection after a PATCH; when its documents are re-processed (a new pipeline), {@code batchId} names the
     * batch (GET /api/batches/{batchId}) and {@code reprocessing} counts its documents, else null and 0.
     */
    public record CollectionUpdateResponse(long id, String name, Instant createdAt, String pipeline, double bm25Weight,
            double vectorWeight, String language, String batchId, int reprocessing) {
        static CollectionUpdateResponse of(CollectionUpdated updated) {
            CollectionResponse c = CollectionResponse.of(updated.collection());
            return new CollectionUpdateResponse(c.id(), c.name(), c.createdAt(), c.pipeline(), c.bm25Weight(),
                    c.vectorWeight(), c.language(), updated.batchId(), updated.reprocessing());
        }
    }

    public record UploadedDocument(long id, String name, String status, String error, String errorCode) {
        static UploadedDocument of(Document d) {
            return new UploadedDocument(d.id(), d.name(), d.status().name(), d.error(), d.errorCode());
        }
    }

    /** The accepted files; {@code batchId} names the upload batch (GET /api/batches/{batchId}). */
    public record UploadResponse(List<UploadedDocument> documents, String batchId) {
    }

    /**
     * {@code tags} and {@code documentDate} (the file's own date, else the upload time) are what filters match;
     * {@code warnings}: what could not be read of a READY document (a skipped attachment, …); empty when none.
     */
    public record DocumentResponse(long id, String name, long collectionId, String status, String error, String errorCode,
            Integer pages, int chunks, String contentType, long sizeBytes, Instant createdAt, Instant updatedAt,
            List<String> tags, Instant documentDate, List<String> warnings) {
        static DocumentResponse of(ListedDocument listed) {
            Document d = listed.document();
            DocumentMetadata a = listed.metadata();
            List<String> warnings = listed.warnings();
            return new DocumentResponse(d.id(), d.name(), d.collectionId(), d.status().name(), d.error(), d.errorCode(), d.pages(),
                    d.chunks(), d.contentType(), d.sizeBytes(), d.createdAt(), d.updatedAt(), a.tags(), a.documentDate(),
                    warnings);
        }
    }

    /**
     * Metadata filters of a search or question (all optional, combined with AND): {@code documentIds} (any of),
     * {@code types} (file types such as "pdf", any of), {@code dateFrom}/{@code dateTo} (ISO dates, inclusive) and
     * {@code tags} (any of).
     */
    public record Filters(List<Long> documentIds, List<String> types, String dateFrom, String dateTo,
            List<String> tags) {
    }

    /**
     * {@code retriever}: bm25, vector or hybrid (default); {@code filters}: optional. {@code expand}
     * (optional, default false): also return the definitions, cited clauses (and neighbours, when configured) of the
     * results, marked by {@code addedFor}; they come on top of {@code limit}.
     */
    public record SearchRequest(String query, List<Long> collections, Integer limit, String retriever,
            Filters filters, Boolean expand) {
        public SearchRequest(String query, List<Long> collections, Integer limit, String retriever) {
            this(query, collections, limit, retriever, null, null);
        }
    }

    /** {@code addedFor}: why the passage was added to the results (with {@code "expand": true}), else null. */
    public record SearchResult(long chunkId, long documentId, String documentName, Integer page, String headingPath,
            String text, double score, int startOffset, int endOffset, String addedFor) {
        static SearchResult of(RetrievedPassage p) {
            return new SearchResult(p.chunk().id(), p.chunk().documentId(), p.documentName(), p.chunk().page(),
                    p.chunk().headingPath(), p.chunk().text(), p.score(), p.chunk().startOffset(), p.chunk().endOffset(),
                    p.addedFor());
        }
    }

    /** {@code timings} (present after a hybrid search): milliseconds per retrieval stage. */
    public record SearchResponse(List<SearchResult> results, @JsonInclude(JsonInclude.Include.NON_NULL) StageTimings timings) {
    }

    /** {@code conversationId} (optional): ask as the next turn of that conversation; {@code filters}: optional. */
    public record AskRequest(String question, List<Long> collections, Long conversationId, Filters filters) {
        public AskRequest(String question, List<Long> collections, Long conversationId) {
            this(question, collections, conversationId, null);
        }
    }

    /** {@code addedFor}: why the source was added to the retrieved passages (a definition, a cited clause), else null. */
    public record CitationResponse(int n, long documentId, String documentName, long chunkId, Integer page,
            String headingPath, String text, String quote, int start, int end, String addedFor) {
        static CitationResponse of(Citation c) {
            return new CitationResponse(c.n(), c.documentId(), c.documentName(), c.chunkId(), c.page(), c.headingPath(),
                    c.text(), c.quote(), c.start(), c.end(), c.addedFor());
        }
    }

    /** The check of one answer sentence: {@code supported} by its cited sources with support {@code score}. */
    public record SentenceResponse(String text, List<Integer> citations, boolean supported, double score,
            String problem) {
        static SentenceResponse of(SentenceCheck s) {
            return new SentenceResponse(s.text(), s.citations(), s.supported(), s.score(), s.problem());
        }
    }

    /**
     * {@code sentences}: verification per sentence; {@code closest}: the nearest passages when DocQA abstains;
     * {@code conversationId} and {@code standaloneQuestion}: set when asked within a conversation.
     */
    public record AskResponse(String answer, String mode, boolean grounded, List<CitationResponse> citations,
            String notice, List<SentenceResponse> sentences, List<CitationResponse> closest, Long conversationId,
            String standaloneQuestion, Long answerId) {
        static AskResponse of(Answer a) {
            return of(a, null, null);
        }

        static AskResponse of(Answer a, Long conversationId, String standaloneQuestion) {
            return of(a, conversationId, standaloneQuestion, null);
        }

        /** {@code answerId}: the recorded answer, to rate with POST /api/answers/{answerId}/feedback. */
        static AskResponse of(Answer a, Long conversationId, String standaloneQuestion, Long answerId) {
            return new AskResponse(a.answer(), a.mode(), a.grounded(),
                    a.citations().stream().map(CitationResponse::of).toList(), a.notice(),
                    a.sentences().stream().map(SentenceResponse::of).toList(),
                    a.closest().stream().map(CitationResponse::of).toList(), conversationId, standaloneQuestion,
                    answerId);
        }
    }

    public record ErrorResponse(int status, String message) {
    }
}
