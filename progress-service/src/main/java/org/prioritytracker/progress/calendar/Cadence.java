package org.prioritytracker.progress.calendar;

import java.util.ArrayList;
import java.util.List;

/** How often a plan's bureaus report: once a quarter (2025-Q2) or once a month (2025-06). */
public enum Cadence {
    QUARTERLY,
    MONTHLY;

    /** The plan year's periods of this cadence, in order. */
    public List<Period> periods(int year) {
        List<Period> periods = new ArrayList<>();
        if (this == QUARTERLY) {
            for (int quarter = 1; quarter <= 4; quarter++) {
                periods.add(Period.parse(year + "-Q" + quarter));
            }
        } else {
            for (int month = 1; month <= 12; month++) {
                periods.add(Period.parse(String.format("%d-%02d", year, month)));
            }
        }
        return periods;
    }

    public boolean accepts(Period period) {
        return period.isQuarter() == (this == QUARTERLY);
    }

    /** How a period of this cadence is written, for messages. */
    public String example(int year) {
        return this == QUARTERLY ? "a quarter such as " + year + "-Q2" : "a month such as " + year + "-06";
    }
}
