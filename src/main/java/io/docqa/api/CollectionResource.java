package io.docqa.api;

import io.docqa.api.ApiDtos.CollectionResponse;
import io.docqa.api.ApiDtos.CreateCollectionRequest;
import io.docqa.api.ApiDtos.DocumentResponse;
import io.docqa.corpus.CollectionRepository;
import io.docqa.corpus.DocumentCollection;
import io.docqa.api.ApiDtos.UploadResponse;
import io.docqa.api.ApiDtos.UploadedDocument;
import io.docqa.corpus.DocumentRepository;
import io.docqa.ingest.IngestService;
import io.docqa.ingest.ZipUploads;
import jakarta.ws.rs.QueryParam;
import io.docqa.ingest.parse.DocumentRejectedException;
import io.docqa.ingest.parse.DocumentRejectedException.Reason;
import java.util.Map;
import java.util.Optional;
import io.docqa.corpus.CollectionPipelines;
import io.docqa.ingest.pipeline.PipelineDefinition;
import io.docqa.ingest.pipeline.PipelineRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.Context;
import java.net.URI;
import java.util.List;
import java.util.Map;
import io.docqa.security.AccessPolicy;
import io.docqa.security.Caller;
import io.docqa.security.MembershipRepository;
import io.docqa.security.Role;
import io.docqa.security.SecurityConfig;
import io.docqa.security.audit.AuditAction;
import io.docqa.security.audit.AuditLog;

