package org.copr.testing;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The structure every service keeps, checked by a small test in each (they run with the rest of its
 * tests): no package cycles, REST resources never touch entities, only runtime produces to Kafka,
 * contracts depend on nothing of ours. {@code ArchitectureRulesTest} shows each failing.
 */
public final class ArchitectureRules {
  public static final String RUNTIME = "org.copr.runtime..";
  public static final String KAFKA_PRODUCERS = "org.apache.kafka.clients.producer..";

  private ArchitectureRules() {}

  /** The main classes (not the tests) under a package, from the class path. */
  public static JavaClasses mainClasses(String rootPackage) {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(rootPackage);
  }

  /** Checks every rule on a service's main classes, e.g. {@code "org.copr.scheduler"}. */
  public static void checkService(String rootPackage) {
    JavaClasses classes = mainClasses(rootPackage);
    noPackageCycles(rootPackage).check(classes);
    resourcesDoNotTouchEntities().check(classes);
    onlyRuntimeUsesKafkaProducers().check(classes);
  }

  /**
   * The feature packages under the root (each with its subpackages) depend on each other one way.
   */
  public static ArchRule noPackageCycles(String rootPackage) {
    return slices()
        .matching(rootPackage + ".(*)..")
        .should()
        .beFreeOfCycles()
        .because("a package of a feature must be readable without the ones that use it");
  }

  /** Resources call services (which own the transactions); entities stay behind them. */
  public static ArchRule resourcesDoNotTouchEntities() {
    return noClasses()
        .that()
        .areAnnotatedWith("jakarta.ws.rs.Path")
        .should()
        .dependOnClassesThat()
        .areAnnotatedWith("jakarta.persistence.Entity")
        .because("a resource answers with records that a service made from the entities")
        .allowEmptyShould(true); // repo-worker serves files from a Vert.x route, no resources
  }

  /** The outbox relay and the keyed sender in runtime are the one way events leave a service. */
  public static ArchRule onlyRuntimeUsesKafkaProducers() {
    return noClasses()
        .that()
        .resideOutsideOfPackage(RUNTIME)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(KAFKA_PRODUCERS)
        .because("runtime's senders hold the producer settings and the retry rule once");
  }

  /**
   * Classes under {@code rootPackage} use nothing of ours outside it ({@code "org.copr.contracts"}:
   * outside consumers read the wire from contracts alone).
   */
  public static ArchRule dependOnNothingOfOursOutside(String rootPackage) {
    return noClasses()
        .that()
        .resideInAPackage(rootPackage + "..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("org.copr..").and(not(resideInAPackage(rootPackage + ".."))))
        .because("it is the one description of the wire, used by every service and outsiders");
  }
}
