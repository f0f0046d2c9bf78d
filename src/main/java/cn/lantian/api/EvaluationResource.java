package cn.lantian.api;

import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.Decision;
import cn.lantian.engine.Evaluator;
import cn.lantian.engine.InspectionReader;
import cn.lantian.engine.RequestReader;
import cn.lantian.engine.Ruleset;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Decides an inspection record: violations, orders and penalties, each traced to its rule. */
@Path("/api/v1/evaluations")
public class EvaluationResource {
    @Inject
    ActiveRuleset rules;

    @Inject
    Validator validator;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Decision evaluate(String body) {
        Ruleset ruleset = rules.get();
        return Evaluator.evaluate(ruleset, new InspectionReader(new RequestReader(validator)).read(body, ruleset, true));
    }
}
