package org.prioritytracker.progress.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** task-service's read API (its OpenAPI document is the contract). */
@RegisterRestClient(configKey = "task-service")
@Path("/api")
public interface TaskServiceClient {

    @GET
    @Path("/items/{code}")
    ItemInfo item(@PathParam("code") String code, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/priorities")
    List<PriorityInfo> priorities(@HeaderParam("Authorization") String authorization);
}
