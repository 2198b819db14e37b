package org.prioritytracker.notification.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.prioritytracker.identity.Roles;

/**
 * The dashboard's sign-in with the identity provider (Authorization Code + PKCE, quarkus-oidc): the
 * provider's login page and back, then the current access token for the page to call the APIs with.
 * The session is an encrypted HttpOnly cookie; quarkus-oidc renews its tokens with the refresh token
 * before they expire, so the page asks again shortly before its token's {@code expiresAt}.
 */
@Path("/dashboard")
@Tag(
        name = "Dashboard",
        description = "The dashboard page: its settings, sign-in and the event stream's session cookie")
public class SignInResource {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The pages served here that sign in: the dashboard, the bureau's data entry and the ministry's review. */
    private static final Set<String> PAGES = Set.of("/", "/entry/", "/review/");

    private static final Set<String> TRACKER_ROLES = Set.of(
            Roles.MINISTRY_ADMIN,
            Roles.MINISTRY_REVIEWER,
            Roles.PROVINCIAL_REPORTER,
            Roles.PROVINCIAL_APPROVER,
            Roles.VIEWER);

    /** Who is signed in, and the access token the page sends to the APIs. */
    public record Session(String accessToken, long expiresAt, String username, List<String> roles, String province) {}

    private final SecurityIdentity identity;

    public SignInResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    @Path("/sign-in")
    @Authenticated
    @Operation(
            operationId = "signIn",
            summary = "Signs in at the identity provider, then returns to the page it came from")
    @APIResponse(responseCode = "303", description = "Signed in: back to the page named by next, or to the dashboard")
    public Response signIn(
            @Parameter(
                            description = "The page to return to: /, /entry/ or /review/; any other value returns to /",
                            schema = @Schema(type = SchemaType.STRING, examples = "/entry/"))
                    @QueryParam("next")
                    String next) {
        // Only the service's own pages: a link to sign-in must not send a signed-in person elsewhere.
        return Response.seeOther(URI.create(next != null && PAGES.contains(next) ? next : "/"))
                .build();
    }

    @GET
    @Path("/session")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "getDashboardSession",
            summary = "The signed-in person and the current access token, for the dashboard page")
    @APIResponse(responseCode = "200", description = "Signed in")
    @APIResponse(
            responseCode = "499",
            description = "Not signed in (a script's request: no redirect to the login page)")
    public Response session() {
        String token = identity.getCredential(AccessTokenCredential.class).getToken();
        JsonNode claims = claims(token);
        List<String> roles = new TreeSet<>(identity.getRoles())
                .stream().filter(TRACKER_ROLES::contains).toList();
        String province =
                claims.path("province").isTextual() ? claims.path("province").asText() : null;
        Session session = new Session(
                token,
                claims.path("exp").asLong(),
                claims.path("preferred_username").asText(identity.getPrincipal().getName()),
                roles,
                province);
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(session).cacheControl(noStore).build();
    }

    /** The claims of a token quarkus-oidc has verified (verify-access-token). */
    private static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IOException | ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            throw new UncheckedIOException(new IOException("The session's access token is not a JWT", e));
        }
    }
}
