package org.copr.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * Each rule fails on a deliberately broken example (classes under {@code brokenarch} in these test
 * sources), so a rule that passes in a service passes because the service keeps it.
 */
class ArchitectureRulesTest {
  private static final String BROKEN = "org.copr.testing.brokenarch";
  private static final JavaClasses EXAMPLES = new ClassFileImporter().importPackages(BROKEN);

  @Test
  void aPackageCycleFails() {
    assertThatThrownBy(() -> ArchitectureRules.noPackageCycles(BROKEN).check(EXAMPLES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected")
        .hasMessageContaining("Parcel")
        .hasMessageContaining("Sender");
  }

  @Test
  void aResourceThatTouchesAnEntityFails() {
    assertThatThrownBy(() -> ArchitectureRules.resourcesDoNotTouchEntities().check(EXAMPLES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("LeakyResource")
        .hasMessageContaining("LeakyEntity");
  }

  @Test
  void aKafkaProducerOutsideRuntimeFails() {
    assertThatThrownBy(() -> ArchitectureRules.onlyRuntimeUsesKafkaProducers().check(EXAMPLES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("LeakyResource")
        .hasMessageContaining("org.apache.kafka.clients.producer");
  }

  @Test
  void aWireModuleThatUsesOtherCodeOfOursFails() {
    assertThatThrownBy(
            () ->
                ArchitectureRules.dependOnNothingOfOursOutside(BROKEN + ".contracts")
                    .check(EXAMPLES))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("WireRecord")
        .hasMessageContaining("TestRpms");
  }

  /** The real contracts module (on this module's class path) keeps its rule. */
  @Test
  void contractsDependOnNothingOfOurs() {
    JavaClasses contracts = ArchitectureRules.mainClasses("org.copr.contracts");
    assertThatCode(
            () ->
                ArchitectureRules.dependOnNothingOfOursOutside("org.copr.contracts")
                    .check(contracts))
        .doesNotThrowAnyException();
  }
}
