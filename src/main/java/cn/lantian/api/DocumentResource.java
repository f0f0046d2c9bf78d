package cn.lantian.api;

import cn.lantian.document.CjkFont;
import cn.lantian.document.DocumentKind;
import cn.lantian.document.DocumentView;
import cn.lantian.document.Documents;
import cn.lantian.document.PdfDocument;
import cn.lantian.identity.Actors;
import cn.lantian.service.Inspections;
import cn.lantian.store.StoredEvaluation;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * An evaluation's official documents (contract section 9), {@code GET /api/v1/evaluations/{id}/documents/{kind}}:
 * print-ready A4 HTML ({@code Accept: text/html}, the default) or the same page as PDF ({@code application/pdf}),
 * for whoever may read the evaluation. An unknown kind is 404, a kind the decision gives no ground for (a penalty
 * notice without a fine, a rectification notice without a RECTIFY order) 409, any other Accept 406, no CJK font for
 * the PDF 503, all problem+json. The page is self-contained: its one stylesheet is inline and it runs no script, so
 * it carries a policy of its own allowing exactly that.
 */
@Path("/api/v1/evaluations/{id}/documents")
public class DocumentResource {
    static final MediaType PDF = new MediaType("application", "pdf");
    /** No script at all, the inline stylesheet, images only from the page itself. */
    static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @Inject
    Inspections inspections;

    @Inject
    Documents documents;

    @Inject
    SecurityIdentity identity;

    @ConfigProperty(name = CjkFont.PROPERTY)
    Optional<String> font;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance document(DocumentView doc);
    }

    @GET
    @Path("/{kind}")
    @RolesAllowed({"INSPECTOR", "CHIEF", "ENTERPRISE"})
    @APIResponse(responseCode = "200", description = "The document: a print-ready A4 page, or the same as PDF", content = {
            @Content(mediaType = "text/html", schema = @Schema(type = SchemaType.STRING, format = "html")),
            @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @APIResponse(responseCode = "406", description = "Neither text/html nor application/pdf is acceptable",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The decision gives no such document (no RECTIFY order, no fine)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Response document(@PathParam("id") String id, @PathParam("kind") String kindName, @Context HttpHeaders headers,
                             @Context HttpServerResponse http) {
        DocumentKind kind = DocumentKind.of(kindName).orElse(null);
        if (kind == null) {
            return Problem.response(404, "No such document", "No document kind \"" + kindName + "\"; the kinds are "
                    + String.join(", ", DocumentKind.paths()), List.of(), Map.of("kinds", DocumentKind.paths()));
        }
        MediaType type = chosen(headers.getAcceptableMediaTypes());
        StoredEvaluation e = inspections.read(Actors.of(identity), id);
        if (type == null) {
            return Problem.response(406, "Not Acceptable", "A document is sent as text/html or application/pdf",
                    List.of(), Map.of("acceptable", List.of(MediaType.TEXT_HTML, PDF.toString())));
        }
        String html = Templates.document(documents.of(e, kind)).render();
        http.headers().set("Content-Security-Policy", POLICY);
        if (type == PDF) {
            return Response.ok(PdfDocument.render(html, font), PDF)
                    .header("Content-Disposition", "inline; filename=\"" + kind.path() + ".pdf\"")
                    .header("Cache-Control", "private").build();
        }
        // as bytes: the page is no JSON answer, whatever reads the evaluations' answers
        return Response.ok(html.getBytes(java.nio.charset.StandardCharsets.UTF_8), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Cache-Control", "private").build();
    }

    /** HTML or PDF, whichever the reader accepts first (HTML when either will do); null when neither. */
    static MediaType chosen(List<MediaType> accepted) {
        if (accepted == null || accepted.isEmpty()) {
            return MediaType.TEXT_HTML_TYPE;
        }
        for (MediaType a : accepted) {
            if (a.isCompatible(MediaType.TEXT_HTML_TYPE)) {
                return MediaType.TEXT_HTML_TYPE;
            }
            if (a.isCompatible(PDF)) {
                return PDF;
            }
        }
        return null;
    }

    @ServerExceptionMapper
    public Response notApplicable(Documents.NotApplicable e) {
        return Problem.response(409, "The document does not apply to this evaluation", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response noWording(Documents.NoWording e) {
        return Problem.response(409, "The rules in force word no documents", e.getMessage(), List.of());
    }

    @ServerExceptionMapper
    public Response noFont(CjkFont.Unavailable e) {
        return Problem.response(503, "No CJK font for the PDF", e.getMessage(), List.of(),
                Map.of("property", CjkFont.PROPERTY));
    }
}
