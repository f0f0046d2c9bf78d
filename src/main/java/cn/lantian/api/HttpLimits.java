package cn.lantian.api;

import cn.lantian.engine.FieldError;
import cn.lantian.engine.Messages;
import cn.lantian.engine.Text;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HTTP limits, answered as problem+json before any resource runs: a request line or headers longer
 * than a client needs (414, 431), a body over the limit by its Content-Length (413), a JSON endpoint
 * posted without a Content-Type (415), a chunked body that grows past the limit (413), and a body that
 * does not arrive in time (408, the connection closed).
 *
 * <p>A JSON body is read here, on the I/O thread, before any resource runs: Quarkus REST would read the
 * body of a blocking resource (a self-check, a validation) on a worker thread, so eight stalled uploads
 * would hold the four workers and stop the service. Read here, a slow upload holds a connection until
 * its deadline, never a worker.
 *
 * <p>Vert.x keeps harder limits of its own, above these ({@code quarkus.http.limits.*}): a request line or
 * headers beyond them, or a Content-Length that is no number, are refused by the HTTP decoder (a bare
 * 414, 431 or 400, no body) before any application code runs.
 *
 * <p>One path has a larger limit: an evidence upload ({@code POST /api/v1/evidence}, multipart), which may
 * carry a file of {@code lantian.evidence.max-bytes} plus the multipart's own parts. Only that path, and
 * only when the request names a user (an Authorization header or the session cookie; who it is is checked
 * by the resource, as everywhere), is read to that limit, here, with its file parts written to the uploads
 * folder and deleted when the answer is sent, and under a deadline of its own
 * ({@code lantian.evidence.upload-timeout}: a photo sent from a phone takes longer than a JSON record). Every
 * other request keeps the limit above, and an upload that names no user keeps it too.
 */
@ApplicationScoped
public class HttpLimits {
    private static final String DEADLINE = "lantian.upload-deadline";
    /** Set on an evidence upload read here; {@link #BODY_READ} once its body is read. */
    private static final String EVIDENCE = "lantian.evidence-upload";
    private static final String BODY_READ = "lantian.body-read";
    /** What an evidence upload may carry besides its file: the multipart's boundaries, part headers and text parts. */
    static final long MULTIPART_OVERHEAD = 64 * 1024;
    private static final String EVIDENCE_PATH = "/api/v1/evidence";
    private static final Duration UNFINISHED_GRACE = Duration.ofSeconds(2);
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    @ConfigProperty(name = "lantian.http.max-request-line", defaultValue = "4096")
    int maxRequestLine;

