package io.docqa.api;

import io.docqa.answer.Answer;
import io.docqa.answer.Citation;
import io.docqa.answer.verify.SentenceCheck;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentCollection;
import io.docqa.retrieve.RetrievedPassage;
import java.time.Instant;
import java.util.List;

/** Request and response bodies of the REST API. Field names are part of the public contract. */
public final class ApiDtos {

    private ApiDtos() {
    }

    /** {@code pipeline} (optional, default "default") names a file of ingest-pipelines/ without ".yaml". */
    public record CreateCollectionRequest(String name, String pipeline) {
        public CreateCollectionRequest(String name) {
            this(name, null);
        }
    }

    public record CollectionResponse(long id, String name, Instant createdAt, String pipeline) {
        static CollectionResponse of(DocumentCollection c, String pipeline) {
            return new CollectionResponse(c.id(), c.name(), c.createdAt(), pipeline);
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

    public record DocumentResponse(long id, String name, long collectionId, String status, String error, String errorCode,
            Integer pages, int chunks, String contentType, long sizeBytes, Instant createdAt, Instant updatedAt) {
        static DocumentResponse of(Document d) {
            return new DocumentResponse(d.id(), d.name(), d.collectionId(), d.status().name(), d.error(), d.errorCode(), d.pages(),
                    d.chunks(), d.contentType(), d.sizeBytes(), d.createdAt(), d.updatedAt());
        }
    }

    /** {@code retriever}: bm25, vector, hybrid (default) or hybrid-rerank. */
    public record SearchRequest(String query, List<Long> collections, Integer limit, String retriever) {
    }

    public record SearchResult(long chunkId, long documentId, String documentName, Integer page, String headingPath,
            String text, double score, int startOffset, int endOffset) {
        static SearchResult of(RetrievedPassage p) {
            return new SearchResult(p.chunk().id(), p.chunk().documentId(), p.documentName(), p.chunk().page(),
                    p.chunk().headingPath(), p.chunk().text(), p.score(), p.chunk().startOffset(), p.chunk().endOffset());
        }
    }

    public record SearchResponse(List<SearchResult> results) {
    }

    /** {@code conversationId} (optional): ask as the next turn of that conversation. */
    public record AskRequest(String question, List<Long> collections, Long conversationId) {
    }

    public record CitationResponse(int n, long documentId, String documentName, long chunkId, Integer page,
            String headingPath, String text, String quote, int start, int end) {
        static CitationResponse of(Citation c) {
            return new CitationResponse(c.n(), c.documentId(), c.documentName(), c.chunkId(), c.page(), c.headingPath(),
                    c.text(), c.quote(), c.start(), c.end());
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
            String standaloneQuestion) {
        static AskResponse of(Answer a) {
            return of(a, null, null);
        }

        static AskResponse of(Answer a, Long conversationId, String standaloneQuestion) {
            return new AskResponse(a.answer(), a.mode(), a.grounded(),
                    a.citations().stream().map(CitationResponse::of).toList(), a.notice(),
                    a.sentences().stream().map(SentenceResponse::of).toList(),
                    a.closest().stream().map(CitationResponse::of).toList(), conversationId, standaloneQuestion);
        }
    }

    public record ErrorResponse(int status, String message) {
    }
}
