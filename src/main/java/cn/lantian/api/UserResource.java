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
