package io.docqa.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docqa.security.SecurityConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * The body limit of the JSON API: every request under /api except an upload (multipart POST to
 * {@code /api/collections/{id}/documents}, bounded by {@code quarkus.http.limits.max-body-size}) may carry at most
 * {@code docqa.security.request.max-json-body-size} bytes. A larger announced {@code Content-Length} is refused at
 * once; a body sent in chunks is counted as it arrives and refused as soon as it passes the limit. Either way the
 * answer is 413 with the API's JSON error, the connection is closed, and nothing was parsed. It runs on the
 * Vert.x router ahead of authentication and the REST layer, so no bytes past the limit are ever buffered.
 */
@ApplicationScoped
public class RequestBodyLimit {

    private static final Pattern UPLOAD = Pattern.compile("/api/collections/[^/]+/documents/?");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long limit;

    public RequestBodyLimit(SecurityConfig config) {
        this.limit = config.request().maxJsonBodySize().asLongValue();
    }

    void install(@Observes Router router) {
        // after Quarkus' own limit (which applies the larger upload limit) and before everything that reads a body
        router.route("/api/*").order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (isUpload(request)) {
            context.next();
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            if (announced(length) > limit) {
                refuse(context);
            } else {
                context.next();
            }
            return;
        }
        // HTTP/2 announces no Transfer-Encoding: a POST, PUT or PATCH without Content-Length may still carry a body;
        // a bodiless DELETE (as the JDK client sends it after an h2c upgrade) must reach its endpoint untouched
        boolean chunked = request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || request.version() == HttpVersion.HTTP_2 && (request.method() == HttpMethod.POST
                        || request.method() == HttpMethod.PUT || request.method() == HttpMethod.PATCH);
        if (!chunked || request.isEnded()) {
            context.next();
            return;
        }
        collect(context);
    }

    private static boolean isUpload(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return request.method() == HttpMethod.POST && type != null
                && type.regionMatches(true, 0, "multipart/form-data", 0, "multipart/form-data".length())
                && UPLOAD.matcher(request.path()).matches();
    }

    private static long announced(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Reads a body of unannounced length up to the limit, then hands it on as the request's body. */
    private void collect(RoutingContext context) {
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if ((long) body.length() + chunk.length() > limit) {
                refused[0] = true;
                refuse(context);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(context::fail);
        request.endHandler(done -> {
            if (!refused[0]) {
                context.setBody(body);
                context.next();
            }
        });
        request.resume();
    }

    private void refuse(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (response.ended()) {
            return;
        }
        String message = "The request body is larger than " + limit + " bytes, the most a JSON request may send"
                + " (docqa.security.request.max-json-body-size).";
        String json;
        try {
            json = JSON.writeValueAsString(new ApiDtos.ErrorResponse(413, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        response.setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(json).onComplete(done -> context.request().connection().close());
    }
}
