package org.prioritytracker.task.province;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import org.prioritytracker.outbox.OutboxWriter;
import org.prioritytracker.problem.DomainException;
import org.prioritytracker.problem.Preconditions;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.time.PlanCalendar;

/**
 * Deactivates and reactivates reporting bureaus. A deactivated bureau owes no report whose deadline
 * falls after the moment it was deactivated (progress-service counts obligations so); what it reported
 * stays. Reactivating clears that moment: the bureau then owes every due period again, the ones
 * during its deactivation included.
 */
@ApplicationScoped
public class ProvinceService {

    private final OutboxWriter outbox;
    private final Clock clock;

    public ProvinceService(OutboxWriter outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    public Province get(String code) {
        Province province = Province.findById(code);
        if (province == null) {
            throw notFound(code);
        }
        return province;
    }

    /** Deactivates the bureau (active false) or reactivates it (true); 409 when it is so already. */
    @Transactional
    public Province setActive(String code, boolean active, BureauStatusRequest request, String ifMatch, String actor) {
        Province province = lockCurrent(code, ifMatch);
        if (province.isActive() == active) {
            throw new DomainException.WorkflowViolation(
                    active
                            ? "Bureau " + code + " is active."
                            : "Bureau " + code + " has been deactivated since " + province.deactivatedAt + ".");
        }
        province.deactivatedAt = active ? null : PlanCalendar.now(clock);
        province.statusReason = request.reason().strip();
        province.version++;
        outbox.write(
                active ? ProvinceEvents.REACTIVATED : ProvinceEvents.DEACTIVATED,
                province.code,
                province.version,
                ProvinceEvents.StatusChanged.of(province, actor));
        return province;
    }

    private Province lockCurrent(String code, String ifMatch) {
        Province province = Province.findById(code, LockModeType.PESSIMISTIC_WRITE);
        if (province == null) {
            throw notFound(code);
        }
        Preconditions.requireCurrent(ifMatch, province.version, "bureau");
        return province;
    }

    private static ProblemException notFound(String code) {
        return ProblemException.notFound("No reporting bureau has the code '" + code + "'.");
    }
}
