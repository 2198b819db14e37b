package org.prioritytracker.problem;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents what {@link Preconditions#requireCurrent} answers, once for every operation that takes
 * an {@code If-Match} header, instead of a pair of annotations on each: 412 for a stale version,
 * 428 for a missing one, both as problem details. A service turns it on with
 * {@code mp.openapi.filter=org.prioritytracker.problem.PreconditionResponses}.
 */
public class PreconditionResponses implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getParameters() == null || operation.getParameters().stream().noneMatch(PreconditionResponses::isIfMatch)) {
            return operation;
        }
        APIResponses responses = operation.getResponses();
        add(responses, "412", "If-Match is stale: the resource has changed since that version; read it again");
        add(responses, "428", "If-Match is missing");
        return operation;
    }

    private static boolean isIfMatch(Parameter parameter) {
        return parameter.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(parameter.getName());
    }

    private static void add(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("Problem")))));
        }
    }
}
