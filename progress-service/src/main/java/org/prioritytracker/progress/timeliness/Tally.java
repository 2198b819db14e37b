package org.prioritytracker.progress.timeliness;

/** Counts expected reports as they are met; gives the rates at the end. */
final class Tally {

    private int expected;
    private int reported;
    private int onTime;

    void expect(boolean wasReported, boolean wasOnTime) {
        expected++;
        if (wasReported) {
            reported++;
        }
        if (wasOnTime) {
            onTime++;
        }
    }

    Timeliness.Rates rates() {
        return new Timeliness.Rates(
                expected, reported, onTime, reported - onTime, expected - reported, percent(reported), percent(onTime));
    }

    private Double percent(int count) {
        return expected == 0 ? null : Math.round(count * 1000.0 / expected) / 10.0;
    }
}
