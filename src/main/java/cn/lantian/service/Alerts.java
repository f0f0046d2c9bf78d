package cn.lantian.service;

import cn.lantian.identity.Access;
import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.FieldError;
import cn.lantian.engine.InvalidRequestException;
import cn.lantian.engine.RequestReader;
import cn.lantian.fact.AlertLevel;
import cn.lantian.identity.Actor;
import cn.lantian.identity.Role;
import cn.lantian.identity.Users;
import cn.lantian.notice.AlertNotices;
import cn.lantian.store.AlertRegistry;
import cn.lantian.store.AuditLog;
import cn.lantian.store.Database;
import cn.lantian.store.Ledger;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.NotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Heavy-pollution warnings declared per jurisdiction: only a CHIEF acting there declares or lifts one
 * (kept in the audit trail); anyone reads the level in force; staff of the jurisdiction read the orders
 * it gives every subject.
 */
@ApplicationScoped
public class Alerts {
    private static final Pattern JURISDICTION = Pattern.compile("[a-z0-9_-]{1,64}");

    @Inject
    AlertRegistry registry;

    @Inject
    Ledger ledger;

    @Inject
    AuditLog audit;

    @Inject
    Database db;

    @Inject
    ActiveRuleset rules;

    @Inject
    Validator validator;

    @Inject
    Clock clock;

    @Inject
    AlertNotices notices;

    /** A warning declared for a jurisdiction: in force from {@code from} until {@code to} (open when absent). */
    public record Declaration(@NotNull AlertLevel level, @NotNull OffsetDateTime from, OffsetDateTime to) {}

    /** The level in force in a jurisdiction at a moment, and the alert it comes from (none: NONE). */
    public record InForce(String jurisdiction, OffsetDateTime at, AlertLevel level, AlertRegistry.Alert alert) {}

    public AlertRegistry.Alert declare(Actor actor, String jurisdiction, String body) {
        checkName(jurisdiction);
        Access.mayActIn(actor, jurisdiction, Role.CHIEF);
        RequestReader reader = new RequestReader(validator);
        Declaration d = reader.parse(body, Declaration.class);
        List<FieldError> errors = new ArrayList<>(reader.violations(d));
        if (d.to() != null && d.from() != null && !d.to().isAfter(d.from())) {
            errors.add(new FieldError("to", "must be after from"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The alert is invalid", errors);
        }
        return db.transaction(() -> {
            AlertRegistry.Alert alert = registry.declare(jurisdiction, d.level(), d.from(), d.to());
            audit.record(actor.username(), "ALERT_DECLARED", jurisdiction + "/" + alert.id(), jurisdiction, view(alert));
            // the notice (with the subjects it stops) commits with the declaration, or neither does
            notices.declared(alert);
            return alert;
        });
    }

    /** Why an alert is lifted early (optional), kept in the audit trail. */
    public record Lifting(@jakarta.validation.constraints.Size(max = 500) String reason) {}

    /** Ends an alert now (by the service's clock), or at its start if it has not begun. */
    public AlertRegistry.Alert lift(Actor actor, String jurisdiction, String id, String body) {
        checkName(jurisdiction);
        Access.mayActIn(actor, jurisdiction, Role.CHIEF);
        RequestReader reader = new RequestReader(validator);
        Lifting lifting = body == null || body.isBlank() ? new Lifting(null) : reader.parse(body, Lifting.class);
        List<FieldError> errors = reader.violations(lifting);
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("The request is invalid", errors);
        }
        OffsetDateTime now = rules.get().calendar().now(clock);
        return db.transaction(() -> {
            AlertRegistry.Alert before = registry.of(jurisdiction).stream().filter(a -> a.id().equals(id)).findFirst()
                    .orElseThrow(() -> new NotFoundException("no alert " + id + " in " + jurisdiction));
            if (before.to() != null && !before.to().isAfter(now)) {
                throw new Users.Conflict("the alert " + id + " already ended at " + before.to());
            }
            AlertRegistry.Alert lifted = registry.lift(jurisdiction, id, now).orElseThrow();
            Map<String, Object> detail = view(lifted);
            detail.put("reason", lifting.reason());
            audit.record(actor.username(), "ALERT_LIFTED", jurisdiction + "/" + id, jurisdiction, detail);
            notices.lifted(lifted, lifting.reason());
            return lifted;
        });
    }

    public List<AlertRegistry.Alert> declared(String jurisdiction) {
        checkName(jurisdiction);
        return registry.of(jurisdiction);
    }

    public InForce inForce(String jurisdiction, OffsetDateTime at) {
        checkName(jurisdiction);
        OffsetDateTime when = at == null ? rules.get().calendar().now(clock) : at;
        Optional<AlertRegistry.Alert> alert = registry.inForce(jurisdiction, when);
        return new InForce(jurisdiction, when, alert.map(AlertRegistry.Alert::level).orElse(AlertLevel.NONE),
                alert.orElse(null));
    }

    /** What the level in force orders each subject of the jurisdiction that has a stored evaluation. */
    public Ledger.AlertOrders orders(Actor actor, String jurisdiction, OffsetDateTime at) {
        checkName(jurisdiction);
        Access.mayActIn(actor, jurisdiction, Role.CHIEF, Role.INSPECTOR);
        return ledger.ordersUnderAlert(jurisdiction, at == null ? rules.get().calendar().now(clock) : at);
    }

    private static void checkName(String jurisdiction) {
        if (jurisdiction == null || !JURISDICTION.matcher(jurisdiction).matches()) {
            throw new InvalidRequestException("The request is invalid", List.of(new FieldError("jurisdiction",
                    "a jurisdiction is 1-64 lower-case letters, digits, '_' or '-'")));
        }
    }

    private static Map<String, Object> view(AlertRegistry.Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", a.level());
        m.put("from", a.from().toString());
        m.put("to", a.to() == null ? null : a.to().toString());
        return m;
    }
}
