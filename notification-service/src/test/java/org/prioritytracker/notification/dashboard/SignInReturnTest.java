package org.prioritytracker.notification.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** After signing in, the browser returns to the page it came from, and only ever to one of the service's own. */
class SignInReturnTest {

    private final SignInResource resource = new SignInResource(null);

    @Test
    void returnsToTheDataEntryAndReviewPages() {
        assertEquals(URI.create("/entry/"), resource.signIn("/entry/").getLocation());
        assertEquals(URI.create("/review/"), resource.signIn("/review/").getLocation());
    }

    @Test
    void returnsToTheDashboardWithoutAPageOrWithAnyOtherPlace() {
        for (String next :
                new String[] {null, "", "/", "https://evil.example/", "//evil.example/entry/", "/entry/../q/metrics"}) {
            assertEquals(URI.create("/"), resource.signIn(next).getLocation(), String.valueOf(next));
        }
    }
}
