package org.copr.api;

import org.copr.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The structure rules every service keeps (testing's ArchitectureRules), on this one's classes. */
class ApiArchitectureTest {
  @Test
  void keepsTheStructureRules() {
    ArchitectureRules.checkService("org.copr.api");
  }
}