    @ConfigProperty(name = "lantian.http.max-header-bytes", defaultValue = "16384")
    int maxHeaderBytes;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "2M")
    MemorySize maxBody;

    @ConfigProperty(name = "lantian.http.upload-timeout", defaultValue = "30S")
    Duration uploadTimeout;

    @ConfigProperty(name = "lantian.evidence.max-bytes", defaultValue = "10M")
    MemorySize evidenceMaxBytes;

    /**
     * How many uploads at the evidence limit may be read at once. Whether a request's credential is valid is
     * known only once its body is read (the resource checks it), so a credential that only looks like one may
     * have its body read to the evidence limit: the bodies read at once are bounded, and another waits its
     * turn with 429 and Retry-After instead of filling the disk and the memory.
     */
    @ConfigProperty(name = "lantian.evidence.concurrent-uploads", defaultValue = "8")
    int concurrentUploads;

    private java.util.concurrent.Semaphore largeUploads;

    @ConfigProperty(name = "lantian.evidence.upload-timeout", defaultValue = "120S")
    Duration evidenceTimeout;

    @ConfigProperty(name = "quarkus.http.body.uploads-directory")
    java.util.Optional<String> uploadsDirectory;

    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name", defaultValue = "quarkus-credential")
    String sessionCookie;

    @Inject
    ObjectMapper json;

    private BodyHandler body;
    /** An evidence upload that names a user, and one that does not (held to the limit of every other request). */
    private BodyHandler evidenceBody;
    private BodyHandler anonymousEvidenceBody;

    void install(@Observes Router router) {
        largeUploads = new java.util.concurrent.Semaphore(Math.max(1, concurrentUploads));
        body = BodyHandler.create(false).setBodyLimit(maxBody.asLongValue()).setPreallocateBodyBuffer(false);
        String uploads = uploadsDirectory.orElse(System.getProperty("java.io.tmpdir") + "/uploads");
        evidenceBody = BodyHandler.create(true).setUploadsDirectory(uploads).setDeleteUploadedFilesOnEnd(true)
                .setBodyLimit(evidenceLimit()).setPreallocateBodyBuffer(false);
        anonymousEvidenceBody = BodyHandler.create(true).setUploadsDirectory(uploads).setDeleteUploadedFilesOnEnd(true)
                .setBodyLimit(maxBody.asLongValue()).setPreallocateBodyBuffer(false);
        // Before Quarkus's own body-size check (order -2), which answers a bare 413.
        router.route().order(-100).handler(this::check).failureHandler(this::failed);
        // Runs once the body is read: the upload's deadline no longer applies, however long the work takes.
        router.route().order(-99).handler(rc -> {
            Long deadline = rc.get(DEADLINE);
            if (deadline != null) {
                rc.vertx().cancelTimer(deadline);
            }
            if (rc.get(EVIDENCE) != null) {
                rc.put(BODY_READ, true);
                if (rc.fileUploads().isEmpty() && rc.request().formAttributes().isEmpty()) {
                    // No part at all (Quarkus REST would look for them in a body already read, and wait).
                    refuse(rc, 400, Text.of("lantian.evidence.multipart"), "$");
                    return;
                }
                // Read whole, within the upload's own limit: Quarkus's check of the declared length against the
                // limit of every other request (order -2) is not for this body, which nothing reads again.
                rc.request().headers().remove(HttpHeaders.CONTENT_LENGTH);
            }
            rc.next();
        });
    }

    /**
     * The body reader's own refusal of a chunked body past the limit, as problem+json; a connection closed
     * while its body was read (the client gone, or a 408 above) is no failure of the service to log.
     */
    private void failed(RoutingContext rc) {
        if (rc.failure() instanceof HttpClosedException) {
            return;
        }
        if (rc.get(EVIDENCE) != null && rc.get(BODY_READ) == null) {
            // The upload's body could not be read: over its limit, or no multipart a decoder can read. Once
            // refused, the file part's pipe to the disk fails too, closed with the connection: nothing to log.
            if (rc.response().headWritten()) {
                return;
            }
            if (rc.statusCode() == 413) {
                refuse(rc, 413, tooLargeEvidence(rc), "file");
            } else {
                refuse(rc, 400, Text.of("lantian.evidence.multipart"), "$");
            }
            return;
        }
        if (rc.statusCode() == 413 && !rc.response().headWritten()) {
            refuse(rc, 413, Text.of("lantian.http.bodyTooLarge", "max", maxBody.asLongValue()), "$");
        } else {
            rc.next();
        }
    }

    private void check(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        int line = request.method().name().length() + request.uri().length() + " HTTP/1.1".length() + 1;
        if (line > maxRequestLine) {
            refuse(rc, 414, Text.of("lantian.http.uriTooLong", "max", maxRequestLine), null);
            return;
        }
        if (headerBytes(request.headers()) > maxHeaderBytes) {
            refuse(rc, 431, Text.of("lantian.http.headersTooLarge", "max", maxHeaderBytes), null);
            return;
        }
        long declared = declaredLength(request);
        boolean evidence = isEvidenceUpload(request);
        boolean signedEvidence = evidence && namesUser(request);
        if (signedEvidence && declared > evidenceLimit()) {
            refuse(rc, 413, tooLargeEvidence(rc), "file");
            return;
        }
        if (!signedEvidence && declared > maxBody.asLongValue()) {
            refuse(rc, 413, Text.of("lantian.http.bodyTooLarge", "max", maxBody.asLongValue()), "$");
            return;
        }
        boolean hasBody = declared > 0 || request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        boolean api = WITH_BODY.contains(request.method()) && request.path().startsWith("/api/");
        if (hasBody && evidence) {
            if (type == null || !isMultipart(type)) {
                refuse(rc, 415, Text.of("lantian.evidence.multipart"), "Content-Type");
                return;
            }
            if (signedEvidence) {
                if (!largeUploads.tryAcquire()) {
                    rc.response().putHeader("Retry-After", "5");
                    refuse(rc, 429, Text.of("lantian.evidence.busy", "max", concurrentUploads), null);
                    return;
                }
                java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
                Runnable release = () -> {
                    if (released.compareAndSet(false, true)) {
                        largeUploads.release();
                    }
                };
                rc.addEndHandler(done -> release.run());
            }
            rc.put(EVIDENCE, true);
            deadline(rc, evidenceTimeout);
            unfinished(rc);
            (signedEvidence ? evidenceBody : anonymousEvidenceBody).handle(rc); // then order -99, as below
            return;
        }
        if (hasBody && api && type == null) {
            refuse(rc, 415, Text.of("lantian.http.mediaType"), "Content-Type");
            return;
        }
        if (hasBody && api && isJson(type)) {
            deadline(rc, uploadTimeout);
            body.handle(rc); // reads the whole body without a worker, then passes it on (order -99)
        } else {
            rc.next();
        }
    }

    /** The body must arrive within {@code timeout}, or 408 and the connection is closed. */
    private void deadline(RoutingContext rc, Duration timeout) {
        long deadline = rc.vertx().setTimer(timeout.toMillis(), id -> {
            if (!rc.response().headWritten()) {
                refuse(rc, 408, Text.of("lantian.http.uploadTimeout", "seconds", timeout.toSeconds()), "$");
            }
        });
        rc.put(DEADLINE, deadline);
        rc.addEndHandler(done -> rc.vertx().cancelTimer(deadline));
    }

    /**
     * A multipart body that has arrived whole but whose last part never ends (no closing boundary) leaves its
     * file part open, and the body reader waiting for it: refused 400 once the request has ended and the
     * body is still not read a few seconds later (time enough for the last bytes to reach the disk).
     */
    private void unfinished(RoutingContext rc) {
        long[] endedAt = {0};
        long watch = rc.vertx().setPeriodic(500, id -> {
            if (rc.get(BODY_READ) != null || rc.response().headWritten()) {
                rc.vertx().cancelTimer(id);
            } else if (rc.request().isEnded()) {
                long now = System.nanoTime();
                if (endedAt[0] == 0) {
                    endedAt[0] = now;
                } else if (now - endedAt[0] > UNFINISHED_GRACE.toNanos()) {
                    rc.vertx().cancelTimer(id);
                    refuse(rc, 400, Text.of("lantian.evidence.multipart"), "$");
                }
            }
        });
        rc.addEndHandler(done -> rc.vertx().cancelTimer(watch));
    }

    /** The evidence upload's own path (a path written any other way keeps the limit of every request). */
    private static boolean isEvidenceUpload(HttpServerRequest request) {
        String path = request.path();
        return request.method() == HttpMethod.POST && (EVIDENCE_PATH.equals(path) || (EVIDENCE_PATH + "/").equals(path));
    }

    /** Whether the request names a user, by HTTP Basic, a bearer token or the pages' session cookie. */
    private boolean namesUser(HttpServerRequest request) {
        return request.getHeader(HttpHeaders.AUTHORIZATION) != null || request.getCookie(sessionCookie) != null;
    }

    /** An evidence upload's whole body: the largest file and the multipart around it. */
    private long evidenceLimit() {
        return evidenceMaxBytes.asLongValue() + MULTIPART_OVERHEAD;
    }

    /** An upload over its limit: the file's limit for a request that names a user, every request's otherwise. */
    private Text tooLargeEvidence(RoutingContext rc) {
        return namesUser(rc.request()) ? Text.of("lantian.evidence.tooLarge", "max", evidenceMaxBytes.asLongValue())
                : Text.of("lantian.http.bodyTooLarge", "max", maxBody.asLongValue());
    }

    private static boolean isMultipart(String type) {
        return type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals("multipart/form-data");
    }

    /** The Content-Length, or -1 when there is none (Vert.x has refused one that is no number). */
    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean isJson(String type) {
        String media = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || media.endsWith("+json");
    }

    private static long headerBytes(MultiMap headers) {
        long bytes = 0;
        for (Map.Entry<String, String> h : headers) {
            bytes += h.getKey().length() + h.getValue().length() + 4;
        }
        return bytes;
    }

    /**
     * Answers problem+json in the reader's language and closes the connection: the rest of the request is not
     * read, and the file parts of an upload refused before its body was read are not kept.
     */
    private void refuse(RoutingContext rc, int status, Text reason, String field) {
        Locale locale = Messages.locale(rc.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        List<FieldError> errors = field == null ? List.of() : List.of(FieldError.of(field, reason));
        Problem problem = Problem.of(status, Problem.statusTitle(status), reason, errors, Map.of()).in(locale);
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        HttpServerResponse response = rc.response();
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag())
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body)
                .onComplete(done -> rc.request().connection().close());
        if (rc.get(EVIDENCE) != null && rc.get(BODY_READ) == null) {
            // Answered first: cancelling a file part fails the body's reading, which must find the answer sent.
            rc.cancelAndCleanupFileUploads();
        }
    }
}
