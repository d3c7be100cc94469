package io.docqa.app.jobs;

import io.docqa.app.Callers;
import io.docqa.app.UseCaseException;
import io.docqa.embedding.EmbeddingGenerations;
import io.docqa.embedding.EmbeddingStartup;
import io.docqa.embedding.Reembedding;
import io.docqa.security.Caller;
import io.docqa.security.Role;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * The administrator's re-embedding: every chunk embedded again with the configured model into a new generation, in
 * the background, searches on the current vectors until the switch. Usually started by restarting with
 * {@code DOCQA_EMBEDDING_REEMBED=true} after changing the model; started here when the model stays but its vectors
 * changed (a new version of the server model under the same name).
 */
@ApplicationScoped
public class ReembedService {

    private final Reembedding reembedding;
    private final EmbeddingGenerations generations;
    private final EmbeddingStartup configured;
    private final Callers callers;
    private final AuditLog audit;

    public ReembedService(Reembedding reembedding, EmbeddingGenerations generations, EmbeddingStartup configured,
            Callers callers, AuditLog audit) {
        this.reembedding = reembedding;
        this.generations = generations;
        this.configured = configured;
        this.callers = callers;
        this.audit = audit;
    }

    /** Where the re-embedding stands. */
    public Reembedding.Status status(Caller caller) {
        callers.requireRole(caller, Role.ADMIN);
        return reembedding.status();
    }

    /** Starts re-embedding every chunk with the configured model; refused while one runs. */
    public Reembedding.Status start(Caller caller) {
        callers.requireRole(caller, Role.ADMIN);
        EmbeddingStartup.Target target = configured.target();
        try {
            generations.startBuilding(target.identity(), target.baseUrl(), caller.username());
        } catch (IllegalStateException e) {
            throw UseCaseException.conflict(e.getMessage() + "; GET /api/admin/reembed shows its progress");
        }
        audit.record(caller.username(), AuditAction.REEMBED_STARTED, List.of(), target.identity().toString(), Map.of());
        return reembedding.status();
    }
}
