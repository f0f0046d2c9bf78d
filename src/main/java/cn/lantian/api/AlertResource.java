package cn.lantian.api;

import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.AlertClassifier;
import cn.lantian.engine.Classification;
import cn.lantian.engine.RequestReader;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Heavy-pollution warnings: which level a forecast of daily AQI warrants by the criteria in rules/. */
@Path("/api/v1/alerts")
public class AlertResource {
    @Inject
    ActiveRuleset rules;

    @Inject
    Validator validator;

    @POST
    @Path("/classify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Classification classify(String body) {
        return AlertClassifier.classify(rules.get(), AlertClassifier.read(new RequestReader(validator), body));
    }
}
