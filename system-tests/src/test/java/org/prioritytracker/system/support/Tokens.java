package org.prioritytracker.system.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.prioritytracker.testsupport.Scripts;

/** Tokens from deploy/local/token, exactly as a user of the local stack gets them. */
public final class Tokens {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    public static String of(String role, String... province) {
        return CACHE.computeIfAbsent(role + String.join(",", province), key -> issue(role, province));
    }

    private static String issue(String role, String... province) {
        List<String> command = new ArrayList<>(List.of(Scripts.ROOT.resolve("deploy/local/token").toString(), role));
        command.addAll(List.of(province));
        try {
            Process process = new ProcessBuilder(command).start();
            String token = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (process.waitFor() != 0 || token.isEmpty()) {
                throw new IllegalStateException("deploy/local/token failed for " + role);
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
