package io.docqa.api;

import io.docqa.api.ApiDtos.CollectionResponse;
import io.docqa.api.ApiDtos.CollectionUpdateResponse;
import io.docqa.api.ApiDtos.CreateCollectionRequest;
import io.docqa.api.ApiDtos.DocumentResponse;
import io.docqa.api.ApiDtos.UpdateCollectionRequest;
import io.docqa.api.ApiDtos.UploadResponse;
import io.docqa.api.ApiDtos.UploadedDocument;
import io.docqa.app.collections.CollectionChange;
import io.docqa.app.collections.CollectionDetails;
import io.docqa.app.collections.CollectionService;
import io.docqa.app.collections.NewCollection;
import io.docqa.app.documents.DocumentPage;
import io.docqa.app.documents.DocumentService;
import io.docqa.app.documents.UploadService;
import io.docqa.app.documents.UploadedFile;
import io.docqa.app.documents.Uploaded;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Collections, their documents and uploads over REST: translation to and from the collection and document services. */
@Path("/collections")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class CollectionResource {

    private final CollectionService collections;
    private final DocumentService documents;
    private final UploadService uploads;

    public CollectionResource(CollectionService collections, DocumentService documents, UploadService uploads) {
        this.collections = collections;
        this.documents = documents;
        this.uploads = uploads;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ADMIN", "EDITOR"})
    public Response create(CreateCollectionRequest request, @Context SecurityContext security) {
        NewCollection wanted = request == null ? new NewCollection(null)
                : new NewCollection(request.name(), request.pipeline(), request.bm25Weight(), request.vectorWeight(),
                        request.language());
        CollectionDetails created = collections.create(Callers.of(security), wanted);
        return Response.created(URI.create("/api/collections/" + created.collection().id()))
                .entity(CollectionResponse.of(created)).build();
    }

    @GET
    public List<CollectionResponse> list(@Context SecurityContext security) {
        return collections.readable(Callers.of(security)).stream().map(CollectionResponse::of).toList();
    }

    @GET
    @Path("/{id}")
    public CollectionResponse get(@PathParam("id") long id, @Context SecurityContext security) {
        return CollectionResponse.of(collections.get(Callers.of(security), id));
    }

    /**
     * Changes a collection's settings: each field present in the body is applied ({@code pipeline},
     * {@code bm25Weight}, {@code vectorWeight}); absent fields are left as they are. Needs write access. A new
     * {@code pipeline} re-processes every document from its stored original as one batch.
     */
    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"ADMIN", "EDITOR"})
    public CollectionUpdateResponse update(@PathParam("id") long id, UpdateCollectionRequest request,
            @Context SecurityContext security) {
        CollectionChange change = request == null ? null
                : new CollectionChange(request.pipeline(), request.bm25Weight(), request.vectorWeight());
        return CollectionUpdateResponse.of(collections.update(Callers.of(security), id, change));
    }

    /**
     * One page of the documents in upload order ({@code offset} default 0, {@code limit} default 100, at most
     * 1,000); X-Total-Count says how many there are, so a client pages until it has them all.
     */
    @GET
    @Path("/{id}/documents")
    public RestResponse<List<DocumentResponse>> documents(@PathParam("id") long id,
            @QueryParam("offset") Integer offset, @QueryParam("limit") Integer limit, @Context SecurityContext security) {
        DocumentPage page = documents.list(Callers.of(security), id, offset, limit);
        List<DocumentResponse> body = page.documents().stream().map(DocumentResponse::of).toList();
        return RestResponse.ResponseBuilder.ok(body).header("X-Total-Count", page.total()).build();
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
            @RestForm("tags") String tags, @QueryParam("expand") boolean expand, @Context SecurityContext security) {
        List<UploadedFile> received = files == null ? List.of()
                : files.stream().map(f -> new UploadedFile(f.uploadedFile(), f.fileName())).toList();
        Uploaded uploaded = uploads.upload(Callers.of(security), collectionId, received, tags, expand);
        return Response.accepted(new UploadResponse(uploaded.documents().stream().map(UploadedDocument::of).toList(),
                uploaded.batchId())).build();
    }
}
