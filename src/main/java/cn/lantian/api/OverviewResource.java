package cn.lantian.api;

import cn.lantian.identity.Actors;
import cn.lantian.registry.Overview;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The bureau's overview (contract section 9), for CHIEF and, as section 7 lists it, INSPECTOR: each in the
 * jurisdictions the account acts in.
 */
@Path("/api/v1/overview")
@Produces(MediaType.APPLICATION_JSON)
public class OverviewResource {
    @Inject
    Overview overview;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({"CHIEF", "INSPECTOR"})
    public Overview.View get(@QueryParam("jurisdiction") String jurisdiction, @QueryParam("from") String from,
                             @QueryParam("to") String to) {
        return overview.of(Actors.of(identity), jurisdiction == null || jurisdiction.isBlank() ? null : jurisdiction, from, to);
    }
}
