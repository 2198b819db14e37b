package org.prioritytracker.system.contract;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.function.Consumer;
import org.prioritytracker.system.support.SystemStack;
import org.prioritytracker.system.support.Tokens;

/**
 * The clients clients/ generates, pointed at the system tests' stack and signed in as a role. Their
 * Jackson fails on a property the document does not declare (the generated default ignores it), so
 * that a field the service renames or adds without its document fails the contract tests; an enum
 * value the document lacks fails them anyway.
 */
final class GeneratedClients {

    private GeneratedClients() {}

    static org.prioritytracker.clients.task.ApiClient task(String role, String... province) {
        return new org.prioritytracker.clients.task.ApiClient(
                        HttpClient.newBuilder(),
                        strict(org.prioritytracker.clients.task.ApiClient.createDefaultObjectMapper()),
                        SystemStack.TASK)
                .setRequestInterceptor(bearer(role, province));
    }

    static org.prioritytracker.clients.progress.ApiClient progress(String role, String... province) {
        return new org.prioritytracker.clients.progress.ApiClient(
                        HttpClient.newBuilder(),
                        strict(org.prioritytracker.clients.progress.ApiClient.createDefaultObjectMapper()),
                        SystemStack.PROGRESS)
                .setRequestInterceptor(bearer(role, province));
    }

    static org.prioritytracker.clients.notification.ApiClient notification(String role, String... province) {
        return new org.prioritytracker.clients.notification.ApiClient(
                        HttpClient.newBuilder(),
                        strict(org.prioritytracker.clients.notification.ApiClient.createDefaultObjectMapper()),
                        SystemStack.NOTIFICATION)
                .setRequestInterceptor(bearer(role, province));
    }

    private static ObjectMapper strict(ObjectMapper generatedDefault) {
        return generatedDefault.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    }

    /** A token for each request (Tokens reuses one until shortly before it expires). */
    private static Consumer<HttpRequest.Builder> bearer(String role, String... province) {
        return request -> request.header("Authorization", "Bearer " + Tokens.of(role, province));
    }
}
