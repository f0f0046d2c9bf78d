package cn.lantian.api;

import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.AlertClassifier;
import cn.lantian.engine.Classification;
import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.RequestReader;
import cn.lantian.identity.Actors;
import cn.lantian.service.Alerts;
import cn.lantian.store.AlertRegistry;
import cn.lantian.store.Ledger;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Heavy-pollution warnings: which level a forecast of daily AQI warrants by the criteria in rules/
 * (public), the warnings declared per jurisdiction (a CHIEF there declares and lifts; anyone reads them
 * and the level in force), and the orders a warning imposes on every subject there (staff of the
 * jurisdiction).
 */
@Path("/api/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {
    @Inject
    ActiveRuleset rules;

    @Inject
    Validator validator;

    @Inject
    Alerts alerts;

    @Inject
    SecurityIdentity identity;

    @PUT
    @Path("/{jurisdiction}")
    @RolesAllowed("CHIEF")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = "The warning declared: its level, from, and to (open when absent, excluded)",
            content = @Content(schema = @Schema(implementation = cn.lantian.service.Alerts.Declaration.class)))
    public AlertRegistry.Alert declare(@PathParam("jurisdiction") String jurisdiction, String body) {
        return alerts.declare(Actors.of(identity), jurisdiction, body);
    }

    @POST
    @Path("/{jurisdiction}/{id}/lift")
    @RolesAllowed("CHIEF")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = "Why it is lifted (optional)", required = false,
            content = @Content(schema = @Schema(implementation = cn.lantian.service.Alerts.Lifting.class)))
    public AlertRegistry.Alert lift(@PathParam("jurisdiction") String jurisdiction, @PathParam("id") String id, String body) {
        return alerts.lift(Actors.of(identity), jurisdiction, id, body);
    }

    @GET
    @Path("/{jurisdiction}")
    @PermitAll
    public List<AlertRegistry.Alert> declared(@PathParam("jurisdiction") String jurisdiction) {
        return alerts.declared(jurisdiction);
    }

    /** The level in force in the jurisdiction now (by the service's clock) or {@code at}. */
    @GET
    @Path("/{jurisdiction}/current")
    @PermitAll
    public Alerts.InForce current(@PathParam("jurisdiction") String jurisdiction, @QueryParam("at") String at) {
        return alerts.inForce(jurisdiction, time(at));
    }

    /** The list a city sends out the night an alert is issued: what the level in force orders each subject. */
    @GET
    @Path("/{jurisdiction}/orders")
    @RolesAllowed({"CHIEF", "INSPECTOR"})
    public Ledger.AlertOrders orders(@PathParam("jurisdiction") String jurisdiction, @QueryParam("at") String at) {
        return alerts.orders(Actors.of(identity), jurisdiction, time(at));
    }

    @POST
    @Path("/classify")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = "A forecast of daily AQI",
            content = @Content(schema = @Schema(implementation = cn.lantian.fact.Forecast.class)))
    public Classification classify(String body) {
        return AlertClassifier.classify(rules.get(), AlertClassifier.read(new RequestReader(validator), body));
    }

    private static OffsetDateTime time(String at) {
        try {
            return at == null ? null : OffsetDateTime.parse(at);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("The request is invalid",
                    List.of(new FieldError("at", "an ISO-8601 time with an offset, e.g. 2026-12-14T20:00:00+08:00")));
        }
    }
}
