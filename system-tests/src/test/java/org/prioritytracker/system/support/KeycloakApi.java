package org.prioritytracker.system.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;

/** The stack's Keycloak as the identity tests read it: its admin API's token, and a token's claims. */
public final class KeycloakApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KeycloakApi() {}

    /** The master realm's bootstrap admin (development only), for the admin REST API. */
    public static String adminToken() {
        return given().formParam("grant_type", "password")
                .formParam("client_id", "admin-cli")
                .formParam("username", "admin")
                .formParam("password", "admin-local")
                .post(SystemStack.KEYCLOAK + "/realms/master/protocol/openid-connect/token")
                .then()
                .statusCode(200)
                .extract()
                .path("access_token");
    }

    /** A JWT's claims, read without verifying it. */
    public static JsonNode claims(String token) {
        return decode(token.split("\\.")[1]);
    }

    /** One base64url part of a JWT, as JSON. */
    public static JsonNode decode(String part) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(part));
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + part, e);
        }
    }
}
