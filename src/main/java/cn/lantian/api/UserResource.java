package cn.lantian.api;

import cn.lantian.identity.Actor;
import cn.lantian.identity.Actors;
import cn.lantian.identity.UserAccount;
import cn.lantian.identity.Users;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Users and roles (contract section 7): ADMIN manages them; anyone signed in may ask who they are. */
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {
    @Inject
    Users users;

    @Inject
    SecurityIdentity identity;

    @POST
    @RolesAllowed("ADMIN")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = "The new user: name, password, roles, subjects, jurisdictions",
            content = @Content(schema = @Schema(implementation = cn.lantian.identity.Users.NewUser.class)))
    @APIResponse(responseCode = "201", description = "The user created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UserAccount.class)))
    public Response create(String body) {
        UserAccount created = users.create(Actors.of(identity), body);
        return Response.status(201).entity(created).build();
    }

    @GET
    @RolesAllowed("ADMIN")
    public List<UserAccount> list() {
        return users.list();
    }

    @PATCH
    @Path("/{username}")
    @RolesAllowed("ADMIN")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(description = "What changes: disabled, roles, password, subjects, jurisdictions",
            content = @Content(schema = @Schema(implementation = cn.lantian.identity.Users.Change.class)))
    public UserAccount change(@PathParam("username") String username, String body) {
        return users.change(Actors.of(identity), username, body);
    }

    @GET
    @Path("/me")
    @Authenticated
    public Actor me() {
        return Actors.of(identity);
    }
}
