package org.prioritytracker.progress.calendar;

import org.prioritytracker.problem.ProblemException;

/** A plan's year as a request gives it: four digits, as the plans' years are written. */
public final class PlanYears {

    private PlanYears() {}

    /** The year, or a 400 naming the parameter when it is missing or not four digits. */
    public static int parse(String parameter, String value) {
        if (value == null || !value.strip().matches("[0-9]{4}")) {
            throw ProblemException.badRequest(parameter, "must be a plan's year of four digits, such as 2025");
        }
        return Integer.parseInt(value.strip());
    }
}
