package io.docqa.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.docqa.api.ApiDtos.ErrorResponse;
import io.docqa.app.UseCaseException;
import io.docqa.corpus.DuplicateNameException;
import io.docqa.corpus.NotFoundException;
import io.docqa.embedding.EmbeddingUnavailableException;
import io.docqa.storage.StoreUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves the API as JSON {"status","message"} with the right status code. */
public class ExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ExceptionMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return json(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response refused(UseCaseException e) {
        Response response = json(e.kind().status(), e.getMessage());
        return e.retryAfter().map(wait -> Response.fromResponse(response)
                .header("Retry-After", Math.max(1, (wait.toMillis() + 999) / 1000)).build()).orElse(response);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return json(404, e.getMessage());
    }

    /** The object store of the originals is down: nothing was stored, the client may try again shortly. */
    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException e) {
        LOG.warn(e.getMessage());
        return Response.fromResponse(json(503, "The document store is unavailable at the moment; nothing was "
                + "stored or changed. Try again shortly.")).header("Retry-After", 30).build();
    }

    /** The embedding server is down or failing: the query could not be embedded; the client may try again. */
    @ServerExceptionMapper
    public Response embeddingUnavailable(EmbeddingUnavailableException e) {
        LOG.warn(e.getMessage());
        return Response.fromResponse(json(503, "The embedding server is unavailable at the moment. Try again shortly."))
                .header("Retry-After", 30).build();
    }

    @ServerExceptionMapper
    public Response duplicate(DuplicateNameException e) {
        return json(409, e.getMessage());
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return json(400, "The request body is not valid JSON for this endpoint: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 401 -> "Authentication required: send HTTP Basic credentials or an API token (Authorization: Bearer …).";
            case 403 -> "You are not allowed to do this.";
            case 404 -> "Not found.";
            case 405 -> "This method is not allowed on this path.";
            case 413 -> "The upload is too large.";
            case 415 -> "Unsupported content type: send JSON, or multipart/form-data with parts named 'file' for uploads.";
            default -> e.getMessage();
        };
        return json(status, message);
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.error("Unexpected error in REST call", e);
        return json(500, "Internal error: " + e.getClass().getSimpleName() + ". The server log has details.");
    }

    static Response json(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorResponse(status, message)).build();
    }
}
