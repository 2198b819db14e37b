package org.prioritytracker.task.catalogue;

import java.util.ArrayList;
import java.util.List;
import org.prioritytracker.problem.Problem;
import org.prioritytracker.problem.ProblemException;
import org.prioritytracker.task.plan.PlanCodes;
import org.prioritytracker.task.seed.SeedFiles;
import org.prioritytracker.task.seed.SeedFiles.ItemSeed;
import org.prioritytracker.task.seed.SeedFiles.PrioritiesFile;
import org.prioritytracker.task.seed.SeedFiles.PrioritySeed;

/**
 * Checks a plan file (the seed format of seeds/priorities.json) before anything is stored, naming
 * every bad field by its path (priorities[2].items[0].titleZh). Codes and positions may be left out:
 * a row's place gives them. Where given they must be the ones its place gives, so that a file never
 * means other codes than those the plan ends up with.
 */
final class PlanFileCheck {

    private static final int TITLE_MAX = 500;
    private static final int SOURCE_TEXT_MAX = 2000;

    private final List<Problem.FieldError> errors = new ArrayList<>();

    private PlanFileCheck() {}

    static void requireValid(PrioritiesFile file) {
        PlanFileCheck check = new PlanFileCheck();
        check.file(file);
        if (!check.errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(check.errors));
        }
    }

    private void file(PrioritiesFile file) {
        if (file.formatVersion() != SeedFiles.FORMAT_VERSION) {
            error("formatVersion", "must be " + SeedFiles.FORMAT_VERSION);
        }
        boolean yearValid = file.planYear() >= 2000 && file.planYear() <= 2100;
        if (!yearValid) {
            error("planYear", "must lie between 2000 and 2100");
        }
        title("planTitleZh", file.planTitleZh());
        title("planTitleEn", file.planTitleEn());
        List<PrioritySeed> priorities = file.priorities();
        if (priorities == null || priorities.isEmpty()) {
            error("priorities", "must list at least one priority");
            return;
        }
        if (priorities.size() > PlanCodes.MAX_PRIORITIES) {
            error("priorities", "must list at most " + PlanCodes.MAX_PRIORITIES);
            return;
        }
        for (int p = 0; p < priorities.size(); p++) {
            String path = "priorities[" + p + "]";
            PrioritySeed priority = priorities.get(p);
            if (priority == null) {
                error(path, "must be an object");
                continue;
            }
            String code = PlanCodes.priorityCode(file.planYear(), p + 1);
            if (yearValid) {
                codeAndPlace(path, priority.code(), code, priority.position(), p + 1);
            }
            title(path + ".titleZh", priority.titleZh());
            title(path + ".titleEn", priority.titleEn());
            items(path, code, priority.items(), yearValid ? file.planYear() : 0);
        }
    }

    /** @param planYear 0 when the file's year is invalid: then codes and dates are not compared with it */
    private void items(String path, String priorityCode, List<ItemSeed> items, int planYear) {
        if (items == null) {
            error(path + ".items", "must be a list (it may be empty)");
            return;
        }
        if (items.size() > PlanCodes.MAX_ITEMS) {
            error(path + ".items", "must list at most " + PlanCodes.MAX_ITEMS);
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + ".items[" + i + "]";
            ItemSeed item = items.get(i);
            if (item == null) {
                error(itemPath, "must be an object");
                continue;
            }
            if (planYear != 0) {
                codeAndPlace(itemPath, item.code(), PlanCodes.itemCode(priorityCode, i + 1), 0, 0);
            }
            title(itemPath + ".titleZh", item.titleZh());
            title(itemPath + ".titleEn", item.titleEn());
            if (item.sourceText() != null && item.sourceText().length() > SOURCE_TEXT_MAX) {
                error(itemPath + ".sourceText", "must be at most " + SOURCE_TEXT_MAX + " characters");
            }
            if (item.dueDate() == null) {
                error(itemPath + ".dueDate", "is required");
            } else if (planYear != 0 && item.dueDate().getYear() < planYear) {
                error(itemPath + ".dueDate", "must not be before the plan's year " + planYear);
            }
        }
    }

    private void codeAndPlace(String path, String code, String expectedCode, int position, int expectedPosition) {
        if (code != null && !code.equals(expectedCode)) {
            error(path + ".code", "must be " + expectedCode + " (the code its place gives) or left out");
        }
        if (position != 0 && position != expectedPosition) {
            error(path + ".position", "must be " + expectedPosition + " (its place in the list) or left out");
        }
    }

    private void title(String path, String text) {
        if (text == null || text.isBlank()) {
            error(path, "is required");
        } else if (text.strip().length() > TITLE_MAX) {
            error(path, "must be at most " + TITLE_MAX + " characters");
        }
    }

    private void error(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }
}