@Path("/collections")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class CollectionResource {

    private final CollectionRepository collections;
    private final DocumentRepository documents;
    private final IngestService ingest;
    private final AccessPolicy access;
    private final MembershipRepository members;
    private final AuditLog audit;
    private final SecurityConfig securityConfig;
    private final CollectionPipelines collectionPipelines;
    private final PipelineRegistry pipelines;
    private final ZipUploads zipUploads;

    public CollectionResource(CollectionRepository collections, DocumentRepository documents, IngestService ingest,
            AccessPolicy access, MembershipRepository members, AuditLog audit, SecurityConfig securityConfig,
            CollectionPipelines collectionPipelines, PipelineRegistry pipelines, ZipUploads zipUploads) {
        this.zipUploads = zipUploads;
        this.collectionPipelines = collectionPipelines;
        this.pipelines = pipelines;
        this.collections = collections;
        this.documents = documents;
        this.ingest = ingest;
        this.access = access;
        this.members = members;
        this.audit = audit;
        this.securityConfig = securityConfig;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ADMIN", "EDITOR"})
    public Response create(CreateCollectionRequest request, @Context SecurityContext security) {
        String name = request == null || request.name() == null ? "" : request.name().strip();
        if (name.isEmpty()) {
            throw ApiException.badRequest("A collection needs a name: send {\"name\": \"...\"}.");
        }
        if (name.length() > DocumentCollection.NAME_MAX_LENGTH) {
            throw ApiException.badRequest("A collection name may have at most " + DocumentCollection.NAME_MAX_LENGTH + " characters.");
        }
        String pipeline = request.pipeline() == null || request.pipeline().isBlank() ? PipelineDefinition.DEFAULT
                : request.pipeline().strip();
        if (pipelines.find(pipeline).isEmpty()) {
            throw ApiException.badRequest("There is no ingestion pipeline named \"" + pipeline + "\"; available: "
                    + pipelines.all().stream().map(PipelineDefinition::name).toList() + ".");
        }
        Caller caller = Callers.of(security);
        DocumentCollection created = collections.create(name, caller.username());
        if (!PipelineDefinition.DEFAULT.equals(pipeline)) {
            collectionPipelines.setPipeline(created.id(), pipeline);
        }
        if (!caller.isAdmin()) { // an editor's new collection is theirs to fill
            members.grant(created.id(), caller.username(), Role.EDITOR, caller.username());
        }
        audit.record(caller.username(), AuditAction.CREATE_COLLECTION, List.of(created.id()), name, Map.of());
        return Response.created(URI.create("/api/collections/" + created.id()))
                .entity(CollectionResponse.of(created, pipeline)).build();
    }

    @GET
    public List<CollectionResponse> list(@Context SecurityContext security) {
        Map<Long, String> chosen = collectionPipelines.all();
        return access.readableCollections(Callers.of(security)).stream()
                .map(c -> CollectionResponse.of(c, chosen.getOrDefault(c.id(), PipelineDefinition.DEFAULT))).toList();
    }

    @GET
    @Path("/{id}")
    public CollectionResponse get(@PathParam("id") long id, @Context SecurityContext security) {
        DocumentCollection c = access.requireReadable(Callers.of(security), id);
        return CollectionResponse.of(c, collectionPipelines.pipelineOf(id).orElse(PipelineDefinition.DEFAULT));
    }

    @GET
    @Path("/{id}/documents")
    public List<DocumentResponse> documents(@PathParam("id") long id, @Context SecurityContext security) {
        access.requireReadable(Callers.of(security), id);
        return documents.findByCollection(id).stream().map(DocumentResponse::of).toList();
    }

    /**
     * Uploads one or more files (multipart parts named "file"); each is ingested in the background. The files of one
     * request form a batch ({@code batchId} in the answer; see GET /api/batches/{id}). With {@code ?expand=true} each
     * .zip file is unpacked and its members become documents.
     */
    @POST
    @Path("/{id}/documents")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({"ADMIN", "EDITOR"})
    public Response upload(@PathParam("id") long collectionId, @RestForm("file") List<FileUpload> files,
            @QueryParam("expand") boolean expand, @Context SecurityContext security) {
        access.requireWritable(Callers.of(security), collectionId);
        if (files == null || files.isEmpty()) {
            throw ApiException.badRequest("No file received: send one or more multipart parts named 'file'.");
        }
        int maxFiles = securityConfig.upload().maxFilesPerRequest();
        if (files.size() > maxFiles) {
            throw new ApiException(413, files.size() + " files in one request; at most " + maxFiles + " are accepted.");
        }
        refuseWhenEveryFileIsRefused(files);
        String user = security.getUserPrincipal().getName();
        String batchId = IngestService.newBatchId();
        List<UploadedDocument> accepted = new ArrayList<>(files.size());
        for (FileUpload file : files) {
            if (expand && ZipUploads.isZip(file.fileName())) { // ?expand=true: each member becomes a document
                zipUploads.submitMembers(collectionId, file.uploadedFile(), file.fileName(), user, batchId).stream()
                        .map(UploadedDocument::of).forEach(accepted::add);
                continue;
            }
            try (InputStream in = Files.newInputStream(file.uploadedFile())) {
                UploadedDocument doc = UploadedDocument.of(ingest.submit(collectionId, file.fileName(), in, user, batchId));
                accepted.add(doc);
                audit.record(user, AuditAction.UPLOAD, List.of(collectionId), Long.toString(doc.id()),
                        Map.of("name", doc.name(), "status", doc.status()));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the upload of " + file.fileName(), e);
            }
        }
        return Response.accepted(new UploadResponse(accepted, batchId)).build();
    }

    /**
     * When no file of a request can be accepted for one reason — all too large (413) or all of a type DocQA does
     * not read (415) — the request fails as a whole and nothing is stored. Otherwise each refused file is recorded
     * as FAILED beside its accepted batch-mates.
     */
    private void refuseWhenEveryFileIsRefused(List<FileUpload> files) {
        List<DocumentRejectedException> refusals = new ArrayList<>();
        for (FileUpload file : files) {
            Optional<DocumentRejectedException> refused = ingest.precheck(file.uploadedFile(), file.fileName());
            if (refused.isEmpty()) {
                return;
            }
            refusals.add(refused.get());
        }
        String message = refusals.size() == 1 ? refusals.get(0).getMessage()
                : String.join(" ", files.stream().map(FileUpload::fileName).toList()) + ": "
                        + refusals.stream().map(DocumentRejectedException::getMessage).distinct().toList();
        if (refusals.stream().allMatch(r -> r.reason() == Reason.TOO_LARGE)) {
            throw new ApiException(413, message);
        }
        if (refusals.stream().allMatch(r -> r.reason() == Reason.UNSUPPORTED_TYPE || r.reason() == Reason.TYPE_MISMATCH)) {
            throw new ApiException(415, message);
        }
    }

}
