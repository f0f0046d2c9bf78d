package cn.lantian.cases;

import cn.lantian.identity.Actor;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** TEMPORARY until the evidence branch is merged. */
@ApplicationScoped
public class CaseEvidence {
    public void requireAttachable(Actor actor, String subjectId, List<String> ids, String field) {
        if (!ids.isEmpty()) {
            throw new IllegalStateException("not merged yet");
        }
    }
}
