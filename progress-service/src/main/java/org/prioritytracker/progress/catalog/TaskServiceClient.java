package org.prioritytracker.progress.catalog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** task-service's read API (its OpenAPI document is the contract). */
@RegisterRestClient(configKey = "task-service")
@Path("/api")
public interface TaskServiceClient {

    @GET
    @Path("/items/{code}")
    ItemInfo item(@PathParam("code") String code, @HeaderParam("Authorization") String authorization);

    /** One page of task-service's items, in priority order. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ItemPage(List<ItemInfo> items, long total) {}

    @GET
    @Path("/items")
    ItemPage items(
            @QueryParam("page") int page,
            @QueryParam("size") int size,
            @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/priorities")
    List<PriorityInfo> priorities(@HeaderParam("Authorization") String authorization);

    /** A plan as task-service lists it; only its year matters here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PlanSummary(int year) {}

    @GET
    @Path("/plans")
    List<PlanSummary> plans(@HeaderParam("Authorization") String authorization);

    @GET
    @Path("/provinces")
    List<BureauInfo> provinces(@HeaderParam("Authorization") String authorization);

    @GET
    @Path("/plans/{year}/priorities")
    List<PriorityInfo> planPriorities(@PathParam("year") int year, @HeaderParam("Authorization") String authorization);
}
