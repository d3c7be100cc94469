package io.docqa.api;

import io.docqa.answer.Answer;
import io.docqa.answer.Citation;
import io.docqa.corpus.Document;
import io.docqa.corpus.DocumentCollection;
import io.docqa.retrieve.RetrievedPassage;
import java.time.Instant;
import java.util.List;

/** Request and response bodies of the REST API. Field names are part of the public contract. */
public final class ApiDtos {

    private ApiDtos() {
    }

    public record CreateCollectionRequest(String name) {
    }

    public record CollectionResponse(long id, String name, Instant createdAt) {
        static CollectionResponse of(DocumentCollection c) {
            return new CollectionResponse(c.id(), c.name(), c.createdAt());
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

    public record SearchRequest(String query, List<Long> collections, Integer limit) {
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

    public record AskRequest(String question, List<Long> collections) {
    }

    public record CitationResponse(int n, long documentId, String documentName, long chunkId, Integer page,
            String headingPath, String text, String quote, int start, int end) {
        static CitationResponse of(Citation c) {
            return new CitationResponse(c.n(), c.documentId(), c.documentName(), c.chunkId(), c.page(), c.headingPath(),
                    c.text(), c.quote(), c.start(), c.end());
        }
    }

    public record AskResponse(String answer, String mode, boolean grounded, List<CitationResponse> citations,
            String notice) {
        static AskResponse of(Answer a) {
            return new AskResponse(a.answer(), a.mode(), a.grounded(),
                    a.citations().stream().map(CitationResponse::of).toList(), a.notice());
        }
    }

    public record ErrorResponse(int status, String message) {
    }
}
