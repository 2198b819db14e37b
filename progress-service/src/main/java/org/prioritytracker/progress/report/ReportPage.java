package org.prioritytracker.progress.report;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ReportPage", description = "One page of reports with the total number that match")
public record ReportPage(List<ReportView> reports, int page, int size, long total) {}
