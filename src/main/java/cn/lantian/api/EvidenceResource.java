package cn.lantian.api;

import cn.lantian.evidence.EvidenceFiles;
import cn.lantian.evidence.EvidenceRefused;
import cn.lantian.identity.Actors;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.multipart.FileItem;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Evidence files (contract section 8): {@code POST /api/v1/evidence} (multipart: {@code file}, {@code subject},
 * {@code jurisdiction}) answers 201 with the file's description and its id; the file, its thumbnail and its
 * description are read back by id. The body is read before this runs ({@link HttpLimits}, to the upload's
 * own limit); what the file is and who may send or read it is {@link EvidenceFiles}'s.
 *
 * <p>A file is served as uploaded, with the type its content showed, {@code nosniff}, and
 * {@code Content-Security-Policy: sandbox}: opened on its own, a PDF or an image never runs script in the
 * service's origin.
 */
@Path("/api/v1/evidence")
public class EvidenceResource {
    private static final String SANDBOX = "sandbox";

    @Inject
    EvidenceFiles files;

    @Inject
    SecurityIdentity identity;

    /** The parts of an upload, as the OpenAPI description shows them (the resource reads them from the multipart). */
    @Schema(name = "EvidenceUpload")
    public record EvidenceUpload(
            @Schema(required = true, type = SchemaType.STRING, format = "binary",
                    description = "the photo (JPEG, PNG) or PDF; what it is is read from its bytes") String file,
            @Schema(required = true, description = "the id of the subject it is evidence about") String subject,
            @Schema(description = "the jurisdiction: an inspector's, where the subject's evaluations are kept") String jurisdiction) {}

    /**
     * Any type is taken here so that a request with no body is asked who sends it (401, 403) rather than
     * told its type (415): a body that is not multipart never reaches this, HttpLimits refuses it (415).
     */
    @POST
    @RolesAllowed({"INSPECTOR", "ENTERPRISE"})
    @Consumes({MediaType.MULTIPART_FORM_DATA, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    @RequestBody(description = "multipart/form-data: file (the photo or PDF), subject and jurisdiction", content = @Content(
            mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(implementation = EvidenceUpload.class)))
    @APIResponse(responseCode = "201", description = "The file's description; Location is its address",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EvidenceFiles.Info.class)))
    public Response upload(MultipartFormDataInput form) {
        EvidenceFiles.Info info = files.upload(Actors.of(identity), parts(form));
        return Response.created(URI.create("/api/v1/evidence/" + info.id())).entity(info).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"INSPECTOR", "CHIEF", "ENTERPRISE"})
    @APIResponse(responseCode = "200", description = "The file byte for byte, with the type its content showed", content = {
            @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response original(@PathParam("id") String id, @Context HttpServerResponse http) {
        EvidenceFiles.Content content = files.original(Actors.of(identity), id);
        return served(http, content, content.info().fileName());
    }

    /** The image's thumbnail, a JPEG at most 320 px on its longer side; a PDF has none (404). */
    @GET
    @Path("/{id}/thumbnail")
    @RolesAllowed({"INSPECTOR", "CHIEF", "ENTERPRISE"})
    @APIResponse(responseCode = "200", description = "The image's thumbnail, at most 320 px on its longer side", content = {
            @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response thumbnail(@PathParam("id") String id, @Context HttpServerResponse http) {
        EvidenceFiles.Content content = files.thumbnail(Actors.of(identity), id);
        return served(http, content, "thumbnail.jpg");
    }

    @GET
    @Path("/{id}/info")
    @RolesAllowed({"INSPECTOR", "CHIEF", "ENTERPRISE"})
    @Produces(MediaType.APPLICATION_JSON)
    public EvidenceFiles.Info info(@PathParam("id") String id) {
        return files.info(Actors.of(identity), id);
    }

    /** A refused file: 400, 413 or 415, naming the part at fault. */
    @ServerExceptionMapper
    public Response refused(EvidenceRefused e) {
        return Problem.response(e.status(), e.title(), null, e.errors(), Map.of());
    }

    /**
     * The bytes with their headers. {@code nosniff} is set once (the pages' headers may have set it already);
     * {@code sandbox} is a policy of its own beside the pages' (each policy is enforced).
     */
    private static Response served(HttpServerResponse http, EvidenceFiles.Content content, String fileName) {
        http.headers().set("X-Content-Type-Options", "nosniff");
        return Response.ok(content.bytes(), content.contentType())
                // a PDF is downloaded: a browser's PDF viewer does not run under the sandbox policy
                .header("Content-Disposition", (content.contentType().equals("application/pdf") ? "attachment" : "inline")
                        + "; filename*=UTF-8''" + percentEncoded(fileName))
                .header("Content-Security-Policy", SANDBOX)
                .header("Cache-Control", "private")
                .build();
    }

    /** RFC 8187: every byte of the UTF-8 name but the attr-chars written %XX. */
    static String percentEncoded(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }

    private static List<EvidenceFiles.Part> parts(MultipartFormDataInput form) {
        List<EvidenceFiles.Part> parts = new ArrayList<>();
        if (form == null || form.getValues() == null) {
            return parts;
        }
        for (Map.Entry<String, Collection<FormValue>> e : form.getValues().entrySet()) {
            for (FormValue v : e.getValue()) {
                if (v.isFileItem()) {
                    FileItem item = v.getFileItem();
                    parts.add(EvidenceFiles.Part.file(e.getKey(), v.getFileName(), new EvidenceFiles.FileSource() {
                        @Override
                        public long size() throws IOException {
                            return item.getFileSize();
                        }

                        @Override
                        public InputStream open() throws IOException {
                            return item.getInputStream();
                        }
                    }));
                } else {
                    parts.add(EvidenceFiles.Part.text(e.getKey(), v.getValue()));
                }
            }
        }
        return parts;
    }
}
