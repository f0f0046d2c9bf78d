package cn.lantian.api;

import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.AlertClassifier;
import cn.lantian.engine.Classification;
import cn.lantian.engine.RequestReader;
import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.fact.AlertLevel;
import cn.lantian.store.AlertRegistry;
import cn.lantian.store.Ledger;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Heavy-pollution warnings: which level a forecast of daily AQI warrants by the criteria in rules/, the
 * registry of warnings declared per jurisdiction, and the orders a warning imposes on every subject there.
 */
@Path("/api/v1/alerts")
public class AlertResource {
    @Inject
    ActiveRuleset rules;

    @Inject
    Validator validator;

    @Inject
    AlertRegistry registry;

    @Inject
    Ledger ledger;

    @Inject
    java.time.Clock clock;

    /** A warning declared for a jurisdiction: in force from {@code from} until {@code to} (open when absent). */
    public record Declaration(@NotNull AlertLevel level, @NotNull OffsetDateTime from, OffsetDateTime to) {}

    @PUT
    @Path("/{jurisdiction}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public AlertRegistry.Alert declare(@PathParam("jurisdiction") String jurisdiction, String body) {
        RequestReader reader = new RequestReader(validator);
        Declaration d = reader.parse(body, Declaration.class);
        List<FieldError> errors = new ArrayList<>(reader.violations(d));
        if (d.to() != null && d.from() != null && !d.to().isAfter(d.from())) {
            errors.add(new FieldError("to", "must be after from"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The alert is invalid", errors);
        }
        return registry.declare(jurisdiction, d.level(), d.from(), d.to());
    }

    @GET
    @Path("/{jurisdiction}")
    @Produces(MediaType.APPLICATION_JSON)
    public List<AlertRegistry.Alert> declared(@PathParam("jurisdiction") String jurisdiction) {
        return registry.of(jurisdiction);
    }

    /** The list a city sends out the night an alert is issued: what the level in force orders each subject. */
    @GET
    @Path("/{jurisdiction}/orders")
    @Produces(MediaType.APPLICATION_JSON)
    public Ledger.AlertOrders orders(@PathParam("jurisdiction") String jurisdiction, @QueryParam("at") String at) {
        OffsetDateTime when;
        try {
            when = at == null ? rules.get().calendar().now(clock) : OffsetDateTime.parse(at);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("The request is invalid",
                    List.of(new FieldError("at", "an ISO-8601 time with an offset, e.g. 2026-12-14T20:00:00+08:00")));
        }
        return ledger.ordersUnderAlert(jurisdiction, when);
    }

    @POST
    @Path("/classify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Classification classify(String body) {
        return AlertClassifier.classify(rules.get(), AlertClassifier.read(new RequestReader(validator), body));
    }
}
