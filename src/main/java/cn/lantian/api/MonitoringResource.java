package cn.lantian.api;

import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.MonitoringStream;
import cn.lantian.engine.RequestReader;
import cn.lantian.engine.Text;
import cn.lantian.identity.Actors;
import cn.lantian.monitoring.AlarmVerifications;
import cn.lantian.monitoring.Monitoring;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** Online monitoring (contract section 10): monitors, their readings, the counties' means, the alarms, and a stream judged on its own. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class MonitoringResource {
    @Inject
    Monitoring monitoring;

    @Inject
    SecurityIdentity identity;

    @Inject
    ActiveRuleset rules;

    @Inject
    Validator validator;

    @Inject
    AlarmVerifications verifications;

    @PUT
    @Path("/monitors/{deviceId}")
    @RolesAllowed({"INSPECTOR", "ADMIN"})
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = "A monitor registered to a subject",
            content = @Content(schema = @Schema(implementation = Monitoring.MonitorRequest.class)))
    public Monitoring.MonitorView register(@PathParam("deviceId") String deviceId, String body) {
        return monitoring.register(Actors.of(identity), deviceId, body);
    }

    @GET
    @Path("/monitors")
    @RolesAllowed({"INSPECTOR", "ADMIN"})
    public List<Monitoring.MonitorView> monitors(@QueryParam("jurisdiction") String jurisdiction) {
        return monitoring.monitors(Actors.of(identity), jurisdiction);
    }

    @GET
    @Path("/monitors/{deviceId}")
    @RolesAllowed({"INSPECTOR", "ADMIN"})
    public Monitoring.MonitorView monitor(@PathParam("deviceId") String deviceId) {
        return monitoring.monitor(Actors.of(identity), deviceId).orElseThrow(() -> new NotFoundException("no monitor " + deviceId));
    }

    /** A device's batch; 409 naming each reading kept before with another value (nothing of the batch is kept then). */
    @POST
    @Path("/monitors/{deviceId}/readings")
    @RolesAllowed("MONITOR")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = "A batch of the device's readings",
            content = @Content(schema = @Schema(implementation = Monitoring.ReadingIn.class, type = SchemaType.ARRAY)))
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200", description = "The batch kept and judged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Monitoring.ReadingsAnswer.class)))
    public Response readings(@PathParam("deviceId") String deviceId, String body) {
        try {
            return Response.ok(monitoring.readings(Actors.of(identity), deviceId, body)).build();
        } catch (Monitoring.ReadingConflict e) {
            return Problem.response(409, Text.of("lantian.title.readingConflict"),
                    Text.of("lantian.monitoring.readingConflict", "count", String.valueOf(e.errors().size())),
                    e.errors(), Map.of());
        }
    }

    @PUT
    @Path("/backgrounds/{jurisdiction}/readings")
    @RolesAllowed({"INSPECTOR", "ADMIN"})
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = "The county's hourly means",
            content = @Content(schema = @Schema(implementation = Monitoring.MeanIn.class, type = SchemaType.ARRAY)))
    public Monitoring.MeansAnswer backgrounds(@PathParam("jurisdiction") String jurisdiction, String body) {
        return monitoring.backgrounds(Actors.of(identity), jurisdiction, body);
    }

    @GET
    @Path("/alarms")
    @RolesAllowed({"INSPECTOR", "CHIEF", "ENTERPRISE"})
    public List<Monitoring.AlarmEntry> alarms(@QueryParam("jurisdiction") String jurisdiction, @QueryParam("subject") String subject,
                                              @QueryParam("from") String from, @QueryParam("to") String to,
                                              @QueryParam("state") String state) {
        if (state != null && !state.isBlank() && !cn.lantian.engine.LabelKinds.fixedCodes(cn.lantian.engine.LabelKinds.ALARM_STATE).contains(state)) {
            throw new InvalidRequestException(Text.of("lantian.title.request"), List.of(FieldError.of("state", "lantian.alarm.state")));
        }
        return monitoring.alarms(Actors.of(identity), jurisdiction, subject, day("from", from), day("to", to),
                state == null || state.isBlank() ? null : state, 500);
    }

    @GET
    @Path("/alarms/{id}")
    @RolesAllowed({"INSPECTOR", "CHIEF", "ENTERPRISE"})
    public Monitoring.AlarmEntry alarm(@PathParam("id") String id) {
        return monitoring.alarm(Actors.of(identity), id).orElseThrow(() -> new NotFoundException("no alarm " + id));
    }

    /**
     * An inspector's verification of an alarm (once): CONFIRMED records an inspection with the alarm's fact, DISMISSED
     * keeps the note. Recorded on a worker thread and answered once durable, as a recorded evaluation is.
     */
    @POST
    @Path("/alarms/{id}/verification")
    @RolesAllowed("INSPECTOR")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = "The outcome, a note (required to dismiss) and, to confirm, the inspection record of the visit",
            content = @Content(schema = @Schema(implementation = AlarmVerifications.VerificationRequest.class)))
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "200",
            description = "The alarm as verified, and for a confirmation the decision of the inspection recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlarmVerifications.VerificationAnswer.class)))
    @org.eclipse.microprofile.openapi.annotations.responses.APIResponse(responseCode = "409", description = "The alarm was verified already",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = Problem.class)))
    public Uni<AlarmVerifications.VerificationAnswer> verify(@PathParam("id") String id, String body) {
        cn.lantian.identity.Actor actor = Actors.of(identity);
        return Uni.createFrom().completionStage(() -> verifications.verify(actor, id, body))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** A monitor's stream judged by the stream rules on its own, nothing stored: what a stream fixture runs. */
    @POST
    @Path("/monitoring/judge")
    @RolesAllowed({"INSPECTOR", "CHIEF", "AUDITOR"})
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = "A monitor's stream, as a stream fixture holds it",
            content = @Content(schema = @Schema(implementation = MonitoringStream.Stream.class)))
    public MonitoringStream.Result judge(String body) {
        return MonitoringStream.judge(rules.get(), MonitoringStream.read(new RequestReader(validator), body));
    }

    private static LocalDate day(String name, String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("The request is invalid", List.of(new FieldError(name, "a date written YYYY-MM-DD")));
        }
    }
}
