package org.prioritytracker.system.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.prioritytracker.clients.progress.ApiException;
import org.prioritytracker.clients.progress.ApiResponse;
import org.prioritytracker.clients.progress.api.ReportsApi;
import org.prioritytracker.clients.progress.api.ReviewApi;
import org.prioritytracker.clients.progress.api.RollupsApi;
import org.prioritytracker.clients.progress.model.Decision;
import org.prioritytracker.clients.progress.model.Metric;
import org.prioritytracker.clients.progress.model.ProvinceRollup;
import org.prioritytracker.clients.progress.model.Report;
import org.prioritytracker.clients.progress.model.ReportRequest;
import org.prioritytracker.clients.progress.model.ReportStatus;
import org.prioritytracker.clients.progress.model.ReviewRequest;
import org.prioritytracker.clients.progress.model.ReviewState;
import org.prioritytracker.system.support.SystemStack;

/** progress-service driven only through the Java client generated from its document. */
@ExtendWith(SystemStack.class)
class ProgressContractIT {

    /** A province, item and period no other system test reports on (the stack's databases are new each run). */
    private static final String PROVINCE = "520000";

    private static final String ITEM = "P5.2";
    private static final String PERIOD = "2025-Q3";

    private final DocumentedResponses documented = DocumentedResponses.of("progress-service");
    private final ReportsApi reporter = new ReportsApi(GeneratedClients.progress("provincial-reporter", PROVINCE));
    private final ReviewApi reviewer = new ReviewApi(GeneratedClients.progress("ministry-reviewer"));
    private final RollupsApi rollups = new RollupsApi(GeneratedClients.progress("viewer"));

    @Test
    void aReportIsSubmittedOnceAmendedAndReviewed() throws ApiException {
        String key = UUID.randomUUID().toString();
        ReportRequest request = new ReportRequest()
                .itemCode(ITEM)
                .period(PERIOD)
                .percentComplete(30.0)
                .status(ReportStatus.ON_TRACK)
                .narrative("合同测试：首次报送。")
                .metrics(List.of(new Metric().name("项目环评审批数").value(12.0).unit("个")));

        ApiResponse<Report> submitted = reporter.submitReportWithHttpInfo(key, request);
        assertEquals(201, submitted.getStatusCode());
        UUID id = submitted.getData().getId();
        String location = documented.header("submitReport", 201, submitted.getHeaders(), "Location");
        assertTrue(location.endsWith("/api/reports/" + id), location);
        String etag = documented.header("submitReport", 201, submitted.getHeaders(), "ETag");

        ApiResponse<Report> repeated = reporter.submitReportWithHttpInfo(key, request);
        assertEquals(
                "true",
                documented.header(
                        "submitReport", repeated.getStatusCode(), repeated.getHeaders(), "Idempotent-Replayed"));
        assertEquals(id, repeated.getData().getId());

        ApiResponse<Report> amended = reporter.amendReportWithHttpInfo(
                id, request.percentComplete(45.0).narrative("合同测试：修订。"), etag);
        String amendedTag = documented.header("amendReport", amended.getStatusCode(), amended.getHeaders(), "ETag");
        assertEquals(2, amended.getData().getVersion());
        ApiResponse<Report> read = reporter.getReportWithHttpInfo(id);
        assertEquals(amendedTag, documented.header("getReport", read.getStatusCode(), read.getHeaders(), "ETag"));

        ApiResponse<Report> reviewed =
                reviewer.reviewReportWithHttpInfo(id, new ReviewRequest().decision(Decision.ACCEPTED), amendedTag);
        documented.header("reviewReport", reviewed.getStatusCode(), reviewed.getHeaders(), "ETag");
        assertEquals(ReviewState.ACCEPTED, reviewed.getData().getReviewState());
    }

    @Test
    void aProvincesRollupCarriesAnETagThatAnswers304() throws ApiException {
        ApiResponse<ProvinceRollup> rollup = rollups.getProvinceRollupWithHttpInfo(PROVINCE, null);
        String etag = documented.header("getProvinceRollup", rollup.getStatusCode(), rollup.getHeaders(), "ETag");
        assertEquals(PROVINCE, rollup.getData().getProvinceCode());

        ApiException unchanged =
                assertThrows(ApiException.class, () -> rollups.getProvinceRollupWithHttpInfo(PROVINCE, etag));
        assertEquals(304, unchanged.getCode(), unchanged.getResponseBody());
        documented.assertDeclared("getProvinceRollup", 304);
    }

    @Test
    void aValueTheDocumentForbidsIsAProblemNamingTheField() {
        ReportRequest outOfRange = new ReportRequest()
                .itemCode(ITEM)
                .period(PERIOD)
                .percentComplete(150.0)
                .status(ReportStatus.ON_TRACK);
        ApiException refused = assertThrows(
                ApiException.class,
                () -> reporter.submitReportWithHttpInfo(UUID.randomUUID().toString(), outOfRange));
        documented.assertProblem(
                "submitReport",
                refused.getCode(),
                400,
                refused.getResponseHeaders().map());
        DocumentedResponses.assertNamesField(refused.getResponseBody(), "percentComplete");
    }
}
