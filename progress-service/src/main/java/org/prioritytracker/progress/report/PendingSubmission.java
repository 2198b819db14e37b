package org.prioritytracker.progress.report;

/** A validated new report on its way to the database, with its metrics as JSON and its Idempotency-Key, if any. */
record PendingSubmission(Report report, String metricsJson, String idempotencyKey, String requestHash) {

    /** Two submissions that may not share a transaction: both touch the province's standing on the item, or claim one key. */
    boolean clashesWith(PendingSubmission other) {
        if (!report.provinceCode.equals(other.report.provinceCode)) {
            return false;
        }
        return report.itemCode.equals(other.report.itemCode)
                || (idempotencyKey != null && idempotencyKey.equals(other.idempotencyKey));
    }
}
