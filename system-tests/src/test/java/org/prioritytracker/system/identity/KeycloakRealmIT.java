package org.prioritytracker.system.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.prioritytracker.system.support.KeycloakApi.adminToken;
import static org.prioritytracker.system.support.KeycloakApi.claims;
import static org.prioritytracker.system.support.KeycloakApi.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.response.Response;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.testsupport.Scripts;

/**
 * The development realm as Keycloak serves it, from deploy/local/keycloak/realm.json: what a person's and a
 * service's token carry, that they are signed with the realm's published keys, PKCE for the dashboard and
 * brute-force protection. It reads the system stack's Keycloak (port 18180, database keycloak_e2e created
 * anew for each run).
 */
@ExtendWith(SystemStack.class)
class KeycloakRealmIT {

    private static final String BASE = SystemStack.KEYCLOAK;
    private static final String ISSUER = SystemStack.ISSUER;
    private static final String TOKEN = ISSUER + "/protocol/openid-connect/token";
    private static final String AUTHORIZE = ISSUER + "/protocol/openid-connect/auth";
    private static final String ADMIN = BASE + "/admin/realms/priority-tracker";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void discoveryNamesTheIssuerAndItsKeys() {
        JsonNode discovery = json(given().get(ISSUER + "/.well-known/openid-configuration")
                .then()
                .statusCode(200)
                .extract()
                .response());

        assertEquals(ISSUER, discovery.path("issuer").asText());
        assertEquals(
                ISSUER + "/protocol/openid-connect/certs",
                discovery.path("jwks_uri").asText());
        assertEquals(TOKEN, discovery.path("token_endpoint").asText());
        assertThat(texts(discovery.path("code_challenge_methods_supported")), hasItem("S256"));
    }

    @Test
    void aReportersTokenCarriesItsRoleProvinceAndAudiencesForFiveMinutesAndIsSignedByTheRealm()
            throws GeneralSecurityException {
        String token = passwordGrant("reporter-130000");
        JsonNode claims = claims(token);

        assertEquals(ISSUER, claims.path("iss").asText());
        assertThat(texts(claims.path("groups")), contains("provincial-reporter"));
        // A plain string, as the services read it.
        assertTrue(claims.path("province").isTextual(), claims.toString());
        assertEquals("130000", claims.path("province").asText());
        assertThat(
                texts(claims.path("aud")),
                containsInAnyOrder("task-service", "progress-service", "notification-service"));
        assertEquals("reporter-130000", claims.path("preferred_username").asText());
        assertFalse(claims.path("sub").asText().isBlank(), claims.toString());
        assertEquals("tracker-cli", claims.path("azp").asText());
        assertEquals(300, claims.path("exp").asLong() - claims.path("iat").asLong());

        assertTrue(verifies(token));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + base64Url(claims.toString().replace("130000", "110000")) + "." + parts[2];
        assertFalse(verifies(forged));
    }

    @Test
    void staffCarryTheirRoleAndNoProvince() {
        JsonNode viewer = claims(passwordGrant("viewer"));
        assertThat(texts(viewer.path("groups")), contains("viewer"));
        assertFalse(viewer.has("province"), viewer.toString());

        JsonNode admin = claims(passwordGrant("admin"));
        assertThat(texts(admin.path("groups")), contains("ministry-admin"));
        assertFalse(admin.has("province"), admin.toString());

        assertThat(texts(claims(passwordGrant("reviewer")).path("groups")), contains("ministry-reviewer"));
        assertThat(texts(claims(passwordGrant("metrics")).path("groups")), contains("metrics-reader"));
    }

    @Test
    void everyBureauHasAReporterWhoseTokenNamesItsProvince() throws IOException {
        JsonNode bureaus = JSON.readTree(
                        Scripts.ROOT.resolve("seeds/provinces.json").toFile())
                .path("bureaus");
        assertEquals(32, bureaus.size());
        for (JsonNode bureau : bureaus) {
            String code = bureau.path("code").asText();
            JsonNode claims = claims(passwordGrant("reporter-" + code));
            assertEquals(code, claims.path("province").asText(), "province of reporter-" + code);
            assertThat("groups of reporter-" + code, texts(claims.path("groups")), contains("provincial-reporter"));
        }
    }

    @Test
    void aServiceGetsATokenForItsTargetWithItsSecretOnly() {
        String token = given().formParam("grant_type", "client_credentials")
                .formParam("client_id", "progress-service")
                .formParam("client_secret", "progress-service-local")
                .post(TOKEN)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
        JsonNode claims = claims(token);
        assertThat(texts(claims.path("aud")), contains("task-service"));
        assertThat(texts(claims.path("groups")), contains("service"));
        assertEquals("progress-service", claims.path("azp").asText());
        assertFalse(claims.has("province"), claims.toString());

        given().formParam("grant_type", "client_credentials")
                .formParam("client_id", "progress-service")
                .formParam("client_secret", "wrong-secret")
                .post(TOKEN)
                .then()
                .statusCode(401);
    }

