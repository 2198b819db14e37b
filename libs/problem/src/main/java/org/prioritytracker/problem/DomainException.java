package org.prioritytracker.problem;

/**
 * A rule of the domain that a request broke, said in the domain's words. The service layer throws
 * these; {@link ProblemMappers} alone decides which HTTP answer each one is.
 */
public abstract class DomainException extends RuntimeException {

    private final String field;
    private final String fieldMessage;

    /**
     * @param detail what happened, for people
     * @param field the request field or header at fault, or null when the request as a whole is
     * @param fieldMessage what is wrong with that field
     */
    protected DomainException(String detail, String field, String fieldMessage) {
        super(detail);
        this.field = field;
        this.fieldMessage = fieldMessage;
    }

    public String field() {
        return field;
    }

    public String fieldMessage() {
        return fieldMessage;
    }

    /** A caller confined to one province asked for another province's data. */
    public static final class ForeignProvince extends DomainException {

        public ForeignProvince(String detail) {
            super(detail, null, null);
        }

        public ForeignProvince(String detail, String field, String fieldMessage) {
            super(detail, field, fieldMessage);
        }
    }

    /** The resource is not in a state that allows this change (a status move the workflow forbids, say). */
    public static final class WorkflowViolation extends DomainException {

        public WorkflowViolation(String detail) {
            super(detail, null, null);
        }

        public WorkflowViolation(String detail, String field, String fieldMessage) {
            super(detail, field, fieldMessage);
        }
    }

    /** The request would create what exists already (a plan for a year that has one, say). */
    public static final class AlreadyExists extends DomainException {

        public AlreadyExists(String detail, String field, String fieldMessage) {
            super(detail, field, fieldMessage);
        }
    }

    /** The change was made against a version of the resource that is no longer current. */
    public static final class StaleVersion extends DomainException {

        public StaleVersion(String detail, String field, String fieldMessage) {
            super(detail, field, fieldMessage);
        }
    }

    /** The change did not say which version it was made against. */
    public static final class VersionRequired extends DomainException {

        public VersionRequired(String detail, String field) {
            super(detail, field, "is required");
        }
    }
}
