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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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
    @RequestBody(description = "The record to check (inspectedAt and alertLevel optional)",
            content = @Content(schema = @Schema(implementation = cn.lantian.fact.Inspection.class)))
    public SelfCheckReport check(String body) {
        return selfChecks.check(Actors.of(identity), body);
    }
}