    @Test
    void theDashboardIsPublicAndMustUsePkceWithS256() throws GeneralSecurityException {
        JsonNode dashboard = json(given().auth()
                        .oauth2(adminToken())
                        .queryParam("clientId", "dashboard")
                        .get(ADMIN + "/clients")
                        .then()
                        .statusCode(200)
                        .extract()
                        .response())
                .get(0);
        assertTrue(dashboard.path("publicClient").asBoolean(), dashboard.toString());
        assertTrue(dashboard.path("standardFlowEnabled").asBoolean(), dashboard.toString());
        assertFalse(dashboard.path("directAccessGrantsEnabled").asBoolean(), dashboard.toString());
        assertEquals(
                "S256",
                dashboard.path("attributes").path("pkce.code.challenge.method").asText());

        // Refused back to the dashboard, as OAuth 2.0 prescribes for a request with a valid redirect URI.
        Response withoutChallenge = authorize(Map.of());
        assertEquals(302, withoutChallenge.statusCode());
        assertThat(withoutChallenge.header("Location"), startsWith("http://127.0.0.1:18083/callback"));
        assertThat(withoutChallenge.header("Location"), containsString("error=invalid_request"));
        assertThat(withoutChallenge.header("Location"), containsString("code_challenge"));

        String challenge = base64Url(MessageDigest.getInstance("SHA-256")
                .digest("a-verifier-of-at-least-forty-three-characters-1234".getBytes(StandardCharsets.US_ASCII)));
        Response plain = authorize(Map.of("code_challenge", challenge, "code_challenge_method", "plain"));
        assertEquals(302, plain.statusCode());
        assertThat(plain.header("Location"), containsString("error=invalid_request"));

        Response withChallenge = authorize(Map.of("code_challenge", challenge, "code_challenge_method", "S256"));
        assertEquals(200, withChallenge.statusCode());
        assertThat(
                withChallenge.asString(),
                matchesPattern("(?s).*<form[^>]+action=\"[^\"]*login-actions/authenticate.*"));
    }

    @Test
    void fiveWrongPasswordsLockTheUserOutUntilAnAdminUnlocksIt() {
        String user = "lockout-probe";
        given().formParams(passwordForm(user, user + "-local"))
                .post(TOKEN)
                .then()
                .statusCode(200);
        // A wrong password is invalid_grant, 400 (RFC 6749, section 5.2), as is any password of a locked user.
        for (int attempt = 0; attempt < 5; attempt++) {
            given().formParams(passwordForm(user, "wrong-" + attempt))
                    .post(TOKEN)
                    .then()
                    .statusCode(400)
                    .body("error", equalTo("invalid_grant"));
        }
        String admin = adminToken();
        String id = json(given().auth()
                        .oauth2(admin)
                        .queryParam("username", user)
                        .queryParam("exact", true)
                        .get(ADMIN + "/users")
                        .then()
                        .statusCode(200)
                        .extract()
                        .response())
                .get(0)
                .path("id")
                .asText();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> given().auth()
                        .oauth2(admin)
                        .get(ADMIN + "/attack-detection/brute-force/users/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .<Boolean>path("disabled"));

        given().formParams(passwordForm(user, user + "-local"))
                .post(TOKEN)
                .then()
                .statusCode(400)
                .body("error", equalTo("invalid_grant"));

        given().auth()
                .oauth2(admin)
                .delete(ADMIN + "/attack-detection/brute-force/users/" + id)
                .then()
                .statusCode(204);
        given().formParams(passwordForm(user, user + "-local"))
                .post(TOKEN)
                .then()
                .statusCode(200);
    }

    /** An authorization request of the dashboard, not followed: Keycloak's answer itself. */
    private static Response authorize(Map<String, String> extra) {
        return given().redirects()
                .follow(false)
                .queryParam("client_id", "dashboard")
                .queryParam("response_type", "code")
                .queryParam("scope", "openid")
                .queryParam("state", "state-1")
                .queryParam("redirect_uri", "http://127.0.0.1:18083/callback")
                .queryParams(extra)
                .get(AUTHORIZE);
    }

    private static Map<String, String> passwordForm(String username, String password) {
        return Map.of("grant_type", "password", "client_id", "tracker-cli", "username", username, "password", password);
    }

    /** A development user's access token; every password is the username with "-local". */
    private static String passwordGrant(String username) {
        return given().formParams(passwordForm(username, username + "-local"))
                .post(TOKEN)
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** True when the JWT's RS256 signature verifies against the realm's published key of its kid. */
    private static boolean verifies(String token) throws GeneralSecurityException {
        String[] parts = token.split("\\.");
        JsonNode header = decode(parts[0]);
        assertEquals("RS256", header.path("alg").asText());
        JsonNode keys = json(given().get(ISSUER + "/protocol/openid-connect/certs")
                        .then()
                        .statusCode(200)
                        .extract()
                        .response())
                .path("keys");
        PublicKey key = null;
        for (JsonNode jwk : keys) {
            if (jwk.path("kid").asText().equals(header.path("kid").asText())
                    && "RSA".equals(jwk.path("kty").asText())) {
                key = KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(
                                new BigInteger(
                                        1,
                                        Base64.getUrlDecoder()
                                                .decode(jwk.path("n").asText())),
                                new BigInteger(
                                        1,
                                        Base64.getUrlDecoder()
                                                .decode(jwk.path("e").asText()))));
            }
        }
        assertNotNull(
                key, "the realm publishes no RSA key " + header.path("kid").asText());
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(key);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private static JsonNode json(Response response) {
        try {
            return JSON.readTree(response.asString());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.asString(), e);
        }
    }

    /** A claim that may be one string or an array of them (aud), as a list. */
    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> texts.add(item.asText()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            texts.add(node.asText());
        }
        return texts;
    }

    private static String base64Url(String text) {
        return base64Url(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
