package cn.lantian.api;

import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.fact.SubjectKind;
import cn.lantian.identity.Actor;
import cn.lantian.identity.Actors;
import cn.lantian.registry.Profile;
import cn.lantian.registry.SubjectXlsx;
import cn.lantian.registry.Subjects;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The subject registry (contract section 9): the list of subjects with their latest evaluation, as JSON or
 * CSV; a subject's file; a profile put one by one; the city's list imported whole or not at all.
 */
@Path("/api/v1/subjects")
public class RegistryResource {
    static final String CSV = "text/csv";

    @Inject
    Subjects subjects;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces({MediaType.APPLICATION_JSON, CSV, SubjectXlsx.MEDIA_TYPE})
    @RolesAllowed({"INSPECTOR", "CHIEF"})
    @APIResponse(responseCode = "200", description = "A page of subjects; or every subject as CSV (UTF-8 with a byte-order mark) or as an Excel workbook",
            content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Subjects.Page.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    public Response list(@QueryParam("jurisdiction") String jurisdiction, @QueryParam("kind") String kind,
                         @QueryParam("page") @DefaultValue("0") String page, @QueryParam("size") @DefaultValue("20") String size,
                         @QueryParam("format") String format, @jakarta.ws.rs.core.Context HttpHeaders headers) {
        List<FieldError> errors = new ArrayList<>();
        int p = Queries.number("page", page, 0, 1_000_000, errors);
        int s = Queries.number("size", size, 1, Subjects.MAX_PAGE_SIZE, errors);
        SubjectKind k = null;
        if (kind != null && !kind.isBlank()) {
            try {
                k = SubjectKind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("kind", "must be SITE or ENTERPRISE"));
            }
        }
        boolean csv = "csv".equals(format) || format == null && wants(headers, CSV);
        boolean xlsx = "xlsx".equals(format) || format == null && wants(headers, SubjectXlsx.MEDIA_TYPE);
        if (format != null && !List.of("csv", "xlsx", "json").contains(format)) {
            errors.add(new FieldError("format", "must be csv, xlsx or json"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The request is invalid", errors);
        }
        Actor actor = Actors.of(identity);
        String j = jurisdiction == null || jurisdiction.isBlank() ? null : jurisdiction;
        if (xlsx) {
            byte[] book = SubjectXlsx.write(subjects.table(subjects.all(actor, j, k)));
            return Response.ok(book, SubjectXlsx.MEDIA_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"subjects.xlsx\"; filename*=UTF-8''%E6%A3%80%E6%9F%A5%E5%AF%B9%E8%B1%A1.xlsx")
                    .build();
        }
        if (csv) {
            String body = subjects.csv(subjects.all(actor, j, k));
            return Response.ok(body, CSV + ";charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"subjects.csv\"; filename*=UTF-8''%E6%A3%80%E6%9F%A5%E5%AF%B9%E8%B1%A1.csv")
                    .build();
        }
        return Response.ok(subjects.list(actor, j, k, p, s), MediaType.APPLICATION_JSON).build();
    }

    /** Whether the client's first choice is that type (not a wildcard). */
    private static boolean wants(HttpHeaders headers, String type) {
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        return !accepted.isEmpty() && !accepted.get(0).isWildcardType() && accepted.get(0).isCompatible(MediaType.valueOf(type));
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"INSPECTOR", "CHIEF", "ENTERPRISE"})
    public Subjects.File file(@PathParam("id") String id) {
        return subjects.file(Actors.of(identity), id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"INSPECTOR", "CHIEF"})
    @RequestBody(description = "The subject's profile",
            content = @Content(schema = @Schema(implementation = cn.lantian.registry.SubjectRequest.class)))
    public Profile put(@PathParam("id") String id, String body) {
        return subjects.put(Actors.of(identity), id, body);
    }

    @POST
    @Path("/import")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("CHIEF")
    @RequestBody(description = "The emergency-reduction list as CSV (UTF-8, or GB18030/GBK as Excel and WPS save it)",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public Subjects.Imported importList(@QueryParam("jurisdiction") String jurisdiction, byte[] body) {
        return subjects.importList(Actors.of(identity), body == null ? new byte[0] : body,
                jurisdiction == null || jurisdiction.isBlank() ? null : jurisdiction);
    }

    /** A refused list: 400, each bad row with its line, column and the column's name. */
    @ServerExceptionMapper
    public Response refused(Subjects.ImportRefused e) {
        List<FieldError> errors = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Subjects.RowProblem p : e.problems) {
            String at = "line " + p.line() + (p.column() == null ? "" : ", column " + p.column())
                    + (p.header() == null ? "" : " (" + p.header() + ")");
            errors.add(new FieldError(at, p.message()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("line", p.line());
            row.put("column", p.column());
            row.put("header", p.header());
            row.put("message", p.message());
            rows.add(row);
        }
        return Problem.response(400, "The list was not imported", "no row was kept: " + e.problems.size()
                + " problem(s) to put right first", errors, Map.of("rows", rows));
    }
}
