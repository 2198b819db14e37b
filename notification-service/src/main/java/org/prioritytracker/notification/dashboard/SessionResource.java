package org.prioritytracker.notification.dashboard;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.prioritytracker.identity.Caller;
import org.prioritytracker.identity.Roles;

/**
 * The event stream's cookie. A browser's EventSource cannot send an Authorization header, so the
 * page hands its token over once and the server sets it as a cookie that scripts cannot read
 * ({@code HttpOnly}), that only the stream receives ({@code Path=/api/events}), never cross-site
 * ({@code SameSite=Strict}), over https only when the page is on https, and that dies with the token.
 */
@Path("/api/session")
@Tag(
        name = "Dashboard",
        description = "The dashboard page: its settings, sign-in and the event stream's session cookie")
public class SessionResource {

    static final String COOKIE = "tracker_token";
    private static final String COOKIE_PATH = "/api/events";

    private final Caller caller;
    private final Clock clock;

    public SessionResource(Caller caller, Clock clock) {
        this.caller = caller;
        this.clock = clock;
    }

    @POST
    @RolesAllowed({
        Roles.VIEWER,
        Roles.MINISTRY_ADMIN,
        Roles.MINISTRY_REVIEWER,
        Roles.PROVINCIAL_REPORTER,
        Roles.PROVINCIAL_APPROVER
    })
    @SecurityRequirement(name = "jwt")
    @Operation(
            operationId = "openStreamSession",
            summary = "Sets the event stream's HttpOnly cookie from the bearer token of this request")
    @APIResponse(responseCode = "204", description = "The cookie is set until the token expires")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    public Response open(UriInfo uri) {
        JsonWebToken token = caller.token();
        long seconds = Math.max(0, token.getExpirationTime() - clock.instant().getEpochSecond());
        return Response.noContent()
                .cookie(cookie(token.getRawToken(), (int) Math.min(seconds, Integer.MAX_VALUE), uri))
                .build();
    }

    @DELETE
    @PermitAll
    // Public: "security: []" in the document, so that linters and generated clients send no token.
    @SecurityRequirements
    @Operation(operationId = "closeStreamSession", summary = "Removes the event stream's cookie (signing out)")
    @APIResponse(responseCode = "204", description = "The cookie is gone")
    public Response close(UriInfo uri) {
        return Response.noContent().cookie(cookie("", 0, uri)).build();
    }

    private static NewCookie cookie(String value, int maxAgeSeconds, UriInfo uri) {
        return new NewCookie.Builder(COOKIE)
                .value(value)
                .path(COOKIE_PATH)
                .maxAge(maxAgeSeconds)
                .httpOnly(true)
                .secure("https".equals(uri.getRequestUri().getScheme()))
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
