package cn.lantian.api;

import cn.lantian.identity.Actors;
import cn.lantian.selfcheck.SelfCheckReport;
import cn.lantian.service.SelfChecks;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * An enterprise's or site's own readiness check: the same record, every alert level (INSPECTOR, CHIEF,
 * AUDITOR, and ENTERPRISE for its own subjects). Nothing is recorded.
 */
@Path("/api/v1/self-checks")
public class SelfCheckResource {
    @Inject
    SelfChecks selfChecks;

    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed({"INSPECTOR", "CHIEF", "AUDITOR", "ENTERPRISE"})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public SelfCheckReport check(String body) {
        return selfChecks.check(Actors.of(identity), body);
    }
}
