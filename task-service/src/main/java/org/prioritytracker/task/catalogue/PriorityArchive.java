package org.prioritytracker.task.catalogue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.prioritytracker.task.item.ItemService;
import org.prioritytracker.task.priority.Priority;
import org.prioritytracker.task.priority.PriorityService;

/**
 * Archives a priority with its active sub-items, for one reason, in one transaction: the priority's row
 * is locked and checked first, its sub-items' events come before its own. Here rather than in
 * PriorityService, because a priority knows nothing of its sub-items (they refer to it).
 */
@ApplicationScoped
public class PriorityArchive {

    private final PriorityService priorities;
    private final ItemService items;

    public PriorityArchive(PriorityService priorities, ItemService items) {
        this.priorities = priorities;
        this.items = items;
    }

    @Transactional
    public Priority archive(String code, String reason, String ifMatch, String actor) {
        Priority priority = priorities.lockCurrent(code, ifMatch);
        items.archiveActiveOf(code, reason, actor);
        return priorities.archiveLocked(priority, reason, actor);
    }
}
