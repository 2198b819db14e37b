package org.prioritytracker.progress.report;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/** Report listings. */
@ApplicationScoped
public class ReportQueries {

    ReportPage list(ReportFilter filter) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.item() != null) {
            where.add("itemCode = :item");
            parameters.and("item", filter.item());
        }
        if (filter.priority() != null) {
            // The priority's sub-items: P3.1, P3.2... (the code's shape leaves no LIKE wildcard in it).
            where.add("itemCode like :priority");
            parameters.and("priority", filter.priority() + ".%");
        }
        if (filter.plan() != null) {
            where.add("period like :plan");
            parameters.and("plan", filter.plan() + "-%");
        }
        if (filter.province() != null) {
            where.add("provinceCode = :province");
            parameters.and("province", filter.province());
        }
        if (filter.period() != null) {
            where.add("period = :period");
            parameters.and("period", filter.period());
        }
        if (filter.reviewState() != null) {
            where.add("reviewState = :reviewState");
            parameters.and("reviewState", filter.reviewState());
        }
        Sort order = Sort.descending("submittedAt").and("id");
        PanacheQuery<Report> query =
                where.isEmpty() ? Report.findAll(order) : Report.find(String.join(" and ", where), order, parameters);
        query.page(Page.of(filter.page(), filter.size()));
        return new ReportPage(
                query.list().stream().map(ReportView::of).toList(), filter.page(), filter.size(), query.count());
    }
}
