package cn.lantian.notice;

import cn.lantian.fact.Order;
import cn.lantian.fact.OrderType;
import cn.lantian.store.AlertRegistry;
import cn.lantian.store.Ledger;
import cn.lantian.store.StoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The notices of alerts: ALERT_DECLARED with the subjects the alert stops, ALERT_LIFTED with the period
 * it kept. Called by {@link cn.lantian.service.Alerts} inside the transaction that stores the declaration
 * or the lifting, so that the notice is kept exactly when the change is, and names the subjects as the
 * store held them at that moment.
 */
@ApplicationScoped
public class AlertNotices {
    private static final Logger LOG = Logger.getLogger(AlertNotices.class);
    /** The orders that stop or curb what a subject does; a subject with one of them is one the alert stops. */
    static final Set<OrderType> STOPS = EnumSet.of(OrderType.STOP_ACTIVITY, OrderType.STOP_WORK, OrderType.STOP_PRODUCTION,
            OrderType.LIMIT_PRODUCTION, OrderType.STOP_HEAVY_DIESEL_TRANSPORT, OrderType.STOP_MATERIAL_TRANSPORT);

    @Inject
    Notices notices;

    @Inject
    Ledger ledger;

    /**
     * {@code data}: {@code alert} (id, jurisdiction, level, from, to, declaredAt) and {@code subjects}: each
     * subject of the jurisdiction with a stored evaluation whose alert orders at the alert's start include
     * a stop, with its id, name, kind, the evaluation its orders are decided from, and every alert order
     * it gets (type, activity, limitPercent, maxBannedStandard, legalBasis, reason). Should the current
     * rules fail to decide a stored record, the notice goes without {@code subjects} and says why in
     * {@code subjectsUnavailable}, and the declaration stands.
     */
    public void declared(AlertRegistry.Alert alert) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alert", view(alert));
        try {
            Ledger.AlertOrders under = ledger.ordersUnderAlert(alert.jurisdiction(), alert.from());
            data.put("subjects", under.subjects().stream()
                    .filter(s -> s.orders().stream().anyMatch(o -> STOPS.contains(o.type())))
                    .map(AlertNotices::subject).toList());
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // a stored record the current rules cannot decide must not stop the declaration: the notice says so
            LOG.warnf(e, "the subjects the alert %s in %s stops could not be listed", alert.id(), alert.jurisdiction());
            data.put("subjectsUnavailable", "the subjects could not be listed: " + e.getMessage());
        }
        notices.enqueue(Notices.ALERT_DECLARED, alert.jurisdiction(), null, data);
    }

    /** {@code data}: {@code alert} as it stands lifted (its {@code to} cut), and the {@code reason} given, if any. */
    public void lifted(AlertRegistry.Alert alert, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("alert", view(alert));
        if (reason != null) {
            data.put("reason", reason);
        }
        notices.enqueue(Notices.ALERT_LIFTED, alert.jurisdiction(), null, data);
    }

    private static Map<String, Object> view(AlertRegistry.Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("jurisdiction", a.jurisdiction());
        m.put("level", a.level().name());
        m.put("from", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(a.from()));
        if (a.to() != null) {
            m.put("to", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(a.to()));
        }
        if (a.declaredAt() != null) {
            m.put("declaredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(a.declaredAt()));
        }
        return m;
    }

    private static Map<String, Object> subject(Ledger.SubjectOrders s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.subjectId());
        if (s.name() != null) {
            m.put("name", s.name());
        }
        m.put("kind", s.kind());
        m.put("evaluation", s.basedOn());
        m.put("orders", s.orders().stream().map(AlertNotices::order).toList());
        return m;
    }

    private static Map<String, Object> order(Order o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", o.type().name());
        if (o.activity() != null) {
            m.put("activity", o.activity().name());
        }
        if (o.limitPercent() != null) {
            m.put("limitPercent", o.limitPercent());
        }
        if (o.maxBannedStandard() != null) {
            m.put("maxBannedStandard", o.maxBannedStandard());
        }
        if (o.legalBasis() != null) {
            m.put("legalBasis", o.legalBasis());
        }
        if (o.reason() != null) {
            m.put("reason", o.reason());
        }
        return m;
    }
}
