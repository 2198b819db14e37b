package org.prioritytracker.notification.security;

import org.prioritytracker.identity.Caller;

/**
 * Which events a reader may see. Item and priority events are public to every role; report events
 * (and anything else progress-service derives from reports) are province data, visible to the
 * ministry, viewers and the report's own province only. An event from progress-service without a
 * province is shown to no reporter: the rule fails closed.
 */
public record EventScope(String province) {

    /** The progress-service's CloudEvents source: every event it emits is report data. */
    public static final String REPORT_SOURCE = "/progress-service";

    public static final EventScope EVERY_PROVINCE = new EventScope(null);

    /**
     * What the caller may see: a bureau's reporter or approver its own province's report data, the
     * ministry's roles and viewers every province's. A bureau's token without a province is refused.
     */
    public static EventScope of(Caller caller) {
        String province = caller.confinedProvince();
        return province == null ? EVERY_PROVINCE : province(province);
    }

    public static EventScope province(String province) {
        return new EventScope(province);
    }

    public boolean isConfined() {
        return province != null;
    }

    /** @param eventProvince the event's {@code province} extension, or null */
    public boolean admits(String source, String eventProvince) {
        if (province == null) {
            return true;
        }
        if (eventProvince != null) {
            return province.equals(eventProvince);
        }
        return !REPORT_SOURCE.equals(source);
    }
}
