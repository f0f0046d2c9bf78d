package cn.lantian.api;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Signing out of the pages: the session cookie (set by the login form's /j_security_check) is removed.
 * Public, since signing out needs no more than the cookie it removes.
 */
@Path("/api/v1/session")
public class SessionResource {
    @ConfigProperty(name = "quarkus.http.auth.form.cookie-name")
    String cookieName;

    @POST
    @Path("/logout")
    @PermitAll
    @APIResponse(responseCode = "204", description = "The session cookie is cleared")
    public Response logout() {
        NewCookie gone = new NewCookie.Builder(cookieName).value("").path("/").maxAge(0).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
        return Response.noContent().cookie(gone).build();
    }
}
