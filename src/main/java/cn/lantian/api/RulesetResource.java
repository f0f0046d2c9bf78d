package cn.lantian.api;

import cn.lantian.engine.ActiveRuleset;
import cn.lantian.engine.RuleInfo;
import cn.lantian.engine.Ruleset;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** The active ruleset: its version, when it was loaded, its files and every rule with its metadata. */
@Path("/api/v1/ruleset")
public class RulesetResource {
    @Inject
    ActiveRuleset rules;

    public record RulesetView(String version, Instant loadedAt, List<String> files, List<String> standards,
                              List<RuleInfo> rules) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public RulesetView get() {
        Ruleset r = rules.get();
        return new RulesetView(r.version(), r.loadedAt(), r.files(), r.reference().standards(), r.rules());
    }
}
