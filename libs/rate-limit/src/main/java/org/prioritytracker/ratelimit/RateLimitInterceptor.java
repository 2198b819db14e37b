package org.prioritytracker.ratelimit;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.List;
import java.util.Map;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;

/**
 * Counts a {@link RateLimited} call against its caller, after authentication (the endpoints'
 * role checks run first), so that only a verified identity can spend a caller's permits.
 */
@RateLimited
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RateLimitInterceptor {

    private final CallerRateLimits limits;
    private final SecurityIdentity identity;

    public RateLimitInterceptor(CallerRateLimits limits, SecurityIdentity identity) {
        this.limits = limits;
        this.identity = identity;
    }

    @AroundInvoke
    Object limit(InvocationContext invocation) throws Exception {
        String caller =
                identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        if (!limits.tryAcquire(caller)) {
            long seconds = limits.retryAfterSeconds();
            throw new ProblemException(
                    Problem.of(
                            429,
                            "Too Many Requests",
                            "You are sending writes faster than one caller may; retry in " + seconds + " s.",
                            List.of()),
                    Map.of("Retry-After", Long.toString(seconds)));
        }
        return invocation.proceed();
    }
}
