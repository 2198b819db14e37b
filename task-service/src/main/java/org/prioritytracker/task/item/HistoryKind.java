package org.prioritytracker.task.item;

/** What a history entry records. */
public enum HistoryKind {
    /** The ministry added the item to its priority. */
    CREATED,
    /** The item moved in the workflow. */
    STATUS_CHANGED,
    /** The ministry edited descriptive fields (named in the entry). */
    EDITED,
    /** The ministry archived the item: it expects no more reports and takes no more changes. */
    ARCHIVED
}
