package org.prioritytracker.progress.calendar;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A reporting period: a quarter ({@code 2025-Q2}) or a month ({@code 2025-06}). */
public record Period(String text, LocalDate start, LocalDate end) {

    private static final Pattern QUARTER = Pattern.compile("([0-9]{4})-Q([1-4])");
    private static final Pattern MONTH = Pattern.compile("([0-9]{4})-(0[1-9]|1[0-2])");

    /** The period, or null when the text is neither a quarter nor a month. */
    public static Period parse(String text) {
        if (text == null) {
            return null;
        }
        Matcher quarter = QUARTER.matcher(text);
        if (quarter.matches()) {
            int year = Integer.parseInt(quarter.group(1));
            int firstMonth = (Integer.parseInt(quarter.group(2)) - 1) * 3 + 1;
            return new Period(
                    text,
                    YearMonth.of(year, firstMonth).atDay(1),
                    YearMonth.of(year, firstMonth + 2).atEndOfMonth());
        }
        Matcher month = MONTH.matcher(text);
        if (month.matches()) {
            YearMonth yearMonth = YearMonth.of(Integer.parseInt(month.group(1)), Integer.parseInt(month.group(2)));
            return new Period(text, yearMonth.atDay(1), yearMonth.atEndOfMonth());
        }
        return null;
    }

    public int year() {
        return start.getYear();
    }

    /** The months of a quarter, in order; none for a month. */
    public List<Period> months() {
        if (!isQuarter()) {
            return List.of();
        }
        List<Period> months = new ArrayList<>();
        for (YearMonth month = YearMonth.from(start);
                !month.isAfter(YearMonth.from(end));
                month = month.plusMonths(1)) {
            months.add(parse(month.toString()));
        }
        return months;
    }

    /** A quarter (2025-Q2) rather than a month (2025-06). */
    public boolean isQuarter() {
        return text.contains("Q");
    }
}
