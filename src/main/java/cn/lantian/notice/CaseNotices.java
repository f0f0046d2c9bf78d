package cn.lantian.notice;

import cn.lantian.store.CaseEvent;
import cn.lantian.store.StoredCase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A notice for each change of a case (opened, replied, closed, not rectified) and for each case falling
 * overdue, written in the transaction of the change (the case's event is fired inside it), so that a city's
 * gateway hears of every change that was kept and of none that was not.
 */
@ApplicationScoped
public class CaseNotices {
    @Inject
    Notices notices;

    void changed(@Observes CaseEvent e) {
        StoredCase c = e.kase();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("case", c.id());
        data.put("subjectName", c.subjectName());
        data.put("subjectKind", c.subjectKind());
        data.put("violation", c.violation());
        data.put("title", c.title());
        data.put("legalBasis", c.legalBasis());
        data.put("state", c.state().name());
        data.put("orderedAt", String.valueOf(c.orderedAt()));
        data.put("deadline", c.deadline() == null ? null : c.deadline().toString());
        data.put("by", e.by());
        data.put("evaluation", e.evaluationId());
        notices.enqueue(e.event(), c.jurisdiction(), c.subjectId(), data);
    }
}
