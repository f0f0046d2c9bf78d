package cn.lantian.api;

import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.InspectionReader;
import cn.lantian.engine.RequestReader;
import cn.lantian.engine.Ruleset;
import cn.lantian.selfcheck.SelfCheckReport;
import cn.lantian.selfcheck.SelfChecker;
import cn.lantian.fact.Inspection;
import cn.lantian.store.Ledger;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;

/**
 * An enterprise's or site's own readiness check: the same record, every alert level, with the history
 * the store knows when the record brings none. Nothing is recorded.
 */
@Path("/api/v1/self-checks")
public class SelfCheckResource {
    @Inject
    ActiveRuleset rules;

    @Inject
    Validator validator;

    @Inject
    Ledger ledger;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public SelfCheckReport check(String body) {
        Ruleset ruleset = rules.get();
        Inspection record = new InspectionReader(new RequestReader(validator)).read(body, ruleset,
                ruleset.calendar().now(clock));
        return SelfChecker.check(ruleset, ledger.withStoredHistory(record, record.inspectedAt()));
    }
}
