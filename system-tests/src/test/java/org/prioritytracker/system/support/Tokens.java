package org.prioritytracker.system.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.prioritytracker.testsupport.Scripts;

/**
 * Tokens from deploy/local/token, exactly as a user of the local stack gets them: from the stack's
 * Keycloak, or signed with the development key where the stack trusts that (the replicated stack).
 */
public final class Tokens {

    /** Keycloak's tokens live five minutes: one is handed out for four at most. */
    private static final Duration REUSE = Duration.ofMinutes(4);

    private static final Map<String, Issued> CACHE = new ConcurrentHashMap<>();

    private record Issued(String token, Instant at) {}

    private Tokens() {}

    public static String of(String role, String... province) {
        List<String> arguments = new ArrayList<>(List.of(role));
        arguments.addAll(List.of(province));
        return CACHE.compute(
                        String.join(",", arguments),
                        (key, issued) ->
                                issued != null && issued.at().plus(REUSE).isAfter(Instant.now())
                                        ? issued
                                        : new Issued(issue(environment(), arguments), Instant.now()))
                .token();
    }

    /**
     * A token issued now, whatever the cache holds (which it then holds): for a run that needs the whole
     * five minutes of a token's life, such as a benchmark's streams, which end when their token expires.
     */
    public static String fresh(String role, String... province) {
        List<String> arguments = new ArrayList<>(List.of(role));
        arguments.addAll(List.of(province));
        Issued issued = new Issued(issue(environment(), arguments), Instant.now());
        CACHE.put(String.join(",", arguments), issued);
        return issued.token();
    }

    /** A service's token from the stack's Keycloak, by client credentials ({@code deploy/local/token service CLIENT}). */
    public static String forService(String client) {
        return issue(environment(), List.of("service", client));
    }

    /** A token of deploy/local/jwt/sign: the committed development key, which only a stack started for it trusts. */
    public static String signedWithTheDevelopmentKey(String role) {
        return issue(Map.of("TRACKER_IDENTITY", "development-key"), List.of(role));
    }

    /** The environment of deploy/local/token for this execution's stack. */
    public static Map<String, String> environment() {
        return System.getProperty("tracker.stack.replicas") == null
                ? Map.of("KEYCLOAK_PORT", "18180")
                : Map.of("TRACKER_IDENTITY", "development-key");
    }

    private static String issue(Map<String, String> environment, List<String> arguments) {
        List<String> command = new ArrayList<>(
                List.of(Scripts.ROOT.resolve("deploy/local/token").toString()));
        command.addAll(arguments);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            builder.environment().putAll(environment);
            Process process = builder.start();
            String token = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (process.waitFor() != 0 || token.isEmpty()) {
                throw new IllegalStateException("deploy/local/token failed for " + arguments);
            }
            return token;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
