package org.prioritytracker.task;

import org.junit.jupiter.api.Test;
import org.prioritytracker.testsupport.ArchitectureRules;

/** The feature folders depend on each other one way only, and no lib depends on this service (docs/development.md). */
class ArchitectureTest {

    @Test
    void featureFoldersHaveNoCyclesAndNoLibDependsOnTheService() {
        ArchitectureRules.check("org.prioritytracker.task");
    }
}
